import type { IDataObject } from 'n8n-workflow';

import type { AdVariant, DeploymentResult, PerformanceRow } from '../../lib/contracts';
import { DeploymentResult as DeploymentResultSchema } from '../../lib/contracts';
import { performanceRows } from '../support/deployer-runs';
import { createEngine, readWorkflow, type RunResult, type WorkflowJson } from '../support/engine';
import { createMetaServer, type MetaServer } from '../support/meta-server';

const engine = createEngine();
const ACCOUNT = 'act_111222333';

function deployerNode(parameters: IDataObject) {
	return {
		name: 'Ad Deployer',
		type: 'n8n-nodes-journey-ads.adDeployer',
		typeVersion: 1,
		position: [1320, 300] as [number, number],
		parameters: { resource: 'campaign', operation: 'deploy', platform: 'meta', adAccountId: { __rl: true, mode: 'id', value: ACCOUNT }, pageId: '1000000001', ...parameters },
		credentials: { journeyAdsMetaApi: { id: '2', name: 'Meta' } },
	};
}

function pipeline(deployer: IDataObject): WorkflowJson {
	const quickstart = readWorkflow('templates/quickstart.json');
	const nodes = quickstart.nodes.filter((n) => n.type !== 'n8n-nodes-journey-ads.adDeployer');
	const generator = nodes.find((n) => n.name === 'Ad Generator');
	if (!generator) throw new Error('quickstart has no Ad Generator');
	generator.parameters = { ...generator.parameters, channels: ['meta_feed', 'linkedin'], variantsPerPersona: 2 };
	nodes.push(deployerNode(deployer));
	return { ...quickstart, nodes, connections: { ...quickstart.connections, 'Ad Generator': { main: [[{ node: 'Ad Deployer', type: 'main', index: 0 }], []] } } };
}

const credentials = (baseUrl: string) => ({ journeyAdsMetaApi: { accessToken: 'test-meta-token', baseUrl } });
const results = (run: RunResult) => run.outputs['Ad Deployer'][0].map((i) => i.json as unknown as DeploymentResult);
const LIVE = { dryRun: false, approved: "={{ $json.variantGroup === 'A' }}", options: { maxRetryWaitMs: 50 } };

