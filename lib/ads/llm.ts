/**
 * The Ad Generator's LLM mode: one structured call per persona x channel asking for every variant,
 * each variant validated; one targeted repair call per persona x channel that sends only the
 * variants that failed (with what is wrong with which field); what still fails is dropped. An ad
 * that fails validation is never emitted.
 */
import type { AdChannel, AdVariant } from '../contracts/adVariant';
import { addTokenCounts, tokenCounts, type RunSummary } from '../contracts/runSummary';
import { Persona as PersonaSchema } from '../contracts/persona';
import type { Persona } from '../contracts/persona';
import { assertContract } from '../contracts/validate';
import type { LlmClient } from '../llm/client';
import { mapConcurrent } from '../llm/concurrency';
import type { ChatMessage, LlmResult } from '../llm/types';
import type { CampaignBrief } from './brief';
import { channelsOf, normalizeBrief } from './brief';
import type { GenerateOptions, GenerateResult, RejectedAd } from './generate';
import { DEFAULT_NOW, generateAds } from './generate';
import { channelsForPersona, feedbackFor, firstNewLabelIndex, variantsWanted } from './feedback';
import { labelIndex, variantGroupLabel } from './ids';
import type { LlmFailure } from './llmAccept';
import { acceptLlmVariants } from './llmAccept';
import type { AnswerSchema } from './llmPrompt';
import { buildAdPrompt, buildRepairMessage, zodFromAdJsonSchema } from './llmPrompt';
import type { AdFields } from './registry';
import { getFormat } from './registry';
import { adTokens, groupDiversity } from './similarity';

export interface LlmAdOptions extends GenerateOptions {
	/** Model to ask (default: the client's). */
	model?: string;
	/** Sampling temperature, 0 to 2 (default: the client's). */
	temperature?: number;
	/**
	 * `fallback` (default): when the call for a persona x channel fails (endpoint error, unusable
	 * answer, PII guard), that unit is written by the offline generator and the error is recorded in
	 * `llmErrors`. `throw`: the first failure rejects the run.
	 */
	onLlmError?: 'fallback' | 'throw';
}

export interface LlmAdStats {
	/** Persona x channel units. */
	units: number;
	/** Structured calls made: one per unit plus the repair calls (HTTP retries not counted). */
	calls: number;
	/** Targeted repair calls (at most one per unit). */
	repairCalls: number;
	/** Units written by the offline generator after their call failed. */
	fallbacks: number;
	/** Model variants dropped because they were still invalid after the repair (or unrepairable). */
	invalidDropped: number;
	/** Sum of the client's cost estimates (unpriced models and answers without usage count 0). */
	costUsd: number;
	/** Tokens the model reported, over the answers that reported them. */
	promptTokens: number;
	completionTokens: number;
	/** Answers whose token usage the model did not report (their tokens are unknown). */
	answersWithoutUsage: number;
}

/** A call that failed; `stage` says whether it was the unit's call or its repair call. */
export interface LlmAdError {
	personaId: string;
	channel: AdChannel;
	stage: 'generate' | 'repair';
	message: string;
}

export interface LlmAdResult extends GenerateResult {
	stats: LlmAdStats;
	/** Failed calls (with `onLlmError: 'fallback'`), in persona and channel order. */
	llmErrors: LlmAdError[];
}

interface RawItem {
	angle?: unknown;
	fields?: unknown;
	cta?: unknown;
	imagePrompt?: unknown;
}

