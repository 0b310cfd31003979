# Headless Chromium and ChromeDriver for the browser tests, sourced by scripts/test.
#
# `need_chromium` installs Debian's chromium and chromium-driver packages when either is
# missing and exports SMP_TEST_CHROMIUM and SMP_TEST_CHROMEDRIVER for the tests, which
# start ChromeDriver themselves on a free port. Nothing is downloaded but the packages.

need_chromium() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    printf '\n==> installing Chromium and ChromeDriver from the system packages\n'
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
      sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  SMP_TEST_CHROMIUM="$(command -v chromium)"
  SMP_TEST_CHROMEDRIVER="$(command -v chromedriver)"
  export SMP_TEST_CHROMIUM SMP_TEST_CHROMEDRIVER
  echo "$("$SMP_TEST_CHROMEDRIVER" --version | cut -d' ' -f1-2), $SMP_TEST_CHROMIUM"
}
