/**
 * Deterministic offline copywriter. It writes English ad copy from a persona (keywords,
 * motivations, pain points, objections, key messages, evidence) and a campaign brief, in five
 * angles, and fits every platform limit by construction: it chooses among phrasings of several
 * lengths and only trims (at a word boundary, never leaving a dangling word) as a last resort.
 *
 * Truthfulness: the templates contain no numbers, no superlatives ("best", "#1") and no scarcity
 * ("only 3 left", "ends tonight"); numbers only ever come from the brief or the persona's own key
 * messages, and social proof is written only when the persona's evidence backs it (repeat-purchase
 * or rating/satisfaction features above their baseline).
 */
import type { AdChannel } from '../contracts/adVariant';
import type { Persona } from '../contracts/persona';
import { Rng } from '../util/rng';
import type { AdGoal, HouseStyle, NormalizedBrief } from './brief';
import { learnHouseStyle } from './brief';
import type { AdFields, ChannelFormat, FieldRule } from './formats';
import { codePointLength, getFormat, googleLength, measureText } from './formats';
import {
	capFirst,
	capSentences,
	endSentence,
	hasPhrase,
	internText,
	isPluralPhrase,
	indefiniteArticle,
	lowerFirst,
	matchForm,
	matchFormCached,
	stripEnd,
	tidySpaces,
	titleCase,
	trimToWords,
} from './text';

export const ANGLES = ['benefit', 'pain', 'social_proof', 'urgency', 'objection'] as const;
export type Angle = (typeof ANGLES)[number];

/** Angle priority per goal (first = most fitting); unavailable angles are skipped. */
const ANGLE_ORDER: Record<AdGoal, readonly Angle[]> = {
	awareness: ['benefit', 'social_proof', 'pain', 'objection', 'urgency'],
	traffic: ['benefit', 'pain', 'social_proof', 'objection', 'urgency'],
	leads: ['pain', 'benefit', 'objection', 'social_proof', 'urgency'],
	sales: ['benefit', 'urgency', 'objection', 'social_proof', 'pain'],
	winBack: ['urgency', 'objection', 'benefit', 'pain', 'social_proof'],
};

interface Tone {
	formal: boolean;
	casual: boolean;
	exclaim: boolean;
}

/** A phrasing with its lengths precomputed (English copy: Google and code-point lengths). */
interface Cand {
	text: string;
	/** {@link matchForm} of the text. */
	form: string;
	/** Lower-cased sentence cores, for repeated-line checks. */
	cores: string[];
	cp: number;
	g: number;
	/** Contains one of the persona's keywords. */
	kw: boolean;
	/** Topics limited per field: offer, brand, product, key message i, first word, question. */
	tags: string[];
	/** Limit key of each tag ("msg3" -> "msg", "w1:shop" -> "w1"). */
	tagBases: string[];
	/** Ids of `form`, `cores` and `tags` in the context's {@link IdSpace} (the picker's bookkeeping). */
	fid: number;
	coreIds: number[];
	tagIds: number[];
	/** `endSentence(text)`, one shared string (composed copy is assembled from these). */
	sentence: string;
	/** `text` and `sentence` are {@link plainText}: their length is their size in every counting mode. */
	plain: boolean;
	/** `stripEnd(text)`, and it title-cased or sentence-capitalised, filled in when first needed. */
	bare: string | null;
	title: string | null;
	capped: string | null;
}

/**
 * Printable ASCII with nothing any counting mode treats specially (no "{" for keyword insertion,
 * no "." before a letter or digit and no ":/" that could start a link): its Google, code-point and
 * X lengths are all its `length`, and texts like it joined by single spaces stay like it, so the
 * lengths of joined copy add up (plus one per space).
 */
function plainText(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x20 || c > 0x7e || c === 123) return false;
		if (c === 46 || c === 58) {
			const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
			if (c === 58 ? d === 47 : (d >= 48 && d <= 57) || ((d | 32) >= 97 && (d | 32) <= 122)) return false;
		}
	}
	return true;
}

/**
 * Small integer ids for the forms, sentence cores and topic tags of one context's phrases, so the
 * picker tracks what an ad already holds in flat arrays rather than string sets and maps.
 */
interface IdSpace {
	forms: Map<string, number>;
	cores: Map<string, number>;
	tags: Map<string, number>;
}

function newIdSpace(): IdSpace {
	return { forms: new Map(), cores: new Map(), tags: new Map() };
}

function idOf(map: Map<string, number>, key: string): number {
	let id = map.get(key);
	if (id === undefined) map.set(key, (id = map.size));
	return id;
}

/**
 * Grammatical class of a keyword: a product-like noun (plural, mass or countable), an adjective, a
 * verb, a phrase (which reads only in its own sentence), or a claim (a feature the brand may not
 * have, such as "rewards" or "trial": used only where the persona's key messages or the offer back it).
 */
type KwKind = 'plural' | 'mass' | 'count' | 'adj' | 'verb' | 'phrase' | 'claim';

interface Kw {
	t: string;
	T: string;
	kind: KwKind;
	/** Usable in copy (false: claim keywords nothing backs; they still go into paths). */
	usable: boolean;
}

const MASS_NOUNS = new Set(
	'quality value comfort style service support advice software equipment furniture gear clothing footwear luggage coffee tea food music information access care safety security privacy fashion jewellery jewelry skincare haircare makeup fitness health wellness travel insurance energy water wine beer design craftsmanship performance speed convenience peace help loyalty feedback money homeware decor'.split(
		' ',
	),
);

interface AnglePool {
	heads: Cand[];
	leads: Cand[];
}
export interface CopyContext {
	personaId: string;
	brand: string;
	product: string;
	goal: AdGoal;
	offer: string | null;
	tone: Tone;
	style: HouseStyle;
	keywords: string[];
	/** Keywords that fit a display path (usable nouns and adjectives). */
	pathWords: string[];
	/** One sentence per keyword that carries it naturally (for placing a keyword late). */
	keywordSentences: string[];
	angles: Angle[];
	pools: Record<Angle, AnglePool>;
	supports: Cand[];
	closes: Cand[];
	closeHeads: Cand[];
	kwHeads: Cand[];
	kwLeads: Cand[];
	brandHeads: Cand[];
	/** Neutral, claim-free sentences about the product (last-resort filler). */
	brandLines: Cand[];
	offerHeads: Cand[];
	offerLines: Cand[];
	shorts: Cand[];
	banned: string[];
	required: string[];
	/** {@link matchForm}s of `required` and `keywords`. */
	requiredForms: string[];
	keywordForms: string[];
	imageScene: string;
	/** Ids of the phrases' forms, cores and tags (see {@link IdSpace}). */
	ids: IdSpace;
}

export interface OfflineDraft {
	angle: Angle;
	fields: AdFields;
	cta: string;
}

// ---------------------------------------------------------------------------------------------
// Shaping persona text into usable phrases

const SENTENCE_SPLIT_RE = /(?<=[.?!])\s+/;

