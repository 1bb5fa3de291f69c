#!/usr/bin/env bash
# Make sure headless Chromium (Debian's `chromium` package) is installed, for
# the review-page test (tests/test_review.py).  Prints the browser's path.
# Exit 0: available; 1: missing and cannot be installed (not root / no apt).
set -euo pipefail
for b in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$b" ]; then echo "$b"; exit 0; fi
done
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is not installed and cannot be installed here (needs root and apt-get): apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends chromium >&2 \
  || { apt-get update >&2 && apt-get install -y --no-install-recommends chromium >&2; }
[ -x /usr/bin/chromium ] && echo /usr/bin/chromium
