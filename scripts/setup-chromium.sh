#!/usr/bin/env bash
# Install headless Chromium (Debian package `chromium`) for the report rendering test
# (crates/cli/tests/report_html.rs). Idempotent: does nothing when /usr/bin/chromium exists.
# Needs root (or sudo) and access to the Debian archive.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# fonts-dejavu-core: the report's plots name sans-serif; without any font Chromium renders no text.
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
