/**
 * Google Ads API request bodies for one ad: campaign budget, Search campaign, ad group, keywords and
 * a responsive search ad, as `mutateOperations` for `customers/{id}/googleAds:mutate` (REST JSON,
 * camelCase). New objects get temporary resource names (negative ids, unique within the request,
 * created before they are referenced); objects found by the look-up are referenced by their real
 * resource names and not created again.
 */

export const GOOGLE_ADS_MATCH_TYPES = ['BROAD', 'PHRASE', 'EXACT'] as const;
export type GoogleAdsMatchType = (typeof GOOGLE_ADS_MATCH_TYPES)[number];

/**
 * Bidding for new Search campaigns. Maximize Clicks is `targetSpend` in the API. Enhanced CPC is not
 * offered: Google no longer accepts it on new Search campaigns.
 */
export const GOOGLE_ADS_BIDDING = ['maximizeClicks', 'maximizeConversions', 'manualCpc'] as const;
export type GoogleAdsBidding = (typeof GOOGLE_ADS_BIDDING)[number];

export type GoogleAdsStatus = 'PAUSED' | 'ENABLED';

export interface GoogleAdsAdInput {
	adId: string;
	finalUrl: string;
	headlines: string[];
	/** Parallel to `headlines`: '' (unpinned), '1', '2' or '3'. */
	headlinePins?: string[];
	descriptions: string[];
	/** Parallel to `descriptions`: '' (unpinned), '1' or '2'. */
	descriptionPins?: string[];
	path1?: string;
	path2?: string;
}

export interface GoogleAdsCampaignSettings {
	/** Daily budget in the account's currency, major units (e.g. 25.5). */
	dailyBudget: number;
	bidding: GoogleAdsBidding;
	/** Ad group default max CPC in major units (manual CPC only). */
	maxCpc?: number;
	matchType: GoogleAdsMatchType;
	/** Declared on every new campaign, as Google requires. */
	containsEuPoliticalAdvertising: boolean;
	/** Status of everything created: PAUSED unless the user deliberately goes live. */
	status: GoogleAdsStatus;
}

export interface GoogleAdsNames {
	budget: string;
	campaign: string;
	adGroup: string;
}

/** What the look-up found (real resource names), so only the rest is created. */
export interface GoogleAdsExisting {
	budget?: string;
	campaign?: string;
	adGroup?: string;
	adGroupAd?: string;
	/** Keyword texts (lower case) with their match type, already in the ad group. */
	keywords?: string[];
	/** Resource name of each keyword in `keywords`, by the same key. */
	keywordNames?: Record<string, string>;
}

/** Which object each operation creates, parallel to `mutateOperations`. */
export type GoogleAdsObjectKind = 'budget' | 'campaign' | 'adGroup' | 'keyword' | 'adGroupAd';

export interface GoogleAdsMutatePlan {
	mutateOperations: Record<string, unknown>[];
	kinds: GoogleAdsObjectKind[];
	/** Keyword text per keyword operation (same order as the keyword kinds). */
	keywordTexts: string[];
}

/** Money in major units to micros, rounded to the currency's cent (Google wants whole cents). */
export function toMicros(amount: number, label: string): string {
	if (!Number.isFinite(amount) || amount < 0) throw new Error(`${label} must be a number of 0 or more (got ${String(amount)})`);
	return String(Math.round(amount * 100) * 10_000);
}

/** A customer id as Google wants it in paths: digits only ("123-456-7890" → "1234567890"). */
export function normalizeCustomerId(value: string, label = 'customer id'): string {
	const digits = String(value ?? '').replace(/-/g, '').trim();
	if (!/^\d{10}$/.test(digits)) throw new Error(`${label} must be 10 digits, as in 123-456-7890 (got "${String(value)}")`);
	return digits;
}

