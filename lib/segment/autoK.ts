import { InputError } from '../util/errors';
import { round } from '../util/stats';
import type { KMeansOptions, KMeansResult } from './kmeans';
import { kmeans, KMEANS_DEFAULTS } from './kmeans';
import type { Matrix, MatrixInput } from './matrix';
import { toMatrix } from './matrix';
import {
	daviesBouldin,
	pairwiseDistances,
	sampleIndices,
	silhouette,
	SILHOUETTE_DEFAULTS,
} from './metrics';

export interface AutoKOptions extends KMeansOptions {
	/** Smallest k tried (default 2). */
	kMin?: number;
	/** Largest k tried (default 8); lowered to rows - 1, since the silhouette needs k < rows. */
	kMax?: number;
	/** Rows in the seeded silhouette sample (default 2000); the same rows serve every k. */
	silhouetteSampleSize?: number;
}

export const AUTO_K_DEFAULTS = {
	kMin: 2,
	kMax: 8,
	silhouetteSampleSize: SILHOUETTE_DEFAULTS.sampleSize,
};

export interface AutoKCandidate {
	k: number;
	inertia: number;
	silhouette: number | null;
	daviesBouldin: number | null;
	iterations: number;
	converged: boolean;
}

export interface AutoKResult {
	k: number;
	/** Why this k, as one sentence. */
	kReason: string;
	best: KMeansResult;
	silhouette: number | null;
	daviesBouldin: number | null;
	candidates: AutoKCandidate[];
	silhouetteSampled: boolean;
	silhouetteRows: number;
}

/**
 * Run k-means for each k in kMin..kMax and keep the k with the highest silhouette (ties: lower
 * Davies-Bouldin, then smaller k). Davies-Bouldin is reported for every k. Stops early, with a note in
 * the reason, when the data has fewer distinct rows than the next k.
 */
export function chooseK(input: MatrixInput, options: AutoKOptions = {}): AutoKResult {
	const x = toMatrix(input);
	const kMin = options.kMin ?? AUTO_K_DEFAULTS.kMin;
	const kMaxAsked = options.kMax ?? AUTO_K_DEFAULTS.kMax;
	const sampleSize = options.silhouetteSampleSize ?? AUTO_K_DEFAULTS.silhouetteSampleSize;
	if (!Number.isInteger(kMin) || kMin < 2)
		throw new InputError(`kMin must be an integer >= 2, got ${kMin}`);
	if (!Number.isInteger(kMaxAsked) || kMaxAsked < kMin) {
		throw new InputError(`kMax must be an integer >= kMin (${kMin}), got ${kMaxAsked}`);
	}
	if (x.rows < 3) {
		throw new InputError(
			`choosing k needs at least 3 rows (the silhouette needs 2 <= k < rows); got ${x.rows}`,
		);
	}
	const kMax = Math.min(kMaxAsked, x.rows - 1);
	if (kMax < kMin) {
		throw new InputError(
			`kMin = ${kMin} leaves no k to try with ${x.rows} rows (k must be < rows)`,
		);
	}
	const seed = options.seed ?? KMEANS_DEFAULTS.seed;
	const sample = sampleIndices(x.rows, sampleSize, `${String(seed)}:silhouette`);
	// The sample's distances are the same for every k: computed once when they fit in ~72 MB.
	const distances = sample.length <= 3000 ? pairwiseDistances(x, sample) : undefined;
	const candidates: AutoKCandidate[] = [];
	const results: KMeansResult[] = [];
	let stoppedAt: { k: number; reason: string } | null = null;
	const distinct = countDistinctRows(x, kMax);
	for (let k = kMin; k <= kMax; k++) {
		if (k > distinct) {
			stoppedAt = {
				k,
				reason: `k = ${k} is larger than the number of distinct rows (${distinct})`,
			};
			break;
		}
		const result = kmeans(x, k, { ...options, seed: `${String(seed)}:k${k}` });
		const sil = silhouette(x, result.labels, k, { sampleIndices: sample, distances });
		candidates.push({
			k,
			inertia: result.inertia,
			silhouette: sil.score,
			daviesBouldin: daviesBouldin(x, result.labels, result.centroids),
			iterations: result.iterations,
			converged: result.converged,
		});
		results.push(result);
	}
	if (candidates.length === 0) {
		throw new InputError(
			`cannot segment: ${stoppedAt ? stoppedAt.reason : 'no k could be tried'} (are all rows identical?)`,
		);
	}
	let bestAt = 0;
	for (let i = 1; i < candidates.length; i++)
		if (better(candidates[i], candidates[bestAt])) bestAt = i;
	const chosen = candidates[bestAt];
	return {
		k: chosen.k,
		kReason: explain(chosen, candidates, kMin, kMaxAsked, kMax, stoppedAt, sample.length, x.rows),
		best: results[bestAt],
		silhouette: chosen.silhouette,
		daviesBouldin: chosen.daviesBouldin,
		candidates,
		silhouetteSampled: sample.length < x.rows,
		silhouetteRows: sample.length,
	};
}

