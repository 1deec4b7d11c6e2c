import {
	applyFloor,
	betaInterval,
	betaPosterior,
	betaQuantile,
	chiSquareSurvival,
	compareDraws,
	daysToReach,
	expectedLossOfChoosingB,
	logGamma,
	normalQuantile,
	probabilityBBeatsA,
	regularizedBeta,
	requiredSampleSize,
	sampleBeta,
	sampleRatioMismatch,
	thompsonShares,
} from '../../../lib/optimize';
import { Rng } from '../../../lib/util/rng';

const drawsOf = (seed: number, a: number, b: number, n: number) => {
	const rng = new Rng(seed);
	const out = new Float64Array(n);
	for (let i = 0; i < n; i++) out[i] = sampleBeta(rng, { alpha: a, beta: b });
	return out;
};

describe('special functions', () => {
	it('logGamma gives ln((n-1)!) on whole numbers and ln(√π) at 1/2', () => {
		expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
		expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
		expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
	});

	it('the regularized incomplete beta matches hand-integrated CDFs', () => {
		// Beta(2,1) has CDF x²; Beta(1,3) has CDF 1-(1-x)³; Beta(2,2) is symmetric
		expect(regularizedBeta(0.3, 2, 1)).toBeCloseTo(0.09, 12);
		expect(regularizedBeta(0.2, 1, 3)).toBeCloseTo(1 - 0.8 ** 3, 12);
		expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
		expect(regularizedBeta(0.9, 50, 5)).toBeCloseTo(1 - regularizedBeta(0.1, 5, 50), 12);
	});

	it('chi-square and normal quantiles match the printed tables', () => {
		expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 6);
		expect(chiSquareSurvival(5.991465, 2)).toBeCloseTo(0.05, 6);
		expect(chiSquareSurvival(10.827566, 1)).toBeCloseTo(0.001, 7);
		expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
		expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 6);
		expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
	});

	it('guards its domain on the first line', () => {
		expect(() => logGamma(0)).toThrow('logGamma requires x > 0');
		expect(() => regularizedBeta(0.5, 0, 1)).toThrow('a > 0 and b > 0');
		expect(() => normalQuantile(1)).toThrow('0 < p < 1');
	});
});

describe('Beta-Binomial posteriors', () => {
	it('adds successes and failures to the uniform prior', () => {
		expect(betaPosterior(3, 10)).toEqual({ alpha: 4, beta: 8 });
		expect(() => betaPosterior(11, 10)).toThrow('0 <= successes <= trials');
	});

	it('gives the equal-tailed interval: Beta(1,1) from 2.5% to 97.5%, Beta(2,1) at √0.025 and √0.975', () => {
		const flat = betaInterval({ alpha: 1, beta: 1 });
		expect(flat.mean).toBe(0.5);
		expect(flat.lower).toBeCloseTo(0.025, 12);
		expect(flat.upper).toBeCloseTo(0.975, 12);
		const tri = betaInterval({ alpha: 2, beta: 1 }, 0.95);
		expect(tri.lower).toBeCloseTo(Math.sqrt(0.025), 10);
		expect(tri.upper).toBeCloseTo(Math.sqrt(0.975), 10);
		expect(betaQuantile(0.5, 30, 30)).toBeCloseTo(0.5, 10);
	});

	it('draws Beta variates with the right mean and variance', () => {
		const d = drawsOf(1, 11, 91, 100000);
		const mean = d.reduce((s, x) => s + x, 0) / d.length;
		const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / d.length;
		const a = 11;
		const b = 91;
		expect(mean).toBeCloseTo(a / (a + b), 3);
		expect(variance / ((a * b) / ((a + b) ** 2 * (a + b + 1)))).toBeCloseTo(1, 1);
	});
});

