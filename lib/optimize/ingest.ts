/**
 * Performance rows in, normalised and joined to our ad variants. Sources: the Ad Deployer's
 * `performanceRow` items, Google Ads API search rows (GAQL over `ad_group_ad`, as n8n's Google Ads
 * or HTTP Request node returns them), Meta Marketing API insights rows (`level=ad`, daily), or any
 * spreadsheet-like row through a field mapping. Every row ends used, rejected (with per-row errors)
 * or unmatched (with the ids it carried): used + rejected + unmatched = in.
 */
import type { AdVariant } from '../contracts/adVariant';
import { isKnownCurrency } from './currency';

export type PerformanceSource = 'auto' | 'performanceRow' | 'googleAds' | 'metaInsights' | 'custom';

/** Dotted paths to the fields of a custom (spreadsheet) row. */
export interface PerformanceMapping {
	date: string;
	impressions: string;
	clicks: string;
	conversions?: string;
	cost?: string;
	revenue?: string;
	currency?: string;
	/** Our ad id (e.g. a column filled from utm_content). */
	adId?: string;
	/** The platform's ad id, joined through the Deployer's stored remote ids. */
	remoteAdId?: string;
	/** A landing URL whose utm_content is our ad id. */
	url?: string;
	platform?: string;
	/** Columns that break delivery down (e.g. age, gender). */
	breakdowns?: string[];
}

export interface IngestOptions {
	source?: PerformanceSource;
	mapping?: PerformanceMapping;
	/** Report currency; rows in another currency are rejected. Default: the most common currency of the joined rows. */
	currency?: string;
	/** Currency for rows that carry none (Google search rows without `customer.currency_code`). */
	defaultCurrency?: string;
	/** Meta action type counted as a conversion. */
	metaConversionAction?: string;
}

/** A row after normalisation and join. */
export interface NormalizedRow {
	index: number;
	adId: string;
	platform: string;
	date: string;
	impressions: number;
	clicks: number;
	conversions: number;
	cost: number;
	revenue: number;
	currency: string;
	remoteAdId?: string;
	/** Delivery breakdown (e.g. { gender: 'female' }): used for delivery-skew checks, not in test totals. */
	breakdown?: Record<string, string>;
}

export interface RowError {
	field: string;
	message: string;
}

export interface RejectedRow {
	index: number;
	reason: 'invalid' | 'duplicate' | 'currency';
	errors: RowError[];
}

export interface UnmatchedRow {
	index: number;
	reason: string;
	adId: string | null;
	remoteAdId: string | null;
	utmContent: string | null;
}

export interface IngestCounts {
	in: number;
	used: number;
	rejected: number;
	unmatched: number;
	duplicates: number;
	/** Of the used rows, those that carry a delivery breakdown. */
	breakdown: number;
}

export interface IngestResult {
	rows: NormalizedRow[];
	breakdownRows: NormalizedRow[];
	rejected: RejectedRow[];
	unmatched: UnmatchedRow[];
	currency: string | null;
	counts: IngestCounts;
}

type Rec = Record<string, unknown>;

const isObject = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

function at(r: Rec, path: string | undefined): unknown {
	if (!path) return undefined;
	let cur: unknown = r;
	for (const key of path.split('.')) {
		if (!isObject(cur)) return undefined;
		cur = cur[key];
	}
	return cur;
}

/** A raw row before checks: every value as the source gave it. */
interface RawRow {
	adId: unknown;
	remoteAdId: unknown;
	url: unknown;
	platform: string;
	date: unknown;
	impressions: unknown;
	clicks: unknown;
	conversions: unknown;
	cost: unknown;
	revenue: unknown;
	currency: unknown;
	costScale: number;
	breakdown?: Record<string, unknown>;
}

const META_BREAKDOWNS = ['age', 'gender', 'country', 'region', 'dma', 'publisher_platform', 'platform_position', 'device_platform', 'impression_device'];

