/**
 * Copy quality of the offline generator: the ads must read like copy a marketer would ship. Runs over
 * the four fixture personas and over personas built from the sample data (sample data -> journeys ->
 * segments -> offline personas), with the fixture brief and the quickstart template's brief, on every
 * channel.
 */
import type { CampaignBrief } from '../../../lib/ads/brief';
import { matchForm } from '../../../lib/ads/text';
import { generateAds } from '../../../lib/ads/generate';
import { AD_CHANNELS } from '../../../lib/contracts/adVariant';
import type { AdChannel, AdVariant } from '../../../lib/contracts/adVariant';
import type { Persona } from '../../../lib/contracts/persona';
import { BRIEF, NOW, PERSONAS, samplePersonas } from './fixtures';

/** The brief of templates/quickstart.json. */
const QUICKSTART: CampaignBrief = {
	brand: 'Juniper & Oak',
	product: 'handmade home goods',
	offer: 'free shipping on orders over $50',
	goal: 'sales',
	landingUrl: 'https://juniper-oak.example/shop',
	bannedWords: ['cheap', 'guaranteed'],
	variantsPerPersona: 3,
};

const SAMPLE = samplePersonas();

const RUNS: { name: string; personas: Persona[]; brief: CampaignBrief }[] = [
	{ name: 'fixtures x fixture brief', personas: PERSONAS, brief: BRIEF },
	{ name: 'fixtures x quickstart brief', personas: PERSONAS, brief: QUICKSTART },
	{ name: 'sample personas x quickstart brief', personas: SAMPLE, brief: QUICKSTART },
	{ name: 'sample personas x fixture brief', personas: SAMPLE, brief: BRIEF },
	{ name: 'sample personas x quickstart brief, goal winBack', personas: SAMPLE, brief: { ...QUICKSTART, goal: 'winBack' } },
	{ name: 'sample personas x quickstart brief, goal awareness', personas: SAMPLE, brief: { ...QUICKSTART, goal: 'awareness', offer: undefined } },
];

const HEADLINE_FIELDS = ['headlines', 'headline', 'longHeadline', 'subject'];

/** Every text of an ad (lists item by item), URLs and the e-mail greeting/sign-off lines kept. */
function texts(v: AdVariant): { field: string; text: string }[] {
	const out: { field: string; text: string }[] = [];
	for (const [field, value] of Object.entries(v.fields as Record<string, string | string[]>)) {
		if (field.endsWith('Pins') || field === 'path1' || field === 'path2') continue;
		for (const t of Array.isArray(value) ? value : [value]) out.push({ field, text: t.replace(/\s*https?:\/\/\S+/g, '') });
	}
	return out;
}

