# An SMTP sink for the email tests, sourced by scripts/test.
#
# `need_smtp_sink` installs Debian's python3-aiosmtpd when the system Python cannot import
# aiosmtpd, and exports SMP_TEST_SMTP_PYTHON: the tests start `python3 -m aiosmtpd` on a
# free loopback port themselves, writing what it receives into a Maildir they read.

need_smtp_sink() {
  local python=/usr/bin/python3
  if ! "$python" -c 'import aiosmtpd' >/dev/null 2>&1; then
    printf '\n==> installing the aiosmtpd SMTP server from the system packages\n'
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
      sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
  fi
  SMP_TEST_SMTP_PYTHON="$python"
  export SMP_TEST_SMTP_PYTHON
  echo "aiosmtpd $("$python" -c 'import aiosmtpd; print(aiosmtpd.__version__)'), $python"
}
