/**
 * A model's answer turned into AdVariant objects: every item checked against the channel format
 * (as validateAd does), plus the truthfulness checks (numbers only from the brief or the persona,
 * no unverifiable superlatives) and the near-duplicate rule shared with the offline copy.
 */
import { AdVariant as AdVariantSchema } from '../contracts/adVariant';
import type { AdChannel, AdVariant, ValidationIssue } from '../contracts/adVariant';
import type { Persona } from '../contracts/persona';
import { contentHash } from '../util/hash';
import type { CampaignBrief, NormalizedBrief } from './brief';
import { hashBrief, normalizeBrief } from './brief';
import type { Angle } from './copy/angles';
import { ANGLES } from './copy/angles';
import { DEFAULT_NOW, checkNow, flatIssues } from './generate';
import { finalUrlFor, variantGroupLabel } from './ids';
import { stripName } from './llmPrompt';
import type { AdFields } from './registry';
import { FORMAT_RULES_VERSION, getFormat } from './registry';
import { adTokens, adText, groupDiversity, keywordRelevance, nearDuplicateOf, round3 } from './similarity';
import { matchForm } from './text';
import { validateAd } from './validate';

export interface AcceptLlmOptions {
	/** Model name (goes into `generator` and `model`). */
	model: string;
	now?: string;
	/** Hash of the prompt that produced `raw`. */
	promptHash?: string;
	/** Variant index of the first item (ids and A/B/C labels continue from it). */
	startIndex?: number;
	/** Variants already accepted for this persona x channel (near-duplicate check). */
	siblings?: readonly AdVariant[];
}

export interface LlmFailure {
	index: number;
	issues: ValidationIssue[];
	fields?: AdFields;
	cta?: string;
}

export interface AcceptLlmResult {
	/** Only variants that passed every check (`validation.ok` is true). */
	variants: AdVariant[];
	/** Items that failed, with their issues (for {@link repairInstructions}). */
	failed: LlmFailure[];
}

const FENCE_RE = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i;
const NUMBER_RE = /\d+(?:[.,]\d+)*/g;
const CLAIM_RE =
	/\b(?:best|cheapest|lowest|greatest|unbeatable|guarantee[sd]?|number one|no\.? ?1|world-class|top-rated|leading)\b|#\s?1\b/gi;

function parseRaw(raw: unknown): { items: unknown[] } | { error: string } {
	let value = raw;
	if (typeof value === 'string') {
		const m = FENCE_RE.exec(value);
		try {
			value = JSON.parse(m ? m[1] : value);
		} catch (error) {
			return { error: `response is not JSON: ${(error as Error).message}` };
		}
	}
	if (Array.isArray(value)) return { items: value };
	if (value !== null && typeof value === 'object' && Array.isArray((value as { variants?: unknown }).variants)) {
		return { items: (value as { variants: unknown[] }).variants };
	}
	return { error: 'response must be an object with a "variants" array (or an array)' };
}

function sourceText(persona: Persona, brief: NormalizedBrief): string {
	return [
		brief.brand,
		brief.product,
		brief.offer ?? '',
		...brief.requiredPhrases,
		...persona.keyMessages,
		...persona.motivations,
		...persona.painPoints,
		...persona.objections,
		...persona.keywords,
		...persona.evidence.map((e) => e.claim),
	].join(' \n ');
}

/**
 * Turn a model's answer into AdVariant objects. Every item is checked against the channel format
 * (as {@link validateAd}), plus: numbers must come from the brief or the persona, no unverifiable
 * superlatives, no near duplicates. Items that fail go to `failed` with their issues; an ad that
 * fails is never returned in `variants`.
 */
