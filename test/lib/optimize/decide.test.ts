import type { ArmEvidence } from '../../../lib/optimize';
import { controlIndex, decideTest, OPTIMIZER_DEFAULTS } from '../../../lib/optimize';

const T = OPTIMIZER_DEFAULTS;

function arm(chanceToBeBest: number, risk: number, impressions = 20000, successes = 400): ArmEvidence {
	return { impressions, successes, comparison: { chanceToBeBest, risk, chanceToBeatControl: chanceToBeBest, expectedLoss: risk * 0.02, liftVsControl: 0 } };
}

describe('the decision rule at its boundaries', () => {
	it('declares a winner at exactly 95% chance to be best and exactly the 0.25% risk threshold', () => {
		const v = decideTest([arm(0.05, 0.02), arm(0.95, 0.0025)], { srmMismatch: false, reachedSampleSize: true });
		expect(v.verdict).toBe('winner');
		expect(v.winnerIndex).toBe(1);
		expect(v.arms.map((a) => a.decision)).toEqual(['regenerate', 'scale']);
		expect(v.arms[1].reason).toContain('95.0%');
	});

	it('declares nothing just below 95%, nor just above the risk threshold', () => {
		expect(decideTest([arm(0.0501, 0.02), arm(0.9499, 0.001)], { srmMismatch: false, reachedSampleSize: true }).verdict).toBe('inconclusive');
		expect(decideTest([arm(0.02, 0.02), arm(0.98, 0.002501)], { srmMismatch: false, reachedSampleSize: true }).verdict).toBe('inconclusive');
	});

	it('asks for 99% instead of 95% while the arms are short of the planned sample size (the peeking guard)', () => {
		const early = { srmMismatch: false, reachedSampleSize: false };
		expect(decideTest([arm(0.0101, 0.02), arm(0.9899, 0.001)], early).verdict).toBe('inconclusive');
		const v = decideTest([arm(0.01, 0.02), arm(0.99, 0.001)], early);
		expect(v.verdict).toBe('winner');
		expect(v.reason).toContain('≥ 99% (before the planned sample size)');
	});

	it('pauses a clearly-behind arm when there is no winner: chance to be best < 5% and risk > 1.25%', () => {
		const v = decideTest([arm(0.049, 0.0126), arm(0.5, 0.01), arm(0.461, 0.01)], { srmMismatch: false, reachedSampleSize: true });
		expect(v.verdict).toBe('inconclusive');
		expect(v.arms.map((a) => a.decision)).toEqual(['pause', 'keep', 'keep']);
		// at exactly the thresholds it is kept
		const edge = decideTest([arm(0.05, 0.0126), arm(0.5, 0.01), arm(0.45, 0.01)], { srmMismatch: false, reachedSampleSize: true });
		expect(edge.arms[0].decision).toBe('keep');
		const edgeRisk = decideTest([arm(0.01, 0.0125), arm(0.5, 0.01), arm(0.49, 0.01)], { srmMismatch: false, reachedSampleSize: true });
		expect(edgeRisk.arms[0].decision).toBe('keep');
	});

	it('pauses rather than regenerates losers when told to', () => {
		const v = decideTest([arm(0.01, 0.05), arm(0.99, 0.0001)], { srmMismatch: false, reachedSampleSize: true }, { ...T, onLoser: 'pause' });
		expect(v.arms.map((a) => a.decision)).toEqual(['pause', 'scale']);
	});
});

describe('no verdict without enough data or trust', () => {
	it('keeps every arm while any arm is below 1000 impressions or 150 conversions, saying how much is missing', () => {
		const fewConv = decideTest([arm(0.001, 0.5, 50000, 149), arm(0.999, 0, 50000, 900)], { srmMismatch: false, reachedSampleSize: true });
		expect(fewConv.verdict).toBe('collecting');
		expect(fewConv.arms.map((a) => a.decision)).toEqual(['keep', 'keep']);
		expect(fewConv.reason).toContain('1 more conversions');
		const fewImp = decideTest([arm(0.001, 0.5, 999, 150), arm(0.999, 0, 50000, 900)], { srmMismatch: false, reachedSampleSize: true });
		expect(fewImp.verdict).toBe('collecting');
		expect(fewImp.reason).toContain('1 more impressions');
		expect(decideTest([arm(0.001, 0.5, 1000, 150), arm(0.999, 0, 1000, 150)], { srmMismatch: false, reachedSampleSize: true }).verdict).toBe('winner');
	});

	it('refuses a verdict under a sample ratio mismatch, however clear the numbers', () => {
		const v = decideTest([arm(0.001, 0.5), arm(0.999, 0)], { srmMismatch: true, srmPValue: 1e-6, reachedSampleSize: true });
		expect(v.verdict).toBe('untrustworthy');
		expect(v.arms.every((a) => a.decision === 'keep')).toBe(true);
		expect(v.reason).toContain('sample ratio mismatch');
	});

	it('has nothing to compare for a single variant', () => {
		expect(decideTest([arm(1, 0)], { srmMismatch: false, reachedSampleSize: true }).verdict).toBe('single');
	});
});

describe('control', () => {
	it('is the arm labelled A, else the first label', () => {
		expect(controlIndex(['B', 'A', 'C'])).toBe(1);
		expect(controlIndex(['AA', 'C', 'B'])).toBe(2);
	});
});
