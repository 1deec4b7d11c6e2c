import { z } from 'zod';

import { AttributeValue, Provenance } from './common';
import { RegenerationFeedback } from './feedback';

/** A claim in a persona and the segment number that backs it. */
export const Evidence = z.object({
	claim: z.string().min(1),
	feature: z.string().min(1),
	value: AttributeValue,
	/** What the value is compared with (e.g. the overall mean), when that matters. */
	baseline: AttributeValue.optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/** One persona per segment (Persona Builder output). */
export const Persona = z
	.object({
		kind: z.literal('persona'),
		personaId: z.string().min(1),
		segmentId: z.string().min(1),
		name: z.string().min(1),
		summary: z.string().min(1),
		demographics: z.string(),
		motivations: z.array(z.string()),
		goals: z.array(z.string()),
		painPoints: z.array(z.string()),
		objections: z.array(z.string()),
		preferredChannels: z.array(z.string()),
		preferredTimes: z.array(z.string()),
		tone: z.string(),
		keyMessages: z.array(z.string()),
		keywords: z.array(z.string()),
		evidence: z.array(Evidence),
		size: z.number().int().nonnegative().optional(),
		generator: z.string(),
		provenance: Provenance.optional(),
		/** Set by the Ad Optimizer on its Regenerate output: what won and what to replace. */
		feedback: RegenerationFeedback.optional(),
	})
	.passthrough();
export type Persona = z.infer<typeof Persona>;