interface UnitOutcome {
	variants: AdVariant[];
	rejected: RejectedAd[];
	errors: LlmAdError[];
	calls: number;
	repairCalls: number;
	fallback: boolean;
	invalidDropped: number;
	costUsd: number;
	promptTokens: number;
	completionTokens: number;
	answersWithoutUsage: number;
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Write ad variants per persona x channel with an OpenAI-compatible model. Per unit: one structured
 * call for all variants (prompt and schema from {@link buildAdPrompt}), every variant checked by
 * {@link acceptLlmVariants}; when some fail, one repair call with only those variants and their
 * issues; what still fails is dropped (`stats.invalidDropped`, `rejected`). Units run with a window
 * of twice the client's concurrency (the client bounds requests in flight). Output is in persona,
 * channel and variant order whatever the completion order.
 *
 * @example await generateAdsWithLlm(personas, brief, client, { now: runTime, channels: ['meta_feed'] })
 */
export async function generateAdsWithLlm(
	personas: Persona[],
	brief: CampaignBrief,
	client: LlmClient,
	options: LlmAdOptions = {},
): Promise<LlmAdResult> {
	if (!client || typeof client.complete !== 'function') {
		throw new Error('generateAdsWithLlm requires an LlmClient');
	}
	const nb = normalizeBrief(brief);
	const now = options.now ?? DEFAULT_NOW;
	if (Number.isNaN(Date.parse(now)))
		throw new Error(`Option "now" must be an ISO 8601 date, got "${now}"`);
	const channels = channelsOf(nb, options.channels);
	for (const ch of channels) getFormat(ch);
	const n = options.variantsPerPersona ?? nb.variantsPerPersona;
	if (!Number.isInteger(n) || n < 1 || n > 26) {
		throw new Error(`variantsPerPersona must be an integer from 1 to 26, got ${n}`);
	}
	const temperature = options.temperature;
	if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) {
		throw new Error(`temperature must be between 0 and 2, got ${temperature}`);
	}
	const model = options.model?.trim() || undefined;
	const onError = options.onLlmError ?? 'fallback';
	if (onError !== 'fallback' && onError !== 'throw') {
		throw new Error(`onLlmError must be "fallback" or "throw", got "${String(onError)}"`);
	}
	const valid = personas.map((raw, index) => assertContract('Persona', PersonaSchema, raw, index));

	// One zod schema per distinct JSON schema (the client caches its conversion per schema object).
	const schemas = new Map<string, AnswerSchema>();
	const schemaFor = (jsonSchema: {
		name: string;
		schema: Record<string, unknown>;
	}): AnswerSchema => {
		const key = JSON.stringify(jsonSchema.schema);
		let schema = schemas.get(key);
		if (!schema) {
			schema = zodFromAdJsonSchema(jsonSchema.schema);
			schemas.set(key, schema);
		}
		return schema;
	};
	const ask = (prompt: ReturnType<typeof buildAdPrompt>, messages: ChatMessage[]) =>
		client.complete<unknown>({
			messages,
			schema: schemaFor(prompt.jsonSchema),
			schemaName: prompt.jsonSchema.name,
			model,
			temperature,
		});

	/** The offline generator's variants for one unit, or the error to throw when it cannot write them. */
	const offlineFallback = (
		persona: Persona,
		channel: AdChannel,
		callError: unknown,
	): GenerateResult | Error => {
		try {
			return generateAds([persona], nb, {
				seed: options.seed,
				now,
				channels: [channel],
				variantsPerPersona: n,
			});
		} catch (offlineError) {
			const message = `Ads for persona "${persona.personaId}" on ${channel}: the call failed (${errorMessage(callError)}) and the offline fallback failed too: ${errorMessage(offlineError)}`;
			return new Error(message, { cause: callError });
		}
	};

	const units = valid.flatMap((persona) =>
		channelsForPersona(persona, channels).map((channel) => ({ persona, channel })),
	);

