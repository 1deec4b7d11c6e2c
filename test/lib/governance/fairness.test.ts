import { selectionFairness, twoProportionZ, type SelectionRow } from '../../../lib/governance/fairness';

/** `n` members of `group`, the first `selected` of them selected. */
function group(name: string, n: number, selected: number): SelectionRow[] {
	return Array.from({ length: n }, (_, i) => ({ group: name, selected: i < selected }));
}

describe('selection-rate fairness (Fairlearn definitions, four-fifths rule)', () => {
	it('computes rates, parity difference and ratio between groups and to overall on a 2-group table', () => {
		// f: 4 of 10 selected (0.4); m: 6 of 10 (0.6); overall 10 of 20 (0.5)
		const rows = Object.freeze([...group('f', 10, 4), ...group('m', 10, 6)]);
		const r = selectionFairness('gender', rows, { minGroupSize: 5, minZ: 0 });
		expect(r.groups.map((g) => [g.group, g.size, g.selected, g.rate])).toEqual([
			['f', 10, 4, 0.4],
			['m', 10, 6, 0.6],
		]);
		expect(r.overallRate).toBe(0.5);
		expect(r.demographicParityDifference).toBeCloseTo(0.2, 12); // 0.6 - 0.4
		expect(r.demographicParityRatio).toBeCloseTo(2 / 3, 12); // 0.4 / 0.6
		expect(r.differenceToOverall).toBeCloseTo(0.1, 12); // max(|0.4-0.5|, |0.6-0.5|)
		expect(r.ratioToOverall).toBeCloseTo(0.8, 12); // min(0.4/0.5, 0.5/0.6)
		expect(r.referenceGroup).toBe('m');
		expect(r.groups[0].impactRatio).toBeCloseTo(2 / 3, 12);
		expect(r.groups[0].adverse).toBe(true);
		expect(r.verdict).toBe('flagged');
		expect(r.reason).toMatch(/"f" is selected at 40\.0%, 0\.67 of "m" \(60\.0%\)/);
	});

	it('computes the to-overall metrics over three groups', () => {
		// a: 2 of 4 (0.5); b: 1 of 4 (0.25); c: 2 of 2 (1.0); overall 5 of 10 (0.5)
		const r = selectionFairness('region', [...group('a', 4, 2), ...group('b', 4, 1), ...group('c', 2, 2)], { minGroupSize: 2, minZ: 0 });
		expect(r.demographicParityDifference).toBeCloseTo(0.75, 12);
		expect(r.demographicParityRatio).toBeCloseTo(0.25, 12);
		expect(r.differenceToOverall).toBeCloseTo(0.5, 12); // |1.0 - 0.5|
		expect(r.ratioToOverall).toBeCloseTo(0.5, 12); // min(1, 0.25/0.5, 0.5/1.0)
	});

	it('treats a ratio of exactly four-fifths as passing and one just under as adverse', () => {
		const at = selectionFairness('age', [...group('young', 10, 8), ...group('old', 10, 10)], { minGroupSize: 10, minZ: 0 });
		expect(at.groups.find((g) => g.group === 'young')!.impactRatio).toBeCloseTo(0.8, 12);
		expect(at.groups.find((g) => g.group === 'young')!.adverse).toBe(false);
		expect(at.verdict).toBe('fair');
		const under = selectionFairness('age', [...group('young', 100, 79), ...group('old', 100, 100)], { minGroupSize: 10, maxParityDifference: 1, minZ: 0 });
		expect(under.groups.find((g) => g.group === 'young')!.impactRatio).toBeCloseTo(0.79, 12);
		expect(under.groups.find((g) => g.group === 'young')!.adverse).toBe(true);
		expect(under.verdict).toBe('flagged');
	});

	it('gives a group of 3 members no verdict and says so, while judging the others', () => {
		const r = selectionFairness('gender', [...group('f', 40, 20), ...group('m', 40, 20), ...group('x', 3, 0)], { minGroupSize: 30 });
		const x = r.groups.find((g) => g.group === 'x')!;
		expect(x).toMatchObject({ size: 3, selected: 0, rate: 0, eligible: false, impactRatio: null, adverse: false });
		expect(r.verdict).toBe('fair');
		expect(r.reason).toContain('No verdict for "x" (3 members): under the minimum group size of 30.');
	});

	it('gives no verdict at all when fewer than two groups are large enough', () => {
		const r = selectionFairness('gender', [...group('f', 40, 20), ...group('x', 3, 3)], { minGroupSize: 30 });
		expect(r.verdict).toBe('insufficient');
		expect(r.demographicParityDifference).toBeNull();
		expect(r.reason).toMatch(/Fewer than two groups .* no fairness verdict\. No verdict for "x" \(3 members\)/);
	});

	it('flags a parity difference over the threshold even when no group is under four-fifths', () => {
		// 0.9 vs 1.0: impact 0.9 (fine), difference 0.1 > 0.05
		const r = selectionFairness('age', [...group('a', 10, 9), ...group('b', 10, 10)], { minGroupSize: 5, maxParityDifference: 0.05, minZ: 0 });
		expect(r.groups.every((g) => !g.adverse)).toBe(true);
		expect(r.verdict).toBe('flagged');
		expect(r.reason).toMatch(/over the parity threshold of 5\.0%/);
	});

	it('counts a shortfall only when it is statistically significant (two-proportion z-test, EEOC 1607.4(D))', () => {
		// 4/10 vs 6/10: pooled 0.5, se = sqrt(0.25 * 0.2) = 0.2236, z = -0.2 / 0.2236 = -0.894
		expect(twoProportionZ(4, 10, 6, 10)).toBeCloseTo(-0.2 / Math.sqrt(0.05), 12);
		const small = selectionFairness('gender', [...group('f', 10, 4), ...group('m', 10, 6)], { minGroupSize: 5 });
		expect(small.groups[0]).toMatchObject({ adverse: false });
		expect(small.groups[0].z).toBeCloseTo(-0.894, 3);
		expect(small.verdict).toBe('fair');
		expect(small.reason).toContain('Under four-fifths but not statistically significant (|z| < 1.96): "f" 40.0% (ratio 0.67, z -0.89, 10 members).');
		// the same rates on 100 members each: z = -0.2 / sqrt(0.25 * 0.02) = -2.83
		const large = selectionFairness('gender', [...group('f', 100, 40), ...group('m', 100, 60)], { minGroupSize: 5 });
		expect(large.groups[0].z).toBeCloseTo(-2.828, 3);
		expect(large.verdict).toBe('flagged');
	});

	it('treats groups alike when nobody is selected', () => {
		const r = selectionFairness('age', [...group('a', 10, 0), ...group('b', 10, 0)], { minGroupSize: 5 });
		expect(r.verdict).toBe('fair');
		expect(r.demographicParityDifference).toBe(0);
	});

	it('rejects empty input and impossible thresholds with precise errors', () => {
		expect(() => selectionFairness('age', [])).toThrow('selectionFairness requires at least one row (attribute "age")');
		expect(() => selectionFairness('age', group('a', 2, 1), { fourFifths: 1.5 })).toThrow('fourFifths must be in (0, 1], got 1.5');
		expect(() => selectionFairness('age', group('a', 2, 1), { minGroupSize: 0 })).toThrow('minGroupSize must be a whole number >= 1, got 0');
		expect(() => selectionFairness('age', group('a', 2, 1), { minZ: -1 })).toThrow('minZ must be >= 0, got -1');
	});
});
