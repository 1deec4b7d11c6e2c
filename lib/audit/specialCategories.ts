import type { SpecialAdCategory } from '../contracts';

/** How a special ad category is recognised in the brief and the copy. */
export interface CategoryDetector {
	category: SpecialAdCategory;
	label: string;
	/** Regular-expression sources, case-insensitive, matched against the brief text and the ad copy. */
	patterns: readonly string[];
}

const WORD = (s: string): string => `\\b${s}\\b`;

/**
 * Detection table. The words are those the platforms give as examples of each category (Meta
 * "About Special Ad Categories", Google "Personalized advertising": housing, employment, credit and
 * consumer finance; elections). Home *goods* and a store's *shopping* are not housing.
 */
export const CATEGORY_DETECTORS: readonly CategoryDetector[] = [
	{
		category: 'housing',
		label: 'Housing',
		patterns: [
			'apartments?(?! (?:living|decor|plants?|sized?))',
			'homes? (?:for sale|for rent|to rent)',
			'houses? (?:for sale|for rent|to rent)',
			'real[- ]estate',
			'realtors?',
			'condos?',
			'(?:rental|rent) (?:listings?|propert(?:y|ies)|homes?|units?)',
			'for rent',
			'tenants?',
			'landlords?',
			'(?:studio|one[- ]bed(?:room)?|two[- ]bed(?:room)?) (?:flat|apartment|home)s?',
			'housing',
			'home ?loans?',
			'mortgages?',
		].map(WORD),
	},
	{
		category: 'employment',
		label: 'Employment',
		patterns: [
			"(?:we'?re|we are|now) hiring",
			'job (?:openings?|opportunit(?:y|ies)|listings?|offers?|vacanc(?:y|ies))',
			'vacanc(?:y|ies)',
			'apply (?:now|today) (?:for|to) (?:the|this|our|a) (?:role|position|job)',
			'(?:full|part)[- ]time (?:role|position|job)s?',
			'(?:careers?|jobs?) at',
			'recruit(?:ing|ment|er)s?',
			'salar(?:y|ies)',
			'internships?',
			'job seekers?',
		].map(WORD),
	},
	{
		category: 'financial_products_services',
		label: 'Financial products and services',
		patterns: [
			'(?:personal |payday |car |student |business )?loans?',
			'credit cards?',
			'credit (?:score|line|limit|report)s?',
			'line of credit',
			'mortgages?',
			'refinanc(?:e|ing)',
			'apr',
			'interest rates?',
			'insurance',
			'(?:bank|checking|savings|current) accounts?',
			'invest(?:ing|ments?)',
			'brokerage',
			'retirement (?:plans?|accounts?|savings)',
			'debt (?:consolidation|relief|management)',
			'buy now,? pay later',
			'financing',
		].map(WORD),
	},
	{
		category: 'issues_elections_politics',
		label: 'Social issues, elections or politics',
		patterns: [
			'elections?',
			'ballots?',
			'candidates?',
			'vote (?:for|against|yes|no)',
			'(?:congress|senate|parliament|mayor|governor)(?:ional)?',
			'paid for by',
			'petitions?',
			'referendum',
			'political',
			'legislation',
			'(?:climate change|immigration|gun control|abortion) (?:policy|law|bill|reform)s?',
		].map(WORD),
	},
];

/** A targeting restriction one platform places on one category, with its source. */
export interface CategoryRestriction {
	id: string;
	categories: readonly SpecialAdCategory[];
	/** Channels (contract ids) of the platform the restriction belongs to. */
	channels: readonly string[];
	platform: string;
	check:
		| 'fullAgeRange'
		| 'allGenders'
		| 'noPostalCodes'
		| 'noLocationExclusions'
		| 'minRadius'
		| 'noLookalikes'
		| 'noSavedAudiences'
		| 'noCustomerListAudiences'
		| 'noDemographicAudiences'
		| 'authorisation';
	/** For fullAgeRange: the range that must be covered; for minRadius: the radius in km. */
	value?: number | readonly [number, number];
	message: string;
	source: string;
}

const META_SAC =
	'Meta Business Help "About audiences for housing, employment or financial products and services campaigns" (facebook.com/business/help/2220749868045706)';
const META_POLITICS = 'Meta Business Help "About ads about social issues, elections or politics" (authorisation and "Paid for by" disclaimer)';
const GOOGLE_OPP =
	'Google Advertising Policies Help "Personalized advertising": "Access to opportunities" housing, employment, credit and consumer finance, United States and Canada (support.google.com/adspolicy/answer/143465, answer/16701755)';
