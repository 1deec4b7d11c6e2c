import type { IDataObject, INodeType, NodeApiError } from 'n8n-workflow';

import type { AdChannel, AdVariant, Persona } from '../../lib/contracts';
import { Persona as PersonaSchema, RunSummary, tokenReporting } from '../../lib/contracts';
import { generateSampleData } from '../../lib/sample';
import { validateAd } from '../../lib/ads';
import { adResponder } from '../lib/ads/llmResponder';
import { expectModelPersonas, personaResponder } from '../lib/persona/responder';
import { CHAT_MODEL_TYPE, LocalChatModelNode, connectChatModel } from '../support/chat-model-node';
import { createEngine, loadPackage, readWorkflow, type WorkflowJson } from '../support/engine';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { MODEL_CASE } from '../lib/ads/fixtures';

/**
 * The Persona Builder and the Ad Generator write with whatever Chat Model sub-node is connected to
 * their Chat Model input. A test-only sub-node supplies a chat model object that talks to the local
 * OpenAI-compatible server, so each request the model makes is seen there.
 */
const loaded = loadPackage();
const engine = createEngine({
	nodeTypes: { ...loaded.nodeTypes, [CHAT_MODEL_TYPE]: new LocalChatModelNode() as unknown as INodeType },
	credentialTypes: loaded.credentialTypes,
});
const UPSTREAM = ['When clicking ‘Execute workflow’', 'Sample Data', 'Journey Mapper', 'Customer Segmenter', 'Persona Builder'];

function personaWorkflow(persona: IDataObject): WorkflowJson {
	const wf = readWorkflow('templates/quickstart.json');
	wf.nodes = wf.nodes.filter((n) => UPSTREAM.includes(n.name));
	const node = wf.nodes.find((n) => n.name === 'Persona Builder')!;
	node.parameters = { ...node.parameters, ...persona };
	for (const name of Object.keys(wf.connections)) {
		if (!UPSTREAM.includes(name)) delete wf.connections[name];
		else wf.connections[name].main = wf.connections[name].main.map((targets) => (targets ?? []).filter((t) => UPSTREAM.includes(t.node)));
	}
	return wf;
}

