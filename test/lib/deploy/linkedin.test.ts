import { campaignBody, deployLinkedInAd, fetchLinkedInPerformance, linkedInError, money, restliString, type LinkedInDeployInput } from '../../../lib/deploy/linkedin';
import { retryOptions } from '../../../lib/deploy/platformHttp';
import { PerformanceRow } from '../../../lib/contracts/performance';
import { createLinkedInServer, parseRestli, type LinkedInServer } from '../../support/linkedin-server';
import { createRequestFn } from '../../support/platform-request';

const ACCOUNT = '508000001';

function input(adId = 'ad_1', overrides: Partial<LinkedInDeployInput> = {}): LinkedInDeployInput {
	const group = 'JA | seg_a | linkedin';
	return {
		adAccountId: ACCOUNT,
		version: '202608',
		names: { campaignGroup: group, campaign: group, creative: `${group} | ${adId}` },
		ad: { adId, finalUrl: `https://example.com/?utm_content=${adId}`, introText: 'Handmade goods for offices.', headline: 'Made by hand', cta: 'LEARN_MORE' },
		settings: { dailyBudget: 25, currency: 'USD', maxCpc: 4.5, locations: ['urn:li:geo:103644278'], locale: { country: 'US', language: 'en' }, organization: 'urn:li:organization:5550001', status: 'DRAFT', political: false, startMs: 1796083200000 },
		dryRun: false,
		...overrides,
	};
}

describe('LinkedIn payloads and errors', () => {
	it('writes money as major-unit strings and declares political intent, status DRAFT', () => {
		expect(money(25, 'USD', 'x')).toEqual({ amount: '25.00', currencyCode: 'USD' });
		const i = input();
		expect(campaignBody(ACCOUNT, 'urn:li:sponsoredCampaignGroup:1', i.names, i.settings)).toMatchObject({ status: 'DRAFT', politicalIntent: 'NOT_POLITICAL', dailyBudget: { amount: '25.00' }, unitCost: { amount: '4.50' } });
	});

	it('encodes Rest.li reserved characters inside values so the query structure stays intact', () => {
		const name = 'JA | seg (a), b: c';
		expect(parseRestli(`(name:(values:List(${restliString(name)})))`)).toEqual({ name: { values: [name] } });
	});

	it('says a 426 means the version was sunset and names the parameter; 429 and 5xx are retryable', () => {
		const e = linkedInError({ status: 426, headers: { 'x-li-uuid': 'u1' }, body: { status: 426, code: 'NONEXISTENT_VERSION', message: 'Requested version 202401 is not active' } });
		expect(e?.message).toContain('"LinkedIn API Version" parameter');
		expect(e).toMatchObject({ fatal: true, requestId: 'u1', retryable: false });
		expect(linkedInError({ status: 429, headers: { 'retry-after': '3' }, body: {} })).toMatchObject({ retryable: true, retryDelayMs: 3000 });
		expect(linkedInError({ status: 503, headers: {}, body: {} })?.retryable).toBe(true);
	});
});

describe('LinkedIn deploy against a local Marketing API', () => {
	let server: LinkedInServer;
	let baseUrl: string;
	const sleeps: number[] = [];
	const retry = retryOptions({ sleep: async (ms) => void sleeps.push(ms), maxAttempts: 4 });
	beforeEach(async () => {
		server = createLinkedInServer();
		baseUrl = await server.start();
		sleeps.length = 0;
	});
	afterEach(async () => server.stop());
	const request = () => createRequestFn(baseUrl, { authorization: 'Bearer test-linkedin-token' });

	it('creates campaign group, campaign and creative as drafts, ids from x-restli-id; a rerun creates nothing', async () => {
		const out = await deployLinkedInAd(request(), input(), retry);
		expect(out.status).toBe('created');
		expect(out.createdObjects).toEqual(['campaignGroup', 'campaign', 'creative']);
		expect(out.remoteIds.creative).toMatch(/^urn:li:sponsoredCreative:\d+$/);
		const a = server.account(ACCOUNT);
		expect([a.groups.length, a.campaigns.length, a.creatives.length]).toEqual([1, 1, 1]);
		expect(a.campaigns[0].status).toBe('DRAFT');
		expect(a.creatives[0].intendedStatus).toBe('DRAFT');
		const again = await deployLinkedInAd(request(), input(), retry);
		expect(again.requests.post).toBe(0);
		expect(again.remoteIds).toEqual(out.remoteIds);
		expect(server.duplicates(ACCOUNT)).toEqual([]);
		for (const r of server.requests) {
			expect(r.headers['linkedin-version']).toBe('202608');
			expect(r.headers['x-restli-protocol-version']).toBe('2.0.0');
		}
	});

	it('waits the Retry-After of a 429, and resolves a lost reply after the commit by the look-up', async () => {
		server.inject({ on: 'post', kind: 'rateLimit', retryAfter: 2 });
		server.inject({ on: 'post', kind: 'commitThenDrop' });
		const out = await deployLinkedInAd(request(), input(), retry);
		expect(out.status).toBe('created');
		expect(sleeps[0]).toBe(2000);
		expect(server.duplicates(ACCOUNT)).toEqual([]);
		expect(server.account(ACCOUNT).groups).toHaveLength(1);
	});

	it('dry run builds every payload and sends nothing', async () => {
		const out = await deployLinkedInAd(request(), input('ad_1', { dryRun: true }), retry);
		expect(out.status).toBe('validated');
		expect(Object.keys(out.payloads)).toEqual(['campaignGroup', 'campaign', 'creative']);
		expect(server.requests).toHaveLength(0);
	});

	it('a sunset Linkedin-Version fails with the parameter named', async () => {
		const out = await deployLinkedInAd(request(), input('ad_1', { version: '202401' }), retry);
		expect(out.error?.status).toBe(426);
		expect(out.error?.message).toContain('LinkedIn API Version');
	});

	it('reads adAnalytics per creative and day as PerformanceRows joined by the stored creative ids', async () => {
		const out = await deployLinkedInAd(request(), input('ad_9'), retry);
		server.addAnalytics(ACCOUNT, out.remoteIds.creative, '2026-11-03', { impressions: 900, clicks: 12, externalWebsiteConversions: 1, costInLocalCurrency: '30.5', conversionValueInLocalCurrency: '120' });
		const rows = await fetchLinkedInPerformance(request(), { adAccountId: ACCOUNT, version: '202608', startDate: '2026-11-01', endDate: '2026-11-30', currency: 'USD', knownCreatives: { [out.remoteIds.creative]: 'ad_9' } }, retry);
		expect(rows).toHaveLength(1);
		expect(PerformanceRow.safeParse(rows[0]).success).toBe(true);
		expect(rows[0]).toMatchObject({ adId: 'ad_9', date: '2026-11-03', impressions: 900, clicks: 12, conversions: 1, cost: 30.5, revenue: 120, platform: 'linkedin' });
	});
});
