// CommonJS bridge to ml-kmeans, which is ESM-only: runs mlKmeansRunner.mjs in a child Node process
// and exchanges JSON over stdin/stdout. Used by test/lib/segment tests (which may not import Node
// builtins themselves).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const runner = path.join(__dirname, 'mlKmeansRunner.mjs');

function runMlKmeans(job) {
	const out = spawnSync(process.execPath, [runner], {
		input: JSON.stringify(job),
		encoding: 'utf8',
		maxBuffer: 1024 * 1024 * 512,
		cwd: path.join(__dirname, '..', '..'),
	});
	if (out.status !== 0) {
		throw new Error(`ml-kmeans runner failed (${out.status}): ${out.stderr}`);
	}
	return JSON.parse(out.stdout);
}

module.exports = { runMlKmeans };