describe('Ad Deployer, Campaign → Deploy on Meta, after the Ad Generator', () => {
	let server: MetaServer;
	let baseUrl: string;
	let run: RunResult;
	let ads: AdVariant[];

	beforeAll(async () => {
		server = createMetaServer();
		baseUrl = await server.start();
		server.inject({ on: 'post', kind: 'rateLimit', code: 17 });
		server.inject({ on: 'post', kind: 'commitThenDrop' });
		run = await engine.runWorkflow(pipeline(LIVE), { credentials: credentials(baseUrl) });
		expect(run.error).toBeUndefined();
		ads = run.outputs['Ad Generator'][0].map((i) => i.json as unknown as AdVariant);
	});
	afterAll(async () => server.stop());

	it('reports every ad: approved feed ads created, unapproved and other channels skipped', () => {
		const out = results(run);
		expect(out).toHaveLength(ads.length);
		out.forEach((r, i) => {
			DeploymentResultSchema.parse(r);
			const ad = ads[i];
			const expected = ad.variantGroup !== 'A' ? 'skipped' : ad.channel === 'meta_feed' ? 'created' : 'skipped';
			expect({ adId: r.adId, status: r.status }).toEqual({ adId: ad.adId, status: expected });
		});
	});

	it('creates one campaign and ad set per segment and one creative and ad per approved variant, all paused, despite a rate limit and a lost reply', () => {
		const a = server.account(ACCOUNT);
		const created = ads.filter((x) => x.variantGroup === 'A' && x.channel === 'meta_feed');
		const segments = new Set(created.map((x) => x.segmentId));
		expect([a.campaigns.length, a.adsets.length, a.adcreatives.length, a.ads.length]).toEqual([segments.size, segments.size, created.length, created.length]);
		expect([...a.campaigns, ...a.adsets, ...a.ads].every((o) => o.status === 'PAUSED')).toBe(true);
		expect(a.campaigns.every((c) => Array.isArray(c.special_ad_categories) && (c.special_ad_categories as unknown[]).length === 0)).toBe(true);
		expect(a.adsets.every((s) => s.daily_budget === '1000')).toBe(true);
		expect(server.duplicates(ACCOUNT)).toEqual([]);
	});

	it('a rerun creates nothing and reports the same ids', async () => {
		const posts = server.requests.filter((r) => r.method === 'POST').length;
		const again = await engine.runWorkflow(pipeline(LIVE), { credentials: credentials(baseUrl) });
		expect(server.requests.filter((r) => r.method === 'POST').length).toBe(posts);
		expect(results(again).map((r) => r.remoteIds)).toEqual(results(run).map((r) => r.remoteIds));
	});

	it('dry run (the default) sends nothing and shows the payloads', async () => {
		const before = server.requests.length;
		const dry = await engine.runWorkflow(pipeline({ approved: true }), { credentials: credentials(baseUrl) });
		const feed = results(dry).filter((r) => r.channel === 'meta_feed');
		expect(feed.every((r) => r.status === 'validated' && r.dryRun)).toBe(true);
		expect(server.requests.length).toBe(before);
		expect((feed[0] as IDataObject).payloads).toMatchObject({ campaign: { status: 'PAUSED', special_ad_categories: [] } });
	});

	it('Performance → Get reads insights per ad and day, joined to our ad ids', async () => {
		const created = results(run).filter((r) => r.status === 'created');
		for (const c of created) server.addInsights(ACCOUNT, c.remoteIds.ad, '2026-11-12', { impressions: '500', clicks: '9', spend: '4.20' });
		const perf = await engine.runWorkflow(
			{ name: 'perf', nodes: [deployerNode({ resource: 'performance', operation: 'get', startDate: '2026-11-01', endDate: '2026-11-30' })], connections: {} },
			{ credentials: credentials(baseUrl), inputItems: created.map((c) => ({ json: c as unknown as IDataObject })) },
		);
		expect(perf.error).toBeUndefined();
		const rows = perf.outputs['Ad Deployer'][0].map((i) => i.json as unknown as PerformanceRow);
		expect(rows.map((r) => r.adId)).toEqual(created.map((c) => c.adId));
		expect(rows.every((r) => r.cost === 4.2 && r.clicks === 9 && r.platform === 'meta')).toBe(true);
	});

	it('Performance → Get narrowed to a picked campaign or ad set reads only its ads', async () => {
		const created = results(run).filter((r) => r.status === 'created');
		const first = created[0];
		const get = async (extra: IDataObject) =>
			await performanceRows(engine, deployerNode({ resource: 'performance', operation: 'get', startDate: '2026-11-01', endDate: '2026-11-30', ...extra }), credentials(baseUrl));
		const byCampaign = await get({ metaCampaign: { __rl: true, mode: 'list', value: first.remoteIds.campaign } });
		expect(byCampaign.length).toBeGreaterThan(0);
		expect(byCampaign.every((r) => r.campaignId === first.remoteIds.campaign)).toBe(true);
		expect(byCampaign.map((r) => r.remoteAdId).sort()).toEqual(created.filter((c) => c.remoteIds.campaign === first.remoteIds.campaign).map((c) => c.remoteIds.ad).sort());
		const sent = server.requests.filter((r) => r.url.includes('/insights')).pop();
		expect(JSON.parse(new URL(sent!.url, 'http://x').searchParams.get('filtering') ?? '[]')).toContainEqual({ field: 'campaign.id', operator: 'EQUAL', value: first.remoteIds.campaign });
		const byAdSet = await get({ metaAdSet: { __rl: true, mode: 'id', value: first.remoteIds.adSet } });
		expect(byAdSet.every((r) => r.adGroupId === first.remoteIds.adSet)).toBe(true);
		expect(byAdSet.length).toBeGreaterThan(0);
		expect(await get({ metaCampaign: { __rl: true, mode: 'id', value: '1' } })).toEqual([]);
	});
});

