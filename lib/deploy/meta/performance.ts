/**
 * Meta ad-level insights per day (`/act_<id>/insights`, level=ad, time_increment=1) as
 * PerformanceRows. Our ad id comes from the stored remote ids when given, else from the ad's name
 * (`JA | <segment> | <channel> | <ad id>`).
 */
import type { PerformanceRow } from '../../contracts/performance';
import { parseDeploymentName } from '../naming';
import { PlatformRequestError, field, isFailure, newRetryRng, requireDigits, sendIdempotent, type RequestFn, type RetryOptions } from '../platformHttp';
import { metaError } from './errors';
import { normalizeAdAccountId } from './payload';

export interface MetaPerformanceInput {
	adAccountId: string;
	apiVersion: string;
	startDate: string;
	endDate: string;
	/** Only campaigns whose name contains this ('' for all). */
	campaignNameContains: string;
	/** Meta ad id -> our ad id. */
	knownAds: Record<string, string>;
	/** Only this Meta ad, when given. */
	adIdRemote?: string;
	/** Only this campaign / ad set (Meta ids, as the pickers give them), when given. */
	campaignIdRemote?: string;
	adSetIdRemote?: string;
}

/** Action types counted as conversions (and their values as revenue). */
export const META_CONVERSION_ACTIONS = ['purchase', 'lead', 'complete_registration'] as const;

export const INSIGHT_FIELDS = 'ad_id,ad_name,adset_id,campaign_id,impressions,clicks,spend,actions,action_values,account_currency,date_start';

function sumActions(list: unknown): number {
	if (!Array.isArray(list)) return 0;
	let total = 0;
	for (const a of list) {
		if ((META_CONVERSION_ACTIONS as readonly string[]).includes(String(field(a, 'actionType')))) {
			const v = Number(field(a, 'value'));
			if (Number.isFinite(v)) total += v;
		}
	}
	return total;
}

export function metaRowFrom(row: unknown, knownAds: Record<string, string>): PerformanceRow {
	const remote = String(field(row, 'adId') ?? '');
	const name = String(field(row, 'adName') ?? '');
	const currency = String(field(row, 'accountCurrency') ?? '');
	return {
		kind: 'performanceRow',
		adId: knownAds[remote] ?? parseDeploymentName(name)?.adId ?? null,
		platform: 'meta',
		remoteAdId: remote,
		campaignId: String(field(row, 'campaignId') ?? ''),
		adGroupId: String(field(row, 'adsetId') ?? ''),
		date: String(field(row, 'dateStart') ?? ''),
		impressions: Math.round(Number(field(row, 'impressions') ?? 0)) || 0,
		clicks: Math.round(Number(field(row, 'clicks') ?? 0)) || 0,
		conversions: sumActions(field(row, 'actions')),
		cost: Number(field(row, 'spend') ?? 0) || 0,
		revenue: sumActions(field(row, 'actionValues')),
		currency: /^[A-Z]{3}$/.test(currency) ? currency : 'USD',
	};
}

export async function fetchMetaPerformance(request: RequestFn, input: MetaPerformanceInput, retry: RetryOptions): Promise<PerformanceRow[]> {
	const account = normalizeAdAccountId(input.adAccountId);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(input.endDate) || input.startDate > input.endDate) {
		throw new Error(`start and end dates must be YYYY-MM-DD, start not after end (got "${input.startDate}" and "${input.endDate}")`);
	}
	const filtering: Array<Record<string, unknown>> = [];
	if (input.campaignNameContains) filtering.push({ field: 'campaign.name', operator: 'CONTAIN', value: input.campaignNameContains });
	if (input.campaignIdRemote) filtering.push({ field: 'campaign.id', operator: 'EQUAL', value: requireDigits(input.campaignIdRemote, 'campaign id') });
	if (input.adSetIdRemote) filtering.push({ field: 'adset.id', operator: 'EQUAL', value: requireDigits(input.adSetIdRemote, 'ad set id') });
	if (input.adIdRemote) filtering.push({ field: 'ad.id', operator: 'EQUAL', value: input.adIdRemote });
	const rng = newRetryRng(retry);
	const rows: PerformanceRow[] = [];
	let after: string | undefined;
	for (let page = 0; page < 10_000; page++) {
		const query: Record<string, string> = {
			level: 'ad',
			fields: INSIGHT_FIELDS,
			time_increment: '1',
			time_range: JSON.stringify({ since: input.startDate, until: input.endDate }),
			limit: '500',
		};
		if (filtering.length) query.filtering = JSON.stringify(filtering);
		if (after) query.after = after;
		const res = await sendIdempotent(request, { method: 'GET', path: `/${input.apiVersion}/${account}/insights`, query }, metaError, retry, rng);
		if (isFailure(res)) throw new PlatformRequestError('Meta', res.failed, res.body);
		const data = field(res.body, 'data');
		if (Array.isArray(data)) rows.push(...data.map((r) => metaRowFrom(r, input.knownAds)));
		const next = field(field(field(res.body, 'paging'), 'cursors'), 'after');
		if (typeof field(field(res.body, 'paging'), 'next') !== 'string' || typeof next !== 'string') break;
		after = next;
	}
	return rows;
}

/** Ad accounts from `/me/adaccounts` ({ data: [{ id: "act_1", name, account_id }] }). */
export function adAccountsFrom(body: unknown): Array<{ id: string; name: string }> {
	const data = field(body, 'data');
	if (!Array.isArray(data)) return [];
	return data
		.map((d) => ({ id: String(field(d, 'id') ?? ''), name: String(field(d, 'name') ?? field(d, 'id') ?? '') }))
		.filter((d) => d.id.startsWith('act_'));
}
