import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { listSearch } from '../../nodes/AdDeployer/v1/methods';
import { createGoogleAdsServer, type GoogleAdsServer } from '../support/google-ads-server';
import { createHttpTransport } from '../support/http-transport';
import { createLinkedInServer, type LinkedInServer } from '../support/linkedin-server';
import { createMetaServer, type MetaServer } from '../support/meta-server';

/**
 * The account pickers' list search, against the local platform servers. n8n's signing of the
 * request is stood in for by the bearer token the servers expect (the engine tests cover signing).
 */
function pickerContext(baseUrl: string, parameters: IDataObject, token = 'test-access-token'): ILoadOptionsFunctions {
	const transport = createHttpTransport({ apiKey: token });
	const node = { name: 'Ad Deployer', type: 'n8n-nodes-journey-ads.adDeployer', typeVersion: 1, parameters: {} } as unknown as INode;
	const ctx = {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCurrentNodeParameter: (name: string, options?: { extractValue?: boolean }) => {
			const value = parameters[name];
			return options?.extractValue && value && typeof value === 'object' ? (value as IDataObject).value : value;
		},
		getCredentials: async () => ({ baseUrl }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const query = new URLSearchParams((options.qs ?? {}) as Record<string, string>).toString();
				const url = query ? `${options.url}${options.url.includes('?') ? '&' : '?'}${query}` : options.url;
				const response = await transport({
					method: (options.method ?? 'GET') as 'GET' | 'POST',
					url,
					// n8n sends a JSON body (json: true) as application/json.
					headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.headers as Record<string, string>) },
					body: options.body,
					timeoutMs: 5000,
				});
				return { statusCode: response.statusCode, headers: response.headers, body: response.body };
			},
		},
	};
	return ctx as unknown as ILoadOptionsFunctions;
}

/** A resource locator as the user leaves it after picking from the list. */
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

describe('Ad Deployer account pickers (list search)', () => {
	let google: GoogleAdsServer;
	let meta: MetaServer;
	let googleUrl: string;
	let metaUrl: string;
	beforeAll(async () => {
		google = createGoogleAdsServer({ customers: [{ id: '1234567890' }, { id: '9876543210' }] });
		googleUrl = await google.start();
		meta = createMetaServer({ accounts: [{ id: '111222333', name: 'Juniper & Oak US' }, { id: '444555666', name: 'Juniper & Oak EU' }] });
		metaUrl = await meta.start();
	});
	afterAll(async () => {
		await google.stop();
		await meta.stop();
	});

	it('lists the Google Ads customers the user reaches, shown as 123-456-7890 and filtered by what is typed', async () => {
		const ctx = pickerContext(googleUrl, { googleAdsApiVersion: 'v26' });
		const all = await listSearch.searchGoogleAdsCustomers.call(ctx);
		expect(all.results).toEqual([
			{ name: '123-456-7890', value: '1234567890' },
			{ name: '987-654-3210', value: '9876543210' },
		]);
		const some = await listSearch.searchGoogleAdsCustomers.call(ctx, '987-654');
		expect(some.results.map((r) => r.value)).toEqual(['9876543210']);
	});

	it('turns a refused Google token into an API error with the platform\'s status', async () => {
		const ctx = pickerContext(googleUrl, { googleAdsApiVersion: 'v26' }, 'wrong-token');
		await expect(listSearch.searchGoogleAdsCustomers.call(ctx)).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '401' });
	});

	it('lists the Meta ad accounts the token reaches, named and filtered by name', async () => {
		const ctx = pickerContext(metaUrl, { metaApiVersion: 'v26.0', metaAuthentication: 'accessToken' }, 'test-meta-token');
		const all = await listSearch.searchMetaAdAccounts.call(ctx);
		expect(all.results.map((r) => r.value)).toEqual(['act_111222333', 'act_444555666']);
		expect(all.results[0].name).toContain('Juniper & Oak US');
		const eu = await listSearch.searchMetaAdAccounts.call(ctx, 'eu');
		expect(eu.results.map((r) => r.value)).toEqual(['act_444555666']);
	});

	it('lists the LinkedIn ad accounts the member reaches, filtered by name or id, a page at a time', async () => {
		const accounts = Array.from({ length: 105 }, (_, n) => ({ id: String(508000001 + n), name: n === 104 ? 'Juniper & Oak Careers' : `Juniper & Oak ${n}` }));
		accounts.push({ id: '508999999', name: 'Closed account', status: 'CANCELED' } as (typeof accounts)[number]);
		const li = createLinkedInServer({ accounts });
		const url = await li.start();
		try {
			const ctx = pickerContext(url, { linkedInVersion: '202608' }, 'test-linkedin-token');
			const first = await listSearch.searchLinkedInAdAccounts.call(ctx);
			expect(first.results).toHaveLength(100);
			expect(first.results[0]).toEqual({ name: 'Juniper & Oak 0 (508000001) · active', value: '508000001' });
			expect(first.paginationToken).toBe('100');
			const second = await listSearch.searchLinkedInAdAccounts.call(ctx, undefined, first.paginationToken as string);
			expect(second.results.map((r) => r.value)).toEqual(['508000101', '508000102', '508000103', '508000104', '508000105']);
			expect(second.paginationToken).toBeUndefined();
			const careers = await listSearch.searchLinkedInAdAccounts.call(ctx, 'CAREERS', first.paginationToken as string);
			expect(careers.results.map((r) => r.value)).toEqual(['508000105']);
			// The finder asks only for live accounts, with LinkedIn's versioned Rest.li headers.
			const sent = li.requests.filter((r) => r.url.startsWith('/rest/adAccounts?'));
			expect(sent[0].url).toBe('/rest/adAccounts?q=search&search=(status:(values:List(ACTIVE,PAUSED,DRAFT)))&start=0&count=100');
			expect(sent[0].headers['linkedin-version']).toBe('202608');
			expect(sent[0].headers['x-restli-protocol-version']).toBe('2.0.0');
			expect([...first.results, ...second.results].map((r) => r.value)).not.toContain('508999999');
		} finally {
			await li.stop();
		}
	});

	it('turns a refused LinkedIn token into an API error with the platform\'s status, and a retired version into 426', async () => {
		const li = createLinkedInServer();
		const url = await li.start();
		try {
			await expect(listSearch.searchLinkedInAdAccounts.call(pickerContext(url, { linkedInVersion: '202608' }, 'wrong-token'))).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '401' });
			await expect(listSearch.searchLinkedInAdAccounts.call(pickerContext(url, { linkedInVersion: '202401' }, 'test-linkedin-token'))).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '426' });
		} finally {
			await li.stop();
		}
	});
});

