import { chiSquareSurvival } from './special';

/** Result of a sample-ratio-mismatch check. */
export interface SrmResult {
	chiSquare: number;
	pValue: number;
	/** True when p is below the threshold: the split is not what was planned, so the test is not trusted. */
	mismatch: boolean;
	expected: number[];
}

/**
 * Sample-ratio-mismatch check: Pearson's chi-square of the observed units per arm against the planned
 * shares (an even split unless given), k − 1 degrees of freedom. A p-value below `threshold` (0.001,
 * as GrowthBook and most experimentation platforms ship it) flags the test as untrustworthy.
 * @example sampleRatioMismatch([5000, 5400]) // p ≈ 0.0001 → mismatch
 */
export function sampleRatioMismatch(observed: readonly number[], plannedShares?: readonly number[], threshold = 0.001): SrmResult {
	if (observed.length < 2) throw new Error('sampleRatioMismatch requires at least two arms');
	if (observed.some((o) => !(o >= 0))) throw new Error('sampleRatioMismatch requires non-negative counts');
	const shares = plannedShares ?? observed.map(() => 1 / observed.length);
	if (shares.length !== observed.length) throw new Error('sampleRatioMismatch requires one planned share per arm');
	const shareSum = shares.reduce((s, x) => s + x, 0);
	if (!(shareSum > 0) || shares.some((s) => !(s > 0))) throw new Error('sampleRatioMismatch requires positive planned shares');
	const total = observed.reduce((s, x) => s + x, 0);
	const expected = shares.map((s) => (total * s) / shareSum);
	if (total === 0) return { chiSquare: 0, pValue: 1, mismatch: false, expected };
	let chiSquare = 0;
	for (let i = 0; i < observed.length; i++) chiSquare += (observed[i] - expected[i]) ** 2 / expected[i];
	const pValue = chiSquareSurvival(chiSquare, observed.length - 1);
	return { chiSquare, pValue, mismatch: pValue < threshold, expected };
}
