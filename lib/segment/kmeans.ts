import { InputError } from '../util/errors';
import { stripUndefined } from '../util/object';
import { Rng } from '../util/rng';
import type { SeedingResult } from './initialization';
import { defaultLocalTrials, kmeansPlusPlus, randomRows } from './initialization';
import type { Matrix, MatrixInput } from './matrix';
import { toMatrix } from './matrix';

/** How initial centroids are chosen when none are given. */
export type InitializationMethod = 'kmeans++' | 'random';
/**
 * Assignment step. `hamerly` (default) keeps one upper and one lower distance bound per point and skips
 * the distance computations the bounds prove unnecessary (Hamerly 2010); it gives the same labels as
 * `lloyd`, the plain all-distances step, up to floating-point ties.
 */
export type AssignmentAlgorithm = 'hamerly' | 'lloyd';
/**
 * What happens to a centroid that loses all its points: `farthest` moves it onto the point farthest
 * from its own centroid (as scikit-learn); `keep` leaves it where it was (as ml-kmeans).
 */
export type EmptyClusterPolicy = 'farthest' | 'keep';

export interface KMeansOptions {
	/** Independent initialisations; the run with the lowest inertia wins. Ignored (1) with explicit centroids. */
	nInit?: number;
	/** Cap on update steps per initialisation. */
	maxIterations?: number;
	/**
	 * Converged when no centroid moved by more than this squared Euclidean distance in one step
	 * (the same rule as ml-kmeans; a step in which no label changes moves nothing, so it always ends there).
	 */
	tolerance?: number;
	seed?: number | string;
	/** A method, or explicit initial centroids (k rows of d numbers, or k*d row-major values). */
	initialization?: InitializationMethod | readonly (readonly number[])[] | Float64Array;
	/** k-means++ candidates per step; default 2 + floor(ln k). */
	localTrials?: number;
	algorithm?: AssignmentAlgorithm;
	emptyCluster?: EmptyClusterPolicy;
}

/** The defaults, merged in one place ({@link resolveKMeansOptions}). */
export const KMEANS_DEFAULTS = {
	nInit: 3,
	maxIterations: 300,
	tolerance: 1e-6,
	seed: 42 as number | string,
	initialization: 'kmeans++' as InitializationMethod,
	algorithm: 'hamerly' as AssignmentAlgorithm,
	emptyCluster: 'farthest' as EmptyClusterPolicy,
};

export interface KMeansResult {
	k: number;
	/** Columns of the data. */
	dims: number;
	/** k x dims, row-major. */
	centroids: Float64Array;
	/** Cluster of each row, 0..k-1. */
	labels: Int32Array;
	/** Sum over rows of the squared distance to the assigned centroid. */
	inertia: number;
	/** Update steps of the winning initialisation. */
	iterations: number;
	converged: boolean;
	/** Rows per cluster. */
	sizes: Int32Array;
	/** Initialisations run and the (0-based) one that won. */
	nInit: number;
	bestInit: number;
	/** Every initialisation's outcome, in run order. */
	runs: Array<{ inertia: number; iterations: number; converged: boolean }>;
	/** Distance computations performed (all initialisations, seeding excluded): shows what the bounds saved. */
	distanceEvaluations: number;
}

type ResolvedOptions = typeof KMEANS_DEFAULTS & { localTrials: number | undefined };

function resolveKMeansOptions(options: KMeansOptions): ResolvedOptions {
	const merged = { ...KMEANS_DEFAULTS, localTrials: undefined, ...stripUndefined(options) };
	if (!Number.isInteger(merged.nInit) || merged.nInit < 1) {
		throw new InputError(`nInit must be a positive integer, got ${String(merged.nInit)}`);
	}
	if (!Number.isInteger(merged.maxIterations) || merged.maxIterations < 1) {
		throw new InputError(
			`maxIterations must be a positive integer, got ${String(merged.maxIterations)}`,
		);
	}
	if (!(merged.tolerance >= 0) || !Number.isFinite(merged.tolerance)) {
		throw new InputError(
			`tolerance must be a finite number >= 0, got ${String(merged.tolerance)}`,
		);
	}
	if (merged.algorithm !== 'hamerly' && merged.algorithm !== 'lloyd') {
		throw new InputError(
			`algorithm must be 'hamerly' or 'lloyd', got ${String(merged.algorithm)}`,
		);
	}
	if (merged.emptyCluster !== 'farthest' && merged.emptyCluster !== 'keep') {
		throw new InputError(
			`emptyCluster must be 'farthest' or 'keep', got ${String(merged.emptyCluster)}`,
		);
	}
	return merged as ResolvedOptions;
}