/**
 * Which source a row looks like.
 * @example detectSource({ kind: 'performanceRow' }) // 'performanceRow'
 */
export function detectSource(r: unknown): Exclude<PerformanceSource, 'auto'> | null {
	if (!isObject(r)) return null;
	if (r.kind === 'performanceRow') return 'performanceRow';
	if (isObject(r.metrics) && (isObject(r.adGroupAd) || isObject(r.segments))) return 'googleAds';
	if ('ad_id' in r && ('date_start' in r || 'spend' in r)) return 'metaInsights';
	return null;
}

function metaAction(list: unknown, type: string): unknown {
	if (!Array.isArray(list)) return 0;
	const hit = list.find((a) => isObject(a) && a.action_type === type) as Rec | undefined;
	return hit ? hit.value : 0;
}

function toRaw(r: Rec, source: Exclude<PerformanceSource, 'auto'>, o: IngestOptions): RawRow {
	switch (source) {
		case 'performanceRow':
			return {
				adId: r.adId,
				remoteAdId: r.remoteAdId,
				url: r.finalUrl ?? r.url,
				platform: typeof r.platform === 'string' ? r.platform : 'unknown',
				date: r.date,
				impressions: r.impressions,
				clicks: r.clicks,
				conversions: r.conversions,
				cost: r.cost,
				revenue: r.revenue,
				currency: r.currency,
				costScale: 1,
				breakdown: isObject(r.breakdown) ? r.breakdown : undefined,
			};
		case 'googleAds': {
			const urls = at(r, 'adGroupAd.ad.finalUrls');
			return {
				adId: undefined,
				remoteAdId: at(r, 'adGroupAd.ad.id'),
				url: Array.isArray(urls) ? urls[0] : undefined,
				platform: 'google_ads',
				date: at(r, 'segments.date'),
				impressions: at(r, 'metrics.impressions'),
				clicks: at(r, 'metrics.clicks'),
				conversions: at(r, 'metrics.conversions') ?? 0,
				cost: at(r, 'metrics.costMicros') ?? 0,
				revenue: at(r, 'metrics.conversionsValue') ?? 0,
				currency: at(r, 'customer.currencyCode'),
				costScale: 1e-6,
			};
		}
		case 'metaInsights': {
			const action = o.metaConversionAction || 'purchase';
			const breakdown: Record<string, unknown> = {};
			for (const key of META_BREAKDOWNS) if (r[key] !== undefined) breakdown[key] = r[key];
			return {
				adId: undefined,
				remoteAdId: r.ad_id,
				url: r.website_url ?? r.link_url,
				platform: 'meta',
				date: r.date_start,
				impressions: r.impressions,
				clicks: r.inline_link_clicks ?? r.clicks,
				conversions: metaAction(r.actions, action),
				cost: r.spend ?? 0,
				revenue: metaAction(r.action_values, action),
				currency: r.account_currency,
				costScale: 1,
				breakdown: Object.keys(breakdown).length ? breakdown : undefined,
			};
		}
		case 'custom': {
			const m = o.mapping;
			if (!m) throw new Error('source "custom" needs a field mapping (date, impressions, clicks, ...)');
			const breakdown: Record<string, unknown> = {};
			for (const key of m.breakdowns ?? []) if (at(r, key) !== undefined) breakdown[key] = at(r, key);
			return {
				adId: at(r, m.adId),
				remoteAdId: at(r, m.remoteAdId),
				url: at(r, m.url),
				platform: String(at(r, m.platform) ?? 'unknown'),
				date: at(r, m.date),
				impressions: at(r, m.impressions),
				clicks: at(r, m.clicks),
				conversions: m.conversions ? at(r, m.conversions) : 0,
				cost: m.cost ? at(r, m.cost) : 0,
				revenue: m.revenue ? at(r, m.revenue) : 0,
				currency: at(r, m.currency),
				costScale: 1,
				breakdown: Object.keys(breakdown).length ? breakdown : undefined,
			};
		}
	}
}

