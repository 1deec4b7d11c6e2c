/**
 * Assemble AdVariant contract objects: ids, A/B/C groups, UTM-tagged final URLs, creative briefs and
 * image prompts, provenance, validation, dedup and scores. Offline generation (`generateAds`) and
 * the pieces an LLM mode needs (`buildAdPrompt`, `repairInstructions`, `acceptLlmVariants`).
 */
import { AdVariant as AdVariantSchema } from '../contracts/adVariant';
import type { AdChannel, AdVariant, ValidationIssue } from '../contracts/adVariant';
import { Persona as PersonaSchema } from '../contracts/persona';
import type { Persona } from '../contracts/persona';
import { assertContract } from '../contracts/validate';
import { contentHash, sha256Hex, stableStringify } from '../util/hash';
import { Rng } from '../util/rng';
import type { AdGoal, CampaignBrief, NormalizedBrief } from './brief';
import { channelsOf, hashBrief, isEnglish, normalizeBrief } from './brief';
import type { AdFields, AdIssue, ChannelFormat } from './formats';
import { FORMAT_RULES_VERSION, getFormat, validateAd } from './formats';
import type { Angle, CopyContext } from './offline';
import { ANGLES, buildCopyContext, composeAd, finishDraft, headlineForms, leadForm } from './offline';
import { TextMemo } from './memo';
import { jaccard, joinedMatchForm, matchForm, matchFormCached, slugify, tokenSet } from './text';

/** Version of the offline copywriter (part of every offline prompt hash). */
export const OFFLINE_GENERATOR_VERSION = 'offline-copy-1';
/** Variants at or above this token Jaccard similarity to a sibling are near duplicates. */
export const NEAR_DUPLICATE_JACCARD = 0.8;
/** Default `createdAt` when no `now` is given: callers (the node) pass the run time. */
export const DEFAULT_NOW = '1970-01-01T00:00:00.000Z';

const MAX_ATTEMPTS = 5;

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

// ---------------------------------------------------------------------------------------------
// Small pieces

/** A, B, ... Z, then AA, AB ... */
export function variantGroupLabel(index: number): string {
	let n = index;
	let s = '';
	do {
		s = String.fromCharCode(65 + (n % 26)) + s;
		n = Math.floor(n / 26) - 1;
	} while (n >= 0);
	return s;
}

/** Deterministic ad id from persona, channel, variant index and brief hash. */
export function makeAdId(personaId: string, channel: AdChannel, index: number, briefHashValue: string): string {
	return `ad_${contentHash({ personaId, channel, index, brief: briefHashValue }, 16)}`;
}

/** `utm_campaign` value: slug of brand, product and goal. */
export function campaignSlug(brief: { brand: string; product: string; goal: AdGoal | string }): string {
	return slugify(`${brief.brand} ${brief.product} ${brief.goal}`, 80);
}

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'];

/**
 * Add UTM parameters to a URL, keeping its other query parameters (in order) and its fragment; an
 * existing utm_source/medium/campaign/content is replaced.
 */
export function withUtm(
	url: string,
	utm: { source: string; medium: string; campaign: string; content: string },
): string {
	const hashAt = url.indexOf('#');
	const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
	const beforeHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
	const qAt = beforeHash.indexOf('?');
	const base = qAt >= 0 ? beforeHash.slice(0, qAt) : beforeHash;
	const query = qAt >= 0 ? beforeHash.slice(qAt + 1) : '';
	const kept = query
		.split('&')
		.filter((p) => p.length > 0 && !UTM_KEYS.includes(p.split('=', 1)[0].toLowerCase()));
	const ours = [
		`utm_source=${encodeURIComponent(utm.source)}`,
		`utm_medium=${encodeURIComponent(utm.medium)}`,
		`utm_campaign=${encodeURIComponent(utm.campaign)}`,
		`utm_content=${encodeURIComponent(utm.content)}`,
	];
	return `${base}?${[...kept, ...ours].join('&')}${fragment}`;
}

function finalUrlFor(brief: NormalizedBrief, format: ChannelFormat, adId: string): string {
	return withUtm(brief.landingUrl, {
		source: format.utmSource,
		medium: format.utmMedium,
		campaign: campaignSlug(brief),
		content: adId,
	});
}

/** All text of an ad's fields, one string (lists joined). */
export function adText(fields: AdFields): string {
	const parts: string[] = [];
	for (const key of Object.keys(fields)) {
		if (key.endsWith('Pins')) continue;
		const v = fields[key];
		if (Array.isArray(v)) parts.push(...v);
		else parts.push(v);
	}
	return parts.join(' \n ');
}

