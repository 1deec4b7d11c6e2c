// @ts-check
/**
 * Produces the campaign report the way a user does, with `scripts/demo.js` (the quickstart through
 * n8n's engine on the built nodes), into a fresh temporary folder. Plain JS: it needs Node built-ins.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function produceDemoReport() {
	const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-ads-report-'));
	const stdout = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'demo.js'), '--out', outDir], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
	});
	const reportFile = path.join(outDir, 'report.html');
	return { outDir, reportFile, html: fs.readFileSync(reportFile, 'utf8'), stdout };
}

module.exports = { produceDemoReport };