describe('Persona Builder with a connected Chat Model sub-node', () => {
	let server: OpenAiServer;
	const truth = generateSampleData({ seed: 42, customers: 500 }).truth;
	beforeAll(async () => {
		server = await startOpenAiServer({ responder: personaResponder });
	});
	afterEach(() => {
		server.setFaults(null);
	});
	afterAll(async () => {
		await server.close();
	});
	const model = (extra: IDataObject = {}) => ({ baseUrl: server.baseUrl, apiKey: server.apiKey, ...extra });

	it('writes every persona with the connected model (structured output), no Journey Ads credential needed', async () => {
		server.reset();
		const wf = connectChatModel(personaWorkflow({ mode: 'llm', options: {} }), 'Persona Builder', model());
		const run = await engine.runWorkflow(wf);
		expect(run.error).toBeUndefined();
		// same evidence rule as on the credential path
		const personas = expectModelPersonas(run.outputs['Persona Builder'][0], 'llm:local-chat-model');
		expect(server.chatRequests).toHaveLength(personas.length);
		for (const r of server.chatRequests) {
			expect(r.body.model).toBe('local-chat-model');
			expect(r.body.response_format?.type).toBe('json_schema');
		}
		const summary = RunSummary.parse(run.outputs['Persona Builder'][1][0].json);
		expect(summary).toMatchObject({ mode: 'llm', model: 'local-chat-model', calls: personas.length, fallbacks: 0 });
		expect(summary.promptTokens).toBeGreaterThan(0);
		expect(summary.completionTokens).toBeGreaterThan(0);
	});

	it('falls back to JSON in the prompt when the model has no structured output, and repairs broken answers', async () => {
		server.reset();
		// the first answer is not JSON, the second breaks the schema (both repaired by the node), the
		// third is a 500 (retried by the model, whose own Max Retries is 1)
		server.setFaults({ plan: [{ kind: 'malformed' }, { kind: 'schema' }, { kind: 'server_error' }] });
		const wf = connectChatModel(personaWorkflow({ mode: 'llm', options: { maxRetries: 6 } }), 'Persona Builder', model({ structured: false, maxRetries: 1 }));
		const run = await engine.runWorkflow(wf);
		server.setFaults(null);
		expect(run.error).toBeUndefined();
		const personas = run.outputs['Persona Builder'][0].map((i) => i.json as unknown as Persona & { llmError?: string });
		for (const p of personas) {
			PersonaSchema.parse(p);
			expect(p.llmError).toBeUndefined();
			expect(p.generator).toBe('llm:local-chat-model');
		}
		expect(server.requests.slice(0, 3).map((r) => r.fault)).toEqual(['malformed', 'schema', 'server_error']);
		for (const r of server.chatRequests) {
			expect(r.body.response_format).toBeUndefined();
			const messages = r.body.messages as Array<{ role: string; content: string }>;
			expect(messages.some((m) => m.role === 'system' && /JSON Schema/.test(m.content))).toBe(true);
		}
		// one request per persona, one repair each for the two broken answers, one retry by the model
		expect(server.chatRequests).toHaveLength(personas.length + 2 + 1);
		const summary = RunSummary.parse(run.outputs['Persona Builder'][1][0].json);
		expect(summary.repairCalls).toBe(2);
	});

	it.each([
		{ modelRetries: 0, perPersona: 1 },
		{ modelRetries: 2, perPersona: 3 },
	])("leaves retries to the model's own setting: with Max Retries $modelRetries on the sub-node and 3 on the node, $perPersona request(s) per persona on a 429", async ({ modelRetries, perPersona }) => {
		server.reset();
		server.setFaults({ fn: () => ({ kind: 'rate_limit' }) });
		const run = await engine.runWorkflow(connectChatModel(personaWorkflow({ mode: 'llm', options: { maxRetries: 3 } }), 'Persona Builder', model({ maxRetries: modelRetries })));
		server.setFaults(null);
		expect(run.error).toBeUndefined();
		const personas = run.outputs['Persona Builder'][0].map((i) => i.json as { llmError?: string });
		expect(personas).toHaveLength(4);
		expect(personas.every((p) => /answered 429/.test(p.llmError ?? ''))).toBe(true);
		// not (3 + 1) x (modelRetries + 1) per persona: the node's Max Retries is for its credential
		expect(server.chatRequests).toHaveLength(personas.length * perPersona);
	});

	it('sends no PII from the input to the connected model', async () => {
		server.reset();
		const run = await engine.runWorkflow(connectChatModel(personaWorkflow({ mode: 'llm', options: {} }), 'Persona Builder', model()));
		expect(run.error).toBeUndefined();
		const pii = truth.piiValues.filter((v) => v.length >= 6);
		expect(server.chatRequests.length).toBeGreaterThan(0);
		for (const r of server.chatRequests) for (const value of pii) expect(r.rawBody.includes(value)).toBe(false);
	});

	it('says the tokens are unknown, not 0, when the model reports no usage', async () => {
		server.reset();
		const run = await engine.runWorkflow(connectChatModel(personaWorkflow({ mode: 'llm', options: {} }), 'Persona Builder', model({ reportUsage: false })));
		expect(run.error).toBeUndefined();
		const summary = RunSummary.parse(run.outputs['Persona Builder'][1][0].json);
		expect(summary.calls).toBeGreaterThan(0);
		expect(summary).toMatchObject({ promptTokens: null, completionTokens: null, answersWithoutUsage: summary.calls, costUsd: 0 });
		expect(tokenReporting(summary)).toBe('unknown');
	});

	it.each([
		{ when: 'every answer reports usage', usageEvery: 1, without: 0, reporting: 'reported' },
		{ when: 'only every second answer reports usage', usageEvery: 2, without: 2, reporting: 'partial' },
	])('gives the reported numbers, and says what is missing, when $when', async ({ usageEvery, without, reporting }) => {
		server.reset();
		const run = await engine.runWorkflow(connectChatModel(personaWorkflow({ mode: 'llm', options: {} }), 'Persona Builder', model({ usageEvery })));
		expect(run.error).toBeUndefined();
		const summary = RunSummary.parse(run.outputs['Persona Builder'][1][0].json);
		expect(summary.calls).toBe(4);
		expect(summary.promptTokens).toBeGreaterThan(0);
		expect(summary.completionTokens).toBeGreaterThan(0);
		expect(summary.answersWithoutUsage).toBe(without);
		expect(tokenReporting(summary)).toBe(reporting);
	});

	it("marks each persona with llmError when the model keeps failing, or stops with a NodeApiError", async () => {
		server.reset();
		server.setFaults({ fn: () => ({ kind: 'server_error' }) });
		const fallback = await engine.runWorkflow(connectChatModel(personaWorkflow({ mode: 'llm', options: { maxRetries: 0 } }), 'Persona Builder', model()));
		expect(fallback.error).toBeUndefined();
		const personas = fallback.outputs['Persona Builder'][0].map((i) => i.json as { llmError?: string });
		expect(personas.length).toBeGreaterThan(0);
		expect(personas.every((p) => /answered 500/.test(p.llmError ?? ''))).toBe(true);

		const stop = await engine.runWorkflow(connectChatModel(personaWorkflow({ mode: 'llm', options: { maxRetries: 0, onLlmError: 'throw' } }), 'Persona Builder', model()));
		server.setFaults(null);
		expect(stop.status).toBe('error');
		const error = stop.error as unknown as Pick<NodeApiError, 'name' | 'httpCode'>;
		expect(error.name).toBe('NodeApiError');
		expect(String(error.httpCode)).toBe('500');
	});

	it('uses the Journey Ads LLM credential as before when no Chat Model is connected', async () => {
		server.reset();
		const wf = personaWorkflow({ mode: 'llm', model: '', options: {} });
		wf.nodes.find((n) => n.name === 'Persona Builder')!.credentials = { journeyAdsLlmApi: { id: '1', name: 'Local model' } };
		const run = await engine.runWorkflow(wf, {
			credentials: { journeyAdsLlmApi: { baseUrl: server.baseUrl, apiKey: server.apiKey, defaultModel: 'gpt-4o-mini', azure: false, organization: '' } },
		});
		expect(run.error).toBeUndefined();
		const personas = run.outputs['Persona Builder'][0].map((i) => i.json as unknown as Persona);
		expect(personas.every((p) => p.generator === 'llm:gpt-4o-mini')).toBe(true);
		expect(server.chatRequests.every((r) => r.body.model === 'gpt-4o-mini')).toBe(true);
	});
});