/** Share of the keywords found (whole phrase, case-insensitive) in the ad's text, 0..1. */
export function keywordRelevance(fields: AdFields, keywords: readonly string[]): number {
	return keywordRelevanceForm(matchForm(adText(fields)), keywords);
}

const URL_IN_TEXT_RE = /https?:\/\/\S+/g;

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

/** Word tokens of a {@link matchForm} (what {@link tokenSet} gives for the same text). */
function formTokens(form: string): Set<string> {
	const out = new Set<string>();
	let start = 1;
	for (let i = 1; i < form.length; i++) {
		if (form.charCodeAt(i) === 32) {
			if (i > start) out.add(form.slice(start, i));
			start = i + 1;
		}
	}
	return out;
}

function keywordRelevanceForm(form: string, keywords: readonly string[]): number {
	if (keywords.length === 0) return 0;
	let hit = 0;
	for (const k of keywords) {
		const kf = matchFormCached(k);
		if (kf !== ' ' && (form.includes(kf) || form.includes(singularForm(kf)))) hit++;
	}
	return hit / keywords.length;
}

const singularMemo = new Map<string, string>();

function singularForm(form: string): string {
	let s = singularMemo.get(form);
	if (s === undefined) {
		// ' running shoes ' -> ' running shoe ' (so "shoe" copy still counts for "shoes")
		s = form.replace(/([a-z]{3,})s $/, '$1 ');
		if (singularMemo.size >= 4096) singularMemo.clear();
		singularMemo.set(form, s);
	}
	return s;
}

/** The texts {@link adText} joins, links removed when `noUrls`. */
function adParts(fields: AdFields, noUrls: boolean): string[] {
	const parts: string[] = [];
	for (const key of Object.keys(fields)) {
		if (key.endsWith('Pins')) continue;
		const v = fields[key];
		if (Array.isArray(v)) for (const x of v) parts.push(noUrls ? x.replace(URL_IN_TEXT_RE, '') : x);
		else parts.push(noUrls ? v.replace(URL_IN_TEXT_RE, '') : v);
	}
	return parts;
}

// Token sets as lists of distinct small integer ids (one id per distinct word), so the Jaccard
// similarity of siblings is counted over integer marks rather than string sets. Ids are only
// compared within one generateAds call; the tables are reset between calls when they grow large.
const tokenIds = new Map<string, number>();
const tokenIdLists = new TextMemo<number[]>(1 << 30);
let tokenMarks: Int32Array = new Int32Array(1024);
let tokenStamp = 0;

function resetTokenTablesIfLarge(): void {
	if (tokenIds.size < 65536 && tokenIdLists.size < 16384) return;
	tokenIds.clear();
	tokenIdLists.clear();
	tokenMarks = new Int32Array(1024);
	tokenStamp = 0;
}

/** Ids of the word tokens of a text's match form, in order (memoised). */
function tokenIdList(text: string): number[] {
	let list = tokenIdLists.get(text);
	if (list === undefined) {
		list = [];
		for (const t of formTokens(matchFormCached(text))) {
			let id = tokenIds.get(t);
			if (id === undefined) tokenIds.set(t, (id = tokenIds.size));
			list.push(id);
		}
		tokenIdLists.set(text, list);
	}
	return list;
}

function nextTokenStamp(): number {
	if (tokenMarks.length < tokenIds.size) {
		let n = tokenMarks.length;
		while (n < tokenIds.size) n *= 2;
		tokenMarks = new Int32Array(n);
	}
	return ++tokenStamp;
}

/** Distinct token ids of the joined match form of `parts` ({@link formTokens} of it, as ids). */
function partsTokens(parts: readonly string[]): number[] {
	const out: number[] = [];
	const lists: number[][] = [];
	for (const p of parts) lists.push(tokenIdList(p));
	const stamp = nextTokenStamp();
	for (const list of lists) {
		for (const id of list) {
			if (tokenMarks[id] !== stamp) {
				tokenMarks[id] = stamp;
				out.push(id);
			}
		}
	}
	return out;
}

/** {@link jaccard} of two distinct-id token lists (the same value as over the token sets). */
function jaccardIds(a: readonly number[], b: readonly number[]): number {
	if (a.length === 0 && b.length === 0) return 1;
	const stamp = nextTokenStamp();
	for (const id of a) tokenMarks[id] = stamp;
	let inter = 0;
	for (const id of b) if (tokenMarks[id] === stamp) inter++;
	return inter / (a.length + b.length - inter);
}

