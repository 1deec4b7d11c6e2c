import { z } from 'zod';

import { FiniteNumber, Provenance, Share } from './common';

export const ATTRIBUTION_MODELS = [
	'firstTouch',
	'lastTouch',
	'linear',
	'timeDecay',
	'positionBased',
	'markov',
] as const;
export const AttributionModel = z.enum(ATTRIBUTION_MODELS);
export type AttributionModel = z.infer<typeof AttributionModel>;

const ChannelCount = z.object({ channel: z.string(), count: z.number().nonnegative(), share: Share });

/** The journey-map summary (Journey Mapper output 2): one item per run. */
export const JourneyMap = z
	.object({
		kind: z.literal('journeyMap'),
		funnel: z.array(
			z.object({
				step: z.string(),
				customers: z.number().int().nonnegative(),
				conversionFromPrevious: Share.nullable(),
				dropOff: Share.nullable(),
			}),
		),
		timeToConvert: z.object({
			windowDays: z.number().positive(),
			medianDays: FiniteNumber.nullable(),
			meanDays: FiniteNumber.nullable(),
			convertedInWindow: z.number().int().nonnegative(),
		}),
		topPaths: z.array(
			z.object({
				path: z.array(z.string()),
				customers: z.number().int().nonnegative(),
				conversions: z.number().int().nonnegative(),
				conversionRate: Share,
			}),
		),
		entryTouchpoints: z.array(ChannelCount),
		exitTouchpoints: z.array(ChannelCount),
		channelEffectiveness: z.array(
			z.object({
				channel: z.string(),
				touchpoints: z.number().int().nonnegative(),
				customers: z.number().int().nonnegative(),
				conversions: z.number().int().nonnegative(),
				conversionRate: Share,
				revenue: FiniteNumber,
			}),
		),
		attribution: z.object({
			totalConversions: z.number().nonnegative(),
			/** model -> channel -> attributed conversions (each model sums to totalConversions). */
			models: z.record(AttributionModel, z.record(FiniteNumber)),
			markovRemovalEffects: z.record(FiniteNumber),
			markovOrder: z.number().int().positive(),
		}),
		painPoints: z.array(
			z.object({
				type: z.string(),
				label: z.string(),
				value: FiniteNumber,
				detail: z.string(),
			}),
		),
		counts: z.object({
			recordsIn: z.number().int().nonnegative(),
			recordsUsed: z.number().int().nonnegative(),
			recordsRejected: z.number().int().nonnegative(),
			duplicates: z.number().int().nonnegative(),
			customers: z.number().int().nonnegative(),
			droppedForConsent: z.number().int().nonnegative(),
		}),
		/**
		 * Attribute values the Journey Mapper replaced by a marker: personal data (field -> kind ->
		 * values) and free text in a categorical attribute (field -> values).
		 */
		privacy: z
			.object({
				attributeValuesRedacted: z.number().int().nonnegative(),
				redactedByField: z.record(z.record(z.number().int().nonnegative())),
				freeTextValuesRemoved: z.number().int().nonnegative(),
				freeTextByField: z.record(z.number().int().nonnegative()),
			})
			.optional(),
		provenance: Provenance.optional(),
	})
	.passthrough();
export type JourneyMap = z.infer<typeof JourneyMap>;
