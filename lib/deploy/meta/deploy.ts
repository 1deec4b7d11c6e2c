/**
 * Deploys one ad to Meta, idempotently: campaign, ad set, ad creative and ad are each looked up by
 * their deterministic name within the ad account before they are created; a rate limit, a server
 * error or a lost reply is followed by a wait and a new look-up, never by a blind second create.
 * Into a picked campaign, the campaign is read first: when it holds its own budget, the ad set is
 * created without one. Dry run builds and checks every payload and sends nothing (so its ad-set
 * payload shows an ad-set budget even where the picked campaign would supply it).
 */
import {
	field,
	isFailure,
	lookUpOrCreate,
	newRetryRng,
	requireDigits,
	sendIdempotent,
	type PlatformError,
	type PlatformFailure,
	type PlatformResponse,
	type RequestFn,
	type RetryOptions,
} from '../platformHttp';
import type { Rng } from '../../util/rng';
import { metaError, parseBusinessUseCaseUsage } from './errors';
import {
	adBody,
	adSetBody,
	campaignBody,
	creativeBody,
	nameFilter,
	normalizeAdAccountId,
	type MetaAdInput,
	type MetaNames,
	type MetaSettings,
} from './payload';

export type MetaObjectKind = 'campaign' | 'adSet' | 'creative' | 'ad';

export interface MetaDeployInput {
	adAccountId: string;
	/** e.g. "v26.0" (a node parameter). */
	apiVersion: string;
	names: MetaNames;
	ad: MetaAdInput;
	settings: MetaSettings;
	dryRun: boolean;
	/** Put the ad set and ad into this existing campaign (Meta id) instead of creating one. */
	existingCampaignId?: string;
}

export interface MetaDeployOutcome {
	status: 'created' | 'validated' | 'failed';
	remoteIds: Record<string, string>;
	createdObjects: MetaObjectKind[];
	reused: MetaObjectKind[];
	error: PlatformError | null;
	/** The request bodies (dry run: what would be sent). */
	payloads: Record<string, unknown>;
	/** Highest business-use-case usage Meta reported (percent), when it did. */
	usagePercent: number | null;
	requests: { get: number; post: number };
}

interface Ctx {
	request: RequestFn;
	base: string;
	retry: RetryOptions;
	rng: Rng;
	requests: { get: number; post: number };
	usage: number | null;
}

function track(ctx: Ctx, headers: Record<string, string>): void {
	const u = parseBusinessUseCaseUsage(headers);
	if (u) ctx.usage = Math.max(ctx.usage ?? 0, u.maxPercent);
}

/** First object on an edge (all pages) whose name matches. */
async function findByName(ctx: Ctx, edge: string, name: string, fields: string, filterExtra: Array<Record<string, unknown>>, filterServerSide: boolean): Promise<string | null | PlatformFailure> {
	let after: string | undefined;
	for (let page = 0; page < 1000; page++) {
		const query: Record<string, string> = { fields, limit: '100' };
		if (filterServerSide) query.filtering = nameFilter(name, filterExtra);
		if (after) query.after = after;
		ctx.requests.get++;
		const res = await sendIdempotent(ctx.request, { method: 'GET', path: `${ctx.base}/${edge}`, query }, metaError, ctx.retry, ctx.rng);
		if (isFailure(res)) return res;
		track(ctx, res.headers);
		const data = field(res.body, 'data');
		const hit = Array.isArray(data) ? data.find((d) => field(d, 'name') === name) : undefined;
		const id = field(hit, 'id');
		if (typeof id === 'string' && id) return id;
		const next = field(field(field(res.body, 'paging'), 'cursors'), 'after');
		const hasNext = typeof field(field(res.body, 'paging'), 'next') === 'string';
		if (!hasNext || typeof next !== 'string') return null;
		after = next;
	}
	return null;
}

/** Whether an existing campaign holds its own budget (then its ad sets must not have one). */
async function campaignHasBudget(ctx: Ctx, apiVersion: string, campaignId: string): Promise<boolean | PlatformFailure> {
	ctx.requests.get++;
	const res = await sendIdempotent(
		ctx.request,
		{ method: 'GET', path: `/${apiVersion}/${campaignId}`, query: { fields: 'id,daily_budget,lifetime_budget' } },
		metaError,
		ctx.retry,
		ctx.rng,
	);
	if (isFailure(res)) return res;
	track(ctx, res.headers);
	const set = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== '0';
	return set(field(res.body, 'daily_budget')) || set(field(res.body, 'lifetime_budget'));
}

