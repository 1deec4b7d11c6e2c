// Runs before every test file: the engine needs reflect-metadata loaded first and a user folder
// of its own (otherwise n8n-core writes settings into the home folder). The folder is new for
// each jest worker, and the encryption key is set for it, so no run sees another run's settings.
require('reflect-metadata');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-ads-test-'));
}
if (!process.env.N8N_ENCRYPTION_KEY) {
	process.env.N8N_ENCRYPTION_KEY = crypto.randomBytes(24).toString('hex');
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// The engine logs node errors to the console; the tests assert on them instead.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
