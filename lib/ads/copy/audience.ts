/**
 * What the copywriter takes from a persona: the themes its analysis points at, the angles its data
 * can back, the kind of social proof its evidence supports, its register, and its keywords by part
 * of speech. The persona's sentences themselves never reach the copy.
 */
import type { Persona } from '../../contracts/persona';
import type { HouseStyle, NormalizedBrief } from '../brief';
import { matchForm } from '../text';
import type { Angle } from './angles';
import { ANGLE_ORDER } from './angles';
import type { Keyword } from './keywords';
import { classifyKeyword } from './keywords';
import type { Theme } from './phrasebank';
import { THEME_SIGNALS, THEMES } from './phrasebank';

export interface Audience {
	/** Themes in order of how much of the persona's analysis points at them (at most three). */
	themes: Theme[];
	/** Angles the persona backs, in the goal's order. */
	angles: Angle[];
	/** Social proof the evidence backs (null: none, and no social proof angle). */
	proof: 'repeat' | 'rating' | null;
	register: 'formal' | 'casual' | 'neutral';
	/** Whether a close may end with "!" (casual tone or a house style that uses them). */
	exclaim: boolean;
	/** Usable keywords (claims the brief does not back and banned ones left out), persona order. */
	keywords: Keyword[];
	/** Every keyword that is not banned (the relevance score counts them). */
	allKeywords: string[];
}

function numeric(v: unknown): number | null {
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Whether a feature's value is clearly above (ratio > 1) or below (ratio < 1) its baseline. */
function compared(persona: Persona, feature: RegExp, ratio: number): boolean {
	return persona.evidence.some((e) => {
		const v = numeric(e.value);
		const b = numeric(e.baseline);
		if (!feature.test(e.feature) || v === null || b === null || b <= 0) return false;
		return ratio >= 1 ? v >= b * ratio : v <= b * ratio;
	});
}

function proofOf(persona: Persona): Audience['proof'] {
	let repeat = false;
	let rating = false;
	for (const ev of persona.evidence) {
		const v = numeric(ev.value);
		const b = numeric(ev.baseline);
		const favourable = v !== null && b !== null ? v > b : ev.value !== null && ev.value !== false && ev.value !== 0;
		if (!favourable) continue;
		const key = `${ev.feature} ${ev.claim}`.toLowerCase();
		if (/repeat|reorder|re-order|loyal|retention|purchase_?frequency|orders_?per|frequency|tenure|returning/.test(key)) repeat = true;
		if (/rating|review|nps|satisf|csat|stars?\b/.test(key)) rating = true;
	}
	return rating ? 'rating' : repeat ? 'repeat' : null;
}

function themesOf(persona: Persona): Theme[] {
	const analysis = [...persona.motivations, ...persona.goals, ...persona.painPoints, ...persona.objections, ...persona.keyMessages, ...persona.keywords];
	const score = new Map<Theme, number>();
	for (const line of analysis) {
		const form = matchForm(line);
		for (const theme of THEMES) {
			if (THEME_SIGNALS[theme].some((signal) => form.includes(` ${signal}`))) score.set(theme, (score.get(theme) ?? 0) + 1);
		}
	}
	// the evidence overrules the words: an audience that spends well above the average is not
	// written to about saving money, one well below it is
	if (compared(persona, /^monetary$|spend|revenue|order_?value|aov/i, 1.5)) score.delete('value');
	else if (compared(persona, /^monetary$|spend|revenue|order_?value|aov/i, 0.75)) score.set('value', (score.get('value') ?? 0) + 2);
	return THEMES.filter((t) => (score.get(t) ?? 0) > 0)
		.sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || THEMES.indexOf(a) - THEMES.indexOf(b))
		.slice(0, 3);
}

function registerOf(persona: Persona, brief: NormalizedBrief, style: HouseStyle): Pick<Audience, 'register' | 'exclaim'> {
	const p = persona.tone.toLowerCase();
	const b = (brief.tone ?? '').toLowerCase();
	const formalRe = /premium|luxur|refined|sophisticat|understated|professional|formal|elegant|polished|authoritative|expert|calm|discreet/;
	const casualRe = /casual|friendly|playful|fun|relaxed|conversational|cheeky|upbeat|energetic|enthusiastic|excited|bold|lively/;
	const formal = formalRe.test(b) || (!casualRe.test(b) && formalRe.test(p));
	const casual = !formal && (casualRe.test(p) || casualRe.test(b));
	const exclaim = !formal && (style.exclamations || /playful|energetic|enthusiastic|excited|lively|upbeat/.test(`${p} ${b}`));
	return { register: formal ? 'formal' : casual ? 'casual' : 'neutral', exclaim };
}

/** Read a persona for one brief. */
export function readAudience(persona: Persona, brief: NormalizedBrief, style: HouseStyle): Audience {
	const banned = brief.bannedWords.map(matchForm);
	const isBanned = (text: string) => banned.some((b) => b !== ' ' && matchForm(text).includes(b));
	const backing = matchForm(`${brief.product} ${brief.offer ?? ''}`);
	const seen = new Set<string>();
	const allKeywords: string[] = [];
	const keywords: Keyword[] = [];
	for (const raw of persona.keywords) {
		const k = classifyKeyword(raw, backing);
		const key = k.text.toLowerCase();
		if (k.text.length < 2 || seen.has(key) || isBanned(k.text) || /\d/.test(k.text)) continue;
		seen.add(key);
		allKeywords.push(k.text);
		if (k.templates !== null) keywords.push(k);
	}
	const proof = proofOf(persona);
	const backs: Record<Angle, boolean> = {
		benefit: true,
		urgency: true,
		pain: persona.painPoints.length > 0,
		objection: persona.objections.length > 0,
		social_proof: proof !== null,
	};
	return {
		themes: themesOf(persona),
		angles: ANGLE_ORDER[brief.goal].filter((a) => backs[a]),
		proof,
		...registerOf(persona, brief, style),
		keywords,
		allKeywords,
	};
}
