import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isFailure, newRetryRng, sendIdempotent } from '../../../../lib/deploy/platformHttp';
import {
	accessibleCustomerIds,
	googleAdsError,
	normalizeCustomerId,
	searchAll,
} from '../../../../lib/deploy/googleAds';
import { adAccountsFrom, metaError, normalizeAdAccountId } from '../../../../lib/deploy/meta';
import {
	googleAdsAdGroupQuery,
	googleAdsCampaignQuery,
	googleAdsPickerEntries,
	linkedInPickerPage,
	linkedInPickerPath,
	metaPickerPage,
	metaPickerQuery,
} from '../../../../lib/deploy/pickers';
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

/** LinkedIn ad accounts the member reaches (`/rest/adAccounts?q=search`), a page at a time. */
export async function searchLinkedInAdAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await linkedInPicker(this, 'adAccounts', filter, paginationToken);
}

/** Campaign groups of the picked LinkedIn ad account (the level above campaigns). */
export async function searchLinkedInCampaignGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await linkedInPicker(this, 'adCampaignGroups', filter, paginationToken);
}

/** Campaigns of the picked LinkedIn ad account, of the picked campaign group when one is. */
export async function searchLinkedInCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await linkedInPicker(this, 'adCampaigns', filter, paginationToken);
}

/** Google Ads campaigns (not removed) of the picked customer, by name. */
export async function searchGoogleAdsCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await googleAdsPicker(this, googleAdsCampaignQuery(filter ?? ''), 'campaign');
}

/** Google Ads ad groups (not removed) of the picked customer and campaign, by name. */
export async function searchGoogleAdsAdGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const campaignId = picked(this, 'googleAdsCampaign');
	return await googleAdsPicker(this, googleAdsAdGroupQuery(campaignId, filter ?? ''), 'adGroup');
}

/** Campaigns of the picked Meta ad account (`/act_<id>/campaigns`), by name, a page at a time. */
export async function searchMetaCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await metaPicker(this, 'campaigns', metaPickerQuery(filter ?? '', '', paginationToken));
}

/** Ad sets of the picked Meta ad account and campaign (`/act_<id>/adsets`), by name. */
export async function searchMetaAdSets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const campaignId = picked(this, 'metaCampaign');
	return await metaPicker(this, 'adsets', metaPickerQuery(filter ?? '', campaignId, paginationToken));
}

/** The value of a resource locator the user already set on the node ('' when none). */
function picked(ctx: ILoadOptionsFunctions, name: string): string {
	const value = ctx.getCurrentNodeParameter(name, { extractValue: true });
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

function pickedOrThrow(ctx: ILoadOptionsFunctions, name: string, what: string): string {
	const value = picked(ctx, name);
	if (!value) throw new NodeOperationError(ctx.getNode(), `Pick the ${what} first`, { description: `The list is read from the ${what} set above.` });
	return value;
}

async function googleAdsPicker(
	ctx: ILoadOptionsFunctions,
	query: string,
	resource: 'campaign' | 'adGroup',
): Promise<INodeListSearchResult> {
	const version = (ctx.getNodeParameter('googleAdsApiVersion', 'v26') as string) || 'v26';
	const customerId = normalizeCustomerId(pickedOrThrow(ctx, 'customerId', 'customer'));
	const request = await googleAdsRequestFn(ctx, 30000);
	const found = await searchAll(request, version, customerId, query, nodeRetryOptions(2, 5000));
	if (isFailure(found)) throw platformApiError(ctx.getNode(), 'Google Ads', found.failed);
	return { results: googleAdsPickerEntries(found.rows, resource) };
}

async function metaPicker(
	ctx: ILoadOptionsFunctions,
	edge: 'campaigns' | 'adsets',
	query: Record<string, string>,
): Promise<INodeListSearchResult> {
	const version = (ctx.getNodeParameter('metaApiVersion', 'v26.0') as string) || 'v26.0';
	const account = normalizeAdAccountId(pickedOrThrow(ctx, 'adAccountId', 'ad account'));
	const request = await metaRequestFn(
		ctx,
		ctx.getNodeParameter('metaAuthentication', 'accessToken') as string,
		30000,
	);
	const retry = nodeRetryOptions(2, 5000);
	const response = await sendIdempotent(
		request,
		{ method: 'GET', path: `/${version}/${account}/${edge}`, query },
		metaError,
		retry,
		newRetryRng(retry),
	);
	if (isFailure(response)) throw platformApiError(ctx.getNode(), 'Meta', response.failed);
	return metaPickerPage(response.body);
}

async function linkedInPicker(
	ctx: ILoadOptionsFunctions,
	kind: 'adAccounts' | 'adCampaignGroups' | 'adCampaigns',
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const version = (ctx.getNodeParameter('linkedInVersion', '202608') as string) || '202608';
	const account =
		kind === 'adAccounts' ? '' : pickedOrThrow(ctx, 'linkedInAdAccountId', 'ad account').replace(/^urn:li:sponsoredAccount:/, '');
	const group = kind === 'adCampaigns' ? picked(ctx, 'linkedInCampaignGroup') : '';
	const start = Number(paginationToken ?? 0) || 0;
	const request = await linkedInRequestFn(ctx, 30000);
	const retry = nodeRetryOptions(2, 5000);
	const response = await sendIdempotent(
		request,
		{ method: 'GET', path: linkedInPickerPath(kind, account, start, group), headers: linkedInHeaders(version) },
		linkedInError,
		retry,
		newRetryRng(retry),
	);
	if (isFailure(response)) throw platformApiError(ctx.getNode(), 'LinkedIn', response.failed);
	return linkedInPickerPage(response.body, filter ?? '');
}
