import { z } from 'zod';

import type { JourneyMap } from '../contracts/journeyMap';
import { Persona, type Evidence } from '../contracts/persona';
import type { Segment } from '../contracts/segment';
import { assertContract } from '../contracts/validate';
import type { LlmClient } from '../llm/client';
import { createBoundary, fenceData, fenceInstruction } from '../llm/guard';
import type { ChatMessage, LlmResult, StructuredOutputMode, TokenUsage } from '../llm/types';
import { PERSONA_NODE_VERSION, PERSONA_RULE_VERSION } from './offline';
import { evidenceNumber, isProtected, safeText } from './signals';

/** One statement from the model and the evidence ids it cites. */
const Claim = z.object({
	text: z.string().min(1),
	evidence: z.array(z.string()),
});

/** What the model returns: the persona's wording, every statement citing evidence ids. */
export const PersonaEnrichment = z.object({
	name: z.string().min(1),
	summary: Claim,
	motivations: z.array(Claim),
	goals: z.array(Claim),
	painPoints: z.array(Claim),
	objections: z.array(Claim),
	keyMessages: z.array(Claim),
	tone: Claim,
	keywords: z.array(z.string()),
});
export type PersonaEnrichment = z.infer<typeof PersonaEnrichment>;

type ClaimField =
	| 'summary'
	| 'motivations'
	| 'goals'
	| 'painPoints'
	| 'objections'
	| 'keyMessages'
	| 'tone';

/** A statement the model wrote without valid evidence: dropped from the persona, kept here. */
export interface UnsupportedClaim {
	field: ClaimField;
	text: string;
	unsupported: true;
	/** The ids the model cited that do not exist (empty when it cited none). */
	citedIds: string[];
}

/** What the model call cost and how it went, on every model-written persona (`llm`). */
export interface PersonaLlmInfo {
	model: string;
	promptHash: string;
	usage: TokenUsage;
	costUsd: number | null;
	attempts: number;
	cached: boolean;
	repaired: boolean;
	structuredOutput: StructuredOutputMode;
}

/** A model-written persona: the Persona contract plus `llm` and `unsupportedClaims`. */
export type EnrichedPersona = Persona & {
	llm: PersonaLlmInfo;
	unsupportedClaims: UnsupportedClaim[];
};

export interface EnrichPersonaOptions {
	model?: string;
	temperature?: number;
	seed?: number;
	journeyMap?: JourneyMap | null;
	/** Names from the input; the guard refuses prompts containing them. */
	piiNames?: readonly string[];
	allowProtectedAttributes?: readonly string[];
	/** Seed for the data fence boundary. Default: the segment id. */
	fenceSeed?: string | number;
	createdAt?: string;
}

const LIST_FIELDS = ['motivations', 'goals', 'painPoints', 'objections', 'keyMessages'] as const;
const MAX_ITEMS = 6;

export const PERSONA_SCHEMA_NAME = 'persona_enrichment';

/** The system message: constant for a given boundary, whatever the data says. */
export function personaSystemMessage(boundary: string): string {
	return [
		'You are a senior marketing strategist who writes customer personas for advertising teams.',
		fenceInstruction(boundary),
		'Rules:',
		'1. Use only facts from the evidence list inside the data. Every statement you write must cite, in its "evidence" array, the ids (such as "E3") of the entries that support it. A statement you cannot support is left out.',
		'2. Never invent numbers, people, contact details or places, and never describe age, gender, ethnicity, religion, health or other protected traits.',
		'3. Write for marketers: concrete, specific, plain English; at most 6 items per list; the name is an alliterative first name, an em dash and a short title.',
		'4. Answer with a JSON object that matches the response schema.',
	].join('\n');
}

const USER_INSTRUCTIONS =
	'Rewrite the draft persona below so it reads like an experienced marketer wrote it, using only the evidence entries. Keep what the numbers say; improve the wording, merge duplicates, and cite evidence ids for the summary, tone and every list item.';

