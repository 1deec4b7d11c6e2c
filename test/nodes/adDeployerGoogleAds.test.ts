import type { IDataObject } from 'n8n-workflow';

import type { AdVariant, DeploymentResult, PerformanceRow } from '../../lib/contracts';
import { DeploymentResult as DeploymentResultSchema, PerformanceRow as PerformanceRowSchema } from '../../lib/contracts';
import { createEngine, readWorkflow, type RunResult, type WorkflowJson } from '../support/engine';
import { createGoogleAdsServer, googleAdsCredentials, type GoogleAdsServer } from '../support/google-ads-server';

const engine = createEngine();
const CUSTOMER = '1234567890';

/** The quickstart up to the Ad Generator (search and Meta ads, two variants), then the Ad Deployer. */
function pipeline(deployer: IDataObject): WorkflowJson {
	const quickstart = readWorkflow('templates/quickstart.json');
	const nodes = quickstart.nodes.filter((n) => n.type !== 'n8n-nodes-journey-ads.adDeployer');
	const generator = nodes.find((n) => n.name === 'Ad Generator');
	if (!generator) throw new Error('quickstart has no Ad Generator');
	generator.parameters = { ...generator.parameters, channels: ['google_search', 'meta_feed'], variantsPerPersona: 2 };
	nodes.push(deployerNode(deployer));
	return {
		...quickstart,
		nodes,
		connections: { ...quickstart.connections, 'Ad Generator': { main: [[{ node: 'Ad Deployer', type: 'main', index: 0 }], []] } },
	};
}

function deployerNode(parameters: IDataObject) {
	return {
		name: 'Ad Deployer',
		type: 'n8n-nodes-journey-ads.adDeployer',
		typeVersion: 1,
		position: [1320, 300] as [number, number],
		parameters: { resource: 'campaign', operation: 'deploy', platform: 'googleAds', customerId: { __rl: true, mode: 'id', value: '123-456-7890' }, ...parameters },
		credentials: { journeyAdsGoogleAdsOAuth2Api: { id: '1', name: 'Google Ads' } },
	};
}

/** The Ad Deployer alone, fed the given items. */
function alone(parameters: IDataObject): WorkflowJson {
	return { name: 'deployer alone', nodes: [deployerNode(parameters)], connections: {} };
}

const credentials = (baseUrl: string, accessToken?: string) => googleAdsCredentials(baseUrl, accessToken) as Record<string, IDataObject>;

const LIVE = {
	dryRun: false,
	approved: "={{ $json.variantGroup === 'A' }}",
	keywords: "={{ $('Persona Builder').item.json.keywords.join(', ') }}",
	options: { maxRetryWaitMs: 50 },
};

const results = (run: RunResult) => run.outputs['Ad Deployer'][0].map((i) => i.json as unknown as DeploymentResult);

