#!/usr/bin/env node
// Benchmark of the Segmenter's fit strategies: sampled and mini-batch against full k-means on 1M rows.
// Build first: npx tsc -p tsconfig.json   Then: node scripts/bench/kmeans-strategies.js
// (or npm run bench -- kmeans-strategies). Prints one JSON line.
//   kmeans-1m-strategies: the kmeans-1m data; one k-means++ seeding on a seeded 20k-row sample (seed 7)
//     is the SAME start for three fits: full k-means on all 1M rows (one run), sampled k-means (full
//     k-means on the 20k sample, then every row assigned) and mini-batch k-means (Sculley 2010, 1024-row
//     batches, at most 200). Each ms includes assigning all 1M rows; each inertia is over all 1M rows
//     to that fit's centroids; ratios are to the full run. Also the default mini-batch fit end to end
//     (fitKMeans, 3 initialisations seeded on the sample) against full k-means with 3 k-means++
//     initialisations on all rows (kmeans(), as in kmeans-1m).
//   segmenter-1m-rows: segmentCustomers end to end on 1M plain rows (customerId, spend, visits; three
//     planted groups) with default options: Auto -> mini-batch, k chosen over 2..8 on a 20k sample,
//     then features, scaling, silhouette sample, profiles, projection and one output row per customer.
'use strict';
const { plantedData, dist, K, DIMS, N_INIT, TOLERANCE, MAX_ITERATIONS } = require('./kmeans.js');

async function strategiesCase(rows) {
	const { kmeans } = require(dist('segment/kmeans.js'));
	const { kmeansPlusPlus } = require(dist('segment/initialization.js'));
	const { fitKMeans, miniBatchKMeans, inertiaToCentroids } = require(dist('segment/fitStrategy.js'));
	const { sampleIndices } = require(dist('segment/metrics.js'));
	const { Rng } = require(dist('util/rng.js'));
	const SAMPLE = 20_000;
	const BATCH = 1024;
	const BATCHES = 200;
	const data = plantedData(rows, 'bench:kmeans-1m');
	const x = { data, rows, cols: DIMS };
	const sub = (idx) => {
		const out = new Float64Array(idx.length * DIMS);
		for (let p = 0; p < idx.length; p++) out.set(data.subarray(idx[p] * DIMS, (idx[p] + 1) * DIMS), p * DIMS);
		return { data: out, rows: idx.length, cols: DIMS };
	};
	const sample = sub(sampleIndices(rows, SAMPLE, 'bench:strategies'));
	const init = kmeansPlusPlus(sample, K, new Rng(7)).centroids;
	const opts = { tolerance: TOLERANCE, maxIterations: MAX_ITERATIONS };

	let t0 = performance.now();
	const full = kmeans(x, K, { ...opts, initialization: Float64Array.from(init) });
	const fullMs = performance.now() - t0;

	t0 = performance.now();
	const onSample = kmeans(sample, K, { ...opts, initialization: Float64Array.from(init) });
	// every row assigned, and its squared distance summed, in one pass (as fitKMeans does)
	const sampleInertia = inertiaToCentroids(x, onSample.centroids, K, undefined, new Int32Array(rows));
	const sampleMs = performance.now() - t0;

	t0 = performance.now();
	const mb = miniBatchKMeans(x, K, { initialCentroids: init, batchSize: BATCH, batches: BATCHES, tolerance: TOLERANCE, seed: 7 });
	const mbMs = performance.now() - t0;

	t0 = performance.now();
	const full3 = kmeans(x, K, { ...opts, nInit: N_INIT, seed: 7 });
	const full3Ms = performance.now() - t0;
	t0 = performance.now();
	const auto = fitKMeans(x, K, { ...opts, nInit: N_INIT, seed: 7 }, {});
	const autoMs = performance.now() - t0;

	const r = (a, b) => Number((a / b).toFixed(6));
	return {
		case: 'kmeans-1m-strategies',
		rows,
		dims: DIMS,
		k: K,
		sameInit: `one k-means++ seeding of a ${SAMPLE}-row sample (seed 7) for full, sampled and mini-batch`,
		full: { what: 'full k-means on all rows, 1 run', ms: Math.round(fullMs), iterations: full.iterations, converged: full.converged, inertia: full.inertia },
		sampled: {
			what: `full k-means on a ${SAMPLE}-row sample, then all rows assigned`,
			ms: Math.round(sampleMs),
			iterations: onSample.iterations,
			inertia: sampleInertia,
			inertiaRatioToFull: r(sampleInertia, full.inertia),
			timeRatioToFull: r(sampleMs, fullMs),
		},
		miniBatch: {
			what: `mini-batch k-means, ${BATCH}-row batches, at most ${BATCHES}, then all rows assigned`,
			ms: Math.round(mbMs),
			batches: mb.iterations,
			converged: mb.converged,
			inertia: mb.inertia,
			inertiaRatioToFull: r(mb.inertia, full.inertia),
			timeRatioToFull: r(mbMs, fullMs),
		},
		defaultsEndToEnd: {
			what: `fitKMeans with default options (auto -> ${auto.fit.strategy}, ${N_INIT} initialisations seeded on a sample) vs kmeans() with ${N_INIT} k-means++ initialisations on all rows`,
			ms: Math.round(autoMs),
			fullMs: Math.round(full3Ms),
			inertiaRatioToFull: r(auto.fit.inertia, full3.inertia),
			timeRatioToFull: r(autoMs, full3Ms),
		},
		peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
	};
}


async function segmenterCase(rows) {
	const { segmentCustomers } = require(dist('segment/segmenter.js'));
	const { Rng } = require(dist('util/rng.js'));
	const rng = new Rng('bench:segmenter-1m-rows');
	const groups = [
		[20, 2],
		[200, 10],
		[900, 30],
	];
	const input = [];
	for (let i = 0; i < rows; i++) {
		const [spend, visits] = groups[i % 3];
		input.push({ customerId: `c${i}`, spend: spend * (1 + rng.normal(0, 0.1)), visits: visits + rng.normal(0, 1) });
	}
	const t0 = performance.now();
	const result = segmentCustomers(input, { numericFields: ['spend', 'visits'], seed: 7 });
	const ms = performance.now() - t0;
	return {
		case: 'segmenter-1m-rows',
		rows,
		what: 'segmentCustomers with default options on plain rows, k automatic (2..8)',
		ms: Math.round(ms),
		k: result.diagnostics.k,
		customersAssigned: result.customers.length,
		fit: result.diagnostics.fit,
		peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
	};
}

strategiesCase(1_000_000)
	.then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
	.then(() => segmenterCase(1_000_000))
	.then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
	.catch((error) => {
		process.stderr.write(`${error.stack}\n`);
		process.exitCode = 1;
	});
