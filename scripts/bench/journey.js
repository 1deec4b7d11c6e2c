#!/usr/bin/env node
// Benchmark of lib/journey (mapJourneys) against JSON.parse of the same records.
// Build first: npx tsc -p tsconfig.json   Then: node scripts/bench/journey.js [case ...]
// Prints one JSON line per case. Each case runs in a child process of its own (with a larger heap and
// --expose-gc), so peakRssMB is that case's own peak resident set size.
//   journey-10k, journey-100k, journey-1m: records of the seeded sample company (HubSpot, GA4,
//   Mailchimp, Meta Ads, Shopify, support; ~95% of them events) serialised as JSON lines. The case
//   times JSON.parse of every line, then mapJourneys on the parsed records (pseudonymized, default
//   options). ratioToJsonParse = journey-building time / JSON.parse time, both measured in the same
//   process after a warm-up run of each on a small set.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

// BENCH_ROOT: another build root holding dist/ (default: this repository).
const root = process.env.BENCH_ROOT || path.join(__dirname, '..', '..');
const dist = (p) => path.join(root, 'dist', 'lib', p);

const CASES = {
	'journey-10k': 10_000,
	'journey-100k': 100_000,
	'journey-1m': 1_000_000,
};

/** Serialise sample records as JSON lines until `n` records (whole customers, so ~n). */
function sampleLines(n, seed) {
	const { iterateSampleRecords } = require(dist('sample/index.js'));
	// ~33 records per customer with the default mix; ask for a few more and stop at n.
	const customers = Math.max(20, Math.ceil(n / 30));
	const lines = [];
	for (const record of iterateSampleRecords({ seed, customers })) {
		lines.push(JSON.stringify(record));
		if (lines.length >= n) break;
	}
	return lines;
}

function gc() {
	if (typeof global.gc === 'function') global.gc();
}

function runCase(name) {
	const n = CASES[name];
	const { mapJourneys } = require(dist('journey/index.js'));
	const options = { secret: 'bench-secret-0123456789' };

	// Warm-up of both paths on a small set, so neither is measured cold.
	const warm = sampleLines(5000, 7).map((l) => JSON.parse(l));
	mapJourneys(warm, options);

	const lines = sampleLines(n, 42);
	let bytes = 0;
	for (const l of lines) bytes += l.length + 1;
	gc();
	let t = process.hrtime.bigint();
	const records = new Array(lines.length);
	for (let i = 0; i < lines.length; i++) records[i] = JSON.parse(lines[i]);
	const parseMs = Number(process.hrtime.bigint() - t) / 1e6;
	lines.length = 0;
	gc();
	t = process.hrtime.bigint();
	const result = mapJourneys(records, options);
	const journeyMs = Number(process.hrtime.bigint() - t) / 1e6;
	const c = result.journeyMap.counts;
	if (c.recordsIn !== c.recordsUsed + c.recordsRejected) throw new Error('record accounting broken');
	return {
		case: name,
		records: records.length,
		jsonMB: Math.round(bytes / 1e5) / 10,
		journeys: result.journeys.length,
		journeyMs: Math.round(journeyMs),
		jsonParseMs: Math.round(parseMs),
		eventsPerSec: Math.round(records.length / (journeyMs / 1000)),
		ratioToJsonParse: Math.round((journeyMs / parseMs) * 100) / 100,
		peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
	};
}

function main() {
	const child = process.env.JOURNEY_BENCH_CASE;
	if (child) {
		process.stdout.write(`${JSON.stringify(runCase(child))}\n`);
		return;
	}
	const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(CASES);
	for (const name of wanted) {
		if (!CASES[name]) {
			process.stderr.write(`unknown case ${name}; known: ${Object.keys(CASES).join(', ')}\n`);
			process.exitCode = 2;
			continue;
		}
		const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', __filename], {
			env: { ...process.env, JOURNEY_BENCH_CASE: name },
			encoding: 'utf8',
			maxBuffer: 1 << 24,
		});
		if (r.status !== 0) {
			process.stderr.write(r.stderr || `case ${name} failed\n`);
			process.exitCode = 1;
			continue;
		}
		process.stdout.write(r.stdout);
	}
}

main();
