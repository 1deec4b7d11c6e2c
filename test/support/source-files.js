// @ts-check
// The package's own TypeScript sources, for tests that read the code itself (test/ files cannot
// use node:fs under n8n's strict lint).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Every .ts file (not .d.ts) under the given folders of the package, relative paths and text.
 * @param {string[]} folders e.g. ['lib', 'nodes']
 * @returns {{ file: string, text: string }[]}
 */
function packageSources(folders) {
	/** @type {{ file: string, text: string }[]} */
	const out = [];
	/** @param {string} dir */
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
				out.push({
					file: path.relative(ROOT, full).split(path.sep).join('/'),
					text: fs.readFileSync(full, 'utf8'),
				});
			}
		}
	};
	for (const folder of folders) walk(path.join(ROOT, folder));
	return out;
}

module.exports = { packageSources };