describe('Ad Deployer campaign and ad-group pickers (list search)', () => {
	let google: GoogleAdsServer;
	let meta: MetaServer;
	let li: LinkedInServer;
	let googleUrl: string;
	let metaUrl: string;
	let liUrl: string;
	beforeAll(async () => {
		google = createGoogleAdsServer({ customers: [{ id: '1234567890' }, { id: '9876543210' }] });
		googleUrl = await google.start();
		const c = google.customer('1234567890');
		const campaign = (id: string, name: string, status: string) => ({ resourceName: `customers/1234567890/campaigns/${id}`, id, name, status, campaignBudget: '' });
		c.campaigns.push(campaign('111', 'JA | Runners | search | ad-1', 'PAUSED'), campaign('112', 'JA | Hikers | search | ad-2', 'ENABLED'), campaign('113', 'Brand 100% [old]', 'PAUSED'), campaign('114', 'JA | Gone', 'REMOVED'));
		const group = (id: string, name: string, campaignId: string) => ({ resourceName: `customers/1234567890/adGroups/${id}`, id, name, status: 'PAUSED', campaign: `customers/1234567890/campaigns/${campaignId}` });
		c.adGroups.push(group('211', 'Runners core', '111'), group('212', 'Runners trail', '111'), group('213', 'Hikers core', '112'));
		google.customer('9876543210').campaigns.push(campaign('999', 'Other customer', 'ENABLED'));

		meta = createMetaServer({ accounts: [{ id: '111222333', name: 'Juniper & Oak US' }] });
		metaUrl = await meta.start();
		const a = meta.account('111222333');
		for (let n = 0; n < 105; n++) a.campaigns.push({ id: String(23850000000100 + n), name: `JA | Runners | social | ad-${n}`, status: 'PAUSED', objective: 'OUTCOME_TRAFFIC' });
		a.campaigns.push({ id: '23850000000999', name: 'Spring sale', status: 'ACTIVE' });
		a.adsets.push({ id: '23850000001001', name: 'Runners 25-44', status: 'PAUSED', campaign_id: '23850000000100' }, { id: '23850000001002', name: 'Sale set', status: 'ACTIVE', campaign_id: '23850000000999' });

		li = createLinkedInServer({ accounts: [{ id: '508000001', name: 'Juniper & Oak' }] });
		liUrl = await li.start();
		const acc = li.account('508000001');
		acc.groups.push({ id: 700001, name: 'JA | Engineers', status: 'DRAFT' }, { id: 700002, name: 'Old group', status: 'ARCHIVED' }, { id: 700003, name: 'Careers', status: 'ACTIVE' });
		acc.campaigns.push({ id: 700011, name: 'JA | Engineers | linkedin | ad-9', status: 'PAUSED', campaignGroup: 'urn:li:sponsoredCampaignGroup:700001' }, { id: 700012, name: 'Careers always on', status: 'ACTIVE', campaignGroup: 'urn:li:sponsoredCampaignGroup:700003' });
	});
	afterAll(async () => {
		await google.stop();
		await meta.stop();
		await li.stop();
	});

	const googleCtx = (extra: IDataObject = {}, token?: string) => pickerContext(googleUrl, { googleAdsApiVersion: 'v26', customerId: fromList('1234567890'), ...extra }, token);

	it('lists the picked Google Ads customer\'s campaigns (not removed) by name, over every result page', async () => {
		const all = await listSearch.searchGoogleAdsCampaigns.call(googleCtx());
		expect(all.results).toEqual([
			{ name: 'Brand 100% [old] · paused', value: '113' },
			{ name: 'JA | Hikers | search | ad-2 · enabled', value: '112' },
			{ name: 'JA | Runners | search | ad-1 · paused', value: '111' },
		]);
		// The server pages by two: the third campaign came from the second page.
		const searches = google.requests.filter((r) => r.url.endsWith('/customers/1234567890/googleAds:search'));
		expect(searches.some((r) => typeof (r.body as IDataObject).pageToken === 'string')).toBe(true);
		const runners = await listSearch.searchGoogleAdsCampaigns.call(googleCtx(), 'Runners');
		expect(runners.results.map((r) => r.value)).toEqual(['111']);
		// LIKE's wildcards in what is typed are taken literally.
		const percent = await listSearch.searchGoogleAdsCampaigns.call(googleCtx(), '100%');
		expect(percent.results.map((r) => r.value)).toEqual(['113']);
		const other = await listSearch.searchGoogleAdsCampaigns.call(googleCtx({ customerId: { __rl: true, mode: 'id', value: '987-654-3210' } }));
		expect(other.results.map((r) => r.value)).toEqual(['999']);
	});

	it('lists the Google Ads ad groups of the picked campaign, named with their campaign', async () => {
		const groups = await listSearch.searchGoogleAdsAdGroups.call(googleCtx({ googleAdsCampaign: fromList('111') }));
		expect(groups.results).toEqual([
			{ name: 'Runners core (JA | Runners | search | ad-1) · paused', value: '211' },
			{ name: 'Runners trail (JA | Runners | search | ad-1) · paused', value: '212' },
		]);
		const trail = await listSearch.searchGoogleAdsAdGroups.call(googleCtx({ googleAdsCampaign: fromList('111') }), 'trail');
		expect(trail.results.map((r) => r.value)).toEqual(['212']);
		const every = await listSearch.searchGoogleAdsAdGroups.call(googleCtx());
		expect(every.results.map((r) => r.value).sort()).toEqual(['211', '212', '213']);
	});

	it('asks for the customer first, and turns a refused Google token into an API error with its status', async () => {
		await expect(listSearch.searchGoogleAdsCampaigns.call(pickerContext(googleUrl, { googleAdsApiVersion: 'v26' }))).rejects.toThrow('Pick the customer first');
		await expect(listSearch.searchGoogleAdsCampaigns.call(googleCtx({}, 'wrong-token'))).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '401' });
	});

	it('lists the picked Meta ad account\'s campaigns by name, 100 a page with the after cursor', async () => {
		const ctx = pickerContext(metaUrl, { metaApiVersion: 'v26.0', metaAuthentication: 'accessToken', adAccountId: fromList('act_111222333') }, 'test-meta-token');
		const first = await listSearch.searchMetaCampaigns.call(ctx);
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'JA | Runners | social | ad-0 · paused', value: '23850000000100' });
		expect(typeof first.paginationToken).toBe('string');
		const second = await listSearch.searchMetaCampaigns.call(ctx, undefined, first.paginationToken as string);
		expect(second.results.map((r) => r.value)).toEqual(['23850000000200', '23850000000201', '23850000000202', '23850000000203', '23850000000204', '23850000000999']);
		expect(second.paginationToken).toBeUndefined();
		const sale = await listSearch.searchMetaCampaigns.call(ctx, 'Spring');
		expect(sale.results).toEqual([{ name: 'Spring sale · active', value: '23850000000999' }]);
		const sent = meta.requests.filter((r) => r.url.includes('/act_111222333/campaigns')).pop();
		expect(new URL(sent!.url, 'http://x').searchParams.get('fields')).toBe('id,name,status');
	});

	it('lists the Meta ad sets of the picked campaign', async () => {
		const ctx = pickerContext(metaUrl, { metaApiVersion: 'v26.0', metaAuthentication: 'accessToken', adAccountId: fromList('act_111222333'), metaCampaign: fromList('23850000000999') }, 'test-meta-token');
		const sets = await listSearch.searchMetaAdSets.call(ctx);
		expect(sets.results).toEqual([{ name: 'Sale set · active', value: '23850000001002' }]);
	});

	it('turns a refused Meta token into an API error with its status', async () => {
		const ctx = pickerContext(metaUrl, { metaApiVersion: 'v26.0', metaAuthentication: 'accessToken', adAccountId: fromList('act_111222333') }, 'wrong-token');
		await expect(listSearch.searchMetaCampaigns.call(ctx)).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '401' });
	});

	it('lists the LinkedIn campaign groups and campaigns that are live, campaigns of the picked group', async () => {
		const base = { linkedInVersion: '202608', linkedInAdAccountId: fromList('508000001') };
		const groups = await listSearch.searchLinkedInCampaignGroups.call(pickerContext(liUrl, base, 'test-linkedin-token'));
		expect(groups.results).toEqual([
			{ name: 'JA | Engineers (700001) · draft', value: '700001' },
			{ name: 'Careers (700003) · active', value: '700003' },
		]);
		const careers = await listSearch.searchLinkedInCampaigns.call(pickerContext(liUrl, { ...base, linkedInCampaignGroup: fromList('700003') }, 'test-linkedin-token'));
		expect(careers.results).toEqual([{ name: 'Careers always on (700012) · active', value: '700012' }]);
		const engineers = await listSearch.searchLinkedInCampaigns.call(pickerContext(liUrl, base, 'test-linkedin-token'), 'engineers');
		expect(engineers.results.map((r) => r.value)).toEqual(['700011']);
		const sent = li.requests.filter((r) => r.url.includes('/adCampaigns?')).shift();
		expect(sent!.url).toBe('/rest/adAccounts/508000001/adCampaigns?q=search&search=(campaignGroup:(values:List(urn%3Ali%3AsponsoredCampaignGroup%3A700003)),status:(values:List(ACTIVE,PAUSED,DRAFT)))&start=0&count=100');
		await expect(listSearch.searchLinkedInCampaigns.call(pickerContext(liUrl, base, 'wrong-token'))).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '401' });
	});
});