/**
 * k-means clustering with k-means++ seeding, several initialisations and a Hamerly-accelerated
 * assignment step.
 *
 * @example
 * const r = kmeans([[0, 0], [0, 1], [10, 10], [10, 11]], 2, { seed: 1 });
 * // r.labels groups rows 0-1 and 2-3; r.inertia === 1
 */
export function kmeans(input: MatrixInput, k: number, options: KMeansOptions = {}): KMeansResult {
	const x = toMatrix(input);
	const opts = resolveKMeansOptions(options);
	const { rows: n, cols: d } = x;
	if (!Number.isInteger(k) || k < 1)
		throw new InputError(`k must be a positive integer, got ${k}`);
	if (k > n) {
		throw new InputError(`k = ${k} is larger than the number of rows (${n})`);
	}

	const explicit =
		typeof opts.initialization === 'string' ? null : explicitCentroids(opts.initialization, k, d);
	if (explicit === null && opts.initialization !== 'kmeans++' && opts.initialization !== 'random') {
		throw new InputError(
			`initialization must be 'kmeans++', 'random' or an array of centroids, got ${String(opts.initialization)}`,
		);
	}
	const nInit = explicit ? 1 : opts.nInit;
	const rng = new Rng(opts.seed);
	const trials = opts.localTrials ?? defaultLocalTrials(k);

	let best: SingleRun | null = null;
	let bestInit = 0;
	let evaluations = 0;
	const runs: KMeansResult['runs'] = [];
	for (let run = 0; run < nInit; run++) {
		const seeding: SeedingResult =
			explicit !== null
				? { indices: [], centroids: explicit }
				: opts.initialization === 'random'
					? randomRows(x, k, rng)
					: kmeansPlusPlus(x, k, rng, trials);
		const result = lloydRun(x, k, seeding, opts);
		evaluations += result.distanceEvaluations;
		runs.push({
			inertia: result.inertia,
			iterations: result.iterations,
			converged: result.converged,
		});
		if (best === null || result.inertia < best.inertia) {
			best = result;
			bestInit = run;
		}
	}
	const winner = best as SingleRun;
	return {
		k,
		dims: d,
		centroids: winner.centroids,
		labels: winner.labels,
		inertia: winner.inertia,
		iterations: winner.iterations,
		converged: winner.converged,
		sizes: winner.sizes,
		nInit,
		bestInit,
		runs,
		distanceEvaluations: evaluations,
	};
}

function explicitCentroids(
	init: readonly (readonly number[])[] | Float64Array,
	k: number,
	d: number,
): Float64Array {
	if (init instanceof Float64Array) {
		if (init.length !== k * d) {
			throw new InputError(
				`initial centroids have ${init.length} values, expected k x d = ${k * d}`,
			);
		}
		return toMatrix({ data: Float64Array.from(init), rows: k, cols: d }, 'initial centroids').data;
	}
	if (init.length !== k) {
		throw new InputError(`${init.length} initial centroids were given for k = ${k}`);
	}
	const m = toMatrix(init, 'initial centroids');
	if (m.cols !== d) {
		throw new InputError(`initial centroids have ${m.cols} columns, the data has ${d}`);
	}
	return Float64Array.from(m.data);
}

interface SingleRun {
	centroids: Float64Array;
	labels: Int32Array;
	inertia: number;
	iterations: number;
	converged: boolean;
	sizes: Int32Array;
	distanceEvaluations: number;
}

/**
 * One k-means run from given centroids. Each iteration is: update (centroids = means of their points),
 * convergence test on the centroid shift, then assignment. The first assignment is exhaustive; later
 * ones use Hamerly's bounds: u(i) >= distance to its centroid, l(i) <= distance to the second closest,
 * s(j) = half the distance from centroid j to its nearest other centroid. A point can only change
 * cluster if u(i) > max(s(a(i)), l(i)); after centroids move by p(j), u(i) grows by p(a(i)) and l(i)
 * shrinks by the largest move among the other centroids.
 */