export function acceptLlmVariants(
	raw: unknown,
	persona: Persona,
	brief: CampaignBrief,
	channel: AdChannel,
	options: AcceptLlmOptions,
): AcceptLlmResult {
	const nb = normalizeBrief(brief);
	const format = getFormat(channel);
	const model = options.model.trim();
	if (model.length === 0) throw new Error('acceptLlmVariants requires options.model');
	const now = checkNow(options.now ?? DEFAULT_NOW);
	const bHash = hashBrief(nb);
	const start = options.startIndex ?? 0;
	const failed: LlmFailure[] = [];
	const variants: AdVariant[] = [];
	const parsed = parseRaw(raw);
	if ('error' in parsed) {
		return { variants, failed: [{ index: -1, issues: [{ field: '(response)', rule: 'json', message: parsed.error }] }] };
	}
	const source = sourceText(persona, nb);
	const sourceForm = matchForm(source);
	const siblings: { tokens: Set<string>; adId: string }[] = (options.siblings ?? []).map((v) => ({
		tokens: adTokens(v.fields as AdFields),
		adId: v.adId,
	}));
	const keywords = persona.keywords.filter((k) => !nb.bannedWords.some((b) => matchForm(k).includes(matchForm(b))));

	parsed.items.forEach((item, i) => {
		const index = start + i;
		const issues: ValidationIssue[] = [];
		if (item === null || typeof item !== 'object' || Array.isArray(item)) {
			failed.push({ index, issues: [{ field: '(variant)', rule: 'type', message: 'each variant must be an object' }] });
			return;
		}
		const obj = item as Record<string, unknown>;
		const rawFields = obj.fields;
		if (rawFields === null || typeof rawFields !== 'object' || Array.isArray(rawFields)) {
			failed.push({ index, issues: [{ field: 'fields', rule: 'type', message: 'fields must be an object' }] });
			return;
		}
		const fields: AdFields = {};
		for (const [key, value] of Object.entries(rawFields as Record<string, unknown>)) {
			const rule = format.fields.find((f) => f.name === key);
			if (rule && !rule.required && value === '') continue;
			if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
				fields[key] = Array.isArray(value) ? [...(value as string[])] : value;
			} else {
				issues.push({ field: key, rule: 'type', message: `${key} must be a text or a list of texts` });
			}
		}
		let cta = typeof obj.cta === 'string' ? obj.cta.trim() : '';
		if (format.cta.mode === 'none') cta = '';
		const adId = `ad_${contentHash({ personaId: persona.personaId, channel, index, brief: bHash, model, fields, cta }, 16)}`;
		const finalUrl = finalUrlFor(nb, format, adId);
		if (channel === 'x_post' && typeof fields.text === 'string' && !/https?:\/\//.test(fields.text)) {
			fields.text = `${fields.text.trim()} ${finalUrl}`;
		}
		const validation = validateAd(channel, fields, nb, { cta });
		issues.push(...flatIssues(validation.issues));
		const text = adText(fields).replace(/https?:\/\/\S+/g, ' ');
		for (const m of text.matchAll(NUMBER_RE)) {
			if (!source.includes(m[0])) {
				issues.push({ field: '(ad)', rule: 'unbackedNumber', message: `"${m[0]}" is not in the brief or the persona's key messages` });
			}
		}
		for (const m of text.matchAll(CLAIM_RE)) {
			if (!sourceForm.includes(matchForm(m[0]))) {
				issues.push({ field: '(ad)', rule: 'unverifiableClaim', message: `"${m[0]}" is a superlative or guarantee the brief does not back` });
			}
		}
		const tokens = adTokens(fields);
		const near = nearDuplicateOf(tokens, siblings);
		if (near) {
			issues.push({ field: '(ad)', rule: 'nearDuplicate', message: `too similar to ${near.adId}` });
		}
		if (issues.length > 0) {
			failed.push({ index, issues, fields, cta });
			return;
		}
		const angle = typeof obj.angle === 'string' && (ANGLES as readonly string[]).includes(obj.angle) ? (obj.angle as Angle) : 'benefit';
		const imagePrompt = typeof obj.imagePrompt === 'string' ? stripName(obj.imagePrompt, persona.name).slice(0, 1000) : '';
		const variant: AdVariant = {
			kind: 'adVariant',
			adId,
			personaId: persona.personaId,
			segmentId: persona.segmentId,
			channel,
			format: format.format,
			fields,
			cta,
			finalUrl,
			creativeBrief: `${format.platform} ${format.format.replace(/_/g, ' ')} for ${nb.product} by ${nb.brand}, goal ${nb.goal}, ${angle.replace('_', ' ')} angle, written by ${model}.`,
			imagePrompt,
			angle,
			variantGroup: variantGroupLabel(index),
			generator: model,
			model,
			promptHash: options.promptHash ?? '',
			briefHash: bHash,
			createdAt: now,
			validation: { ok: true, issues: [], warnings: flatIssues(validation.warnings) } as AdVariant['validation'],
			scores: { keywordRelevance: round3(keywordRelevance(fields, keywords)) },
			rulesVersion: FORMAT_RULES_VERSION,
		};
		const check = AdVariantSchema.safeParse(variant);
		if (!check.success) {
			failed.push({
				index,
				issues: check.error.issues.map((x) => ({ field: x.path.join('.') || '(variant)', rule: 'contract', message: x.message })),
				fields,
				cta,
			});
			return;
		}
		siblings.push({ tokens, adId });
		variants.push(variant);
	});
	const diversity = groupDiversity(variants.map((v) => adTokens(v.fields as AdFields)));
	variants.forEach((v, i) => {
		(v.scores as { diversity?: number }).diversity = diversity[i];
	});
	return { variants, failed };
}
