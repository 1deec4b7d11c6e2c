import type { IDataObject } from 'n8n-workflow';

import { validateAd } from '../../lib/ads/validate';
import type { AdChannel, AdVariant } from '../../lib/contracts';
import { AdVariant as AdVariantSchema, AD_CHANNELS, RunSummary } from '../../lib/contracts';
import { MODEL_CASE, PERSONAS } from '../lib/ads/fixtures';
import { adResponder } from '../lib/ads/llmResponder';
import { createEngine, readWorkflow, type Item, type WorkflowJson } from '../support/engine';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';

const engine = createEngine();

const BRIEF: IDataObject = {
	brand: 'Juniper & Oak',
	product: 'handmade home goods',
	goal: 'sales',
	landingUrl: 'https://juniper-oak.example/shop?ref=nav',
	channels: [...AD_CHANNELS],
	variantsPerPersona: 3,
	options: { offer: 'free shipping on orders over $50', bannedWords: 'cheap, guaranteed', requiredPhrases: 'Juniper & Oak', seed: 3 },
};

/** Start (No Op) -> Ad Generator, fed with persona items. */
function direct(parameters: IDataObject, settings: IDataObject = {}): WorkflowJson {
	return {
		name: 'ad generator test',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{ name: 'Ad Generator', type: 'n8n-nodes-journey-ads.adGenerator', typeVersion: 1, position: [200, 0], parameters: { mode: 'offline', ...parameters }, ...settings },
		],
		connections: { Start: { main: [[{ node: 'Ad Generator', type: 'main', index: 0 }]] } },
	};
}

async function generate(personas: unknown[], parameters: IDataObject = BRIEF, settings: IDataObject = {}, credentials?: Record<string, IDataObject>) {
	return await engine.runWorkflow(direct(parameters, settings), {
		startNode: 'Start',
		inputItems: personas.map((p) => ({ json: p as IDataObject })),
		credentials,
	});
}

const variantsOf = (items: Item[]) => items.map((i) => i.json as unknown as AdVariant);

describe('Ad Generator node, offline, through the engine', () => {
	let items: Item[];
	let variants: AdVariant[];

	beforeAll(async () => {
		const run = await generate(PERSONAS);
		expect(run.error).toBeUndefined();
		items = run.outputs['Ad Generator'][0];
		variants = variantsOf(items);
	});

	it('writes the requested variants for every persona and channel, each a valid ad variant', () => {
		expect(variants).toHaveLength(PERSONAS.length * AD_CHANNELS.length * 3);
		for (const v of variants) AdVariantSchema.parse(v);
	});

	it("passes each platform's format rules, checked again independently of the generator", () => {
		for (const v of variants) {
			expect(v.validation.ok).toBe(true);
			const again = validateAd(v.channel as AdChannel, v.fields, { bannedWords: ['cheap', 'guaranteed'], requiredPhrases: ['Juniper & Oak'] }, { cta: v.cta });
			expect({ adId: v.adId, issues: again.issues }).toEqual({ adId: v.adId, issues: [] });
		}
	});

	it('never uses a banned word and always includes the required phrase', () => {
		for (const v of variants) {
			const text = JSON.stringify(v.fields).toLowerCase();
			expect(text).not.toMatch(/\bcheap\b|\bguaranteed\b/);
			expect(text).toContain('juniper & oak');
		}
	});

	it('makes the variants of a persona and channel differ, each from its own angle', () => {
		const groups = new Map<string, AdVariant[]>();
		for (const v of variants) groups.set(`${v.personaId}|${v.channel}`, [...(groups.get(`${v.personaId}|${v.channel}`) ?? []), v]);
		for (const list of groups.values()) {
			expect(new Set(list.map((v) => JSON.stringify(v.fields))).size).toBe(list.length);
			expect(new Set(list.map((v) => v.variantGroup)).size).toBe(list.length);
		}
	});

	it('tags each final URL with UTM parameters whose content is the ad id, keeping existing parameters', () => {
		for (const v of variants) {
			const url = new URL(v.finalUrl);
			expect(url.searchParams.get('ref')).toBe('nav');
			expect(url.searchParams.get('utm_content')).toBe(v.adId);
			expect(url.searchParams.get('utm_source')).toBeTruthy();
			expect(url.searchParams.get('utm_medium')).toBeTruthy();
			expect(url.searchParams.get('utm_campaign')).toBeTruthy();
		}
	});

	it('pairs each variant with the persona it was written for', () => {
		items.forEach((item) => {
			const v = item.json as unknown as AdVariant;
			const index = PERSONAS.findIndex((p) => p.personaId === v.personaId);
			expect(item.pairedItem).toEqual({ item: index });
		});
	});

	it('writes one run summary on its third output: offline, so no calls, tokens, cost or fallbacks', async () => {
		const run = await generate(PERSONAS);
		const summaries = run.outputs['Ad Generator'][2];
		expect(summaries).toHaveLength(1);
		const summary = RunSummary.parse(summaries[0].json);
		expect(summary).toMatchObject({
			kind: 'runSummary',
			node: 'adGenerator',
			mode: 'offline',
			model: null,
			units: PERSONAS.length * AD_CHANNELS.length,
			calls: 0,
			repairCalls: 0,
			promptTokens: 0,
			completionTokens: 0,
			costUsd: 0,
			fallbacks: 0,
			outputs: variants.length,
		});
		expect(summaries[0].pairedItem).toEqual(PERSONAS.map((_, item) => ({ item })));
	});

	it('is deterministic for a seed (apart from the creation time)', async () => {
		const again = variantsOf((await generate(PERSONAS)).outputs['Ad Generator'][0]);
		const strip = (v: AdVariant) => ({ ...v, createdAt: '' });
		expect(again.map(strip)).toEqual(variants.map(strip));
	});

	it('stops naming the item and field when an input is not a persona', async () => {
		const bad = { ...PERSONAS[1], keywords: 'not a list' };
		const run = await generate([PERSONAS[0], bad]);
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/Item 1 .*"keywords"/);
	});

	it('stops naming the brief field when the landing page is not a URL, or continues with an error item', async () => {
		const run = await generate([PERSONAS[0]], { ...BRIEF, landingUrl: 'shop page' });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/landingUrl/);
		const tolerant = await generate([PERSONAS[0]], { ...BRIEF, landingUrl: 'shop page' }, { onError: 'continueRegularOutput' });
		expect(tolerant.status).toBe('success');
		expect(String(tolerant.outputs['Ad Generator'][0][0].json.error)).toMatch(/landingUrl/);
	});
});

