import { InputError } from '../util/errors';
import type { Rng } from '../util/rng';
import type { Matrix } from './matrix';
import { squaredDistance } from './matrix';

/** Default number of candidates tried per k-means++ step (as scikit-learn and ml-kmeans): 2 + ln k. */
export function defaultLocalTrials(k: number): number {
	return 2 + Math.floor(Math.log(k));
}

/**
 * Greedy k-means++ seeding (Arthur and Vassilvitskii 2007, with local trials as in scikit-learn).
 * The first centre is a uniformly drawn data point; each further centre is the best, by resulting
 * potential (sum of squared distances to the nearest centre), of `localTrials` data points drawn with
 * probability proportional to their squared distance to the nearest centre chosen so far.
 * With `localTrials = 1` this is plain k-means++.
 *
 * Returns the chosen row indices and the centres (k x d, row-major).
 * Throws when the data has fewer than k distinct rows (no positive-weight point is left to draw).
 */
export function kmeansPlusPlus(
	x: Matrix,
	k: number,
	rng: Rng,
	localTrials = defaultLocalTrials(k),
): SeedingResult {
	const { data, rows: n, cols: d } = x;
	const centroids = new Float64Array(k * d);
	const indices: number[] = [];
	// While seeding, every row's nearest and second-nearest centre are tracked for free: they are the
	// exact first assignment (and Hamerly bounds) for the chosen centres.
	const labels = new Int32Array(n);
	const nearest = new Float64Array(n); // squared distance to the nearest centre so far
	const second = new Float64Array(n).fill(Infinity);
	const first = rng.int(n);
	indices.push(first);
	centroids.set(data.subarray(first * d, first * d + d), 0);

	let pot = 0;
	for (let i = 0; i < n; i++) {
		const v = squaredDistance(data, i, data, first, d);
		nearest[i] = v;
		pot += v;
	}
	const trials = Math.max(1, Math.floor(localTrials));
	const candidates = new Int32Array(trials);
	const candidateRows = new Float64Array(trials * d);
	const candidatePots = new Float64Array(trials);
	const candidateDist = new Float64Array(trials * n);
	for (let c = 1; c < k; c++) {
		if (!(pot > 0)) {
			throw new InputError(
				`k = ${k} is larger than the number of distinct rows (${c}): k-means needs at least k different points`,
			);
		}
		for (let t = 0; t < trials; t++) {
			candidates[t] = sampleProportional(nearest, pot, rng);
			candidateRows.set(data.subarray(candidates[t] * d, candidates[t] * d + d), t * d);
		}
		candidatePots.fill(0);
		// One pass over the data for all candidates: distances kept, so the winner needs no second pass.
		for (let i = 0; i < n; i++) {
			const xi = i * d;
			const cur = nearest[i];
			for (let t = 0; t < trials; t++) {
				let s = 0;
				const ct = t * d;
				for (let u = 0; u < d; u++) {
					const diff = data[xi + u] - candidateRows[ct + u];
					s += diff * diff;
				}
				candidateDist[t * n + i] = s;
				candidatePots[t] += s < cur ? s : cur;
			}
		}
		let bestTrial = 0;
		for (let t = 1; t < trials; t++) if (candidatePots[t] < candidatePots[bestTrial]) bestTrial = t;
		const chosen = candidates[bestTrial];
		indices.push(chosen);
		centroids.set(data.subarray(chosen * d, chosen * d + d), c * d);
		pot = 0;
		const offset = bestTrial * n;
		for (let i = 0; i < n; i++) {
			const v = candidateDist[offset + i];
			if (v < nearest[i]) {
				second[i] = nearest[i];
				nearest[i] = v;
				labels[i] = c;
			} else if (v < second[i]) {
				second[i] = v;
			}
			pot += nearest[i];
		}
	}
	return { indices, centroids, assignment: { labels, nearest, second } };
}

/** Chosen rows and centres (k x d, row-major); k-means++ also returns the exact first assignment. */
export interface SeedingResult {
	indices: number[];
	centroids: Float64Array;
	/** Nearest centre per row and the squared distances to the nearest and second-nearest centres. */
	assignment?: { labels: Int32Array; nearest: Float64Array; second: Float64Array };
}

/** Draw an index with probability weights[i] / total; never returns a zero-weight index. */
function sampleProportional(weights: Float64Array, total: number, rng: Rng): number {
	let r = rng.next() * total;
	let last = -1;
	for (let i = 0; i < weights.length; i++) {
		const w = weights[i];
		if (w > 0) {
			last = i;
			r -= w;
			if (r < 0) return i;
		}
	}
	return last; // rounding left a sliver past the end: take the last positive-weight point
}

/** k distinct rows drawn uniformly (Floyd's algorithm), as centres. */
export function randomRows(x: Matrix, k: number, rng: Rng): SeedingResult {
	const { data, rows: n, cols: d } = x;
	const chosen = new Set<number>();
	for (let j = n - k; j < n; j++) {
		const t = rng.int(j + 1);
		chosen.add(chosen.has(t) ? j : t);
	}
	const indices = Array.from(chosen).sort((a, b) => a - b);
	const centroids = new Float64Array(k * d);
	indices.forEach((row, c) => centroids.set(data.subarray(row * d, row * d + d), c * d));
	return { indices, centroids };
}