/** 1 - mean Jaccard similarity to the siblings (1 with no siblings). */
export function diversityScore(own: ReadonlySet<string>, siblings: readonly ReadonlySet<string>[]): number {
	if (siblings.length === 0) return 1;
	let s = 0;
	for (const other of siblings) s += jaccard(own, other);
	return 1 - s / siblings.length;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

const ANGLE_BRIEFS: Record<Angle, { idea: string; mood: string }> = {
	benefit: { idea: 'show the product delivering what this audience values', mood: 'confident and aspirational' },
	pain: { idea: 'show the moment the everyday frustration is gone', mood: 'relieved and at ease' },
	social_proof: { idea: 'show the product as a well-used, returned-to favourite', mood: 'warm and trustworthy' },
	urgency: { idea: 'show the product ready to use right now', mood: 'bright, upbeat and unhurried' },
	objection: { idea: 'show the product clearly, details visible, nothing hidden', mood: 'clear and reassuring' },
};

const ASPECTS: Record<AdChannel, string> = {
	google_search: 'text only, no image',
	microsoft_search: 'text only, no image',
	google_display: 'landscape 1.91:1 and square 1:1 crops',
	meta_feed: 'square 1:1 (or 4:5 portrait)',
	linkedin: 'landscape 1.91:1',
	x_post: 'landscape 16:9',
	email: 'hero banner, 600 px wide, 2:1',
};

function paletteFor(ctx: CopyContext): string {
	if (ctx.tone.formal) return `deep navy, warm ivory and brushed brass, with ${ctx.brand}'s accent colour`;
	if (ctx.tone.casual) return `sunny yellows, fresh greens and crisp white, with ${ctx.brand}'s accent colour`;
	return `soft neutrals with a single accent in ${ctx.brand}'s brand colour`;
}

interface CreativeParts {
	briefHead: string;
	briefTail: string;
	imagePrompt: string;
}
const creativeMemo = new WeakMap<CopyContext, Map<AdChannel, Map<Angle, CreativeParts | null>>>();

/** The parts of {@link creativeFor} that do not depend on the ad's copy, per context, channel and angle. */
function creativeParts(ctx: CopyContext, channel: AdChannel, angle: Angle): CreativeParts | null {
	let byChannel = creativeMemo.get(ctx);
	if (!byChannel) creativeMemo.set(ctx, (byChannel = new Map()));
	let byKey = byChannel.get(channel);
	if (!byKey) byChannel.set(channel, (byKey = new Map()));
	const key = angle;
	let parts = byKey.get(key);
	if (parts === undefined) {
		const marker = '\u0000MESSAGE\u0000';
		const full = creativeUncached(ctx, channel, angle, { headline: marker });
		const at = full.creativeBrief.indexOf(marker);
		// the marker exactly once in the brief and not in the prompt, else no shortcut
		parts =
			at >= 0 && full.creativeBrief.indexOf(marker, at + 1) < 0 && !full.imagePrompt.includes(marker)
				? {
						briefHead: full.creativeBrief.slice(0, at),
						briefTail: full.creativeBrief.slice(at + marker.length),
						imagePrompt: full.imagePrompt,
					}
				: null;
		byKey.set(key, parts);
	}
	return parts;
}

/** Creative brief and image prompt: scene, mood, palette; never people's names or other PII. */
export function creativeFor(
	ctx: CopyContext,
	channel: AdChannel,
	angle: Angle,
	fields: AdFields,
): { creativeBrief: string; imagePrompt: string } {
	const headlineField = fields.headline ?? fields.headlines ?? fields.subject ?? fields.text ?? '';
	const message = (Array.isArray(headlineField) ? headlineField[0] : headlineField) ?? '';
	// the message goes in once, verbatim, between fixed parts (see creativeUncached)
	const parts = creativeParts(ctx, channel, angle);
	if (parts === null) return creativeUncached(ctx, channel, angle, fields);
	return { creativeBrief: parts.briefHead + message + parts.briefTail, imagePrompt: parts.imagePrompt };
}

function creativeUncached(
	ctx: CopyContext,
	channel: AdChannel,
	angle: Angle,
	fields: AdFields,
): { creativeBrief: string; imagePrompt: string } {
	const format = getFormat(channel);
	const a = ANGLE_BRIEFS[angle] ?? ANGLE_BRIEFS.benefit;
	const headlineField = fields.headline ?? fields.headlines ?? fields.subject ?? fields.text ?? '';
	const message = (Array.isArray(headlineField) ? headlineField[0] : headlineField) ?? '';
	const palette = paletteFor(ctx);
	const setting = ctx.imageScene;
	if (channel === 'google_search' || channel === 'microsoft_search') {
		return {
			creativeBrief: `Text-only ${format.format.replace(/_/g, ' ')} for ${ctx.product} by ${ctx.brand}, goal ${ctx.goal}, ${angle.replace('_', ' ')} angle: ${a.idea}. Lead message: "${message}".`,
			imagePrompt: '',
		};
	}
	return {
		creativeBrief:
			`Visual for a ${format.platform} ${format.format.replace(/_/g, ' ')} (${ASPECTS[channel]}) promoting ${ctx.product} by ${ctx.brand}. ` +
			`Goal: ${ctx.goal}. Angle: ${angle.replace('_', ' ')}, ${a.idea}. Message it supports: "${message}". ` +
			`Mood: ${a.mood}. Palette: ${palette}. Leave clear space for the platform's text; no text baked into the image; ` +
			'no identifiable people, names or personal details; logo only as supplied by the brand.',
		imagePrompt:
			`${ctx.product} shown in ${setting}, ${a.mood} mood, ${palette}, natural light, clean composition, ` +
			`${ASPECTS[channel]}, photographic, no text, no watermark, no identifiable faces`,
	};
}

function flatIssues(issues: AdIssue[]): ValidationIssue[] {
	return issues.map((i) => ({ field: i.field, rule: i.rule, message: i.message }));
}

// ---------------------------------------------------------------------------------------------
// Offline generation

interface GroupMember {
	/** Distinct token ids (see {@link partsTokens}). */
	tokens: number[];
	variant: AdVariant;
	/** {@link leadForm} of the variant's fields. */
	lead: string | null;
	/** Jaccard similarity to each earlier member of the group, by index. */
	sims: number[];
}

const personaStableMemo = new Map<string, string>();

const personaStableByObject = new WeakMap<Persona, string>();

/**
 * `contentHash({ generator, version, persona: {...}, brief, seed })` of a validated persona: the
 * stable JSON of the persona part is memoised (by its plain JSON, which for validated, plain data
 * determines it), and the whole stable JSON is put together in `stableStringify`'s key order.
 */
function promptBaseFor(persona: Persona, briefHash: string, seed: number): string {
	// a persona from the contract memo is shared and never changed: its stable JSON is kept with it
	let stable = personaStableByObject.get(persona);
	if (stable === undefined) {
		stable = personaStableJson(persona);
		personaStableByObject.set(persona, stable);
	}
	const json =
		`{"brief":${stableStringify(briefHash)},"generator":${stableStringify('offline')},` +
		`"persona":${stable},"seed":${stableStringify(seed)},"version":${stableStringify(OFFLINE_GENERATOR_VERSION)}}`;
	return sha256Hex(json, 16);
}

function personaStableJson(persona: Persona): string {
	const part = {
		motivations: persona.motivations,
		goals: persona.goals,
		painPoints: persona.painPoints,
		objections: persona.objections,
		keyMessages: persona.keyMessages,
		keywords: persona.keywords,
		tone: persona.tone,
		evidence: persona.evidence,
	};
	const key = JSON.stringify(part);
	let stable = personaStableMemo.get(key);
	if (stable === undefined) {
		stable = stableStringify(part);
		if (personaStableMemo.size >= 1024) personaStableMemo.clear();
		personaStableMemo.set(key, stable);
	}
	return stable;
}

const idBaseMemo = new Map<string, string>();

/** Ad id prefix of a persona under a brief (memoised: one SHA-256 per persona and brief). */
function idBaseFor(personaId: string, briefHash: string): string {
	const key = `${personaId}\u0000${briefHash}`;
	let id = idBaseMemo.get(key);
	if (id === undefined) {
		id = `ad_${contentHash({ personaId, brief: briefHash }, 14)}`;
		if (idBaseMemo.size >= 1024) idBaseMemo.clear();
		idBaseMemo.set(key, id);
	}
	return id;
}

/**
 * Ad texts already emitted on a channel (as match forms), for the exact-duplicate check. Bucketed
 * by length, so a new text is compared only with texts of its length and never hashed whole.
 */
class ExactTexts {
	private readonly byLength = new Map<number, { key: string; adId: string }[]>();

	/** The ad id of the first text equal to `key`, if any. */
	get(key: string): string | undefined {
		const bucket = this.byLength.get(key.length);
		if (bucket) for (const e of bucket) if (e.key === key) return e.adId;
		return undefined;
	}

	set(key: string, adId: string): void {
		const bucket = this.byLength.get(key.length);
		if (bucket) bucket.push({ key, adId });
		else this.byLength.set(key.length, [{ key, adId }]);
	}
}

// ---------------------------------------------------------------------------------------------
// Per-call fixed costs: briefs and personas are validated once per content

/**
 * A canonical text of plain JSON-like data (strings, finite numbers, booleans, null, arrays and
 * plain objects, keys in order), or null when the value holds anything else (undefined, -0, NaN,
 * class instances, sparse arrays, very deep nesting): such values are never cached, only parsed.
 * Distinct values give distinct texts, so a cache hit means the same content was parsed before.
 */
function plainKey(value: unknown, depth = 0): string | null {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'boolean':
			return value ? 'true' : 'false';
		case 'number':
			return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : null;
		case 'object':
			break;
		default:
			return null;
	}
	if (depth > 16) return null;
	if (Array.isArray(value)) {
		if (Object.getPrototypeOf(value) !== Array.prototype) return null;
		let out = '[';
		for (let i = 0; i < value.length; i++) {
			if (!(i in value)) return null;
			const k = plainKey(value[i], depth + 1);
			if (k === null) return null;
			out += i === 0 ? k : `,${k}`;
		}
		return `${out}]`;
	}
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) return null;
	let out = '{';
	let first = true;
	for (const key of Object.keys(value as Record<string, unknown>)) {
		const k = plainKey((value as Record<string, unknown>)[key], depth + 1);
		if (k === null) return null;
		out += `${first ? '' : ','}${JSON.stringify(key)}:${k}`;
		first = false;
	}
	return `${out}}`;
}