function numberOf(value: unknown, field: string, errors: RowError[]): number {
	if (value === undefined || value === null || value === '') {
		errors.push({ field, message: 'is missing' });
		return 0;
	}
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim().replace(/,/g, '')) : NaN;
	if (!Number.isFinite(n)) {
		errors.push({ field, message: `is not a number: ${JSON.stringify(value)}` });
		return 0;
	}
	if (n < 0) errors.push({ field, message: `is negative (${n})` });
	return n;
}

function dayOf(value: unknown, errors: RowError[]): string {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value.slice(0, 10)))) return value.slice(0, 10);
	errors.push({ field: 'date', message: `is not a day as YYYY-MM-DD: ${JSON.stringify(value ?? null)}` });
	return '';
}

/** utm_content of a URL, or null. */
export function utmContentOf(url: unknown): string | null {
	if (typeof url !== 'string') return null;
	const m = /[?&]utm_content=([^&#]*)/.exec(url);
	if (!m) return null;
	try {
		return decodeURIComponent(m[1]) || null;
	} catch {
		return m[1] || null;
	}
}

const idString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** Remote ad ids per our ad id: from variants' `remoteIds` / `deployment.remoteIds` and Deployer results. */
export interface RemoteIdSource {
	adId: string;
	remoteIds?: Record<string, string>;
}

/**
 * Normalise, check and join performance rows.
 * @example ingestPerformance(rows, variants, [], { source: 'auto' })
 */
export function ingestPerformance(
	records: readonly unknown[],
	variants: readonly Pick<AdVariant, 'adId'>[],
	remote: readonly RemoteIdSource[] = [],
	options: IngestOptions = {},
): IngestResult {
	if (!Array.isArray(records)) throw new Error('ingestPerformance requires an array of rows');
	const ours = new Set(variants.map((v) => v.adId));
	const byRemote = new Map<string, string>();
	const addRemote = (adId: string, ids: unknown) => {
		if (!isObject(ids)) return;
		for (const value of Object.values(ids)) {
			const id = idString(value);
			if (id !== null) byRemote.set(id, adId);
		}
	};
	for (const v of variants as ReadonlyArray<Rec & { adId: string }>) {
		addRemote(v.adId, v.remoteIds);
		if (isObject(v.deployment)) addRemote(v.adId, v.deployment.remoteIds);
	}
	for (const r of remote) addRemote(r.adId, r.remoteIds);

	const rejected: RejectedRow[] = [];
	const unmatched: UnmatchedRow[] = [];
	const joined: NormalizedRow[] = [];
	records.forEach((record, index) => {
		if (!isObject(record)) {
			rejected.push({ index, reason: 'invalid', errors: [{ field: '(item)', message: 'is not an object' }] });
			return;
		}
		const source = !options.source || options.source === 'auto' ? detectSource(record) : options.source;
		if (source === null) {
			rejected.push({ index, reason: 'invalid', errors: [{ field: '(item)', message: 'is not a performance row the optimizer recognises (Deployer performance row, Google Ads search row, Meta insights row); choose the source "custom" with a field mapping' }] });
			return;
		}
		const raw = toRaw(record, source, options);
		const errors: RowError[] = [];
		const date = dayOf(raw.date, errors);
		const impressions = numberOf(raw.impressions, 'impressions', errors);
		const clicks = numberOf(raw.clicks, 'clicks', errors);
		const conversions = numberOf(raw.conversions, 'conversions', errors);
		const cost = numberOf(raw.cost, 'cost', errors) * raw.costScale;
		const revenue = numberOf(raw.revenue, 'revenue', errors);
		if (!Number.isInteger(impressions)) errors.push({ field: 'impressions', message: `is not a whole number (${impressions})` });
		if (!Number.isInteger(clicks)) errors.push({ field: 'clicks', message: `is not a whole number (${clicks})` });
		if (clicks > impressions) errors.push({ field: 'clicks', message: `(${clicks}) exceed impressions (${impressions})` });
		if (conversions > clicks) errors.push({ field: 'conversions', message: `(${conversions}) exceed clicks (${clicks})` });
		const currencyRaw = raw.currency ?? options.defaultCurrency;
		if (currencyRaw === undefined || currencyRaw === null || currencyRaw === '') {
			errors.push({ field: 'currency', message: 'is missing (set the Default Currency option for sources that do not report it)' });
		} else if (!isKnownCurrency(currencyRaw)) {
			errors.push({ field: 'currency', message: `is unknown: ${JSON.stringify(currencyRaw)} is not an ISO 4217 code` });
		}
		if (errors.length) {
			rejected.push({ index, reason: 'invalid', errors });
			return;
		}
		const givenId = idString(raw.adId);
		const remoteId = idString(raw.remoteAdId);
		const utm = utmContentOf(raw.url);
		const adId =
			(givenId !== null && ours.has(givenId) ? givenId : null) ??
			(utm !== null && ours.has(utm) ? utm : null) ??
			(remoteId !== null ? (byRemote.get(remoteId) ?? null) : null);
		if (adId === null) {
			const tried = [givenId && `ad id ${givenId}`, utm && `utm_content ${utm}`, remoteId && `remote ad id ${remoteId}`].filter(Boolean);
			unmatched.push({
				index,
				reason: tried.length ? `no ad variant in the input has ${tried.join(' or ')}` : 'the row carries no ad id, utm_content or remote ad id',
				adId: givenId,
				remoteAdId: remoteId,
				utmContent: utm,
			});
			return;
		}
		let breakdown: Record<string, string> | undefined;
		if (raw.breakdown) {
			breakdown = {};
			for (const [k, v] of Object.entries(raw.breakdown)) breakdown[k] = String(v);
		}
		joined.push({
			index,
			adId,
			platform: raw.platform,
			date,
			impressions,
			clicks,
			conversions,
			cost,
			revenue,
			currency: currencyRaw as string,
			...(remoteId !== null ? { remoteAdId: remoteId } : {}),
			...(breakdown ? { breakdown } : {}),
		});
	});

	// One row per ad, day, platform and breakdown: later copies are duplicates.
	const seen = new Map<string, number>();
	const unique: NormalizedRow[] = [];
	let duplicates = 0;
	for (const row of joined) {
		const key = [row.adId, row.date, row.platform, row.breakdown ? JSON.stringify(Object.entries(row.breakdown).sort()) : ''].join('|');
		const first = seen.get(key);
		if (first !== undefined) {
			duplicates++;
			rejected.push({ index: row.index, reason: 'duplicate', errors: [{ field: '(row)', message: `duplicates row ${first} (same ad ${row.adId}, day ${row.date}${row.breakdown ? ' and breakdown' : ''})` }] });
			continue;
		}
		seen.set(key, row.index);
		unique.push(row);
	}

	let currency = options.currency || null;
	if (currency === null && unique.length) {
		const tally = new Map<string, number>();
		for (const r of unique) tally.set(r.currency, (tally.get(r.currency) ?? 0) + 1);
		currency = [...tally.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
	}
	const rows: NormalizedRow[] = [];
	const breakdownRows: NormalizedRow[] = [];
	for (const row of unique) {
		if (row.currency !== currency) {
			rejected.push({ index: row.index, reason: 'currency', errors: [{ field: 'currency', message: `${row.currency} differs from the report currency ${currency}; convert first or run one currency per workflow` }] });
			continue;
		}
		(row.breakdown ? breakdownRows : rows).push(row);
	}
	rejected.sort((a, b) => a.index - b.index);
	const counts: IngestCounts = {
		in: records.length,
		used: rows.length + breakdownRows.length,
		rejected: rejected.length,
		unmatched: unmatched.length,
		duplicates,
		breakdown: breakdownRows.length,
	};
	return { rows, breakdownRows, rejected, unmatched, currency, counts };
}
