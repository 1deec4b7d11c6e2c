import type { Persona } from '../contracts/persona';
import { tokenCounts, type RunSummary } from '../contracts/runSummary';
import { Segment } from '../contracts/segment';
import { assertContracts } from '../contracts/validate';
import type { LlmClient } from '../llm/client';
import { mapConcurrent } from '../llm/concurrency';
import { findLlmError } from '../llm/errors';
import {
	llmEnrichPersona,
	type EnrichPersonaOptions,
	type PersonaLlmInfo,
	type UnsupportedClaim,
} from './enrich';
import { synthesizeOfflinePersona, type OfflinePersonaOptions } from './offline';

/** A persona from buildPersonas: offline, model-written (`llm` set), or offline after a failed call (`llmError`). */
export type BuiltPersona = Persona & {
	llm?: PersonaLlmInfo;
	unsupportedClaims?: UnsupportedClaim[];
	llmError?: string;
};

export interface BuildPersonasOptions extends Omit<OfflinePersonaOptions, 'nameIndex'> {
	/** With a client, each offline persona is enriched by the model (concurrency: the client's). */
	client?: LlmClient | null;
	llm?: Pick<EnrichPersonaOptions, 'model' | 'temperature' | 'seed'>;
	/**
	 * `fallback` (default): a persona whose model call fails stays offline, with `llmError` set.
	 * `throw`: the first failure rejects the batch.
	 */
	onLlmError?: 'fallback' | 'throw';
}

/** The personas of one run and what the run spent (the RunSummary contract, node `personaBuilder`). */
export interface PersonaRun {
	personas: BuiltPersona[];
	summary: RunSummary;
}

/**
 * One persona per segment, in input order, ids `persona-<segmentId>`. Names are unique within the
 * batch (archetypes that repeat take their next name). Offline unless a client is given.
 */
export async function buildPersonas(
	segments: readonly unknown[],
	options: BuildPersonasOptions = {},
): Promise<BuiltPersona[]> {
	return await writePersonas(segments, options, () => undefined);
}

/**
 * {@link buildPersonas} plus the run's summary: model calls made (answered or failed; cached answers
 * are not calls), repair calls, tokens (unknown where the model reported none) and cost from the client's counters over this run, and the
 * personas that fell back to offline. Offline runs report zeros. `createdAt` stamps the summary.
 */
export async function buildPersonaRun(
	segments: readonly unknown[],
	options: BuildPersonasOptions & { createdAt: string },
): Promise<PersonaRun> {
	const client = options.client ?? null;
	const before = client?.stats;
	let failedCalls = 0;
	const personas = await writePersonas(segments, options, () => failedCalls++);
	const after = client?.stats;
	const delta = (
		key: 'completions' | 'cacheHits' | 'repairs' | 'promptTokens' | 'completionTokens' | 'answersWithoutUsage' | 'costUsd',
	) => (before && after ? after[key] - before[key] : 0);
	const summary: RunSummary = {
		kind: 'runSummary',
		node: 'personaBuilder',
		mode: client ? 'llm' : 'offline',
		model: client ? (options.llm?.model ?? client.model) : null,
		units: personas.length,
		calls: delta('completions') - delta('cacheHits') + failedCalls,
		repairCalls: delta('repairs'),
		...tokenCounts(delta('promptTokens'), delta('completionTokens'), delta('answersWithoutUsage')),
		costUsd: delta('costUsd'),
		fallbacks: personas.filter((p) => p.llmError !== undefined).length,
		outputs: personas.length,
		createdAt: options.createdAt,
	};
	return { personas, summary };
}

async function writePersonas(
	segments: readonly unknown[],
	options: BuildPersonasOptions,
	onFailedCall: () => void,
): Promise<BuiltPersona[]> {
	const valid = assertContracts('Segment', Segment, segments);
	const usedArchetypes = new Map<string, number>();
	const usedNames = new Set<string>();
	// Names are unique in input order: call in index order.
	const offline = (segment: Segment): Persona => {
		let probe = synthesizeOfflinePersona(segment, { ...options, nameIndex: 0 });
		let index = usedArchetypes.get(probe.archetype) ?? 0;
		if (index > 0) probe = synthesizeOfflinePersona(segment, { ...options, nameIndex: index });
		while (usedNames.has(probe.persona.name)) {
			index++;
			probe = synthesizeOfflinePersona(segment, { ...options, nameIndex: index });
		}
		usedArchetypes.set(probe.archetype, index + 1);
		usedNames.add(probe.persona.name);
		return probe.persona;
	};
	const client = options.client;
	if (!client) return valid.map(offline);
	// Prompts are built as slots free up (a window of twice the client's concurrency), so the first
	// requests leave at once and prompt building overlaps with requests in flight.
	// Tasks start in index order, so offline names are assigned in input order as above.
	return mapConcurrent(valid, client.concurrency * 2, async (segment): Promise<BuiltPersona> => {
		const base = offline(segment);
		try {
			return await llmEnrichPersona(base, segment, client, {
				...options.llm,
				journeyMap: options.journeyMap,
				piiNames: options.piiNames,
				allowProtectedAttributes: options.allowProtectedAttributes,
				createdAt: options.createdAt,
			});
		} catch (error) {
			if (findLlmError(error)) onFailedCall();
			if (options.onLlmError === 'throw') {
				const message = error instanceof Error ? error.message : String(error);
				return Promise.reject(
					new Error(`Persona for segment "${segment.segmentId}": ${message}`, { cause: error }),
				);
			}
			return { ...base, llmError: error instanceof Error ? error.message : String(error) };
		}
	});
}
