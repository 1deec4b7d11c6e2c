import { z } from 'zod';

import { AD_CHANNELS, AdChannel } from '../contracts/adVariant';
import { contentHash } from '../util/hash';

export const AD_GOALS = ['awareness', 'traffic', 'leads', 'sales', 'winBack'] as const;
export type AdGoal = (typeof AD_GOALS)[number];

/**
 * The campaign brief the Ad Generator works from.
 *
 * `language`: the offline generator writes English only ('en', 'en-GB', 'en-US' ...); any other
 * language is accepted by the schema for the LLM mode, where the prompt asks the model to write in
 * it, and {@link generateAds} refuses it with a precise error.
 */
export const CampaignBriefSchema = z.object({
	brand: z.string().trim().min(1),
	product: z.string().trim().min(1),
	offer: z.string().trim().optional(),
	goal: z.enum(AD_GOALS),
	landingUrl: z
		.string()
		.trim()
		.regex(/^https?:\/\/[^\s/?#]+\.[^\s/?#]+[^\s]*$/i, 'must be an absolute http(s) URL'),
	tone: z.string().optional(),
	language: z.string().trim().min(2).default('en'),
	bannedWords: z.array(z.string()).default([]),
	requiredPhrases: z.array(z.string()).default([]),
	existingAds: z.array(z.string()).optional(),
	variantsPerPersona: z.number().int().min(1).max(26).default(3),
	channels: z.array(z.enum(AD_CHANNELS)).optional(),
});

export type CampaignBrief = z.input<typeof CampaignBriefSchema>;
export type NormalizedBrief = z.output<typeof CampaignBriefSchema>;

/** Validate and fill defaults; throws an Error naming the field. */
export function normalizeBrief(brief: CampaignBrief): NormalizedBrief {
	const parsed = CampaignBriefSchema.safeParse(brief);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.length > 0 ? issue.path.join('.') : '(brief)';
		throw new Error(`Invalid campaign brief: field "${field}" ${issue.message.toLowerCase()}`);
	}
	const b = parsed.data;
	const clean = (list: string[]) =>
		Array.from(new Set(list.map((s) => s.trim()).filter((s) => s.length > 0)));
	return {
		...b,
		offer: b.offer && b.offer.length > 0 ? b.offer : undefined,
		bannedWords: clean(b.bannedWords),
		requiredPhrases: clean(b.requiredPhrases),
	};
}

/** Stable hash of the brief's content (what a variant was generated from). */
export function hashBrief(brief: NormalizedBrief): string {
	return contentHash({ ...brief, kind: 'campaignBrief' });
}

export function isEnglish(language: string): boolean {
	return /^en(?:[-_][a-z]{2,4})?$/i.test(language.trim());
}

/** House style learned from a brand's existing ads (few-shot). */
export interface HouseStyle {
	/** null: no evidence, use each channel's convention. */
	titleCase: boolean | null;
	exclamations: boolean;
	/** Prefer shorter phrasing candidates. */
	concise: boolean;
	/** Uses "you"/"your" (second person) freely. */
	secondPerson: boolean;
}

const WORD_RE = /[A-Za-z][A-Za-z'’-]*/g;
const SMALL = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/**
 * Learn sentence vs title case, exclamation use and length preference from existing ads. Lines of
 * at most 8 words are looked at for casing (headlines), all text for the rest.
 */
export function learnHouseStyle(existingAds: readonly string[] | undefined): HouseStyle {
	const style: HouseStyle = { titleCase: null, exclamations: false, concise: false, secondPerson: true };
	if (!existingAds || existingAds.length === 0) return style;
	let titleVotes = 0;
	let sentenceVotes = 0;
	let bangs = 0;
	let sentences = 0;
	let words = 0;
	let you = 0;
	for (const ad of existingAds) {
		for (const rawLine of ad.split(/\n|\s[|•·]\s/)) {
			const line = rawLine.trim();
			if (line.length === 0) continue;
			const ws = line.match(WORD_RE) ?? [];
			words += ws.length;
			sentences += Math.max(1, (line.match(/[.!?](?:\s|$)/g) ?? []).length);
			bangs += (line.match(/!/g) ?? []).length;
			for (const w of ws) if (/^(?:you|your|you're|yours)$/i.test(w)) you++;
			if (ws.length >= 3 && ws.length <= 8) {
				const later = ws.slice(1).filter((w) => !SMALL.has(w.toLowerCase()));
				if (later.length === 0) continue;
				const capped = later.filter((w) => /^[A-Z]/.test(w)).length / later.length;
				if (capped >= 0.75) titleVotes++;
				else if (capped <= 0.34) sentenceVotes++;
			}
		}
	}
	if (titleVotes + sentenceVotes > 0) style.titleCase = titleVotes > sentenceVotes;
	style.exclamations = bangs > 0 && bangs / Math.max(1, sentences) >= 0.15;
	style.concise = sentences > 0 && words / sentences < 7;
	style.secondPerson = you > 0 || words < 20;
	return style;
}

export function channelsOf(brief: NormalizedBrief, override?: readonly AdChannel[]): AdChannel[] {
	const list = override ?? brief.channels ?? [...AD_CHANNELS];
	return Array.from(new Set(list));
}