/** Distinct rows, counted up to `limit` (stops there). */
function countDistinctRows(x: Matrix, limit: number): number {
	const found: number[] = [];
	const { data, rows, cols } = x;
	for (let i = 0; i < rows && found.length < limit; i++) {
		let isNew = true;
		for (const f of found) {
			let same = true;
			for (let t = 0; t < cols; t++) {
				if (data[i * cols + t] !== data[f * cols + t]) {
					same = false;
					break;
				}
			}
			if (same) {
				isNew = false;
				break;
			}
		}
		if (isNew) found.push(i);
	}
	return found.length;
}

function better(a: AutoKCandidate, b: AutoKCandidate): boolean {
	const sa = a.silhouette ?? -Infinity;
	const sb = b.silhouette ?? -Infinity;
	if (Math.abs(sa - sb) > 1e-12) return sa > sb;
	const da = a.daviesBouldin ?? Infinity;
	const db = b.daviesBouldin ?? Infinity;
	if (Math.abs(da - db) > 1e-12) return da < db;
	return a.k < b.k;
}

function fmt(v: number | null): string {
	return v === null ? 'n/a' : String(round(v, 3));
}

function explain(
	chosen: AutoKCandidate,
	all: AutoKCandidate[],
	kMin: number,
	kMaxAsked: number,
	kMax: number,
	stoppedAt: { k: number; reason: string } | null,
	sampleRows: number,
	rows: number,
): string {
	const tried = `${all[0].k}..${all[all.length - 1].k}`;
	const others = all.filter((c) => c !== chosen).sort((a, b) => (better(a, b) ? -1 : 1));
	const runnerUp =
		others.length > 0 ? `; runner-up k = ${others[0].k} at ${fmt(others[0].silhouette)}` : '';
	let lowestDb = chosen;
	for (const c of all)
		if ((c.daviesBouldin ?? Infinity) < (lowestDb.daviesBouldin ?? Infinity)) lowestDb = c;
	const dbNote =
		lowestDb === chosen
			? 'also the lowest of the range'
			: `the lowest was ${fmt(lowestDb.daviesBouldin)} at k = ${lowestDb.k}`;
	const sampleNote =
		sampleRows < rows ? ` (silhouette on a seeded sample of ${sampleRows} of ${rows} rows)` : '';
	const limits: string[] = [];
	if (kMax < kMaxAsked) limits.push(`k is capped at rows - 1 = ${kMax}`);
	if (stoppedAt) limits.push(`stopped at k = ${stoppedAt.k}: the data has too few distinct rows`);
	const limitNote = limits.length > 0 ? ` Note: ${limits.join('; ')}.` : '';
	const range =
		kMin === all[0].k && kMaxAsked === all[all.length - 1].k
			? tried
			: `${tried} (asked ${kMin}..${kMaxAsked})`;
	return (
		`k = ${chosen.k} chosen from k = ${range} because it had the highest silhouette, ` +
		`${fmt(chosen.silhouette)}${runnerUp}${sampleNote}; its Davies-Bouldin index is ` +
		`${fmt(chosen.daviesBouldin)} (lower is better; ${dbNote}).${limitNote}`
	);
}
