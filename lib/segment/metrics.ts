import { InputError } from '../util/errors';
import { Rng } from '../util/rng';
import type { Matrix } from './matrix';

function checkLabels(x: Matrix, labels: Int32Array, k: number): void {
	if (labels.length !== x.rows) {
		throw new InputError(`labels has ${labels.length} entries, the data has ${x.rows} rows`);
	}
	for (let i = 0; i < labels.length; i++) {
		if (labels[i] < 0 || labels[i] >= k) {
			throw new InputError(`label of row ${i} is ${labels[i]}, outside 0..${k - 1}`, i);
		}
	}
}

/**
 * Sum over rows of the squared Euclidean distance to the centroid of the row's cluster.
 *
 * @example inertia({ data: Float64Array.of(0, 2), rows: 2, cols: 1 }, Int32Array.of(0, 0), Float64Array.of(1)) === 2
 */
export function inertia(x: Matrix, labels: Int32Array, centroids: Float64Array): number {
	const d = x.cols;
	const k = Math.floor(centroids.length / d);
	checkLabels(x, labels, k);
	let total = 0;
	for (let i = 0; i < x.rows; i++) {
		const ci = labels[i] * d;
		for (let t = 0; t < d; t++) {
			const diff = x.data[i * d + t] - centroids[ci + t];
			total += diff * diff;
		}
	}
	return total;
}

export interface SilhouetteOptions {
	/** Above this many rows the score is computed on a seeded sample of this size (as scikit-learn's sample_size). */
	sampleSize?: number;
	seed?: number | string;
	/** Rows to use instead of drawing a sample (e.g. the same sample for every k). */
	sampleIndices?: Int32Array;
	/** Distances between the rows used (m x m, from {@link pairwiseDistances}), to reuse across k. */
	distances?: Float64Array;
}

/** Euclidean distances between the given rows, m x m row-major (for reuse across silhouettes). */
export function pairwiseDistances(x: Matrix, rowsUsed: Int32Array): Float64Array {
	const m = rowsUsed.length;
	const d = x.cols;
	const out = new Float64Array(m * m);
	for (let p = 0; p < m; p++) {
		const xi = rowsUsed[p] * d;
		for (let q = p + 1; q < m; q++) {
			const xj = rowsUsed[q] * d;
			let s = 0;
			for (let t = 0; t < d; t++) {
				const diff = x.data[xi + t] - x.data[xj + t];
				s += diff * diff;
			}
			const dist = Math.sqrt(s);
			out[p * m + q] = dist;
			out[q * m + p] = dist;
		}
	}
	return out;
}

export const SILHOUETTE_DEFAULTS = { sampleSize: 2000, seed: 42 as number | string };

export interface SilhouetteResult {
	/** Mean silhouette over the rows used, or null when fewer than 2 clusters are present in them. */
	score: number | null;
	/** Mean silhouette per cluster over the rows used (null for a cluster with no sampled row). */
	perCluster: Array<number | null>;
	sampled: boolean;
	rowsUsed: number;
}

/**
 * Seeded sample of `size` distinct row indices out of `n`, in increasing order (Floyd's algorithm).
 * Returns all rows when size >= n.
 */
export function sampleIndices(n: number, size: number, seed: number | string): Int32Array {
	if (size >= n) {
		const all = new Int32Array(n);
		for (let i = 0; i < n; i++) all[i] = i;
		return all;
	}
	const rng = new Rng(seed);
	const chosen = new Set<number>();
	for (let j = n - size; j < n; j++) {
		const t = rng.int(j + 1);
		chosen.add(chosen.has(t) ? j : t);
	}
	return Int32Array.from(chosen).sort();
}

/**
 * Silhouette coefficient (Rousseeuw 1987) with Euclidean distance. For row i in cluster A:
 * a(i) = mean distance to the other rows of A, b(i) = smallest mean distance to the rows of another
 * cluster, s(i) = (b - a) / max(a, b); s(i) = 0 when i is alone in its cluster. Exact (O(n^2 d)) up to
 * `sampleSize` rows; above it, computed within a seeded sample of that size.
 */
