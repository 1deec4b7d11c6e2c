/**
 * LinkedIn Marketing API (Rest.li 2.0, versioned): campaign group, campaign and an inline Sponsored
 * Content creative for one ad, each looked up by name in the ad account before it is created, all
 * DRAFT (or PAUSED). Every request carries `Linkedin-Version: YYYYMM` (a node parameter) and
 * `X-Restli-Protocol-Version: 2.0.0`; a new object's id comes back in `x-restli-id` (or
 * `x-linkedin-id`). HTTP 426 means the version was sunset.
 */
import type { PerformanceRow } from '../../contracts/performance';
import {
	PlatformRequestError,
	field,
	header,
	isFailure,
	lookUpOrCreate,
	newRetryRng,
	requireDigits,
	sendIdempotent,
	type PlatformError,
	type PlatformFailure,
	type PlatformRequest,
	type PlatformResponse,
	type RequestFn,
	type RetryOptions,
} from '../platformHttp';
import type { Rng } from '../../util/rng';

export interface LinkedInAdInput {
	adId: string;
	finalUrl: string;
	introText: string;
	headline: string;
	/** LinkedIn call-to-action label, e.g. LEARN_MORE. */
	cta: string;
}

export interface LinkedInSettings {
	/** Daily budget in major units of `currency`. */
	dailyBudget: number;
	currency: string;
	/** Bid per click in major units. */
	maxCpc: number;
	/** Location facet values, e.g. urn:li:geo:103644278 (United States). */
	locations: string[];
	locale: { country: string; language: string };
	/** The organization the Sponsored Content is posted as (urn:li:organization:<id>). */
	organization: string;
	status: 'DRAFT' | 'PAUSED' | 'ACTIVE';
	/** Political ads must be declared on the campaign. */
	political: boolean;
	/** Campaign start, epoch ms (the caller's clock; lib reads none). */
	startMs: number;
}

export interface LinkedInNames {
	campaignGroup: string;
	campaign: string;
	creative: string;
}

export interface LinkedInDeployInput {
	adAccountId: string;
	/** YYYYMM, e.g. "202608" (a node parameter). */
	version: string;
	names: LinkedInNames;
	ad: LinkedInAdInput;
	settings: LinkedInSettings;
	dryRun: boolean;
	/** Put the campaign and creative into this existing campaign group (numeric id) instead of creating one. */
	existingCampaignGroupId?: string;
}

export type LinkedInObjectKind = 'campaignGroup' | 'campaign' | 'creative';

export interface LinkedInDeployOutcome {
	status: 'created' | 'validated' | 'failed';
	remoteIds: Record<string, string>;
	createdObjects: LinkedInObjectKind[];
	reused: LinkedInObjectKind[];
	error: PlatformError | null;
	payloads: Record<string, unknown>;
	requests: { get: number; post: number };
}

/** Headers every versioned LinkedIn Marketing API call needs. */
export function linkedInHeaders(version: string): Record<string, string> {
	if (!/^20\d{4}$/.test(version)) throw new Error(`LinkedIn API version must be YYYYMM such as 202608 (got "${version}")`);
	return { 'Linkedin-Version': version, 'X-Restli-Protocol-Version': '2.0.0' };
}

/** Money as LinkedIn writes it: `{ amount: "12.50", currencyCode: "USD" }` (major units, string). */
export function money(amount: number, currency: string, label: string): { amount: string; currencyCode: string } {
	if (!Number.isFinite(amount) || amount <= 0) throw new Error(`${label} must be above 0 (got ${String(amount)})`);
	if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`currency must be an ISO 4217 code such as USD (got "${currency}")`);
	return { amount: (Math.round(amount * 100) / 100).toFixed(2), currencyCode: currency };
}

/**
 * Rest.li 2.0 encoding of a string inside a query's List(...) or (key:value): percent-encoded,
 * including the characters Rest.li gives meaning to, so the structure around it stays literal.
 * Queries are therefore written into the path, already encoded, never re-encoded by a client.
 */
