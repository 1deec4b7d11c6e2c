import type { IDataObject } from 'n8n-workflow';

import type { Persona, Segment } from '../../lib/contracts';
import { Persona as PersonaSchema } from '../../lib/contracts';
import { generateSampleData } from '../../lib/sample';
import { personaResponder } from '../lib/persona/responder';
import { createEngine, readWorkflow, type WorkflowJson } from '../support/engine';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';

const engine = createEngine();
const UPSTREAM = ['When clicking ‘Execute workflow’', 'Sample Data', 'Journey Mapper', 'Customer Segmenter', 'Persona Builder'];

/** The quickstart up to the Persona Builder, with its parameters overridden. */
function workflow(persona: IDataObject = {}, withCredential = false): WorkflowJson {
	const wf = readWorkflow('templates/quickstart.json');
	wf.nodes = wf.nodes.filter((n) => UPSTREAM.includes(n.name));
	const node = wf.nodes.find((n) => n.name === 'Persona Builder')!;
	node.parameters = { ...node.parameters, ...persona };
	if (withCredential) node.credentials = { journeyAdsLlmApi: { id: '1', name: 'Local model' } };
	for (const name of Object.keys(wf.connections)) {
		if (!UPSTREAM.includes(name)) delete wf.connections[name];
		else wf.connections[name].main = wf.connections[name].main.map((targets) => (targets ?? []).filter((t) => UPSTREAM.includes(t.node)));
	}
	return wf;
}

function withoutTimestamps(p: Persona): unknown {
	return { ...p, provenance: { ...p.provenance, createdAt: undefined } };
}

describe('Persona Builder node, offline, on Sample Data through the engine', () => {
	let personas: Persona[];
	let segments: Segment[];
	let pairing: unknown[];

	beforeAll(async () => {
		const run = await engine.runWorkflow(workflow());
		expect(run.error).toBeUndefined();
		personas = run.outputs['Persona Builder'][0].map((i) => i.json as unknown as Persona);
		pairing = run.outputs['Persona Builder'][0].map((i) => i.pairedItem);
		segments = run.outputs['Customer Segmenter'][1].map((i) => i.json as unknown as Segment);
	});

	it('writes one valid persona per segment, paired with its segment item', () => {
		expect(personas).toHaveLength(segments.length);
		personas.forEach((p, i) => {
			PersonaSchema.parse(p);
			expect(p.segmentId).toBe(segments[i].segmentId);
			expect(pairing[i]).toEqual({ item: i });
		});
		expect(new Set(personas.map((p) => p.name)).size).toBe(personas.length);
	});

	it("backs each segment's strongest trait with evidence carrying the segment's own number", () => {
		personas.forEach((p, i) => {
			const top = segments[i].distinguishingFeatures[0];
			const evidence = p.evidence.filter((e) => e.feature === top.feature);
			expect(evidence.length).toBeGreaterThan(0);
			const numbers = evidence.map((e) => e.value).filter((v): v is number => typeof v === 'number');
			expect(numbers.some((v) => Math.abs(v - top.segmentMean) <= Math.max(0.01, Math.abs(top.segmentMean) * 0.01))).toBe(true);
		});
	});

	it('names the high-spending segment for its spend and the lapsed one for its inactivity', () => {
		const byFeature = (feature: string) =>
			segments.reduce((best, s) => ((s.profile[feature]?.mean ?? -Infinity) > (best.profile[feature]?.mean ?? -Infinity) ? s : best));
		const spender = personas.find((p) => p.segmentId === byFeature('monetary').segmentId)!;
		expect(spender.evidence.some((e) => e.feature === 'monetary')).toBe(true);
		const lapsed = personas.find((p) => p.segmentId === byFeature('recencyDays').segmentId)!;
		expect(lapsed.evidence.some((e) => e.feature === 'recencyDays' || e.feature === 'stage_churn-risk')).toBe(true);
	});

	it('is deterministic: the same data gives the same personas', async () => {
		const again = await engine.runWorkflow(workflow());
		const second = again.outputs['Persona Builder'][0].map((i) => i.json as unknown as Persona);
		expect(second.map(withoutTimestamps)).toEqual(personas.map(withoutTimestamps));
	});

	it('stops with a message naming item and field when an input is not a segment', async () => {
		const wf: WorkflowJson = {
			name: 'bad persona input',
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
				{ name: 'Persona Builder', type: 'n8n-nodes-journey-ads.personaBuilder', typeVersion: 1, position: [200, 0], parameters: { mode: 'offline', options: {} } },
			],
			connections: { Start: { main: [[{ node: 'Persona Builder', type: 'main', index: 0 }]] } },
		};
		const segment = segments[0] as unknown as IDataObject;
		const run = await engine.runWorkflow(wf, {
			startNode: 'Start',
			inputItems: [{ json: segment }, { json: { ...segment, size: 'many' } }],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/Item 1 .*"size"/);
	});
});

describe('Persona Builder node with a model, against a local OpenAI-compatible server', () => {
	let server: OpenAiServer;
	const truth = generateSampleData({ seed: 42, customers: 500 }).truth;

	beforeAll(async () => {
		server = await startOpenAiServer({ responder: personaResponder });
	});
	afterAll(async () => {
		await server.close();
	});

	const credentials = () => ({
		journeyAdsLlmApi: { baseUrl: server.baseUrl, apiKey: server.apiKey, defaultModel: 'gpt-4o-mini', azure: false, organization: '' },
	});

	it('enriches every persona through the credential, with 30% of calls failing and retried', async () => {
		server.reset();
		server.setFaults({ rate: 0.3, kinds: ['rate_limit', 'server_error', 'malformed', 'schema'], seed: 7, retryAfterSeconds: 0 });
		const run = await engine.runWorkflow(workflow({ mode: 'llm', model: '', options: { maxRetries: 6 } }, true), {
			credentials: credentials(),
		});
		server.setFaults(null);
		expect(run.error).toBeUndefined();
		const personas = run.outputs['Persona Builder'][0].map((i) => i.json as unknown as Persona & { llmError?: string });
		expect(personas.length).toBeGreaterThan(1);
		for (const p of personas) {
			PersonaSchema.parse(p);
			expect(p.llmError).toBeUndefined();
			expect(p.generator).toBe('llm:gpt-4o-mini');
			// the model's claim without evidence is dropped
			expect(p.motivations).not.toContain('Loves surprise parties');
		}
		expect(server.requests.some((r) => r.fault !== null)).toBe(true);
		for (const r of server.chatRequests) expect(r.headers.authorization).toBe(`Bearer ${server.apiKey}`);
	});

	it('sends no PII from the input and keeps the instructions fixed whatever the data says', async () => {
		server.reset();
		const run = await engine.runWorkflow(workflow({ mode: 'llm', options: {} }, true), { credentials: credentials() });
		expect(run.error).toBeUndefined();
		const bodies = server.chatRequests.map((r) => r.rawBody);
		expect(bodies.length).toBeGreaterThan(0);
		const pii = truth.piiValues.filter((v) => v.length >= 6);
		for (const body of bodies) {
			for (const value of pii) expect(body.includes(value)).toBe(false);
			expect(/ignore (all )?(previous|prior) instructions/i.test(body)).toBe(false);
		}
		const systems = new Set(server.chatRequests.map((r) => JSON.stringify((r.body.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'system').map((m) => m.content.replace(/[A-Za-z0-9_-]{16,}/g, '<boundary>')))));
		expect(systems.size).toBe(1);
	});
});
