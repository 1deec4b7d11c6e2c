// @ts-check
// The environment n8n-core needs before it is loaded, set once for tests, the demo and benchmarks:
// reflect-metadata first, a user folder of this process's own (otherwise n8n-core writes settings
// into the home folder), a throwaway encryption key for that folder, and no telemetry.
require('reflect-metadata');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-ads-n8n-'));
}
if (!process.env.N8N_ENCRYPTION_KEY) {
	process.env.N8N_ENCRYPTION_KEY = crypto.randomBytes(24).toString('hex');
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
