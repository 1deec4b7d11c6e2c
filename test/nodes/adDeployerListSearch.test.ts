import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { listSearch } from '../../nodes/AdDeployer/v1/methods';
import { createGoogleAdsServer, type GoogleAdsServer } from '../support/google-ads-server';
import { createHttpTransport } from '../support/http-transport';
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
		getCredentials: async () => ({ baseUrl }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const query = new URLSearchParams((options.qs ?? {}) as Record<string, string>).toString();
				const url = query ? `${options.url}${options.url.includes('?') ? '&' : '?'}${query}` : options.url;
				const response = await transport({
					method: (options.method ?? 'GET') as 'GET' | 'POST',
					url,
					headers: options.headers as Record<string, string>,
					body: options.body,
					timeoutMs: 5000,
				});
				return { statusCode: response.statusCode, headers: response.headers, body: response.body };
			},
		},
	};
	return ctx as unknown as ILoadOptionsFunctions;
}

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
});
