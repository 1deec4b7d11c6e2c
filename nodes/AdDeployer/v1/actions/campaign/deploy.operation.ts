import type { IExecuteFunctions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DeploymentResult } from '../../../../../lib/contracts';
import { META_OBJECTIVES } from '../../../../../lib/deploy/meta';
import { deploymentResult, platformOf } from '../../../../../lib/deploy';
import { GOOGLE_ADS_CREDENTIAL } from '../../transport/googleAds';
import { LINKEDIN_CREDENTIAL } from '../../transport/linkedin';
import { META_CREDENTIAL, META_LOGIN_CREDENTIAL_TYPE } from '../../transport/meta';
import { gateProperties } from '../common.descriptions';
import {
	existingCampaignProperties,
	googleAdsAccountProperties,
	linkedInAccountProperties,
	metaAccountProperties,
	platformProperty,
	retryOptionProperties,
} from '../platform.descriptions';
import type { AdmittedAd, AdOperation, AdOperationOutput } from '../types';
import { deployGoogle } from './googleAds';
import { deployLinkedIn } from './linkedin';
import { deployMeta } from './meta';

const CHANNELS: Record<string, readonly string[]> = {
	googleAds: ['google_search'],
	meta: ['meta_feed'],
	linkedin: ['linkedin'],
};
const PLATFORM_NAMES: Record<string, string> = {
	googleAds: 'Google Ads',
	meta: 'Meta',
	linkedin: 'LinkedIn',
};

const properties: INodeProperties[] = [
	platformProperty,
	...googleAdsAccountProperties,
	...metaAccountProperties,
	...linkedInAccountProperties,
	...existingCampaignProperties,
	{
		displayName: 'Organization URN',
		name: 'linkedInOrganization',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'urn:li:organization:12345',
		displayOptions: { show: { platform: ['linkedin'] } },
		description: 'The LinkedIn Page (organization) the Sponsored Content is posted as',
	},
	{
		displayName: 'Locations',
		name: 'linkedInLocations',
		type: 'string',
		default: 'urn:li:geo:103644278',
		displayOptions: { show: { platform: ['linkedin'] } },
		description:
			'Comma-separated location URNs the campaigns target (urn:li:geo:103644278 is the United States)',
	},
	{
		displayName: 'Locale',
		name: 'linkedInLocale',
		type: 'string',
		default: 'en_US',
		displayOptions: { show: { platform: ['linkedin'] } },
		description: 'Language and country of the campaigns, as language_COUNTRY',
	},
	{
		displayName: 'Max CPC (LinkedIn)',
		name: 'linkedInMaxCpc',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 5,
		displayOptions: { show: { platform: ['linkedin'] } },
		description: "Bid per click of each campaign, in the account's currency",
	},
	...gateProperties,
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: true,
		description:
			'Whether to only validate: Google Ads checks the whole request (validateOnly); for Meta every payload is built and checked and nothing is sent. Turn off to create the campaigns.',
	},
	{
		displayName: 'Status of What Is Created',
		name: 'createStatus',
		type: 'options',
		options: [
			{
				name: 'Paused',
				value: 'paused',
				description: 'Nothing serves until you enable it in the platform',
			},
			{
				name: 'Enabled (Live, Spends Money)',
				value: 'enabled',
				description: 'Campaigns, ad groups and ads start serving at once',
			},
		],
		default: 'paused',
		description:
			'Status of every campaign, ad group and ad the node creates. Going live is a deliberate choice here.',
	},
	{
		displayName: 'Daily Budget',
		name: 'dailyBudget',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 10,
		description:
			"Daily budget of each new campaign (Google) or ad set (Meta), in the ad account's currency",
	},
	{
		displayName: 'Facebook Page ID',
		name: 'pageId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { platform: ['meta'] } },
		description: "The Page the ads run as (the ad creative's object_story_spec.page_id)",
	},
	{
		displayName: 'Objective',
		name: 'objective',
		type: 'options',
		displayOptions: { show: { platform: ['meta'] } },
		options: META_OBJECTIVES.map((o) => ({
			name: o
				.replace('OUTCOME_', '')
				.replace('_', ' ')
				.toLowerCase()
				.replace(/^./, (c) => c.toUpperCase()),
			value: o,
		})),
		default: 'OUTCOME_TRAFFIC',
	},
	{
		displayName: 'Countries',
		name: 'countries',
		type: 'string',
		default: 'US',
		displayOptions: { show: { platform: ['meta'] } },
		description:
			'Comma-separated two-letter country codes the ad sets target (ages 18-65, nothing narrower)',
	},
	{
		displayName: 'Currency Minor Units',
		name: 'currencyOffset',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		displayOptions: { show: { platform: ['meta'] } },
		description:
			"Minor units per unit of the ad account's currency, as Meta counts budgets: 100 for USD or EUR (cents), 1 for JPY or KRW",
	},
	{
		displayName: 'Bidding',
		name: 'bidding',
		type: 'options',
		displayOptions: { show: { platform: ['googleAds'] } },
		options: [
			{ name: 'Maximize Clicks', value: 'maximizeClicks' },
			{ name: 'Maximize Conversions', value: 'maximizeConversions' },
			{
				name: 'Manual CPC',
				value: 'manualCpc',
				description: 'Without Enhanced CPC, which Google no longer allows on new Search campaigns',
			},
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
			{
				name: 'From the Bias Auditor',
				value: 'fromAudit',
				description:
					'Contains political advertising when the Auditor found the issues/elections/politics category',
			},
			{ name: 'Contains', value: 'contains' },
			{ name: 'Does Not Contain', value: 'doesNotContain' },
		],
		default: 'fromAudit',
		description:
			'What every new campaign declares, as Google requires (campaigns that contain it do not serve in the EU)',
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
	{ show: { resource: ['campaign'], operation: ['deploy'] } },
	properties,
);

