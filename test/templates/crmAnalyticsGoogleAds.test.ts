/**
 * templates/crm-analytics-google-ads.json, executed as a user would import it: HubSpot contacts and
 * a GA4 report (pinned, in the shapes n8n's HubSpot and Google Analytics nodes return) -> journeys,
 * segments, personas -> search ads written by a model (the local OpenAI-compatible server) -> Bias
 * Auditor -> Slack send-and-wait (pinned: one ad declined) -> Ad Deployer to the local Google Ads
 * server, in a dry run.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DeploymentResult } from '../../lib/contracts';
import type { Persona } from '../../lib/contracts/persona';
import { adResponder } from '../lib/ads/llmResponder';
import { readWorkflow, type WorkflowJson } from '../support/engine';
import { runWorkflowInChildProcess, type ChildRunResult } from '../support/engine-process';
import { createGoogleAdsServer, googleAdsCredential, type GoogleAdsServer } from '../support/google-ads-server';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';

const FILE = 'templates/crm-analytics-google-ads.json';

const SOURCES = ['PAID_SEARCH', 'ORGANIC_SEARCH', 'EMAIL_MARKETING', 'SOCIAL_MEDIA', 'DIRECT_TRAFFIC'];
const STAGES = ['lead', 'marketingqualifiedlead', 'opportunity', 'customer'];
const PLANS = ['starter', 'plus', 'pro'];
const REGIONS = ['north', 'south', 'west'];
const EVENTS = ['session_start', 'page_view', 'view_item', 'add_to_cart', 'begin_checkout', 'purchase'];
const TRAFFIC: Array<[string, string]> = [['google', 'cpc'], ['google', 'organic'], ['newsletter', 'email'], ['instagram', 'social'], ['(direct)', '(none)']];

/** What HubSpot's node (v2, Contact → Get Many) returns: the contacts API records, properties as { value }. */
function hubspotContacts(): IDataObject[] {
	return Array.from({ length: 60 }, (_, i) => {
		const vid = 7001 + i;
		const created = Date.UTC(2026, 8, 1 + (i % 28), 9 + (i % 8), (i * 7) % 60);
		return {
			vid,
			'canonical-vid': vid,
			'merged-vids': [],
			'portal-id': 4821937,
			'is-contact': true,
			properties: {
				email: { value: `customer${vid}@mail.example` },
				firstname: { value: `First${vid}` },
				lastname: { value: `Last${vid}` },
				createdate: { value: String(created) },
				lastmodifieddate: { value: String(created + 86_400_000) },
				hs_analytics_source: { value: SOURCES[i % SOURCES.length] },
				lifecyclestage: { value: STAGES[(i * 3) % STAGES.length] },
				hs_marketable_status: { value: i % 10 === 9 ? 'false' : 'true' },
				region: { value: REGIONS[i % REGIONS.length] },
				plan: { value: PLANS[(i >> 1) % PLANS.length] },
			},
			'form-submissions': [],
			'list-memberships': [],
			'identity-profiles': [{ vid, identities: [{ type: 'EMAIL', value: `customer${vid}@mail.example`, timestamp: created }] }],
		};
	});
}

/** What Google Analytics' node (v2, Report → Get, GA4, simplified) returns: dimension and metric values as strings. */
function ga4Rows(): IDataObject[] {
	const rows: IDataObject[] = [];
	for (let i = 0; i < 60; i++) {
		const [source, medium] = TRAFFIC[i % TRAFFIC.length];
		const depth = 1 + ((i * 5) % EVENTS.length);
		for (let e = 0; e < depth; e++) {
			const minute = Date.UTC(2026, 9, 1 + (i % 27), 10 + (i % 9), e * 3);
			const d = new Date(minute).toISOString();
			rows.push({
				'customUser:crm_id': String(7001 + i),
				eventName: EVENTS[e],
				dateHourMinute: d.slice(0, 4) + d.slice(5, 7) + d.slice(8, 10) + d.slice(11, 13) + d.slice(14, 16),
				sessionSource: source,
				sessionMedium: medium,
				campaignName: medium === 'cpc' ? 'autumn_search' : '(not set)',
				eventCount: String(1 + (e % 2)),
			});
		}
	}
	return rows;
}

