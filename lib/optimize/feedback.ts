/**
 * What a test with a winner teaches: the winner's angle, headlines and keywords, and each losing
 * arm's weaknesses, in the {@link TestFeedback} shape the Ad Generator reads from `persona.feedback`.
 */
import type { AdVariant } from '../contracts/adVariant';
import type { FeedbackAd, TestFeedback } from '../contracts/feedback';
import type { OptimizeMetric } from './defaults';
import type { ArmMetrics } from './metrics';

const HEADLINE_KEY = /headline|subject|title/i;

/**
 * Headline-like and other text of an ad's fields (pin lists left out).
 * @example adTexts({ headlines: ['a', 'b'], descriptions: ['c'] }) // { headlines: ['a', 'b'], texts: ['c'] }
 */
export function adTexts(fields: AdVariant['fields']): { headlines: string[]; texts: string[] } {
	const headlines: string[] = [];
	const texts: string[] = [];
	for (const key of Object.keys(fields)) {
		if (key.endsWith('Pins')) continue;
		const value = fields[key];
		const list = Array.isArray(value) ? value : [value];
		(HEADLINE_KEY.test(key) ? headlines : texts).push(...list.filter((s) => typeof s === 'string' && s.length > 0));
	}
	return { headlines, texts };
}

export interface FeedbackArm {
	variant: AdVariant;
	metrics: ArmMetrics;
	metricValue: number;
	chanceToBeBest: number;
	liftVsControl: number;
	decision: string;
}

function describe(arm: FeedbackArm): FeedbackAd {
	const { headlines, texts } = adTexts(arm.variant.fields);
	return {
		adId: arm.variant.adId,
		variantGroup: arm.variant.variantGroup,
		angle: arm.variant.angle,
		headlines,
		texts,
		cta: arm.variant.cta,
		metricValue: arm.metricValue,
		ctr: arm.metrics.ctr.mean,
		cvr: arm.metrics.cvr.mean,
	};
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/**
 * Why a losing arm lost, in words: weaker hook (CTR), weaker follow-through (conversions per click),
 * the same angle as the winner (so wording is the difference), and the platform's own warnings.
 * @example weaknessesOf(loser, winner)
 */
export function weaknessesOf(loser: FeedbackArm, winner: FeedbackArm): string[] {
	const out: string[] = [];
	const l = loser.metrics;
	const w = winner.metrics;
	if (w.ctr.mean > 0 && l.ctr.mean < 0.9 * w.ctr.mean) {
		out.push(`weaker hook: CTR ${pct(l.ctr.mean)} against the winner's ${pct(w.ctr.mean)}; its headlines draw fewer clicks`);
	}
	if (w.cvr.mean > 0 && l.cvr.mean < 0.9 * w.cvr.mean) {
		out.push(`weaker follow-through: ${pct(l.cvr.mean)} of clicks convert against the winner's ${pct(w.cvr.mean)}; the promise does not match the offer or landing page as well`);
	}
	if (loser.variant.angle === winner.variant.angle) out.push(`same angle as the winner ("${winner.variant.angle}"): the difference is in the wording`);
	else out.push(`its angle "${loser.variant.angle}" lost to "${winner.variant.angle}"`);
	for (const warning of loser.variant.validation.warnings ?? []) out.push(`platform advice on ${warning.field}: ${warning.message}`);
	if (out.length === 1 && !(w.ctr.mean > 0)) out.push(`lower result per impression: ${loser.metricValue.toPrecision(3)} against ${winner.metricValue.toPrecision(3)}`);
	return out;
}

/**
 * Feedback of one test that has a winner and arms to replace.
 * @example testFeedback('p1|google_search', 'conversionRate', winner, losers, ['handmade'])
 */
export function testFeedback(
	test: string,
	metric: OptimizeMetric,
	winner: FeedbackArm,
	losers: readonly FeedbackArm[],
	personaKeywords: readonly string[],
): TestFeedback {
	if (losers.length === 0) throw new Error('testFeedback requires at least one arm to replace');
	const w = describe(winner);
	const text = [...w.headlines, ...w.texts].join(' \n ').toLowerCase();
	return {
		channel: winner.variant.channel,
		test,
		metric,
		winner: { ...w, chanceToBeBest: winner.chanceToBeBest, liftVsControl: winner.liftVsControl },
		replace: losers.map((l) => ({
			...describe(l),
			decision: l.decision === 'pause' ? ('pause' as const) : ('regenerate' as const),
			weaknesses: weaknessesOf(l, winner),
		})),
		keepAngles: [winner.variant.angle],
		avoidAngles: [...new Set(losers.map((l) => l.variant.angle).filter((a) => a !== winner.variant.angle))],
		winningHeadlines: w.headlines,
		keywords: personaKeywords.filter((k) => k.length > 0 && text.includes(k.toLowerCase())),
		variantsWanted: losers.length,
	};
}
