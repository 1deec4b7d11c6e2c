// Runs before every test file (jest setupFiles). Each jest worker gets its own n8n user folder and
// key (see n8n-env.js); the engine's console logger is silenced because the tests assert on errors.
require('./n8n-env');

process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
