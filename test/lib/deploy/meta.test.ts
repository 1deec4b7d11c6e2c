import {
	adSetBody,
	campaignBody,
	deployMetaAd,
	fetchMetaPerformance,
	metaError,
	parseBusinessUseCaseUsage,
	toMinorUnits,
	type MetaDeployInput,
} from '../../../lib/deploy/meta';
import { retryOptions } from '../../../lib/deploy/platformHttp';
import { PerformanceRow } from '../../../lib/contracts/performance';
import { createMetaServer, type MetaServer } from '../../support/meta-server';
import { createRequestFn } from '../../support/platform-request';

const ACCOUNT = 'act_111222333';

function input(adId = 'ad_1', overrides: Partial<MetaDeployInput> = {}): MetaDeployInput {
	const group = 'JA | seg_a | meta_feed';
	return {
		adAccountId: '111222333',
		apiVersion: 'v26.0',
		names: { campaign: group, adSet: group, ad: `${group} | ${adId}` },
		ad: { adId, finalUrl: `https://example.com/?utm_content=${adId}`, primaryText: 'Handmade for your home.', headline: 'Made by hand', description: 'Free shipping', cta: 'SHOP_NOW' },
		settings: { objective: 'OUTCOME_TRAFFIC', dailyBudget: 12.5, currencyOffset: 100, countries: ['us'], pageId: '1000000001', status: 'PAUSED', specialAdCategories: [] },
		dryRun: false,
		...overrides,
	};
}

describe('Meta payloads', () => {
	it('always sends special_ad_categories, [] when there are none, mapped to Meta\'s enum otherwise', () => {
		const i = input();
		expect(campaignBody(i.names, i.settings)).toMatchObject({ special_ad_categories: [], status: 'PAUSED', objective: 'OUTCOME_TRAFFIC', is_adset_budget_sharing_enabled: false });
		expect(campaignBody(i.names, { ...i.settings, specialAdCategories: ['housing', 'financial_products_services'] }).special_ad_categories).toEqual(['HOUSING', 'FINANCIAL_PRODUCTS_SERVICES']);
	});

	it('puts the ad set budget in minor units (12.50 USD -> 1250, 1000 JPY -> 1000)', () => {
		expect(toMinorUnits(12.5, 100)).toBe(1250);
		expect(toMinorUnits(1000, 1)).toBe(1000);
		const i = input();
		expect(adSetBody(i.names, '42', i.settings)).toMatchObject({ daily_budget: 1250, campaign_id: '42', billing_event: 'IMPRESSIONS', optimization_goal: 'LINK_CLICKS', status: 'PAUSED' });
		expect(() => toMinorUnits(0, 100)).toThrow('daily budget must be above 0');
	});

	it('targets countries and ages 18-65 only: nothing a special ad category forbids', () => {
		const i = input();
		const t = adSetBody(i.names, '42', { ...i.settings, specialAdCategories: ['employment'] }).targeting as Record<string, unknown>;
		expect(t).toEqual({ geo_locations: { countries: ['US'] }, age_min: 18, age_max: 65, targeting_automation: { advantage_audience: 0 } });
	});
});

describe('Meta errors', () => {
	it('reads code, subcode and fbtrace_id; rate-limit codes 4, 17, 613 and 800xx are retryable, honouring X-Business-Use-Case-Usage', () => {
		const usage = JSON.stringify({ 1: [{ type: 'ads_management', call_count: 98, total_cputime: 10, total_time: 12, estimated_time_to_regain_access: 2 }] });
		for (const code of [4, 17, 613, 80004]) {
			const e = metaError({ status: 400, headers: { 'x-business-use-case-usage': usage }, body: { error: { message: 'too many calls', code, error_subcode: 2446079, fbtrace_id: 'AbC' } } });
			expect(e).toMatchObject({ retryable: true, requestId: 'AbC', retryDelayMs: 120000 });
		}
		expect(parseBusinessUseCaseUsage({ 'x-business-use-case-usage': usage })).toEqual({ maxPercent: 98, regainMs: 120000 });
		const bad = metaError({ status: 400, headers: {}, body: { error: { message: 'Invalid parameter', code: 100, error_subcode: 1885272, fbtrace_id: 'X', error_user_msg: 'Budget too low' } } });
		expect(bad).toMatchObject({ retryable: false, fatal: false, code: '100/1885272', message: 'Invalid parameter Budget too low' });
		expect(metaError({ status: 401, headers: {}, body: { error: { message: 'Invalid OAuth access token', code: 190 } } })?.fatal).toBe(true);
	});
});

