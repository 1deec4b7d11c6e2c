import fc from 'fast-check';

import { generateAdsWithLlm } from '../../../lib/ads/llm';
import { buildAdPrompt, buildRepairMessage, zodFromAdJsonSchema } from '../../../lib/ads/llmPrompt';
import { validateAd } from '../../../lib/ads/validate';
import { AD_CHANNELS, AdVariant as AdVariantSchema } from '../../../lib/contracts/adVariant';
import type { AdChannel, AdVariant } from '../../../lib/contracts/adVariant';
import { LlmClient, LlmHttpError, type LlmClientOptions } from '../../../lib/llm';
import { Rng } from '../../../lib/util/rng';
import { createHttpTransport } from '../../support/http-transport';
import { startOpenAiServer, type OpenAiServer, type RecordedRequest } from '../../support/openai-server';
import { stableStringify } from '../../../lib/util/hash';
import { recordingSleep } from '../llm/helpers';
import { BRIEF, NOW, PERSONAS } from './fixtures';
import {
	adResponder,
	corrupt,
	isRepairRequest,
	randomPlan,
	repairItems,
	type AdResponder,
	type Corruption,
	type ResponderOptions,
} from './llmResponder';

const CHANNELS: AdChannel[] = ['google_search', 'meta_feed', 'x_post', 'email'];
const N = 3;
const UNITS = PERSONAS.length * CHANNELS.length;

let server: OpenAiServer;

beforeAll(async () => {
	server = await startOpenAiServer();
});
afterAll(async () => {
	await server.close();
});
beforeEach(() => {
	server.setFaults(null);
	server.setLatency(0);
	server.setRejectJsonSchema(false);
	server.reset();
});

function newClient(options: Partial<LlmClientOptions> = {}) {
	const sleep = recordingSleep();
	const client = new LlmClient({
		transport: createHttpTransport({ apiKey: server.apiKey }),
		sleep,
		baseUrl: server.baseUrl,
		model: 'gpt-4o-mini',
		jitterSeed: 5,
		concurrency: 4,
		...options,
	});
	return { client, sleep };
}

function useResponder(options: Partial<ResponderOptions> = {}): AdResponder {
	const responder = adResponder({ personas: PERSONAS, brief: BRIEF, channels: CHANNELS, variants: N, ...options });
	server.setResponder(responder);
	return responder;
}

const run = (client: LlmClient, channels: AdChannel[] = CHANNELS) =>
	generateAdsWithLlm(PERSONAS, BRIEF, client, { now: NOW, channels, variantsPerPersona: N });

function expectEmittedValid(variants: AdVariant[]) {
	for (const v of variants) {
		expect(v.validation.ok).toBe(true);
		const again = validateAd(v.channel, v.fields as Record<string, string | string[]>, BRIEF, { cta: v.cta });
		expect(again.issues).toEqual([]);
		expect(AdVariantSchema.safeParse(v).success).toBe(true);
	}
}

const unitKey = (v: { personaId: string; channel: string }) => `${v.personaId}|${v.channel}`;
const requestsOf = (responder: AdResponder, personaIndex: number, channel: AdChannel) =>
	server.chatRequests.filter((r) => {
		const u = responder.unitOf(r.body);
		return u.personaIndex === personaIndex && u.channel === channel;
	});

describe('answer schema', () => {
	it.each(AD_CHANNELS)('sends exactly the JSON schema buildAdPrompt describes (%s)', (channel) => {
		const { client } = newClient();
		const prompt = buildAdPrompt(PERSONAS[0], BRIEF, channel, N);
		const conversion = client.jsonSchemaFor(zodFromAdJsonSchema(prompt.jsonSchema.schema));
		expect(conversion.schema).toEqual(prompt.jsonSchema.schema);
		expect(conversion.strictCompatible).toBe(true);
	});

	it('names each failing variant and field in a repair message, and nothing else', () => {
		const text = buildRepairMessage([
			{ issues: [{ field: 'headline', rule: 'maxLength', message: 'Headline is 52 characters, limit 40' }], item: { fields: { headline: 'x' } } },
			{ issues: [{ field: '(ad)', rule: 'nearDuplicate', message: 'too similar to ad_123' }], item: { fields: { headline: 'y' } } },
		], ['benefit']);
		expect(text).toContain('Variant 1:\nFix only these fields');
		expect(text).toContain('- headline: Headline is 52 characters, limit 40');
		expect(text).toContain('different angle and wording (the others use the angles benefit)');
		expect(text).not.toContain('ad_123');
		expect(JSON.parse(text.slice(text.indexOf('{\n')))).toEqual({ variants: [{ fields: { headline: 'x' } }, { fields: { headline: 'y' } }] });
		expect(() => buildRepairMessage([])).toThrow(/at least one failing variant/);
	});
});

