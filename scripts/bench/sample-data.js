#!/usr/bin/env node
// Benchmark of lib/sample: streams the seeded sample company (iterateSampleRecords) and counts records.
// Build first: npx tsc -p tsconfig.json   Then: node scripts/bench/sample-data.js
// Prints {"case":"sample-data","records":...,"eventsPerSec":...,"peakRssMB":...}. The run streams
// 40000 customers (about 1.3M records) without holding them, after a small warm-up.
'use strict';
const path = require('node:path');

// BENCH_ROOT: another build root holding dist/ (default: this repository).
const root = process.env.BENCH_ROOT || path.join(__dirname, '..', '..');
const { iterateSampleRecords } = require(path.join(root, 'dist', 'lib', 'sample', 'index.js'));

const customers = Number(process.env.BENCH_SAMPLE_CUSTOMERS || 40000);
let n = 0;
for (const r of iterateSampleRecords({ seed: 7, customers: 500 })) if (r) n++;
n = 0;
const t = process.hrtime.bigint();
for (const r of iterateSampleRecords({ seed: 42, customers })) if (r) n++;
const ms = Number(process.hrtime.bigint() - t) / 1e6;
process.stdout.write(
	`${JSON.stringify({
		case: 'sample-data',
		customers,
		records: n,
		ms: Math.round(ms),
		eventsPerSec: Math.round(n / (ms / 1000)),
		peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
	})}\n`,
);