describe('Ad Generator node with a model, against a local OpenAI-compatible server', () => {
	let server: OpenAiServer;
	const { channels, personas, brief } = MODEL_CASE;

	beforeAll(async () => {
		server = await startOpenAiServer();
	});
	afterAll(async () => {
		await server.close();
	});

	/** The Ad Generator in model mode, with the local server as its credential. */
	const withModel = async (options: IDataObject) =>
		await generate(
			personas,
			{ ...brief, mode: 'llm', model: 'gpt-4o-mini', options },
			{ credentials: { journeyAdsLlmApi: { id: '1', name: 'Local model' } } },
			{ journeyAdsLlmApi: { baseUrl: server.baseUrl, apiKey: server.apiKey, defaultModel: 'gpt-4o-mini', azure: false } },
		);

	it('repairs an over-long answer with one targeted call and never emits an invalid ad as valid', async () => {
		server.reset();
		const responder = adResponder({ personas, brief, channels, variants: 3, firstAnswer: () => ['overLong', null, null], repair: 'fix' });
		server.setResponder(responder);
		const run = await withModel({ maxRetries: 2 });
		expect(run.error).toBeUndefined();
		const out = variantsOf(run.outputs['Ad Generator'][0]);
		expect(run.outputs['Ad Generator'][1]).toEqual([]);
		expect(out).toHaveLength(personas.length * channels.length * 3);
		for (const v of out) {
			expect(v.validation.ok).toBe(true);
			expect(validateAd(v.channel as AdChannel, v.fields, {}, { cta: v.cta }).ok).toBe(true);
			expect(v.generator).toContain('gpt-4o-mini');
		}
		// one first call and one repair call per persona x channel
		expect(server.chatRequests).toHaveLength(personas.length * channels.length * 2);
	});

	it("counts the model's calls, repair calls and tokens in the run summary", async () => {
		server.reset();
		server.setResponder(adResponder({ personas, brief, channels, variants: 3, firstAnswer: () => ['overLong', null, null], repair: 'fix' }));
		const run = await withModel({});
		expect(run.error).toBeUndefined();
		const summary = RunSummary.parse(run.outputs['Ad Generator'][2][0].json);
		const units = personas.length * channels.length;
		expect(summary).toMatchObject({ node: 'adGenerator', mode: 'llm', units, calls: 2 * units, repairCalls: units, fallbacks: 0, outputs: units * 3 });
		expect(summary.model).toContain('gpt-4o-mini');
		expect(summary.promptTokens).toBeGreaterThan(0);
		expect(summary.completionTokens).toBeGreaterThan(0);
	});

	it('falls back to offline copy when the model fails, marking each such variant with the error and counting it', async () => {
		server.reset();
		server.setResponder(adResponder({ personas, brief, channels, variants: 3 }));
		server.setFaults({ rate: 1, kinds: ['server_error'] });
		try {
			const run = await withModel({ maxRetries: 0 });
			expect(run.error).toBeUndefined();
			const out = variantsOf(run.outputs['Ad Generator'][0]);
			const units = personas.length * channels.length;
			expect(out).toHaveLength(units * 3);
			for (const v of out) {
				expect(v.generator).toBe('offline');
				expect(v.llmError).toMatch(/500/);
				expect(v.validation.ok).toBe(true);
			}
			const summary = RunSummary.parse(run.outputs['Ad Generator'][2][0].json);
			expect(summary).toMatchObject({ mode: 'llm', units, calls: units, repairCalls: 0, fallbacks: units, outputs: units * 3 });
		} finally {
			server.setFaults(null);
		}
	});

	it('drops what still fails after the repair and lists it as rejected', async () => {
		server.reset();
		server.setResponder(adResponder({ personas, brief, channels, variants: 3, firstAnswer: () => ['overLong', null, null], repair: 'same' }));
		const run = await withModel({});
		expect(run.error).toBeUndefined();
		const out = variantsOf(run.outputs['Ad Generator'][0]);
		expect(out).toHaveLength(personas.length * channels.length * 2);
		expect(out.every((v) => v.validation.ok)).toBe(true);
		expect(run.outputs['Ad Generator'][1]).toHaveLength(personas.length * channels.length);
	});
});

describe('the quickstart template', () => {
	it('runs from the manual trigger to ad variants with no credentials', async () => {
		const run = await engine.runWorkflow(readWorkflow('templates/quickstart.json'));
		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.outputs['Ad Generator'][0].length).toBeGreaterThan(0);
		expect(run.nodeOrder).toEqual(expect.arrayContaining(['Sample Data', 'Journey Mapper', 'Customer Segmenter', 'Persona Builder', 'Ad Generator']));
	});
});
