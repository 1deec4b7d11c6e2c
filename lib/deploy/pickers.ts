/**
 * The campaign and ad-group pickers' requests and answers, per platform, without n8n: which GAQL
 * query, Graph edge or Rest.li finder a picker sends, and how a page of the answer becomes
 * `{ name, value }` entries and the next page's token.
 */
import { field, requireDigits } from './platformHttp';
import { gaqlLikeLiteral, gaqlString } from './googleAds/payload';
import { restliString } from './linkedin/client';

export interface PickerEntry {
	name: string;
	value: string;
}

export interface PickerPage {
	results: PickerEntry[];
	/** The next page's token, when the platform says there is one. */
	paginationToken?: string;
}

/** A GAQL LIKE pattern matching names that contain `text` (%, _ and [ taken literally). */
function likeContains(text: string): string {
	return gaqlString(`%${gaqlLikeLiteral(text)}%`);
}

const shownStatus = (status: unknown): string => (typeof status === 'string' && status ? ` · ${status.toLowerCase()}` : '');

/** Google Ads campaigns not removed, names containing the filter (GAQL LIKE is case-sensitive). */
export function googleAdsCampaignQuery(filter = ''): string {
	const where = ["campaign.status != 'REMOVED'"];
	if (filter) where.push(`campaign.name LIKE ${likeContains(filter)}`);
	return `SELECT campaign.id, campaign.name, campaign.status FROM campaign WHERE ${where.join(' AND ')} ORDER BY campaign.name`;
}

/** Google Ads ad groups not removed, in one campaign when given, names containing the filter. */
export function googleAdsAdGroupQuery(campaignId = '', filter = ''): string {
	const where = ["ad_group.status != 'REMOVED'"];
	if (campaignId) where.push(`campaign.id = ${requireDigits(campaignId, 'campaign id')}`);
	if (filter) where.push(`ad_group.name LIKE ${likeContains(filter)}`);
	return `SELECT ad_group.id, ad_group.name, ad_group.status, campaign.name FROM ad_group WHERE ${where.join(' AND ')} ORDER BY ad_group.name`;
}

/** Search rows of either query as entries: "name · status", value the numeric id. */
export function googleAdsPickerEntries(rows: unknown[], resource: 'campaign' | 'adGroup'): PickerEntry[] {
	return rows
		.map((row) => {
			const o = field(row, resource);
			const id = String(field(o, 'id') ?? '');
			const name = String(field(o, 'name') ?? id);
			const parent = resource === 'adGroup' ? field(field(row, 'campaign'), 'name') : undefined;
			const inCampaign = typeof parent === 'string' && parent ? ` (${parent})` : '';
			return { name: `${name}${inCampaign}${shownStatus(field(o, 'status'))}`, value: id };
		})
		.filter((e) => e.value !== '');
}

/** Graph query for `/act_<id>/campaigns` or `/adsets`: one page, names containing the filter. */
export function metaPickerQuery(filter = '', campaignId = '', after?: string): Record<string, string> {
	const filtering: Array<Record<string, unknown>> = [];
	if (filter) filtering.push({ field: 'name', operator: 'CONTAIN', value: filter });
	if (campaignId) filtering.push({ field: 'campaign.id', operator: 'EQUAL', value: requireDigits(campaignId, 'campaign id') });
	const query: Record<string, string> = { fields: 'id,name,status', limit: '100' };
	if (filtering.length) query.filtering = JSON.stringify(filtering);
	if (after) query.after = after;
	return query;
}

/** A Graph page (`{ data, paging: { cursors: { after }, next } }`) as entries and the next cursor. */
export function metaPickerPage(body: unknown): PickerPage {
	const data = field(body, 'data');
	const results = (Array.isArray(data) ? data : [])
		.map((d) => {
			const id = String(field(d, 'id') ?? '');
			return { name: `${String(field(d, 'name') ?? id)}${shownStatus(field(d, 'status'))}`, value: id };
		})
		.filter((e) => e.value !== '');
	const paging = field(body, 'paging');
	const after = field(field(paging, 'cursors'), 'after');
	return typeof field(paging, 'next') === 'string' && typeof after === 'string' && after
		? { results, paginationToken: after }
		: { results };
}

export const LINKEDIN_PICKER_PAGE = 100;
const LIVE_STATUSES = 'List(ACTIVE,PAUSED,DRAFT)';

/**
 * Rest.li finder path for ad accounts (`/rest/adAccounts?q=search`), campaign groups or campaigns
 * of an account (`/rest/adAccounts/<id>/adCampaignGroups|adCampaigns?q=search`), one page from
 * `start`. Only live objects (active, paused, draft); campaigns of one group when given.
 */
export function linkedInPickerPath(
	kind: 'adAccounts' | 'adCampaignGroups' | 'adCampaigns',
	accountId: string,
	start: number,
	campaignGroupId = '',
): string {
	const criteria = [`status:(values:${LIVE_STATUSES})`];
	if (kind === 'adCampaigns' && campaignGroupId) {
		const group = `urn:li:sponsoredCampaignGroup:${requireDigits(campaignGroupId, 'campaign group id')}`;
		criteria.unshift(`campaignGroup:(values:List(${restliString(group)}))`);
	}
	const base = kind === 'adAccounts' ? '/rest/adAccounts' : `/rest/adAccounts/${requireDigits(accountId, 'ad account id')}/${kind}`;
	return `${base}?q=search&search=(${criteria.join(',')})&start=${start}&count=${LINKEDIN_PICKER_PAGE}`;
}

/**
 * A Rest.li page (`{ elements, paging: { start, count, total } }`) as entries whose names contain
 * the filter (any case; the finders match names exactly only), and the next page's start.
 */
export function linkedInPickerPage(body: unknown, filter = ''): PickerPage {
	const elements = field(body, 'elements');
	const wanted = filter.toLowerCase();
	const results = (Array.isArray(elements) ? elements : [])
		.map((e) => {
			const id = String(field(e, 'id') ?? '');
			return { id, name: String(field(e, 'name') ?? id), status: field(e, 'status') };
		})
		.filter((e) => e.id && (!wanted || e.name.toLowerCase().includes(wanted) || e.id.includes(wanted)))
		.map((e) => ({ name: `${e.name} (${e.id})${shownStatus(e.status)}`, value: e.id }));
	const paging = field(body, 'paging');
	const start = Number(field(paging, 'start') ?? 0);
	const count = Number(field(paging, 'count') ?? 0);
	const total = Number(field(paging, 'total'));
	const got = Array.isArray(elements) ? elements.length : 0;
	const next = start + Math.max(count, got);
	const more = Number.isFinite(total) ? next < total : got > 0 && got >= count;
	return more ? { results, paginationToken: String(next) } : { results };
}
