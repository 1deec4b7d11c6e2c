/**
 * Copy a marketer would ship: over several briefs (three brands and products, one of them B2B) and
 * every bundled persona (the Persona Builder's personas from the Sample Data, the personas it builds
 * from the persona test segments, and the ad fixtures), the offline copywriter writes complete
 * sentences of its own; persona analysis steers the angle and never appears in the copy; keywords go
 * only where their part of speech fits.
 */
import type { CampaignBrief } from '../../../lib/ads/brief';
import { classifyKeyword } from '../../../lib/ads/copy/keywords';
import { generateAds } from '../../../lib/ads/generate';
import { matchForm } from '../../../lib/ads/text';
import { AD_CHANNELS } from '../../../lib/contracts/adVariant';
import type { AdVariant } from '../../../lib/contracts/adVariant';
import type { Persona } from '../../../lib/contracts/persona';
import { buildOfflinePersona } from '../../../lib/persona/offline';
import * as segmentFixtures from '../persona/fixtures';
import { BRIEF, NOW, PERSONAS, samplePersonas } from './fixtures';

/** Personas built from the persona tests' segments. */
function fixturePersonas(): Persona[] {
	const { journeyMap } = segmentFixtures;
	return Object.values(segmentFixtures as unknown as Record<string, unknown>)
		.filter((s): s is Parameters<typeof buildOfflinePersona>[0] => typeof s === 'object' && s !== null && 'segmentId' in s)
		.map((segment, i) => buildOfflinePersona(segment, { journeyMap, nameIndex: i % 2 }));
}

/** A B2B buyer: a finance lead evaluating invoicing software. */
const financeLead = {
	kind: 'persona',
	personaId: 'p_finance',
	segmentId: 's_finance',
	name: 'Finance Fiona',
	summary: 'Fiona runs accounts payable for a mid-sized firm and spends hours each week chasing invoices.',
	demographics: '',
	motivations: ['Wants to close the month without chasing invoices', 'Values tools that save time for a small team'],
	goals: ['Cut manual data entry', 'Get paid faster'],
	painPoints: ['Spends hours each week reconciling payments by hand', 'Late payments hurt cash flow'],
	objections: ['Worried about switching costs and setup time', 'Needs proof it works with the existing accounting system'],
	preferredChannels: ['linkedin', 'organic_search'],
	preferredTimes: [],
	tone: 'professional and clear',
	keyMessages: ['Automated reminders and reconciliation', 'Set up in an afternoon'],
	keywords: ['invoice automation', 'accounts payable', 'save time', 'finance teams'],
	evidence: [{ claim: 'Uses the product weekly once set up', feature: 'frequency', value: 12, baseline: 5 }],
	generator: 'test',
} as unknown as Persona;

const SAMPLE = samplePersonas();
const FIXTURE_SEGMENT_PERSONAS = fixturePersonas();
const ALL_PERSONAS = [...SAMPLE, ...FIXTURE_SEGMENT_PERSONAS, ...PERSONAS, financeLead];

const BRIEFS: { name: string; brief: CampaignBrief }[] = [
	{
		name: 'Juniper & Oak (quickstart, home goods)',
		brief: {
			brand: 'Juniper & Oak',
			product: 'handmade home goods',
			offer: 'free shipping on orders over $50',
			goal: 'sales',
			landingUrl: 'https://juniper-oak.example/shop',
			bannedWords: ['cheap', 'guaranteed'],
		},
	},
	{ name: 'Northwind (running shoes)', brief: BRIEF },
	{
		name: 'Ledgerly (B2B invoicing software)',
		brief: {
			brand: 'Ledgerly',
			product: 'invoicing software',
			offer: 'a free 30-day trial',
			goal: 'leads',
			tone: 'professional',
			landingUrl: 'https://ledgerly.example/trial',
			bannedWords: ['revolutionary'],
		},
	},
	{
		name: 'Brightbean (coffee subscription, win-back, no offer)',
		brief: { brand: 'Brightbean', product: 'coffee subscription', goal: 'winBack', landingUrl: 'https://brightbean.example/' },
	},
];

const HEADLINE_FIELDS = ['headlines', 'headline', 'longHeadline', 'subject'];
const BODY_FIELDS = ['descriptions', 'primaryText', 'introText', 'text'];