describe('The local servers refuse what the platforms refuse on the pickers\' endpoints', () => {
	const transport = createHttpTransport({ apiKey: 'test-linkedin-token' });

	it('LinkedIn ad account search: version and Rest.li headers required, q=search required', async () => {
		const li = createLinkedInServer();
		const url = await li.start();
		try {
			const get = async (path: string, headers: Record<string, string>) => await transport({ method: 'GET', url: `${url}${path}`, headers, timeoutMs: 5000 });
			const ok = { 'Linkedin-Version': '202608', 'X-Restli-Protocol-Version': '2.0.0' };
			expect((await get('/rest/adAccounts?q=search', ok)).statusCode).toBe(200);
			expect((await get('/rest/adAccounts?q=search', { 'X-Restli-Protocol-Version': '2.0.0' })).statusCode).toBe(400);
			expect((await get('/rest/adAccounts?q=search', { 'Linkedin-Version': '202608' })).statusCode).toBe(400);
			expect((await get('/rest/adAccounts?q=search', { ...ok, 'Linkedin-Version': '202301' })).statusCode).toBe(426);
			expect((await get('/rest/adAccounts', ok)).statusCode).toBe(422);
			expect((await get('/rest/adAccounts?q=search&search=(status:ACTIVE)', ok)).statusCode).toBe(422);
		} finally {
			await li.stop();
		}
	});

	it('Google Ads search: a field GAQL does not have is refused as UNRECOGNIZED_FIELD', async () => {
		const google = createGoogleAdsServer();
		const url = await google.start();
		try {
			const response = await createHttpTransport({ apiKey: 'test-access-token' })({
				method: 'POST',
				url: `${url}/v26/customers/1234567890/googleAds:search`,
				headers: { 'developer-token': 'test-developer-token', 'content-type': 'application/json' },
				body: { query: 'SELECT campaign.id, campaign.title FROM campaign' },
				timeoutMs: 5000,
			});
			expect(response.statusCode).toBe(400);
			expect(JSON.stringify(response.body)).toContain('UNRECOGNIZED_FIELD');
		} finally {
			await google.stop();
		}
	});

	it('Meta campaigns edge: a field campaigns do not have is refused with code 100', async () => {
		const meta = createMetaServer();
		const url = await meta.start();
		try {
			const response = await createHttpTransport({ apiKey: 'test-meta-token' })({ method: 'GET', url: `${url}/v26.0/act_111222333/campaigns?fields=id,title`, timeoutMs: 5000 });
			expect(response.statusCode).toBe(400);
			expect((response.body as { error: { code: number; message: string } }).error).toMatchObject({ code: 100, message: expect.stringContaining('nonexisting field (title)') });
		} finally {
			await meta.stop();
		}
	});
});