function sentences(text: string): string[] {
	return text
		.split(/(?<=[.?!])\s+|\n+/)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

/** Words that never take "a"/"an" (mass nouns) in this copy's domain. */
const MASS = new Set(
	'help support advice information furniture luggage feedback loyalty money equipment clothing footwear value quality rewards reviews members goods'.split(
		' ',
	),
);
const SINGULAR_S = /(?:ss|us|is|ous|ness|ics)$/;

/** Problems of one ad; empty when it reads cleanly. */
function problems(v: AdVariant, sourceText: string): string[] {
	const out: string[] = [];
	const seenSentences = new Map<string, string>();
	for (const { field, text } of texts(v)) {
		const where = `${field}: "${text}"`;
		if (/ {2}/.test(text)) out.push(`double space in ${where}`);
		if (/ [.,;:!?]/.test(text)) out.push(`space before punctuation in ${where}`);
		const twice = /\b([A-Za-z']+)\s+\1\b/i.exec(text);
		if (twice) out.push(`"${twice[0]}" repeats a word in ${where}`);
		for (const [open, close] of [
			['(', ')'],
			['[', ']'],
			['{', '}'],
		]) {
			if (text.split(open).length !== text.split(close).length) out.push(`unbalanced ${open}${close} in ${where}`);
		}
		if ((text.match(/"/g) ?? []).length % 2 !== 0) out.push(`unbalanced quotes in ${where}`);
		for (const m of text.matchAll(/\b(a|an) ([A-Za-z'-]+)/gi)) {
			const next = m[2].toLowerCase();
			if (MASS.has(next) || (next.length > 3 && next.endsWith('s') && !SINGULAR_S.test(next))) {
				out.push(`"${m[0]}": article before a plural or mass noun in ${where}`);
			}
			const vowel = /^[aeiou]/.test(next) && !/^(?:uni|use|usu|eu|one|once)/.test(next);
			const silentH = /^(?:hour|honest|honou?r|heir)/.test(next);
			if (m[1].toLowerCase() === 'a' && (vowel || silentH)) out.push(`"${m[0]}": should be "an" in ${where}`);
			if (m[1].toLowerCase() === 'an' && !vowel && !silentH) out.push(`"${m[0]}": should be "a" in ${where}`);
		}
		for (const s of sentences(text)) {
			if (/^[a-z]/.test(s)) out.push(`sentence "${s}" starts lower-case in ${where}`);
			const core = s.toLowerCase().replace(/[.!?,;:]+$/, '');
			const first = seenSentences.get(core);
			if (first !== undefined && core.length > 0) out.push(`sentence "${s}" repeated (${first} and ${field})`);
			seenSentences.set(core, field);
		}
	}
	// headlines of one ad are distinct
	const heads = HEADLINE_FIELDS.flatMap((f) => {
		const value = (v.fields as Record<string, string | string[]>)[f];
		return value === undefined ? [] : Array.isArray(value) ? value : [value];
	});
	if (new Set(heads.map(matchForm)).size !== heads.length) out.push(`repeated headline in ${heads.join(' | ')}`);
	// never invent claims: numbers only from the brief or the persona, no superlatives
	const all = texts(v)
		.map((t) => t.text)
		.join(' ');
	for (const n of all.match(/\d+/g) ?? []) if (!sourceText.includes(n)) out.push(`number ${n} is not in the brief or persona`);
	const sup = /\b(?:best|#1|number one|guarantee[sd]?|cheapest|lowest|unbeatable|world-class|top-rated|leading|perfect)\b/i.exec(all);
	if (sup) out.push(`superlative "${sup[0]}"`);
	// e-mail: greeting, two or three short paragraphs, one call-to-action line, sign-off; the offer once
	if (v.channel === 'email') {
		const paras = String(v.fields.body).split('\n\n');
		const middle = paras.slice(1, -1);
		if (paras[0] !== 'Hi there,' || !/ team$/.test(paras[paras.length - 1])) out.push('email body lacks greeting or sign-off');
		if (middle.length < 3 || middle.length > 4) out.push(`email body has ${middle.length - 1} paragraphs plus a CTA line`);
		const cta = middle[middle.length - 1] ?? '';
		if (sentences(cta).length !== 1 || cta.length > 60) out.push(`email CTA line "${cta}" is not one short line`);
		for (const p of middle) if (sentences(p).length > 3) out.push(`email paragraph too long: "${p}"`);
	}
	return out;
}

describe.each(RUNS)('offline copy quality: $name', ({ personas, brief }) => {
	const result = generateAds(personas, { ...brief, channels: [...AD_CHANNELS] }, { seed: 5, now: NOW });

	it('writes every persona x channel, all valid', () => {
		for (const v of result.variants) expect(v.validation.ok).toBe(true);
		for (const p of personas) {
			for (const ch of AD_CHANNELS) {
				expect(result.variants.filter((v) => v.personaId === p.personaId && v.channel === ch).length).toBeGreaterThanOrEqual(2);
			}
		}
	});

	it('reads cleanly: grammar, capitals, no repeats, balanced punctuation, no invented claims', () => {
		const found: string[] = [];
		for (const v of result.variants) {
			const p = personas.find((x) => x.personaId === v.personaId) as Persona;
			const source = [brief.offer ?? '', brief.product, brief.brand, ...p.keyMessages, ...p.keywords].join(' ');
			for (const problem of problems(v, source)) found.push(`${v.personaId} ${v.channel} ${v.variantGroup}: ${problem}`);
		}
		expect(found).toEqual([]);
	});

	it('gives each variant of a persona x channel its own angle and mostly its own headlines', () => {
		const found: string[] = [];
		for (const p of personas) {
			for (const ch of AD_CHANNELS as readonly AdChannel[]) {
				const group = result.variants.filter((v) => v.personaId === p.personaId && v.channel === ch);
				const angles = group.map((v) => v.angle);
				if (new Set(angles).size !== angles.length) found.push(`${p.personaId} ${ch}: angles ${angles.join(', ')}`);
				const heads = group.map((v) =>
					HEADLINE_FIELDS.flatMap((f) => {
						const value = (v.fields as Record<string, string | string[]>)[f];
						return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(matchForm);
					}),
				);
				for (let i = 0; i < heads.length; i++) {
					for (let j = i + 1; j < heads.length; j++) {
						const shared = heads[i].filter((h) => heads[j].includes(h)).length;
						const n = Math.min(heads[i].length, heads[j].length);
						if (n > 0 && shared * 3 > n) found.push(`${p.personaId} ${ch}: variants ${i} and ${j} share ${shared} of ${n} headlines`);
					}
				}
			}
		}
		expect(found).toEqual([]);
	});
});