export function silhouette(
	x: Matrix,
	labels: Int32Array,
	k: number,
	options: SilhouetteOptions = {},
): SilhouetteResult {
	checkLabels(x, labels, k);
	const { sampleSize, seed } = { ...SILHOUETTE_DEFAULTS, ...options };
	if (!Number.isInteger(sampleSize) || sampleSize < 2) {
		throw new InputError(`silhouette sampleSize must be an integer >= 2, got ${sampleSize}`);
	}
	const rowsUsed = options.sampleIndices ?? sampleIndices(x.rows, sampleSize, seed);
	const m = rowsUsed.length;
	const d = x.cols;
	const data = x.data;
	const counts = new Float64Array(k);
	for (let p = 0; p < m; p++) counts[labels[rowsUsed[p]]]++;
	let present = 0;
	for (let c = 0; c < k; c++) if (counts[c] > 0) present++;
	const perSum = new Float64Array(k);
	const perCount = new Float64Array(k);
	if (present < 2) {
		return {
			score: null,
			perCluster: Array.from(counts, () => null),
			sampled: m < x.rows,
			rowsUsed: m,
		};
	}
	const sums = new Float64Array(k);
	const pre = options.distances;
	if (pre && pre.length !== m * m) {
		throw new InputError(`distances has ${pre.length} entries, expected ${m} x ${m}`);
	}
	const sampleLabels = Int32Array.from(rowsUsed, (i) => labels[i]);
	let total = 0;
	for (let p = 0; p < m; p++) {
		const i = rowsUsed[p];
		sums.fill(0);
		if (pre) {
			const row = p * m;
			for (let q = 0; q < m; q++) sums[sampleLabels[q]] += pre[row + q]; // pre[p][p] = 0
		} else {
			const xi = i * d;
			for (let q = 0; q < m; q++) {
				if (q === p) continue;
				const xj = rowsUsed[q] * d;
				let s = 0;
				for (let t = 0; t < d; t++) {
					const diff = data[xi + t] - data[xj + t];
					s += diff * diff;
				}
				sums[sampleLabels[q]] += Math.sqrt(s);
			}
		}
		const own = labels[i];
		let value = 0;
		if (counts[own] > 1) {
			const a = sums[own] / (counts[own] - 1);
			let b = Infinity;
			for (let c = 0; c < k; c++) {
				if (c === own || counts[c] === 0) continue;
				const mean = sums[c] / counts[c];
				if (mean < b) b = mean;
			}
			const denom = a > b ? a : b;
			value = denom > 0 ? (b - a) / denom : 0;
		}
		total += value;
		perSum[own] += value;
		perCount[own]++;
	}
	return {
		score: total / m,
		perCluster: Array.from(perSum, (s, c) => (perCount[c] > 0 ? s / perCount[c] : null)),
		sampled: m < x.rows,
		rowsUsed: m,
	};
}

/**
 * Davies-Bouldin index (lower is better): the mean over clusters i of max over j != i of
 * (S_i + S_j) / M_ij, with S_i the mean Euclidean distance of cluster i's rows to its centroid and
 * M_ij the distance between centroids. Empty clusters are left out. Null when fewer than two clusters
 * are non-empty or two centroids coincide (the ratio would be infinite).
 */
export function daviesBouldin(
	x: Matrix,
	labels: Int32Array,
	centroids: Float64Array,
): number | null {
	const d = x.cols;
	const k = Math.floor(centroids.length / d);
	checkLabels(x, labels, k);
	const scatter = new Float64Array(k);
	const counts = new Float64Array(k);
	for (let i = 0; i < x.rows; i++) {
		const c = labels[i];
		let s = 0;
		for (let t = 0; t < d; t++) {
			const diff = x.data[i * d + t] - centroids[c * d + t];
			s += diff * diff;
		}
		scatter[c] += Math.sqrt(s);
		counts[c]++;
	}
	const used: number[] = [];
	for (let c = 0; c < k; c++) {
		if (counts[c] > 0) {
			scatter[c] /= counts[c];
			used.push(c);
		}
	}
	if (used.length < 2) return null;
	let total = 0;
	for (const i of used) {
		let worst = 0;
		for (const j of used) {
			if (i === j) continue;
			let s = 0;
			for (let t = 0; t < d; t++) {
				const diff = centroids[i * d + t] - centroids[j * d + t];
				s += diff * diff;
			}
			if (s === 0) return null;
			const r = (scatter[i] + scatter[j]) / Math.sqrt(s);
			if (r > worst) worst = r;
		}
		total += worst;
	}
	return total / used.length;
}
