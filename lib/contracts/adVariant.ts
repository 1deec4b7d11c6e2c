import { z } from 'zod';

import { AdAudit } from './audit';
import { IsoDate } from './common';

export const AD_CHANNELS = [
	'google_search',
	'google_display',
	'meta_feed',
	'linkedin',
	'microsoft_search',
	'x_post',
	'email',
] as const;
export const AdChannel = z.enum(AD_CHANNELS);
export type AdChannel = z.infer<typeof AdChannel>;

export const ValidationIssue = z.object({
	field: z.string(),
	rule: z.string(),
	message: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssue>;

/** One ad variant for one persona on one channel (Ad Generator output). */
export const AdVariant = z
	.object({
		kind: z.literal('adVariant'),
		adId: z.string().min(1),
		personaId: z.string().min(1),
		segmentId: z.string().min(1),
		channel: AdChannel,
		format: z.string().min(1),
		/** The format's text fields, e.g. headlines[], descriptions[], primaryText. */
		fields: z.record(z.union([z.string(), z.array(z.string())])),
		cta: z.string(),
		finalUrl: z.string().url(),
		creativeBrief: z.string(),
		imagePrompt: z.string(),
		angle: z.string(),
		variantGroup: z.string().min(1),
		generator: z.string().min(1),
		model: z.string().nullable().optional(),
		promptHash: z.string(),
		briefHash: z.string().optional(),
		createdAt: IsoDate,
		validation: z.object({
			ok: z.boolean(),
			issues: z.array(ValidationIssue),
			/** Advice that does not fail the ad (e.g. over a recommended, not a hard, length). */
			warnings: z.array(ValidationIssue).optional(),
		}),
		scores: z
			.object({ keywordRelevance: z.number(), diversity: z.number() })
			.partial()
			.optional(),
		/** Written by the Bias Auditor. */
		audit: AdAudit.optional(),
		/** Why a variant the model was asked for is offline copy: the model call's error. */
		llmError: z.string().optional(),
		/**
		 * Written by a human approval step (or its template wiring); the Ad Deployer requires it.
		 * `by` names the reviewer, `at` when they decided, `note` what they wrote with the decision.
		 */
		approval: z
			.object({ approved: z.boolean(), by: z.string().optional(), at: z.string().optional(), note: z.string().optional() })
			.optional(),
	})
	.passthrough();
export type AdVariant = z.infer<typeof AdVariant>;