describe('Meta deploy against a local Marketing API', () => {
	let server: MetaServer;
	let baseUrl: string;
	const sleeps: number[] = [];
	const retry = retryOptions({ sleep: async (ms) => void sleeps.push(ms), maxAttempts: 4 });
	beforeEach(async () => {
		server = createMetaServer();
		baseUrl = await server.start();
		sleeps.length = 0;
	});
	afterEach(async () => server.stop());
	const request = () => createRequestFn(baseUrl, { authorization: 'Bearer test-meta-token' });

	it('creates campaign, ad set, creative and ad, all paused, and a rerun creates nothing', async () => {
		const out = await deployMetaAd(request(), input(), retry);
		expect(out.status).toBe('created');
		expect(out.createdObjects).toEqual(['campaign', 'adSet', 'creative', 'ad']);
		const a = server.account(ACCOUNT);
		expect([a.campaigns.length, a.adsets.length, a.adcreatives.length, a.ads.length]).toEqual([1, 1, 1, 1]);
		expect([...a.campaigns, ...a.adsets, ...a.ads].every((o) => o.status === 'PAUSED')).toBe(true);
		expect(a.adsets[0].daily_budget).toBe('1250');
		const again = await deployMetaAd(request(), input(), retry);
		expect(again.createdObjects).toEqual([]);
		expect(again.requests.post).toBe(0);
		expect(again.remoteIds).toEqual(out.remoteIds);
		expect(server.duplicates(ACCOUNT)).toEqual([]);
	});

	it('variants of one segment share the campaign and ad set; each gets its own creative and ad', async () => {
		await deployMetaAd(request(), input('ad_1'), retry);
		const second = await deployMetaAd(request(), input('ad_2'), retry);
		expect(second.reused).toEqual(['campaign', 'adSet']);
		expect(second.createdObjects).toEqual(['creative', 'ad']);
	});

	it('dry run builds and checks every payload and sends nothing', async () => {
		const out = await deployMetaAd(request(), input('ad_1', { dryRun: true }), retry);
		expect(out.status).toBe('validated');
		expect(Object.keys(out.payloads)).toEqual(['campaign', 'adSet', 'creative', 'ad']);
		expect(server.requests).toHaveLength(0);
	});

	it('backs off on a business-use-case rate limit for as long as Meta says, then carries on without duplicates', async () => {
		server.inject({ on: 'post', kind: 'rateLimit', code: 80004, regainMinutes: 1 });
		const out = await deployMetaAd(request(), input(), retry);
		expect(out.status).toBe('created');
		expect(sleeps).toEqual([60000]);
		expect(out.usagePercent).toBe(100);
		expect(server.duplicates(ACCOUNT)).toEqual([]);
	});

	it('retries a transient 500, and resolves a connection lost after Meta committed the campaign by the look-up', async () => {
		server.inject({ on: 'post', kind: 'serverError' });
		expect((await deployMetaAd(request(), input('ad_0'), retry)).status).toBe('created');
		expect(sleeps).toHaveLength(1);
		server.inject({ on: 'post', kind: 'commitThenDrop' });
		const out = await deployMetaAd(request(), input('ad_1', { names: { campaign: 'JA | seg_b | meta_feed', adSet: 'JA | seg_b | meta_feed', ad: 'JA | seg_b | meta_feed | ad_1' } }), retry);
		expect(out.status).toBe('created');
		expect(out.createdObjects).toContain('campaign');
		expect(server.duplicates(ACCOUNT)).toEqual([]);
		expect(server.account(ACCOUNT).campaigns).toHaveLength(2);
	});

	it('never retries a 400: Meta\'s message, codes and fbtrace_id come back on the outcome', async () => {
		const out = await deployMetaAd(request(), input('ad_1', { settings: { ...input().settings, pageId: '999' } }), retry);
		expect(out.status).toBe('failed');
		expect(out.error).toMatchObject({ code: '100/1487194', retryable: false });
		expect(out.error?.requestId).toMatch(/^fbtrace-/);
		expect(out.createdObjects).toEqual(['campaign', 'adSet']);
		expect(sleeps).toEqual([]);
	});

	it('reads ad-level insights per day as PerformanceRows with our ad id from the ad name', async () => {
		const out = await deployMetaAd(request(), input('ad_7'), retry);
		server.addInsights(ACCOUNT, out.remoteIds.ad, '2026-11-05', { impressions: '2000', clicks: '31', spend: '12.34', actions: [{ action_type: 'purchase', value: '2' }, { action_type: 'link_click', value: '31' }], action_values: [{ action_type: 'purchase', value: '88.5' }] });
		server.addInsights(ACCOUNT, out.remoteIds.ad, '2026-11-06', { impressions: '10', clicks: '0', spend: '0.10' });
		const rows = await fetchMetaPerformance(request(), { adAccountId: ACCOUNT, apiVersion: 'v26.0', startDate: '2026-11-01', endDate: '2026-11-30', campaignNameContains: 'JA | ', knownAds: {} }, retry);
		expect(rows).toHaveLength(2);
		for (const r of rows) expect(PerformanceRow.safeParse(r).success).toBe(true);
		expect(rows[0]).toMatchObject({ adId: 'ad_7', platform: 'meta', impressions: 2000, clicks: 31, cost: 12.34, conversions: 2, revenue: 88.5, currency: 'USD', date: '2026-11-05' });
	});

	it('a sunset Graph version is refused with Meta\'s deprecation error', async () => {
		const out = await deployMetaAd(request(), input('ad_1', { apiVersion: 'v19.0' }), retry);
		expect(out.error).toMatchObject({ code: '2635', fatal: true });
	});
});
