import { InputError } from '../../../lib/util/errors';
import { kmeansPlusPlus } from '../../../lib/segment/initialization';
import { kmeans } from '../../../lib/segment/kmeans';
import { toMatrix } from '../../../lib/segment/matrix';
import { Rng } from '../../../lib/util/rng';
import { runMlKmeans } from '../../support/mlKmeans';

/** Gaussian blobs: `groups` centres drawn in [-spread, spread]^dims, unit noise. */
function blobs(
	seed: number,
	rows: number,
	dims: number,
	groups: number,
	spread: number,
): number[][] {
	const rng = new Rng(seed);
	const centres = Array.from({ length: groups }, () =>
		Array.from({ length: dims }, () => (rng.next() * 2 - 1) * spread),
	);
	return Array.from({ length: rows }, () => {
		const c = centres[rng.int(groups)];
		return c.map((v) => v + rng.normal());
	});
}

describe('kmeans: hand-computed steps', () => {
	// Points 1, 2, 3, 8, 9, 20 from centroids 1 and 3.
	// Assign: 1 -> c0; 2 is 1 from both (tie -> lower index c0); 3, 8, 9, 20 -> c1.
	// Update: c0 = (1 + 2) / 2 = 1.5; c1 = (3 + 8 + 9 + 20) / 4 = 10.
	// Assign: 3 is 1.5 from c0, 7 from c1 -> c0. Update: c0 = 2, c1 = 37 / 3.
	// Assign: unchanged. Update: no move -> converged after 3 updates.
	// Inertia: (1 + 0 + 1) + ((-13/3)^2 + (-10/3)^2 + (23/3)^2) = 2 + 798 / 9 = 816 / 9.
	const data = Object.freeze([[1], [2], [3], [8], [9], [20]].map((r) => Object.freeze(r)));

	it.each(['hamerly', 'lloyd'] as const)('one assignment + update step (%s)', (algorithm) => {
		const r = kmeans(data, 2, { initialization: [[1], [3]], maxIterations: 1, algorithm });
		expect(Array.from(r.labels)).toEqual([0, 0, 1, 1, 1, 1]);
		expect(Array.from(r.centroids)).toEqual([1.5, 10]);
		expect(r.iterations).toBe(1);
		expect(r.converged).toBe(false);
		// (1 - 1.5)^2 + (2 - 1.5)^2 + (3 - 10)^2 + (8 - 10)^2 + (9 - 10)^2 + (20 - 10)^2 = 0.5 + 49 + 4 + 1 + 100
		expect(r.inertia).toBeCloseTo(154.5, 12);
	});

	it.each(['hamerly', 'lloyd'] as const)('runs to convergence (%s)', (algorithm) => {
		const r = kmeans(data, 2, { initialization: [[1], [3]], algorithm });
		expect(Array.from(r.labels)).toEqual([0, 0, 0, 1, 1, 1]);
		expect(r.centroids[0]).toBeCloseTo(2, 12);
		expect(r.centroids[1]).toBeCloseTo(37 / 3, 12);
		expect(r.inertia).toBeCloseTo(816 / 9, 10);
		expect(r.iterations).toBe(3);
		expect(r.converged).toBe(true);
		expect(Array.from(r.sizes)).toEqual([3, 3]);
	});

	it('2-D: two columns of points split left and right', () => {
		// c0 = (0,0), c1 = (5,0): (0,2) is 4 from c0 and 29 from c1. Means: (0,1) and (5,1); inertia 4 x 1.
		const r = kmeans(
			[
				[0, 0],
				[0, 2],
				[5, 0],
				[5, 2],
			],
			2,
			{
				initialization: [
					[0, 0],
					[5, 0],
				],
			},
		);
		expect(Array.from(r.labels)).toEqual([0, 0, 1, 1]);
		expect(Array.from(r.centroids)).toEqual([0, 1, 5, 1]);
		expect(r.inertia).toBe(4);
	});

	it('does not mutate its input', () => {
		const input = [
			[1, 2],
			[3, 4],
			[10, 10],
		];
		const copy = JSON.parse(JSON.stringify(input)) as number[][];
		kmeans(input, 2, { seed: 1 });
		expect(input).toEqual(copy);
	});

	it('is deterministic for a seed and uses several initialisations', () => {
		const data = blobs(3, 300, 3, 4, 6);
		const a = kmeans(data, 4, { seed: 9, nInit: 4 });
		const b = kmeans(data, 4, { seed: 9, nInit: 4 });
		expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
		expect(a.inertia).toBe(b.inertia);
		expect(a.nInit).toBe(4);
		expect(a.runs).toHaveLength(4);
		expect(a.inertia).toBe(Math.min(...a.runs.map((r) => r.inertia)));
	});

	it('Hamerly gives the same result as the exhaustive step with fewer distance computations', () => {
		const data = blobs(5, 2000, 5, 6, 4);
		const fast = kmeans(data, 6, { seed: 2, nInit: 1 });
		const slow = kmeans(data, 6, { seed: 2, nInit: 1, algorithm: 'lloyd' });
		expect(Array.from(fast.labels)).toEqual(Array.from(slow.labels));
		expect(fast.inertia).toBeCloseTo(slow.inertia, 6);
		expect(fast.distanceEvaluations).toBeLessThan(slow.distanceEvaluations);
	});

	it('moves an empty cluster onto the farthest point by default', () => {
		// The centroid at 100 wins no point in the first assignment.
		const r = kmeans([[0], [1], [2], [10]], 2, { initialization: [[1], [100]] });
		expect(r.sizes[1]).toBeGreaterThan(0);
		expect(Array.from(r.labels)).toEqual([0, 0, 0, 1]);
		const kept = kmeans([[0], [1], [2], [10]], 2, {
			initialization: [[1], [100]],
			emptyCluster: 'keep',
		});
		expect(kept.sizes[1]).toBe(0);
	});
});

