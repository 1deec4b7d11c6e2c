/**
 * Google Ads performance per ad and day, through GAQL (`googleAds:search`), as PerformanceRows.
 * Each row carries our ad id: from the stored remote ids (ad group ad resource name or ad id) when
 * given, else from the ad's final URL's `utm_content`.
 */
import type { PerformanceRow } from '../../contracts/performance';
import { PlatformRequestError, adIdFromUrl, field, isFailure, requireDigits, type RequestFn, type RetryOptions } from '../platformHttp';
import { gaqlLikeLiteral, gaqlString, normalizeCustomerId } from './payload';
import { searchAll } from './deploy';

export interface GoogleAdsPerformanceInput {
	customerId: string;
	apiVersion: string;
	/** Inclusive, YYYY-MM-DD. */
	startDate: string;
	endDate: string;
	/** Only campaigns whose name starts with this (e.g. "JA | "); '' for all. */
	campaignNamePrefix: string;
	/** Google ad id (the number after "~" in an ad group ad resource name) -> our ad id. */
	knownAds: Record<string, string>;
	/** Only this ad group ad (a stored resource name), when given. */
	adGroupAd?: string;
	/** Only this campaign (numeric id, as the campaign picker gives it), when given. */
	campaignId?: string;
	/** Only this ad group (numeric id), when given. */
	adGroupId?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The GAQL query for ad-level daily metrics in a date range. */
export function performanceQuery(
	input: Pick<GoogleAdsPerformanceInput, 'startDate' | 'endDate' | 'campaignNamePrefix' | 'adGroupAd' | 'campaignId' | 'adGroupId'>,
): string {
	if (!DAY.test(input.startDate) || !DAY.test(input.endDate)) {
		throw new Error(`start and end dates must be YYYY-MM-DD (got "${input.startDate}" and "${input.endDate}")`);
	}
	if (input.startDate > input.endDate) throw new Error(`start date ${input.startDate} is after end date ${input.endDate}`);
	const where = [`segments.date BETWEEN ${gaqlString(input.startDate)} AND ${gaqlString(input.endDate)}`];
	if (input.campaignNamePrefix) {
		where.push(`campaign.name LIKE ${gaqlString(`${gaqlLikeLiteral(input.campaignNamePrefix)}%`)}`);
	}
	if (input.campaignId) where.push(`campaign.id = ${requireDigits(input.campaignId, 'campaign id')}`);
	if (input.adGroupId) where.push(`ad_group.id = ${requireDigits(input.adGroupId, 'ad group id')}`);
	if (input.adGroupAd) where.push(`ad_group_ad.resource_name = ${gaqlString(input.adGroupAd)}`);
	return [
		'SELECT ad_group_ad.ad.id, ad_group_ad.ad.final_urls, ad_group.id, campaign.id, customer.currency_code,',
		'segments.date, metrics.impressions, metrics.clicks, metrics.conversions, metrics.conversions_value, metrics.cost_micros',
		`FROM ad_group_ad WHERE ${where.join(' AND ')}`,
	].join(' ');
}

function num(value: unknown): number {
	const n = typeof value === 'number' ? value : Number(value ?? 0);
	return Number.isFinite(n) ? n : 0;
}

/** One search result row to a PerformanceRow (int64 fields arrive as strings). */
export function performanceRowFrom(row: unknown, knownAds: Record<string, string>): PerformanceRow {
	const ad = field(field(row, 'adGroupAd'), 'ad');
	const adIdRemote = String(field(ad, 'id') ?? '');
	const urls = field(ad, 'finalUrls');
	const firstUrl = Array.isArray(urls) && typeof urls[0] === 'string' ? urls[0] : undefined;
	const metrics = field(row, 'metrics');
	const currency = String(field(field(row, 'customer'), 'currencyCode') ?? '');
	const out: PerformanceRow = {
		kind: 'performanceRow',
		adId: knownAds[adIdRemote] ?? adIdFromUrl(firstUrl),
		platform: 'google_ads',
		remoteAdId: adIdRemote,
		campaignId: String(field(field(row, 'campaign'), 'id') ?? ''),
		adGroupId: String(field(field(row, 'adGroup'), 'id') ?? ''),
		date: String(field(field(row, 'segments'), 'date') ?? ''),
		impressions: Math.round(num(field(metrics, 'impressions'))),
		clicks: Math.round(num(field(metrics, 'clicks'))),
		conversions: num(field(metrics, 'conversions')),
		cost: num(field(metrics, 'costMicros')) / 1e6,
		revenue: num(field(metrics, 'conversionsValue')),
		currency: /^[A-Z]{3}$/.test(currency) ? currency : 'USD',
	};
	return out;
}

/** The Google ad id in an ad group ad resource name ("customers/1/adGroupAds/22~333" -> "333"). */
export function adIdFromAdGroupAd(resourceName: string): string | null {
	const m = /\/adGroupAds\/\d+~(\d+)$/.exec(resourceName);
	return m ? m[1] : null;
}

export async function fetchGoogleAdsPerformance(
	request: RequestFn,
	input: GoogleAdsPerformanceInput,
	retry: RetryOptions,
): Promise<PerformanceRow[]> {
	const customerId = normalizeCustomerId(input.customerId);
	const found = await searchAll(request, input.apiVersion, customerId, performanceQuery(input), retry);
	if (isFailure(found)) throw new PlatformRequestError('Google Ads', found.failed, found.body);
	return found.rows.map((r) => performanceRowFrom(r, input.knownAds));
}

/** Customer ids from `customers:listAccessibleCustomers` ({ resourceNames: ["customers/123"] }). */
export function accessibleCustomerIds(body: unknown): string[] {
	const names = field(body, 'resourceNames');
	if (!Array.isArray(names)) return [];
	return names
		.map((n) => /^customers\/(\d+)$/.exec(String(n))?.[1])
		.filter((x): x is string => typeof x === 'string');
}
