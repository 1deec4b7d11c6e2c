import type { IDataObject } from 'n8n-workflow';

import type { AdVariant, DeploymentResult, PerformanceRow } from '../../lib/contracts';
import { performanceRows } from '../support/deployer-runs';
import { createEngine, readWorkflow, type RunResult, type WorkflowJson } from '../support/engine';
import { createLinkedInServer, type LinkedInServer } from '../support/linkedin-server';

const engine = createEngine();
const ACCOUNT = '508000001';

function deployerNode(parameters: IDataObject) {
	return {
		name: 'Ad Deployer',
		type: 'n8n-nodes-journey-ads.adDeployer',
		typeVersion: 1,
		position: [1320, 300] as [number, number],
		parameters: {
			resource: 'campaign',
			operation: 'deploy',
			platform: 'linkedin',
			linkedInAdAccountId: { __rl: true, mode: 'id', value: ACCOUNT },
			linkedInOrganization: 'urn:li:organization:5550001',
			...parameters,
		},
		credentials: { journeyAdsLinkedInOAuth2Api: { id: '3', name: 'LinkedIn' } },
	};
}

function pipeline(deployer: IDataObject): WorkflowJson {
	const quickstart = readWorkflow('templates/quickstart.json');
	const nodes = quickstart.nodes.filter((n) => n.type !== 'n8n-nodes-journey-ads.adDeployer');
	const generator = nodes.find((n) => n.name === 'Ad Generator');
	if (!generator) throw new Error('quickstart has no Ad Generator');
	generator.parameters = { ...generator.parameters, channels: ['linkedin'], variantsPerPersona: 2 };
	nodes.push(deployerNode(deployer));
	return { ...quickstart, nodes, connections: { ...quickstart.connections, 'Ad Generator': { main: [[{ node: 'Ad Deployer', type: 'main', index: 0 }], []] } } };
}

const credentials = (baseUrl: string) => ({
	journeyAdsLinkedInOAuth2Api: {
		grantType: 'authorizationCode',
		authUrl: 'https://www.linkedin.com/oauth/v2/authorization',
		accessTokenUrl: `${baseUrl}/token`,
		clientId: 'client-id',
		clientSecret: 'client-secret',
		scope: 'rw_ads r_ads_reporting',
		authentication: 'body',
		oauthTokenData: { access_token: 'test-linkedin-token', token_type: 'Bearer' },
		baseUrl,
	},
});
const LIVE = { dryRun: false, approved: "={{ $json.variantGroup === 'A' }}", options: { maxRetryWaitMs: 50 } };
const results = (run: RunResult) => run.outputs['Ad Deployer'][0].map((i) => i.json as unknown as DeploymentResult);

