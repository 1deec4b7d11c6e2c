/**
 * Meta Marketing API request bodies for one ad: campaign, ad set, ad creative and ad, all PAUSED
 * unless the user deliberately goes live. The budget sits on the ad set (minor units of the
 * account's currency, e.g. cents), so the campaign says `is_adset_budget_sharing_enabled: false`.
 * `special_ad_categories` is always sent, `[]` when there are none; with a special category the ad
 * set's targeting keeps to what Meta allows for it (ages 18-65, no gender, countries only).
 */
import type { SpecialAdCategory } from '../../contracts/audit';
import { metaSpecialAdCategories } from '../specialCategories';

export const META_OBJECTIVES = [
	'OUTCOME_AWARENESS',
	'OUTCOME_TRAFFIC',
	'OUTCOME_ENGAGEMENT',
	'OUTCOME_LEADS',
	'OUTCOME_SALES',
	'OUTCOME_APP_PROMOTION',
] as const;
export type MetaObjective = (typeof META_OBJECTIVES)[number];

/** What each objective optimises for on the ad set (a link ad without a pixel or lead form). */
const OPTIMIZATION: Record<MetaObjective, string> = {
	OUTCOME_AWARENESS: 'REACH',
	OUTCOME_TRAFFIC: 'LINK_CLICKS',
	OUTCOME_ENGAGEMENT: 'POST_ENGAGEMENT',
	OUTCOME_LEADS: 'LINK_CLICKS',
	OUTCOME_SALES: 'LINK_CLICKS',
	OUTCOME_APP_PROMOTION: 'LINK_CLICKS',
};

export interface MetaAdInput {
	adId: string;
	finalUrl: string;
	primaryText: string;
	headline: string;
	description?: string;
	/** A call_to_action type, e.g. SHOP_NOW. */
	cta: string;
}

export interface MetaSettings {
	objective: MetaObjective;
	/** Daily budget of each ad set in major units (e.g. 10.5 USD); sent in minor units. */
	dailyBudget: number;
	/** Minor units per major unit of the account's currency (100 for USD/EUR, 1 for JPY). */
	currencyOffset: number;
	countries: string[];
	pageId: string;
	status: 'PAUSED' | 'ACTIVE';
	specialAdCategories: SpecialAdCategory[];
}

export interface MetaNames {
	campaign: string;
	adSet: string;
	ad: string;
}

/** Money in major units to the integer minor units Meta wants. */
export function toMinorUnits(amount: number, offset: number): number {
	if (!Number.isFinite(amount) || amount <= 0) throw new Error(`daily budget must be above 0 (got ${String(amount)})`);
	if (!Number.isInteger(offset) || offset < 1) throw new Error(`currency offset must be a whole number of at least 1 (got ${String(offset)})`);
	return Math.round(amount * offset);
}

/** An ad account id as Graph paths want it: "act_<digits>". */
export function normalizeAdAccountId(value: string): string {
	const digits = String(value ?? '').trim().replace(/^act_/, '');
	if (!/^\d{5,20}$/.test(digits)) throw new Error(`ad account id must be digits, optionally after "act_" (got "${String(value)}")`);
	return `act_${digits}`;
}

export function campaignBody(names: MetaNames, s: MetaSettings): Record<string, unknown> {
	return {
		name: names.campaign,
		objective: s.objective,
		status: s.status,
		special_ad_categories: metaSpecialAdCategories(s.specialAdCategories),
		is_adset_budget_sharing_enabled: false,
	};
}

/**
 * The ad set. In a campaign that holds its own budget (Advantage campaign budget: the campaign has
 * `daily_budget` or `lifetime_budget`), the campaign spreads that budget and sets the bid strategy,
 * so the ad set carries neither.
 */
export function adSetBody(names: MetaNames, campaignId: string, s: MetaSettings, campaignHasBudget = false): Record<string, unknown> {
	if (s.countries.length === 0) throw new Error('at least one country is required for the ad set targeting');
	// Ages 18-65 and countries only: the narrowest Meta allows with a special ad category, and our
	// default for every ad set, so no ad set targets by age band, gender or postcode.
	const targeting: Record<string, unknown> = {
		geo_locations: { countries: s.countries.map((c) => c.toUpperCase()) },
		age_min: 18,
		age_max: 65,
	};
	// Our audience exactly as given: Advantage+ audience off (Meta asks for the choice to be explicit).
	targeting.targeting_automation = { advantage_audience: 0 };
	const budget = campaignHasBudget
		? {}
		: { daily_budget: toMinorUnits(s.dailyBudget, s.currencyOffset), bid_strategy: 'LOWEST_COST_WITHOUT_CAP' };
	return {
		name: names.adSet,
		campaign_id: campaignId,
		...budget,
		billing_event: 'IMPRESSIONS',
		optimization_goal: OPTIMIZATION[s.objective],
		targeting,
		status: s.status,
	};
}

export function creativeBody(names: MetaNames, ad: MetaAdInput, s: MetaSettings): Record<string, unknown> {
	if (!/^\d+$/.test(s.pageId)) throw new Error(`a Facebook Page id (digits) is required for the ad creative (got "${s.pageId}")`);
	const linkData: Record<string, unknown> = {
		message: ad.primaryText,
		link: ad.finalUrl,
		name: ad.headline,
		call_to_action: { type: ad.cta, value: { link: ad.finalUrl } },
	};
	if (ad.description) linkData.description = ad.description;
	return { name: names.ad, object_story_spec: { page_id: s.pageId, link_data: linkData } };
}

export function adBody(names: MetaNames, adSetId: string, creativeId: string, s: MetaSettings): Record<string, unknown> {
	return { name: names.ad, adset_id: adSetId, creative: { creative_id: creativeId }, status: s.status };
}

/** Graph `filtering` for an exact name. */
export function nameFilter(name: string, extra: Array<Record<string, unknown>> = []): string {
	return JSON.stringify([{ field: 'name', operator: 'EQUAL', value: name }, ...extra]);
}
