#!/usr/bin/env node
// Benchmark of lib/segment k-means against ml-kmeans 7 (ESM-only, loaded with dynamic import()).
// Build first: npx tsc -p tsconfig.json   Then: node scripts/bench/kmeans.js [case ...]
// Prints one JSON line per case. Each case runs in a child process of its own, so peakRssMB is that
// case's own peak resident set size.
//   kmeans-100k, kmeans-1m: 100k / 1M rows x 12 columns, 8 planted Gaussian clusters, k = 8; both
//     libraries get the same data, the same number of initialisations (k-means++, 3 seeds each, best
//     inertia kept), the same tolerance (1e-6 squared centroid shift) and the same iteration cap.
//     Inertia is recomputed the same way for both: sum of squared distances to the assigned centroid.
//   kmeans-100k-same-init, kmeans-1m-same-init: the same data, one run each from the SAME initial
//     centroids (one k-means++ seeding from lib, handed to ml-kmeans as its initialization matrix),
//     so both do the same Lloyd steps from the same start: ms, iterations and ms per iteration for
//     each, read per step rather than end to end (the end-to-end cases above include seeding and
//     three initialisations). ms per iteration = the run's ms / its iterations.
//   (kmeans-1m-strategies, sampled and mini-batch against full k-means: kmeans-strategies.js.)
//   autok-100k: segmentCustomers on 100k synthetic journeys, k chosen over 2..10 (features, scaling,
//     k-means per k, silhouette on a 2000-row sample, Davies-Bouldin, profiles, projection).
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const dist = (p) => path.join(root, 'dist', 'lib', p);

const N_INIT = 3;
const K = 8;
const DIMS = 12;
const TOLERANCE = 1e-6;
const MAX_ITERATIONS = Number(process.env.BENCH_MAX_ITERATIONS || 100);

function plantedData(rows, seed) {
	const { Rng } = require(dist('util/rng.js'));
	const rng = new Rng(seed);
	const centres = [];
	for (let c = 0; c < K; c++) {
		const centre = [];
		for (let t = 0; t < DIMS; t++) centre.push(rng.normal(0, 2));
		centres.push(centre);
	}
	const data = new Float64Array(rows * DIMS);
	for (let i = 0; i < rows; i++) {
		const centre = centres[rng.int(K)];
		for (let t = 0; t < DIMS; t++) data[i * DIMS + t] = centre[t] + rng.normal(0, 1.5);
	}
	return data;
}

function inertiaOf(data, rows, labels, centroids) {
	let total = 0;
	for (let i = 0; i < rows; i++) {
		const c = centroids[labels[i]];
		for (let t = 0; t < DIMS; t++) total += (data[i * DIMS + t] - c[t]) ** 2;
	}
	return total;
}

async function kmeansCase(name, rows) {
	const { kmeans } = require(dist('segment/kmeans.js'));
	const { kmeans: mlKmeans } = await import('ml-kmeans');
	const data = plantedData(rows, `bench:${name}`);
	const asRows = [];
	for (let i = 0; i < rows; i++) asRows.push(Array.from(data.subarray(i * DIMS, (i + 1) * DIMS)));

	let t0 = performance.now();
	const ours = kmeans({ data, rows, cols: DIMS }, K, {
		nInit: N_INIT,
		seed: 7,
		tolerance: TOLERANCE,
		maxIterations: MAX_ITERATIONS,
	});
	const ms = performance.now() - t0;
	const ourCentroids = [];
	for (let c = 0; c < K; c++)
		ourCentroids.push(Array.from(ours.centroids.subarray(c * DIMS, (c + 1) * DIMS)));
	const ourInertia = inertiaOf(data, rows, ours.labels, ourCentroids);

	t0 = performance.now();
	let theirs = null;
	let theirsIterations = [];
	for (let s = 0; s < N_INIT; s++) {
		const r = mlKmeans(asRows, K, {
			seed: 7 + s,
			initialization: 'kmeans++',
			tolerance: TOLERANCE,
			maxIterations: MAX_ITERATIONS,
		});
		const inertia = inertiaOf(data, rows, r.clusters, r.centroids);
		theirsIterations.push(r.iterations);
		if (theirs === null || inertia < theirs.inertia) theirs = { inertia, converged: r.converged };
	}
	const mlKmeansMs = performance.now() - t0;
	return {
		case: name,
		rows,
		dims: DIMS,
		k: K,
		nInit: N_INIT,
		maxIterations: MAX_ITERATIONS,
		ms: Math.round(ms),
		mlKmeansMs: Math.round(mlKmeansMs),
		speedupVsMlKmeans: Number((mlKmeansMs / ms).toFixed(2)),
		inertia: ourInertia,
		mlKmeansInertia: theirs.inertia,
		inertiaRatioVsMlKmeans: Number((ourInertia / theirs.inertia).toFixed(9)),
		iterations: ours.iterations,
		converged: ours.converged,
		mlKmeansIterations: theirsIterations,
		mlKmeansConverged: theirs.converged,
		distanceEvaluationsPerRowPerIteration: Number(
			(ours.distanceEvaluations / rows / Math.max(1, ours.iterations) / N_INIT).toFixed(3),
		),
		peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
	};
}

