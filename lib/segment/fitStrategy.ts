import { InputError } from '../util/errors';
import { Rng } from '../util/rng';
import { kmeansPlusPlus } from './initialization';
import type { KMeansOptions, KMeansResult } from './kmeans';
import { KMEANS_DEFAULTS, kmeans } from './kmeans';
import type { Matrix } from './matrix';
import { selectRows, squaredDistance } from './matrix';
import { sampleIndices } from './metrics';

/**
 * How k-means is fitted. `full`: every row, every iteration. `sample`: full k-means on a seeded
 * sample. `minibatch`: mini-batch k-means (Sculley 2010). `auto` (default): `full` up to
 * `fitThreshold` rows, `minibatch` above. Whatever the strategy, every row is assigned to its
 * nearest centroid at the end: nobody is left out.
 */
export type FitStrategy = 'auto' | 'full' | 'sample' | 'minibatch';
/**
 * Whether and how the gap to full k-means is measured. `none`: not measured. `full`: full k-means on
 * every row from the same initial centroids (as costly as the full fit). `heldOutSample`: an estimate:
 * on a seeded sample of rows (for `sample`, rows not in the fitting sample), the inertia of the
 * strategy's centroids against that of full k-means run on that sample alone from the same start.
 */
export type InertiaGapMode = 'none' | 'full' | 'heldOutSample';

export interface FitOptions {
	fitStrategy?: FitStrategy;
	/** `auto`: rows above which mini-batch is used. */
	fitThreshold?: number;
	/** Mini-batch: rows per batch. */
	batchSize?: number;
	/** Mini-batch: batches per initialisation (the batch count cap). */
	batches?: number;
	/** Rows in the fitting sample (`sample`), the k-means++ seeding sample (`minibatch`) and the held-out gap sample. */
	sampleSize?: number;
	inertiaGap?: InertiaGapMode;
}

export const FIT_DEFAULTS = {
	fitStrategy: 'auto' as FitStrategy,
	fitThreshold: 50_000,
	batchSize: 1024,
	batches: 200,
	sampleSize: 20_000,
	inertiaGap: 'none' as InertiaGapMode,
};

export interface InertiaGap {
	mode: Exclude<InertiaGapMode, 'none'>;
	/** Exactly what the two figures are. */
	label: string;
	/** Rows both inertias are measured on. */
	rows: number;
	strategyInertia: number;
	fullInertia: number;
	/** strategyInertia / fullInertia - 1 (0.01 = 1 % worse than full k-means). */
	relativeGap: number;
}

export interface FitReport {
	requested: FitStrategy;
	strategy: Exclude<FitStrategy, 'auto'>;
	/** Why this strategy, as one sentence. */
	reason: string;
	rows: number;
	/** Rows in the fitting sample (`sample`) or drawn in batches, counting repeats (`minibatch`); `rows` for `full`. */
	rowsFitted: number;
	batchSize: number | null;
	batches: number | null;
	/** Sum over ALL rows of the squared distance to the nearest of the strategy's centroids. */
	inertia: number;
	inertiaGap: InertiaGap | null;
}

type Resolved = typeof FIT_DEFAULTS;

/** Merge defaults and validate; errors name the field. */
export function resolveFitOptions(options: FitOptions = {}): Resolved {
	const o: Resolved = { ...FIT_DEFAULTS };
	for (const [key, value] of Object.entries(options)) {
		if (value !== undefined && key in FIT_DEFAULTS) (o as Record<string, unknown>)[key] = value;
	}
	if (!['auto', 'full', 'sample', 'minibatch'].includes(o.fitStrategy)) {
		throw new InputError(
			`fitStrategy must be 'auto', 'full', 'sample' or 'minibatch', got '${String(o.fitStrategy)}'`,
			undefined,
			'fitStrategy',
		);
	}
	if (!['none', 'full', 'heldOutSample'].includes(o.inertiaGap)) {
		throw new InputError(
			`inertiaGap must be 'none', 'full' or 'heldOutSample', got '${String(o.inertiaGap)}'`,
			undefined,
			'inertiaGap',
		);
	}
	for (const field of ['fitThreshold', 'batchSize', 'batches', 'sampleSize'] as const) {
		const v = o[field];
		if (!Number.isInteger(v) || v < 1) {
			throw new InputError(
				`${field} must be a positive integer, got ${String(v)}`,
				undefined,
				field,
			);
		}
	}
	return o;
}