function lloydRun(x: Matrix, k: number, seeding: SeedingResult, opts: ResolvedOptions): SingleRun {
	const { data, rows: n, cols: d } = x;
	const centroids = Float64Array.from(seeding.centroids);
	const next = new Float64Array(k * d);
	const labels = new Int32Array(n);
	const upper = new Float64Array(n);
	const lower = new Float64Array(n);
	const counts = new Int32Array(k);
	const sums = new Float64Array(k * d);
	const shift = new Float64Array(k);
	const half = new Float64Array(k);
	const hamerly = opts.algorithm === 'hamerly';
	let evaluations = 0;

	// First assignment: from the seeding when it tracked one (k-means++), otherwise exhaustive.
	const seeded = seeding.assignment;
	if (seeded) {
		labels.set(seeded.labels);
		for (let i = 0; i < n; i++) {
			upper[i] = Math.sqrt(seeded.nearest[i]);
			lower[i] = Math.sqrt(seeded.second[i]);
		}
	} else {
		evaluations += assignAll(data, n, d, centroids, k, labels, upper, lower);
	}

	// Per-cluster sums and counts; Hamerly's step keeps them current as rows move (only moved rows
	// cost anything), the exhaustive step recomputes them.
	computeSums(data, n, d, labels, counts, sums);
	let iterations = 0;
	let converged = false;
	while (iterations < opts.maxIterations) {
		iterations++;
		meansFromSums(sums, counts, k, d, centroids, next);
		if (opts.emptyCluster === 'farthest') relocateEmpty(data, n, d, k, counts, labels, next);
		const maxShiftSq = centroidShifts(centroids, next, k, d, shift);
		centroids.set(next);
		if (maxShiftSq <= opts.tolerance) {
			converged = true;
			break;
		}
		if (iterations >= opts.maxIterations) break;
		if (hamerly) {
			halfNearestCentroidDistances(centroids, k, d, half);
			evaluations += hamerlyAssign(
				data,
				n,
				d,
				centroids,
				k,
				labels,
				upper,
				lower,
				shift,
				half,
				counts,
				sums,
			);
		} else {
			evaluations += assignAll(data, n, d, centroids, k, labels, upper, lower);
			computeSums(data, n, d, labels, counts, sums);
		}
	}

	counts.fill(0);
	for (let i = 0; i < n; i++) counts[labels[i]]++;
	return {
		centroids,
		labels,
		inertia: sumSquaredDistances(data, n, d, centroids, labels),
		iterations,
		converged,
		sizes: Int32Array.from(counts),
		distanceEvaluations: evaluations,
	};
}

function assignAll(
	data: Float64Array,
	n: number,
	d: number,
	centroids: Float64Array,
	k: number,
	labels: Int32Array,
	upper: Float64Array,
	lower: Float64Array,
): number {
	for (let i = 0; i < n; i++) fullSearch(data, i, centroids, k, d, labels, upper, lower);
	return n * k;
}

/** Rows per cluster and the per-cluster column sums, from scratch. */
function computeSums(
	data: Float64Array,
	n: number,
	d: number,
	labels: Int32Array,
	counts: Int32Array,
	sums: Float64Array,
): void {
	sums.fill(0);
	counts.fill(0);
	for (let i = 0; i < n; i++) {
		const c = labels[i];
		counts[c]++;
		const ci = c * d;
		const xi = i * d;
		for (let t = 0; t < d; t++) sums[ci + t] += data[xi + t];
	}
}

/** Update step: each centroid becomes the mean of its rows (an empty one stays put here). */
function meansFromSums(
	sums: Float64Array,
	counts: Int32Array,
	k: number,
	d: number,
	centroids: Float64Array,
	next: Float64Array,
): void {
	for (let c = 0; c < k; c++) {
		const ci = c * d;
		if (counts[c] > 0) {
			const inv = 1 / counts[c];
			for (let t = 0; t < d; t++) next[ci + t] = sums[ci + t] * inv;
		} else {
			for (let t = 0; t < d; t++) next[ci + t] = centroids[ci + t];
		}
	}
}

/** Distance each centroid moved (into `shift`); returns the largest squared move. */
function centroidShifts(
	before: Float64Array,
	after: Float64Array,
	k: number,
	d: number,
	shift: Float64Array,
): number {
	let maxShiftSq = 0;
	for (let c = 0; c < k; c++) {
		let s = 0;
		const ci = c * d;
		for (let t = 0; t < d; t++) {
			const diff = after[ci + t] - before[ci + t];
			s += diff * diff;
		}
		shift[c] = Math.sqrt(s);
		if (s > maxShiftSq) maxShiftSq = s;
	}
	return maxShiftSq;
}

/** half[c] = half the distance from centroid c to its nearest other centroid (Infinity when k = 1). */
function halfNearestCentroidDistances(
	centroids: Float64Array,
	k: number,
	d: number,
	half: Float64Array,
): void {
	for (let c = 0; c < k; c++) {
		let nearest = Infinity;
		for (let o = 0; o < k; o++) {
			if (o === c) continue;
			let s = 0;
			for (let t = 0; t < d; t++) {
				const diff = centroids[c * d + t] - centroids[o * d + t];
				s += diff * diff;
			}
			if (s < nearest) nearest = s;
		}
		half[c] = 0.5 * Math.sqrt(nearest);
	}
}

