// Runs before every test file: the engine needs reflect-metadata loaded first and a user folder
// of its own (otherwise n8n-core writes settings into the home folder).
require('reflect-metadata');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), `journey-ads-test-${process.pid}`);
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
