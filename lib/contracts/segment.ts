import { z } from 'zod';

import { FiniteNumber, Provenance, Share } from './common';

export const SEGMENT_METHODS = ['kmeans', 'rfm'] as const;

/** One segment summary (Customer Segmenter output 2). */
export const Segment = z
	.object({
		kind: z.literal('segment'),
		/** Stable across runs: matched to the previous run's centroids. */
		segmentId: z.string().min(1),
		label: z.string(),
		description: z.string(),
		size: z.number().int().nonnegative(),
		share: Share,
		method: z.enum(SEGMENT_METHODS),
		profile: z.record(
			z.object({
				mean: FiniteNumber,
				q1: FiniteNumber,
				median: FiniteNumber,
				q3: FiniteNumber,
			}),
		),
		distinguishingFeatures: z.array(
			z.object({
				feature: z.string(),
				zScore: FiniteNumber,
				direction: z.enum(['higher', 'lower']),
				segmentMean: FiniteNumber,
				overallMean: FiniteNumber,
			}),
		),
		conversionRate: Share.nullable(),
		revenue: FiniteNumber.nullable(),
		/** Most common value per categorical attribute (non-protected), with its share. */
		attributes: z.record(z.object({ value: z.string(), share: Share })).optional(),
		/** Share of the segment per channel where journeys were the input. */
		channelMix: z.record(Share).optional(),
		quality: z
			.object({
				k: z.number().int().positive(),
				kReason: z.string(),
				inertia: FiniteNumber.optional(),
				silhouette: FiniteNumber.nullable().optional(),
				daviesBouldin: FiniteNumber.nullable().optional(),
			})
			.passthrough(),
		protectedAttributesUsed: z.array(z.string()),
		provenance: Provenance.optional(),
	})
	.passthrough();
export type Segment = z.infer<typeof Segment>;
