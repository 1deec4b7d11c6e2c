/**
 * Offline generation: per persona and channel, `variantsPerPersona` ads from the copywriter, each
 * validated, checked against its siblings for (near) duplicates and assembled into the AdVariant
 * contract (ids, UTM-tagged final URL, creative brief, provenance, scores). A draft that fails a
 * check is written again with the next seed, up to {@link MAX_ATTEMPTS} times; what still fails
 * is reported in `rejected`, never emitted.
 */
import type { AdChannel, AdVariant, ValidationIssue } from '../contracts/adVariant';
import { Persona as PersonaSchema } from '../contracts/persona';
import type { Persona } from '../contracts/persona';
import { assertContract } from '../contracts/validate';
import { contentHash } from '../util/hash';
import { Rng } from '../util/rng';
import type { CampaignBrief } from './brief';
import { channelsOf, hashBrief, isEnglish, normalizeBrief } from './brief';
import type { Angle } from './copy/angles';
import { composeAd } from './copy/compose';
import { buildCopyPlan, sentenceForms } from './copy/phrases';
import { creativeFor } from './creative';
import {
	anglesByFeedback,
	channelsForPersona,
	feedbackFor,
	firstNewLabelIndex,
	variantsWanted,
} from './feedback';
import { finalUrlFor, labelIndex, variantGroupLabel } from './ids';
import type { AdFields } from './registry';
import { FORMAT_RULES_VERSION, getFormat } from './registry';
import {
	adText,
	adTokens,
	groupDiversity,
	keywordRelevance,
	nearDuplicateOf,
	NEAR_DUPLICATE_JACCARD,
	round3,
} from './similarity';
import { matchForm } from './text';
import type { AdIssue } from './validate';
import { validateAd } from './validate';

/** Version of the offline copywriter (part of every offline prompt hash). */
export const OFFLINE_GENERATOR_VERSION = 'offline-copy-2';
/** Default `createdAt` when no `now` is given: callers (the node) pass the run time. */
export const DEFAULT_NOW = '1970-01-01T00:00:00.000Z';
/** Drafts written per variant before it is reported as rejected. */
export const MAX_ATTEMPTS = 5;

export interface GenerateOptions {
	seed?: number;
	/** ISO timestamp written to `createdAt`; pass the run time (defaults to {@link DEFAULT_NOW}). */
	now?: string;
	channels?: AdChannel[];
	variantsPerPersona?: number;
}

export interface RejectedAd {
	personaId: string;
	channel: AdChannel;
	reason: string;
}

export interface GenerateResult {
	variants: AdVariant[];
	rejected: RejectedAd[];
}

/** Short, distinct code per channel (part of offline ad ids). */
const CHANNEL_CODES: Record<AdChannel, string> = {
	google_search: 'gs',
	microsoft_search: 'ms',
	google_display: 'gd',
	meta_feed: 'mf',
	linkedin: 'li',
	x_post: 'xp',
	email: 'em',
};

const URL_RE = /https?:\/\/\S+/g;

export function checkNow(now: string): string {
	if (Number.isNaN(Date.parse(now)))
		throw new Error(`Option "now" must be an ISO 8601 date, got "${now}"`);
	return now;
}

export function flatIssues(issues: AdIssue[]): ValidationIssue[] {
	return issues.map((i) => ({ field: i.field, rule: i.rule, message: i.message }));
}

/** The opening sentence of an ad's main text, as a matchForm; siblings must not share it. */
export function leadForm(fields: AdFields): string | null {
	for (const key of ['primaryText', 'introText', 'text', 'body', 'descriptions']) {
		const v = fields[key];
		let t = Array.isArray(v) ? v[0] : v;
		if (typeof t !== 'string') continue;
		if (key === 'body') t = t.split('\n\n')[1] ?? '';
		return sentenceForms(t.replace(URL_RE, ''))[0] ?? null;
	}
	return null;
}

/** Headline-like texts of an ad (what siblings should not repeat), as matchForms. */
function headlineForms(fields: AdFields): string[] {
	const out: string[] = [];
	for (const key of ['headlines', 'headline', 'longHeadline', 'subject', 'description']) {
		const v = fields[key];
		for (const t of Array.isArray(v) ? v : typeof v === 'string' ? [v] : []) out.push(matchForm(t));
	}
	return out;
}

interface Member {
	variant: AdVariant;
	tokens: Set<string>;
}

/**
 * Write `variantsPerPersona` validated ad variants per persona and channel, offline and
 * deterministically (same personas, brief, seed and `now` give identical output).
 *
 * @example generateAds([persona], { brand: 'Northwind', product: 'Trail Runner 2', goal: 'sales',
 *   landingUrl: 'https://example.com/shoes' }, { seed: 7, now: '2025-01-01T00:00:00.000Z' })
 */