/** The strategy `auto` stands for at this many rows. */
export function resolveStrategy(requested: FitStrategy, rows: number, threshold: number): Exclude<FitStrategy, 'auto'> {
	if (requested !== 'auto') return requested;
	return rows > threshold ? 'minibatch' : 'full';
}

/**
 * One mini-batch step (Sculley 2010, algorithm 1), in place: every batch row is first assigned to its
 * nearest centroid as they stand at the start of the step; then, row by row, that centroid's count
 * grows by one and the centroid moves towards the row with learning rate 1 / count:
 * c <- (1 - 1/count) c + (1/count) x. `counts` carries over between steps (a centroid's count is the
 * rows it has absorbed so far, seeding counts none). Returns the largest squared centroid move.
 */
export function miniBatchStep(
	x: Matrix,
	batch: ArrayLike<number>,
	centroids: Float64Array,
	counts: Float64Array,
	k: number,
): number {
	const { data, cols: d } = x;
	const nearestOf = new Int32Array(batch.length);
	for (let b = 0; b < batch.length; b++) nearestOf[b] = nearestCentroid(data, batch[b], centroids, k, d);
	const before = Float64Array.from(centroids);
	for (let b = 0; b < batch.length; b++) {
		const c = nearestOf[b];
		counts[c] += 1;
		const eta = 1 / counts[c];
		const ci = c * d;
		const xi = batch[b] * d;
		for (let t = 0; t < d; t++) centroids[ci + t] += eta * (data[xi + t] - centroids[ci + t]);
	}
	let maxMove = 0;
	for (let c = 0; c < k; c++) {
		let s = 0;
		for (let t = 0; t < d; t++) {
			const diff = centroids[c * d + t] - before[c * d + t];
			s += diff * diff;
		}
		if (s > maxMove) maxMove = s;
	}
	return maxMove;
}

function nearestCentroid(data: Float64Array, i: number, centroids: Float64Array, k: number, d: number): number {
	let best = 0;
	let bestDistance = Infinity;
	for (let c = 0; c < k; c++) {
		const s = squaredDistance(data, i, centroids, c, d);
		if (s < bestDistance) {
			bestDistance = s;
			best = c;
		}
	}
	return best;
}

/**
 * Sum of squared distances of the given rows (all when omitted) to their nearest centroid. With
 * `labels` (one per row of `x`), each row's nearest centroid is written there in the same pass.
 */
export function inertiaToCentroids(
	x: Matrix,
	centroids: Float64Array,
	k: number,
	rowsOf?: ArrayLike<number>,
	labels?: Int32Array,
): number {
	const { data, cols: d } = x;
	const count = rowsOf ? rowsOf.length : x.rows;
	let total = 0;
	for (let p = 0; p < count; p++) {
		const i = rowsOf ? rowsOf[p] : p;
		const c = nearestCentroid(data, i, centroids, k, d);
		if (labels) labels[i] = c;
		total += squaredDistance(data, i, centroids, c, d);
	}
	return total;
}

export interface MiniBatchOptions {
	batchSize?: number;
	batches?: number;
	/** Stop early once a step moves no centroid more than this squared distance (default: KMEANS_DEFAULTS.tolerance). */
	tolerance?: number;
	seed?: number | string;
	/** Initial centroids (k x d row-major); default: k-means++ on a seeded sample of `sampleSize` rows. */
	initialCentroids?: Float64Array;
	sampleSize?: number;
	nInit?: number;
}

/** Mini-batch k-means result: labels and inertia cover every row; `initialCentroids` of the winning run. */
export interface MiniBatchResult extends KMeansResult {
	initialCentroids: Float64Array;
	rowsFitted: number;
}

/**
 * Mini-batch k-means (Sculley 2010): batches of `batchSize` rows drawn with a seeded generator,
 * each applied with {@link miniBatchStep}. With several initialisations (`nInit`), the one with the
 * lowest inertia over all rows wins. Every row is assigned to its nearest final centroid.
 */
