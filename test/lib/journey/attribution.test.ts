import fc from 'fast-check';

import type { FlatPaths } from '../../../lib/journey';
import { heuristicCredit, markovAttribution, solveLinear } from '../../../lib/journey';

const DAY = 86_400_000;

/** Build flat paths from [channels, converted, touch times (days before conversion)] triples. */
function flat(paths: { ch: number[]; conv: boolean; daysBefore?: number[] }[]): FlatPaths {
	const offsets = [0];
	const channels: number[] = [];
	const times: number[] = [];
	const conversionTimes: number[] = [];
	for (const p of paths) {
		const t0 = 100 * DAY;
		p.ch.forEach((c, i) => {
			channels.push(c);
			times.push(t0 - (p.daysBefore ? p.daysBefore[i] : 0) * DAY);
		});
		offsets.push(channels.length);
		conversionTimes.push(p.conv ? t0 : Number.NaN);
	}
	return {
		count: paths.length,
		offsets: Int32Array.from(offsets),
		channels: Int32Array.from(channels),
		times: Float64Array.from(times),
		converted: Uint8Array.from(paths.map((p) => (p.conv ? 1 : 0))),
		conversionTimes: Float64Array.from(conversionTimes),
	};
}

/**
 * Independent first/second-order Markov conversion probability: value iteration of
 * x <- r + Q x from x = 0 (converges to the absorption probability), no linear solver involved.
 */
function valueIteration(
	paths: { ch: number[]; conv: boolean }[],
	order: 1 | 2,
	removed: number | null,
): number {
	const key = (prev: number, cur: number) => (order === 2 ? `${prev}|${cur}` : `${cur}`);
	const counts = new Map<string, Map<string, number>>();
	const add = (from: string, to: string) => {
		const row = counts.get(from) ?? new Map<string, number>();
		row.set(to, (row.get(to) ?? 0) + 1);
		counts.set(from, row);
	};
	const curOf = new Map<string, number>();
	for (const p of paths) {
		let from = 'start';
		let prev = -1;
		for (const c of p.ch) {
			const s = key(prev, c);
			curOf.set(s, c);
			add(from, s);
			from = s;
			prev = c;
		}
		add(from, p.conv ? 'conv' : 'null');
	}
	let x = new Map<string, number>();
	for (let it = 0; it < 5000; it++) {
		const next = new Map<string, number>();
		for (const [from, row] of counts) {
			if (removed !== null && curOf.get(from) === removed) {
				next.set(from, 0);
				continue;
			}
			let total = 0;
			for (const n of row.values()) total += n;
			let v = 0;
			for (const [to, n] of row)
				v += (n / total) * (to === 'conv' ? 1 : to === 'null' ? 0 : (x.get(to) ?? 0));
			next.set(from, v);
		}
		x = next;
	}
	return x.get('start') ?? 0;
}

describe('heuristicCredit', () => {
	const A = 0;
	const B = 1;
	const C = 2;

	it('gives hand-computed credit for each rule-based model', () => {
		const paths = flat([
			{ ch: [A, B, C], conv: true, daysBefore: [14, 7, 0] },
			{ ch: [B], conv: true, daysBefore: [0] },
			{ ch: [A, C], conv: true, daysBefore: [7, 0] },
			{ ch: [A, B], conv: false },
		]);
		const h = heuristicCredit(paths, 3, 7 * DAY);
		expect(Array.from(h.firstTouch)).toEqual([2, 1, 0]);
		expect(Array.from(h.lastTouch)).toEqual([0, 1, 2]);
		// linear: path 1 thirds, path 2 all to B, path 3 halves
		expect(h.linear[A]).toBeCloseTo(1 / 3 + 1 / 2, 12);
		expect(h.linear[B]).toBeCloseTo(1 / 3 + 1, 12);
		expect(h.linear[C]).toBeCloseTo(1 / 3 + 1 / 2, 12);
		// time decay, half-life 7 days: path 1 weights 1/4, 1/2, 1 (sum 7/4); path 3 weights 1/2, 1
		expect(h.timeDecay[A]).toBeCloseTo(0.25 / 1.75 + 0.5 / 1.5, 12);
		expect(h.timeDecay[B]).toBeCloseTo(0.5 / 1.75 + 1, 12);
		expect(h.timeDecay[C]).toBeCloseTo(1 / 1.75 + 1 / 1.5, 12);
		// position based: 40/20/40 for three touches, 50/50 for two, 100 for one
		expect(h.positionBased[A]).toBeCloseTo(0.4 + 0.5, 12);
		expect(h.positionBased[B]).toBeCloseTo(0.2 + 1, 12);
		expect(h.positionBased[C]).toBeCloseTo(0.4 + 0.5, 12);
	});

	it('hands out exactly one conversion per converting path in every model', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						ch: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }),
						conv: fc.boolean(),
					}),
					{ maxLength: 40 },
				),
				(raw) => {
					const paths = raw.map((p) => ({
						...p,
						daysBefore: p.ch.map((_, i) => p.ch.length - 1 - i),
					}));
					const h = heuristicCredit(flat(paths), 5, 7 * DAY);
					const total = paths.filter((p) => p.conv).length;
					for (const model of Object.values(h)) {
						const sum = (model as Float64Array).reduce((a: number, b: number) => a + b, 0);
						expect(sum).toBeCloseTo(total, 9);
					}
				},
			),
			{ numRuns: 200 },
		);
	});
});

