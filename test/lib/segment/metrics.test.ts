import { chooseK } from '../../../lib/segment/autoK';
import { hungarian } from '../../../lib/segment/hungarian';
import { toMatrix } from '../../../lib/segment/matrix';
import { daviesBouldin, inertia, silhouette } from '../../../lib/segment/metrics';
import { pca2d, project } from '../../../lib/segment/pca';
import { Rng } from '../../../lib/util/rng';

const col = (values: number[]) => toMatrix(values.map((v) => [v]));

describe('silhouette', () => {
	it('two tight pairs: 0, 1 | 4, 5', () => {
		// Row 0: a = 1, b = mean(4, 5) = 4.5 -> (4.5 - 1) / 4.5 = 7/9.
		// Row 1: a = 1, b = mean(3, 4) = 3.5 -> 2.5 / 3.5 = 5/7. Rows 2 and 3 mirror rows 1 and 0.
		// Mean: (7/9 + 5/7) / 2 = 47/63.
		const r = silhouette(col([0, 1, 4, 5]), Int32Array.of(0, 0, 1, 1), 2);
		expect(r.score).toBeCloseTo(47 / 63, 12);
		expect(r.perCluster[0]).toBeCloseTo(47 / 63, 12);
		expect(r.sampled).toBe(false);
	});

	it('a singleton cluster scores 0: 0, 1 | 10', () => {
		// Row 0: a = 1, b = 10 -> 0.9. Row 1: a = 1, b = 9 -> 8/9. Row 2 alone -> 0.
		// Mean: (9/10 + 8/9 + 0) / 3 = 161/270.
		const r = silhouette(col([0, 1, 10]), Int32Array.of(0, 0, 1), 2);
		expect(r.score).toBeCloseTo(161 / 270, 12);
		expect(r.perCluster[1]).toBe(0);
	});

	it('is null with one cluster and samples above sampleSize', () => {
		expect(silhouette(col([0, 1, 2]), Int32Array.of(0, 0, 0), 1).score).toBeNull();
		const rng = new Rng(1);
		const values = Array.from({ length: 500 }, (_, i) => (i % 2) * 10 + rng.next());
		const labels = Int32Array.from(values, (v) => (v >= 10 ? 1 : 0));
		const r = silhouette(col(values), labels, 2, { sampleSize: 100, seed: 3 });
		expect(r.sampled).toBe(true);
		expect(r.rowsUsed).toBe(100);
		expect(r.score).toBeGreaterThan(0.8);
		expect(silhouette(col(values), labels, 2, { sampleSize: 100, seed: 3 }).score).toBe(r.score);
	});
});

describe('Davies-Bouldin and inertia', () => {
	it('two pairs: S = 0.5 each, centroids 4 apart -> (0.5 + 0.5) / 4 = 0.25', () => {
		expect(
			daviesBouldin(col([0, 1, 4, 5]), Int32Array.of(0, 0, 1, 1), Float64Array.of(0.5, 4.5)),
		).toBe(0.25);
	});

	it('three clusters', () => {
		// Clusters {0, 2}, {10, 11}, {20, 24}: centroids 1, 10.5, 22; S = 1, 0.5, 2.
		// R01 = 1.5 / 9.5 = 3/19, R02 = 3 / 21 = 1/7, R12 = 2.5 / 11.5 = 5/23.
		// max per cluster: 3/19, 5/23, 5/23 -> DB = (3/19 + 10/23) / 3.
		const db = daviesBouldin(
			col([0, 2, 10, 11, 20, 24]),
			Int32Array.of(0, 0, 1, 1, 2, 2),
			Float64Array.of(1, 10.5, 22),
		);
		expect(db).toBeCloseTo((3 / 19 + 10 / 23) / 3, 12);
	});

	it('null when centroids coincide or one cluster is used', () => {
		expect(daviesBouldin(col([0, 2]), Int32Array.of(0, 1), Float64Array.of(1, 1))).toBeNull();
		expect(daviesBouldin(col([0, 2]), Int32Array.of(0, 0), Float64Array.of(1, 5))).toBeNull();
	});

	it('inertia sums squared distances to the assigned centroid', () => {
		// (0-0.5)^2 + (1-0.5)^2 + (4-4.5)^2 + (5-4.5)^2 = 1
		expect(inertia(col([0, 1, 4, 5]), Int32Array.of(0, 0, 1, 1), Float64Array.of(0.5, 4.5))).toBe(
			1,
		);
		expect(() => inertia(col([0, 1]), Int32Array.of(0, 2), Float64Array.of(0, 1))).toThrow(
			'label of row 1 is 2, outside 0..1',
		);
	});
});

describe('chooseK', () => {
	it('finds three planted groups and explains why', () => {
		const rng = new Rng(4);
		const rows = Array.from({ length: 150 }, (_, i) => {
			const c = [0, 10, 20][i % 3];
			return [c + rng.normal(0, 0.5), c + rng.normal(0, 0.5)];
		});
		const r = chooseK(rows, { seed: 1 });
		expect(r.k).toBe(3);
		expect(r.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
		expect(r.kReason).toMatch(
			/^k = 3 chosen from k = 2\.\.8 because it had the highest silhouette/,
		);
		expect(r.kReason).toMatch(/Davies-Bouldin/);
	});

	it('caps k below the number of rows and refuses too few rows', () => {
		const r = chooseK([[0], [1], [10], [11]], { kMax: 8 });
		expect(r.candidates.map((c) => c.k)).toEqual([2, 3]);
		expect(r.kReason).toMatch(/capped at rows - 1 = 3/);
		expect(() => chooseK([[0], [1]])).toThrow(/at least 3 rows/);
		expect(() => chooseK([[1], [1], [1], [1]])).toThrow(/distinct rows/);
	});
});

describe('hungarian and pca', () => {
	it('finds the cheapest assignment', () => {
		expect(
			hungarian([
				[4, 1],
				[2, 3],
			]),
		).toEqual([1, 0]);
		// 1 + 2 + 2 = 5 beats the diagonal 3 + 3 + 3.
		expect(
			hungarian([
				[3, 1, 9],
				[2, 3, 9],
				[9, 9, 3],
			]),
		).toEqual([1, 0, 2]);
	});

	it('projects points on a line onto the first axis', () => {
		const x = toMatrix([
			[0, 0],
			[1, 1],
			[2, 2],
			[3, 3],
		]);
		const p = pca2d(x);
		expect(p.components[0][0]).toBeCloseTo(Math.SQRT1_2, 8);
		expect(p.components[0][1]).toBeCloseTo(Math.SQRT1_2, 8);
		expect(p.explainedVarianceRatio[0]).toBeCloseTo(1, 8);
		const [px, py] = project(x, 3, p);
		expect(px).toBeCloseTo(1.5 * Math.SQRT2, 8);
		expect(py).toBeCloseTo(0, 8);
	});
});