async function execute(
	this: IExecuteFunctions,
	admitted: AdmittedAd[],
): Promise<AdOperationOutput> {
	const platform = this.getNodeParameter('platform', 0) as string;
	const channels = CHANNELS[platform];
	if (!channels) throw new Error(`Unknown platform "${platform}"`);
	const results = new Map<number, DeploymentResult>();
	const mine: AdmittedAd[] = [];
	for (const a of admitted) {
		if (channels.includes(a.ad.channel)) {
			mine.push(a);
			continue;
		}
		const dryRun = this.getNodeParameter('dryRun', a.index) as boolean;
		results.set(
			a.index,
			deploymentResult(
				{
					adId: a.ad.adId,
					platform: platformOf(a.ad.channel),
					dryRun,
					segmentId: a.ad.segmentId,
					channel: a.ad.channel,
					names: a.names,
				},
				{
					status: 'skipped',
					reason: 'channel',
					message: `Skipped: ${PLATFORM_NAMES[platform]} takes ${channels.join(', ')} ads here; this ad is for ${a.ad.channel}.`,
				},
			),
		);
	}
	if (mine.length) {
		const done =
			platform === 'meta'
				? await deployMeta(this, mine)
				: platform === 'linkedin'
					? await deployLinkedIn(this, mine)
					: await deployGoogle(this, mine);
		for (const [k, v] of done) results.set(k, v);
	}
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
	{
		name: LINKEDIN_CREDENTIAL,
		required: true,
		displayOptions: { show: { resource: ['campaign', 'performance'], platform: ['linkedin'] } },
	},
	{
		name: GOOGLE_ADS_CREDENTIAL,
		required: true,
		displayOptions: { show: { resource: ['campaign', 'performance'], platform: ['googleAds'] } },
	},
	{
		name: META_CREDENTIAL,
		required: true,
		displayOptions: {
			show: {
				resource: ['campaign', 'performance'],
				platform: ['meta'],
				metaAuthentication: ['accessToken'],
			},
		},
	},
	{
		name: META_LOGIN_CREDENTIAL_TYPE,
		required: true,
		displayOptions: {
			show: {
				resource: ['campaign', 'performance'],
				platform: ['meta'],
				metaAuthentication: ['oAuth2'],
			},
		},
	},
];