interface BriefEntry {
	nb: NormalizedBrief;
	hash: string;
}
const briefMemo = new Map<string, BriefEntry>();

/**
 * {@link normalizeBrief} and {@link hashBrief}, memoised by the brief's content (see
 * {@link plainKey}). The normalized brief is shared between calls: generation only reads it.
 */
function briefEntry(brief: CampaignBrief): BriefEntry {
	const key = plainKey(brief);
	if (key !== null) {
		const hit = briefMemo.get(key);
		if (hit !== undefined) return hit;
	}
	const nb = normalizeBrief(brief);
	const entry = { nb, hash: hashBrief(nb) };
	if (key !== null) {
		if (briefMemo.size >= 256) briefMemo.clear();
		briefMemo.set(key, entry);
	}
	return entry;
}

const personaMemo = new Map<string, Persona>();

/**
 * The Persona contract check, memoised by the persona's content (see {@link plainKey}): content
 * that passed before passes again and parses to the same data. Anything else is checked in full.
 */
function checkedPersona(raw: Persona, index: number): Persona {
	const key = plainKey(raw);
	if (key !== null) {
		const hit = personaMemo.get(key);
		if (hit !== undefined) return hit;
	}
	const persona = assertContract('Persona', PersonaSchema, raw, index);
	if (key !== null) {
		if (personaMemo.size >= 1024) personaMemo.clear();
		personaMemo.set(key, persona);
	}
	return persona;
}