export function miniBatchKMeans(x: Matrix, k: number, options: MiniBatchOptions = {}): MiniBatchResult {
	const batchSize = options.batchSize ?? FIT_DEFAULTS.batchSize;
	const batches = options.batches ?? FIT_DEFAULTS.batches;
	const sampleSize = options.sampleSize ?? FIT_DEFAULTS.sampleSize;
	const tolerance = options.tolerance ?? KMEANS_DEFAULTS.tolerance;
	const nInit = options.initialCentroids ? 1 : (options.nInit ?? KMEANS_DEFAULTS.nInit);
	resolveFitOptions({ batchSize, batches, sampleSize });
	if (!Number.isInteger(k) || k < 1 || k > x.rows) {
		throw new InputError(`k must be an integer in 1..${x.rows} (the rows), got ${k}`, undefined, 'k');
	}
	const { rows: n, cols: d } = x;
	const seed = options.seed ?? KMEANS_DEFAULTS.seed;
	const rng = new Rng(`${String(seed)}:minibatch`);
	let best: MiniBatchResult | null = null;
	const runs: KMeansResult['runs'] = [];
	let bestInit = 0;
	for (let run = 0; run < nInit; run++) {
		const initial = options.initialCentroids
			? Float64Array.from(options.initialCentroids)
			: seedOnSample(x, k, sampleSize, `${String(seed)}:seed${run}`);
		if (initial.length !== k * d) {
			throw new InputError(`initial centroids have ${initial.length} values, expected k x d = ${k * d}`, undefined, 'initialCentroids');
		}
		const centroids = Float64Array.from(initial);
		const counts = new Float64Array(k);
		const batch = new Int32Array(Math.min(batchSize, n));
		let steps = 0;
		let converged = false;
		while (steps < batches) {
			for (let b = 0; b < batch.length; b++) batch[b] = rng.int(n);
			steps++;
			const moved = miniBatchStep(x, batch, centroids, counts, k);
			if (moved <= tolerance && steps > 1) {
				converged = true;
				break;
			}
		}
		const labels = new Int32Array(n);
		const inertia = inertiaToCentroids(x, centroids, k, undefined, labels);
		runs.push({ inertia, iterations: steps, converged });
		if (best === null || inertia < best.inertia) {
			const sizes = new Int32Array(k);
			for (let i = 0; i < n; i++) sizes[labels[i]]++;
			best = {
				k,
				dims: d,
				centroids,
				labels,
				inertia,
				iterations: steps,
				converged,
				sizes,
				nInit,
				bestInit: run,
				runs,
				distanceEvaluations: steps * batch.length * k + n * k,
				initialCentroids: initial,
				rowsFitted: steps * batch.length,
			};
			bestInit = run;
		}
	}
	const winner = best as MiniBatchResult;
	return { ...winner, runs, bestInit };
}

function seedOnSample(x: Matrix, k: number, sampleSize: number, seed: string): Float64Array {
	const rowsOf = sampleIndices(x.rows, Math.max(sampleSize, k), `${seed}:sample`);
	return kmeansPlusPlus(selectRows(x, rowsOf), k, new Rng(seed)).centroids;
}

export interface FittedKMeans {
	result: KMeansResult;
	fit: FitReport;
}

/**
 * Fit k-means on `x` with the chosen strategy and report what was done. The result's labels and
 * inertia cover every row of `x`.
 */