export function generateAds(
	personas: Persona[],
	brief: CampaignBrief,
	options: GenerateOptions = {},
): GenerateResult {
	const nb = normalizeBrief(brief);
	if (!isEnglish(nb.language)) {
		throw new Error(
			`The offline generator writes English only; brief.language is "${nb.language}". Use the LLM mode for other languages.`,
		);
	}
	const briefHash = hashBrief(nb);
	const seed = options.seed ?? 1;
	const now = checkNow(options.now ?? DEFAULT_NOW);
	const channels = channelsOf(nb, options.channels);
	for (const ch of channels) getFormat(ch);
	const perPersona = options.variantsPerPersona ?? nb.variantsPerPersona;
	if (!Number.isInteger(perPersona) || perPersona < 1 || perPersona > 26) {
		throw new Error(`variantsPerPersona must be an integer from 1 to 26, got ${perPersona}`);
	}
	const variants: AdVariant[] = [];
	const rejected: RejectedAd[] = [];
	// exact copies across personas on one channel: the first keeps it
	const emitted = new Map<AdChannel, Map<string, string>>(channels.map((c) => [c, new Map()]));

	personas.forEach((raw, index) => {
		const persona = assertContract('Persona', PersonaSchema, raw, index);
		const plan = buildCopyPlan(persona, nb);
		// a new round after the Ad Optimizer's feedback gets ids of its own
		const roundKey = persona.feedback ? { round: persona.feedback.createdAt } : {};
		const idBase = `ad_${contentHash({ personaId: persona.personaId, brief: briefHash, ...roundKey }, 14)}`;
		const promptBase = contentHash(
			{
				generator: 'offline',
				version: OFFLINE_GENERATOR_VERSION,
				persona: {
					motivations: persona.motivations,
					goals: persona.goals,
					painPoints: persona.painPoints,
					objections: persona.objections,
					keyMessages: persona.keyMessages,
					keywords: persona.keywords,
					tone: persona.tone,
					evidence: persona.evidence,
				},
				brief: briefHash,
				seed,
			},
			16,
		);
		for (const channel of channelsForPersona(persona, channels)) {
			const format = getFormat(channel);
			const test = feedbackFor(persona, channel);
			const angles = anglesByFeedback(plan.audience.angles, test);
			const firstLabel = firstNewLabelIndex(test, labelIndex);
			if (!emitted.has(channel)) emitted.set(channel, new Map());
			const exact = emitted.get(channel) as Map<string, string>;
			const group: Member[] = [];
			const avoid = new Set<string>();
			const usedAngles = new Set<Angle>();
			const leads = new Map<string, string>();
			for (let i = 0; i < variantsWanted(test, perPersona); i++) {
				const adId = `${idBase}_${CHANNEL_CODES[channel]}${variantGroupLabel(firstLabel + i).toLowerCase()}`;
				const finalUrl = finalUrlFor(nb, format, adId);
				let lastReason = 'no phrasing fits';
				let accepted: Member | null = null;
				for (let attempt = 0; attempt < MAX_ATTEMPTS && !accepted; attempt++) {
					// each sibling its own angle while the persona has enough of them
					let angle = angles[(i + attempt) % angles.length];
					for (let k = 0; k < angles.length && usedAngles.has(angle); k++)
						angle = angles[(i + attempt + k) % angles.length];
					const rng = new Rng(`${seed}|${persona.personaId}|${channel}|${i}|${attempt}`);
					const draft = composeAd(plan, channel, angle, rng, avoid);
					if (channel === 'x_post')
						draft.fields.text = `${draft.fields.text as string} ${finalUrl}`;
					// the final check: an ad that fails it is never emitted
					const validation = validateAd(channel, draft.fields, nb, { cta: draft.cta });
					if (!validation.ok) {
						lastReason = `validation failed: ${validation.issues
							.slice(0, 3)
							.map((x) => `${x.field} ${x.rule} (${x.message})`)
							.join('; ')}`;
						continue;
					}
					const key = matchForm(adText(draft.fields).replace(URL_RE, ' '));
					const copyOf = exact.get(key);
					if (copyOf !== undefined) {
						lastReason = `duplicate of ${copyOf}`;
						continue;
					}
					const tokens = adTokens(draft.fields);
					const near = nearDuplicateOf(tokens, group);
					if (near) {
						lastReason = `near duplicate of ${near.variant.adId} (Jaccard >= ${NEAR_DUPLICATE_JACCARD})`;
						continue;
					}
					const lead = leadForm(draft.fields);
					if (lead !== null && leads.has(lead)) {
						lastReason = `near duplicate of ${leads.get(lead) as string} (same opening sentence)`;
						continue;
					}
					exact.set(key, adId);
					const creative = creativeFor(plan.creative, channel, angle, draft.fields);
					accepted = {
						tokens,
						variant: {
							kind: 'adVariant',
							adId,
							personaId: persona.personaId,
							segmentId: persona.segmentId,
							channel,
							format: format.format,
							fields: draft.fields,
							cta: draft.cta,
							finalUrl,
							creativeBrief: creative.creativeBrief,
							imagePrompt: creative.imagePrompt,
							angle,
							variantGroup: variantGroupLabel(firstLabel + group.length),
							generator: 'offline',
							model: null,
							promptHash: `${promptBase}.${CHANNEL_CODES[channel]}.${i}.${attempt}`,
							briefHash,
							createdAt: now,
							validation: {
								ok: true,
								issues: [],
								warnings: flatIssues(validation.warnings),
							} as AdVariant['validation'],
							scores: {
								keywordRelevance: round3(keywordRelevance(draft.fields, plan.audience.allKeywords)),
							},
							rulesVersion: FORMAT_RULES_VERSION,
						},
					};
					if (lead !== null) {
						leads.set(lead, adId);
						avoid.add(lead);
					}
					for (const f of headlineForms(draft.fields)) avoid.add(f);
				}
				if (accepted) {
					group.push(accepted);
					usedAngles.add(accepted.variant.angle as Angle);
				} else
					rejected.push({
						personaId: persona.personaId,
						channel,
						reason: `variant ${i + 1}: ${lastReason}`,
					});
			}
			const diversity = groupDiversity(group.map((m) => m.tokens));
			group.forEach((m, gi) => {
				(m.variant.scores as { diversity?: number }).diversity = diversity[gi];
				variants.push(m.variant);
			});
		}
	});
	return { variants, rejected };
}
