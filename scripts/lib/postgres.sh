# A throwaway PostgreSQL server for the tests, sourced by scripts/test.
#
# `start_test_postgres` installs PostgreSQL from the system's packages when it is missing,
# creates a fresh cluster in a temporary directory (trust authentication, listening only on
# 127.0.0.1, a free port), starts it, and exports SMP_TEST_POSTGRES_URL pointing at its
# `postgres` database; the tests create a database of their own from there. It runs the
# server as the `postgres` user when started as root (PostgreSQL refuses to run as root).
# `stop_test_postgres` stops it and removes the directory; scripts/test traps it on exit.

pg_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
    fi
  done | sort -V | tail -n 1
}

install_postgres() {
  if [[ -n "$(pg_bin_dir)" ]]; then
    return
  fi
  printf '\n==> installing PostgreSQL from the system packages\n'
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    sudo=(sudo)
  fi
  # The package starts no server we use; ours is a throwaway cluster below.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  if [[ -z "$(pg_bin_dir)" ]]; then
    echo "PostgreSQL was installed but no initdb was found under /usr/lib/postgresql" >&2
    return 1
  fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  return 1
}

start_test_postgres() {
  install_postgres
  local bin port as_user=()
  bin="$(pg_bin_dir)"
  port="$(free_port)"
  TEST_PG_DIR="$(mktemp -d /tmp/smp-test-pg.XXXXXX)"
  if [[ "$(id -u)" == 0 ]]; then
    chown postgres:postgres "$TEST_PG_DIR"
    as_user=(runuser -u postgres --)
  fi
  TEST_PG_RUN=("${as_user[@]}")
  TEST_PG_BIN="$bin"
  "${as_user[@]}" "$bin/initdb" -D "$TEST_PG_DIR/data" -U postgres --auth=trust \
    --encoding=UTF8 --no-locale >"$TEST_PG_DIR/initdb.log" 2>&1 || {
    cat "$TEST_PG_DIR/initdb.log" >&2
    return 1
  }
  # Many tests run at once, each with a pool: room for them. Durability is not what the
  # tests measure, but fsync stays on so that the kill test sees what a real server does.
  "${as_user[@]}" "$bin/pg_ctl" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$TEST_PG_DIR -c max_connections=400 -c shared_buffers=64MB" \
    start >/dev/null || {
    cat "$TEST_PG_DIR/server.log" >&2
    return 1
  }
  export SMP_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $TEST_PG_DIR)"
}

stop_test_postgres() {
  if [[ -n "${TEST_PG_DIR:-}" && -d "$TEST_PG_DIR/data" ]]; then
    "${TEST_PG_RUN[@]}" "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$TEST_PG_DIR"
  fi
}