describe('chance to win and expected loss', () => {
	it('closed forms equal hand integrals: uniform vs Beta(2,1) gives P = 2/3, loss 1/12; two uniforms lose 1/6', () => {
		expect(probabilityBBeatsA({ alpha: 1, beta: 1 }, { alpha: 2, beta: 1 })).toBeCloseTo(2 / 3, 12);
		expect(expectedLossOfChoosingB({ alpha: 1, beta: 1 }, { alpha: 2, beta: 1 })).toBeCloseTo(1 / 12, 12);
		expect(expectedLossOfChoosingB({ alpha: 1, beta: 1 }, { alpha: 1, beta: 1 })).toBeCloseTo(1 / 6, 12);
		expect(probabilityBBeatsA({ alpha: 5, beta: 7 }, { alpha: 5, beta: 7 })).toBeCloseTo(0.5, 12);
	});

	it('posterior draws agree with the closed forms on a small test (10/100 against 15/100)', () => {
		const A = betaPosterior(10, 100);
		const B = betaPosterior(15, 100);
		const exactP = probabilityBBeatsA(A, B);
		const exactLossB = expectedLossOfChoosingB(A, B);
		const exactLossA = expectedLossOfChoosingB(B, A);
		const [ca, cb] = compareDraws([drawsOf(2, A.alpha, A.beta, 200000), drawsOf(3, B.alpha, B.beta, 200000)], 0);
		expect(cb.chanceToBeatControl).toBeCloseTo(exactP, 2);
		expect(cb.chanceToBeBest).toBeCloseTo(exactP, 2);
		expect(ca.chanceToBeBest).toBeCloseTo(1 - exactP, 2);
		expect(cb.expectedLoss).toBeCloseTo(exactLossB, 3);
		expect(ca.expectedLoss).toBeCloseTo(exactLossA, 3);
		expect(exactP).toBeGreaterThan(0.8);
		expect(exactP).toBeLessThan(0.9);
	});

	it('chance to be best sums to 1 over three arms and the control never beats itself', () => {
		const arms = [drawsOf(4, 5, 50, 20000), drawsOf(5, 6, 50, 20000), drawsOf(6, 9, 50, 20000)];
		const c = compareDraws(arms, 0);
		expect(c.reduce((s, x) => s + x.chanceToBeBest, 0)).toBeCloseTo(1, 12);
		expect(c[0].chanceToBeatControl).toBe(0.5);
		expect(c[0].liftVsControl).toBe(0);
		expect(c[2].risk).toBeLessThan(c[0].risk);
	});

	it('refuses arms with different draw counts', () => {
		expect(() => compareDraws([[1, 2], [1]], 0)).toThrow('same number of draws');
	});
});

describe('sample-ratio mismatch', () => {
	it('flags a 5000 / 5400 split meant to be even (χ² = 15.4, p ≈ 9e-5)', () => {
		const r = sampleRatioMismatch([5000, 5400]);
		expect(r.chiSquare).toBeCloseTo((200 * 200 * 2) / 5200, 9);
		expect(r.pValue).toBeLessThan(0.001);
		expect(r.mismatch).toBe(true);
	});

	it('accepts ordinary noise and a planned uneven split', () => {
		expect(sampleRatioMismatch([5000, 5050]).mismatch).toBe(false);
		expect(sampleRatioMismatch([8000, 2000], [0.8, 0.2]).mismatch).toBe(false);
		expect(sampleRatioMismatch([8000, 2000]).mismatch).toBe(true);
	});
});

describe('sample size', () => {
	it('needs 14,751 impressions per arm to see a 10% lift on a 10% rate (α 0.05, power 0.8)', () => {
		expect(requiredSampleSize(0.1, 0.1)).toBe(14751);
	});

	it('turns missing impressions into days at each arm’s own traffic', () => {
		expect(daysToReach(80000, [{ units: 20000, days: 10 }, { units: 50000, days: 10 }])).toBe(30);
		expect(daysToReach(100, [{ units: 200, days: 1 }])).toBe(0);
		expect(daysToReach(100, [{ units: 0, days: 0 }])).toBeNull();
	});
});

describe('budget split', () => {
	it('lifts starved arms to the floor and keeps the sum at 1', () => {
		expect(applyFloor([0.995, 0.005], 0.01)).toEqual([0.99, 0.01]);
		const s = applyFloor([1, 0, 0], 0.01);
		expect(s[1]).toBe(0.01);
		expect(s[2]).toBe(0.01);
		expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
		expect(() => applyFloor([0.5, 0.5], 0.6)).toThrow('cannot hold');
	});

	it('gives each arm the share of draws it wins', () => {
		const s = thompsonShares([[1, 2, 3], [2, 1, 1]], 0);
		expect(s[0]).toBeCloseTo(2 / 3, 12);
		expect(s[1]).toBeCloseTo(1 / 3, 12);
	});
});
