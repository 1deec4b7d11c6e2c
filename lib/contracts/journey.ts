import { z } from 'zod';

import { AttributeValue, FiniteNumber, IsoDate, Provenance } from './common';

export const JOURNEY_STAGES = [
	'awareness',
	'consideration',
	'conversion',
	'retention',
	'advocacy',
	'churn-risk',
] as const;
export const JourneyStage = z.enum(JOURNEY_STAGES);
export type JourneyStage = z.infer<typeof JourneyStage>;

/** One customer's journey, as the Journey Mapper emits it (output 1). */
export const Journey = z
	.object({
		customerId: z.string().min(1),
		pseudonymized: z.boolean(),
		firstSeen: IsoDate,
		lastSeen: IsoDate,
		stage: JourneyStage,
		/** Channels in time order, consecutive repeats collapsed. */
		path: z.array(z.string()),
		touchpoints: z.number().int().nonnegative(),
		converted: z.boolean(),
		conversions: z.number().int().nonnegative(),
		revenue: FiniteNumber.nonnegative(),
		/** Days from first touch to first conversion; null when not converted. */
		daysToConvert: FiniteNumber.nonnegative().nullable(),
		engagement: z.object({
			byChannel: z.record(z.number().nonnegative()),
			byEvent: z.record(z.number().nonnegative()),
		}),
		painPoints: z.array(z.string()),
		/** Non-PII attributes (age band, region, plan ...). */
		attributes: z.record(AttributeValue),
		sources: z.array(z.string()),
		provenance: Provenance.optional(),
	})
	.passthrough();
export type Journey = z.infer<typeof Journey>;