describe('Ad Deployer, Campaign → Deploy on LinkedIn, after the Ad Generator', () => {
	let server: LinkedInServer;
	let baseUrl: string;
	let run: RunResult;
	let ads: AdVariant[];

	beforeAll(async () => {
		server = createLinkedInServer();
		baseUrl = await server.start();
		server.inject({ on: 'post', kind: 'commitThenDrop' });
		run = await engine.runWorkflow(pipeline({ dryRun: false, approved: "={{ $json.variantGroup === 'A' }}", options: { maxRetryWaitMs: 50 } }), { credentials: credentials(baseUrl) });
		expect(run.error).toBeUndefined();
		ads = run.outputs['Ad Generator'][0].map((i) => i.json as unknown as AdVariant);
	});
	afterAll(async () => server.stop());

	it('creates one campaign group and campaign per segment and a creative per approved variant, all drafts, no duplicates after a lost reply', () => {
		const out = results(run);
		out.forEach((r, i) => expect(r.status).toBe(ads[i].variantGroup === 'A' ? 'created' : 'skipped'));
		const created = ads.filter((a) => a.variantGroup === 'A');
		const segments = new Set(created.map((a) => a.segmentId));
		const a = server.account(ACCOUNT);
		expect([a.groups.length, a.campaigns.length, a.creatives.length]).toEqual([segments.size, segments.size, created.length]);
		expect(a.campaigns.every((c) => c.status === 'DRAFT')).toBe(true);
		expect(a.creatives.every((c) => c.intendedStatus === 'DRAFT')).toBe(true);
		expect(server.duplicates(ACCOUNT)).toEqual([]);
		expect(server.requests.every((r) => r.headers['linkedin-version'] === '202608' && r.headers.authorization === 'Bearer test-linkedin-token')).toBe(true);
	});

	it('Performance → Get reads adAnalytics per creative and day, joined to our ad ids', async () => {
		const created = results(run).filter((r) => r.status === 'created');
		for (const c of created) server.addAnalytics(ACCOUNT, c.remoteIds.creative, '2026-11-09', { impressions: 300, clicks: 4, externalWebsiteConversions: 0, costInLocalCurrency: '12.00' });
		const perf = await engine.runWorkflow(
			{ name: 'perf', nodes: [deployerNode({ resource: 'performance', operation: 'get', startDate: '2026-11-01', endDate: '2026-11-30' })], connections: {} },
			{ credentials: credentials(baseUrl), inputItems: created.map((c) => ({ json: c as unknown as IDataObject })) },
		);
		expect(perf.error).toBeUndefined();
		const rows = perf.outputs['Ad Deployer'][0].map((i) => i.json as unknown as PerformanceRow);
		expect(rows.map((r) => r.adId)).toEqual(created.map((c) => c.adId));
		expect(rows.every((r) => r.cost === 12 && r.currency === 'USD')).toBe(true);
	});

	it('Performance → Get narrowed to a picked campaign or campaign group reads only its creatives', async () => {
		const created = results(run).filter((r) => r.status === 'created');
		const first = created[0];
		const idOf = (v: string) => String(v).split(':').pop() as string;
		const get = async (extra: IDataObject) =>
			await performanceRows(engine, deployerNode({ resource: 'performance', operation: 'get', startDate: '2026-11-01', endDate: '2026-11-30', ...extra }), credentials(baseUrl));
		const mine = (key: string) => created.filter((c) => c.remoteIds[key] === first.remoteIds[key]).map((c) => c.remoteIds.creative).sort();
		const byCampaign = await get({ linkedInCampaign: { __rl: true, mode: 'list', value: idOf(first.remoteIds.campaign) } });
		expect(byCampaign.map((r) => r.remoteAdId).sort()).toEqual(mine('campaign'));
		expect(server.requests[server.requests.length - 1].url).toContain(`campaigns=List(urn%3Ali%3AsponsoredCampaign%3A${idOf(first.remoteIds.campaign)})`);
		const byGroup = await get({ linkedInCampaignGroup: { __rl: true, mode: 'id', value: idOf(first.remoteIds.campaignGroup) } });
		expect(byGroup.map((r) => r.remoteAdId).sort()).toEqual(mine('campaignGroup'));
		expect(await get({ linkedInCampaign: { __rl: true, mode: 'id', value: '1' } })).toEqual([]);
	});
});

describe('Ad Deployer, Campaign → Deploy on LinkedIn into an existing campaign group the user picked', () => {
	let server: LinkedInServer;
	let baseUrl: string;
	beforeAll(async () => {
		server = createLinkedInServer();
		baseUrl = await server.start();
		server.account(ACCOUNT).groups.push({ id: 690001, name: 'Brand group', status: 'ACTIVE', account: `urn:li:sponsoredAccount:${ACCOUNT}` });
	});
	afterAll(async () => server.stop());
	const into = (id: string, extra: IDataObject = {}) => pipeline({ ...LIVE, linkedInCampaignGroup: { __rl: true, mode: 'list', value: id }, ...extra });
	const linkedin = (run: RunResult) => results(run).filter((r) => r.channel === 'linkedin' && r.status !== 'skipped');

	it('creates campaigns and creatives only, inside the picked group, and a rerun duplicates nothing', async () => {
		const dry = linkedin(await engine.runWorkflow(into('690001', { dryRun: true }), { credentials: credentials(baseUrl) }));
		expect(dry.every((r) => ((r as IDataObject).payloads as IDataObject).campaignGroup === undefined)).toBe(true);
		expect(server.requests).toHaveLength(0);
		const first = linkedin(await engine.runWorkflow(into('690001'), { credentials: credentials(baseUrl) }));
		expect(first.length).toBeGreaterThan(0);
		expect(first.every((r) => r.status === 'created' && r.remoteIds.campaignGroup === '690001')).toBe(true);
		const a = server.account(ACCOUNT);
		expect(a.groups).toHaveLength(1);
		expect(a.campaigns.every((c) => c.campaignGroup === 'urn:li:sponsoredCampaignGroup:690001' && c.status === 'DRAFT')).toBe(true);
		const counts = [a.campaigns.length, a.creatives.length];
		await engine.runWorkflow(into('690001'), { credentials: credentials(baseUrl) });
		expect([a.campaigns.length, a.creatives.length]).toEqual(counts);
		expect(server.duplicates(ACCOUNT)).toEqual([]);
	});
});
