import type { Matrix } from '../../../lib/segment';
import {
	fitKMeans,
	kmeans,
	miniBatchKMeans,
	miniBatchStep,
	resolveFitOptions,
	resolveStrategy,
	segmentCustomers,
} from '../../../lib/segment';
import { InputError } from '../../../lib/util/errors';
import { Rng } from '../../../lib/util/rng';
import { customerRows } from './fixtures';

const m = (rows: number[][]): Matrix => ({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

/** n rows around three far-apart centres in 2-D (spread 1, centres 100 apart). */
function separated(n: number, seed: number): Matrix {
	const rng = new Rng(seed);
	const centres = [
		[0, 0],
		[100, 0],
		[0, 100],
	];
	const data = new Float64Array(n * 2);
	for (let i = 0; i < n; i++) {
		const c = centres[i % 3];
		data[i * 2] = c[0] + rng.normal(0, 1);
		data[i * 2 + 1] = c[1] + rng.normal(0, 1);
	}
	return { data, rows: n, cols: 2 };
}

/** Same partition up to renaming the clusters. */
function samePartition(a: Int32Array, b: Int32Array): boolean {
	const map = new Map<number, number>();
	for (let i = 0; i < a.length; i++) {
		const seen = map.get(a[i]);
		if (seen === undefined) map.set(a[i], b[i]);
		else if (seen !== b[i]) return false;
	}
	return new Set(map.values()).size === map.size;
}

describe('miniBatchStep (Sculley 2010: per-centroid learning rate 1 / count)', () => {
	it('moves each centroid towards its rows by 1 / count, one row at a time', () => {
		// centroids (0,0) and (10,0), each having absorbed one row; batch = rows (2,0), (10,0), (0,0).
		const x = m([[0, 0], [2, 0], [10, 0]]);
		const centroids = Float64Array.from([0, 0, 10, 0]);
		const counts = Float64Array.from([1, 1]);
		const moved = miniBatchStep(x, [1, 2, 0], centroids, counts, 2);
		// (2,0): count 2, c0 = 0 + (2 - 0)/2 = 1. (10,0): count 2, c1 stays 10. (0,0): count 3, c0 = 1 + (0 - 1)/3 = 2/3.
		expect(Array.from(counts)).toEqual([3, 2]);
		expect(centroids[0]).toBeCloseTo(2 / 3, 12);
		expect(Array.from(centroids.subarray(1))).toEqual([0, 10, 0]);
		expect(moved).toBeCloseTo(4 / 9, 12);
	});

	it('assigns the whole batch to the centroids as they stood at the start of the step', () => {
		// (5.5,0) is nearer c1 = (10,0) at the start (20.25 < 30.25) though c0 has moved to (2,0) by the time it is applied.
		const x = m([[4, 0], [5.5, 0]]);
		const centroids = Float64Array.from([0, 0, 10, 0]);
		const counts = Float64Array.from([1, 1]);
		miniBatchStep(x, [0, 1], centroids, counts, 2);
		expect(Array.from(centroids)).toEqual([2, 0, 7.75, 0]);
	});

	it('lets a centroid with no rows yet jump onto its first row (learning rate 1)', () => {
		const centroids = Float64Array.from([1, 1]);
		miniBatchStep(m([[3, 5]]), [0], centroids, new Float64Array(1), 1);
		expect(Array.from(centroids)).toEqual([3, 5]);
	});
});

describe('miniBatchKMeans', () => {
	const x = separated(3000, 1);

	it('is deterministic for a seed', () => {
		const a = miniBatchKMeans(x, 3, { seed: 5, batchSize: 100, batches: 30, sampleSize: 500 });
		const b = miniBatchKMeans(x, 3, { seed: 5, batchSize: 100, batches: 30, sampleSize: 500 });
		expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
		expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
		expect(a.inertia).toBe(b.inertia);
	});

	it('assigns every row, not only the rows it saw in batches', () => {
		const r = miniBatchKMeans(x, 3, { seed: 5, batchSize: 10, batches: 3, sampleSize: 100, nInit: 1 });
		expect(r.rowsFitted).toBe(30);
		expect(r.labels).toHaveLength(3000);
		expect(r.sizes.reduce((s, v) => s + v, 0)).toBe(3000);
		for (const label of r.labels) expect(label === 0 || label === 1 || label === 2).toBe(true);
	});

	it('reaches the full k-means partition on well-separated clusters', () => {
		const full = kmeans(x, 3, { seed: 5 });
		const mb = miniBatchKMeans(x, 3, { seed: 5, batchSize: 200, batches: 50, sampleSize: 500 });
		expect(samePartition(mb.labels, full.labels)).toBe(true);
		expect(mb.inertia / full.inertia).toBeLessThan(1.01);
		expect(mb.inertia / full.inertia).toBeGreaterThanOrEqual(1 - 1e-12);
	});
});

describe('fitKMeans strategies', () => {
	const x = separated(3000, 2);

	it("uses full k-means up to the threshold and mini-batch above it under 'auto'", () => {
		expect(resolveStrategy('auto', 50_000, 50_000)).toBe('full');
		expect(resolveStrategy('auto', 50_001, 50_000)).toBe('minibatch');
		expect(resolveStrategy('sample', 10, 50_000)).toBe('sample');
		const small = fitKMeans(x, 3, { seed: 1 }, { fitThreshold: 5000 });
		expect(small.fit.strategy).toBe('full');
		const large = fitKMeans(x, 3, { seed: 1 }, { fitThreshold: 2999, batchSize: 100 });
		expect(large.fit).toMatchObject({ requested: 'auto', strategy: 'minibatch', batchSize: 100 });
		expect(large.fit.reason).toBe('Mini-batch k-means: 3000 rows are above the threshold of 2999.');
	});

	it('fits on a sample and still assigns every row; inertia is over all rows', () => {
		const r = fitKMeans(x, 3, { seed: 1 }, { fitStrategy: 'sample', sampleSize: 300 });
		expect(r.fit).toMatchObject({ strategy: 'sample', rows: 3000, rowsFitted: 300, inertiaGap: null });
		expect(r.result.labels).toHaveLength(3000);
		const full = kmeans(x, 3, { seed: 1 });
		expect(samePartition(r.result.labels, full.labels)).toBe(true);
		// the reported inertia is the sum over all 3000 rows to the sample's centroids
		let total = 0;
		for (let i = 0; i < 3000; i++) {
			const c = r.result.labels[i];
			total += (x.data[i * 2] - r.result.centroids[c * 2]) ** 2 + (x.data[i * 2 + 1] - r.result.centroids[c * 2 + 1]) ** 2;
		}
		expect(r.fit.inertia).toBeCloseTo(total, 6);
	});

	it("measures the exact gap with 'full': full k-means on all rows from the same start", () => {
		const r = fitKMeans(x, 3, { seed: 1 }, { fitStrategy: 'minibatch', batchSize: 100, sampleSize: 300, inertiaGap: 'full' });
		const gap = r.fit.inertiaGap!;
		expect(gap.mode).toBe('full');
		expect(gap.rows).toBe(3000);
		expect(gap.label).toMatch(/^Exact, on all 3000 rows: .*mini-batch k-means centroids vs full k-means on all rows from the same initial centroids/);
		expect(gap.strategyInertia).toBe(r.fit.inertia);
		expect(gap.relativeGap).toBeCloseTo(gap.strategyInertia / gap.fullInertia - 1, 12);
		expect(Math.abs(gap.relativeGap)).toBeLessThan(0.01);
	});

	it("labels a held-out estimate as one, on rows outside the fitting sample", () => {
		const r = fitKMeans(x, 3, { seed: 1 }, { fitStrategy: 'sample', sampleSize: 400, inertiaGap: 'heldOutSample' });
		const gap = r.fit.inertiaGap!;
		expect(gap.mode).toBe('heldOutSample');
		expect(gap.rows).toBe(400);
		expect(gap.label).toMatch(/^Estimate, on a held-out seeded sample of 400 rows \(none of them in the fitting sample\)/);
		// Same partition, so the gap is sampling noise in the centroids: full k-means fitted on the held-out
		// rows themselves is optimistic by about k / rows, i.e. roughly 3/400 + 3/400 here.
		expect(gap.relativeGap).toBeGreaterThan(0);
		expect(gap.relativeGap).toBeLessThan(0.03);
	});

	it('names the field of a bad parameter', () => {
		const cases: Array<[object, string]> = [
			[{ fitStrategy: 'fast' }, 'fitStrategy'],
			[{ batchSize: 0 }, 'batchSize'],
			[{ batches: 2.5 }, 'batches'],
			[{ sampleSize: -1 }, 'sampleSize'],
			[{ fitThreshold: Number.NaN }, 'fitThreshold'],
			[{ inertiaGap: 'maybe' }, 'inertiaGap'],
		];
		for (const [options, field] of cases) {
			let error: unknown;
			try {
				resolveFitOptions(options);
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(InputError);
			expect((error as InputError).field).toBe(field);
			expect((error as Error).message).toMatch(new RegExp(`^${field} must be`));
		}
	});
});

describe('segmentCustomers with a fit strategy', () => {
	const rows = customerRows(3, 400);

	it('chooses k on a sample, fits with mini-batch, and segments every customer', () => {
		const r = segmentCustomers(rows, {
			numericFields: ['spend', 'visits'],
			fitStrategy: 'minibatch',
			batchSize: 64,
			sampleSize: 300,
		});
		expect(r.customers).toHaveLength(1200);
		expect(r.segments.reduce((s, seg) => s + seg.size, 0)).toBe(1200);
		expect(r.diagnostics.k).toBe(3);
		expect(r.diagnostics.kReason).toMatch(/k was chosen on a seeded sample of 300 of the 1200 customers\. Mini-batch k-means was chosen by the user\.$/);
		expect(r.diagnostics.fit).toMatchObject({ requested: 'minibatch', strategy: 'minibatch', rows: 1200, batchSize: 64 });
	});

	it('is deterministic by seed', () => {
		const options = { numericFields: ['spend', 'visits'], fitStrategy: 'sample' as const, sampleSize: 200, seed: 9 };
		const a = segmentCustomers(rows, options);
		const b = segmentCustomers(rows, options);
		expect(a.customers.map((c) => c.segmentId)).toEqual(b.customers.map((c) => c.segmentId));
		expect(a.diagnostics.fit).toEqual(b.diagnostics.fit);
	});

	it('keeps full k-means (and its report) below the threshold by default', () => {
		const r = segmentCustomers(rows, { numericFields: ['spend', 'visits'], k: 3 });
		expect(r.diagnostics.fit).toMatchObject({ requested: 'auto', strategy: 'full', rowsFitted: 1200, inertiaGap: null });
		expect(r.diagnostics.kReason).toBe('k = 3 was set by the user.');
	});

	it('rejects a bad fit option naming the field', () => {
		expect(() => segmentCustomers(rows, { numericFields: ['spend', 'visits'], batchSize: 0 })).toThrow(/^batchSize must be a positive integer, got 0$/);
	});
});