const contextByObject = new WeakMap<Persona, { nb: NormalizedBrief; ctx: CopyContext }>();

/**
 * {@link buildCopyContext} (itself memoised by content), remembered with the validated persona and
 * normalized brief objects, which the memos above share between calls and nothing changes.
 */
function copyContextFor(persona: Persona, nb: NormalizedBrief): CopyContext {
	const hit = contextByObject.get(persona);
	if (hit !== undefined && hit.nb === nb) return hit.ctx;
	const ctx = buildCopyContext(persona, nb);
	contextByObject.set(persona, { nb, ctx });
	return ctx;
}

function checkNow(now: string): string {
	if (Number.isNaN(Date.parse(now))) throw new Error(`Option "now" must be an ISO 8601 date, got "${now}"`);
	return now;
}

/**
 * Write `variantsPerPersona` validated ad variants per persona and channel, offline and
 * deterministically (same personas, brief, seed and `now` give identical output).
 * Variants that fail validation or duplicate a sibling are regenerated with the next phrasing;
 * when that keeps failing they are reported in `rejected`, never emitted.
 *
 * @example generateAds([persona], { brand: 'Northwind', product: 'Trail Runner 2', goal: 'sales',
 *   landingUrl: 'https://example.com/shoes' }, { seed: 7, now: '2025-01-01T00:00:00.000Z' })
 */
