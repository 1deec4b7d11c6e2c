import type { IDataObject, IExecuteFunctions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { AdVariant, DeploymentResult } from '../../../../../lib/contracts';
import { deploymentResult, platformOf } from '../../../../../lib/deploy';
import {
	deployGoogleAd,
	type GoogleAdsBidding,
	type GoogleAdsDeployOutcome,
	type GoogleAdsMatchType,
} from '../../../../../lib/deploy/googleAds';
import { findPii } from '../../../../../lib/llm/guard';
import { splitList } from '../../../../shared/params';
import { googleAdsRequestFn, GOOGLE_ADS_CREDENTIAL } from '../../transport/googleAds';
import { nodeRetryOptions, platformApiError } from '../../transport/platform';
import { gateProperties } from '../common.descriptions';
import { googleAdsAccountProperties, platformProperty, retryOptionProperties } from '../platform.descriptions';
import type { AdmittedAd, AdOperation, AdOperationOutput } from '../types';

const CHANNELS: Record<string, readonly string[]> = { googleAds: ['google_search'] };
const PLATFORM_NAMES: Record<string, string> = { googleAds: 'Google Ads' };

const properties: INodeProperties[] = [
	platformProperty,
	...googleAdsAccountProperties,
	...gateProperties,
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: true,
		description:
			'Whether to only validate: Google Ads checks the whole request (validateOnly) and creates nothing. Turn off to create the campaigns.',
	},
	{
		displayName: 'Status of What Is Created',
		name: 'createStatus',
		type: 'options',
		options: [
			{ name: 'Paused', value: 'paused', description: 'Nothing serves until you enable it in the platform' },
			{ name: 'Enabled (Live, Spends Money)', value: 'enabled', description: 'Campaigns, ad groups and ads start serving at once' },
		],
		default: 'paused',
		description: 'Status of every campaign, ad group and ad the node creates. Going live is a deliberate choice here.',
	},
	{
		displayName: 'Daily Budget',
		name: 'dailyBudget',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 10,
		description: "Daily budget of each new campaign, in the ad account's currency",
	},
	{
		displayName: 'Bidding',
		name: 'bidding',
		type: 'options',
		displayOptions: { show: { platform: ['googleAds'] } },
		options: [
			{ name: 'Maximize Clicks', value: 'maximizeClicks' },
			{ name: 'Maximize Conversions', value: 'maximizeConversions' },
			{ name: 'Manual CPC', value: 'manualCpc', description: 'Without Enhanced CPC, which Google no longer allows on new Search campaigns' },
		],
		default: 'maximizeClicks',
	},
	{
		displayName: 'Max CPC',
		name: 'maxCpc',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 1,
		displayOptions: { show: { platform: ['googleAds'], bidding: ['manualCpc'] } },
		description: "Default maximum cost per click of each new ad group, in the account's currency",
	},
	{
		displayName: 'Keywords',
		name: 'keywords',
		type: 'string',
		default: "={{ ($json.keywords || []).join(', ') }}",
		displayOptions: { show: { platform: ['googleAds'] } },
		description:
			"Comma-separated keywords for this ad's ad group (those already there are not added again). By default the item's own keywords; point it at the persona's, read from the Persona Builder's paired item.",
	},
	{
		displayName: 'Match Type',
		name: 'matchType',
		type: 'options',
		displayOptions: { show: { platform: ['googleAds'] } },
		options: [
			{ name: 'Broad', value: 'BROAD' },
			{ name: 'Phrase', value: 'PHRASE' },
			{ name: 'Exact', value: 'EXACT' },
		],
		default: 'PHRASE',
	},
	{
		displayName: 'EU Political Advertising',
		name: 'euPolitical',
		type: 'options',
		displayOptions: { show: { platform: ['googleAds'] } },
		options: [
			{ name: 'From the Bias Auditor', value: 'fromAudit', description: 'Contains political advertising when the Auditor found the issues/elections/politics category' },
			{ name: 'Contains', value: 'contains' },
			{ name: 'Does Not Contain', value: 'doesNotContain' },
		],
		default: 'fromAudit',
		description: 'What every new campaign declares, as Google requires (campaigns that contain it do not serve in the EU)',
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

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['deploy'] } }, properties);

function fieldList(ad: AdVariant, name: string): string[] {
	const v = ad.fields[name];
	return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
}

function fieldText(ad: AdVariant, name: string): string | undefined {
	const v = ad.fields[name];
	return typeof v === 'string' && v ? v : undefined;
}

/** Everything of the ad that would leave in a request, checked for personal data first. */
function piiIn(ad: AdVariant, keywords: string[]): string[] {
	const texts = [...Object.values(ad.fields).flat(), ...keywords, ad.finalUrl];
	return [...new Set(texts.flatMap((t) => findPii(String(t)).map((f) => f.kind)))];
}

function summary(outcome: GoogleAdsDeployOutcome, dryRun: boolean): string {
	if (dryRun) return 'Validated by Google Ads (validateOnly): nothing was created.';
	const made = outcome.createdObjects.length ? `created ${[...new Set(outcome.createdObjects)].join(', ')}` : 'nothing new to create';
	const reused = outcome.reused.length ? `; reused ${outcome.reused.join(', ')} found by name` : '';
	return `Google Ads: ${made}${reused}.`;
}

