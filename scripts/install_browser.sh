#!/bin/sh
# Install Debian's Chromium (and its driver) for the browser tests (`pytest -m browser`).
#
# Why Debian's package and not `playwright install`: the distribution build is signed, updated by
# apt with the rest of the system and needs no download from a CDN outside Debian's mirrors.
# Playwright drives it through `executable_path="/usr/bin/chromium"`.
#
# Idempotent: does nothing when /usr/bin/chromium already exists. Runs apt-get as root, or through
# sudo when not root and sudo is available; otherwise says what to do and exits 1.
set -eu

if [ -x /usr/bin/chromium ]; then
    echo "install_browser: /usr/bin/chromium is already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install_browser: need root or sudo to install chromium;" \
         "run 'apt-get install chromium chromium-driver' as root" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: apt-get not found; install Chromium at /usr/bin/chromium by hand" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    chromium chromium-driver

if [ ! -x /usr/bin/chromium ]; then
    echo "install_browser: apt-get finished but /usr/bin/chromium is missing" >&2
    exit 1
fi
echo "install_browser: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
