import fc from 'fast-check';

import { AD_GOALS } from '../../../lib/ads/brief';
import { getFormat } from '../../../lib/ads/registry';
import { validateAd } from '../../../lib/ads/validate';
import { renderAdPreview } from '../../../lib/ads/preview';
import { jaccard, matchForm, tokenSet } from '../../../lib/ads/text';
import { generateAds } from '../../../lib/ads/generate';
import { withUtm } from '../../../lib/ads/ids';
import { acceptLlmVariants } from '../../../lib/ads/llmAccept';
import { buildAdPrompt, repairInstructions } from '../../../lib/ads/llmPrompt';
import { adText } from '../../../lib/ads/similarity';
import { AD_CHANNELS, AdVariant as AdVariantSchema } from '../../../lib/contracts/adVariant';
import type { AdChannel, AdVariant } from '../../../lib/contracts/adVariant';
import type { Persona } from '../../../lib/contracts/persona';
import { BRIEF, NOW, PERSONAS, dealSeeker, premiumLoyalist } from './fixtures';

const allText = (v: AdVariant) => adText(v.fields as Record<string, string | string[]>);

describe('generateAds (offline)', () => {
	const result = generateAds(PERSONAS, BRIEF, { seed: 7, now: NOW });

	it('writes every persona x channel x variant, all valid against the contract and the format', () => {
		expect(result.rejected).toEqual([]);
		expect(result.variants).toHaveLength(PERSONAS.length * AD_CHANNELS.length * 3);
		for (const v of result.variants) {
			expect(AdVariantSchema.safeParse(v).success).toBe(true);
			expect(v.validation.ok).toBe(true);
			const again = validateAd(v.channel, v.fields as Record<string, string | string[]>, BRIEF, { cta: v.cta });
			expect(again.issues).toEqual([]);
			expect(v.generator).toBe('offline');
			expect(v.model).toBeNull();
			expect(v.createdAt).toBe(NOW);
			expect(v.format).toBe(getFormat(v.channel).format);
		}
	});

	it.each(AD_GOALS)('every variant passes validation for goal %s', (goal) => {
		const r = generateAds(PERSONAS, { ...BRIEF, goal }, { seed: 11, now: NOW });
		expect(r.rejected).toEqual([]);
		for (const v of r.variants) expect(v.validation.ok).toBe(true);
	});

	it('keeps banned words out and required phrases in', () => {
		for (const v of result.variants) {
			const form = matchForm(allText(v));
			expect(form.includes(' cheap ')).toBe(false);
			expect(form.includes(' guaranteed ')).toBe(false);
			expect(form.includes(' free returns ')).toBe(true);
		}
	});

	it('uses the persona keywords (minus banned ones)', () => {
		for (const v of result.variants) {
			expect(v.scores?.keywordRelevance ?? 0).toBeGreaterThan(0);
		}
		// "cheap trainers" holds a banned word: never used, even as part of a phrase
		const deal = result.variants.filter((v) => v.personaId === dealSeeker.personaId);
		for (const v of deal) expect(allText(v).toLowerCase()).not.toContain('trainers');
	});

	it('writes no numbers that are not in the brief or persona', () => {
		const sources = [BRIEF.offer, BRIEF.product, ...PERSONAS.flatMap((p) => p.keyMessages)].join(' ');
		for (const v of result.variants) {
			const text = allText(v).replace(/https?:\/\/\S+/g, '');
			for (const m of text.match(/\d+/g) ?? []) expect(sources).toContain(m);
			expect(text).not.toMatch(/\b(best|#1|guarantee)/i);
		}
	});

	it('gives siblings different angles, A/B/C groups and distinct copy', () => {
		for (const p of PERSONAS) {
			for (const ch of AD_CHANNELS) {
				const group = result.variants.filter((v) => v.personaId === p.personaId && v.channel === ch);
				expect(group.map((v) => v.variantGroup)).toEqual(['A', 'B', 'C']);
				expect(new Set(group.map((v) => v.adId)).size).toBe(3);
				const texts = group.map((v) => tokenSet(allText(v)));
				for (let i = 0; i < texts.length; i++) {
					for (let j = i + 1; j < texts.length; j++) expect(jaccard(texts[i], texts[j])).toBeLessThan(0.8);
				}
				for (const v of group) expect(v.scores?.diversity ?? 0).toBeGreaterThan(0.2);
			}
		}
	});

	it('is deterministic with the seed and varies with it', () => {
		const again = generateAds(PERSONAS, BRIEF, { seed: 7, now: NOW });
		expect(again).toEqual(result);
		const other = generateAds(PERSONAS, BRIEF, { seed: 8, now: NOW });
		expect(other.variants.map((v) => v.adId)).toEqual(result.variants.map((v) => v.adId));
		expect(other.variants.map(allText)).not.toEqual(result.variants.map(allText));
	});

	it('does not mutate its inputs', () => {
		const frozen = JSON.parse(JSON.stringify(PERSONAS)) as Persona[];
		const brief = JSON.parse(JSON.stringify(BRIEF));
		generateAds(frozen, brief, { seed: 1, now: NOW });
		expect(frozen).toEqual(PERSONAS);
		expect(brief).toEqual(BRIEF);
	});

	it('tags final URLs with UTM parameters, keeps existing ones and the fragment', () => {
		for (const v of result.variants) {
			const f = getFormat(v.channel);
			expect(v.finalUrl.startsWith('https://shop.example.com/trailhead?ref=nav&')).toBe(true);
			expect(v.finalUrl.endsWith('#top')).toBe(true);
			expect(v.finalUrl).toContain(`utm_source=${f.utmSource}`);
			expect(v.finalUrl).toContain(`utm_medium=${f.utmMedium}`);
			expect(v.finalUrl).toContain('utm_campaign=northwind-trailhead-2-sales');
			expect(v.finalUrl).toContain(`utm_content=${v.adId}`);
		}
		expect(withUtm('https://a.example/x?utm_source=old&b=1', { source: 's', medium: 'm', campaign: 'c', content: 'id' })).toBe(
			'https://a.example/x?b=1&utm_source=s&utm_medium=m&utm_campaign=c&utm_content=id',
		);
	});

	it('keeps names out of creative briefs and image prompts', () => {
		for (const v of result.variants) {
			const persona = PERSONAS.find((p) => p.personaId === v.personaId) as Persona;
			// "Premium Paula": "Premium" is also a keyword; the personal name part must never appear
			const nameParts = persona.name
				.split(' ')
				.filter((part) => !persona.keywords.some((k) => k.toLowerCase().includes(part.toLowerCase())));
			for (const part of nameParts) {
				expect(v.imagePrompt).not.toContain(part);
				expect(v.creativeBrief).not.toContain(part);
				expect(allText(v)).not.toContain(part);
			}
			if (v.channel !== 'google_search' && v.channel !== 'microsoft_search') {
				expect(v.imagePrompt).toMatch(/no identifiable faces/);
			}
		}
	});

	it('drops or regenerates near duplicates', () => {
		const thin: Persona = {
			...premiumLoyalist,
			personaId: 'p_thin',
			motivations: [],
			painPoints: [],
			objections: [],
			keyMessages: [],
			evidence: [],
			keywords: ['boots'],
		};
		const r = generateAds([thin], { ...BRIEF, offer: undefined, requiredPhrases: [] }, {
			seed: 3,
			now: NOW,
			channels: ['meta_feed', 'x_post'],
			variantsPerPersona: 12,
		});
		const groups = new Map<AdChannel, Set<string>[]>();
		for (const v of r.variants) {
			const list = groups.get(v.channel) ?? [];
			list.push(tokenSet(allText(v)));
			groups.set(v.channel, list);
		}
		for (const list of groups.values()) {
			for (let i = 0; i < list.length; i++) {
				for (let j = i + 1; j < list.length; j++) expect(jaccard(list[i], list[j])).toBeLessThan(0.8);
			}
		}
		expect(r.variants.length + r.rejected.length).toBe(24);
		expect(r.rejected.length).toBeGreaterThan(0);
		expect(r.rejected[0].reason).toMatch(/duplicate/);
	});

	it('refuses non-English briefs offline and invalid briefs with the field named', () => {
		expect(() => generateAds(PERSONAS, { ...BRIEF, language: 'de' })).toThrow(/English only/);
		expect(() => generateAds(PERSONAS, { ...BRIEF, landingUrl: 'not a url' })).toThrow(/landingUrl/);
		expect(() => generateAds([{ ...premiumLoyalist, personaId: '' }], BRIEF)).toThrow(/personaId/);
	});

	it('learns title or sentence case from existing ads', () => {
		const sentence = generateAds([premiumLoyalist], { ...BRIEF, existingAds: ['Boots made for long walks', 'Find your next pair today', 'Shop leather boots online now'] }, { now: NOW, channels: ['google_search'] });
		const heads = sentence.variants.flatMap((v) => v.fields.headlines as string[]);
		const titled = heads.filter((h) => h.split(' ').length >= 3 && h.split(' ').slice(1).every((w) => /^[A-Z0-9]/.test(w)));
		expect(titled.length).toBeLessThan(heads.length / 3);
	});

	it('renders escaped HTML previews for every channel', () => {
		for (const v of result.variants.slice(0, 21)) {
			const html = renderAdPreview(v);
			expect(html).toMatch(/^<div style="/);
			expect(html).not.toMatch(/<script|<img|src=/);
		}
		const search = result.variants.find((v) => v.channel === 'google_search') as AdVariant;
		const html = renderAdPreview({ ...search, fields: { ...search.fields, headlines: ['<b>x</b>', 'a', 'b'] } });
		expect(html).toContain('Sponsored');
		expect(html).toContain('&lt;b&gt;x&lt;/b&gt; | a | b');
		expect(html).toContain('shop.example.com');
	});
});

describe('LLM mode pieces', () => {
	it('builds a prompt with the limits spelled out and a strict JSON schema', () => {
		const p = buildAdPrompt(premiumLoyalist, BRIEF, 'google_search', 3);
		expect(p.system).toContain('at most 30 characters');
		expect(p.system).toContain('"cheap"');
		expect(p.system).toContain('"Free returns"');
		expect(p.user).not.toContain('Paula');
		expect(p.jsonSchema.strict).toBe(true);
		expect(JSON.stringify(p.jsonSchema.schema)).toContain('"headlines"');
	});

	it('lists only failing fields in repair instructions', () => {
		const text = repairInstructions([
			{ field: 'headlines[2]', rule: 'maxLength', message: 'Headline is 34 characters, limit 30' },
			{ field: '(ad)', rule: 'requiredPhrase', message: 'no field contains the required phrase "Free returns"' },
		]);
		expect(text).toContain('headlines[2]');
		expect(text).not.toContain('descriptions');
		expect(repairInstructions([])).toBe('');
	});

	it('accepts valid model output and reports invalid output', () => {
		const raw = JSON.stringify({
			variants: [
				{
					angle: 'benefit',
					fields: { primaryText: 'Hand-finished leather boots. Free returns.', headline: 'Leather boots by Northwind', description: '' },
					cta: 'SHOP_NOW',
					imagePrompt: 'Boots on a wooden floor, warm light',
				},
				{
					angle: 'urgency',
					fields: { primaryText: 'The best boots, 50% off! Free returns.', headline: 'Cheap boots', description: '' },
					cta: 'SHOP_NOW',
					imagePrompt: '',
				},
			],
		});
		const r = acceptLlmVariants('```json\n' + raw + '\n```', premiumLoyalist, BRIEF, 'meta_feed', { model: 'test-model', now: NOW });
		expect(r.variants).toHaveLength(1);
		expect(r.variants[0].validation.ok).toBe(true);
		expect(r.variants[0].generator).toBe('test-model');
		const rules = r.failed[0].issues.map((i) => i.rule);
		expect(rules).toEqual(expect.arrayContaining(['bannedWord', 'unbackedNumber', 'unverifiableClaim']));
		expect(acceptLlmVariants('not json', premiumLoyalist, BRIEF, 'meta_feed', { model: 'm' }).failed[0].issues[0].rule).toBe('json');
	});

	it('never marks an invalid ad valid (property)', () => {
		const str = fc.string({ unit: 'grapheme', maxLength: 140 });
		const field = fc.oneof(str, fc.array(str, { maxLength: 17 }), fc.integer(), fc.constant(null));
		fc.assert(
			fc.property(
				fc.constantFrom(...AD_CHANNELS),
				fc.array(
					fc.record({
						angle: fc.oneof(fc.constantFrom('benefit', 'pain'), str),
						fields: fc.dictionary(
							fc.constantFrom('headlines', 'descriptions', 'path1', 'path2', 'longHeadline', 'businessName', 'primaryText', 'headline', 'description', 'introText', 'text', 'subject', 'preheader', 'body'),
							field,
						),
						cta: fc.oneof(fc.constantFrom('SHOP_NOW', 'LEARN_MORE', 'Shop Now', 'Shop now', ''), str),
						imagePrompt: str,
					}),
					{ maxLength: 4 },
				),
				(channel, items) => {
					const r = acceptLlmVariants({ variants: items }, premiumLoyalist, { ...BRIEF, requiredPhrases: [] }, channel, { model: 'm', now: NOW });
					expect(r.variants.length + r.failed.length).toBe(items.length);
					const format = getFormat(channel);
					for (const v of r.variants) {
						const fields = v.fields as Record<string, string | string[]>;
						expect(v.validation.ok).toBe(true);
						expect(validateAd(channel, fields, BRIEF, { cta: v.cta }).ok).toBe(true);
						// independent oracle: no text longer (in code points) than its hard limit
						for (const rule of format.fields) {
							const value = fields[rule.name];
							const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
							if (rule.required) expect(values.length).toBeGreaterThan(0);
							for (const t of values) {
								const plain = t.replace(/\{keyword:([^{}]*)\}/gi, '$1').replace(/https?:\/\/\S+/g, 'x');
								expect([...plain].length).toBeLessThanOrEqual(rule.maxLength);
							}
						}
					}
				},
			),
			{ numRuns: 300, seed: 42 },
		);
	});
});
