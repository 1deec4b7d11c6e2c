#!/usr/bin/env bash
# Installs what the tests need from the operating system, not from npm, as Debian's packages:
# Chromium, which the report test drives headless through playwright-core; PostgreSQL, which the
# warehouse tests and benchmarks start on 127.0.0.1 (test/support/services.js); Redis, for n8n's
# queue mode in the end-to-end check (redis-server, and redis-cli from redis-tools). Idempotent: does nothing when
# everything is already there. Needs root or sudo for apt-get.
#
#   bash scripts/install-system-deps.sh
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Debian keeps PostgreSQL's server programs under /usr/lib/postgresql/<major>/bin, off PATH.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# redis-cli (the queue-mode check reads the stored Segmenter model with it) is Debian's redis-tools.
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)

if [ ${#missing[@]} -eq 0 ]; then
	echo "system dependencies present: chromium ($(chromium --version 2>/dev/null || echo 'version unknown')), $(ls -d /usr/lib/postgresql/*/bin | head -1), $(redis-server --version | cut -d' ' -f1-3)"
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
