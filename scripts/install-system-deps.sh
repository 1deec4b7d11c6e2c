#!/usr/bin/env bash
# Installs what the tests need from the operating system, not from npm: Chromium (Debian's package),
# which the report test drives headless through playwright-core. Idempotent: does nothing when
# everything is already there. Needs root or sudo for apt-get.
#
#   bash scripts/install-system-deps.sh
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
	echo "system dependencies present: chromium ($(chromium --version 2>/dev/null || echo 'version unknown'))"
	exit 0
fi

if [ "$(id -u)" = 0 ]; then
	SUDO=()
elif command -v sudo >/dev/null 2>&1; then
	SUDO=(sudo)
else
	echo "need root (or sudo) to apt-get install: ${missing[*]}" >&2
	exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "no apt-get here: install ${missing[*]} with this system's package manager" >&2
	exit 1
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
chromium --version