describe('generateAdsWithLlm', () => {
	it('makes one call per persona x channel when the answers are valid, and emits them in order', async () => {
		useResponder();
		const { client } = newClient();
		const result = await run(client);
		expect(server.chatRequests).toHaveLength(UNITS);
		expect(server.maxInFlight).toBeLessThanOrEqual(4);
		expect(result.rejected).toEqual([]);
		expect(result.llmErrors).toEqual([]);
		expect(result.variants).toHaveLength(UNITS * N);
		expect(result.stats).toMatchObject({ units: UNITS, calls: UNITS, repairCalls: 0, fallbacks: 0, invalidDropped: 0 });
		expect(result.stats.costUsd).toBeGreaterThan(0);
		expect(result.stats.promptTokens).toBe(client.stats.promptTokens);
		expect(result.stats.completionTokens).toBe(client.stats.completionTokens);
		expectEmittedValid(result.variants);
		const expectedOrder = PERSONAS.flatMap((p) => CHANNELS.flatMap((c) => ['A', 'B', 'C'].map((g) => `${p.personaId}|${c}|${g}`)));
		expect(result.variants.map((v) => `${unitKey(v)}|${v.variantGroup}`)).toEqual(expectedOrder);
		const hashes = new Map<string, Set<string>>();
		for (const v of result.variants) {
			expect(v.generator).toBe('gpt-4o-mini');
			expect(v.model).toBe('gpt-4o-mini');
			expect(v.createdAt).toBe(NOW);
			expect(v.promptHash).toMatch(/^[0-9a-f]{16,}$/);
			hashes.set(unitKey(v), (hashes.get(unitKey(v)) ?? new Set()).add(v.promptHash));
		}
		expect([...hashes.values()].every((s) => s.size === 1)).toBe(true);
		expect(new Set([...hashes.values()].map((s) => [...s][0])).size).toBe(UNITS);
		// The request is buildAdPrompt's prompt and schema.
		const first = server.chatRequests.find((r) => r.body.response_format.json_schema.name === 'ad_variants_google_search');
		const prompt = buildAdPrompt(PERSONAS[0], BRIEF, 'google_search', N);
		expect(first?.body.messages).toEqual([
			{ role: 'system', content: prompt.system },
			{ role: 'user', content: prompt.user },
		]);
		expect(first?.body.response_format.json_schema).toEqual({ name: prompt.jsonSchema.name, schema: prompt.jsonSchema.schema, strict: true });
	});

	it('keeps persona, channel and variant order whatever order the answers arrive in', async () => {
		useResponder();
		const ids: string[][] = [];
		for (const spread of [7, 23]) {
			server.reset();
			server.setFaults({ fn: (ctx) => ({ kind: 'slow', latencyMs: 1 + ((ctx.chatIndex * spread) % 40) }) });
			const { client } = newClient({ concurrency: 6 });
			const result = await run(client);
			ids.push(result.variants.map((v) => v.adId));
			expect(result.variants.map(unitKey)).toEqual(PERSONAS.flatMap((p) => CHANNELS.flatMap((c) => [0, 1, 2].map(() => `${p.personaId}|${c}`))));
		}
		expect(ids[0]).toEqual(ids[1]);
	});

	it('sends one targeted repair per affected unit with only the failing variants, and emits the repaired ones', async () => {
		const affected = (u: { personaIndex: number }) => u.personaIndex % 2 === 0;
		const plan: Array<Corruption | null> = [null, 'overLong', 'duplicate'];
		const responder = useResponder({ firstAnswer: (u) => (affected(u) ? plan : null) });
		const { client } = newClient();
		const result = await run(client);
		const affectedUnits = CHANNELS.length * PERSONAS.filter((_, i) => affected({ personaIndex: i })).length;
		expect(result.stats).toMatchObject({ units: UNITS, calls: UNITS + affectedUnits, repairCalls: affectedUnits, invalidDropped: 0, fallbacks: 0 });
		expect(server.chatRequests).toHaveLength(UNITS + affectedUnits);
		expect(result.rejected).toEqual([]);
		expect(result.variants).toHaveLength(UNITS * N);
		expectEmittedValid(result.variants);

		for (let pi = 0; pi < PERSONAS.length; pi++) {
			for (const channel of CHANNELS) {
				const requests = requestsOf(responder, pi, channel);
				const good = responder.good.get(`${pi}|${channel}`) ?? [];
				const emitted = result.variants.filter((v) => v.personaId === PERSONAS[pi].personaId && v.channel === channel);
				expect(emitted.map((v) => v.variantGroup)).toEqual(['A', 'B', 'C']);
				if (!affected({ personaIndex: pi })) {
					expect(requests).toHaveLength(1);
					continue;
				}
				expect(requests).toHaveLength(2);
				const repair = requests[1];
				expect(isRepairRequest(repair.body)).toBe(true);
				// Exactly the two failing variants, as the model wrote them; the passing one is not resent.
				const sent = repairItems(repair.body);
				expect(sent.map(stableStringify)).toEqual([
					stableStringify(corrupt(good[1], 'overLong', channel, good[0])),
					stableStringify(corrupt(good[2], 'duplicate', channel, good[0])),
				]);
				const repairPrompt = buildAdPrompt(PERSONAS[pi], BRIEF, channel, 2);
				expect(repair.body.messages[0].content).toBe(repairPrompt.system);
				expect(repair.body.messages[1].content).toBe(repairPrompt.user);
				expect(repair.body.response_format.json_schema.schema).toEqual(repairPrompt.jsonSchema.schema);
				const instructions = repair.body.messages[2].content as string;
				expect(instructions).toMatch(/Variant 1:\nFix only these fields[^]*limit/);
				expect(instructions).toMatch(/Variant 2:\nFix only these fields[^]*repeats another variant/);
				// The repaired answers are emitted (slots B and C), with the repair call's prompt hash.
				const fieldsOf = (v: AdVariant) => stableStringify(v.fields);
				if (channel !== 'x_post') {
					expect(emitted.map(fieldsOf)).toEqual(good.map((g) => stableStringify(Object.fromEntries(Object.entries(g.fields).filter(([, x]) => x !== '')))));
				}
				expect(emitted[1].promptHash).toBe(emitted[2].promptHash);
				expect(emitted[1].promptHash).not.toBe(emitted[0].promptHash);
			}
		}
	});

	it('does not resend passing variants: a single over-long headline is repaired alone', async () => {
		const responder = useResponder({ firstAnswer: (u) => (u.personaIndex === 1 && u.channel === 'meta_feed' ? [null, 'overLong', null] : null) });
		const { client } = newClient();
		const result = await run(client, ['meta_feed']);
		expect(result.stats).toMatchObject({ calls: PERSONAS.length + 1, repairCalls: 1, invalidDropped: 0 });
		const repairs = server.chatRequests.filter((r) => isRepairRequest(r.body));
		expect(repairs).toHaveLength(1);
		const good = responder.good.get('1|meta_feed') ?? [];
		expect(repairItems(repairs[0].body)).toHaveLength(1);
		const sentText = (repairs[0].body.messages as Array<{ content: string }>).map((m) => m.content).join('\n');
		for (const passing of [good[0], good[2]]) {
			expect(sentText).not.toContain(passing.fields.primaryText as string);
			expect(sentText).not.toContain(passing.fields.headline as string);
		}
		expect(sentText).toContain(good[1].fields.primaryText as string);
		expectEmittedValid(result.variants);
		expect(result.variants).toHaveLength(PERSONAS.length * N);
	});

	it('drops variants that are still invalid after the repair, counts them, and never emits them', async () => {
		const plan: Array<Corruption | null> = [null, 'overLong', 'duplicate'];
		const responder = useResponder({ firstAnswer: (u) => (u.personaIndex === 0 ? plan : null), repair: 'same' });
		const { client } = newClient();
		const result = await run(client);
		expect(result.stats).toMatchObject({ calls: UNITS + CHANNELS.length, repairCalls: CHANNELS.length, invalidDropped: 2 * CHANNELS.length });
		expect(result.variants).toHaveLength(UNITS * N - 2 * CHANNELS.length);
		expectEmittedValid(result.variants);
		const badKeys = new Set(responder.fixes.keys());
		for (const channel of CHANNELS) {
			const emitted = result.variants.filter((v) => v.personaId === PERSONAS[0].personaId && v.channel === channel);
			expect(emitted.map((v) => v.variantGroup)).toEqual(['A']);
			const reasons = result.rejected.filter((r) => r.personaId === PERSONAS[0].personaId && r.channel === channel).map((r) => r.reason);
			expect(reasons).toEqual([
				expect.stringMatching(/^variant 2: still invalid after repair: .*maxLength/),
				expect.stringMatching(/^variant 3: still invalid after repair: .*nearDuplicate/),
			]);
		}
		// The duplicate's text is the valid first variant's, so only over-long items must be absent.
		for (const v of result.variants) {
			const item = { angle: v.angle, fields: v.fields, cta: v.cta, imagePrompt: v.imagePrompt };
			if (v.variantGroup !== 'A') expect(badKeys.has(stableStringify(item))).toBe(false);
		}
	});

	it('retries 429 (honouring Retry-After), 500 and a malformed answer', async () => {
		useResponder();
		server.setFaults({ plan: [{ kind: 'rate_limit', retryAfter: '2' }, { kind: 'server_error' }, { kind: 'malformed' }] });
		const { client, sleep } = newClient();
		const result = await generateAdsWithLlm([PERSONAS[1]], BRIEF, client, { now: NOW, channels: ['meta_feed'], variantsPerPersona: N });
		expect(server.chatRequests.map((r) => r.fault)).toEqual(['rate_limit', 'server_error', 'malformed', null]);
		expect(sleep.waits[0]).toBe(2000);
		expect(sleep.waits).toHaveLength(2);
		expect(result.stats).toMatchObject({ units: 1, calls: 1, repairCalls: 0, fallbacks: 0, invalidDropped: 0 });
		expect(result.variants).toHaveLength(N);
		expectEmittedValid(result.variants);
		expect(result.variants.every((v) => v.generator === 'gpt-4o-mini')).toBe(true);
	});

	it('falls back to the offline generator per unit and records the error, or throws when told to', async () => {
		useResponder();
		server.setFaults({ rate: 1, kinds: ['schema'] });
		const { client } = newClient();
		const result = await run(client, ['meta_feed', 'email']);
		expect(result.stats).toMatchObject({ units: 8, calls: 8, fallbacks: 8, repairCalls: 0 });
		expect(result.llmErrors).toHaveLength(8);
		expect(result.llmErrors[0]).toMatchObject({ personaId: PERSONAS[0].personaId, channel: 'meta_feed', stage: 'generate' });
		expect(result.llmErrors[0].message).toMatch(/even after one repair/);
		expect(result.variants).toHaveLength(8 * N);
		expect(result.variants.every((v) => v.generator === 'offline' && v.model === null)).toBe(true);
		// each fallback variant carries its unit's error
		expect(result.variants.every((v) => typeof v.llmError === 'string' && /even after one repair/.test(v.llmError))).toBe(true);
		expectEmittedValid(result.variants);

		const { client: strict } = newClient();
		await expect(
			generateAdsWithLlm(PERSONAS, BRIEF, strict, { now: NOW, channels: ['meta_feed'], onLlmError: 'throw' }),
		).rejects.toThrow(/Ads for persona "p_premium" on meta_feed: the call failed: .*even after one repair/);
	});

	it('works through the JSON-mode fallback, repair included', async () => {
		server.setRejectJsonSchema(true);
		useResponder({ firstAnswer: (u) => (u.personaIndex === 3 ? [null, null, 'missingPhrase'] : null) });
		const { client } = newClient();
		const result = await run(client, ['email', 'meta_feed']);
		expect(client.structuredOutputMode).toBe('jsonObject');
		expect(result.llmErrors).toEqual([]);
		expect(result.stats).toMatchObject({ units: 8, calls: 10, repairCalls: 2, invalidDropped: 0, fallbacks: 0 });
		expect(result.variants).toHaveLength(8 * N);
		expectEmittedValid(result.variants);
	});

	it('throws when both the call and the offline fallback fail', async () => {
		useResponder();
		server.setFaults({ rate: 1, kinds: ['server_error'] });
		const { client } = newClient({ maxRetries: 0 });
		await expect(
			generateAdsWithLlm(PERSONAS.slice(0, 1), { ...BRIEF, language: 'de' }, client, { now: NOW, channels: ['email'] }),
		).rejects.toThrow(/on email: the call failed \(The LLM endpoint answered 500.*\) and the offline fallback failed too: The offline generator writes English only/);
		// the model's error stays the cause, so the node can report it as the remote failure it was
		const { client: again } = newClient({ maxRetries: 0 });
		const thrown = await generateAdsWithLlm(PERSONAS.slice(0, 1), { ...BRIEF, language: 'de' }, again, { now: NOW, channels: ['email'] }).catch((e: unknown) => e);
		expect((thrown as Error).cause).toBeInstanceOf(LlmHttpError);
		expect(((thrown as Error).cause as LlmHttpError).statusCode).toBe(500);
	});

	it('sends no persona name to the model', async () => {
		useResponder({ firstAnswer: () => [null, 'bannedWord', null] });
		const { client } = newClient();
		await run(client);
		expect(server.chatRequests.some((r) => isRepairRequest(r.body))).toBe(true);
		for (const r of server.chatRequests) {
			for (const p of PERSONAS) expect(r.rawBody).not.toContain(p.name);
			expect(r.rawBody).not.toMatch(/\b(Paula|Dana|Blake|Lee)\b/);
		}
	});

	it('rejects bad options before calling', async () => {
		const { client } = newClient();
		await expect(generateAdsWithLlm(PERSONAS, BRIEF, client, { variantsPerPersona: 0 })).rejects.toThrow(/variantsPerPersona must be an integer from 1 to 26/);
		await expect(generateAdsWithLlm(PERSONAS, BRIEF, client, { temperature: 3 })).rejects.toThrow(/temperature must be between 0 and 2/);
		await expect(generateAdsWithLlm(PERSONAS, BRIEF, client, { now: 'yesterday' })).rejects.toThrow(/"now" must be an ISO 8601 date/);
		await expect(generateAdsWithLlm([{ personaId: 'x' } as never], BRIEF, client)).rejects.toThrow(/Item 0 is not a valid Persona/);
		expect(server.chatRequests).toHaveLength(0);
	});
});

