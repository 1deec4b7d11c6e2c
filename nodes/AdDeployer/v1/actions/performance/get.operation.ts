import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { PlatformRequestError } from '../../../../../lib/deploy/platformHttp';
import { adIdFromAdGroupAd, fetchGoogleAdsPerformance } from '../../../../../lib/deploy/googleAds';
import { fetchMetaPerformance } from '../../../../../lib/deploy/meta';
import { metaRequestFn } from '../../transport/meta';
import { fetchLinkedInPerformance } from '../../../../../lib/deploy/linkedin';
import { linkedInRequestFn } from '../../transport/linkedin';
import { googleAdsRequestFn } from '../../transport/googleAds';
import { nodeRetryOptions, platformApiError } from '../../transport/platform';
import {
	campaignPickerProperties,
	googleAdsAccountProperties,
	linkedInAccountProperties,
	metaAccountProperties,
	platformProperty,
	retryOptionProperties,
} from '../platform.descriptions';
import { pickedId } from '../picked';
import type { ItemOperation } from '../types';

const properties: INodeProperties[] = [
	platformProperty,
	...googleAdsAccountProperties,
	...metaAccountProperties,
	...linkedInAccountProperties,
	...campaignPickerProperties,
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: "={{ $today.minus({ days: 7 }).toFormat('yyyy-MM-dd') }}",
		required: true,
		description: "First day, YYYY-MM-DD, in the account's time zone",
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'string',
		default: "={{ $today.minus({ days: 1 }).toFormat('yyyy-MM-dd') }}",
		required: true,
		description: 'Last day, YYYY-MM-DD (inclusive)',
	},
	{
		displayName: 'Campaign Name Prefix',
		name: 'campaignNamePrefix',
		type: 'string',
		default: 'JA | ',
		description:
			'Only campaigns whose name starts with this; the default reads the campaigns this node created. Empty: all campaigns. Not applied when a campaign or ad group is picked.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: retryOptionProperties,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['performance'], operation: ['get'] } },
	properties,
);

/** The name prefix filter, unless the user picked a campaign or ad group (then that decides). */
function namePrefix(ctx: IExecuteFunctions, i: number, ...pickers: string[]): string {
	if (pickers.some((name) => pickedId(ctx, name, i))) return '';
	return ctx.getNodeParameter('campaignNamePrefix', i, '') as string;
}

/**
 * One query per input item. An input that is a Campaign → Deploy result for Google Ads narrows the
 * rows to its ad and names our ad id from it (the stored remote id); any other input reads every
 * matching campaign, naming our ad id from the ad's utm_content.
 */
async function getGoogleAds(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const json = this.getInputData()[i].json;
	const o = this.getNodeParameter('options', i, {}) as IDataObject;
	const request = await googleAdsRequestFn(this, Number(o.timeoutMs ?? 60000));
	const retry = nodeRetryOptions(Number(o.maxAttempts ?? 4), Number(o.maxRetryWaitMs ?? 60000));
	const knownAds: Record<string, string> = {};
	const remoteIds = (json.remoteIds ?? {}) as IDataObject;
	const stored =
		json.platform === 'google_ads' && typeof remoteIds.adGroupAd === 'string'
			? remoteIds.adGroupAd
			: undefined;
	const storedAdId = stored ? adIdFromAdGroupAd(stored) : null;
	if (storedAdId && typeof json.adId === 'string') knownAds[storedAdId] = json.adId;
	const rows = await fetchGoogleAdsPerformance(
		request,
		{
			customerId: this.getNodeParameter('customerId', i, '', { extractValue: true }) as string,
			apiVersion: this.getNodeParameter('googleAdsApiVersion', i) as string,
			startDate: this.getNodeParameter('startDate', i) as string,
			endDate: this.getNodeParameter('endDate', i) as string,
			campaignNamePrefix: namePrefix(this, i, 'googleAdsCampaign', 'googleAdsAdGroup'),
			knownAds,
			adGroupAd: stored,
			campaignId: pickedId(this, 'googleAdsCampaign', i),
			adGroupId: pickedId(this, 'googleAdsAdGroup', i),
		},
		retry,
	).catch((error: unknown) => {
		throw error instanceof PlatformRequestError
			? platformApiError(this.getNode(), 'Google Ads', error.platformError, i)
			: error;
	});
	return rows.map((row) => ({ json: row as unknown as IDataObject, pairedItem: { item: i } }));
}

