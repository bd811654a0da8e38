#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing:
# chromium (browser tests) and postgresql (the PostgreSQL run). Needs root for apt-get;
# without it, says what is missing and carries on (the tests that need it say so loudly).
set -uo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "!! missing Debian packages: ${missing[*]} (not root, so not installing them)" >&2
  echo "!! install them with: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "== installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "!! apt-get could not install ${missing[*]}" >&2
exit 0