	const runUnit = async ({
		persona,
		channel,
	}: {
		persona: Persona;
		channel: AdChannel;
	}): Promise<UnitOutcome> => {
		const out: UnitOutcome = {
			variants: [],
			rejected: [],
			errors: [],
			calls: 0,
			repairCalls: 0,
			fallback: false,
			invalidDropped: 0,
			costUsd: 0,
			promptTokens: 0,
			completionTokens: 0,
			answersWithoutUsage: 0,
		};
		const account = (r: LlmResult<unknown>) => {
			out.costUsd += r.costUsd ?? 0;
			out.promptTokens += r.usage.promptTokens;
			out.completionTokens += r.usage.completionTokens;
			if (!r.usageReported) out.answersWithoutUsage++;
		};
		const fail = (stage: LlmAdError['stage'], error: unknown): Error | null => {
			const message = errorMessage(error);
			if (onError === 'throw') {
				const what = stage === 'repair' ? 'repair call' : 'call';
				return new Error(
					`Ads for persona "${persona.personaId}" on ${channel}: the ${what} failed: ${message}`,
					{
						cause: error,
					},
				);
			}
			out.errors.push({ personaId: persona.personaId, channel, stage, message });
			return null;
		};

		// after the Ad Optimizer's feedback: as many challengers as arms replaced, labelled after the test's
		const test = feedbackFor(persona, channel);
		const wanted = variantsWanted(test, n);
		const firstLabel = firstNewLabelIndex(test, labelIndex);

		// 1. One call for all variants.
		const prompt = buildAdPrompt(persona, nb, channel, wanted);
		let first: LlmResult<unknown> | null = null;
		let callError: unknown = null;
		out.calls++;
		try {
			first = await ask(prompt, [
				{ role: 'system', content: prompt.system },
				{ role: 'user', content: prompt.user },
			]);
		} catch (error) {
			callError = error ?? new Error('the call failed');
		}
		if (first === null) {
			const thrown = fail('generate', callError);
			if (thrown) throw thrown;
			const offline = offlineFallback(persona, channel, callError);
			if (offline instanceof Error) throw offline;
			out.fallback = true;
			// each fallback variant says why it is offline copy (as the Persona Builder's personas do)
			const llmError = errorMessage(callError);
			out.variants = offline.variants.map((v) => ({ ...v, llmError }));
			out.rejected = offline.rejected;
			return out;
		}
		account(first);
		const items = ((first.data as { variants?: RawItem[] }).variants ?? []).slice(0, wanted);
		const accepted = acceptLlmVariants({ variants: items }, persona, nb, channel, {
			model: first.model,
			now,
			promptHash: first.promptHash,
		});
		const kept = accepted.variants.slice();
		// Variant index of each kept variant (accepted ones are the items that did not fail, in order).
		const slotOf = new Map<AdVariant, number>();
		const failedAt = new Set(accepted.failed.map((f) => f.index));
		const passedAt = items.map((_, i) => i).filter((i) => !failedAt.has(i));
		accepted.variants.forEach((v, i) => slotOf.set(v, passedAt[i] ?? i));
		const drop = (f: LlmFailure, why: string) => {
			out.invalidDropped++;
			const issues = f.issues
				.slice(0, 3)
				.map((x) => `${x.field} ${x.rule} (${x.message})`)
				.join('; ');
			out.rejected.push({
				personaId: persona.personaId,
				channel,
				reason: `variant ${f.index + 1}: ${why}: ${issues}`,
			});
		};
		for (let i = items.length; i < wanted; i++) {
			out.rejected.push({
				personaId: persona.personaId,
				channel,
				reason: `variant ${i + 1}: the model returned ${items.length} of ${wanted} variants`,
			});
		}

		// 2. One targeted repair call for the variants that failed (only those are sent).
		const repairable = accepted.failed.filter(
			(f) => f.index >= 0 && f.index < items.length && f.fields !== undefined,
		);
		for (const f of accepted.failed)
			if (!repairable.includes(f)) drop(f, 'invalid and not repairable');
		if (repairable.length > 0) {
			const repairPrompt = buildAdPrompt(persona, nb, channel, repairable.length);
			const usedAngles = Array.from(
				new Set(kept.map((v) => v.angle).filter((a): a is string => typeof a === 'string')),
			);
			const message = buildRepairMessage(
				repairable.map((f) => ({ issues: f.issues, item: items[f.index] })),
				usedAngles,
			);
			let repaired: LlmResult<unknown> | null = null;
			out.calls++;
			out.repairCalls++;
			try {
				repaired = await ask(repairPrompt, [
					{ role: 'system', content: repairPrompt.system },
					{ role: 'user', content: repairPrompt.user },
					{ role: 'user', content: message },
				]);
			} catch (error) {
				const thrown = fail('repair', error);
				if (thrown) throw thrown;
			}
			if (repaired) account(repaired);
			const fixedItems = repaired
				? ((repaired.data as { variants?: RawItem[] }).variants ?? [])
				: [];
			repairable.forEach((f, i) => {
				if (!repaired) {
					drop(f, 'invalid, and the repair call failed');
					return;
				}
				const item = fixedItems[i];
				if (item === undefined) {
					drop(f, 'invalid, and the repair answer left it out');
					return;
				}
				const again = acceptLlmVariants({ variants: [item] }, persona, nb, channel, {
					model: repaired.model,
					now,
					promptHash: repaired.promptHash,
					startIndex: f.index,
					siblings: kept,
				});
				if (again.variants.length === 1) {
					kept.push(again.variants[0]);
					slotOf.set(again.variants[0], f.index);
				} else drop(again.failed[0] ?? f, 'still invalid after repair');
			});
		}

		// 3. Variant order, contiguous A/B/C groups, diversity within the final set.
		kept.sort((a, b) => (slotOf.get(a) ?? 0) - (slotOf.get(b) ?? 0));
		const diversity = groupDiversity(kept.map((v) => adTokens(v.fields as AdFields)));
		out.variants = kept.map((v, i) => ({
			...v,
			variantGroup: variantGroupLabel(firstLabel + i),
			scores: { ...v.scores, diversity: diversity[i] },
		}));
		return out;
	};

