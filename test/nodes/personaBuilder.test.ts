import type { IDataObject } from 'n8n-workflow';

import type { Persona, Segment } from '../../lib/contracts';
import { Persona as PersonaSchema, RunSummary, checkContract } from '../../lib/contracts';
import { generateSampleData } from '../../lib/sample';
import type { SampleGroup } from '../../lib/sample/types';
import { expectModelPersonas, personaResponder } from '../lib/persona/responder';
import { createEngine, readWorkflow, type WorkflowJson } from '../support/engine';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';

const engine = createEngine();
const UPSTREAM = ['When clicking ‘Execute workflow’', 'Sample Data', 'Journey Mapper', 'Customer Segmenter', 'Persona Builder'];

/** The quickstart up to the Persona Builder, with its parameters (and the Journey Mapper's) overridden. */
function workflow(persona: IDataObject = {}, withCredential = false, mapper: IDataObject = {}): WorkflowJson {
	const wf = readWorkflow('templates/quickstart.json');
	wf.nodes = wf.nodes.filter((n) => UPSTREAM.includes(n.name));
	const node = wf.nodes.find((n) => n.name === 'Persona Builder')!;
	node.parameters = { ...node.parameters, ...persona };
	const journeyMapper = wf.nodes.find((n) => n.name === 'Journey Mapper')!;
	journeyMapper.parameters = { ...journeyMapper.parameters, ...mapper };
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

	it('emits one run summary on the "Run Summary" output: offline, so no calls, tokens or cost', async () => {
		const run = await engine.runWorkflow(workflow());
		const out = run.outputs['Persona Builder'][1];
		expect(out).toHaveLength(1);
		expect(checkContract(RunSummary, out[0].json, 0).ok).toBe(true);
		expect(out[0].json).toMatchObject({
			kind: 'runSummary',
			node: 'personaBuilder',
			mode: 'offline',
			model: null,
			units: personas.length,
			calls: 0,
			repairCalls: 0,
			promptTokens: 0,
			completionTokens: 0,
			costUsd: 0,
			fallbacks: 0,
			outputs: personas.length,
		});
		expect(out[0].pairedItem).toEqual(segments.map((_, item) => ({ item })));
	});

	it('blames the journey map item that is malformed, on the Journey Map input', async () => {
		// Start -> Persona Builder (segments) and Start -> Maps (a Set node writing, per item, a note
		// for item 0 and a broken journey map for item 1) -> Persona Builder (Journey Map input).
		const wf: WorkflowJson = {
			name: 'bad journey map',
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					name: 'Maps',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [0, 200],
					parameters: {
						mode: 'raw',
						jsonOutput: "={{ JSON.stringify($itemIndex === 0 ? { note: 'not a map' } : { kind: 'journeyMap', funnel: 'broken' }) }}",
						options: {},
					},
				},
				{ name: 'Persona Builder', type: 'n8n-nodes-journey-ads.personaBuilder', typeVersion: 1, position: [200, 0], parameters: { mode: 'offline', options: {} } },
			],
			connections: {
				Start: { main: [[{ node: 'Persona Builder', type: 'main', index: 0 }, { node: 'Maps', type: 'main', index: 0 }]] },
				Maps: { main: [[{ node: 'Persona Builder', type: 'main', index: 1 }]] },
			},
		};
		const run = await engine.runWorkflow(wf, {
			startNode: 'Start',
			inputItems: segments.slice(0, 2).map((s) => ({ json: s as unknown as IDataObject })),
		});
		expect(run.outputs.Maps[0].map((i) => i.json.kind ?? null)).toEqual([null, 'journeyMap']);
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Item 1 is not a valid journey map on the Journey Map input: field "/);
		expect((run.error?.context as IDataObject | undefined)?.itemIndex).toBe(1);
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

/** Each planted group's trait: the feature its persona must carry evidence for, and words for it. */
const PLANTED: Record<SampleGroup, { features: string[]; words: RegExp }> = {
	premium_loyalists: { features: ['monetary'], words: /spend|premium|value|quality/i },
	deal_seekers: { features: ['channel_email'], words: /email|offer|deal/i },
	browsers: { features: ['channel_paid_social', 'conversions'], words: /social|brows|scroll/i },
	lapsed: { features: ['recencyDays'], words: /inactive|quiet|lapsed|last active|come back/i },
};
const LIST_FIELDS = ['motivations', 'goals', 'painPoints', 'objections', 'keyMessages'] as const;

describe('Persona Builder node, offline: the Sample Data groups come out as personas a marketer can use', () => {
	const truth = generateSampleData({ seed: 42, customers: 500 }).truth;
	let personas: Persona[];
	/** Planted group -> the segment most of its customers landed in. */
	const dominant = new Map<SampleGroup, string>();

	beforeAll(async () => {
		// Journey ids stay `hubspot:<contact id>` so customers can be traced to their planted group.
		const run = await engine.runWorkflow(workflow({}, false, { pseudonymize: false }));
		expect(run.error).toBeUndefined();
		personas = run.outputs['Persona Builder'][0].map((i) => i.json as unknown as Persona);
		const customers = run.outputs['Customer Segmenter'][0].map((i) => i.json);
		const groupOf = new Map<string, SampleGroup>();
		for (const [group, t] of Object.entries(truth.groups) as Array<[SampleGroup, { customerIds: string[] }]>)
			for (const id of t.customerIds) groupOf.set(`hubspot:${id}`, group);
		const counts = new Map<SampleGroup, Map<string, number>>();
		for (const c of customers) {
			const group = groupOf.get(String(c.customerId));
			if (group === undefined) continue;
			const row = counts.get(group) ?? new Map<string, number>();
			row.set(String(c.segmentId), (row.get(String(c.segmentId)) ?? 0) + 1);
			counts.set(group, row);
		}
		for (const [group, row] of counts) dominant.set(group, [...row.entries()].sort((a, b) => b[1] - a[1])[0][0]);
	});

	it('finds a dominant segment with a persona for every planted group', () => {
		expect([...dominant.keys()].sort()).toEqual(Object.keys(truth.groups).sort());
		for (const segmentId of dominant.values()) expect(personas.some((p) => p.segmentId === segmentId)).toBe(true);
	});

	for (const group of Object.keys(PLANTED) as SampleGroup[]) {
		it(`shows the ${group} trait with its evidence and says it in words`, () => {
			const p = personas.find((x) => x.segmentId === dominant.get(group))!;
			const { features, words } = PLANTED[group];
			const evidence = p.evidence.filter((e) => features.includes(e.feature));
			expect(evidence.length).toBeGreaterThan(0);
			for (const e of evidence) expect(typeof e.value).toBe('number');
			const prose = [p.name, p.summary, ...p.motivations, ...p.painPoints].join(' ');
			expect(prose).toMatch(words);
		});
	}

	it('names deal seekers for email and browsers for social, not as generic regulars or researchers', () => {
		const byGroup = (g: SampleGroup) => personas.find((x) => x.segmentId === dominant.get(g))!;
		expect(byGroup('deal_seekers').name).toMatch(/email/i);
		expect(byGroup('browsers').name).toMatch(/social/i);
		expect(byGroup('lapsed').name).toMatch(/laps/i);
		expect(byGroup('premium_loyalists').name).toMatch(/premium|big-ticket/i);
	});

	it('fills every list with evidence-backed, readable items: no arrows, no raw feature names', () => {
		for (const p of personas) {
			for (const field of LIST_FIELDS) {
				expect(p[field].length).toBeGreaterThan(0);
				for (const item of p[field]) {
					expect(p.evidence.some((e) => e.claim === item)).toBe(true);
					expect(item).not.toMatch(/->|\bchannel_|\b[a-z]+_[a-z_]+\b|recencyDays|\(0\.\d+\)/);
				}
			}
			expect(p.keywords.length).toBeGreaterThan(0);
			expect(p.preferredChannels.length).toBeGreaterThan(0);
			expect(p.summary).toMatch(/\$\d/);
		}
	});

	it('keeps loyalty words for the segment whose numbers back them', () => {
		for (const [group, segmentId] of dominant) {
			const p = personas.find((x) => x.segmentId === segmentId)!;
			if (group === 'premium_loyalists') continue;
			expect(p.keywords).not.toContain('rewards');
			expect(p.keywords).not.toContain('members');
		}
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
		const personas = expectModelPersonas(run.outputs['Persona Builder'][0], 'llm:gpt-4o-mini');
		expect(server.requests.some((r) => r.fault !== null)).toBe(true);
		for (const r of server.chatRequests) expect(r.headers.authorization).toBe(`Bearer ${server.apiKey}`);
		const summary = run.outputs['Persona Builder'][1][0].json as unknown as RunSummary;
		expect(checkContract(RunSummary, summary, 0).ok).toBe(true);
		// one call per persona (retries and repairs are not new calls); the answers carried usage
		expect(summary).toMatchObject({ mode: 'llm', model: 'gpt-4o-mini', units: personas.length, calls: personas.length, fallbacks: 0, outputs: personas.length });
		// a retried repair re-sends the same body: count distinct repair requests
		const repairs = new Set(server.chatRequests.filter((r) => (r.body.messages as unknown[]).length > 2).map((r) => r.rawBody)).size;
		expect(summary.repairCalls).toBe(repairs);
		expect(summary.promptTokens).toBeGreaterThan(0);
		expect(summary.completionTokens).toBeGreaterThan(0);
	});

	it('counts every persona as a fallback in the run summary when the endpoint keeps failing', async () => {
		server.reset();
		server.setFaults({ fn: () => ({ kind: 'server_error' }) });
		const run = await engine.runWorkflow(workflow({ mode: 'llm', options: { maxRetries: 0 } }, true), { credentials: credentials() });
		server.setFaults(null);
		expect(run.error).toBeUndefined();
		const personas = run.outputs['Persona Builder'][0].map((i) => i.json as { llmError?: string });
		expect(personas.every((p) => /answered 500/.test(p.llmError ?? ''))).toBe(true);
		expect(run.outputs['Persona Builder'][1][0].json).toMatchObject({
			mode: 'llm',
			units: personas.length,
			calls: personas.length,
			repairCalls: 0,
			promptTokens: 0,
			completionTokens: 0,
			costUsd: 0,
			fallbacks: personas.length,
			outputs: personas.length,
		});
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