describe('generateAdsWithLlm with 20% faulty answers (property)', () => {
	it('emits only variants that pass validateAd again and the AdVariant contract', async () => {
		const seen: RecordedRequest[][] = [];
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
				server.reset();
				server.setFaults({
					rate: 0.2,
					seed,
					kinds: ['rate_limit', 'server_error', 'unavailable', 'malformed', 'schema'],
					retryAfterSeconds: 1,
				});
				let responder: AdResponder | null = null;
				responder = useResponder({
					firstAnswer: randomPlan(seed, 0.2, N),
					// Half the repairs come back still broken.
					repair: (item) =>
						new Rng(`${seed}|${stableStringify(item)}`).next() < 0.5 ? item : (responder?.fixes.get(stableStringify(item)) ?? item),
				});
				const { client } = newClient({ concurrency: 5 });
				const result = await run(client);
				seen.push(server.chatRequests.slice());
				expectEmittedValid(result.variants);
				expect(result.variants.length + result.stats.invalidDropped).toBe(UNITS * N);
				expect(result.stats.repairCalls).toBeLessThanOrEqual(result.stats.units);
				expect(result.variants.filter((v) => v.generator === 'offline')).toHaveLength(result.stats.fallbacks * N);
			}),
			{ numRuns: 6, seed: 4242 },
		);
		expect(seen.flat().filter((r) => r.fault !== null).length).toBeGreaterThan(5);
		expect(seen.flat().filter((r) => isRepairRequest(r.body)).length).toBeGreaterThan(0);
	});
});
