import { z } from 'zod';

/**
 * What a writing node (Persona Builder, Ad Generator) spent in one run: the Ad Optimizer's cost
 * view and the report read it. Emitted on the node's "Run Summary" output.
 *
 * Token counts are what the model reported. A model that reports no usage (some n8n Chat Model
 * sub-nodes and OpenAI-compatible servers do not) leaves its answers' tokens unknown, never 0:
 * `answersWithoutUsage` counts those answers, and the counts are null when no answer of the run
 * reported usage (see {@link tokenReporting}).
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
		/** Sum over the answers that reported usage; null when none did (unknown, not zero). */
		promptTokens: z.number().int().min(0).nullable(),
		completionTokens: z.number().int().min(0).nullable(),
		/**
		 * Model answers whose token usage the model did not report: their tokens are in neither
		 * count. 0 when every answer reported usage (or no model was called). Summaries written
		 * before this field existed read as 0.
		 */
		answersWithoutUsage: z.number().int().min(0).default(0),
		/** Sum of the client's cost estimates in US dollars (unpriced models and answers without usage count 0). */
		costUsd: z.number().min(0),
		/** Units written offline after their model call failed. */
		fallbacks: z.number().int().min(0),
		/** Items produced (personas or ad variants). */
		outputs: z.number().int().min(0),
		createdAt: z.string(),
	})
	.passthrough();
export type RunSummary = z.infer<typeof RunSummary>;

/**
 * How far a run's (or several runs') token counts can be trusted: `reported` when every model
 * answer reported its usage (or no model was called), `partial` when some did not (the counts are
 * a lower bound), `unknown` when none did (the counts are null).
 */
export type TokenReporting = 'reported' | 'partial' | 'unknown';

type TokenCounts = Pick<RunSummary, 'promptTokens' | 'completionTokens' | 'answersWithoutUsage'>;

/** @example tokenReporting({ promptTokens: null, completionTokens: null, answersWithoutUsage: 3 }) === 'unknown' */
export function tokenReporting(s: TokenCounts): TokenReporting {
	if (s.promptTokens === null || s.completionTokens === null) return 'unknown';
	return s.answersWithoutUsage > 0 ? 'partial' : 'reported';
}

/**
 * Token counts of several runs added up: unknown counts add nothing, and the total is unknown
 * when no part reported a token.
 * @example addTokenCounts([{ promptTokens: 10, completionTokens: 5, answersWithoutUsage: 0 },
 *   { promptTokens: null, completionTokens: null, answersWithoutUsage: 2 }])
 *   // { promptTokens: 10, completionTokens: 5, answersWithoutUsage: 2 }: partial
 */
export function addTokenCounts(parts: readonly TokenCounts[]): TokenCounts {
	return tokenCounts(
		parts.reduce((n, p) => n + (p.promptTokens ?? 0), 0),
		parts.reduce((n, p) => n + (p.completionTokens ?? 0), 0),
		parts.reduce((n, p) => n + p.answersWithoutUsage, 0),
	);
}

/**
 * Counts from reported totals and the number of answers without usage: unknown (null) when some
 * answers reported nothing and no reported token was counted (a model answer that reports usage
 * always counts tokens, so a zero total means no answer reported any; an offline run or cached
 * answers add zeros that are known).
 */
export function tokenCounts(promptTokens: number, completionTokens: number, answersWithoutUsage: number): TokenCounts {
	if (answersWithoutUsage > 0 && promptTokens + completionTokens === 0) return { promptTokens: null, completionTokens: null, answersWithoutUsage };
	return { promptTokens, completionTokens, answersWithoutUsage };
}