/** Segment facts for the prompt: numbers and vetted labels only, no free-form customer text. */
function segmentFacts(segment: Segment, options: EnrichPersonaOptions): Record<string, unknown> {
	const piiNames = options.piiNames ?? [];
	const allowed = options.allowProtectedAttributes ?? [];
	const attributes: Record<string, { value: string; share: number }> = {};
	for (const [key, a] of Object.entries(segment.attributes ?? {})) {
		if (isProtected(key, segment, allowed)) continue;
		const k = safeText(key, piiNames, 40);
		const v = safeText(a.value, piiNames, 40);
		if (k !== null && v !== null) attributes[k] = { value: v, share: evidenceNumber(a.share) };
	}
	const channelMix: Record<string, number> = {};
	for (const [channel, share] of Object.entries(segment.channelMix ?? {})) {
		const c = safeText(channel, piiNames, 40);
		if (c !== null) channelMix[c] = evidenceNumber(share);
	}
	return {
		segmentId: safeText(segment.segmentId, piiNames, 80) ?? '[withheld]',
		label: safeText(segment.label, piiNames, 120) ?? '[withheld]',
		description: safeText(segment.description, piiNames, 400) ?? '[withheld]',
		size: segment.size,
		share: evidenceNumber(segment.share),
		conversionRate: segment.conversionRate === null ? null : evidenceNumber(segment.conversionRate),
		revenue: segment.revenue === null ? null : evidenceNumber(segment.revenue),
		distinguishingFeatures: segment.distinguishingFeatures
			.filter(
				(f) =>
					!isProtected(f.feature, segment, allowed) && safeText(f.feature, piiNames, 60) !== null,
			)
			.map((f) => ({
				feature: f.feature,
				zScore: evidenceNumber(f.zScore),
				direction: f.direction,
				segmentMean: evidenceNumber(f.segmentMean),
				overallMean: evidenceNumber(f.overallMean),
			})),
		channelMix,
		attributes,
	};
}

export interface PersonaPrompt {
	messages: ChatMessage[];
	boundary: string;
	/** Evidence id -> entry, as shown to the model. */
	catalogue: Map<string, Evidence>;
}

/** The prompt for one persona: a fixed system message and fixed instructions around fenced data. */
export function buildPersonaPrompt(
	base: Persona,
	segment: Segment,
	options: EnrichPersonaOptions = {},
): PersonaPrompt {
	const piiNames = options.piiNames ?? [];
	const boundary = createBoundary(options.fenceSeed ?? `persona:${segment.segmentId}`);
	const catalogue = new Map<string, Evidence>();
	const evidenceList: Array<Record<string, unknown>> = [];
	for (const e of base.evidence) {
		if (safeText(e.claim, piiNames, 300) === null || safeText(e.feature, piiNames, 80) === null)
			continue;
		if (typeof e.value === 'string' && safeText(e.value, piiNames, 80) === null) continue;
		const id = `E${catalogue.size + 1}`;
		catalogue.set(id, e);
		evidenceList.push({
			id,
			claim: e.claim,
			feature: e.feature,
			value: e.value,
			baseline: e.baseline ?? null,
		});
	}
	const clean = (items: string[]) =>
		items.map((t) => safeText(t, piiNames, 300)).filter((t): t is string => t !== null);
	// The persona's first name stays out of the prompt (it may collide with a customer's name).
	const firstName = (base.name.split(' — ')[0].split(' ').pop() ?? '').replace(/[^A-Za-z]/g, '');
	const summary =
		firstName.length > 1
			? base.summary.replace(new RegExp(`\\b${firstName}\\b`, 'g'), 'This persona')
			: base.summary;
	const draft = {
		summary: safeText(summary, piiNames, 1200) ?? '',
		demographics: safeText(base.demographics, piiNames, 400) ?? '',
		motivations: clean(base.motivations),
		goals: clean(base.goals),
		painPoints: clean(base.painPoints),
		objections: clean(base.objections),
		keyMessages: clean(base.keyMessages),
		preferredChannels: clean(base.preferredChannels),
		tone: safeText(base.tone, piiNames, 200) ?? '',
		keywords: clean(base.keywords),
	};
	const journeyPainPoints = (options.journeyMap?.painPoints ?? [])
		.map((p) => ({
			type: safeText(p.type, piiNames, 60),
			label: safeText(p.label, piiNames, 120),
			value: evidenceNumber(p.value),
		}))
		.filter((p) => p.type !== null && p.label !== null);
	const data = {
		segment: segmentFacts(segment, options),
		evidence: evidenceList,
		draft,
		journeyPainPoints,
	};
	const messages: ChatMessage[] = [
		{ role: 'system', content: personaSystemMessage(boundary) },
		{ role: 'user', content: `${USER_INSTRUCTIONS}\n\n${fenceData(data, boundary)}` },
	];
	return { messages, boundary, catalogue };
}

/**
 * Let the model rewrite a persona, grounded by its evidence. Statements that cite no existing
 * evidence id are dropped and listed in `unsupportedClaims` (with `unsupported: true`); a list left
 * empty keeps the offline wording. Demographics, channels and times stay as computed. The prompt is
 * built from non-PII fields and checked by the PII guard; the output is checked against the
 * Persona contract.
 */