export function fitKMeans(
	x: Matrix,
	k: number,
	kmeansOptions: KMeansOptions,
	fitOptions: FitOptions = {},
): FittedKMeans {
	const o = resolveFitOptions(fitOptions);
	const strategy = resolveStrategy(o.fitStrategy, x.rows, o.fitThreshold);
	const seed = kmeansOptions.seed ?? KMEANS_DEFAULTS.seed;
	const reason =
		o.fitStrategy === 'auto'
			? strategy === 'full'
				? `Full k-means: ${x.rows} rows are within the threshold of ${o.fitThreshold}.`
				: `Mini-batch k-means: ${x.rows} rows are above the threshold of ${o.fitThreshold}.`
			: `${strategyName(strategy)} was chosen by the user.`;
	let result: KMeansResult;
	let initial: Float64Array | null = null;
	let rowsFitted = x.rows;
	let fitSample: Int32Array | null = null;
	if (strategy === 'full') {
		result = kmeans(x, k, kmeansOptions);
	} else if (strategy === 'sample') {
		fitSample = sampleIndices(x.rows, Math.max(o.sampleSize, k), `${String(seed)}:fitSample`);
		const sampled = selectRows(x, fitSample);
		// nInit k-means++ seedings of the sample, each run to convergence on it; the lowest sample
		// inertia wins and its seeding is kept as the start for the gap run.
		let bestRun: KMeansResult | null = null;
		const nInit = kmeansOptions.nInit ?? KMEANS_DEFAULTS.nInit;
		for (let run = 0; run < nInit; run++) {
			const start = kmeansPlusPlus(sampled, k, new Rng(`${String(seed)}:sample${run}`)).centroids;
			const r = kmeans(sampled, k, { ...kmeansOptions, initialization: start });
			if (bestRun === null || r.inertia < bestRun.inertia) {
				bestRun = r;
				initial = start;
			}
		}
		const onSample = bestRun as KMeansResult;
		const labels = new Int32Array(x.rows);
		const inertia = inertiaToCentroids(x, onSample.centroids, k, undefined, labels);
		const sizes = new Int32Array(k);
		for (let i = 0; i < x.rows; i++) sizes[labels[i]]++;
		result = { ...onSample, labels, sizes, inertia };
		rowsFitted = fitSample.length;
	} else {
		const mb = miniBatchKMeans(x, k, {
			batchSize: o.batchSize,
			batches: o.batches,
			sampleSize: o.sampleSize,
			seed,
			tolerance: kmeansOptions.tolerance,
			nInit: kmeansOptions.nInit,
		});
		result = mb;
		initial = mb.initialCentroids;
		rowsFitted = mb.rowsFitted;
	}

	let gap: InertiaGap | null = null;
	if (o.inertiaGap !== 'none' && strategy !== 'full') {
		// Both runs start from the strategy's own initial centroids (the winning initialisation's).
		const start = initial as Float64Array;
		const startText = 'the same initial centroids';
		if (o.inertiaGap === 'full') {
			const full = kmeans(x, k, { ...kmeansOptions, initialization: start });
			gap = {
				mode: 'full',
				label: `Exact, on all ${x.rows} rows: inertia of the ${strategyName(strategy).toLowerCase()} centroids vs full k-means on all rows from ${startText}.`,
				rows: x.rows,
				strategyInertia: result.inertia,
				fullInertia: full.inertia,
				relativeGap: result.inertia / full.inertia - 1,
			};
		} else {
			const { rows: heldOut, disjoint } = heldOutRows(x.rows, o.sampleSize, fitSample, `${String(seed)}:heldOut`);
			const held = selectRows(x, heldOut);
			if (held.rows < k) {
				throw new InputError(
					`inertiaGap 'heldOutSample' needs at least k = ${k} held-out rows, got ${held.rows}: use 'full'`,
					undefined,
					'inertiaGap',
				);
			}
			const full = kmeans(held, k, { ...kmeansOptions, initialization: start });
			const strategyInertia = inertiaToCentroids(x, result.centroids, k, heldOut);
			gap = {
				mode: 'heldOutSample',
				label:
					`Estimate, on a held-out seeded sample of ${held.rows} rows` +
					(disjoint ? ' (none of them in the fitting sample)' : '') +
					`: inertia of the ${strategyName(strategy).toLowerCase()} centroids on that sample vs full k-means run on that sample alone from ${startText}.`,
				rows: held.rows,
				strategyInertia,
				fullInertia: full.inertia,
				relativeGap: strategyInertia / full.inertia - 1,
			};
		}
	}
	return {
		result,
		fit: {
			requested: o.fitStrategy,
			strategy,
			reason,
			rows: x.rows,
			rowsFitted,
			batchSize: strategy === 'minibatch' ? Math.min(o.batchSize, x.rows) : null,
			batches: strategy === 'minibatch' ? result.iterations : null,
			inertia: result.inertia,
			inertiaGap: gap,
		},
	};
}

function strategyName(s: Exclude<FitStrategy, 'auto'>): string {
	return s === 'full' ? 'Full k-means' : s === 'sample' ? 'Sampled k-means' : 'Mini-batch k-means';
}

/** A seeded sample of up to `size` rows outside `exclude` (all rows eligible when it is null or covers every row). */
function heldOutRows(
	n: number,
	size: number,
	exclude: Int32Array | null,
	seed: string,
): { rows: Int32Array; disjoint: boolean } {
	if (!exclude) return { rows: sampleIndices(n, size, seed), disjoint: false };
	const inFit = new Uint8Array(n);
	for (const i of exclude) inFit[i] = 1;
	const rest: number[] = [];
	for (let i = 0; i < n; i++) if (!inFit[i]) rest.push(i);
	if (rest.length === 0) return { rows: sampleIndices(n, size, seed), disjoint: false };
	const pick = sampleIndices(rest.length, size, seed);
	return { rows: Int32Array.from(pick, (p) => rest[p]), disjoint: true };
}