function values(v: AdVariant, field: string): string[] {
	const value = (v.fields as Record<string, string | string[]>)[field];
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function allTexts(v: AdVariant): string[] {
	return Object.keys(v.fields)
		.filter((f) => !f.endsWith('Pins') && f !== 'path1' && f !== 'path2')
		.flatMap((f) => values(v, f))
		.map((t) => t.replace(/\s*https?:\/\/\S+/g, ''));
}

/** The texts that must read as complete sentences: descriptions, post bodies, email paragraphs. */
function sentenceTexts(v: AdVariant): string[] {
	const out = BODY_FIELDS.flatMap((f) => values(v, f)).map((t) => t.replace(/\s*https?:\/\/\S+/g, ''));
	for (const body of values(v, 'body')) {
		const paras = body.split('\n\n');
		out.push(...paras.slice(1, -1));
	}
	return out;
}

/** Clauses of a persona's analysis that are long enough to be recognisable (4+ words). */
function analysisClauses(p: Persona): string[] {
	const fields = [p.summary, ...p.motivations, ...p.goals, ...p.painPoints, ...p.objections, ...p.keyMessages, ...p.evidence.map((e) => e.claim)];
	const out = new Set<string>();
	for (const text of fields) {
		for (const clause of [text, ...text.split(/[.;:?!,()]|\s[-–—]\s/)]) {
			const form = matchForm(clause);
			if (form.trim().split(' ').length >= 4) out.add(form);
		}
	}
	return [...out];
}

function isPremium(p: Persona): boolean {
	return p.evidence.some(
		(e) => e.feature === 'monetary' && typeof e.value === 'number' && typeof e.baseline === 'number' && e.value >= 1.5 * e.baseline,
	);
}

describe.each(BRIEFS)('offline copy a marketer would ship: $name', ({ brief }) => {
	const result = generateAds(ALL_PERSONAS, { ...brief, channels: [...AD_CHANNELS], variantsPerPersona: 3 }, { seed: 3, now: NOW });
	const byPersona = new Map(ALL_PERSONAS.map((p) => [p.personaId, p]));

	it('writes valid ads for every persona and channel', () => {
		expect(ALL_PERSONAS.length).toBeGreaterThanOrEqual(12);
		for (const v of result.variants) expect(v.validation.ok).toBe(true);
		for (const p of ALL_PERSONAS) {
			for (const channel of AD_CHANNELS) {
				expect(result.variants.filter((v) => v.personaId === p.personaId && v.channel === channel).length).toBeGreaterThanOrEqual(2);
			}
		}
	});

	it('never copies a sentence or clause of the persona analysis into an ad', () => {
		const found: string[] = [];
		for (const v of result.variants) {
			const ad = matchForm(allTexts(v).join(' | '));
			for (const clause of analysisClauses(byPersona.get(v.personaId) as Persona)) {
				if (ad.includes(clause)) found.push(`${v.personaId} ${v.channel}: "${clause.trim()}"`);
			}
		}
		expect(found).toEqual([]);
	});

	it("never writes the \"<brand>'s take on <keyword>\" shape", () => {
		const found = result.variants.flatMap((v) => allTexts(v).filter((t) => /['’]s take on\b/i.test(t)));
		expect(found).toEqual([]);
	});

	it('never makes a question headline out of a keyword', () => {
		const found: string[] = [];
		for (const v of result.variants) {
			const keywords = (byPersona.get(v.personaId) as Persona).keywords.map(matchForm);
			for (const head of HEADLINE_FIELDS.flatMap((f) => values(v, f))) {
				if (head.trim().endsWith('?') && keywords.some((k) => k !== ' ' && matchForm(head).includes(k))) found.push(head);
			}
		}
		expect(found).toEqual([]);
	});

	it('gives every headline of an ad its own words', () => {
		for (const v of result.variants) {
			const heads = HEADLINE_FIELDS.flatMap((f) => values(v, f)).map(matchForm);
			expect(new Set(heads).size).toBe(heads.length);
		}
	});

	it('writes descriptions and bodies as complete sentences', () => {
		const found: string[] = [];
		for (const v of result.variants) {
			for (const text of sentenceTexts(v)) {
				for (const sentence of text.split(/(?<=[.?!])\s+/)) {
					const words = sentence.split(/\s+/).filter((w) => /\p{L}/u.test(w));
					if (!/^[A-Z]/.test(sentence) || !/[.!?]$/.test(sentence) || words.length < 2) found.push(`${v.channel}: "${sentence}" in "${text}"`);
				}
			}
		}
		expect(found).toEqual([]);
	});

	it('does not write about saving money to audiences that spend well above the average', () => {
		const premium = ALL_PERSONAS.filter(isPremium);
		expect(premium.length).toBeGreaterThan(0);
		const offer = matchForm(brief.offer ?? '');
		const found: string[] = [];
		for (const v of result.variants.filter((x) => premium.some((p) => p.personaId === x.personaId))) {
			for (const t of allTexts(v)) {
				const m = /\b(?:value|deals?|save|saving|budget|price|cheaper|money|penny)\b/i.exec(t);
				if (m && !offer.includes(matchForm(m[0]))) found.push(`${v.personaId} ${v.channel}: "${t}"`);
			}
		}
		expect(found).toEqual([]);
	});

	it('puts keywords that are not nouns only into their own phrasings, never into noun slots', () => {
		const found: string[] = [];
		for (const v of result.variants) {
			for (const raw of (byPersona.get(v.personaId) as Persona).keywords) {
				const k = classifyKeyword(raw, matchForm(`${brief.product} ${brief.offer ?? ''}`));
				if (k.kind === 'goods' || k.kind === 'topic' || k.kind === 'abstract') continue;
				const kw = raw.toLowerCase();
				for (const t of allTexts(v)) {
					const lower = t.toLowerCase();
					for (const slot of [`our ${kw}`, `${kw} from ${brief.brand.toLowerCase()}`, `explore ${kw}`, `fresh ${kw}`, `take a look at ${kw}`]) {
						if (lower.includes(slot)) found.push(`${k.kind} "${raw}" in "${t}"`);
					}
				}
			}
		}
		expect(found).toEqual([]);
	});
});

describe('keyword classes', () => {
	it.each([
		['leather boots', 'goods'],
		['new arrivals', 'goods'],
		['invoice automation', 'goods'],
		['quality', 'abstract'],
		['ideas', 'topic'],
		['finance teams', 'audience'],
		['compare', 'phrase'],
		['trending', 'phrase'],
		["what's new", 'phrase'],
		['reviews', 'claim'],
		['loyalty', 'claim'],
		['organic', 'claim'],
		['accounts payable', 'unknown'],
	])('"%s" is %s', (keyword, kind) => {
		expect(classifyKeyword(keyword, ' handmade home goods ').kind).toBe(kind);
	});

	it('uses a claim keyword when the brief backs it', () => {
		expect(classifyKeyword('free trial', ' a free trial ').kind).toBe('goods');
		expect(classifyKeyword('handmade', ' handmade home goods ').kind).not.toBe('claim');
	});
});