function pins(count: number, raw: string[] | undefined, prefix: 'HEADLINE' | 'DESCRIPTION', max: number, label: string): (string | undefined)[] {
	const out: (string | undefined)[] = [];
	for (let i = 0; i < count; i++) {
		const p = (raw?.[i] ?? '').trim();
		if (p === '') {
			out.push(undefined);
			continue;
		}
		const n = Number(p);
		if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${label}[${i}] must be '' or 1..${max} (got "${p}")`);
		out.push(`${prefix}_${n}`);
	}
	return out;
}

/** Keywords: trimmed, deduplicated case-insensitively, order kept, empty ones dropped. */
export function cleanKeywords(keywords: readonly string[]): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const raw of keywords) {
		const k = String(raw).replace(/\s+/g, ' ').trim();
		if (!k || seen.has(k.toLowerCase())) continue;
		seen.add(k.toLowerCase());
		out.push(k);
	}
	return out;
}

function keywordKey(text: string, matchType: string): string {
	return `${text.toLowerCase()}|${matchType}`;
}

export function existingKeywordKey(text: string, matchType: string): string {
	return keywordKey(text, matchType);
}

/**
 * The mutate operations that bring one ad's objects into being, creating only what `existing` lacks.
 */
export function buildMutatePlan(
	customerId: string,
	names: GoogleAdsNames,
	ad: GoogleAdsAdInput,
	keywords: readonly string[],
	settings: GoogleAdsCampaignSettings,
	existing: GoogleAdsExisting,
): GoogleAdsMutatePlan {
	const c = `customers/${customerId}`;
	let nextTemp = -1;
	const temp = (collection: string) => `${c}/${collection}/${nextTemp--}`;
	const ops: Record<string, unknown>[] = [];
	const kinds: GoogleAdsObjectKind[] = [];
	const keywordTexts: string[] = [];

	let budget = existing.budget;
	let campaign = existing.campaign;
	if (!campaign && !budget) {
		budget = temp('campaignBudgets');
		ops.push({
			campaignBudgetOperation: {
				create: {
					resourceName: budget,
					name: names.budget,
					amountMicros: toMicros(settings.dailyBudget, 'daily budget'),
					deliveryMethod: 'STANDARD',
					explicitlyShared: false,
				},
			},
		});
		kinds.push('budget');
	}
	if (!campaign) {
		campaign = temp('campaigns');
		const bidding: Record<string, unknown> =
			settings.bidding === 'manualCpc'
				? { manualCpc: { enhancedCpcEnabled: false } }
				: settings.bidding === 'maximizeConversions'
					? { maximizeConversions: {} }
					: { targetSpend: {} };
		ops.push({
			campaignOperation: {
				create: {
					resourceName: campaign,
					name: names.campaign,
					advertisingChannelType: 'SEARCH',
					status: settings.status,
					campaignBudget: budget,
					networkSettings: {
						targetGoogleSearch: true,
						targetSearchNetwork: true,
						targetContentNetwork: false,
						targetPartnerSearchNetwork: false,
					},
					containsEuPoliticalAdvertising: settings.containsEuPoliticalAdvertising
						? 'CONTAINS_EU_POLITICAL_ADVERTISING'
						: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
					...bidding,
				},
			},
		});
		kinds.push('campaign');
	}
	let adGroup = existing.adGroup;
	if (!adGroup) {
		adGroup = temp('adGroups');
		const create: Record<string, unknown> = {
			resourceName: adGroup,
			name: names.adGroup,
			campaign,
			status: settings.status,
			type: 'SEARCH_STANDARD',
		};
		if (settings.bidding === 'manualCpc' && settings.maxCpc !== undefined) {
			create.cpcBidMicros = toMicros(settings.maxCpc, 'max CPC');
		}
		ops.push({ adGroupOperation: { create } });
		kinds.push('adGroup');
	}
	const have = new Set(existing.keywords ?? []);
	for (const text of cleanKeywords(keywords)) {
		if (have.has(keywordKey(text, settings.matchType))) continue;
		ops.push({
			adGroupCriterionOperation: {
				create: { adGroup, status: 'ENABLED', keyword: { text, matchType: settings.matchType } },
			},
		});
		kinds.push('keyword');
		keywordTexts.push(text);
	}
	if (!existing.adGroupAd) {
		const headlinePins = pins(ad.headlines.length, ad.headlinePins, 'HEADLINE', 3, `ad ${ad.adId} headlinePins`);
		const descriptionPins = pins(ad.descriptions.length, ad.descriptionPins, 'DESCRIPTION', 2, `ad ${ad.adId} descriptionPins`);
		const asset = (text: string, pinnedField: string | undefined) => (pinnedField ? { text, pinnedField } : { text });
		const rsa: Record<string, unknown> = {
			headlines: ad.headlines.map((t, i) => asset(t, headlinePins[i])),
			descriptions: ad.descriptions.map((t, i) => asset(t, descriptionPins[i])),
		};
		if (ad.path1) rsa.path1 = ad.path1;
		if (ad.path1 && ad.path2) rsa.path2 = ad.path2;
		ops.push({
			adGroupAdOperation: {
				create: { adGroup, status: settings.status, ad: { finalUrls: [ad.finalUrl], responsiveSearchAd: rsa } },
			},
		});
		kinds.push('adGroupAd');
	}
	return { mutateOperations: ops, kinds, keywordTexts };
}

/** A GAQL string literal (single quotes; backslash and quote escaped). */
/** Text taken literally inside a GAQL LIKE pattern: %, _ and [ escaped with brackets. */
export function gaqlLikeLiteral(text: string): string {
	return text.replace(/[[\]%_]/g, (ch) => `[${ch}]`);
}

export function gaqlString(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