describe('k-means++ seeding', () => {
	const x = toMatrix([[0], [0], [10]]);

	it('first centroid is the data point the seed draws; the second has all the D^2 weight', () => {
		for (const seed of [1, 2, 3, 4, 5, 6]) {
			const first = new Rng(seed).int(3); // the seeding's first draw
			const { indices, centroids } = kmeansPlusPlus(x, 2, new Rng(seed), 1);
			expect(indices[0]).toBe(first);
			expect(centroids[0]).toBe(x.data[first]);
			// From 0 the weights are (0, 0, 100): the point 10 must follow. From 10: one of the zeros.
			if (first === 2) expect([0, 1]).toContain(indices[1]);
			else expect(indices[1]).toBe(2);
		}
	});

	it('picks one centre in each of two far-apart groups', () => {
		const data = toMatrix([
			[0, 0],
			[0, 1],
			[1, 0],
			[100, 100],
			[100, 101],
			[101, 100],
		]);
		for (const seed of [1, 2, 3, 4, 5]) {
			const { indices } = kmeansPlusPlus(data, 2, new Rng(seed));
			expect(indices.map((i) => (i < 3 ? 'a' : 'b')).sort()).toEqual(['a', 'b']);
		}
	});

	it('refuses k larger than the number of distinct rows', () => {
		expect(() =>
			kmeans(
				[
					[1, 1],
					[1, 1],
					[1, 1],
				],
				2,
			),
		).toThrow(/distinct rows/);
	});
});

describe('kmeans: input validation', () => {
	it('names the problem precisely', () => {
		expect(() => kmeans([], 2)).toThrow('data is empty: at least one row is required');
		expect(() => kmeans([[1], [2]], 3)).toThrow('k = 3 is larger than the number of rows (2)');
		expect(() => kmeans([[1], [2]], 0)).toThrow('k must be a positive integer, got 0');
		expect(() =>
			kmeans(
				[
					[1, 2],
					[Number.NaN, 1],
				],
				1,
			),
		).toThrow('data row 1, column 0 is NaN, not a finite number');
		expect(() => kmeans([[1, 2], [1]], 1)).toThrow('data row 1 has 1 columns, expected 2');
		expect(() => kmeans([[1], [2]], 2, { initialization: [[1]] })).toThrow(
			'1 initial centroids were given for k = 2',
		);
		expect(() => kmeans([[1], [2]], 1, { nInit: 0 })).toThrow(/nInit must be a positive integer/);
		expect(() => kmeans([[1], [2]], 1, { tolerance: -1 })).toThrow(/tolerance/);
		expect(() => kmeans([[1], [2]], 3)).toThrow(InputError);
	});

	it('k = 1 and a single row work', () => {
		const r = kmeans([[4, 2]], 1);
		expect(Array.from(r.centroids)).toEqual([4, 2]);
		expect(r.inertia).toBe(0);
	});
});

describe('kmeans against ml-kmeans 7', () => {
	it.each([
		[11, 3],
		[12, 4],
		[13, 6],
	])(
		'same data, k and initial centroids give the same partition (data seed %i, k %i)',
		(seed, k) => {
			const data = blobs(seed, 600, 4, k + 1, 3);
			const init = data.slice(0, k);
			for (const tolerance of [0, 1e-6]) {
				const ours = kmeans(data, k, { initialization: init, tolerance });
				const theirs = runMlKmeans({ data, k, options: { initialization: init, tolerance } });
				expect(Array.from(ours.labels)).toEqual(theirs.clusters);
				expect(ours.iterations).toBe(theirs.iterations);
				expect(ours.inertia).toBeCloseTo(theirs.inertia, 6);
			}
		},
	);

	// ml-kmeans has no n_init: it runs once per seed, and the lowest inertia of 3 seeds is compared
	// with our nInit = 3. Well-separated blobs: both find the optimum, ours never worse. Overlapping
	// blobs have several local optima and either side can land in a worse one on a given dataset
	// (measured: 1 loss by 1.3e-5 relative, 4 wins up to 9e-4, the rest equal, over these 10 datasets);
	// there ours must be no worse on aggregate and lose at most once.
	it('with its own initialisation, our inertia is no worse (same number of initialisations)', () => {
		for (let seed = 20; seed < 30; seed++) {
			const k = 3 + (seed % 6);
			const data = blobs(seed, 1500, 6, k, 8);
			const ours = kmeans(data, k, { seed, nInit: 3 });
			const theirs = runMlKmeans({ data, k, options: {}, seeds: [seed, seed + 1, seed + 2] });
			expect(ours.inertia).toBeLessThanOrEqual(theirs.inertia * (1 + 1e-9));
		}
	});

	it('on overlapping clusters: no worse on aggregate, at most one dataset worse', () => {
		let ourTotal = 0;
		let theirTotal = 0;
		let losses = 0;
		for (let seed = 20; seed < 30; seed++) {
			const k = 3 + (seed % 6);
			const data = blobs(seed, 1500, 6, k, 4);
			const ours = kmeans(data, k, { seed, nInit: 3 });
			const theirs = runMlKmeans({ data, k, options: {}, seeds: [seed, seed + 1, seed + 2] });
			ourTotal += ours.inertia;
			theirTotal += theirs.inertia;
			if (ours.inertia > theirs.inertia * (1 + 1e-9)) losses++;
		}
		expect(ourTotal).toBeLessThanOrEqual(theirTotal);
		expect(losses).toBeLessThanOrEqual(1);
	});
});