async function sameInitCase(name, rows) {
	const { kmeans } = require(dist('segment/kmeans.js'));
	const { kmeansPlusPlus } = require(dist('segment/initialization.js'));
	const { Rng } = require(dist('util/rng.js'));
	const { kmeans: mlKmeans } = await import('ml-kmeans');
	// The same data as the end-to-end case of the same size.
	const base = name.replace(/-same-init$/, '');
	const data = plantedData(rows, `bench:${base}`);
	const asRows = [];
	for (let i = 0; i < rows; i++) asRows.push(Array.from(data.subarray(i * DIMS, (i + 1) * DIMS)));
	const seeding = kmeansPlusPlus({ data, rows, cols: DIMS }, K, new Rng(7));
	const init = [];
	for (let c = 0; c < K; c++) init.push(Array.from(seeding.centroids.subarray(c * DIMS, (c + 1) * DIMS)));

	let t0 = performance.now();
	const ours = kmeans({ data, rows, cols: DIMS }, K, {
		initialization: init.map((c) => c.slice()),
		tolerance: TOLERANCE,
		maxIterations: MAX_ITERATIONS,
	});
	const ms = performance.now() - t0;
	const ourCentroids = [];
	for (let c = 0; c < K; c++)
		ourCentroids.push(Array.from(ours.centroids.subarray(c * DIMS, (c + 1) * DIMS)));

	t0 = performance.now();
	const theirs = mlKmeans(asRows, K, {
		initialization: init.map((c) => c.slice()),
		tolerance: TOLERANCE,
		maxIterations: MAX_ITERATIONS,
	});
	const mlKmeansMs = performance.now() - t0;
	const ourInertia = inertiaOf(data, rows, ours.labels, ourCentroids);
	const theirInertia = inertiaOf(data, rows, theirs.clusters, theirs.centroids);
	let sameLabels = 0;
	for (let i = 0; i < rows; i++) if (ours.labels[i] === theirs.clusters[i]) sameLabels++;
	const perIteration = ms / Math.max(1, ours.iterations);
	const mlPerIteration = mlKmeansMs / Math.max(1, theirs.iterations);
	return {
		case: name,
		rows,
		dims: DIMS,
		k: K,
		initialization: 'the same k-means++ centroids for both (lib seeding, seed 7)',
		maxIterations: MAX_ITERATIONS,
		ms: Math.round(ms),
		iterations: ours.iterations,
		converged: ours.converged,
		msPerIteration: Number(perIteration.toFixed(2)),
		mlKmeansMs: Math.round(mlKmeansMs),
		mlKmeansIterations: theirs.iterations,
		mlKmeansConverged: theirs.converged,
		mlKmeansMsPerIteration: Number(mlPerIteration.toFixed(2)),
		speedupVsMlKmeans: Number((mlKmeansMs / ms).toFixed(2)),
		perIterationSpeedupVsMlKmeans: Number((mlPerIteration / perIteration).toFixed(2)),
		inertiaRatioVsMlKmeans: Number((ourInertia / theirInertia).toFixed(9)),
		sameLabelShare: Number((sameLabels / rows).toFixed(6)),
		distanceEvaluationsPerRowPerIteration: Number(
			(ours.distanceEvaluations / rows / Math.max(1, ours.iterations)).toFixed(3),
		),
		peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
	};
}