/** Look up by name, create if missing (see lookUpOrCreate), tracking Meta's usage header. */
function ensure(
	ctx: Ctx,
	lookup: () => Promise<string | null | PlatformFailure>,
	edge: string,
	body: Record<string, unknown>,
): Promise<{ id: string; created: boolean } | PlatformFailure> {
	const create = async () => {
		const res = await ctx.request({ method: 'POST', path: `${ctx.base}/${edge}`, body });
		track(ctx, res.headers);
		return res;
	};
	const idOf = (res: PlatformResponse) => {
		const id = field(res.body, 'id');
		return typeof id === 'string' && id ? id : null;
	};
	return lookUpOrCreate({ lookup, create, parse: metaError, idOf, platform: 'Meta' }, ctx.retry, ctx.rng, ctx.requests);
}

function assertInput(input: MetaDeployInput): string {
	if (!/^v\d+\.\d+$/.test(input.apiVersion)) throw new Error(`Graph API version must look like v26.0 (got "${input.apiVersion}")`);
	for (const key of ['primaryText', 'headline', 'cta', 'finalUrl'] as const) {
		if (typeof input.ad[key] !== 'string' || input.ad[key].trim() === '') throw new Error(`ad ${input.ad.adId}: ${key} is empty`);
	}
	return normalizeAdAccountId(input.adAccountId);
}

export async function deployMetaAd(request: RequestFn, input: MetaDeployInput, retry: RetryOptions): Promise<MetaDeployOutcome> {
	const account = assertInput(input);
	const { names, settings } = input;
	const ctx: Ctx = { request, base: `/${input.apiVersion}/${account}`, retry, rng: newRetryRng(retry), requests: { get: 0, post: 0 }, usage: null };
	// Build (and so check) every payload first; ids of parents are filled in as they are known.
	const existingCampaign = input.existingCampaignId ? requireDigits(input.existingCampaignId, 'existing campaign id') : undefined;
	const payloads: Record<string, unknown> = {
		...(existingCampaign ? {} : { campaign: campaignBody(names, settings) }),
		adSet: adSetBody(names, existingCampaign ?? '<campaign id>', settings),
		creative: creativeBody(names, input.ad, settings),
		ad: adBody(names, '<ad set id>', '<creative id>', settings),
	};
	const outcome: MetaDeployOutcome = { status: 'validated', remoteIds: {}, createdObjects: [], reused: [], error: null, payloads, usagePercent: null, requests: ctx.requests };
	if (input.dryRun) return outcome;

	const done = (kind: MetaObjectKind, r: { id: string; created: boolean }) => {
		outcome.remoteIds[kind] = r.id;
		(r.created ? outcome.createdObjects : outcome.reused).push(kind);
	};
	const fail = (f: PlatformFailure): MetaDeployOutcome => ({ ...outcome, status: 'failed', error: f.failed, usagePercent: ctx.usage });

	const campaign = existingCampaign
		? { id: existingCampaign, created: false }
		: await ensure(ctx, () => findByName(ctx, 'campaigns', names.campaign, 'id,name', [], true), 'campaigns', campaignBody(names, settings));
	if (isFailure(campaign)) return fail(campaign);
	done('campaign', campaign);
	// A picked campaign may hold its own budget (Advantage campaign budget); one we create never does.
	const budgeted = existingCampaign ? await campaignHasBudget(ctx, input.apiVersion, existingCampaign) : false;
	if (isFailure(budgeted)) return fail(budgeted);
	const adSetPayload = adSetBody(names, campaign.id, settings, budgeted);
	outcome.payloads.adSet = adSetPayload;
	const adSet = await ensure(
		ctx,
		() => findByName(ctx, 'adsets', names.adSet, 'id,name,campaign_id', [{ field: 'campaign.id', operator: 'EQUAL', value: campaign.id }], true),
		'adsets',
		adSetPayload,
	);
	if (isFailure(adSet)) return fail(adSet);
	done('adSet', adSet);
	const creative = await ensure(ctx, () => findByName(ctx, 'adcreatives', names.ad, 'id,name', [], false), 'adcreatives', creativeBody(names, input.ad, settings));
	if (isFailure(creative)) return fail(creative);
	done('creative', creative);
	const ad = await ensure(
		ctx,
		() => findByName(ctx, 'ads', names.ad, 'id,name,adset_id', [{ field: 'adset.id', operator: 'EQUAL', value: adSet.id }], true),
		'ads',
		adBody(names, adSet.id, creative.id, settings),
	);
	if (isFailure(ad)) return fail(ad);
	done('ad', ad);
	return { ...outcome, status: 'created', usagePercent: ctx.usage };
}
