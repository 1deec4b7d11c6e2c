import { z } from 'zod';

/** One ad of a test as the feedback describes it: its angle, its words and how it did. */
export const FeedbackAd = z.object({
	adId: z.string().min(1),
	variantGroup: z.string(),
	angle: z.string(),
	/** Headline-like fields (headlines, headline, subject...), in the ad's order. */
	headlines: z.array(z.string()),
	/** The other text fields (descriptions, primary text, body...). */
	texts: z.array(z.string()),
	cta: z.string(),
	/** Posterior mean of the test's metric, per impression. */
	metricValue: z.number(),
	ctr: z.number(),
	/** Conversions per click. */
	cvr: z.number(),
});
export type FeedbackAd = z.infer<typeof FeedbackAd>;

/** What one test (persona × channel) taught, for the next round of that channel's ads. */
export const TestFeedback = z.object({
	channel: z.string().min(1),
	/** `personaId|channel`. */
	test: z.string().min(1),
	metric: z.enum(['conversionRate', 'ctr', 'revenuePerImpression']),
	/** The declared winner, to imitate (its angle and phrasing; few-shot example for a model). */
	winner: FeedbackAd.extend({
		chanceToBeBest: z.number().min(0).max(1),
		liftVsControl: z.number(),
	}),
	/** The arms to replace, each with what held it back. */
	replace: z.array(
		FeedbackAd.extend({
			decision: z.enum(['regenerate', 'pause']),
			weaknesses: z.array(z.string()),
		}),
	),
	/** Angles to prefer (the winner's) and to avoid (those that lost to it). */
	keepAngles: z.array(z.string()),
	avoidAngles: z.array(z.string()),
	/** The winner's headlines, verbatim. */
	winningHeadlines: z.array(z.string()),
	/** The persona's keywords that appear in the winner's text. */
	keywords: z.array(z.string()),
	/** How many new variants to write for this channel (the number of arms replaced). */
	variantsWanted: z.number().int().min(1),
});
export type TestFeedback = z.infer<typeof TestFeedback>;

/**
 * The Ad Optimizer's feedback for regenerating one persona's ads: set as `feedback` on the persona
 * item, so the Regenerate output wires straight into the Ad Generator.
 */
export const RegenerationFeedback = z
	.object({
		kind: z.literal('regenerationFeedback'),
		version: z.literal(1),
		personaId: z.string().min(1),
		segmentId: z.string().min(1),
		createdAt: z.string(),
		/** One entry per test of this persona that has a winner and arms to replace. */
		tests: z.array(TestFeedback).min(1),
		/** The channels to regenerate (tests[].channel), for the Ad Generator's channel list. */
		channels: z.array(z.string()).min(1),
		/** One line a person can read. */
		summary: z.string(),
	})
	.passthrough();
export type RegenerationFeedback = z.infer<typeof RegenerationFeedback>;