describe('markovAttribution', () => {
	it('matches a hand-computed first-order chain', () => {
		// start->A 2/3, start->B 1/3; A->B 1/2, A->null 1/2; B->conv 1.  P(conv) = 2/3*1/2 + 1/3 = 2/3.
		// Without A: 1/3 (effect 1/2). Without B: 0 (effect 1).
		const m = markovAttribution(
			flat([
				{ ch: [0, 1], conv: true },
				{ ch: [0], conv: false },
				{ ch: [1], conv: true },
			]),
			2,
			1,
		);
		expect(m.conversionProbability).toBeCloseTo(2 / 3, 12);
		expect(m.removalEffects[0]).toBeCloseTo(0.5, 12);
		expect(m.removalEffects[1]).toBeCloseTo(1, 12);
	});

	it('handles loops exactly (absorbing-chain solution, not simulation)', () => {
		// A->B, B->A cycles: A: B 2/3, conv 1/3; B: A 1/2, null 1/2.  x_A = 1/3 + 2/3 x_B, x_B = 1/2 x_A
		// => x_A = 1/3 / (1 - 1/3) = 1/2.
		const paths = [
			{ ch: [0, 1, 0], conv: true },
			{ ch: [0, 1], conv: false },
		];
		const m = markovAttribution(flat(paths), 2, 1);
		expect(m.conversionProbability).toBeCloseTo(valueIteration(paths, 1, null), 10);
	});

	it.each([1, 2] as const)(
		'agrees with independent value iteration on random path sets (order %i)',
		(order) => {
			fc.assert(
				fc.property(
					fc.array(
						fc.record({
							ch: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
							conv: fc.boolean(),
						}),
						{ minLength: 1, maxLength: 25 },
					),
					(paths) => {
						const m = markovAttribution(flat(paths), 4, order);
						const base = valueIteration(paths, order, null);
						expect(m.conversionProbability).toBeCloseTo(base, 8);
						for (let c = 0; c < 4; c++) {
							if (!m.present[c]) continue;
							const expected = base > 0 ? 1 - valueIteration(paths, order, c) / base : 0;
							expect(m.removalEffects[c]).toBeCloseTo(Math.max(0, Math.min(1, expected)), 7);
						}
					},
				),
				{ numRuns: 60 },
			);
		},
	);

	it('gives no effect when nothing converts', () => {
		const m = markovAttribution(flat([{ ch: [0, 1], conv: false }]), 2, 1);
		expect(m.conversionProbability).toBe(0);
		expect(Array.from(m.removalEffects)).toEqual([0, 0]);
	});
});

describe('solveLinear', () => {
	it('solves a small system with pivoting', () => {
		// [0 2; 3 1] x = [4; 5] => x = [1, 2]
		const x = solveLinear(Float64Array.from([0, 2, 3, 1]), Float64Array.from([4, 5]), 2);
		expect(x[0]).toBeCloseTo(1, 12);
		expect(x[1]).toBeCloseTo(2, 12);
	});
});