export async function llmEnrichPersona(
	base: Persona,
	segment: Segment,
	client: LlmClient,
	options: EnrichPersonaOptions = {},
): Promise<EnrichedPersona> {
	const prompt = buildPersonaPrompt(base, segment, options);
	const result: LlmResult<PersonaEnrichment> = await client.complete({
		messages: prompt.messages,
		schema: PersonaEnrichment,
		schemaName: PERSONA_SCHEMA_NAME,
		model: options.model,
		temperature: options.temperature,
		seed: options.seed,
		piiNames: options.piiNames,
	});
	return mergeEnrichment(base, result, prompt.catalogue, options);
}

/** Apply a model answer to a base persona (exported for tests and for callers that batch). */
export function mergeEnrichment(
	base: Persona,
	result: LlmResult<PersonaEnrichment>,
	catalogue: Map<string, Evidence>,
	options: Pick<EnrichPersonaOptions, 'piiNames' | 'createdAt'> = {},
): EnrichedPersona {
	const piiNames = options.piiNames ?? [];
	const answer = result.data;
	const unsupported: UnsupportedClaim[] = [];
	const newEvidence: Evidence[] = [];
	const replacedTexts = new Set<string>();

	const support = (
		field: ClaimField,
		claim: { text: string; evidence: string[] },
	): string | null => {
		const text = safeText(claim.text, piiNames, 600);
		if (text === null) return null;
		const ids = [...new Set(claim.evidence.map((id) => id.trim().toUpperCase()))];
		const valid = ids.filter((id) => catalogue.has(id));
		if (valid.length === 0) {
			unsupported.push({ field, text, unsupported: true, citedIds: ids });
			return null;
		}
		for (const id of valid) {
			const e = catalogue.get(id) as Evidence;
			const entry: Evidence = { claim: text, feature: e.feature, value: e.value };
			if (e.baseline !== undefined) entry.baseline = e.baseline;
			newEvidence.push(entry);
		}
		return text;
	};

	const lists: Record<(typeof LIST_FIELDS)[number], string[]> = {
		motivations: base.motivations,
		goals: base.goals,
		painPoints: base.painPoints,
		objections: base.objections,
		keyMessages: base.keyMessages,
	};
	for (const field of LIST_FIELDS) {
		const kept: string[] = [];
		for (const claim of answer[field]) {
			const text = support(field, claim);
			if (text !== null && !kept.includes(text) && kept.length < MAX_ITEMS) kept.push(text);
		}
		if (kept.length > 0) {
			for (const t of base[field]) replacedTexts.add(t);
			lists[field] = kept;
		}
	}
	const summary = support('summary', answer.summary) ?? base.summary;
	const tone = support('tone', answer.tone) ?? base.tone;
	const name = safeText(answer.name, piiNames, 80) ?? base.name;
	const keywords = [
		...new Set(
			answer.keywords
				.map((k) => safeText(k, piiNames, 40))
				.filter((k): k is string => k !== null)
				.map((k) => k.toLowerCase()),
		),
	].slice(0, 15);

	const evidence: Evidence[] = base.evidence.filter((e) => !replacedTexts.has(e.claim));
	for (const e of newEvidence) {
		if (!evidence.some((x) => x.claim === e.claim && x.feature === e.feature)) evidence.push(e);
	}
	const generator = `llm:${result.model}`;
	const llm: PersonaLlmInfo = {
		model: result.model,
		promptHash: result.promptHash,
		usage: result.usage,
		costUsd: result.costUsd,
		attempts: result.attempts,
		cached: result.cached,
		repaired: result.repaired,
		structuredOutput: result.structuredOutput,
	};
	const persona = {
		...base,
		name,
		summary,
		motivations: lists.motivations,
		goals: lists.goals,
		painPoints: lists.painPoints,
		objections: lists.objections,
		keyMessages: lists.keyMessages,
		tone,
		keywords: keywords.length > 0 ? keywords : base.keywords,
		evidence,
		generator,
		unsupportedClaims: unsupported,
		llm,
		provenance: {
			...(base.provenance ?? {}),
			node: 'personaBuilder',
			version: PERSONA_NODE_VERSION,
			generator,
			model: result.model,
			promptHash: result.promptHash,
			ruleVersion: PERSONA_RULE_VERSION,
			...(options.createdAt ? { createdAt: options.createdAt } : {}),
		},
	};
	// Persona is a passthrough contract: `llm` and `unsupportedClaims` survive validation.
	return assertContract('Persona', Persona, persona, 0) as EnrichedPersona;
}