const GOOGLE_POLITICS = 'Google Advertising Policies Help "Political content" (election ads: advertiser verification and "Paid for by")';
const MS_FIN =
	'Microsoft Advertising campaign management reference, AgeCriterion: financial, insurance, employment and housing ads may not use demographics such as age, gender or location to personalise (learn.microsoft.com/advertising/campaign-management-service/agecriterion)';

const OPP: readonly SpecialAdCategory[] = ['housing', 'employment', 'financial_products_services'];
const META = ['meta_feed'];
const GOOGLE = ['google_search', 'google_display'];
const MICROSOFT = ['microsoft_search'];

/** What each platform restricts for each category. */
export const CATEGORY_RESTRICTIONS: readonly CategoryRestriction[] = [
	{ id: 'meta.ageRange', categories: OPP, channels: META, platform: 'Meta', check: 'fullAgeRange', value: [18, 65], message: 'Meta fixes the age range to 18-65+ for this category.', source: META_SAC },
	{ id: 'meta.gender', categories: OPP, channels: META, platform: 'Meta', check: 'allGenders', message: 'Meta requires all genders for this category.', source: META_SAC },
	{ id: 'meta.postalCode', categories: OPP, channels: META, platform: 'Meta', check: 'noPostalCodes', message: 'Meta allows country, region, state or city, not ZIP or postal codes, for this category.', source: META_SAC },
	{ id: 'meta.locationExclusion', categories: OPP, channels: META, platform: 'Meta', check: 'noLocationExclusions', message: "Meta does not allow excluding locations for this category.", source: META_SAC },
	{ id: 'meta.radius', categories: OPP, channels: META, platform: 'Meta', check: 'minRadius', value: 24.1, message: 'Meta expands a city, address or pin to a 15-mile (24 km) radius for this category.', source: META_SAC },
	{ id: 'meta.lookalike', categories: OPP, channels: META, platform: 'Meta', check: 'noLookalikes', message: 'Lookalike audiences are unavailable for this category on Meta.', source: META_SAC },
	{ id: 'meta.saved', categories: OPP, channels: META, platform: 'Meta', check: 'noSavedAudiences', message: 'Saved audiences are limited for this category on Meta (they are rewritten to comply).', source: META_SAC },
	{ id: 'meta.politics', categories: ['issues_elections_politics'], channels: META, platform: 'Meta', check: 'authorisation', message: 'Meta requires advertiser authorisation and a "Paid for by" disclaimer for ads about social issues, elections or politics.', source: META_POLITICS },
	{ id: 'google.age', categories: OPP, channels: GOOGLE, platform: 'Google', check: 'fullAgeRange', value: [18, 65], message: 'Google does not allow age targeting for this category in the US and Canada.', source: GOOGLE_OPP },
	{ id: 'google.gender', categories: OPP, channels: GOOGLE, platform: 'Google', check: 'allGenders', message: 'Google does not allow gender targeting for this category in the US and Canada.', source: GOOGLE_OPP },
	{ id: 'google.postalCode', categories: OPP, channels: GOOGLE, platform: 'Google', check: 'noPostalCodes', message: 'Google does not allow ZIP code targeting for this category in the US and Canada.', source: GOOGLE_OPP },
	{ id: 'google.radius', categories: OPP, channels: GOOGLE, platform: 'Google', check: 'minRadius', value: 1, message: 'Google requires a radius of at least 1 km for this category.', source: GOOGLE_OPP },
	{ id: 'google.demographicAudiences', categories: OPP, channels: GOOGLE, platform: 'Google', check: 'noDemographicAudiences', message: 'Google allows its predefined audiences without demographics (parental or marital status) for this category.', source: GOOGLE_OPP },
	{ id: 'google.customerList', categories: OPP, channels: GOOGLE, platform: 'Google', check: 'noCustomerListAudiences', message: 'Advertiser-curated audiences (customer lists, lookalikes) are restricted for access-to-opportunity ads on Google.', source: GOOGLE_OPP },
	{ id: 'google.politics', categories: ['issues_elections_politics'], channels: GOOGLE, platform: 'Google', check: 'authorisation', message: 'Google requires election advertiser verification and an in-ad disclosure.', source: GOOGLE_POLITICS },
	{ id: 'microsoft.demographics', categories: OPP, channels: MICROSOFT, platform: 'Microsoft', check: 'fullAgeRange', value: [18, 65], message: 'Microsoft Advertising does not allow age personalisation for this category.', source: MS_FIN },
	{ id: 'microsoft.gender', categories: OPP, channels: MICROSOFT, platform: 'Microsoft', check: 'allGenders', message: 'Microsoft Advertising does not allow gender personalisation for this category.', source: MS_FIN },
];