/** Hamerly's assignment step; returns the distance evaluations it needed. */
function hamerlyAssign(
	data: Float64Array,
	n: number,
	d: number,
	centroids: Float64Array,
	k: number,
	labels: Int32Array,
	upper: Float64Array,
	lower: Float64Array,
	shift: Float64Array,
	half: Float64Array,
	counts: Int32Array,
	sums: Float64Array,
): number {
	let maxShift = 0;
	let secondShift = 0;
	let maxShiftIndex = -1;
	for (let c = 0; c < k; c++) {
		if (shift[c] > maxShift) {
			secondShift = maxShift;
			maxShift = shift[c];
			maxShiftIndex = c;
		} else if (shift[c] > secondShift) {
			secondShift = shift[c];
		}
	}
	let evaluations = 0;
	for (let i = 0; i < n; i++) {
		const a = labels[i];
		const u = upper[i] + shift[a];
		const l = lower[i] - (a === maxShiftIndex ? secondShift : maxShift);
		upper[i] = u;
		lower[i] = l;
		const bound = half[a] > l ? half[a] : l;
		if (u <= bound) continue;
		// Tighten the upper bound and test again before searching every centroid.
		let s = 0;
		const xi = i * d;
		const ai = a * d;
		for (let t = 0; t < d; t++) {
			const diff = data[xi + t] - centroids[ai + t];
			s += diff * diff;
		}
		evaluations++;
		const exact = Math.sqrt(s);
		upper[i] = exact;
		if (exact <= bound) continue;
		fullSearch(data, i, centroids, k, d, labels, upper, lower);
		evaluations += k;
		const b = labels[i];
		if (b !== a) {
			counts[a]--;
			counts[b]++;
			const bi = b * d;
			for (let t = 0; t < d; t++) {
				sums[ai + t] -= data[xi + t];
				sums[bi + t] += data[xi + t];
			}
		}
	}
	return evaluations;
}

function sumSquaredDistances(
	data: Float64Array,
	n: number,
	d: number,
	centroids: Float64Array,
	labels: Int32Array,
): number {
	let total = 0;
	for (let i = 0; i < n; i++) {
		const xi = i * d;
		const ci = labels[i] * d;
		for (let t = 0; t < d; t++) {
			const diff = data[xi + t] - centroids[ci + t];
			total += diff * diff;
		}
	}
	return total;
}

/** Nearest and second-nearest centroid of row i (ties go to the lower index). Returns k (evaluations). */
function fullSearch(
	data: Float64Array,
	i: number,
	centroids: Float64Array,
	k: number,
	d: number,
	labels: Int32Array,
	upper: Float64Array,
	lower: Float64Array,
): number {
	let best = Infinity;
	let second = Infinity;
	let bestIndex = 0;
	const xi = i * d;
	for (let c = 0; c < k; c++) {
		let s = 0;
		const ci = c * d;
		for (let t = 0; t < d; t++) {
			const diff = data[xi + t] - centroids[ci + t];
			s += diff * diff;
		}
		if (s < best) {
			second = best;
			best = s;
			bestIndex = c;
		} else if (s < second) {
			second = s;
		}
	}
	labels[i] = bestIndex;
	upper[i] = Math.sqrt(best);
	lower[i] = Math.sqrt(second);
	return k;
}

/**
 * Move each empty cluster's centroid onto the point farthest from its own (new) centroid, taking
 * that point out of consideration for further empty clusters. Bounds stay valid: the move is
 * accounted for as a centroid shift.
 */
function relocateEmpty(
	data: Float64Array,
	n: number,
	d: number,
	k: number,
	counts: Int32Array,
	labels: Int32Array,
	centroids: Float64Array,
): void {
	let taken: Set<number> | null = null;
	for (let c = 0; c < k; c++) {
		if (counts[c] > 0) continue;
		taken ??= new Set<number>();
		let far = -1;
		let farDist = -1;
		for (let i = 0; i < n; i++) {
			if (taken.has(i) || counts[labels[i]] <= 1) continue;
			let s = 0;
			const xi = i * d;
			const ci = labels[i] * d;
			for (let t = 0; t < d; t++) {
				const diff = data[xi + t] - centroids[ci + t];
				s += diff * diff;
			}
			if (s > farDist) {
				farDist = s;
				far = i;
			}
		}
		if (far < 0 || farDist <= 0) continue; // nothing to move to: keep the centroid
		taken.add(far);
		centroids.set(data.subarray(far * d, far * d + d), c * d);
	}
}

/** Index of the nearest centroid for each row of `x` (ties to the lower index). */
export function assignToCentroids(x: Matrix, centroids: Float64Array, k: number): Int32Array {
	const labels = new Int32Array(x.rows);
	const upper = new Float64Array(x.rows);
	const lower = new Float64Array(x.rows);
	for (let i = 0; i < x.rows; i++)
		fullSearch(x.data, i, centroids, k, x.cols, labels, upper, lower);
	return labels;
}