describe('Ad Deployer, Campaign → Deploy on Meta into an existing campaign the user picked', () => {
	let server: MetaServer;
	let baseUrl: string;
	beforeAll(async () => {
		server = createMetaServer();
		baseUrl = await server.start();
		const a = server.account(ACCOUNT);
		a.campaigns.push({ id: '23850000009001', name: 'Brand always on', status: 'ACTIVE', objective: 'OUTCOME_TRAFFIC', special_ad_categories: [] });
		a.campaigns.push({ id: '23850000009002', name: 'Brand CBO', status: 'ACTIVE', objective: 'OUTCOME_TRAFFIC', special_ad_categories: [], daily_budget: '5000' });
	});
	afterAll(async () => server.stop());
	const into = (id: string, extra: IDataObject = {}) => pipeline({ ...LIVE, metaCampaign: { __rl: true, mode: 'list', value: id }, ...extra });
	const feed = (run: RunResult) => results(run).filter((r) => r.channel === 'meta_feed' && r.status !== 'skipped');

	it('dry run shows ad set payloads in the picked campaign and no campaign payload', async () => {
		const dry = feed(await engine.runWorkflow(into('23850000009001', { dryRun: true }), { credentials: credentials(baseUrl) }));
		expect(dry.length).toBeGreaterThan(0);
		for (const r of dry) {
			const payloads = (r as IDataObject).payloads as IDataObject;
			expect(payloads.campaign).toBeUndefined();
			expect(payloads.adSet).toMatchObject({ campaign_id: '23850000009001', status: 'PAUSED' });
		}
		expect(server.requests).toHaveLength(0);
	});

	it('creates ad sets and ads only, inside it, and a rerun duplicates nothing', async () => {
		const first = feed(await engine.runWorkflow(into('23850000009001'), { credentials: credentials(baseUrl) }));
		expect(first.length).toBeGreaterThan(0);
		expect(first.every((r) => r.status === 'created' && r.remoteIds.campaign === '23850000009001')).toBe(true);
		const a = server.account(ACCOUNT);
		expect(a.campaigns).toHaveLength(2);
		expect(a.adsets.length).toBeGreaterThan(0);
		expect(a.adsets.every((s) => s.campaign_id === '23850000009001' && s.status === 'PAUSED')).toBe(true);
		const counts = [a.adsets.length, a.ads.length];
		await engine.runWorkflow(into('23850000009001'), { credentials: credentials(baseUrl) });
		expect([a.adsets.length, a.ads.length]).toEqual(counts);
		expect(server.duplicates(ACCOUNT)).toEqual([]);
	});

	it('leaves budget and bid strategy to a picked campaign that holds its own budget', async () => {
		const out = feed(await engine.runWorkflow(into('23850000009002'), { credentials: credentials(baseUrl) }));
		expect(out.length).toBeGreaterThan(0);
		expect(out.every((r) => r.status === 'created' && r.remoteIds.campaign === '23850000009002')).toBe(true);
		const sets = server.account(ACCOUNT).adsets.filter((s) => s.campaign_id === '23850000009002');
		expect(sets.length).toBeGreaterThan(0);
		for (const s of sets) {
			expect(s.daily_budget).toBeUndefined();
			expect(s.bid_strategy).toBeUndefined();
		}
		const reads = server.requests.filter((r: { method: string; url: string }) => r.method === 'GET' && r.url.startsWith('/v26.0/23850000009002?'));
		expect(reads.length).toBeGreaterThan(0);
	});

	it('stops with the reason when the picked campaign cannot be read', async () => {
		const out = feed(await engine.runWorkflow(into('23850000009999'), { credentials: credentials(baseUrl) }));
		expect(out.length).toBeGreaterThan(0);
		expect(out.every((r) => r.status === 'failed' && /does not exist/.test(String(r.error)))).toBe(true);
		expect(server.account(ACCOUNT).adsets.some((s) => s.campaign_id === '23850000009999')).toBe(false);
	});
});