const ANALYTICS_RE =
	/\d|%|\(|abandon|conversion|convert|convinced|engaged|churn|funnel|drop-?off|bounce|session|touchpoint|\bctr\b|retention|engagement|segment|cohort|attribution|z-score|baseline|average|median|mean\b/i;
const SUPERLATIVE_RE =
	/\b(?:best|#\s?1|number one|no\.? ?1|guarantee[sd]?|cheapest|lowest|greatest|unbeatable|world-class|top-rated|leading|perfect)\b|#1/i;
/** Marketer guidance rather than copy ("A direct call to action with a clear offer"). */
const GUIDANCE_RE =
	/\b(?:call to action|cta|reminder|messag(?:e|es|ing)|guidance|tone|their|they|them|theirs|brand|top of mind|next step|proof|offers?|audience|customers? who|persona|segment)\b/i;
const CLAUSE_VERB_RE =
	/\b(?:is|are|was|were|be|been|takes?|feels?|costs?|has|have|had|can(?:no|')t|cannot|don't|doesn't|won't|isn't|aren't|gets?|needs?|wants?|worr(?:y|ies)|hates?|keeps?|adds?|runs?|makes?|loses?|lost|seems?|looks?|arrives?|breaks?|fits?|lasts?|wears?|goes|went|comes?|came|know|knows|think|thinks|trust|trusts|find|finds)\b/i;
const MOTIVATION_VERB_RE =
	/^(?:wants? to|wants?|needs?|values?|prefers?|looks? for|seeks?|cares? about|loves?|likes?|enjoys?|prioriti[sz]es?|responds? to|is motivated by|motivated by)\s+/i;
const OBJECTION_LEAD_RE = /^(?:worried|concerned|unsure|not sure|afraid|wary|doubts?|skeptical|sceptical|hesitant)\b/i;
const PRICE_RE = /\b(?:price|cost|costs|expensive|pricey|afford|budget|money|value|shipping|fees?|deal|discount)\b/i;
const STOP = new Set(
	'a an the and or but of to for with without in on at by from is are was be it its this that your you our we my i me too very not no more less than so if into as they them their do does did can will just'.split(
		' ',
	),
);

function cleanLine(text: string): string {
	return text
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[.!;:,]+$/, '');
}

const THIRD_PERSON_LEAD: [RegExp, string][] = [
	[/^(?:does not|doesn't)\s+/i, "Don't "],
	[/^(?:is not|isn't)\s+/i, 'Not '],
	[/^is\s+/i, ''],
	[/^has\s+/i, 'Have '],
	[/^needs\s+/i, 'Need '],
	[/^wants\s+/i, 'Want '],
	[/^expects\s+/i, 'Expect '],
	[/^worries\s+/i, 'Worried '],
	[/^prefers\s+/i, 'Prefer '],
	[/^finds\s+/i, 'Find '],
	[/^feels\s+/i, 'Feel '],
	[/^thinks\s+/i, 'Think '],
];

function secondPerson(text: string): string {
	let t = text;
	const question = /\?\s*$/.test(text);
	for (const [re, rep] of question ? [] : THIRD_PERSON_LEAD) {
		if (re.test(t)) {
			t = t.replace(re, rep);
			break;
		}
	}
	return t
		.replace(/\btheir\b/gi, 'your')
		.replace(/\bthemselves\b/gi, 'yourself')
		.replace(/\bthey(?:'re| are)\b/gi, "you're")
		.replace(/\bthey\b/gi, 'you')
		.replace(/\bthem\b/gi, 'you')
		.replace(/^i['’]m\s+/i, '')
		.replace(/^i['’]ve\s+/i, '')
		.replace(/^i\s+/i, '')
		.replace(/\bmy\b/gi, 'your')
		.replace(/\bme\b/gi, 'you')
		.replace(/\bmyself\b/gi, 'yourself')
		.replace(/\bi['’]m\b/gi, "you're")
		.replace(/\bi\b/g, 'you');
}

function contentTokens(text: string): string[] {
	return matchForm(text)
		.trim()
		.split(' ')
		.filter((w) => w.length > 2 && !STOP.has(w));
}

function containsBanned(text: string, banned: readonly string[]): boolean {
	if (banned.length === 0) return false;
	const form = matchForm(text);
	for (const b of banned) if (hasPhrase(form, b)) return true;
	return false;
}

interface Shaped {
	np: string | null;
	clause: string | null;
	tokens: string[];
}

function shape(raw: string): Shaped | null {
	const line = secondPerson(cleanLine(raw));
	if (line.length < 3 || ANALYTICS_RE.test(line) || SUPERLATIVE_RE.test(line)) return null;
	const words = line.split(' ');
	if (words.length > 12) return null;
	const clause = CLAUSE_VERB_RE.test(line);
	const body = lowerFirst(line);
	return {
		np: clause ? null : body,
		clause: clause ? capFirst(body) : null,
		tokens: contentTokens(line),
	};
}

/** "Values speed and simplicity when buying" -> "speed and simplicity". */
function shapeMotivation(raw: string): Shaped | null {
	const line = cleanLine(raw);
	if (!MOTIVATION_VERB_RE.test(line)) return null;
	const object = line
		.replace(MOTIVATION_VERB_RE, '')
		.split(/\s+(?:that|which|who|when|while|without|to|so|because|once|before|after|than)\s+|,|;|:/i)[0]
		.replace(/^(?:a|an|the)\s+/i, '')
		.trim();
	if (object.split(' ').length > 5 || /\b(?:they|them|their|you|your)\b/i.test(object)) return null;
	const s = shape(object);
	return s && s.np ? s : null;
}

function objectionQuestion(raw: string): string | null {
	const trimmed = raw.replace(/\s+/g, ' ').trim();
	if (/\?$/.test(trimmed)) {
		const q = capFirst(secondPerson(trimmed));
		return ANALYTICS_RE.test(q) || q.split(' ').length > 12 ? null : q;
	}
	const line = secondPerson(cleanLine(raw));
	if (line.length < 3 || ANALYTICS_RE.test(line) || line.split(' ').length > 10) return null;
	const converted = THIRD_PERSON_LEAD.some(([re]) => re.test(cleanLine(raw)));
	if (converted || OBJECTION_LEAD_RE.test(line)) return capFirst(line) + '?';
	if (CLAUSE_VERB_RE.test(line)) return capFirst(line) + '?';
	if (/^(?:too|not)\b/i.test(line)) return capFirst(line) + '?';
	return `Wondering about ${lowerFirst(line)}?`;
}

function toneOf(persona: Persona, brief: NormalizedBrief, style: HouseStyle): Tone {
	const p = persona.tone.toLowerCase();
	const b = (brief.tone ?? '').toLowerCase();
	const formalRe = /premium|luxur|refined|sophisticat|understated|professional|formal|elegant|polished|authoritative|expert|calm|discreet/;
	const casualRe = /casual|friendly|playful|fun|relaxed|conversational|cheeky|upbeat|energetic|enthusiastic|excited|bold|lively/;
	const formal = formalRe.test(b) || (!casualRe.test(b) && formalRe.test(p));
	const casual = !formal && (casualRe.test(p) || casualRe.test(b));
	const exclaim =
		!formal && (style.exclamations || /playful|energetic|enthusiastic|excited|lively|upbeat/.test(p + ' ' + b));
	return { formal, casual, exclaim };
}

// ---------------------------------------------------------------------------------------------
// Phrase bank. Register: n = any tone, c = casual/neutral only, f = formal/neutral only.

type Reg = 'n' | 'c' | 'f';

function allowed(reg: Reg, tone: Tone): boolean {
	if (reg === 'n') return true;
	if (reg === 'c') return !tone.formal;
	return !tone.casual;
}

interface Bank {
	push(reg: Reg, text: string | null | false | undefined): void;
}

function sentenceCores(text: string): string[] {
	const out: string[] = [];
	for (const sentence of text.split(SENTENCE_SPLIT_RE)) {
		const core = stripEnd(sentence).toLowerCase().replace(/\?$/, '');
		if (core.length > 0) out.push(core);
	}
	return out;
}

const ASCII_RE = /^[\x20-\x7e]*$/;

function tagsOf(text: string, form: string, t: TagInfo): string[] {
	const tags: string[] = [];
	if (t.offer !== null && form.includes(t.offer)) tags.push('offer');
	if (t.brand !== ' ' && form.includes(t.brand)) tags.push('brand');
	if (t.product !== ' ' && form.includes(t.product)) tags.push('product');
	for (let i = 0; i < t.messages.length; i++) if (form.includes(t.messages[i])) tags.push(`msg${i}`);
	const sp = form.indexOf(' ', 1);
	if (sp > 1) tags.push(`w1:${form.slice(1, sp)}`);
	if (text.includes('?')) tags.push('q');
	return tags;
}

interface TagInfo {
	offer: string | null;
	brand: string;
	product: string;
	messages: string[];
}

const NO_TAGS: TagInfo = { offer: null, brand: ' ', product: ' ', messages: [] };

function makeCand(
	text: string,
	kwForms: readonly string[],
	form = matchForm(text),
	tagInfo: TagInfo = NO_TAGS,
	ids: IdSpace = newIdSpace(),
): Cand {
	let kw = false;
	for (const k of kwForms) {
		if (form.includes(k)) {
			kw = true;
			break;
		}
	}
	const ascii = ASCII_RE.test(text);
	const tags = tagsOf(text, form, tagInfo);
	const cores = sentenceCores(text);
	const sentence = endSentence(text);
	return {
		text,
		form,
		cores,
		cp: ascii ? text.length : codePointLength(text),
		g: ascii ? text.length : googleLength(text),
		kw,
		tags,
		tagBases: tags.map(tagBase),
		fid: idOf(ids.forms, form),
		coreIds: cores.map((c) => idOf(ids.cores, c)),
		tagIds: tags.map((t) => idOf(ids.tags, t)),
		sentence,
		plain: plainText(text) && plainText(sentence),
		bare: null,
		title: null,
		capped: null,
	};
}

function collector(
	out: Cand[],
	tone: Tone,
	banned: readonly string[],
	kwForms: readonly string[],
	seen: Set<string>,
	tagInfo: TagInfo = NO_TAGS,
	ids: IdSpace = newIdSpace(),
): Bank {
	const bannedForms = banned.map(matchForm).filter((f) => f !== ' ');
	return {
		push(reg, text) {
			if (!text || !allowed(reg, tone)) return;
			const t = capSentences(tidySpaces(text.replace(/\s+/g, ' ')));
			if (t.length === 0 || seen.has(t)) return;
			seen.add(t);
			const form = matchForm(t);
			for (const b of bannedForms) if (form.includes(b)) return;
			out.push(makeCand(t, kwForms, form, tagInfo, ids));
		},
	};
}

function verb(pl: boolean, singular: string, plural: string): string {
	return pl ? plural : singular;
}

/** How the product reads in a sentence: a name ("Trailhead 2") or a common noun ("handmade home goods"). */
interface ProductForms {
	/** Bare, for "P by Brand" and headlines. */
	P: string;
	/** Object position: "our handmade home goods" / "Trailhead 2". */
	Po: string;
	/** "is" or "are", agreeing with the product. */
	be: string;
	/** "it" or "them". */
	it: string;
	pl: boolean;
}

function productForms(product: string): ProductForms {
	const P = product.trim();
	const proper = /[A-Z0-9]/.test(P);
	const pl = !proper && isPluralPhrase(P);
	return { P, Po: proper ? P : `our ${P}`, be: pl ? 'are' : 'is', it: pl ? 'them' : 'it', pl };
}

const ADJECTIVES = new Set(
	'easy new fast quick simple affordable free luxury luxurious organic local eco sustainable durable comfortable reliable safe secure smart modern classic fresh healthy natural lightweight waterproof personal personalised personalized convenient flexible lasting timeless elegant bold bright clean limited special trusted hassle-free'.split(
		' ',
	),
);
const VERBS = new Set(
	'save reorder compare buy shop order try get start join book subscribe upgrade switch learn discover explore return renew sign stay'.split(
		' ',
	),
);
/**
 * Features a brand may or may not offer: using them as copy would invent a claim unless a key
 * message or the offer says so.
 */
const CLAIM_WORDS = new Set(
	'premium exclusive quality value deal deals trial offer offers rewards reward loyalty members membership support help guide community reviews review introduction discount sale easy fast simple hassle-free new next free luxury'.split(
		' ',
	),
);
const PHRASE_START_RE = /^(?:when|where|what|what's|how|why|who|welcome|your|my|our|at|in|on|for|with|next|getting|refer)\b/i;

/**
 * Keywords with hand-written lines that read naturally and claim nothing ({P} product, {Po} product
 * in object position, {B} brand, {be} is/are). Other keywords go by their grammatical class.
 */
const LEXICON: Readonly<Record<string, { heads: readonly string[]; leads: readonly string[] }>> = {
	compare: { heads: ['Compare before you choose'], leads: ['Compare the details of {Po} before you choose.'] },
	discover: { heads: ['Discover {P}', 'Discover {B}'], leads: ['Discover {P} from {B}.'] },
	reorder: { heads: ['Reorder your favourites'], leads: ['Reorder your favourites from {B}.'] },
	'welcome back': { heads: ['Welcome back to {B}'], leads: ['Welcome back to {B}.'] },
	"what's new": { heads: ["See what's new at {B}"], leads: ["See what's new at {B}."] },
	'how it works': { heads: ['See how it works'], leads: ['Not sure how it works? See the details first.'] },
	'why us': { heads: ['Why {B}?'], leads: ['Why {B}? See the details for yourself.'] },
	'getting started': { heads: ['Getting started with {B}'], leads: ['Getting started? Take a look at {Po}.'] },
	'next step': { heads: ['Take the next step'], leads: ['Ready for the next step? Take a look at {Po}.'] },
	'buy now': { heads: ['Buy {P} now'], leads: ['Buy {P} now at {B}.'] },
	'when you need it': { heads: ['Shop when you need it'], leads: ['No rush: shop {Po} when you need it.'] },
};

function fill(template: string, p: ProductForms, B: string): string {
	return template.replace(/\{P\}/g, p.P).replace(/\{Po\}/g, p.Po).replace(/\{B\}/g, B).replace(/\{be\}/g, p.be);
}

/** Grammatical class of a keyword, so templates only use it where it reads naturally. */
function kwKind(k: string): KwKind {
	const low = k.toLowerCase();
	const words = low.split(/\s+/);
	if (LEXICON[low]) return words.length === 1 && VERBS.has(low) ? 'verb' : 'phrase';
	if (PHRASE_START_RE.test(k) || /\b(?:you|it|now)$/.test(low)) return 'phrase';
	if (words.length === 1 && CLAIM_WORDS.has(low)) return 'claim';
	if (words.length === 1) {
		if (VERBS.has(low)) return 'verb';
		if (ADJECTIVES.has(low) || /(?:able|ible|ous|ful|ive|less|ish)$/.test(low)) return 'adj';
	}
	if (VERBS.has(words[0]) && words.length <= 3) return 'verb';
	const head = words[words.length - 1];
	if (ADJECTIVES.has(head)) return 'adj';
	if (isPluralPhrase(low)) return 'plural';
	if (MASS_NOUNS.has(head) || head.endsWith('ing')) return 'mass';
	return 'count';
}

function kwDisplay(k: string, backed: (form: string) => boolean): Kw {
	const t = /[A-Z]/.test(k.slice(1)) ? k : k.toLowerCase();
	const kind = kwKind(t);
	const lex = LEXICON[t.toLowerCase()];
	// single-word verbs and adjectives read as product claims ("easy", "save"): backed or lexicon only
	const usable =
		lex !== undefined ||
		kind === 'plural' ||
		kind === 'mass' ||
		(kind === 'count' && t.includes(' ')) ||
		((kind === 'claim' || kind === 'adj' || kind === 'verb' || kind === 'count') && backed(matchForm(t)));
	return { t, T: titleCase(t), kind, usable };
}

/** Keyword headlines and sentences, by the keyword's class. */
function keywordLines(
	k: Kw,
	c: { p: ProductForms; B: string; goal: AdGoal; messages: readonly string[]; offer: string | null },
	heads: Bank,
	leads: Bank,
): void {
	const { p, B, goal } = c;
	const lex = LEXICON[k.t.toLowerCase()];
	if (lex) {
		for (const h of lex.heads) heads.push('n', fill(h, p, B));
		for (const l of lex.leads) leads.push('n', fill(l, p, B));
		return;
	}
	switch (k.kind) {
		case 'plural':
		case 'mass':
			// product-like nouns: "leather boots", "furniture"
			heads.push('n', k.T);
			heads.push('n', `${k.T} from ${B}`);
			heads.push('n', goal === 'sales' || goal === 'winBack' ? `Shop ${k.T}` : `Explore ${k.T}`);
			heads.push('c', `Looking for ${k.t}?`);
			leads.push('n', `Looking for ${k.t}? Take a look at ${p.P} from ${B}.`);
			leads.push('n', `Looking for ${k.t}? Meet ${p.P}.`);
			leads.push('f', `Discover ${p.P}, ${B}'s take on ${k.t}.`);
			break;
		case 'count':
			heads.push('n', `${capFirst(indefiniteArticle(k.t))} ${k.t} from ${B}`);
			leads.push('n', `Looking for ${indefiniteArticle(k.t)} ${k.t}? Take a look at ${p.P} from ${B}.`);
			break;
		default: {
			// claims, adjectives and verbs: only in the persona's own (backing) key message or the offer
			const form = matchForm(k.t);
			for (const m of c.messages) {
				if (matchForm(m).includes(form)) {
					heads.push('n', m);
					leads.push('n', endSentence(m));
				}
			}
			if (c.offer && matchForm(c.offer).includes(form)) leads.push('n', endSentence(c.offer));
		}
	}
}

function goalCloses(goal: AdGoal, c: { p: ProductForms; B: string }, bank: Bank): void {
	const { p, B } = c;
	switch (goal) {
		case 'awareness':
			bank.push('n', 'Learn more.');
			bank.push('n', `Get to know ${B}.`);
			bank.push('c', 'Take a look.');
			bank.push('f', `Discover ${p.Po}.`);
			bank.push('n', `See what ${B} is about.`);
			break;
		case 'traffic':
			bank.push('n', 'Take a look.');
			bank.push('n', `Explore ${p.Po}.`);
			bank.push('n', 'See the full range.');
			bank.push('c', 'Have a browse.');
			bank.push('f', `Explore ${p.Po} online.`);
			break;
		case 'leads':
			bank.push('n', 'Sign up today.');
			bank.push('n', 'Get started today.');
			bank.push('n', `Join ${B} today.`);
			bank.push('c', 'Sign up and see for yourself.');
			bank.push('f', 'Register your interest today.');
			break;
		case 'sales':
			bank.push('n', 'Shop now.');
			bank.push('n', 'Order today.');
			bank.push('n', `Shop ${p.Po} today.`);
			bank.push('c', 'Get yours today.');
			bank.push('f', `Order ${p.Po} online.`);
			bank.push('n', `Visit ${B} online.`);
			break;
		case 'winBack':
			bank.push('n', 'Pick up where you left off.');
			bank.push('n', `Come back to ${B}.`);
			bank.push('c', 'Come back and take a look.');
			bank.push('n', 'Shop again today.');
			bank.push('f', `Return to ${B} today.`);
			break;
	}
}

function goalHeads(goal: AdGoal, c: { p: ProductForms; B: string }, bank: Bank): void {
	const { p, B } = c;
	const P = p.P;
	switch (goal) {
		case 'awareness':
			bank.push('n', `Meet ${B}`);
			bank.push('n', `Discover ${B}`);
			bank.push('c', `Say hello to ${B}`);
			bank.push('f', `Introducing ${B}`);
			break;
		case 'traffic':
			bank.push('n', `Explore ${P}`);
			bank.push('n', 'See the full range');
			bank.push('c', 'Take a closer look');
			bank.push('f', `Visit ${B} online`);
			break;
		case 'leads':
			bank.push('n', 'Sign up today');
			bank.push('n', 'Get started today');
			bank.push('n', `Join ${B}`);
			bank.push('f', 'Register your interest');
			break;
		case 'sales':
			bank.push('n', 'Shop now');
			bank.push('n', `Shop ${P}`);
			bank.push('n', 'Order online today');
			bank.push('c', 'Get yours today');
			bank.push('n', `Browse ${P}`);
			bank.push('f', `Visit ${B} online`);
			break;
		case 'winBack':
			bank.push('n', 'Welcome back');
			bank.push('n', `Come back to ${B}`);
			bank.push('c', "We've missed you");
			bank.push('n', 'Pick up where you left off');
			bank.push('f', `Return to ${B}`);
			break;
	}
}

function offerForms(offer: string | null): { O: string | null; o: string | null } {
	if (!offer) return { O: null, o: null };
	const O = capFirst(stripEnd(offer));
	const verbFirst = /^(?:get|save|enjoy|take|claim|try|start|buy|shop|earn|receive|grab|book|join|sign)\b/i.test(O);
	return { O, o: verbFirst ? null : lowerFirst(O) };
}

function resolutionFor(tokens: readonly string[], messages: readonly string[], msgTokens: readonly string[][], offerLine: string | null, priceTopic: boolean): string | null {
	let best = -1;
	let bestScore = 0;
	for (let i = 0; i < messages.length; i++) {
		let s = 0;
		for (const t of tokens) if (msgTokens[i].includes(t)) s++;
		if (s > bestScore) {
			bestScore = s;
			best = i;
		}
	}
	if (best >= 0) return endSentence(messages[best]);
	if (priceTopic && offerLine) return offerLine;
	return null;
}

/** A pain line that reads as a question ("Not sure which size fits?"), else null. */
const QUESTION_START_RE = /^(?:not sure|unsure|worried|can't|don't|is|are|do|does|can|will|too|tired|stuck)\b/i;

const contextCache = new Map<string, CopyContext>();
const CONTEXT_CACHE_SIZE = 128;

/**
 * Precompute the phrase bank for one persona and brief. Pure, so results are memoised by content
 * (bounded cache); callers must treat the returned context as read-only.
 */
export function buildCopyContext(persona: Persona, brief: NormalizedBrief): CopyContext {
	const key = JSON.stringify([
		persona.personaId,
		persona.motivations,
		persona.painPoints,
		persona.objections,
		persona.keyMessages,
		persona.keywords,
		persona.tone,
		persona.evidence,
		brief.brand,
		brief.product,
		brief.offer ?? null,
		brief.goal,
		brief.tone ?? null,
		brief.bannedWords,
		brief.requiredPhrases,
		brief.existingAds ?? null,
	]);
	const hit = contextCache.get(key);
	if (hit) return hit;
	const ctx = buildContextUncached(persona, brief);
	if (contextCache.size >= CONTEXT_CACHE_SIZE) {
		const oldest = contextCache.keys().next().value;
		if (oldest !== undefined) contextCache.delete(oldest);
	}
	contextCache.set(key, ctx);
	return ctx;
}

function buildContextUncached(persona: Persona, brief: NormalizedBrief): CopyContext {
	const banned = brief.bannedWords;
	const style = learnHouseStyle(brief.existingAds);
	const tone = toneOf(persona, brief, style);
	const B = brief.brand.trim();
	const p = productForms(brief.product);
	const P = p.P;
	const goal = brief.goal;
	const { O, o } = offerForms(containsBanned(brief.offer ?? '', banned) ? null : (brief.offer ?? null));
	const offerLine = O ? endSentence(O) : null;

	const messages = persona.keyMessages
		.map(cleanLine)
		.filter(
			(m) =>
				m.length >= 6 &&
				m.split(' ').length <= 16 &&
				!SUPERLATIVE_RE.test(m) &&
				!GUIDANCE_RE.test(m) &&
				!ANALYTICS_RE.test(m.replace(/\d+/g, '')) &&
				!containsBanned(m, banned),
		)
		.map((m) => capFirst(secondPerson(m)));
	const msgTokens = messages.map(contentTokens);

	// evidence-backed social proof
	let loyalty = false;
	let satisfaction = false;
	for (const ev of persona.evidence) {
		const key = `${ev.feature} ${ev.claim}`.toLowerCase();
		const favourable =
			typeof ev.value === 'number' && typeof ev.baseline === 'number' ? ev.value > ev.baseline : ev.value !== null && ev.value !== false && ev.value !== 0;
		if (!favourable) continue;
		if (/repeat|reorder|re-order|loyal|retention|purchase_?frequency|orders_?per|frequency|tenure|returning/.test(key)) loyalty = true;
		if (/rating|review|nps|satisf|csat|stars?\b/.test(key)) satisfaction = true;
	}

	// keywords: dedupe, drop banned (whole word, also inside multi-word keywords) and analytics noise
	const backingText = matchForm([...messages, O ?? '', satisfaction ? 'reviews review' : ''].join(' | '));
	const backed = (form: string) => backingText.includes(form);
	const seenKw = new Set<string>();
	const kws: Kw[] = [];
	for (const raw of persona.keywords) {
		const k = cleanLine(raw);
		if (k.length < 2 || k.length > 40 || /\d/.test(k) || containsBanned(k, banned)) continue;
		const key = matchForm(k);
		if (seenKw.has(key)) continue;
		seenKw.add(key);
		kws.push(kwDisplay(k, backed));
		if (kws.length >= 8) break;
	}
	const usableKws = kws.filter((k) => k.usable);
	const kwForms = usableKws.map((k) => matchForm(k.t));

	const pains = persona.painPoints
		.map(shape)
		.filter((s): s is Shaped => s !== null && !containsBanned((s.np ?? s.clause) as string, banned));
	const mots = persona.motivations
		.map(shapeMotivation)
		.filter((s): s is Shaped => s !== null && s.np !== null && !containsBanned(s.np, banned));
	const objections = persona.objections
		.map((raw) => ({ q: objectionQuestion(raw), tokens: contentTokens(raw), price: PRICE_RE.test(raw) }))
		.filter((x): x is { q: string; tokens: string[]; price: boolean } => x.q !== null && !containsBanned(x.q, banned));

	const tagInfo: TagInfo = {
		offer: O ? matchForm(o ?? O) : null,
		brand: matchForm(B),
		product: matchForm(P),
		messages: messages.map(matchForm),
	};
	const seen = new Set<string>();
	const ids = newIdSpace();
	const mk = (out: Cand[]) => collector(out, tone, banned, kwForms, seen, tagInfo, ids);
	const pools = {} as Record<Angle, AnglePool>;
	for (const a of ANGLES) pools[a] = { heads: [], leads: [] };
	const nouns = usableKws.filter((k) => k.kind === 'plural' || k.kind === 'mass');
	const k0 = nouns[0] ?? null;

	// --- benefit
	{
		const h = mk(pools.benefit.heads);
		const l = mk(pools.benefit.leads);
		for (const m of messages) {
			h.push('n', m);
			l.push('n', endSentence(m));
		}
		// motivations say what the audience wants, not what the product has: no product claims
		for (const mot of mots.slice(0, 4)) {
			const np = mot.np as string;
			const pl = isPluralPhrase(np);
			h.push('n', `Because ${np} ${verb(pl, 'matters', 'matter')}`);
			h.push('f', `When ${np} ${verb(pl, 'matters', 'matter')}`);
			if (!/\bvalue/.test(np)) h.push('c', `For anyone who values ${np}`);
			l.push('n', `If ${np} ${verb(pl, 'matters', 'matter')} to you, ${p.Po} ${p.be} worth a look.`);
			l.push('f', `For those who care about ${np}: ${P} by ${B}.`);
			l.push('c', `Care about ${np}? Take a look at ${p.Po}.`);
		}
		for (const k of nouns.slice(0, 3)) {
			h.push('n', `${k.T} from ${B}`);
			l.push('n', `Discover ${P}, ${B}'s take on ${k.t}.`);
		}
		h.push('n', `${P} by ${B}`);
		h.push('n', `Made with care by ${B}`);
		h.push('c', `Find your favourites at ${B}`);
		h.push('f', `${capFirst(P)}, chosen with care`);
		l.push('n', `${P} from ${B}, made with you in mind.`);
		if (p.pl) l.push('n', `Find your next favourite among ${p.Po}.`);
	}

	// --- pain
	{
		const h = mk(pools.pain.heads);
		const l = mk(pools.pain.leads);
		for (const pn of pains.slice(0, 4)) {
			const fix = resolutionFor(pn.tokens, messages, msgTokens, offerLine, PRICE_RE.test(pn.tokens.join(' ')));
			if (pn.np) {
				const np = pn.np;
				const pl = isPluralPhrase(np);
				const NP = capFirst(np);
				h.push('c', `Done with ${np}?`);
				h.push('c', `Tired of ${np}?`);
				h.push('n', `${NP} holding you back?`);
				l.push('n', `If ${np} ${verb(pl, 'is', 'are')} slowing you down, ${p.Po} ${p.be} worth a look.`);
				l.push('c', `Tired of ${np}? ${fix ?? `Take a closer look at ${p.Po}.`}`);
				l.push('f', `${NP} should not be part of the deal. ${fix ?? `See what goes into ${p.Po}.`}`);
				if (fix) {
					// the fix is one of the persona's own key messages: the claim is backed
					h.push('c', `Say goodbye to ${np}`);
					h.push('f', `A better answer to ${np}`);
					l.push('n', `${NP}? ${fix}`);
				}
			} else if (pn.clause) {
				const c = pn.clause;
				if (QUESTION_START_RE.test(c)) {
					h.push('n', `${c}?`);
					l.push('n', `${c}? ${fix ?? `See the details of ${p.Po}.`}`);
					l.push('c', `${c}? ${fix ?? `Take a closer look at ${p.Po}.`}`);
				} else {
					l.push('n', `${endSentence(c)} ${fix ?? `See the details of ${p.Po} before you decide.`}`);
					l.push('c', `Know the feeling? ${endSentence(c)} ${fix ?? `Take a closer look at ${p.Po}.`}`);
				}
			}
		}
	}

	// --- objection handling
	{
		const h = mk(pools.objection.heads);
		const l = mk(pools.objection.leads);
		for (const ob of objections.slice(0, 4)) {
			const fix = resolutionFor(ob.tokens, messages, msgTokens, offerLine, ob.price);
			h.push('n', ob.q);
			l.push('n', `${ob.q} ${fix ?? 'See every detail before you decide.'}`);
			l.push('n', `${ob.q} Fair question. ${fix ?? `See what goes into ${p.Po}.`}`);
			l.push('c', `${ob.q} We get it. ${fix ?? `Take a closer look at ${p.Po}.`}`);
			l.push('f', `${ob.q} ${fix ?? `Review the details of ${p.Po} at your own pace.`}`);
		}
		h.push('c', 'Still on the fence?');
		h.push('n', 'See the details first');
		h.push('n', 'Compare before you commit');
		h.push('f', 'Make an informed choice');
		h.push('n', 'Decide at your own pace');
		h.push('n', 'Take your time to decide');
		h.push('n', 'Look before you buy');
		h.push('n', 'Know what you are getting');
		h.push('c', 'Take a closer look');
		h.push('f', `Explore ${P} in detail`);
		l.push('n', `Still deciding? Read up on ${p.Po} first, no pressure.`);
		l.push('f', `Take your time with the details of ${p.Po}, then decide.`);
		l.push('c', `No rush. Look through ${p.Po} and decide when you're ready.`);
	}

	// --- urgency without pressure (no scarcity, no deadlines we cannot back)
	{
		const h = mk(pools.urgency.heads);
		const l = mk(pools.urgency.leads);
		if (goal === 'winBack') {
			h.push('n', "It's been a while");
			h.push('c', "We've missed you");
			h.push('n', `Welcome back to ${B}`);
			h.push('n', 'Pick up where you left off');
			l.push('n', `It's been a while. ${O ? `${O}, whenever you're ready.` : `${capFirst(p.Po)} ${p.be} here when you're ready.`}`);
			l.push('c', `We've missed you. ${O ? `${O} to welcome you back.` : `Come see ${p.Po}.`}`);
			l.push('f', `Welcome back to ${B}. ${O ? endSentence(O) : `${capFirst(p.Po)} ${p.be} ready when you are.`}`);
		}
		if (O) {
			h.push('n', O);
			if (o) h.push('n', `Enjoy ${o}`);
			if (o) h.push('c', `Ready when you are: ${o}`);
			l.push('n', `${endSentence(O)} Order today and enjoy ${p.Po}.`);
			if (o) l.push('c', `No countdown clocks, just ${o} whenever you're ready.`);
			if (o) l.push('n', `Ready when you are: ${o}.`);
			l.push('f', `${endSentence(O)} Available now at ${B}.`);
		}
		h.push('n', 'Start today');
		h.push('n', 'Ready when you are');
		h.push('c', 'Why wait?');
		h.push('n', `Shop ${B} today`);
		h.push('c', 'Treat yourself today');
		h.push('n', "Order when you're ready");
		h.push('f', `${capFirst(P)}, available today`);
		l.push('n', `Today is a good day to try ${p.Po}.`);
		l.push('c', `Why wait? ${capFirst(p.Po)} ${p.be} ready when you are.`);
		l.push('f', `${capFirst(p.Po)} ${p.be} available today from ${B}.`);
	}

	// --- social proof (evidence-backed only)
	if (loyalty || satisfaction) {
		const h = mk(pools.social_proof.heads);
		const l = mk(pools.social_proof.leads);
		if (loyalty) {
			h.push('n', 'Loved enough to reorder');
			h.push('n', 'Why our regulars come back');
			h.push('c', 'A repeat favourite');
			h.push('f', 'Chosen again and again');
			l.push('n', `There's a reason our regulars keep coming back to ${B}.`);
			l.push('c', `Customers who try ${p.Po} tend to come back for more.`);
			l.push('f', `Chosen again and again by customers who know ${B}.`);
		}
		if (satisfaction) {
			h.push('n', 'Rated highly by customers');
			h.push('n', 'See why customers rate it');
			l.push('n', `Customers rate ${p.Po} highly. See why.`);
			l.push('f', `See why customers rate ${B} so well.`);
		}
	}

	// --- shared pools
	const supports: Cand[] = [];
	{
		const s = mk(supports);
		for (const m of messages) s.push('n', endSentence(m));
		for (const mot of mots.slice(0, 3)) {
			const np = mot.np as string;
			s.push('n', `If ${np} ${verb(isPluralPhrase(np), 'matters', 'matter')} to you, ${p.Po} ${p.be} worth a look.`);
		}
		if (k0) s.push('n', `Browse ${k0.t} from ${B}.`);
		if (offerLine) s.push('n', offerLine);
	}
	const closes: Cand[] = [];
	goalCloses(goal, { p, B }, mk(closes));
	const closeHeads: Cand[] = [];
	goalHeads(goal, { p, B }, mk(closeHeads));
	const kwHeads: Cand[] = [];
	const kwLeads: Cand[] = [];
	{
		const h = mk(kwHeads);
		const l = mk(kwLeads);
		for (const k of usableKws) keywordLines(k, { p, B, goal, messages, offer: O }, h, l);
	}
	const brandHeads: Cand[] = [];
	{
		const h = mk(brandHeads);
		h.push('n', P);
		h.push('n', `${P} by ${B}`);
		h.push('n', B);
	}
	const brandLines: Cand[] = [];
	{
		const l = mk(brandLines);
		l.push('n', `Take a look at ${p.Po} from ${B}.`);
		l.push('n', `${capFirst(p.Po)} ${p.be} ready when you are.`);
		l.push('n', `Browse ${p.Po} online at ${B}.`);
	}
	const offerHeads: Cand[] = [];
	const offerLines: Cand[] = [];
	if (O) {
		mk(offerHeads).push('n', O);
		const l = mk(offerLines);
		l.push('n', endSentence(O));
		l.push('n', `${endSentence(O)} Shop ${p.Po} at ${B}.`);
		if (o) l.push('n', `Enjoy ${o} at ${B}.`);
	}
	// short lines (Meta description): the offer, the goal's calls to action, the brand
	const shorts: Cand[] = [...offerHeads, ...closeHeads, ...brandHeads.filter((c) => c.text === B)];

	const angles = ANGLE_ORDER[goal].filter((a) => pools[a].heads.length + pools[a].leads.length >= 2);
	if (angles.length === 0) angles.push('benefit');

	const scene = k0 ? `a setting that evokes ${k0.t}` : 'an everyday setting';

	return {
		personaId: persona.personaId,
		brand: B,
		product: P,
		goal,
		offer: O,
		tone,
		style,
		keywords: usableKws.map((k) => k.t),
		// display paths are copy too: only keywords the copy may use (no unbacked "Trial")
		pathWords: usableKws.filter((k) => k.kind !== 'phrase' && k.kind !== 'verb').map((k) => k.t),
		keywordSentences: usableKws.map((k) => {
			const l: Cand[] = [];
			const fresh = collector(l, tone, banned, kwForms, new Set());
			keywordLines(k, { p, B, goal, messages, offer: O }, fresh, fresh);
			// the shortest sentence that carries the keyword
			const sentence = l
				.filter((c) => /[.?]$/.test(c.text) && hasPhrase(c.form, k.t))
				.sort((a, b) => a.cp - b.cp)[0];
			return sentence ? sentence.text : `${capFirst(k.t)}: ${P} from ${B}.`;
		}),
		angles,
		pools,
		supports,
		closes,
		closeHeads,
		kwHeads,
		kwLeads,
		brandHeads,
		brandLines,
		offerHeads,
		offerLines,
		shorts,
		banned: [...banned],
		required: [...brief.requiredPhrases],
		requiredForms: brief.requiredPhrases.map(matchForm),
		keywordForms: usableKws.map((k) => matchForm(k.t)),
		imageScene: scene,
		ids,
	};
}

// ---------------------------------------------------------------------------------------------
// Composition

function measureFor(format: ChannelFormat): (s: string) => number {
	return (s) => measureText(s, format.counting);
}

const titleMemo = new Map<string, string>();

/** {@link titleCase}, memoised (headlines come from a small phrase bank). */
function titleCached(text: string): string {
	let t = titleMemo.get(text);
	if (t === undefined) {
		if (titleMemo.size > 4096) titleMemo.clear();
		t = titleCase(text);
		titleMemo.set(text, t);
	}
	return t;
}

/** `stripEnd(c.text)`, one shared string per phrase. */
function bareOf(c: Cand): string {
	return (c.bare ??= stripEnd(c.text));
}

/** `cased(stripEnd(c.text))` for a casing from {@link caseFor}, one shared string per phrase. */
function casedOf(c: Cand, cased: (s: string) => string): string {
	if (cased === titleCached) return (c.title ??= titleCached(bareOf(c)));
	if (cased === capSentences) return (c.capped ??= capSentences(bareOf(c)));
	return cased(bareOf(c));
}

/** Title case for search/display headlines (unless the brand writes sentence case). */
function caseFor(role: FieldRule['role'], format: ChannelFormat, style: HouseStyle): (s: string) => string {
	const searchy = format.counting === 'google';
	const title = style.titleCase ?? searchy;
	if ((role === 'headline' || role === 'path') && title) return titleCached;
	if (role === 'subject' && style.titleCase === true) return titleCached;
	return capSentences;
}

/** Per-field limits on topics: an offer, a key message, a question or an opening word at most once. */
type Limits = Readonly<Record<string, number>>;
const HEADLINE_LIMITS: Limits = { offer: 1, brand: 3, product: 3, q: 1, w1: 1, msg: 1 };
const BODY_LIMITS: Limits = { offer: 1, brand: 2, product: 2, q: 2, w1: 99, msg: 1 };

function tagBase(tag: string): string {
	const colon = tag.indexOf(':');
	return colon > 0 ? tag.slice(0, colon) : tag.startsWith('msg') ? 'msg' : tag;
}

type Freshness = 'only' | 'prefer' | 'any';

// Scratch lists for Picker.pick (never re-entered): no arrays allocated per pick.
const fitBuf: Cand[] = [];
const fullBuf: Cand[] = [];
const freshBuf: Cand[] = [];

// Picker bookkeeping, shared by all pickers and invalidated by epoch stamps rather than cleared or
// reallocated: only one picker is in use at a time (composeAd is synchronous and not re-entered),
// and a new picker or field takes a new epoch, so stale marks never count.
let formMarks: Int32Array = new Int32Array(256);
let coreMarks: Int32Array = new Int32Array(256);
let tagMarks: Int32Array = new Int32Array(64);
let tagCounts: Int32Array = new Int32Array(64);
let avoidMarks: Int32Array = new Int32Array(256);
let epoch = 0;

function grown(buf: Int32Array, size: number): Int32Array {
	if (buf.length >= size) return buf;
	let n = buf.length;
	while (n < size) n *= 2;
	return new Int32Array(n);
}

class Picker {
	/** Epoch of this picker (marks "used" forms and cores). */
	private readonly own: number;
	/** Epoch of the current field (marks tag counts that are live). */
	private fieldEpoch: number;
	/** Tags with a non-zero count in the current field. */
	private counted = 0;
	private limits: Limits = BODY_LIMITS;
	constructor(
		private readonly rng: Rng,
		private readonly format: ChannelFormat,
		private readonly concise: boolean,
		/** Headline forms siblings already used: avoided where the pool allows. */
		avoid: ReadonlySet<string>,
		private readonly ids: IdSpace,
	) {
		formMarks = grown(formMarks, ids.forms.size);
		avoidMarks = grown(avoidMarks, ids.forms.size);
		coreMarks = grown(coreMarks, ids.cores.size);
		if (tagMarks.length < ids.tags.size) {
			tagMarks = grown(tagMarks, ids.tags.size);
			tagCounts = new Int32Array(tagMarks.length);
		}
		this.own = ++epoch;
		this.fieldEpoch = ++epoch;
		// the avoided forms as marks by form id (a form no phrase has cannot be picked anyway)
		for (const f of avoid) {
			const id = ids.forms.get(f);
			if (id !== undefined) avoidMarks[id] = this.own;
		}
	}

	private avoided(c: Cand): boolean {
		return avoidMarks[c.fid] === this.own;
	}

	/** Start a new field (or list): topic counts restart. */
	field(limits: Limits): void {
		this.fieldEpoch = ++epoch;
		this.counted = 0;
		this.limits = limits;
	}

	private count(tag: number): number {
		return tagMarks[tag] === this.fieldEpoch ? tagCounts[tag] : 0;
	}

	markUsed(c: Cand): void {
		formMarks[c.fid] = this.own;
		for (const core of c.coreIds) coreMarks[core] = this.own;
		for (const t of c.tagIds) {
			if (tagMarks[t] !== this.fieldEpoch) {
				tagMarks[t] = this.fieldEpoch;
				tagCounts[t] = 0;
			}
			if (tagCounts[t]++ === 0) this.counted++;
		}
	}

	/** Whether `c` may still go into this ad (not used, no repeated sentence, topics within limits). */
	fits(c: Cand): boolean {
		const own = this.own;
		if (formMarks[c.fid] === own) return false;
		const coreIds = c.coreIds;
		for (let i = 0; i < coreIds.length; i++) if (coreMarks[coreIds[i]] === own) return false;
		if (this.counted > 0) {
			const tagIds = c.tagIds;
			for (let i = 0; i < tagIds.length; i++) {
				const n = this.count(tagIds[i]);
				if (n > 0 && n >= (this.limits[c.tagBases[i]] ?? 1)) return false;
			}
		}
		return true;
	}

	/** A new paragraph of the same field: brand and product mentions restart, offer and messages do not. */
	paragraph(): void {
		for (const tag of ['brand', 'product', 'q']) {
			const id = this.ids.tags.get(tag);
			if (id !== undefined && this.count(id) > 0) {
				tagCounts[id] = 0;
				this.counted--;
			}
		}
	}

	/** Keep a text other fields hold (business name, display paths) out of the copy. */
	reserve(text: string): void {
		// a form no phrase has cannot keep any phrase out
		const id = this.ids.forms.get(matchForm(text));
		if (id !== undefined) formMarks[id] = this.own;
	}

	isFresh(c: Cand): boolean {
		return !this.avoided(c);
	}

	/** A random phrasing from `pool` within [min, max]; prefers fuller copy unless concise. */
	pick(pool: readonly Cand[], max: number, min = 0, fresh: Freshness = 'any', needKw = false): Cand | null {
		let nFit = 0;
		let nFull = 0;
		let nFresh = 0;
		const google = this.format.counting === 'google';
		for (let i = 0; i < pool.length; i++) {
			const c = pool[i];
			const n = google ? c.g : c.cp;
			if (n > max || n < min || (needKw && !c.kw) || !this.fits(c)) continue;
			const isFresh = fresh === 'any' || !this.avoided(c);
			if (fresh === 'only' && !isFresh) continue;
			fitBuf[nFit++] = c;
			if (fresh === 'prefer' && isFresh) freshBuf[nFresh++] = c;
			if (this.concise ? n <= max * 0.7 : n >= max * 0.5) fullBuf[nFull++] = c;
		}
		let c: Cand;
		if (fresh === 'prefer' && nFresh > 0) c = freshBuf[this.rng.int(nFresh)];
		else if (nFull > 0) c = fullBuf[this.rng.int(nFull)];
		else if (nFit > 0) c = fitBuf[this.rng.int(nFit)];
		else return null;
		this.markUsed(c);
		return c;
	}
}

interface Composer {
	ctx: CopyContext;
	format: ChannelFormat;
	rng: Rng;
	picker: Picker;
	angle: Angle;
}

/** Texts joined by single spaces, trie-memoised by their pieces (see {@link joinedText}). */
interface JoinNode {
	text: string;
	next: Map<string, JoinNode> | null;
}
const joinRoot = new Map<string, JoinNode>();
let joinNodes = 0;

/**
 * `pieces.slice(0, n).join(' ')`, one shared string per sequence of pieces (bounded): composed copy
 * repeats, and a shared string is found again by pointer in the memos keyed by text downstream.
 */
function joinedText(pieces: readonly string[], n: number): string {
	if (joinNodes >= 1 << 16) {
		joinRoot.clear();
		joinNodes = 0;
	}
	let map = joinRoot;
	let text = '';
	for (let i = 0; i < n; i++) {
		const piece = pieces[i];
		let node = map.get(piece);
		if (node === undefined) {
			node = { text: i === 0 ? piece : `${text} ${piece}`, next: null };
			map.set(piece, node);
			joinNodes++;
		}
		text = node.text;
		if (i + 1 < n) map = node.next ??= new Map();
	}
	return text;
}

const closeBangs = new Map<string, string>();

/** A close with its final "." made "!" (memoised: one shared string per close). */
function exclaimed(close: string): string {
	let t = closeBangs.get(close);
	if (t === undefined) {
		t = close.replace(/\.$/, '!');
		if (closeBangs.size >= 4096) closeBangs.clear();
		closeBangs.set(close, t);
	}
	return t;
}

const byLength = new WeakMap<readonly Cand[], Cand[]>();

/** A pool sorted by code-point length (stable: equal lengths keep their order), per pool. */
function sortedByLength(pool: readonly Cand[]): Cand[] {
	let sorted = byLength.get(pool);
	if (sorted === undefined) {
		sorted = pool.slice().sort((a, b) => a.cp - b.cp);
		byLength.set(pool, sorted);
	}
	return sorted;
}

/** What `rng.shuffled(values)` gives (the same draws), written into `out`. */
function shuffleInto<T>(rng: Rng, values: readonly T[], out: T[]): number {
	const n = values.length;
	for (let i = 0; i < n; i++) out[i] = values[i];
	for (let i = n - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		const tmp = out[i];
		out[i] = out[j];
		out[j] = tmp;
	}
	return n;
}

// Scratch lists for composeBody (never re-entered): pieces of the text, shuffled pools.
const bodyPieces: string[] = [];
const supportBuf: Cand[] = [];
const kwLeadBuf: Cand[] = [];

/**
 * Sentences joined within `max`: a lead, then supports and a close while they fit. Lengths of
 * {@link plainText} pieces are added up rather than measured on trial strings; the text is joined
 * once, at the end.
 */
function composeBody(
	cx: Composer,
	max: number,
	opts: { minLead?: number; withClose: boolean; maxParts?: number; exclaim: boolean; maxSentences?: number },
): string | null {
	const { ctx, picker, rng } = cx;
	const counting = cx.format.counting;
	const pool = cx.ctx.pools[cx.angle];
	const lead =
		picker.pick(pool.leads, max, opts.minLead ?? 0, 'prefer') ?? picker.pick(ctx.kwLeads, max, 0, 'prefer') ?? picker.pick(pool.heads, max, 0, 'prefer');
	if (!lead) return null;
	const pieces = bodyPieces;
	pieces[0] = lead.sentence;
	let n = 1;
	// the text so far is pieces[0..n) joined by spaces; while every piece is plain, its length is textLen
	let plain = lead.plain;
	let textLen = plain ? lead.sentence.length : measureText(lead.sentence, counting);
	/** Length of the text so far plus a space and `extra`. */
	const lengthWith = (extra: string, extraPlain: boolean): number =>
		plain && extraPlain ? textLen + 1 + extra.length : measureText(`${joinedText(pieces, n)} ${extra}`, counting);
	const append = (c: Cand): void => {
		pieces[n++] = c.sentence;
		plain = plain && c.plain;
		textLen = plain ? textLen + 1 + c.sentence.length : measureText(joinedText(pieces, n), counting);
	};
	let parts = 1;
	let sentenceCount = lead.cores.length;
	const maxSentences = opts.maxSentences ?? 99;
	const maxParts = opts.maxParts ?? 3;
	let hasKw = lead.kw;
	let close: Cand | null = null;
	if (opts.withClose) {
		const room = max - textLen - 1;
		close = picker.pick(ctx.closes, room);
	}
	if (!hasKw && ctx.kwLeads.length > 0) {
		// carry a keyword: the shortest keyword sentence that fits, giving up the close if need be
		const kws = sortedByLength(ctx.kwLeads);
		const closeLen = close ? (close.plain ? close.text.length : measureText(close.text, counting)) + 1 : 0;
		for (const withClose of close ? [true, false] : [false]) {
			let k: Cand | undefined;
			for (const c of kws) {
				if (!picker.fits(c) || sentenceCount + c.cores.length > maxSentences) continue;
				if (lengthWith(c.text, c.plain) + (withClose ? closeLen : 0) <= max) {
					k = c;
					break;
				}
			}
			if (k) {
				append(k);
				picker.markUsed(k);
				if (!withClose) close = null;
				hasKw = true;
				parts++;
				sentenceCount += k.cores.length;
				break;
			}
		}
	}
	const reserve = close ? (close.plain ? close.text.length : measureText(close.text, counting)) + 1 : 0;
	// keyword-bearing supports first when the lead has no keyword
	const nSupports = shuffleInto(rng, ctx.supports, supportBuf);
	const nKwLeads = hasKw ? 0 : shuffleInto(rng, ctx.kwLeads, kwLeadBuf);
	const limit = maxParts - (close ? 1 : 0);
	// hasKw: the shuffled supports; else supports with a keyword, the shuffled keyword leads, the rest
	const lastPass = hasKw ? 0 : 3;
	for (let pass = hasKw ? 0 : 1; pass <= lastPass && parts < limit; pass++) {
		const list = pass === 2 ? kwLeadBuf : supportBuf;
		const len = pass === 2 ? nKwLeads : nSupports;
		for (let i = 0; i < len; i++) {
			if (parts >= limit) break;
			const s = list[i];
			if ((pass === 1 && !s.kw) || (pass === 3 && s.kw)) continue;
			if (!picker.fits(s) || sentenceCount + s.cores.length > maxSentences) continue;
			if (lengthWith(s.sentence, s.plain) + reserve <= max) {
				append(s);
				picker.markUsed(s);
				parts++;
				sentenceCount += s.cores.length;
				hasKw = hasKw || s.kw;
			}
		}
	}
	if (close) pieces[n++] = opts.exclaim ? exclaimed(close.text) : close.text;
	return joinedText(pieces, n);
}

/** Drop whole trailing sentences until the text fits (keeps at least the first). */
function dropSentences(text: string, max: number, measure: (s: string) => number): string | null {
	const sentences = text.split(SENTENCE_SPLIT_RE);
	while (sentences.length > 1) {
		sentences.pop();
		const t = sentences.join(' ');
		if (measure(t) <= max) return t;
	}
	return null;
}

function fitOrTrim(text: string | null, max: number, measure: (s: string) => number): string | null {
	if (text === null) return null;
	if (measure(text) <= max) return text;
	return trimToWords(text, max, measure);
}

const headlineOrders = new WeakMap<CopyContext, Map<Angle, readonly (readonly Cand[])[]>>();

/** The pools headlines are drawn from, in order, per context and angle (built once). */
function headlineOrder(ctx: CopyContext, angle: Angle): readonly (readonly Cand[])[] {
	let byAngle = headlineOrders.get(ctx);
	if (byAngle === undefined) headlineOrders.set(ctx, (byAngle = new Map()));
	let order = byAngle.get(angle);
	if (order === undefined) {
		const pool = ctx.pools[angle];
		order = [
			pool.heads,
			pool.heads,
			ctx.kwHeads,
			ctx.offerHeads,
			pool.heads,
			ctx.closeHeads,
			ctx.kwHeads,
			ctx.brandHeads,
			ctx.closeHeads,
			...ctx.angles.filter((a) => a !== angle).map((a) => ctx.pools[a].heads),
			pool.heads,
			ctx.kwHeads,
			ctx.brandHeads,
			...ctx.angles.filter((a) => a !== angle).map((a) => ctx.pools[a].heads),
		];
		byAngle.set(angle, order);
	}
	return order;
}

/**
 * Headline list (search / display). Each headline stands alone (no two open with the same word, at
 * most one question, one offer line, a few brand mentions), the angle's own lines lead, and lines a
 * sibling variant already used are taken only when fresh ones run out (at most a third of the list).
 */
function composeHeadlines(cx: Composer, rule: FieldRule, target: number): string[] {
	const { ctx, picker } = cx;
	const max = rule.maxLength;
	const min = rule.minItems ?? 1;
	const cased = caseFor('headline', cx.format, ctx.style);
	picker.field(HEADLINE_LIMITS);
	const order = headlineOrder(ctx, cx.angle);
	const chosen: Cand[] = [];
	for (const src of order) {
		if (chosen.length >= target) break;
		const c = picker.pick(src, max, 0, 'only');
		if (c) chosen.push(c);
	}
	// reuse a sibling's line only while fresh lines stay at least two thirds of the list
	let fresh = chosen.length;
	let reused = 0;
	for (const src of order) {
		if (chosen.length >= target || (chosen.length >= min && (reused + 1) * 3 > fresh + reused + 1)) break;
		const c = picker.pick(src, max, 0, 'any');
		if (!c) continue;
		chosen.push(c);
		if (picker.isFresh(c)) fresh++;
		else reused++;
	}
	const seen = new Set<string>();
	const out: string[] = [];
	for (const c of chosen) {
		const h = casedOf(c, cased);
		const f = matchFormCached(h);
		if (h.length === 0 || seen.has(f)) continue;
		seen.add(f);
		out.push(h);
	}
	return out;
}

const pairPieces: string[] = ['', ''];

function composeDescriptions(cx: Composer, rule: FieldRule, target: number, exclaim: boolean): string[] {
	const { ctx, picker } = cx;
	const max = rule.maxLength;
	const measure = measureFor(cx.format);
	picker.field(BODY_LIMITS);
	const out: string[] = [];
	const first = composeBody(cx, max, { withClose: false, maxParts: 2, exclaim: false });
	if (first) out.push(first);
	const sources: Cand[][] = [ctx.supports, ctx.offerLines, ctx.kwLeads, ctx.pools[cx.angle].leads];
	for (const angle of ctx.angles) if (angle !== cx.angle) sources.push(ctx.pools[angle].leads);
	for (const src of sources) {
		if (out.length >= target) break;
		const c = picker.pick(src, max, 25);
		if (!c) continue;
		let text = c.sentence;
		if (out.length === target - 1) {
			const close = picker.pick(ctx.closes, max - (c.plain ? text.length : measure(text)) - 1);
			if (close) {
				pairPieces[0] = text;
				pairPieces[1] = exclaim ? exclaimed(close.text) : close.text;
				text = joinedText(pairPieces, 2);
			}
		}
		out.push(text);
	}
	return out.filter((d) => measure(d) <= max);
}

function pathFor(text: string): string {
	return text
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.trim()
		.split(/\s+/)
		.join('-');
}

function composePaths(cx: Composer): { path1: string; path2: string } {
	const { ctx } = cx;
	const measure = measureFor(cx.format);
	const words: string[] = [];
	for (const k of ctx.pathWords) {
		const p = titleCached(pathFor(k));
		if (p.length > 0 && measure(p) <= 15) words.push(p);
	}
	const goalPath: Record<AdGoal, string> = {
		awareness: 'Discover',
		traffic: 'Explore',
		leads: 'Sign-Up',
		sales: 'Shop',
		winBack: 'Welcome-Back',
	};
	const path1 = words.length > 0 ? words[cx.rng.int(Math.min(words.length, 3))] : goalPath[ctx.goal];
	const path2 = ctx.offer && measure('Offer') <= 15 && cx.rng.chance(0.5) ? 'Offer' : goalPath[ctx.goal];
	return { path1, path2: path2 === path1 ? '' : path2 };
}

function ctaFor(channel: AdChannel, goal: AdGoal, hasOffer: boolean): string {
	switch (channel) {
		case 'meta_feed':
			return {
				awareness: 'LEARN_MORE',
				traffic: 'LEARN_MORE',
				leads: 'SIGN_UP',
				sales: 'SHOP_NOW',
				winBack: hasOffer ? 'GET_OFFER' : 'SHOP_NOW',
			}[goal];
		case 'linkedin':
			return {
				awareness: 'LEARN_MORE',
				traffic: 'SEE_MORE',
				leads: 'SIGN_UP',
				sales: 'SHOP_NOW',
				winBack: 'LEARN_MORE',
			}[goal];
		case 'google_display':
			return {
				awareness: 'Learn More',
				traffic: 'Visit Site',
				leads: 'Sign Up',
				sales: 'Shop Now',
				winBack: 'Shop Now',
			}[goal];
		case 'email':
			return {
				awareness: 'Learn more',
				traffic: 'Take a look',
				leads: 'Sign up',
				sales: 'Shop now',
				winBack: hasOffer ? 'Claim your offer' : 'Come back and browse',
			}[goal];
		default:
			return '';
	}
}

const NO_AVOID: ReadonlySet<string> = new Set();

/** First sentence of an ad's main text (its lead), as a {@link matchForm}; siblings must not share it. */
export function leadForm(fields: AdFields): string | null {
	for (const key of ['primaryText', 'introText', 'text', 'body', 'descriptions']) {
		const v = fields[key];
		let t = Array.isArray(v) ? v[0] : v;
		if (typeof t !== 'string') continue;
		if (key === 'body') t = t.split('\n\n')[1] ?? '';
		// the text before the first sentence break (what split(SENTENCE_SPLIT_RE)[0] gives)
		const m = SENTENCE_SPLIT_RE.exec(t);
		return matchFormCached(m ? t.slice(0, m.index) : t);
	}
	return null;
}

/** Headline-like texts of an ad (what siblings should not repeat), as {@link matchForm}s. */
export function headlineForms(fields: AdFields): string[] {
	const out: string[] = [];
	for (const key of ['headlines', 'headline', 'longHeadline', 'subject', 'description']) {
		const v = fields[key];
		if (Array.isArray(v)) for (const x of v) out.push(matchFormCached(x));
		else if (typeof v === 'string') out.push(matchFormCached(v));
	}
	return out;
}

/**
 * Compose one ad for one channel and angle. `rng` drives every choice, so the same context, seed and
 * variant index always give the same ad. `avoid` holds headline forms sibling variants already use
 * ({@link headlineForms}). The result still goes through {@link validateAd}.
 */
export function composeAd(
	ctx: CopyContext,
	channel: AdChannel,
	angle: Angle,
	rng: Rng,
	avoid: ReadonlySet<string> = NO_AVOID,
): OfflineDraft {
	const format = getFormat(channel);
	const picker = new Picker(rng, format, ctx.style.concise, avoid, ctx.ids);
	const cx: Composer = { ctx, format, rng, picker, angle };
	const measure = measureFor(format);
	const exclaim = ctx.tone.exclaim && format.counting !== 'google';
	const fields: AdFields = {};
	const rule = (name: string) => format.fields.find((f) => f.name === name) as FieldRule;
	const pool = ctx.pools[angle];
	// room for the brief's required phrases, placed after composition (see finishDraft)
	let required = 0;
	for (const r of ctx.required) required += measure(endSentence(r)) + 1;

	switch (channel) {
		case 'google_search':
		case 'microsoft_search': {
			const { path1, path2 } = composePaths(cx);
			picker.reserve(path1);
			if (path2) picker.reserve(path2);
			fields.headlines = composeHeadlines(cx, rule('headlines'), 10);
			fields.descriptions = composeDescriptions(cx, rule('descriptions'), 4, false);
			fields.path1 = path1;
			if (path2) fields.path2 = path2;
			break;
		}
		case 'google_display': {
			const businessName = fitOrTrim(ctx.brand, 25, measure) ?? ctx.brand;
			picker.reserve(businessName);
			fields.headlines = composeHeadlines(cx, rule('headlines'), 5);
			picker.field(BODY_LIMITS);
			const long =
				picker.pick(pool.leads, 90, 30, 'prefer') ?? picker.pick(ctx.kwLeads, 90, 0, 'prefer') ?? picker.pick(ctx.supports, 90, 0, 'prefer');
			fields.longHeadline = long ? casedOf(long, capSentences) : capSentences(stripEnd(`${ctx.product} by ${ctx.brand}`));
			fields.descriptions = composeDescriptions(cx, rule('descriptions'), 3, false);
			fields.businessName = businessName;
			break;
		}
		case 'meta_feed': {
			const cased = caseFor('headline', format, ctx.style);
			picker.field(HEADLINE_LIMITS);
			const head =
				picker.pick(pool.heads, 40, 0, 'prefer') ?? picker.pick(ctx.kwHeads, 40, 0, 'prefer') ?? picker.pick(ctx.brandHeads, 40, 0, 'prefer');
			fields.headline = head ? casedOf(head, cased) : cased(ctx.product);
			picker.field(BODY_LIMITS);
			fields.primaryText = composeBody(cx, 125 - required, { withClose: true, maxParts: 3, exclaim }) ?? '';
			picker.field(HEADLINE_LIMITS);
			const short = picker.pick(ctx.shorts, 30, 0, 'prefer') ?? picker.pick(ctx.kwHeads, 30, 0, 'prefer');
			if (short) fields.description = bareOf(short);
			break;
		}
		case 'linkedin': {
			const cased = caseFor('headline', format, ctx.style);
			picker.field(HEADLINE_LIMITS);
			const head = picker.pick(pool.heads, 70, 20, 'prefer') ?? picker.pick(pool.heads, 70, 0, 'prefer') ?? picker.pick(ctx.kwHeads, 70, 0, 'prefer');
			fields.headline = head ? casedOf(head, cased) : cased(ctx.product);
			picker.field(BODY_LIMITS);
			fields.introText = composeBody(cx, 150 - required, { withClose: true, maxParts: 3, exclaim }) ?? '';
			break;
		}
		case 'x_post': {
			// the link is added by the assembler (it counts 23 whatever its length)
			picker.field(BODY_LIMITS);
			fields.text = composeBody(cx, 280 - 24 - 60 - required, { withClose: true, maxParts: 3, exclaim }) ?? '';
			break;
		}
		case 'email': {
			const subjectCase = caseFor('subject', format, ctx.style);
			picker.field(HEADLINE_LIMITS);
			const subj =
				picker.pick(pool.heads, 50, 18, 'prefer') ??
				picker.pick(pool.heads, 50, 0, 'prefer') ??
				picker.pick(ctx.kwHeads, 50, 0, 'prefer') ??
				picker.pick(ctx.brandHeads, 50, 0, 'prefer');
			fields.subject = subj ? casedOf(subj, subjectCase) : subjectCase(ctx.product);
			picker.field(BODY_LIMITS);
			const pre =
				picker.pick(ctx.supports, 70, 40) ??
				picker.pick(pool.leads, 70, 40) ??
				picker.pick(ctx.kwLeads, 70, 40) ??
				picker.pick(ctx.offerLines, 70, 40);
			let preheader = pre ? endSentence(pre.text) : '';
			if (measure(preheader) < 40) {
				const extra = picker.pick(ctx.closes, 70 - measure(preheader) - 1);
				preheader = `${preheader} ${extra ? extra.text : ''}`.trim();
				if (measure(preheader) < 40) preheader = `${preheader} ${ctx.product} by ${ctx.brand}.`.trim();
				preheader = fitOrTrim(preheader, 70, measure) ?? preheader;
			}
			fields.preheader = capSentences(preheader);
			// body: greeting, two short paragraphs (the angle's lead, then support or the offer), one
			// call-to-action line, sign-off
			picker.field(BODY_LIMITS);
			const paras: string[] = ['Hi there,'];
			const lead = composeBody(cx, 200, { withClose: false, maxParts: 2, exclaim: false, maxSentences: 3 });
			if (lead) paras.push(lead);
			picker.paragraph();
			const second: string[] = [];
			let secondSentences = 0;
			const sources = [...rng.shuffled(ctx.supports), ...ctx.offerLines, ...rng.shuffled(ctx.kwLeads)];
			for (const a of ctx.angles) if (a !== angle) sources.push(...ctx.pools[a].leads);
			sources.push(...ctx.brandLines);
			for (const s of sources) {
				if (second.length >= 2) break;
				if (!picker.fits(s) || secondSentences + s.cores.length > 3 || measure(`${second.join(' ')} ${s.text}`) > 200) continue;
				second.push(endSentence(s.text));
				secondSentences += s.cores.length;
				picker.markUsed(s);
			}
			if (second.length > 0) paras.push(second.join(' '));
			const close = picker.pick(ctx.closes, 120);
			if (close) paras.push(exclaim ? close.text.replace(/\.$/, '!') : close.text);
			paras.push(`The ${ctx.brand} team`);
			fields.body = paras.join('\n\n');
			break;
		}
	}
	// every piece is already tidy and capitalised (see collector), and joined with single spaces
	// most texts are shared strings already (phrases, joined bodies); the rest are interned here
	if (channel === 'email') internFields(fields);
	return { angle, fields, cta: ctaFor(channel, ctx.goal, ctx.offer !== null) };
}

// ---------------------------------------------------------------------------------------------
// Required phrases and keywords, placed where they fit

function listRule(format: ChannelFormat, role: FieldRule['role']): FieldRule | undefined {
	return format.fields.find((f) => f.kind === 'list' && f.role === role);
}

function targetLengthOf(rule: FieldRule): number {
	return rule.recommendedLength ?? rule.maxLength;
}

/**
 * Make sure `phrase` appears in the ad: appended to a body text where it fits, added as a list item
 * (headline or description) where the count allows, or replacing the last list item. Returns false
 * when it fits nowhere.
 */
export function placePhrase(
	fields: AdFields,
	format: ChannelFormat,
	phrase: string,
	asSentence: string,
	reserve = 0,
	headlineStyle: HouseStyle = { titleCase: null, exclamations: false, concise: false, secondPerson: true },
	/** Whether the phrase may replace a headline or short field as a last resort. */
	replace = true,
): boolean {
	const measure = measureFor(format);
	const targetLength = (rule: FieldRule) => targetLengthOf(rule) - reserve;
	const headlineCase = caseFor('headline', format, headlineStyle);
	const form = matchFormCached;
	for (const rule of format.fields) {
		const v = fields[rule.name];
		if (typeof v === 'string' && hasPhrase(form(v), phrase)) return true;
		if (Array.isArray(v) && v.some((x) => hasPhrase(form(x), phrase))) return true;
	}
	// 1. append to a body text (keeping within the target length)
	for (const rule of format.fields) {
		if (rule.kind !== 'text' || rule.role !== 'body') continue;
		const v = fields[rule.name];
		if (typeof v !== 'string') continue;
		const joined = rule.name === 'body' ? insertBeforeSignOff(v, asSentence) : `${v} ${asSentence}`.trim();
		if (measure(joined) <= targetLength(rule)) {
			fields[rule.name] = joined;
			return true;
		}
	}
	// 2. append to a list item (description) where it fits
	const bodyList = listRule(format, 'body');
	if (bodyList && Array.isArray(fields[bodyList.name])) {
		const list = fields[bodyList.name] as string[];
		for (let i = list.length - 1; i >= 0; i--) {
			const joined = `${endSentence(list[i])} ${asSentence}`;
			if (measure(joined) <= bodyList.maxLength) {
				fields[bodyList.name] = list.map((x, j) => (j === i ? joined : x));
				return true;
			}
		}
	}
	// 3. add to / replace in a list, headline first when the bare phrase fits
	for (const role of ['headline', 'body'] as const) {
		const rule = listRule(format, role);
		if (!rule) continue;
		const text = role === 'headline' ? headlineCase(stripEnd(phrase)) : asSentence;
		if (measure(text) > rule.maxLength) continue;
		const list = (fields[rule.name] as string[] | undefined) ?? [];
		if (list.length < (rule.maxItems ?? Infinity)) fields[rule.name] = [...list, text];
		else fields[rule.name] = [...list.slice(0, -1), text];
		return true;
	}
	// 4. single-text fields: drop trailing sentences (or words) of a body to make room, else
	//    replace a headline/short field
	for (const rule of format.fields) {
		if (rule.kind !== 'text') continue;
		const v = fields[rule.name];
		if (typeof v !== 'string') continue;
		const max = targetLength(rule);
		if (rule.role === 'body' || rule.role === 'preheader') {
			const room = max - measure(asSentence) - 1;
			if (room < 20) continue;
			// whole sentences only: a sentence cut mid-way ("from Juniper") reads broken
			const cut = dropSentences(v, room, measure);
			if (cut) {
				fields[rule.name] = `${endSentence(cut)} ${asSentence}`;
				if (rule.minLength === undefined || measure(fields[rule.name] as string) >= rule.minLength) return true;
				fields[rule.name] = v;
			}
		} else if (replace && rule.role !== 'name' && rule.role !== 'path' && measure(stripEnd(phrase)) <= max) {
			fields[rule.name] = capFirst(stripEnd(phrase));
			return true;
		}
	}
	return false;
}

function insertBeforeSignOff(body: string, sentence: string): string {
	const i = body.lastIndexOf('\n\n');
	if (i < 0) return `${body}\n\n${sentence}`;
	return `${body.slice(0, i)}\n\n${sentence}${body.slice(i)}`;
}

/**
 * The {@link matchForm} of all field texts joined (lists item by item), as of when it was made:
 * `includes` asks each text's memoised form first and builds the joined form only when none holds
 * the phrase (a phrase may span two texts), so the answer is always the joined form's.
 */
class FieldsForm {
	private readonly texts: string[] = [];
	private readonly forms: string[] = [];
	constructor(fields: AdFields) {
		for (const key of Object.keys(fields)) {
			const v = fields[key];
			if (Array.isArray(v)) for (const x of v) this.texts.push(x);
			else this.texts.push(v);
		}
		for (const t of this.texts) this.forms.push(matchFormCached(t));
	}

	includes(form: string): boolean {
		for (const f of this.forms) if (f.includes(form)) return true;
		return this.spans(form);
	}

	/**
	 * Whether `form` occurs across a boundary of the joined form (the texts' forms, each after the
	 * first without its leading space): every such occurrence lies in the last `form.length` characters
	 * joined so far plus the start of the next form, so only those short windows are searched.
	 */
	private spans(form: string): boolean {
		const L = form.length;
		let tail = '';
		for (const g of this.forms) {
			if (g === ' ') continue;
			if (tail === '') {
				tail = g.length > L ? g.slice(g.length - L) : g;
				continue;
			}
			if ((tail + g.slice(1, L)).includes(form)) return true;
			const joined = g.length - 1 >= L ? g.slice(g.length - L) : tail + g.slice(1);
			tail = joined.length > L ? joined.slice(joined.length - L) : joined;
		}
		return false;
	}

	hasPhrase(phrase: string): boolean {
		const p = matchFormCached(phrase);
		return p !== ' ' && this.includes(p);
	}
}

/** Field texts (and list items) replaced, in place, by their {@link internText} objects. */
function internFields(fields: AdFields): void {
	for (const key of Object.keys(fields)) {
		const v = fields[key];
		if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = internText(v[i]);
		else fields[key] = internText(v);
	}
}

/** Required phrases, then at least one persona keyword, placed into the draft. */
export function finishDraft(ctx: CopyContext, channel: AdChannel, draft: OfflineDraft): OfflineDraft {
	const format = getFormat(channel);
	// an X post gets its link appended afterwards: a URL counts 23, plus the space
	const reserve = channel === 'x_post' ? 24 : 0;
	const fields = draft.fields;
	// a keyword first (it may drop a trailing sentence to make room, never replace a headline), then
	// the required phrases, which must not be pushed out again
	let form = new FieldsForm(fields);
	let touched = false;
	if (ctx.keywords.length > 0) {
		if (!ctx.keywordForms.some((k) => form.includes(k))) {
			// leave room for the required phrases that follow
			const measure = measureFor(format);
			let room = reserve;
			for (const r of ctx.required) if (!form.hasPhrase(r)) room += measure(endSentence(r)) + 1;
			const placed = placePhrase(fields, format, ctx.keywords[0], ctx.keywordSentences[0], room, ctx.style, false);
			touched = true;
			const short = format.fields.find((f) => f.role === 'short' && f.kind === 'text');
			// placing may have dropped a trailing sentence: look at the copy again
			if (placed) form = new FieldsForm(fields);
			if (!placed && short) {
				// a keyword headline in the short field (Meta description) rather than none at all
				const head = ctx.kwHeads.find((c) => measure(c.text) <= short.maxLength && !form.includes(c.form));
				if (head) fields[short.name] = bareOf(head);
			}
		}
	}
	for (let i = 0; i < ctx.required.length; i++) {
		// already in the copy (the form only grows as phrases are placed): nothing to do
		if (form.includes(ctx.requiredForms[i])) continue;
		placePhrase(fields, format, ctx.required[i], endSentence(ctx.required[i]), reserve, ctx.style);
		touched = true;
	}
	// texts placing built are interned (the others are shared strings already)
	if (touched) internFields(fields);
	return draft;
}

/** The angles this persona supports, in goal order. */
export function anglesFor(ctx: CopyContext): readonly Angle[] {
	return ctx.angles;
}

