#!/bin/sh
# Installs the Debian Chromium that `npm run bench` and the e2e tests drive (playwright-core does not download
# browsers here: no internet at run time, and the distribution build is the one the numbers were measured on).
set -eu

if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

$SUDO apt-get update
$SUDO apt-get install -y chromium
/usr/bin/chromium --version
