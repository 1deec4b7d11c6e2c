import type { INodeProperties } from 'n8n-workflow';

/** Platform choice and per-platform account fields shared by Campaign → Deploy and Performance → Get. */
export const platformProperty: INodeProperties = {
	displayName: 'Platform',
	name: 'platform',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Google Ads',
			value: 'googleAds',
			description: 'Search campaigns through the Google Ads API',
		},
		{
			name: 'LinkedIn',
			value: 'linkedin',
			description: 'Sponsored Content through the LinkedIn Marketing API',
		},
		{
			name: 'Meta',
			value: 'meta',
			description: 'Facebook and Instagram feed ads through the Marketing API',
		},
	],
	default: 'googleAds',
};

export const googleAdsAccountProperties: INodeProperties[] = [
	{
		displayName: 'Customer',
		name: 'customerId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Google Ads account (customer) the campaigns are in',
		displayOptions: { show: { platform: ['googleAds'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchGoogleAdsCustomers', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: '123-456-7890',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\d{3}-?\\d{3}-?\\d{4}$',
							errorMessage: 'A customer id has 10 digits, as in 123-456-7890',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'API Version',
		name: 'googleAdsApiVersion',
		type: 'string',
		default: 'v26',
		required: true,
		displayOptions: { show: { platform: ['googleAds'] } },
		description:
			'Google Ads API version in the request path. Google ships several versions a year and turns each off about a year later; move to the current one here when Google announces a sunset.',
	},
];

export const metaAccountProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'metaAuthentication',
		type: 'options',
		displayOptions: { show: { platform: ['meta'] } },
		options: [
			{ name: 'Access Token (System User)', value: 'accessToken' },
			{ name: 'OAuth2 (Facebook Login)', value: 'oAuth2' },
		],
		default: 'accessToken',
	},
	{
		displayName: 'Ad Account',
		name: 'adAccountId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Meta ad account the campaigns are in',
		displayOptions: { show: { platform: ['meta'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchMetaAdAccounts', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'act_1234567890',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^(act_)?\\d+$',
							errorMessage: 'An ad account id is digits, optionally after act_',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Graph API Version',
		name: 'metaApiVersion',
		type: 'string',
		default: 'v26.0',
		required: true,
		displayOptions: { show: { platform: ['meta'] } },
		description:
			'Marketing API version in the request path. Meta retires each version about two years after release; move on here.',
	},
];

export const linkedInAccountProperties: INodeProperties[] = [
	{
		displayName: 'Ad Account',
		name: 'linkedInAdAccountId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The LinkedIn ad account (sponsored account) the campaigns are in',
		displayOptions: { show: { platform: ['linkedin'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchLinkedInAdAccounts', searchable: true },
			},
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: '508000001' },
		],
	},
	{
		displayName: 'LinkedIn API Version',
		name: 'linkedInVersion',
		type: 'string',
		default: '202608',
		required: true,
		displayOptions: { show: { platform: ['linkedin'] } },
		description:
			'Linkedin-Version header (YYYYMM). LinkedIn ships monthly versions and retires each after about a year; a retired one answers 426.',
	},
	{
		displayName: 'Account Currency',
		name: 'linkedInCurrency',
		type: 'string',
		default: 'USD',
		displayOptions: { show: { platform: ['linkedin'] } },
		description:
			"The ad account's currency (ISO 4217): budgets and bids are written in it, and performance rows carry it",
	},
];

export const retryOptionProperties: INodeProperties[] = [
	{
		displayName: 'Request Timeout (Ms)',
		name: 'timeoutMs',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: 60000,
		description:
			'How long to wait for the platform to answer one request. A write whose answer never came is confirmed by a look-up before anything is sent again.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 4,
		description:
			'Attempts per ad (or per request) in all, when the platform is rate limiting or briefly unavailable',
	},
	{
		displayName: 'Max Retry Wait (Ms)',
		name: 'maxRetryWaitMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60000,
		description: 'Longest single wait before a retry, whatever the platform asks for',
	},
];

/** An optional picker: empty means "all", a list mode searching the platform, and an id mode. */
function picker(
	displayName: string,
	name: string,
	platform: string,
	searchListMethod: string,
	description: string,
	placeholder: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		displayOptions: { show: { platform: [platform] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d+$', errorMessage: 'An id is digits only' },
					},
				],
			},
		],
	};
}

/**
 * Campaign → Deploy: an existing campaign (LinkedIn: campaign group) to put the new ad groups and
 * ads into, instead of creating budget and campaign. Empty: the node creates its own campaigns.
 */
export const existingCampaignProperties: INodeProperties[] = [
	picker(
		'Into Existing Campaign',
		'googleAdsCampaign',
		'googleAds',
		'searchGoogleAdsCampaigns',
		'Put the new ad groups, keywords and ads into this campaign (its budget and settings stay as they are); empty: create a budget and campaign per segment',
		'12345678901',
	),
	picker(
		'Into Existing Campaign',
		'metaCampaign',
		'meta',
		'searchMetaCampaigns',
		'Put the new ad sets and ads into this campaign; empty: create a campaign per segment. With campaign budget the ad sets must not carry their own.',
		'23850000000000',
	),
	picker(
		'Into Existing Campaign Group',
		'linkedInCampaignGroup',
		'linkedin',
		'searchLinkedInCampaignGroups',
		'Put the new campaigns and creatives into this campaign group; empty: create a campaign group per segment',
		'700000',
	),
];

/** Campaign and ad-group level pickers (optional: empty reads the whole account). */
export const campaignPickerProperties: INodeProperties[] = [
	picker(
		'Campaign',
		'googleAdsCampaign',
		'googleAds',
		'searchGoogleAdsCampaigns',
		'Only this campaign of the customer; empty for every campaign',
		'12345678901',
	),
	picker(
		'Ad Group',
		'googleAdsAdGroup',
		'googleAds',
		'searchGoogleAdsAdGroups',
		'Only this ad group (the list shows the picked campaign\'s); empty for every ad group',
		'123456789012',
	),
	picker(
		'Campaign',
		'metaCampaign',
		'meta',
		'searchMetaCampaigns',
		'Only this campaign of the ad account; empty for every campaign',
		'23850000000000',
	),
	picker(
		'Ad Set',
		'metaAdSet',
		'meta',
		'searchMetaAdSets',
		"Only this ad set (the list shows the picked campaign's); empty for every ad set",
		'23850000000001',
	),
	picker(
		'Campaign Group',
		'linkedInCampaignGroup',
		'linkedin',
		'searchLinkedInCampaignGroups',
		'Only this campaign group of the ad account; empty for every group',
		'700000',
	),
	picker(
		'Campaign',
		'linkedInCampaign',
		'linkedin',
		'searchLinkedInCampaigns',
		"Only this campaign (the list shows the picked group's); empty for every campaign",
		'700001',
	),
];
