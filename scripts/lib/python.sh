# Python tools the tests run, from the system's packages, sourced by scripts/test.
#
# `need_smtp_sink` installs Debian's python3-aiosmtpd when the system Python cannot import
# aiosmtpd, and openssl when it is missing, and exports SMP_TEST_SMTP_PYTHON: the tests
# start aiosmtpd (crates/server/src/smtp_sink.py) on a free loopback port themselves,
# writing what it receives into a Maildir they read; for TLS they make a throwaway
# certificate authority and a certificate for 127.0.0.1 with openssl.
#
# `need_ical_parser` installs Debian's python3-icalendar the same way and exports
# SMP_TEST_ICAL_PYTHON: the calendar feed tests parse the feeds with it.

SYSTEM_PYTHON=/usr/bin/python3

# $1: the Debian package to install.
install_system_package() {
  printf '\n==> installing %s from the system packages\n' "$1"
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

# $1: the module to import, $2: the Debian package that provides it.
need_python_module() {
  if ! "$SYSTEM_PYTHON" -c "import $1" >/dev/null 2>&1; then
    install_system_package "$2"
  fi
  echo "$1 $("$SYSTEM_PYTHON" -c "import $1; print($1.__version__)"), $SYSTEM_PYTHON"
}

need_smtp_sink() {
  need_python_module aiosmtpd python3-aiosmtpd
  if ! command -v openssl >/dev/null 2>&1; then
    install_system_package openssl
  fi
  openssl version
  SMP_TEST_SMTP_PYTHON="$SYSTEM_PYTHON"
  export SMP_TEST_SMTP_PYTHON
}

need_ical_parser() {
  need_python_module icalendar python3-icalendar
  SMP_TEST_ICAL_PYTHON="$SYSTEM_PYTHON"
  export SMP_TEST_ICAL_PYTHON
}
