/**
 * Deploys one ad to Google Ads, idempotently: look up every object by its deterministic name, create
 * only what is missing in one `googleAds:mutate` (temporary resource names, `partialFailure`), and on
 * a retryable failure (rate limit, 5xx, no response) wait and start again from the look-up, so a
 * write the platform committed before the connection broke is found, never created twice.
 */
import {
	adIdFromUrl,
	isFailure,
	field,
	isRecord,
	newRetryRng,
	notFoundFailure,
	requireDigits,
	retryWait,
	sendIdempotent,
	type PlatformError,
	type PlatformFailure,
	type RequestFn,
	type RetryOptions,
} from '../platformHttp';
import { googleAdsError, parseGoogleAdsFailure } from './errors';
import {
	buildMutatePlan,
	cleanKeywords,
	existingKeywordKey,
	gaqlString,
	normalizeCustomerId,
	type GoogleAdsAdInput,
	type GoogleAdsCampaignSettings,
	type GoogleAdsExisting,
	type GoogleAdsNames,
	type GoogleAdsObjectKind,
} from './payload';

export interface GoogleAdsDeployInput {
	customerId: string;
	/** e.g. "v26" (a node parameter). */
	apiVersion: string;
	names: GoogleAdsNames;
	ad: GoogleAdsAdInput;
	keywords: readonly string[];
	settings: GoogleAdsCampaignSettings;
	/** Dry run: the mutate is sent with `validateOnly`, nothing is created. */
	validateOnly: boolean;
	/** Put the ad group and ad into this existing campaign (numeric id) instead of creating budget and campaign. */
	existingCampaignId?: string;
}

export interface GoogleAdsOperationFailure {
	object: GoogleAdsObjectKind;
	/** Keyword text, for keyword failures. */
	keyword?: string;
	code: string;
	message: string;
	fieldPath: string;
}

export interface GoogleAdsDeployOutcome {
	status: 'created' | 'validated' | 'failed';
	/** Resource names of the ad's objects: found by the look-up or just created. */
	remoteIds: Record<string, string>;
	/** Objects this run created (empty when everything already existed). */
	createdObjects: GoogleAdsObjectKind[];
	/** Objects that already existed and were reused. */
	reused: GoogleAdsObjectKind[];
	/** Operations that failed inside a partial failure (the others succeeded). */
	operationFailures: GoogleAdsOperationFailure[];
	error: PlatformError | null;
	/** Requests sent, by kind (look-ups and mutates), for the item's record. */
	requests: { search: number; mutate: number };
	attempts: number;
}

const ESSENTIAL: readonly GoogleAdsObjectKind[] = ['budget', 'campaign', 'adGroup', 'adGroupAd'];