const BRIEF = {
	brand: 'Juniper & Oak',
	product: 'handmade home goods',
	goal: 'sales' as const,
	landingUrl: 'https://juniper-oak.example/shop',
	channels: ['google_search' as const],
	variantsPerPersona: 1,
	offer: 'free shipping on orders over $50',
	bannedWords: ['cheap', 'guaranteed'],
};

/** The template with HubSpot and GA4 pinned, and the Slack approvals when given. */
function template(approvals?: boolean[]): WorkflowJson {
	const wf = readWorkflow(FILE);
	const pinData: IDataObject = { HubSpot: hubspotContacts().map((json) => ({ json })), 'Google Analytics': ga4Rows().map((json) => ({ json })) };
	if (approvals) pinData['Ask for approval in Slack'] = approvals.map((approved) => ({ json: { data: { approved } } }));
	return { ...wf, pinData };
}

/** The same workflow cut after the given nodes (their outgoing connections removed). */
function cutAfter(wf: WorkflowJson, last: string[]): WorkflowJson {
	const connections = { ...wf.connections };
	for (const name of last) delete connections[name];
	return { ...wf, connections };
}

const results = (run: ChildRunResult) => run.outputs['Ad Deployer'][0].map((i) => i.json as unknown as DeploymentResult);

describe('the CRM + analytics to Google Ads template', () => {
	let model: OpenAiServer;
	let google: GoogleAdsServer;
	let credentials: Record<string, IDataObject>;
	let approvedAds: IDataObject[];
	let approvals: boolean[];
	let run: ChildRunResult;

	beforeAll(async () => {
		model = await startOpenAiServer();
		google = createGoogleAdsServer();
		const googleUrl = await google.start();
		credentials = {
			journeyAdsLlmApi: { baseUrl: model.baseUrl, apiKey: model.apiKey, defaultModel: 'gpt-4o-mini', azure: false, organization: '' },
			journeyAdsGoogleAdsOAuth2Api: googleAdsCredential(googleUrl),
		};
		// The personas the pipeline builds (offline, seeded) tell the stand-in model what to answer.
		const upToPersonas = await runWorkflowInChildProcess(cutAfter(template(), ['Persona Builder']), { credentials });
		expect(upToPersonas.error).toBeUndefined();
		const personas = upToPersonas.outputs['Persona Builder'][0].map((i) => i.json as unknown as Persona);
		model.setResponder(adResponder({ personas, brief: BRIEF, channels: ['google_search'], variants: 1 }));

		// Which ads reach the approval step decides how many answers Slack gives back.
		const upToAudit = await runWorkflowInChildProcess(cutAfter(template(), ['Bias Auditor']), { credentials });
		expect(upToAudit.error).toBeUndefined();
		approvedAds = upToAudit.outputs['Bias Auditor'][0].map((i) => i.json);
		approvals = approvedAds.map((_, i) => i !== 1);
		model.reset();

		run = await runWorkflowInChildProcess(template(approvals), { credentials });
	});
	afterAll(async () => {
		await model.close();
		await google.stop();
	});

	it('imports as shipped: n8n nodes by type with placeholder credentials, dry run and paused', () => {
		const wf = readWorkflow(FILE);
		const types = wf.nodes.map((n) => `${n.type}@${n.typeVersion}`);
		expect(types).toEqual(expect.arrayContaining(['n8n-nodes-base.hubspot@2.2', 'n8n-nodes-base.googleAnalytics@2', 'n8n-nodes-base.slack@2.3', 'n8n-nodes-base.merge@3.2']));
		const slack = wf.nodes.find((n) => n.type === 'n8n-nodes-base.slack');
		expect(slack?.parameters.operation).toBe('sendAndWait');
		const deployer = wf.nodes.find((n) => n.name === 'Ad Deployer');
		expect(deployer?.parameters).toMatchObject({ platform: 'googleAds', dryRun: true, createStatus: 'paused', requireApproval: true, approved: '={{ $json.data.approved }}' });
		for (const n of wf.nodes) for (const c of Object.values(n.credentials ?? {})) expect(c.id).toBe('REPLACE_ME');
		expect(wf.pinData).toEqual({});
	});

	it('runs to the end; the Mapper reads the HubSpot contacts and the GA4 events', () => {
		expect(run.error).toBeUndefined();
		expect(run.finished).toBe(true);
		expect(run.outputs['Merge'][0]).toHaveLength(hubspotContacts().length + ga4Rows().length);
		// HubSpot ids and GA4's user id are the same customer: one journey per consenting contact,
		// the contacts without marketing consent (every tenth) rejected together with their events.
		const contacts = hubspotContacts();
		const withheld = contacts.filter((c) => (c.properties as IDataObject & { hs_marketable_status: { value: string } }).hs_marketable_status.value === 'false');
		expect(withheld.length).toBeGreaterThan(0);
		expect(run.outputs['Journey Mapper'][0]).toHaveLength(contacts.length - withheld.length);
		const rejected = run.outputs['Journey Mapper'][2].map((i) => i.json);
		expect(rejected.length).toBeGreaterThan(withheld.length);
		expect(rejected.every((r) => r.reason === 'consent withheld')).toBe(true);
		expect(run.outputs['Customer Segmenter'][1].length).toBeGreaterThan(1);
	});

	it("asks the model for every persona's search ads", () => {
		const personas = run.outputs['Persona Builder'][0];
		const summary = run.outputs['Ad Generator'][2][0].json;
		expect(summary).toMatchObject({ node: 'adGenerator', mode: 'llm', units: personas.length, fallbacks: 0, outputs: personas.length });
		expect(model.chatRequests).toHaveLength(Number(summary.calls));
		expect(model.chatRequests.length).toBeGreaterThanOrEqual(personas.length);
		expect(model.chatRequests.every((r) => r.headers.authorization === `Bearer ${model.apiKey}`)).toBe(true);
		const ads = run.outputs['Ad Generator'][0].map((i) => i.json);
		expect(ads).toHaveLength(personas.length);
		expect(ads.every((a) => a.channel === 'google_search')).toBe(true);
		expect(approvedAds.length).toBeGreaterThanOrEqual(2);
	});

	it('sends only the approved ads to Google Ads, as validate-only requests, and skips the declined one with its reason', () => {
		const out = results(run);
		expect(out).toHaveLength(approvedAds.length);
		expect(out.map((r) => r.adId)).toEqual(approvedAds.map((a) => a.adId));
		out.forEach((r, i) => {
			if (approvals[i]) expect({ status: r.status, dryRun: r.dryRun }).toEqual({ status: 'validated', dryRun: true });
			else expect({ status: r.status, reason: r.reason }).toEqual({ status: 'skipped', reason: 'notApproved' });
		});
		const mutates = google.requests.filter((r) => r.url.endsWith(':mutate'));
		expect(mutates).toHaveLength(approvals.filter(Boolean).length);
		expect(mutates.every((m) => m.body?.validateOnly === true)).toBe(true);
		// Each ad's final URL carries its id (utm_content): the declined ad's id is in no request.
		const sent = mutates.map((m) => JSON.stringify(m.body));
		approvedAds.forEach((ad, i) => {
			const carrying = sent.filter((body) => body.includes(`utm_content=${String(ad.adId)}`));
			expect(carrying).toHaveLength(approvals[i] ? 1 : 0);
		});
		// The persona's keywords, read through the pairing, go with each validated ad group.
		expect(sent.every((body) => body.includes('adGroupCriterionOperation'))).toBe(true);
	});

	it('creates nothing and enables nothing', () => {
		const state = google.customer('1234567890');
		expect([...state.campaigns, ...state.adGroups, ...state.adGroupAds]).toEqual([]);
		// Keywords are ENABLED inside their ad group, as Google expects; what serves stays paused.
		type Op = Record<string, { create?: { status?: string } }>;
		const ops = google.requests.filter((r) => r.url.endsWith(':mutate')).flatMap((r) => (r.body as { mutateOperations: Op[] }).mutateOperations);
		const serving = ops.flatMap((op) => ['campaignOperation', 'adGroupOperation', 'adGroupAdOperation'].filter((k) => op[k]).map((k) => op[k].create?.status));
		expect(serving.length).toBe(3 * approvals.filter(Boolean).length);
		expect(serving.every((status) => status === 'PAUSED')).toBe(true);
	});
});