export function generateAds(
	personas: Persona[],
	brief: CampaignBrief,
	options: GenerateOptions = {},
): GenerateResult {
	const { nb, hash: bHash } = briefEntry(brief);
	if (!isEnglish(nb.language)) {
		throw new Error(
			`The offline generator writes English only; brief.language is "${nb.language}". Use the LLM mode for other languages.`,
		);
	}
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
	resetTokenTablesIfLarge();
	const seenText = new Map<AdChannel, ExactTexts>();

	// per channel: the final URL around its utm_content value (one UTM build per channel, not per ad)
	const urlParts = new Map<AdChannel, [string, string]>();
	for (const channel of channels) {
		const marker = 'AD0ID0MARKER';
		const url = finalUrlFor(nb, getFormat(channel), marker);
		const at = url.indexOf(marker);
		urlParts.set(channel, [url.slice(0, at), url.slice(at + marker.length)]);
	}

	personas.forEach((raw, index) => {
		// validated once per persona per batch
		const persona = checkedPersona(raw, index);
		const ctx = copyContextFor(persona, nb);
		// two SHA-256 per persona: ad ids (persona, brief) and prompt hashes (persona content, brief,
		// seed); channel, variant index and attempt are added as suffixes, so ids stay deterministic
		// and distinct without hashing per variant
		const idBase = idBaseFor(persona.personaId, bHash);
		const promptBase = promptBaseFor(persona, bHash, seed);
		for (const channel of channels) {
			const format = getFormat(channel);
			const [urlHead, urlTail] = urlParts.get(channel) as [string, string];
			let exact = seenText.get(channel);
			if (!exact) seenText.set(channel, (exact = new ExactTexts()));
			const code = CHANNEL_CODES[channel];
			const group: GroupMember[] = [];
			const avoid = new Set<string>();
			const usedAngles = new Set<Angle>();
			const leads = new Map<string, string>();
			for (let i = 0; i < perPersona; i++) {
				const adId = `${idBase}_${code}${variantGroupLabel(i).toLowerCase()}`;
				const finalUrl = urlHead + adId + urlTail;
				let lastReason = 'no phrasing fits';
				let accepted: GroupMember | null = null;
				for (let attempt = 0; attempt < MAX_ATTEMPTS && !accepted; attempt++) {
					// each sibling its own angle while the persona has enough of them
					let angle = ctx.angles[(i + attempt) % ctx.angles.length];
					for (let k = 0; k < ctx.angles.length && usedAngles.has(angle); k++) {
						angle = ctx.angles[(i + attempt + k) % ctx.angles.length];
					}
					const rng = new Rng(`${seed}|${persona.personaId}|${channel}|${i}|${attempt}`);
					const draft = finishDraft(ctx, channel, composeAd(ctx, channel, angle, rng, avoid));
					if (channel === 'x_post') draft.fields.text = `${draft.fields.text as string} ${finalUrl}`;
					// the final check: an ad that fails it is never emitted
					const validation = validateAd(channel, draft.fields, nb, { cta: draft.cta });
					if (!validation.ok) {
						lastReason = `validation failed: ${validation.issues
							.slice(0, 3)
							.map((x) => `${x.field} ${x.rule} (${x.message})`)
							.join('; ')}`;
						continue;
					}
					// matchForm(adText(fields)) (links removed on X), from memoised per-text forms
					const parts = adParts(draft.fields, channel === 'x_post');
					const key = joinedMatchForm(parts);
					const dupOf = exact.get(key);
					if (dupOf !== undefined) {
						lastReason = `duplicate of ${dupOf}`;
						continue;
					}
					// formTokens(key), from memoised per-text token lists
					const tokens = partsTokens(parts);
					// similarity to every earlier sibling (kept for the diversity score; jaccard is symmetric)
					const sims: number[] = [];
					let near: GroupMember | undefined;
					for (const g of group) {
						const sim = jaccardIds(g.tokens, tokens);
						sims.push(sim);
						if (sim >= NEAR_DUPLICATE_JACCARD) {
							near = g;
							break;
						}
					}
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
					const creative = creativeFor(ctx, channel, angle, draft.fields);
					const variant: AdVariant = {
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
						variantGroup: variantGroupLabel(group.length),
						generator: 'offline',
						model: null,
						promptHash: `${promptBase}.${code}.${i}.${attempt}`,
						briefHash: bHash,
						createdAt: now,
						validation: { ok: true, issues: [], warnings: flatIssues(validation.warnings) } as AdVariant['validation'],
						scores: { keywordRelevance: round3(keywordRelevanceForm(key, ctx.keywords)) },
						rulesVersion: FORMAT_RULES_VERSION,
					};
					accepted = { tokens, variant, lead, sims };
				}
				if (accepted) {
					group.push(accepted);
					usedAngles.add(accepted.variant.angle as Angle);
					const lead = accepted.lead;
					if (lead !== null) {
						leads.set(lead, accepted.variant.adId);
						avoid.add(lead);
					}
					for (const f of headlineForms(accepted.variant.fields as AdFields)) avoid.add(f);
				} else rejected.push({ personaId: persona.personaId, channel, reason: `variant ${i + 1}: ${lastReason}` });
			}
			for (let mi = 0; mi < group.length; mi++) {
				const member = group[mi];
				let sum = 0;
				for (let gi = 0; gi < group.length; gi++) {
					if (gi !== mi) sum += gi < mi ? member.sims[gi] : group[gi].sims[mi];
				}
				const diversity = group.length > 1 ? 1 - sum / (group.length - 1) : 1;
				(member.variant.scores as { diversity?: number }).diversity = round3(diversity);
				variants.push(member.variant);
			}
		}
	});
	return { variants, rejected };
}