function assertInput(input: GoogleAdsDeployInput): string {
	const customerId = normalizeCustomerId(input.customerId);
	if (!/^v\d+$/.test(input.apiVersion)) throw new Error(`API version must look like v26 (got "${input.apiVersion}")`);
	for (const key of ['budget', 'campaign', 'adGroup'] as const) {
		const name = input.names[key];
		if (typeof name !== 'string' || name.trim() === '') throw new Error(`ad ${input.ad.adId}: the ${key} name is empty`);
		if (name.length > 255) throw new Error(`ad ${input.ad.adId}: the ${key} name is over 255 characters`);
	}
	if (!Array.isArray(input.ad.headlines) || input.ad.headlines.length === 0) {
		throw new Error(`ad ${input.ad.adId}: fields.headlines is missing (a responsive search ad needs 3 to 15)`);
	}
	if (!Array.isArray(input.ad.descriptions) || input.ad.descriptions.length === 0) {
		throw new Error(`ad ${input.ad.adId}: fields.descriptions is missing (a responsive search ad needs 2 to 4)`);
	}
	if (!/^https?:\/\//.test(input.ad.finalUrl)) throw new Error(`ad ${input.ad.adId}: finalUrl must be an http(s) URL`);
	return customerId;
}

interface SearchRow {
	[key: string]: unknown;
}

/** Runs a GAQL query (all pages) with retries; reads are safe to repeat. */
export async function searchAll(
	request: RequestFn,
	apiVersion: string,
	customerId: string,
	query: string,
	retry: RetryOptions,
	counter?: { search: number },
): Promise<{ rows: SearchRow[] } | PlatformFailure> {
	const rng = newRetryRng(retry);
	const rows: SearchRow[] = [];
	let pageToken: string | undefined;
	for (let page = 0; page < 10_000; page++) {
		const body: Record<string, unknown> = { query };
		if (pageToken) body.pageToken = pageToken;
		if (counter) counter.search++;
		const response = await sendIdempotent(
			request,
			{ method: 'POST', path: `/${apiVersion}/customers/${customerId}/googleAds:search`, body },
			googleAdsError,
			retry,
			rng,
		);
		if (isFailure(response)) return response;
		const results = field(response.body, 'results');
		if (Array.isArray(results)) rows.push(...(results as SearchRow[]));
		const next = field(response.body, 'nextPageToken');
		if (typeof next !== 'string' || next === '') break;
		pageToken = next;
	}
	return { rows };
}

function resourceNameAt(row: SearchRow, resource: string): string | undefined {
	const value = field(field(row, resource), 'resourceName');
	return typeof value === 'string' && value ? value : undefined;
}

/**
 * Finds the ad's objects: budget, campaign and ad group by their names (the variants of one segment
 * and channel share them), the ad and keywords within the ad group.
 */
export async function lookUp(
	request: RequestFn,
	apiVersion: string,
	customerId: string,
	names: GoogleAdsNames,
	ad: Pick<GoogleAdsAdInput, 'adId' | 'finalUrl'>,
	retry: RetryOptions,
	counter: { search: number },
	existingCampaignId?: string,
): Promise<GoogleAdsExisting | PlatformFailure> {
	const run = (q: string) => searchAll(request, apiVersion, customerId, q, retry, counter);
	const existing: GoogleAdsExisting = {};
	const byWhat = existingCampaignId
		? `campaign.id = ${requireDigits(existingCampaignId, 'existing campaign id')}`
		: `campaign.name = ${gaqlString(names.campaign)}`;
	const campaigns = await run(
		`SELECT campaign.resource_name, campaign.name, campaign.status, campaign.campaign_budget FROM campaign WHERE ${byWhat} AND campaign.status != 'REMOVED'`,
	);
	if (isFailure(campaigns)) return campaigns;
	const campaignRow = campaigns.rows.find((r) => resourceNameAt(r, 'campaign'));
	if (existingCampaignId && !campaignRow) return notFoundFailure('campaign', existingCampaignId, `customer ${customerId}`);
	existing.campaign = campaignRow ? resourceNameAt(campaignRow, 'campaign') : undefined;
	const budgetOfCampaign = field(field(campaignRow, 'campaign'), 'campaignBudget');
	if (typeof budgetOfCampaign === 'string' && budgetOfCampaign) existing.budget = budgetOfCampaign;
	if (!existing.campaign) {
		const budgets = await run(
			`SELECT campaign_budget.resource_name, campaign_budget.name FROM campaign_budget WHERE campaign_budget.name = ${gaqlString(names.budget)} AND campaign_budget.status != 'REMOVED'`,
		);
		if (isFailure(budgets)) return budgets;
		existing.budget = budgets.rows.map((r) => resourceNameAt(r, 'campaignBudget')).find((x) => x);
		return existing;
	}
	const adGroups = await run(
		`SELECT ad_group.resource_name, ad_group.name FROM ad_group WHERE campaign.resource_name = ${gaqlString(existing.campaign)} AND ad_group.name = ${gaqlString(names.adGroup)} AND ad_group.status != 'REMOVED'`,
	);
	if (isFailure(adGroups)) return adGroups;
	existing.adGroup = adGroups.rows.map((r) => resourceNameAt(r, 'adGroup')).find((x) => x);
	if (!existing.adGroup) return existing;
	// Responsive search ads have no name to look up; ours is the one whose final URL carries our ad
	// id as utm_content (or, for a URL without it, the same final URL).
	const ads = await run(
		`SELECT ad_group_ad.resource_name, ad_group_ad.ad.id, ad_group_ad.ad.final_urls FROM ad_group_ad WHERE ad_group.resource_name = ${gaqlString(existing.adGroup)} AND ad_group_ad.status != 'REMOVED'`,
	);
	if (isFailure(ads)) return ads;
	const ours = ads.rows.find((r) => {
		const urls = field(field(field(r, 'adGroupAd'), 'ad'), 'finalUrls');
		if (!Array.isArray(urls)) return false;
		return urls.some((u) => typeof u === 'string' && (u === ad.finalUrl || adIdFromUrl(u) === ad.adId));
	});
	existing.adGroupAd = ours ? resourceNameAt(ours, 'adGroupAd') : undefined;
	const criteria = await run(
		`SELECT ad_group_criterion.resource_name, ad_group_criterion.keyword.text, ad_group_criterion.keyword.match_type FROM ad_group_criterion WHERE ad_group.resource_name = ${gaqlString(existing.adGroup)} AND ad_group_criterion.type = 'KEYWORD' AND ad_group_criterion.status != 'REMOVED'`,
	);
	if (isFailure(criteria)) return criteria;
	existing.keywords = [];
	existing.keywordNames = {};
	for (const r of criteria.rows) {
		const kw = field(field(r, 'adGroupCriterion'), 'keyword');
		const key = existingKeywordKey(String(field(kw, 'text') ?? ''), String(field(kw, 'matchType') ?? ''));
		existing.keywords.push(key);
		const name = resourceNameAt(r, 'adGroupCriterion');
		if (name) existing.keywordNames[key] = name;
	}
	return existing;
}

const RESULT_KEY: Record<GoogleAdsObjectKind, string> = {
	budget: 'campaignBudgetResult',
	campaign: 'campaignResult',
	adGroup: 'adGroupResult',
	keyword: 'adGroupCriterionResult',
	adGroupAd: 'adGroupAdResult',
};

/** Resource names of the ad's own keywords that already exist (in the order given). */
function existingKeywordIds(existing: GoogleAdsExisting, keywords: readonly string[], matchType: string): string[] {
	return cleanKeywords(keywords)
		.map((k) => existing.keywordNames?.[existingKeywordKey(k, matchType)])
		.filter((n): n is string => typeof n === 'string');
}

function remoteIdsFrom(existing: GoogleAdsExisting): Record<string, string> {
	const ids: Record<string, string> = {};
	if (existing.budget) ids.campaignBudget = existing.budget;
	if (existing.campaign) ids.campaign = existing.campaign;
	if (existing.adGroup) ids.adGroup = existing.adGroup;
	if (existing.adGroupAd) ids.adGroupAd = existing.adGroupAd;
	return ids;
}

function reusedFrom(existing: GoogleAdsExisting): GoogleAdsObjectKind[] {
	const out: GoogleAdsObjectKind[] = [];
	if (existing.budget || existing.campaign) out.push('budget');
	if (existing.campaign) out.push('campaign');
	if (existing.adGroup) out.push('adGroup');
	if (existing.adGroupAd) out.push('adGroupAd');
	return out;
}

/** Deploys one ad; never throws for a platform error (it is in the outcome), only for bad input. */
export async function deployGoogleAd(
	request: RequestFn,
	input: GoogleAdsDeployInput,
	retry: RetryOptions,
): Promise<GoogleAdsDeployOutcome> {
	const customerId = assertInput(input);
	const rng = newRetryRng(retry);
	const requests = { search: 0, mutate: 0 };
	let lastError: PlatformError | null = null;
	for (let attempt = 0; attempt < retry.maxAttempts; attempt++) {
		if (attempt > 0 && lastError) await retry.sleep(retryWait(lastError, attempt - 1, rng, retry));
		const existing = await lookUp(request, input.apiVersion, customerId, input.names, input.ad, retry, requests, input.existingCampaignId);
		if (isFailure(existing)) return failed(existing.failed, {}, [], requests, attempt + 1);
		const plan = buildMutatePlan(customerId, input.names, input.ad, input.keywords, input.settings, existing);
		const remoteIds = remoteIdsFrom(existing);
		const keywordIds = existingKeywordIds(existing, input.keywords, input.settings.matchType);
		if (keywordIds.length) remoteIds.keywords = keywordIds.join(',');
		const reused = reusedFrom(existing);
		if (plan.mutateOperations.length === 0) {
			return {
				status: input.validateOnly ? 'validated' : 'created',
				remoteIds,
				createdObjects: [],
				reused,
				operationFailures: [],
				error: null,
				requests,
				attempts: attempt + 1,
			};
		}
		requests.mutate++;
		const response = await request({
			method: 'POST',
			path: `/${input.apiVersion}/customers/${customerId}/googleAds:mutate`,
			body: { mutateOperations: plan.mutateOperations, partialFailure: true, validateOnly: input.validateOnly },
		});
		const error = googleAdsError(response);
		if (error) {
			if (error.retryable) {
				lastError = error;
				continue;
			}
			return failed(error, remoteIds, reused, requests, attempt + 1);
		}
		return readMutateResponse(response.body, plan.kinds, plan.keywordTexts, remoteIds, reused, input.validateOnly, requests, attempt + 1);
	}
	return failed(lastError as PlatformError, {}, [], requests, retry.maxAttempts);
}

function failed(
	error: PlatformError,
	remoteIds: Record<string, string>,
	reused: GoogleAdsObjectKind[],
	requests: { search: number; mutate: number },
	attempts: number,
): GoogleAdsDeployOutcome {
	return { status: 'failed', remoteIds, createdObjects: [], reused, operationFailures: [], error, requests, attempts };
}

function readMutateResponse(
	body: unknown,
	kinds: GoogleAdsObjectKind[],
	keywordTexts: string[],
	remoteIds: Record<string, string>,
	reused: GoogleAdsObjectKind[],
	validateOnly: boolean,
	requests: { search: number; mutate: number },
	attempts: number,
): GoogleAdsDeployOutcome {
	const responses = field(body, 'mutateOperationResponses');
	const list = Array.isArray(responses) ? responses : [];
	const failure = parseGoogleAdsFailure(field(body, 'partialFailureError'));
	const failedOps = new Map<number, { code: string; message: string; fieldPath: string }>();
	for (const e of failure?.errors ?? []) {
		if (e.operationIndex !== null && !failedOps.has(e.operationIndex)) failedOps.set(e.operationIndex, e);
	}
	const ids = { ...remoteIds };
	const createdObjects: GoogleAdsObjectKind[] = [];
	const operationFailures: GoogleAdsOperationFailure[] = [];
	let keywordIndex = 0;
	const keywordIds: string[] = [];
	kinds.forEach((kind, index) => {
		const keyword = kind === 'keyword' ? keywordTexts[keywordIndex++] : undefined;
		const f = failedOps.get(index);
		if (f) {
			operationFailures.push({ object: kind, ...(keyword !== undefined ? { keyword } : {}), code: f.code, message: f.message, fieldPath: f.fieldPath });
			return;
		}
		if (validateOnly) return;
		const result = field(list[index], RESULT_KEY[kind]);
		const name = isRecord(result) ? result.resourceName : undefined;
		if (typeof name !== 'string') return;
		createdObjects.push(kind);
		if (kind === 'keyword') keywordIds.push(name);
		else ids[kind === 'budget' ? 'campaignBudget' : kind] = name;
	});
	if (keywordIds.length) ids.keywords = [ids.keywords, ...keywordIds].filter((x) => x).join(',');
	const essentialFailed = operationFailures.filter((f) => ESSENTIAL.includes(f.object));
	if (essentialFailed.length) {
		const first = essentialFailed[0];
		return {
			status: 'failed',
			remoteIds: ids,
			createdObjects,
			reused,
			operationFailures,
			error: {
				status: 200,
				code: first.code,
				message: essentialFailed.map((f) => `${f.object}: ${f.message}${f.fieldPath ? ` [${f.fieldPath}]` : ''}`).join('; '),
				requestId: failure?.requestId ?? null,
				retryable: false,
				retryDelayMs: null,
				fatal: false,
			},
			requests,
			attempts,
		};
	}
	return {
		status: validateOnly ? 'validated' : 'created',
		remoteIds: ids,
		createdObjects,
		reused,
		operationFailures,
		error: null,
		requests,
		attempts,
	};
}
