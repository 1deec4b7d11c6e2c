/**
 * What the Ad Optimizer learned, applied to the next round of ads: a persona item that carries
 * `feedback` (the Optimizer's Regenerate output) gets new challengers only for the channels whose
 * test it names, as many as arms were replaced, written in the winner's angle first and the losers'
 * angles last; a model also sees the winner as an example and the losers' weaknesses.
 */
import type { AdChannel } from '../contracts/adVariant';
import { AD_CHANNELS } from '../contracts/adVariant';
import type { TestFeedback } from '../contracts/feedback';
import type { Persona } from '../contracts/persona';

/** The test feedback for one channel, if the persona carries any. */
export function feedbackFor(persona: Persona, channel: AdChannel): TestFeedback | undefined {
	return persona.feedback?.tests.find((t) => t.channel === channel);
}

/**
 * The channels to write for this persona: with feedback, the channels its tests name (a new round
 * for what was tested, not for every channel of the brief); without, the brief's.
 */
export function channelsForPersona(
	persona: Persona,
	briefChannels: readonly AdChannel[],
): AdChannel[] {
	if (!persona.feedback) return [...briefChannels];
	const known = new Set<string>(AD_CHANNELS);
	return [...new Set(persona.feedback.tests.map((t) => t.channel))].filter((c): c is AdChannel =>
		known.has(c),
	);
}

/** How many variants to write: the number of arms the feedback replaces, else the brief's count. */
export function variantsWanted(test: TestFeedback | undefined, fallback: number): number {
	return test ? Math.min(26, test.variantsWanted) : fallback;
}

/** Angles reordered by the feedback: the winner's first, untried ones next, the losers' last. */
export function anglesByFeedback<A extends string>(
	angles: readonly A[],
	test: TestFeedback | undefined,
): A[] {
	if (!test) return [...angles];
	const keep = angles.filter((a) => test.keepAngles.includes(a));
	const avoid = angles.filter((a) => test.avoidAngles.includes(a) && !keep.includes(a));
	const rest = angles.filter((a) => !keep.includes(a) && !avoid.includes(a));
	return [...keep, ...rest, ...avoid];
}

/**
 * The first A/B label index for new challengers: after every label the test already used, so a new
 * ad never takes the winner's (or a retired arm's) label.
 */
export function firstNewLabelIndex(
	test: TestFeedback | undefined,
	labelIndex: (label: string) => number,
): number {
	if (!test) return 0;
	const used = [test.winner.variantGroup, ...test.replace.map((r) => r.variantGroup)].map(
		labelIndex,
	);
	return Math.max(-1, ...used) + 1;
}

/** The part of a model prompt that shows what worked: the winner as an example, the losers' faults. */
export function feedbackPrompt(test: TestFeedback): Record<string, unknown> {
	return {
		instruction:
			'These ads were tested on this channel. Write new challengers that keep what made the winner work (its angle and its kind of phrasing) without copying its lines, and avoid the weaknesses listed.',
		winner: {
			angle: test.winner.angle,
			headlines: test.winner.headlines,
			texts: test.winner.texts,
		},
		losers: test.replace.map((r) => ({
			angle: r.angle,
			headlines: r.headlines,
			weaknesses: r.weaknesses,
		})),
		keywordsThatWorked: test.keywords,
	};
}