// ---------------------------------------------------------------------------------------------
// LLM mode

function describeField(format: ChannelFormat): string[] {
	const lines: string[] = [];
	for (const f of format.fields) {
		const count =
			f.kind === 'list' ? `${f.minItems ?? 0}-${f.maxItems ?? 'any'} items, each ` : '';
		const limit =
			f.recommendedLength !== undefined && f.recommendedLength < f.maxLength
				? `at most ${f.recommendedLength} characters (hard limit ${f.maxLength})`
				: `at most ${f.maxLength} characters`;
		const min = f.minLength !== undefined ? `, at least ${f.minLength} characters` : '';
		const opt = f.required ? '' : ' (optional: use "" to leave it out)';
		lines.push(`- ${f.name} (${f.label}): ${count}${limit}${min}${opt}`);
	}
	return lines;
}

function countingRule(format: ChannelFormat): string {
	switch (format.counting) {
		case 'google':
			return 'Lengths count like Google Ads: {KeyWord:default text} counts as its default text; Chinese, Japanese, Korean and other full-width characters count 2.';
		case 'x':
			return 'Lengths count like X: every link counts 23, Chinese, Japanese, Korean characters and emoji count 2. Do not include a link: it is added for you (23 characters are reserved).';
		default:
			return 'Lengths are Unicode characters.';
	}
}

function ctaRule(format: ChannelFormat): string {
	switch (format.cta.mode) {
		case 'enum':
			return `cta: exactly one of ${(format.cta.allowed ?? []).join(', ')}.`;
		case 'free':
			return `cta: button text of at most ${format.cta.maxLength ?? 30} characters.`;
		default:
			return 'cta: "" (this format has no button).';
	}
}

function editorialRules(format: ChannelFormat): string[] {
	if (format.counting === 'google') {
		return [
			'No exclamation marks in headlines; at most one per description.',
			'No emoji, no repeated punctuation ("!!", "?!"), no words in capitals (acronyms and the brand excepted), no spaced-out letters, no phone numbers.',
			format.dki ? 'Keyword insertion {KeyWord:default text} is allowed; the default must fit the limit.' : 'No placeholders or keyword insertion.',
		];
	}
	return ['No repeated punctuation ("!!", "?!"), no placeholders such as {keyword} or [brand].'];
}

function stripName(text: string, name: string): string {
	if (name.trim().length < 2) return text;
	let out = text;
	for (const part of name.split(/\s+/).filter((w) => w.length >= 2)) {
		out = out.split(part).join('this audience');
	}
	return out;
}

/**
 * Prompt for an OpenAI-compatible chat model: system rules (format limits spelled out, banned words,
 * required phrases, truthfulness), user content (the persona's non-PII data and the brief), and a
 * JSON schema (strict-mode compatible: every property required, no length keywords) for
 * `response_format: { type: 'json_schema', json_schema }`.
 */
