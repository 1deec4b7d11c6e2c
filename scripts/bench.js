#!/usr/bin/env node
// Benchmark entry point (`npm run bench`). Runs each case script in scripts/bench/ in its own
// process, so that peak memory figures belong to one case, and passes through what they print:
// one JSON object per line, {"case": "<name>", ...figures}. Figure names carry their unit
// (eventsPerSec, peakRssMB, ms) or say they are ratios (ratioTo..., speedupVs...).
// Usage: npm run bench [-- <filter>]   e.g. npm run bench -- journey
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, 'bench');
const filter = process.argv[2];
const files = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.js'))
	.filter((f) => !filter || f.includes(filter))
	.sort();
let failed = 0;
for (const file of files) {
	const result = spawnSync(process.execPath, ['--expose-gc', path.join(dir, file)], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: process.env,
	});
	if (result.status !== 0) {
		failed++;
		console.log(JSON.stringify({ case: file.replace(/\.js$/, ''), error: `exited with ${result.status}` }));
	}
}
process.exit(failed ? 1 : 0);