async function deployGoogle(ctx: IExecuteFunctions, admitted: AdmittedAd[]): Promise<Map<number, DeploymentResult>> {
	const results = new Map<number, DeploymentResult>();
	const first = admitted[0].index;
	const o = ctx.getNodeParameter('options', first, {}) as IDataObject;
	const request = await googleAdsRequestFn(ctx, Number(o.timeoutMs ?? 60000));
	const retry = nodeRetryOptions(Number(o.maxAttempts ?? 4), Number(o.maxRetryWaitMs ?? 60000));
	for (const a of admitted) {
		const i = a.index;
		const dryRun = ctx.getNodeParameter('dryRun', i) as boolean;
		const base = { adId: a.ad.adId, platform: 'google_ads', dryRun, segmentId: a.ad.segmentId, channel: a.ad.channel, names: a.names };
		if (!CHANNELS.googleAds.includes(a.ad.channel)) {
			results.set(i, deploymentResult({ ...base, platform: platformOf(a.ad.channel) }, {
				status: 'skipped',
				reason: 'channel',
				message: `Skipped: Google Ads takes google_search ads here; this ad is for ${a.ad.channel}.`,
			}));
			continue;
		}
		const keywords = splitList(ctx.getNodeParameter('keywords', i, '')) ?? [];
		const pii = piiIn(a.ad, keywords);
		if (pii.length) {
			results.set(i, deploymentResult(base, {
				status: 'failed',
				reason: 'pii',
				message: `Refused: the ad or its keywords contain personal data (${pii.join(', ')}); nothing was sent.`,
			}));
			continue;
		}
		const euPolitical = ctx.getNodeParameter('euPolitical', i) as string;
		const outcome = await deployGoogleAd(
			request,
			{
				customerId: ctx.getNodeParameter('customerId', i, '', { extractValue: true }) as string,
				apiVersion: ctx.getNodeParameter('googleAdsApiVersion', i) as string,
				names: { budget: a.names.campaign, campaign: a.names.campaign, adGroup: a.names.adGroup },
				ad: {
					adId: a.ad.adId,
					finalUrl: a.ad.finalUrl,
					headlines: fieldList(a.ad, 'headlines'),
					headlinePins: fieldList(a.ad, 'headlinePins'),
					descriptions: fieldList(a.ad, 'descriptions'),
					descriptionPins: fieldList(a.ad, 'descriptionPins'),
					path1: fieldText(a.ad, 'path1'),
					path2: fieldText(a.ad, 'path2'),
				},
				keywords,
				settings: {
					dailyBudget: ctx.getNodeParameter('dailyBudget', i) as number,
					bidding: ctx.getNodeParameter('bidding', i) as GoogleAdsBidding,
					maxCpc: ctx.getNodeParameter('maxCpc', i, 1) as number,
					matchType: ctx.getNodeParameter('matchType', i) as GoogleAdsMatchType,
					containsEuPoliticalAdvertising:
						euPolitical === 'contains' ||
						(euPolitical === 'fromAudit' && (a.ad.audit?.specialAdCategories ?? []).includes('issues_elections_politics')),
					status: ctx.getNodeParameter('createStatus', i) === 'enabled' ? 'ENABLED' : 'PAUSED',
				},
				validateOnly: dryRun,
			},
			retry,
		);
		if (outcome.error?.fatal) throw platformApiError(ctx.getNode(), 'Google Ads', outcome.error, i);
		const warnings = outcome.operationFailures.map((f) => `${f.object}${f.keyword ? ` "${f.keyword}"` : ''} not created: ${f.message} (${f.code})`);
		const requestId = outcome.error?.requestId ?? undefined;
		const result =
			outcome.status === 'failed'
				? deploymentResult(base, {
						status: 'failed',
						reason: 'platform',
						message: `Google Ads refused: ${outcome.error?.message ?? 'unknown error'}${outcome.error?.code ? ` (${outcome.error.code})` : ''}`,
						...(requestId ? { requestId } : {}),
					})
				: deploymentResult(base, { status: outcome.status, message: summary(outcome, dryRun), remoteIds: outcome.remoteIds, warnings });
		// Objects a failed run did create are kept on the result, so they can be found and removed.
		if (outcome.status === 'failed' && Object.keys(outcome.remoteIds).length) result.remoteIds = outcome.remoteIds;
		result.requests = outcome.requests;
		results.set(i, result);
	}
	return results;
}

async function execute(this: IExecuteFunctions, admitted: AdmittedAd[]): Promise<AdOperationOutput> {
	const platform = this.getNodeParameter('platform', 0) as string;
	if (!PLATFORM_NAMES[platform]) throw new Error(`Unknown platform "${platform}"`);
	const results = await deployGoogle(this, admitted);
	return { results, deliverables: [] };
}

export const operation: AdOperation = {
	kind: 'ads',
	description,
	isDryRun(this: IExecuteFunctions, itemIndex: number) {
		return this.getNodeParameter('dryRun', itemIndex) as boolean;
	},
	execute,
};

/** Credentials of the platforms, each shown when its platform is chosen. */
export const PLATFORM_CREDENTIALS: INodeCredentialDescription[] = [
	{ name: GOOGLE_ADS_CREDENTIAL, required: true, displayOptions: { show: { resource: ['campaign', 'performance'], platform: ['googleAds'] } } },
];