async function getMeta(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const json = this.getInputData()[i].json;
	const o = this.getNodeParameter('options', i, {}) as IDataObject;
	const request = await metaRequestFn(
		this,
		this.getNodeParameter('metaAuthentication', i) as string,
		Number(o.timeoutMs ?? 60000),
	);
	const retry = nodeRetryOptions(Number(o.maxAttempts ?? 4), Number(o.maxRetryWaitMs ?? 60000));
	const remoteIds = (json.remoteIds ?? {}) as IDataObject;
	const stored =
		json.platform === 'meta' && typeof remoteIds.ad === 'string' ? remoteIds.ad : undefined;
	const knownAds: Record<string, string> =
		stored && typeof json.adId === 'string' ? { [stored]: json.adId } : {};
	const rows = await fetchMetaPerformance(
		request,
		{
			adAccountId: this.getNodeParameter('adAccountId', i, '', { extractValue: true }) as string,
			apiVersion: this.getNodeParameter('metaApiVersion', i) as string,
			startDate: this.getNodeParameter('startDate', i) as string,
			endDate: this.getNodeParameter('endDate', i) as string,
			campaignNameContains: namePrefix(this, i, 'metaCampaign', 'metaAdSet'),
			knownAds,
			adIdRemote: stored,
			campaignIdRemote: pickedId(this, 'metaCampaign', i),
			adSetIdRemote: pickedId(this, 'metaAdSet', i),
		},
		retry,
	).catch((error: unknown) => {
		throw error instanceof PlatformRequestError
			? platformApiError(this.getNode(), 'Meta', error.platformError, i)
			: error;
	});
	return rows.map((row) => ({ json: row as unknown as IDataObject, pairedItem: { item: i } }));
}

/** LinkedIn has no campaign-name filter in adAnalytics: rows are per creative of the account. */
async function getLinkedIn(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const json = this.getInputData()[i].json;
	const o = this.getNodeParameter('options', i, {}) as IDataObject;
	const request = await linkedInRequestFn(this, Number(o.timeoutMs ?? 60000));
	const retry = nodeRetryOptions(Number(o.maxAttempts ?? 4), Number(o.maxRetryWaitMs ?? 60000));
	const remoteIds = (json.remoteIds ?? {}) as IDataObject;
	const stored =
		json.platform === 'linkedin' && typeof remoteIds.creative === 'string'
			? remoteIds.creative
			: undefined;
	const rows = await fetchLinkedInPerformance(
		request,
		{
			adAccountId: this.getNodeParameter('linkedInAdAccountId', i, '', {
				extractValue: true,
			}) as string,
			version: this.getNodeParameter('linkedInVersion', i) as string,
			startDate: this.getNodeParameter('startDate', i) as string,
			endDate: this.getNodeParameter('endDate', i) as string,
			currency: String(this.getNodeParameter('linkedInCurrency', i, 'USD')).toUpperCase(),
			knownCreatives: stored && typeof json.adId === 'string' ? { [stored]: json.adId } : {},
			campaignGroupId: pickedId(this, 'linkedInCampaignGroup', i),
			campaignId: pickedId(this, 'linkedInCampaign', i),
		},
		retry,
	).catch((error: unknown) => {
		throw error instanceof PlatformRequestError
			? platformApiError(this.getNode(), 'LinkedIn', error.platformError, i)
			: error;
	});
	const mine = stored ? rows.filter((r) => r.remoteAdId === stored) : rows;
	return mine.map((row) => ({ json: row as unknown as IDataObject, pairedItem: { item: i } }));
}

async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const platform = this.getNodeParameter('platform', i) as string;
	if (platform === 'meta') return await getMeta.call(this, i);
	if (platform === 'linkedin') return await getLinkedIn.call(this, i);
	return await getGoogleAds.call(this, i);
}

export const operation: ItemOperation = { kind: 'items', description, execute };