describe('Ad Deployer, Campaign → Deploy on Google Ads, after the Ad Generator', () => {
	let server: GoogleAdsServer;
	let baseUrl: string;
	let run: RunResult;
	let ads: AdVariant[];
	let sampleStrings: string[];

	beforeAll(async () => {
		server = createGoogleAdsServer();
		baseUrl = await server.start();
		run = await engine.runWorkflow(pipeline(LIVE), { credentials: credentials(baseUrl) });
		expect(run.error).toBeUndefined();
		ads = run.outputs['Ad Generator'][0].map((i) => i.json as unknown as AdVariant);
		// every e-mail address and person name in the raw sample data, to look for in the requests
		const raw = JSON.stringify(run.outputs['Sample Data'][0].map((i) => i.json));
		sampleStrings = [...new Set([...(raw.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? []), ...[...raw.matchAll(/"(?:first_?name|last_?name|firstname|lastname)":"([^"]+)"/gi)].map((m) => m[1])])];
	});
	afterAll(async () => server.stop());

	it('reports one result per ad on the DeploymentResult contract, paired with its input', () => {
		const out = results(run);
		expect(out).toHaveLength(ads.length);
		for (const r of out) DeploymentResultSchema.parse(r);
		expect(out.map((r) => r.adId)).toEqual(ads.map((a) => a.adId));
		run.outputs['Ad Deployer'][0].forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
	});

	it('creates the approved search ads, skips unapproved ones and ads of other channels', () => {
		results(run).forEach((r, i) => {
			const ad = ads[i];
			if (ad.variantGroup !== 'A') expect({ status: r.status, reason: r.reason }).toEqual({ status: 'skipped', reason: 'notApproved' });
			else if (ad.channel !== 'google_search') expect({ status: r.status, reason: r.reason }).toEqual({ status: 'skipped', reason: 'channel' });
			else {
				expect(r.status).toBe('created');
				expect(r.remoteIds.adGroupAd).toMatch(/^customers\/1234567890\/adGroupAds\/\d+~\d+$/);
			}
		});
	});

	it('creates one campaign and ad group per segment, one ad per approved variant, the persona\'s keywords, all paused', () => {
		const state = server.customer(CUSTOMER);
		const created = ads.filter((a) => a.variantGroup === 'A' && a.channel === 'google_search');
		const segments = new Set(created.map((a) => a.segmentId));
		expect(state.campaigns).toHaveLength(segments.size);
		expect(state.budgets).toHaveLength(segments.size);
		expect(state.adGroups).toHaveLength(segments.size);
		expect(state.adGroupAds).toHaveLength(created.length);
		expect(state.criteria.length).toBeGreaterThan(0);
		expect([...state.campaigns, ...state.adGroups, ...state.adGroupAds].every((o) => o.status === 'PAUSED')).toBe(true);
		expect(state.campaigns.every((c) => c.containsEuPoliticalAdvertising === 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING')).toBe(true);
		expect(state.campaigns.map((c) => c.name).sort()).toEqual([...segments].map((s) => `JA | ${s} | google_search`).sort());
		expect(server.duplicates(CUSTOMER)).toEqual([]);
	});

	it('sends no personal data from the customer records in any request', () => {
		expect(sampleStrings.length).toBeGreaterThan(10);
		const sent = JSON.stringify(server.requests.map((r) => r.body ?? null)).toLowerCase();
		const leaked = sampleStrings.filter((s) => s.length > 2 && sent.includes(`"${s.toLowerCase()}`));
		expect(leaked).toEqual([]);
	});

	it('signs every request with the OAuth2 token, and sends no developer token when none is set', () => {
		expect(server.requests.length).toBeGreaterThan(0);
		for (const r of server.requests) {
			expect(r.headers.authorization).toBe('Bearer test-access-token');
			expect(r.headers['developer-token']).toBeUndefined();
		}
	});

	it('a rerun of the workflow creates nothing new and reports the same remote ids', async () => {
		const mutatesBefore = server.requests.filter((r) => r.url.endsWith(':mutate')).length;
		const again = await engine.runWorkflow(pipeline(LIVE), { credentials: credentials(baseUrl) });
		expect(again.error).toBeUndefined();
		expect(server.requests.filter((r) => r.url.endsWith(':mutate')).length).toBe(mutatesBefore);
		expect(results(again).map((r) => r.remoteIds)).toEqual(results(run).map((r) => r.remoteIds));
		expect(server.duplicates(CUSTOMER)).toEqual([]);
	});
});

describe('Ad Deployer, Campaign → Deploy on Google Ads: safety and faults', () => {
	let server: GoogleAdsServer;
	let baseUrl: string;
	let ads: AdVariant[];

	beforeAll(async () => {
		const gen = await engine.runWorkflow(pipeline({}), { credentials: credentials('http://127.0.0.1:9') });
		ads = gen.outputs['Ad Generator'][0].map((i) => i.json as unknown as AdVariant).filter((a) => a.channel === 'google_search');
	});
	beforeEach(async () => {
		server = createGoogleAdsServer();
		baseUrl = await server.start();
	});
	afterEach(async () => server.stop());

	const feed = (list: AdVariant[]) => list.map((ad) => ({ json: { ...ad, keywords: ['handmade home goods'] } as unknown as IDataObject }));

	it('dry run is the default: Google validates the whole request and nothing is created', async () => {
		const r = await engine.runWorkflow(alone({ approved: true }), { credentials: credentials(baseUrl), inputItems: feed(ads.slice(0, 2)) });
		expect(r.error).toBeUndefined();
		expect(results(r).map((x) => [x.status, x.dryRun])).toEqual([['validated', true], ['validated', true]]);
		const mutates = server.requests.filter((x) => x.url.endsWith(':mutate'));
		expect(mutates.length).toBe(2);
		expect(mutates.every((m) => m.body?.validateOnly === true)).toBe(true);
		expect(server.customer(CUSTOMER).campaigns).toHaveLength(0);
	});

	it('refuses blocked ads always and unapproved ads by default, sending nothing for them', async () => {
		const blocked = { ...ads[0], audit: { verdict: 'block', findings: [{ rule: 'protected-targeting', severity: 'critical', message: 'targets age', evidence: 'age' }], ruleVersion: 'r1', specialAdCategories: [], explanation: 'x' } };
		const unapproved = { ...ads[1], approval: { approved: false } };
		const r = await engine.runWorkflow(alone({ dryRun: false, requireApproval: false }), { credentials: credentials(baseUrl), inputItems: feed([blocked as AdVariant]) });
		expect(results(r)[0]).toMatchObject({ status: 'skipped', reason: 'blocked' });
		const r2 = await engine.runWorkflow(alone({ dryRun: false }), { credentials: credentials(baseUrl), inputItems: feed([unapproved]) });
		expect(results(r2)[0]).toMatchObject({ status: 'skipped', reason: 'notApproved' });
		expect(server.requests).toHaveLength(0);
	});

	it('refuses an ad whose text carries personal data before any request', async () => {
		const leaky = { ...ads[0], fields: { ...ads[0].fields, descriptions: ['Write to jane.doe@example.com today.', 'Second line here.'] } };
		const r = await engine.runWorkflow(alone({ dryRun: false, approved: true }), { credentials: credentials(baseUrl), inputItems: feed([leaky]) });
		expect(results(r)[0]).toMatchObject({ status: 'failed', reason: 'pii' });
		expect(server.requests).toHaveLength(0);
	});

	it('survives a rate limit, a 503 and a connection lost after the commit with zero duplicates, every ad reported', async () => {
		server.inject({ on: 'mutate', kind: 'rateLimit', retryDelay: '0.01s' });
		server.inject({ on: 'search', kind: 'serverError', status: 503 });
		server.inject({ on: 'mutate', kind: 'commitThenDrop' });
		const list = ads.slice(0, 3);
		const r = await engine.runWorkflow(alone({ ...LIVE, approved: true, keywords: 'handmade home goods' }), { credentials: credentials(baseUrl), inputItems: feed(list) });
		expect(r.error).toBeUndefined();
		expect(results(r).map((x) => x.status)).toEqual(list.map(() => 'created'));
		expect(server.duplicates(CUSTOMER)).toEqual([]);
		expect(server.customer(CUSTOMER).adGroupAds).toHaveLength(list.length);
	});

	it('reports a partial failure on the ad it belongs to, with the failed keyword named', async () => {
		server.inject({ on: 'mutate', kind: 'partial', keyword: 'gifts' });
		const r = await engine.runWorkflow(alone({ ...LIVE, approved: true, keywords: 'handmade home goods, gifts' }), { credentials: credentials(baseUrl), inputItems: feed(ads.slice(0, 1)) });
		const [res] = results(r);
		expect(res.status).toBe('created');
		expect(res.warnings).toEqual([expect.stringContaining('keyword "gifts" not created: A policy was violated')]);
	});

	it('a failure of the whole request stops the node with Google\'s message and request id', async () => {
		const r = await engine.runWorkflow(alone({ ...LIVE, approved: true, keywords: 'handmade home goods' }), { credentials: credentials(baseUrl, 'wrong-token'), inputItems: feed(ads.slice(0, 1)) });
		expect(r.error?.message).toContain('Google Ads');
		expect(JSON.stringify(r.error)).toMatch(/req-\d+/);
	});

	it('a sunset API version is reported by name with the parameter to change', async () => {
		const r = await engine.runWorkflow(alone({ ...LIVE, approved: true, keywords: 'handmade home goods', googleAdsApiVersion: 'v19' }), { credentials: credentials(baseUrl), inputItems: feed(ads.slice(0, 1)) });
		expect(r.error?.message).toContain('v19');
		expect(r.error?.message).toContain('"API Version" parameter');
	});
});

describe('Ad Deployer, Performance → Get on Google Ads', () => {
	let server: GoogleAdsServer;
	let baseUrl: string;

	beforeAll(async () => {
		server = createGoogleAdsServer();
		baseUrl = await server.start();
	});
	afterAll(async () => server.stop());

	it('reads rows per ad and day, joined to our ad ids through the deployment results', async () => {
		const deployed = await engine.runWorkflow(pipeline(LIVE), { credentials: credentials(baseUrl) });
		const created = results(deployed).filter((r) => r.status === 'created');
		expect(created.length).toBeGreaterThan(1);
		for (const [n, c] of created.entries()) {
			server.addMetrics(c.remoteIds.adGroupAd, '2026-11-20', { impressions: String(100 * (n + 1)), clicks: '7', conversions: 1, conversionsValue: 40, costMicros: '2500000' });
		}
		const perf = await engine.runWorkflow(alone({ resource: 'performance', operation: 'get', startDate: '2026-11-01', endDate: '2026-11-30' }), {
			credentials: credentials(baseUrl),
			inputItems: created.map((c) => ({ json: c as unknown as IDataObject })),
		});
		expect(perf.error).toBeUndefined();
		const items = perf.outputs['Ad Deployer'][0];
		const rows = items.map((i) => i.json as unknown as PerformanceRow);
		expect(rows).toHaveLength(created.length);
		for (const row of rows) expect(PerformanceRowSchema.safeParse(row).success).toBe(true);
		rows.forEach((row, i) => {
			expect(row.adId).toBe(created[i].adId);
			expect(items[i].pairedItem).toEqual({ item: i });
			expect(row).toMatchObject({ date: '2026-11-20', clicks: 7, cost: 2.5, revenue: 40, currency: 'USD' });
		});
	});
});