export function buildAdPrompt(
	persona: Persona,
	brief: CampaignBrief,
	channel: AdChannel,
	n: number,
): { system: string; user: string; jsonSchema: { name: string; strict: true; schema: Record<string, unknown> } } {
	const nb = normalizeBrief(brief);
	const format = getFormat(channel);
	if (!Number.isInteger(n) || n < 1 || n > 26) throw new Error(`n must be an integer from 1 to 26, got ${n}`);
	const system = [
		`You are a senior performance copywriter. Write ${n} distinct ${format.platform} ${format.format.replace(/_/g, ' ')} variants in the language "${nb.language}".`,
		'Rules:',
		...describeField(format),
		ctaRule(format),
		countingRule(format),
		...editorialRules(format),
		nb.bannedWords.length > 0
			? `Never use these words or phrases, not even inside other words' forms: ${nb.bannedWords.map((w) => `"${w}"`).join(', ')}.`
			: 'There are no banned words.',
		nb.requiredPhrases.length > 0
			? `Every variant must contain each of these phrases verbatim in at least one field: ${nb.requiredPhrases.map((w) => `"${w}"`).join(', ')}.`
			: 'There are no required phrases.',
		'Truthfulness: no numbers, prices or percentages except those given in the brief or key messages; no superlatives or rankings ("best", "#1", "leading"); no guarantees; no fake scarcity or deadlines; social proof only where the evidence below supports it.',
		'Privacy and fairness: never address or describe the reader by name, age, gender, ethnicity, health, finances or other personal attributes; write to the need, not the person.',
		`Each variant takes a different angle from: ${ANGLES.join(', ')}. No two variants may repeat each other's lines.`,
		'imagePrompt: a scene, mood and palette for the visual; no text in the image, no identifiable people, no names.',
		'Answer with JSON matching the schema only.',
	].join('\n');
	const user = JSON.stringify(
		{
			audience: {
				summary: stripName(persona.summary, persona.name),
				motivations: persona.motivations,
				goals: persona.goals,
				painPoints: persona.painPoints,
				objections: persona.objections,
				keyMessages: persona.keyMessages,
				keywords: persona.keywords,
				tone: persona.tone,
				evidence: persona.evidence.map((e) => e.claim),
			},
			brief: {
				brand: nb.brand,
				product: nb.product,
				offer: nb.offer ?? null,
				goal: nb.goal,
				brandTone: nb.tone ?? null,
				landingPage: nb.landingUrl.replace(/[?#].*$/, ''),
				existingAdsForStyle: (nb.existingAds ?? []).slice(0, 10),
			},
			variants: n,
		},
		null,
		2,
	);
	const fieldProps: Record<string, unknown> = {};
	for (const f of format.fields) {
		const desc = `${f.label}: ${f.kind === 'list' ? `${f.minItems}-${f.maxItems} items, each ` : ''}at most ${f.recommendedLength ?? f.maxLength} characters`;
		fieldProps[f.name] =
			f.kind === 'list'
				? { type: 'array', items: { type: 'string' }, minItems: f.minItems ?? 0, maxItems: f.maxItems ?? 15, description: desc }
				: { type: 'string', description: desc };
	}
	const ctaSchema =
		format.cta.mode === 'enum'
			? { type: 'string', enum: [...(format.cta.allowed ?? []), ...(format.cta.required ? [] : [''])] }
			: { type: 'string', description: format.cta.mode === 'none' ? 'Always ""' : 'Button text' };
	const schema = {
		type: 'object',
		additionalProperties: false,
		required: ['variants'],
		properties: {
			variants: {
				type: 'array',
				minItems: n,
				maxItems: n,
				items: {
					type: 'object',
					additionalProperties: false,
					required: ['angle', 'fields', 'cta', 'imagePrompt'],
					properties: {
						angle: { type: 'string', enum: [...ANGLES] },
						fields: {
							type: 'object',
							additionalProperties: false,
							required: format.fields.map((f) => f.name),
							properties: fieldProps,
						},
						cta: ctaSchema,
						imagePrompt: { type: 'string' },
					},
				},
			},
		},
	};
	return { system, user, jsonSchema: { name: `ad_variants_${channel}`, strict: true, schema } };
}

/**
 * Instructions for a repair round: only the failing fields, each with what is wrong. Issues about
 * the whole ad (required phrases, duplicates) are listed once.
 */
export function repairInstructions(issues: readonly ValidationIssue[]): string {
	if (issues.length === 0) return '';
	const byField = new Map<string, string[]>();
	for (const i of issues) {
		const list = byField.get(i.field) ?? [];
		if (!list.includes(i.message)) list.push(i.message);
		byField.set(i.field, list);
	}
	const lines = ['Fix only these fields and keep every other field exactly as it was:'];
	for (const [field, messages] of byField) lines.push(`- ${field}: ${messages.join('; ')}`);
	lines.push('Return the complete variant again as JSON matching the schema.');
	return lines.join('\n');
}

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
		tokens: tokenSet(adText(v.fields as AdFields)),
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
		const tokens = tokenSet(adText(fields));
		const near = siblings.find((s) => jaccard(s.tokens, tokens) >= NEAR_DUPLICATE_JACCARD);
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
	const all = variants.map((v) => tokenSet(adText(v.fields as AdFields)));
	variants.forEach((v, i) => {
		(v.scores as { diversity?: number }).diversity = round3(diversityScore(all[i], all.filter((_, j) => j !== i)));
	});
	return { variants, failed };
}