function syntheticJourneys(rows) {
	const { Rng } = require(dist('util/rng.js'));
	const rng = new Rng('bench:journeys');
	const channels = ['email', 'paid_search', 'paid_social', 'organic_search', 'direct', 'display'];
	const stages = [
		'awareness',
		'consideration',
		'conversion',
		'retention',
		'advocacy',
		'churn-risk',
	];
	const regions = ['north', 'south', 'east', 'west'];
	const plans = ['free', 'basic', 'pro'];
	const asOf = Date.parse('2025-06-30T00:00:00Z');
	const out = [];
	for (let i = 0; i < rows; i++) {
		const type = rng.int(4);
		const touchpoints = 1 + Math.round(rng.exponential([3, 12, 6, 2][type]));
		const byChannel = {};
		const main = channels[(type * 2 + rng.int(2)) % channels.length];
		for (let t = 0; t < touchpoints; t++) {
			const ch = rng.chance(0.6) ? main : rng.pick(channels);
			byChannel[ch] = (byChannel[ch] || 0) + 1;
		}
		const converted = rng.chance([0.05, 0.7, 0.3, 0.1][type]);
		const conversions = converted ? 1 + rng.int(type === 1 ? 6 : 2) : 0;
		const lastSeen = asOf - Math.round(rng.exponential([20, 10, 40, 150][type])) * 86400000;
		const firstSeen = lastSeen - Math.round(rng.exponential(60)) * 86400000;
		out.push({
			customerId: `c${i}`,
			pseudonymized: true,
			firstSeen: new Date(firstSeen).toISOString(),
			lastSeen: new Date(lastSeen).toISOString(),
			stage: stages[converted ? 2 + rng.int(3) : type === 3 ? 5 : rng.int(2)],
			path: Object.keys(byChannel),
			touchpoints,
			converted,
			conversions,
			revenue: converted ? Math.round(conversions * rng.exponential([40, 120, 60, 30][type])) : 0,
			daysToConvert: converted ? Math.round(rng.exponential(14)) : null,
			engagement: { byChannel, byEvent: { page_view: touchpoints } },
			painPoints: rng.chance(0.1) ? ['checkout_error'] : [],
			attributes: { region: rng.pick(regions), plan: rng.pick(plans) },
			sources: ['bench'],
		});
	}
	return out;
}

async function autokCase(rows) {
	const { segmentCustomers } = require(dist('segment/segmenter.js'));
	const journeys = syntheticJourneys(rows);
	const t0 = performance.now();
	const result = segmentCustomers(journeys, {
		method: 'kmeans',
		k: 'auto',
		kMin: 2,
		kMax: 10,
		seed: 7,
	});
	const ms = performance.now() - t0;
	return {
		case: 'autok-100k',
		rows,
		kRange: [2, 10],
		ms: Math.round(ms),
		k: result.segments.length,
		kReason: result.segments[0].quality.kReason,
		peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
	};
}

async function runCase(name) {
	if (name === 'kmeans-100k') return kmeansCase(name, 100_000);
	if (name === 'kmeans-1m') return kmeansCase(name, 1_000_000);
	if (name === 'kmeans-100k-same-init') return sameInitCase(name, 100_000);
	if (name === 'kmeans-1m-same-init') return sameInitCase(name, 1_000_000);
	if (name === 'autok-100k') return autokCase(100_000);
	throw new Error(`unknown case ${name}`);
}

async function main() {
	const argv = process.argv.slice(2);
	if (argv[0] === '--case') {
		const result = await runCase(argv[1]);
		process.stdout.write(`${JSON.stringify(result)}\n`);
		return;
	}
	const cases =
		argv.length > 0
			? argv
			: [
					'kmeans-100k',
					'kmeans-100k-same-init',
					'kmeans-1m',
					'kmeans-1m-same-init',
					'autok-100k',
				];
	for (const name of cases) {
		const child = spawnSync(
			process.execPath,
			['--max-old-space-size=8192', __filename, '--case', name],
			{
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'inherit'],
				maxBuffer: 1024 * 1024 * 16,
			},
		);
		if (child.status !== 0) {
			process.stdout.write(`${JSON.stringify({ case: name, error: `exit ${child.status}` })}\n`);
			continue;
		}
		process.stdout.write(child.stdout);
	}
}

module.exports = { plantedData, dist, K, DIMS, N_INIT, TOLERANCE, MAX_ITERATIONS };

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack}\n`);
		process.exitCode = 1;
	});
}
