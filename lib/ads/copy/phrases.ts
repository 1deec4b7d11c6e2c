/**
 * The phrase engine: fills the phrase bank's slots for one persona and brief, and gathers the
 * headlines and sentences each angle can use. Entries whose slot cannot be filled, or that would
 * contain a banned word, are left out. Built per call; nothing is kept between calls.
 */
import type { Persona } from '../../contracts/persona';
import type { HouseStyle, NormalizedBrief } from '../brief';
import { learnHouseStyle } from '../brief';
import type { CreativeInput } from '../creative';
import { endSentence, matchForm } from '../text';
import type { Angle } from './angles';
import type { Audience } from './audience';
import { readAudience } from './audience';
import { BRAND_HEADS, CLOSE_COPY, GOAL_PATHS, OFFER_COPY, PROOF_COPY, THEME_COPY, URGENCY_COPY } from './phrasebank';
import { capitalise } from '../../util/format';

/**
 * A headline or sentence with its words as the matching rules see them, worked out once when the
 * phrase is made: `form` of the whole text and `forms` of each sentence (what "this ad already
 * says that" compares).
 */
export interface Phrase {
	text: string;
	form: string;
	forms: readonly string[];
}

const SENTENCE_SPLIT_RE = /(?<=[.?!])\s+/;

/** The sentences of a text, each as a {@link matchForm}. */
export function sentenceForms(text: string): string[] {
	return text
		.split(SENTENCE_SPLIT_RE)
		.map((s) => matchForm(s))
		.filter((f) => f !== ' ');
}

export function toPhrase(text: string): Phrase {
	return { text, form: matchForm(text), forms: sentenceForms(text) };
}

/** Phrases joined by a space into one text (forms joined as matchForm would give them). */
export function joinPhrases(parts: readonly Phrase[]): Phrase {
	let form = ' ';
	for (const p of parts) if (p.form !== ' ') form = form === ' ' ? p.form : form + p.form.slice(1);
	return { text: parts.map((p) => p.text).join(' '), form, forms: parts.flatMap((p) => p.forms) };
}

/** Headlines and sentences, in groups of equal preference (most fitting group first). */
export type Ranked = readonly (readonly Phrase[])[];

/** Everything the composer needs for one persona under one brief. */
export interface CopyPlan {
	brand: string;
	product: string;
	goal: NormalizedBrief['goal'];
	offer: string | null;
	style: HouseStyle;
	audience: Audience;
	/** Required phrases as sentences ("Free returns."). */
	required: Phrase[];
	heads: Readonly<Record<Angle, Ranked>>;
	lines: Readonly<Record<Angle, Ranked>>;
	keywordHeads: Phrase[];
	keywordLines: Phrase[];
	offerHeads: Phrase[];
	offerLines: Phrase[];
	closeHeads: Phrase[];
	closeLines: Phrase[];
	brandHeads: Phrase[];
	/** Display path candidates (usable keywords as paths); the goal's path when none fits. */
	paths: string[];
	goalPath: string;
	creative: CreativeInput;
}

interface Slots {
	brand: string;
	product: string;
	offer: string | null;
	keyword?: string;
}

/** Fill a template's slots; null when it needs a slot this brief does not have. */
export function fill(template: string, slots: Slots): string | null {
	let missing = false;
	const text = template.replace(/\{(brand|product|offer|keyword)\}/g, (_m, name: keyof Slots) => {
		const value = slots[name];
		if (value === undefined || value === null) {
			missing = true;
			return '';
		}
		return value;
	});
	return missing ? null : capitalise(text);
}

/** A display path from a keyword: its words, title-cased and joined by hyphens. */
function pathOf(keyword: string): string {
	return keyword
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.trim()
		.split(/\s+/)
		.map(capitalise)
		.join('-');
}

/** Build the plan for one persona: every phrase it may use, slots filled, banned words out. */
export function buildCopyPlan(persona: Persona, brief: NormalizedBrief): CopyPlan {
	const style = learnHouseStyle(brief.existingAds);
	const audience = readAudience(persona, brief, style);
	const slots: Slots = { brand: brief.brand, product: brief.product, offer: brief.offer ?? null };
	const banned = brief.bannedWords.map(matchForm).filter((b) => b !== ' ');
	const render = (templates: readonly string[], extra: Partial<Slots> = {}): Phrase[] => {
		const out: Phrase[] = [];
		for (const template of templates) {
			const text = fill(template, { ...slots, ...extra });
			if (text === null || out.some((p) => p.text === text)) continue;
			const phrase = toPhrase(text);
			if (!banned.some((b) => phrase.form.includes(b))) out.push(phrase);
		}
		return out;
	};

	const themes = [...audience.themes, 'general' as const];
	const byTheme = (angle: 'benefit' | 'pain' | 'objection', part: 'heads' | 'lines'): Ranked =>
		themes.map((theme) => render(THEME_COPY[theme][angle][part]));
	const proof = audience.proof;
	const heads: Record<Angle, Ranked> = {
		benefit: byTheme('benefit', 'heads'),
		pain: byTheme('pain', 'heads'),
		objection: byTheme('objection', 'heads'),
		social_proof: proof ? [render(PROOF_COPY[proof].heads)] : [],
		urgency: [render(URGENCY_COPY[brief.goal].heads)],
	};
	const lines: Record<Angle, Ranked> = {
		benefit: byTheme('benefit', 'lines'),
		pain: byTheme('pain', 'lines'),
		objection: byTheme('objection', 'lines'),
		social_proof: proof ? [render(PROOF_COPY[proof].lines)] : [],
		urgency: [render(URGENCY_COPY[brief.goal].lines)],
	};

	const keywordHeads: Phrase[] = [];
	const keywordLines: Phrase[] = [];
	for (const k of audience.keywords) {
		const templates = k.templates;
		if (templates === null) continue;
		keywordHeads.push(...render(templates.heads, { keyword: k.text }));
		keywordLines.push(...render(templates.lines, { keyword: k.text }));
	}
	// claims the brief does not back make no path either (a "Newsletter" path promises a page)
	const paths = audience.keywords.map((k) => pathOf(k.text)).filter((p) => p.length > 0);
	return {
		brand: brief.brand,
		product: brief.product,
		goal: brief.goal,
		offer: brief.offer ?? null,
		style,
		audience,
		required: brief.requiredPhrases.map((p) => toPhrase(endSentence(capitalise(p)))),
		heads,
		lines,
		keywordHeads,
		keywordLines,
		offerHeads: render(OFFER_COPY.heads),
		offerLines: render(OFFER_COPY.lines),
		closeHeads: render(CLOSE_COPY[brief.goal].heads),
		closeLines: render(CLOSE_COPY[brief.goal].lines),
		brandHeads: render(BRAND_HEADS),
		paths,
		goalPath: GOAL_PATHS[brief.goal],
		creative: {
			brand: brief.brand,
			product: brief.product,
			goal: brief.goal,
			register: audience.register,
			sceneKeyword: audience.keywords.find((k) => k.kind === 'goods' || k.kind === 'topic')?.text ?? null,
		},
	};
}