	// A window of twice the client's concurrency: a unit waiting out a retry delay leaves its request
	// slot to another unit, so the client's limit stays the bottleneck.
	const outcomes = await mapConcurrent(units, client.concurrency * 2, runUnit);

	const result: LlmAdResult = {
		variants: [],
		rejected: [],
		llmErrors: [],
		stats: {
			units: units.length,
			calls: 0,
			repairCalls: 0,
			fallbacks: 0,
			invalidDropped: 0,
			costUsd: 0,
			promptTokens: 0,
			completionTokens: 0,
			answersWithoutUsage: 0,
		},
	};
	for (const o of outcomes) {
		result.variants.push(...o.variants);
		result.rejected.push(...o.rejected);
		result.llmErrors.push(...o.errors);
		result.stats.calls += o.calls;
		result.stats.repairCalls += o.repairCalls;
		result.stats.fallbacks += o.fallback ? 1 : 0;
		result.stats.invalidDropped += o.invalidDropped;
		result.stats.costUsd += o.costUsd;
		result.stats.promptTokens += o.promptTokens;
		result.stats.completionTokens += o.completionTokens;
		result.stats.answersWithoutUsage += o.answersWithoutUsage;
	}
	result.stats.costUsd = Math.round(result.stats.costUsd * 1e9) / 1e9;
	return result;
}

/**
 * The run summary of one Ad Generator run (the RunSummary contract): what the model calls cost
 * (tokens unknown where the model reported none), or zeros for offline generation.
 *
 * @example adRunSummary({ mode: 'offline', model: null, units: 16, outputs: 48, createdAt: now })
 */
export function adRunSummary(input: {
	mode: 'offline' | 'llm';
	model: string | null;
	units: number;
	outputs: number;
	createdAt: string;
	stats?: LlmAdStats;
}): RunSummary {
	const s = input.stats;
	return {
		kind: 'runSummary',
		node: 'adGenerator',
		mode: input.mode,
		model: input.model,
		units: input.units,
		calls: s?.calls ?? 0,
		repairCalls: s?.repairCalls ?? 0,
		...tokenCounts(s?.promptTokens ?? 0, s?.completionTokens ?? 0, s?.answersWithoutUsage ?? 0),
		costUsd: s?.costUsd ?? 0,
		fallbacks: s?.fallbacks ?? 0,
		outputs: input.outputs,
		createdAt: input.createdAt,
	};
}

/** Two run summaries of the same node and mode added up (the node writes one per run). */
export function addRunSummaries(a: RunSummary, b: RunSummary): RunSummary {
	return {
		...a,
		model: a.model ?? b.model,
		units: a.units + b.units,
		calls: a.calls + b.calls,
		repairCalls: a.repairCalls + b.repairCalls,
		...addTokenCounts([a, b]),
		costUsd: Math.round((a.costUsd + b.costUsd) * 1e9) / 1e9,
		fallbacks: a.fallbacks + b.fallbacks,
		outputs: a.outputs + b.outputs,
	};
}