describe('Ad Generator with a connected Chat Model sub-node', () => {
	let server: OpenAiServer;
	const { channels, personas, brief } = MODEL_CASE;
	beforeAll(async () => {
		server = await startOpenAiServer();
	});
	afterAll(async () => {
		await server.close();
	});

	const run = async (options: IDataObject, chatModel: { maxRetries?: number } = {}) => {
		const wf: WorkflowJson = {
			name: 'ad generator with a chat model',
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
				{ name: 'Ad Generator', type: 'n8n-nodes-journey-ads.adGenerator', typeVersion: 1, position: [200, 0], parameters: { ...brief, mode: 'llm', options } },
			],
			connections: { Start: { main: [[{ node: 'Ad Generator', type: 'main', index: 0 }]] } },
		};
		connectChatModel(wf, 'Ad Generator', { baseUrl: server.baseUrl, apiKey: server.apiKey, ...chatModel });
		return await engine.runWorkflow(wf, { startNode: 'Start', inputItems: personas.map((p) => ({ json: p as unknown as IDataObject })) });
	};

	it('writes the ads with the connected model and repairs an over-long answer with one targeted call', async () => {
		server.reset();
		server.setResponder(adResponder({ personas, brief, channels, variants: 3, firstAnswer: () => ['overLong', null, null], repair: 'fix' }));
		const result = await run({ maxRetries: 2 });
		expect(result.error).toBeUndefined();
		const out = result.outputs['Ad Generator'][0].map((i) => i.json as unknown as AdVariant);
		expect(result.outputs['Ad Generator'][1]).toEqual([]);
		expect(out).toHaveLength(personas.length * channels.length * 3);
		for (const v of out) {
			expect(v.validation.ok).toBe(true);
			expect(validateAd(v.channel as AdChannel, v.fields, {}, { cta: v.cta }).ok).toBe(true);
			expect(v.generator).toContain('local-chat-model');
		}
		expect(server.chatRequests).toHaveLength(personas.length * channels.length * 2);
		expect(server.chatRequests.every((r) => r.body.model === 'local-chat-model')).toBe(true);
		const summary = RunSummary.parse(result.outputs['Ad Generator'][2][0].json);
		expect(summary).toMatchObject({ mode: 'llm', calls: 2 * personas.length * channels.length, repairCalls: personas.length * channels.length, fallbacks: 0 });
		expect(summary.model).toContain('local-chat-model');
	});

	it("keeps the offline ads marked with llmError when the model keeps failing, after the model's own retries only", async () => {
		server.reset();
		server.setFaults({ fn: () => ({ kind: 'server_error' }) });
		const result = await run({ maxRetries: 3 }, { maxRetries: 1 });
		server.setFaults(null);
		expect(result.error).toBeUndefined();
		const out = result.outputs['Ad Generator'][0].map((i) => i.json as { llmError?: string });
		expect(out.length).toBeGreaterThan(0);
		expect(out.every((v) => /answered 500/.test(v.llmError ?? ''))).toBe(true);
		// each persona x channel is asked once by the node and retried once by the model
		expect(server.chatRequests).toHaveLength(personas.length * channels.length * 2);
	});
});
