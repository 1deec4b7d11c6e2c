import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isFailure, newRetryRng, sendIdempotent } from '../../../../lib/deploy/platformHttp';
import { accessibleCustomerIds, googleAdsError } from '../../../../lib/deploy/googleAds';
import { adAccountsFrom, metaError } from '../../../../lib/deploy/meta';
import { googleAdsRequestFn } from '../transport/googleAds';
import { metaRequestFn } from '../transport/meta';
import { linkedInHeaders, linkedInError } from '../../../../lib/deploy/linkedin';
import { linkedInRequestFn } from '../transport/linkedin';
import { nodeRetryOptions, platformApiError } from '../transport/platform';

/** Google Ads accounts the signed-in user reaches (customers:listAccessibleCustomers). */
export async function searchGoogleAdsCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const version = (this.getNodeParameter('googleAdsApiVersion', 'v26') as string) || 'v26';
	const request = await googleAdsRequestFn(this, 30000);
	const retry = nodeRetryOptions(2, 5000);
	const response = await sendIdempotent(
		request,
		{ method: 'GET', path: `/${version}/customers:listAccessibleCustomers` },
		googleAdsError,
		retry,
		newRetryRng(retry),
	);
	if (isFailure(response)) throw platformApiError(this.getNode(), 'Google Ads', response.failed);
	const shown = (id: string) => `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6)}`;
	const wanted = (filter ?? '').replace(/-/g, '');
	return {
		results: accessibleCustomerIds(response.body)
			.filter((id) => !wanted || id.includes(wanted))
			.map((id) => ({ name: shown(id), value: id })),
	};
}

/** Meta ad accounts the token reaches (`/me/adaccounts`). */
export async function searchMetaAdAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const version = (this.getNodeParameter('metaApiVersion', 'v26.0') as string) || 'v26.0';
	const request = await metaRequestFn(
		this,
		this.getNodeParameter('metaAuthentication', 'accessToken') as string,
		30000,
	);
	const retry = nodeRetryOptions(2, 5000);
	const response = await sendIdempotent(
		request,
		{
			method: 'GET',
			path: `/${version}/me/adaccounts`,
			query: { fields: 'id,name,account_id', limit: '200' },
		},
		metaError,
		retry,
		newRetryRng(retry),
	);
	if (isFailure(response)) throw platformApiError(this.getNode(), 'Meta', response.failed);
	const wanted = (filter ?? '').toLowerCase();
	return {
		results: adAccountsFrom(response.body)
			.filter((a) => !wanted || a.name.toLowerCase().includes(wanted) || a.id.includes(wanted))
			.map((a) => ({ name: `${a.name} (${a.id})`, value: a.id })),
	};
}

/** LinkedIn ad accounts the member reaches (`/rest/adAccounts?q=search`). */
export async function searchLinkedInAdAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const version = (this.getNodeParameter('linkedInVersion', '202608') as string) || '202608';
	const request = await linkedInRequestFn(this, 30000);
	const retry = nodeRetryOptions(2, 5000);
	const response = await sendIdempotent(
		request,
		{ method: 'GET', path: '/rest/adAccounts?q=search', headers: linkedInHeaders(version) },
		linkedInError,
		retry,
		newRetryRng(retry),
	);
	if (isFailure(response)) throw platformApiError(this.getNode(), 'LinkedIn', response.failed);
	const elements =
		(response.body as { elements?: Array<{ id?: unknown; name?: unknown }> } | null)?.elements ??
		[];
	const wanted = (filter ?? '').toLowerCase();
	return {
		results: elements
			.map((e) => ({ id: String(e.id ?? ''), name: String(e.name ?? e.id ?? '') }))
			.filter(
				(a) => a.id && (!wanted || a.name.toLowerCase().includes(wanted) || a.id.includes(wanted)),
			)
			.map((a) => ({ name: `${a.name} (${a.id})`, value: a.id })),
	};
}
