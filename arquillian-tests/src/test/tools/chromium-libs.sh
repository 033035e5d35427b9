#!/usr/bin/env bash
# The system libraries the Chromium of @sparticuz/chromium (ConsoleIT's browser) links to and does not bring itself:
# NSS, NSPR and expat. Installed once per machine (as root, from the Debian archive) when one is missing.
set -euo pipefail
missing=()
for pair in libnss3.so:libnss3 libnspr4.so:libnspr4 libexpat.so.1:libexpat1; do
  ldconfig -p | grep -q "${pair%%:*}" || missing+=("${pair##*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "the console's browser tests need ${missing[*]} and this user cannot install them: apt-get install ${missing[*]} (as root)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
