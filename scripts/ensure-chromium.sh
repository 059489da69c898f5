#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser test of the HTML report.
# Installs it with apt when it is missing (as root, or through sudo when that is available).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Failed to install Chromium: apt-get is not available on this machine." >&2
  echo "Fix: install Chromium so that /usr/bin/chromium exists, then run the tests again." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "Failed to install Chromium: not root, and sudo is not available." >&2
    echo "Fix: run 'apt-get install chromium' as root, then run the tests again." >&2
    exit 1
  fi
fi
echo "Installing Debian's chromium for the browser test (apt-get)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
test -x /usr/bin/chromium
echo "Chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
