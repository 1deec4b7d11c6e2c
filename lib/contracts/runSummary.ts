import { z } from 'zod';

/**
 * What a writing node (Persona Builder, Ad Generator) spent in one run: the Ad Optimizer's cost
 * view and the report read it. Emitted on the node's "Run Summary" output.
 */
export const RunSummary = z
	.object({
		kind: z.literal('runSummary'),
		node: z.enum(['personaBuilder', 'adGenerator']),
		mode: z.enum(['offline', 'llm']),
		model: z.string().nullable(),
		/** Units of work: personas for the Persona Builder, persona x channel for the Ad Generator. */
		units: z.number().int().min(0),
		calls: z.number().int().min(0),
		repairCalls: z.number().int().min(0),
		promptTokens: z.number().int().min(0),
		completionTokens: z.number().int().min(0),
		/** Sum of the client's cost estimates in US dollars (unpriced models count 0). */
		costUsd: z.number().min(0),
		/** Units written offline after their model call failed. */
		fallbacks: z.number().int().min(0),
		/** Items produced (personas or ad variants). */
		outputs: z.number().int().min(0),
		createdAt: z.string(),
	})
	.passthrough();
export type RunSummary = z.infer<typeof RunSummary>;
