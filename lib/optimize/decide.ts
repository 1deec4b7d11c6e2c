/**
 * Tests and verdicts. A test is the set of variants the Ad Generator wrote for one persona on one
 * channel (same `personaId` and `channel`; `variantGroup` labels its arms A, B, C...). The control
 * is the arm labelled "A" (the generator's first variant), else the first label in order.
 */
import type { ArmComparison } from './compare';
import { OPTIMIZER_DEFAULTS } from './defaults';

export type Decision = 'keep' | 'scale' | 'pause' | 'regenerate';
export type Verdict = 'collecting' | 'untrustworthy' | 'winner' | 'inconclusive' | 'single';

/** Key of a test: persona and channel. */
export function testKey(v: { personaId: string; channel: string }): string {
	return `${v.personaId}|${v.channel}`;
}

/** Label order: A < B < ... < Z < AA (shorter first, then alphabetical). */
export function compareLabels(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Index of the control among the arms' `variantGroup` labels: "A" when present, else the first label.
 * @example controlIndex(['B', 'A', 'C']) // 1
 */
export function controlIndex(labels: readonly string[]): number {
	if (labels.length === 0) throw new Error('controlIndex requires at least one arm');
	const a = labels.indexOf('A');
	if (a >= 0) return a;
	let best = 0;
	for (let i = 1; i < labels.length; i++) if (compareLabels(labels[i], labels[best]) < 0) best = i;
	return best;
}

export interface DecisionThresholds {
	decideAt: number;
	earlyDecideAt: number;
	winRisk: number;
	loseRisk: number;
	minImpressions: number;
	minConversions: number;
	onLoser: 'regenerate' | 'pause';
}

/** What the test rule needs of each arm. */
export interface ArmEvidence {
	impressions: number;
	/** Successes of the decision metric (conversions, or clicks for CTR). */
	successes: number;
	comparison: ArmComparison;
}

export interface ArmDecision {
	decision: Decision;
	reason: string;
}

export interface TestVerdict {
	verdict: Verdict;
	winnerIndex: number | null;
	arms: ArmDecision[];
	/** Why the whole test stands where it does. */
	reason: string;
}

const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;

/**
 * The decision rule, on numbers already computed (so it can be checked at its exact boundaries):
 * 1. a sample-ratio mismatch → no verdict (every arm kept, the test flagged);
 * 2. any arm below the minimum impressions or successes → no verdict (collecting);
 * 3. the arm most likely best is the winner when its chance to be best ≥ decideAt (earlyDecideAt
 *    while the arms are short of the planned sample size) AND its risk ≤ winRisk: it is scaled,
 *    every other arm is regenerated (or paused);
 * 4. otherwise an arm with chance to be best < 1 − decideAt AND risk > loseRisk is paused; the rest
 *    are kept (inconclusive).
 * @example decideTest(arms, { srmMismatch: false }, OPTIMIZER_DEFAULTS)
 */
export function decideTest(
	arms: readonly ArmEvidence[],
	context: { srmMismatch: boolean; srmPValue?: number; reachedSampleSize: boolean },
	t: DecisionThresholds = OPTIMIZER_DEFAULTS,
): TestVerdict {
	if (arms.length === 0) throw new Error('decideTest requires at least one arm');
	const keepAll = (reason: string, verdict: Verdict): TestVerdict => ({
		verdict,
		winnerIndex: null,
		reason,
		arms: arms.map(() => ({ decision: 'keep' as Decision, reason })),
	});
	if (arms.length === 1) return keepAll('only one variant: nothing to compare it with', 'single');
	if (context.srmMismatch) {
		return keepAll(
			`sample ratio mismatch (chi-square p = ${(context.srmPValue ?? 0).toExponential(2)}): delivery did not follow the planned split, so the comparison is not trusted; check targeting and delivery before deciding`,
			'untrustworthy',
		);
	}
	const short = arms
		.map((a, i) => ({ i, imp: Math.max(0, t.minImpressions - a.impressions), conv: Math.max(0, t.minConversions - a.successes) }))
		.filter((s) => s.imp > 0 || s.conv > 0);
	if (short.length) {
		const worstImp = Math.max(...short.map((s) => s.imp));
		const worstConv = Math.max(...short.map((s) => s.conv));
		const needs = [worstImp > 0 ? `${Math.ceil(worstImp)} more impressions` : '', worstConv > 0 ? `${Math.ceil(worstConv)} more conversions` : '']
			.filter(Boolean)
			.join(' and ');
		return keepAll(`collecting data: the smallest arm needs ${needs} before any verdict (minimum ${t.minImpressions} impressions and ${t.minConversions} conversions per arm)`, 'collecting');
	}
	let lead = 0;
	for (let i = 1; i < arms.length; i++) if (arms[i].comparison.chanceToBeBest > arms[lead].comparison.chanceToBeBest) lead = i;
	const c = arms[lead].comparison;
	const decideAt = context.reachedSampleSize ? t.decideAt : Math.max(t.decideAt, t.earlyDecideAt);
	const stage = context.reachedSampleSize ? '' : ' (before the planned sample size)';
	if (c.chanceToBeBest >= decideAt && c.risk <= t.winRisk) {
		const why = `chance to be best ${pct(c.chanceToBeBest)} ≥ ${pct(decideAt, 0)}${stage} and risk ${pct(c.risk, 2)} ≤ ${pct(t.winRisk, 2)}`;
		return {
			verdict: 'winner',
			winnerIndex: lead,
			reason: `winner found: ${why}`,
			arms: arms.map((a, i) =>
				i === lead
					? { decision: 'scale' as Decision, reason: `winner: ${why}` }
					: {
							decision: t.onLoser,
							reason: `lost to the winner: chance to be best ${pct(a.comparison.chanceToBeBest)}, expected loss ${pct(a.comparison.risk, 2)} of the control's rate${t.onLoser === 'regenerate' ? '; write a new challenger from what won' : ''}`,
						},
			),
		};
	}
	// 1 − 0.95 is 0.050000000000000044 in floating point: round the threshold so 5% means 5%
	const pauseBelow = Math.round((1 - t.decideAt) * 1e12) / 1e12;
	const reason = `no winner yet: the leader's chance to be best is ${pct(c.chanceToBeBest)} (needs ${pct(decideAt, 0)}${stage}) and its risk ${pct(c.risk, 2)} (needs ≤ ${pct(t.winRisk, 2)})`;
	return {
		verdict: 'inconclusive',
		winnerIndex: null,
		reason,
		arms: arms.map((a) =>
			a.comparison.chanceToBeBest < pauseBelow && a.comparison.risk > t.loseRisk
				? {
						decision: 'pause' as Decision,
						reason: `clearly behind: chance to be best ${pct(a.comparison.chanceToBeBest)} < ${pct(pauseBelow, 0)} and risk ${pct(a.comparison.risk, 2)} > ${pct(t.loseRisk, 2)}`,
					}
				: { decision: 'keep' as Decision, reason },
		),
	};
}
