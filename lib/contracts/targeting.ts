import { z } from 'zod';

/** One location in an intended targeting. */
export const TargetLocation = z
	.object({
		type: z.enum(['country', 'region', 'city', 'postalCode', 'radius', 'address']),
		value: z.string().min(1),
		/** For radius, city or address targeting: the radius around the point, in km (or miles below). */
		radiusKm: z.number().positive().optional(),
		radiusMiles: z.number().positive().optional(),
		exclude: z.boolean().optional(),
	})
	.passthrough();
export type TargetLocation = z.infer<typeof TargetLocation>;

/** An audience the ad is shown to (a platform audience, a customer list, a lookalike). */
export const TargetAudience = z
	.object({
		type: z.enum(['interest', 'customerList', 'lookalike', 'saved', 'demographic', 'remarketing', 'other']),
		name: z.string().min(1),
		/** Attributes the audience is defined by (e.g. "parentalStatus", "religion"), where known. */
		attributes: z.array(z.string()).optional(),
		exclude: z.boolean().optional(),
	})
	.passthrough();
export type TargetAudience = z.infer<typeof TargetAudience>;

/**
 * The intended targeting of an ad or of a segment's ads (Bias Auditor input). `adId` or
 * `segmentId` says what it applies to; neither: every ad.
 */
export const Targeting = z
	.object({
		kind: z.literal('targeting'),
		adId: z.string().min(1).optional(),
		segmentId: z.string().min(1).optional(),
		ageMin: z.number().int().min(13).max(100).optional(),
		ageMax: z.number().int().min(13).max(100).optional(),
		genders: z.array(z.string().min(1)).optional(),
		locations: z.array(TargetLocation).optional(),
		audiences: z.array(TargetAudience).optional(),
		/** Other attributes the targeting selects on (customer fields or platform criteria). */
		attributes: z.array(z.string().min(1)).optional(),
	})
	.passthrough();
export type Targeting = z.infer<typeof Targeting>;