export function restliString(value: string): string {
	return encodeURIComponent(value).replace(/[()',:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function accountUrn(id: string): string {
	return `urn:li:sponsoredAccount:${id}`;
}

export function campaignGroupBody(account: string, names: LinkedInNames, s: LinkedInSettings): Record<string, unknown> {
	return { account: accountUrn(account), name: names.campaignGroup, status: s.status === 'ACTIVE' ? 'ACTIVE' : 'DRAFT', runSchedule: { start: s.startMs } };
}

export function campaignBody(account: string, groupUrn: string, names: LinkedInNames, s: LinkedInSettings): Record<string, unknown> {
	if (s.locations.length === 0) throw new Error('at least one location (urn:li:geo:...) is required for LinkedIn targeting');
	return {
		account: accountUrn(account),
		campaignGroup: groupUrn,
		name: names.campaign,
		type: 'SPONSORED_UPDATES',
		costType: 'CPC',
		objectiveType: 'WEBSITE_VISIT',
		dailyBudget: money(s.dailyBudget, s.currency, 'daily budget'),
		unitCost: money(s.maxCpc, s.currency, 'max CPC'),
		locale: s.locale,
		targetingCriteria: { include: { and: [{ or: { 'urn:li:adTargetingFacet:locations': s.locations } }] } },
		offsiteDeliveryEnabled: false,
		politicalIntent: s.political ? 'POLITICAL' : 'NOT_POLITICAL',
		runSchedule: { start: s.startMs },
		status: s.status,
	};
}

export function creativeBody(campaignUrn: string, names: LinkedInNames, ad: LinkedInAdInput, s: LinkedInSettings): Record<string, unknown> {
	if (!/^urn:li:organization:\d+$/.test(s.organization)) throw new Error(`the organization must be urn:li:organization:<id> (got "${s.organization}")`);
	return {
		creative: {
			campaign: campaignUrn,
			name: names.creative,
			intendedStatus: s.status,
			inlineContent: {
				post: {
					author: s.organization,
					commentary: ad.introText,
					visibility: 'PUBLIC',
					lifecycleState: 'PUBLISHED',
					isReshareDisabledByAuthor: false,
					distribution: { feedDistribution: 'NONE', targetEntities: [], thirdPartyDistributionChannels: [] },
					content: { article: { source: ad.finalUrl, title: ad.headline } },
					contentCallToActionLabel: ad.cta,
				},
			},
		},
	};
}

/** The error in a LinkedIn response, or null on 2xx. 426: the version is sunset. */
export function linkedInError(response: PlatformResponse): PlatformError | null {
	if (response.status >= 200 && response.status < 300) return null;
	const requestId = header(response.headers, 'x-li-uuid') ?? header(response.headers, 'x-li-request-id') ?? null;
	if (response.status === 0) {
		return { status: 0, code: 'NO_RESPONSE', message: `no response from LinkedIn (${response.networkError ?? 'timeout'}); the request may have been carried out`, requestId, retryable: true, retryDelayMs: null, fatal: false };
	}
	const body = response.body;
	let message = String(field(body, 'message') ?? `HTTP ${response.status}`);
	const code = String(field(body, 'serviceErrorCode') ?? field(body, 'code') ?? '');
	if (response.status === 426) {
		message = `${message} (LinkedIn no longer serves this API version: set the node's "LinkedIn API Version" parameter to a current YYYYMM version)`;
	}
	const retryAfter = Number(header(response.headers, 'retry-after'));
	const retryable = response.status === 429 || response.status >= 500;
	return {
		status: response.status,
		code,
		message,
		requestId,
		retryable,
		retryDelayMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
		fatal: !retryable && [401, 403, 426].includes(response.status),
	};
}

/** The new object's id from `x-restli-id` (or `x-linkedin-id`), as given (numeric id or URN). */
export function createdId(response: PlatformResponse): string | null {
	return header(response.headers, 'x-restli-id') ?? header(response.headers, 'x-linkedin-id') ?? null;
}

interface Ctx {
	request: RequestFn;
	headers: Record<string, string>;
	base: string;
	retry: RetryOptions;
	rng: Rng;
	requests: { get: number; post: number };
}

/** A path with a Rest.li query whose values are already encoded. */
function withQuery(path: string, query: Record<string, string>): string {
	return `${path}?${Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')}`;
}

async function find(ctx: Ctx, path: string, query: Record<string, string>, name: string): Promise<string | null | PlatformFailure> {
	let start = 0;
	for (let page = 0; page < 1000; page++) {
		ctx.requests.get++;
		const res = await sendIdempotent(ctx.request, { method: 'GET', path: withQuery(path, { ...query, start: String(start), count: '100' }), headers: ctx.headers }, linkedInError, ctx.retry, ctx.rng);
		if (isFailure(res)) return res;
		const elements = field(res.body, 'elements');
		const list = Array.isArray(elements) ? elements : [];
		const hit = list.find((e) => field(e, 'name') === name);
		if (hit) return String(field(hit, 'id'));
		if (list.length < 100) return null;
		start += list.length;
	}
	return null;
}

function ensure(ctx: Ctx, lookup: () => Promise<string | null | PlatformFailure>, req: PlatformRequest): Promise<{ id: string; created: boolean } | PlatformFailure> {
	const create = () => ctx.request({ ...req, headers: { ...ctx.headers, ...(req.headers ?? {}) } });
	return lookUpOrCreate({ lookup, create, parse: linkedInError, idOf: createdId, platform: 'LinkedIn' }, ctx.retry, ctx.rng, ctx.requests);
}

/** A numeric id from an id or URN ("urn:li:sponsoredCampaign:7" -> "7"). */
function idOf(value: string): string {
	return value.split(':').pop() ?? value;
}

export async function deployLinkedInAd(request: RequestFn, input: LinkedInDeployInput, retry: RetryOptions): Promise<LinkedInDeployOutcome> {
	const headers = linkedInHeaders(input.version);
	const account = String(input.adAccountId).replace(/^urn:li:sponsoredAccount:/, '').trim();
	if (!/^\d+$/.test(account)) throw new Error(`LinkedIn ad account id must be digits (got "${input.adAccountId}")`);
	const { names, settings, ad } = input;
	const existingGroup = input.existingCampaignGroupId ? requireDigits(input.existingCampaignGroupId, 'existing campaign group id') : undefined;
	const payloads: Record<string, unknown> = {
		...(existingGroup ? {} : { campaignGroup: campaignGroupBody(account, names, settings) }),
		campaign: campaignBody(account, `urn:li:sponsoredCampaignGroup:${existingGroup ?? '<id>'}`, names, settings),
		creative: creativeBody('urn:li:sponsoredCampaign:<id>', names, ad, settings),
	};
	const ctx: Ctx = { request, headers, base: `/rest/adAccounts/${account}`, retry, rng: newRetryRng(retry), requests: { get: 0, post: 0 } };
	const outcome: LinkedInDeployOutcome = { status: 'validated', remoteIds: {}, createdObjects: [], reused: [], error: null, payloads, requests: ctx.requests };
	if (input.dryRun) return outcome;
	const done = (kind: LinkedInObjectKind, r: { id: string; created: boolean }) => {
		outcome.remoteIds[kind] = r.id;
		(r.created ? outcome.createdObjects : outcome.reused).push(kind);
	};
	const fail = (f: PlatformFailure): LinkedInDeployOutcome => ({ ...outcome, status: 'failed', error: f.failed });

	const group = existingGroup
		? { id: existingGroup, created: false }
		: await ensure(
				ctx,
				() => find(ctx, `${ctx.base}/adCampaignGroups`, { q: 'search', search: `(name:(values:List(${restliString(names.campaignGroup)})))` }, names.campaignGroup),
				{ method: 'POST', path: `${ctx.base}/adCampaignGroups`, body: campaignGroupBody(account, names, settings) },
			);
	if (isFailure(group)) return fail(group);
	done('campaignGroup', group);
	const groupUrn = `urn:li:sponsoredCampaignGroup:${idOf(group.id)}`;
	const campaign = await ensure(
		ctx,
		() => find(ctx, `${ctx.base}/adCampaigns`, { q: 'search', search: `(campaignGroup:(values:List(${restliString(groupUrn)})),name:(values:List(${restliString(names.campaign)})))` }, names.campaign),
		{ method: 'POST', path: `${ctx.base}/adCampaigns`, body: campaignBody(account, groupUrn, names, settings) },
	);
	if (isFailure(campaign)) return fail(campaign);
	done('campaign', campaign);
	const campaignUrn = `urn:li:sponsoredCampaign:${idOf(campaign.id)}`;
	const creative = await ensure(
		ctx,
		() => find(ctx, `${ctx.base}/creatives`, { q: 'criteria', campaigns: `List(${restliString(campaignUrn)})` }, names.creative),
		{ method: 'POST', path: `${ctx.base}/creatives?action=createInline`, body: creativeBody(campaignUrn, names, ad, settings) },
	);
	if (isFailure(creative)) return fail(creative);
	done('creative', creative);
	return { ...outcome, status: 'created' };
}

export interface LinkedInPerformanceInput {
	adAccountId: string;
	version: string;
	startDate: string;
	endDate: string;
	currency: string;
	/** Creative URN -> our ad id. */
	knownCreatives: Record<string, string>;
	/** Only this campaign group / campaign (numeric ids, as the pickers give them), when given. */
	campaignGroupId?: string;
	campaignId?: string;
}

/**
 * The adAnalytics facet narrowing the rows: the picked campaign, else the picked campaign group,
 * else the whole ad account.
 */
function analyticsFacet(input: LinkedInPerformanceInput, account: string): Record<string, string> {
	if (input.campaignId) {
		return { campaigns: `List(${restliString(`urn:li:sponsoredCampaign:${requireDigits(input.campaignId, 'campaign id')}`)})` };
	}
	if (input.campaignGroupId) {
		return { campaignGroups: `List(${restliString(`urn:li:sponsoredCampaignGroup:${requireDigits(input.campaignGroupId, 'campaign group id')}`)})` };
	}
	return { accounts: `List(${restliString(`urn:li:sponsoredAccount:${account}`)})` };
}

function day(value: unknown): string {
	const y = Number(field(value, 'year'));
	const m = Number(field(value, 'month'));
	const d = Number(field(value, 'day'));
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function restliDate(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	return `(year:${y},month:${m},day:${d})`;
}

/** `adAnalytics` per creative and day as PerformanceRows (our ad id from the stored creative ids). */
export async function fetchLinkedInPerformance(request: RequestFn, input: LinkedInPerformanceInput, retry: RetryOptions): Promise<PerformanceRow[]> {
	const headers = linkedInHeaders(input.version);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(input.endDate) || input.startDate > input.endDate) {
		throw new Error(`start and end dates must be YYYY-MM-DD, start not after end (got "${input.startDate}" and "${input.endDate}")`);
	}
	const account = String(input.adAccountId).replace(/^urn:li:sponsoredAccount:/, '');
	const res = await sendIdempotent(
		request,
		{
			method: 'GET',
			headers,
			path: withQuery('/rest/adAnalytics', {
				q: 'analytics',
				pivot: 'CREATIVE',
				timeGranularity: 'DAILY',
				dateRange: `(start:${restliDate(input.startDate)},end:${restliDate(input.endDate)})`,
				...analyticsFacet(input, account),
				fields: 'impressions,clicks,externalWebsiteConversions,costInLocalCurrency,conversionValueInLocalCurrency,dateRange,pivotValues',
			}),
		},
		linkedInError,
		retry,
		newRetryRng(retry),
	);
	if (isFailure(res)) throw new PlatformRequestError('LinkedIn', res.failed, res.body);
	const elements = field(res.body, 'elements');
	return (Array.isArray(elements) ? elements : []).map((e) => {
		const pivots = field(e, 'pivotValues');
		const creative = Array.isArray(pivots) ? String(pivots[0] ?? '') : '';
		return {
			kind: 'performanceRow',
			adId: input.knownCreatives[creative] ?? input.knownCreatives[idOf(creative)] ?? null,
			platform: 'linkedin',
			remoteAdId: creative,
			date: day(field(field(e, 'dateRange'), 'start')),
			impressions: Math.round(Number(field(e, 'impressions') ?? 0)) || 0,
			clicks: Math.round(Number(field(e, 'clicks') ?? 0)) || 0,
			conversions: Number(field(e, 'externalWebsiteConversions') ?? 0) || 0,
			cost: Number(field(e, 'costInLocalCurrency') ?? 0) || 0,
			revenue: Number(field(e, 'conversionValueInLocalCurrency') ?? 0) || 0,
			currency: input.currency,
		};
	});
}
