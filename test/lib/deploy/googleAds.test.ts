import {
	buildMutatePlan,
	deployGoogleAd,
	fetchGoogleAdsPerformance,
	googleAdsError,
	performanceQuery,
	toMicros,
	type GoogleAdsDeployInput,
} from '../../../lib/deploy/googleAds';
import { retryOptions } from '../../../lib/deploy/platformHttp';
import { PerformanceRow } from '../../../lib/contracts/performance';
import { createGoogleAdsServer, parseGaql, type GoogleAdsServer } from '../../support/google-ads-server';
import { createRequestFn } from '../../support/platform-request';

const CUSTOMER = '1234567890';

/** A mutate operation, read loosely: `op(ops[1], 'campaignOperation')` is its `create`. */
type Json = Record<string, unknown>;
function op(operation: Json | undefined, key: string): Json {
	const inner = (operation ?? {})[key] as { create?: Json } | undefined;
	if (!inner?.create) throw new Error(`not a ${key}: ${JSON.stringify(operation)}`);
	return inner.create;
}
const HEADERS = { authorization: 'Bearer test-access-token', 'developer-token': 'test-developer-token' };

function input(adId = 'ad_1', overrides: Partial<GoogleAdsDeployInput> = {}): GoogleAdsDeployInput {
	const name = 'JA | seg_a | google_search';
	return {
		customerId: '123-456-7890',
		apiVersion: 'v26',
		names: { budget: name, campaign: name, adGroup: name },
		ad: {
			adId,
			finalUrl: `https://example.com/?utm_source=google&utm_medium=cpc&utm_campaign=x&utm_content=${adId}`,
			headlines: ['Plan your trips', 'Travel for less', 'Book in minutes'],
			headlinePins: ['1', '', ''],
			descriptions: ['Compare fares from many airlines.', 'Free changes on most fares.'],
			descriptionPins: ['', '2'],
			path1: 'trips',
			path2: 'deals',
		},
		keywords: ['cheap flights', 'Cheap Flights', 'weekend trips'],
		settings: {
			dailyBudget: 12.345,
			bidding: 'maximizeClicks',
			matchType: 'PHRASE',
			containsEuPoliticalAdvertising: false,
			status: 'PAUSED',
		},
		validateOnly: false,
		...overrides,
	};
}

describe('Google Ads payloads', () => {
	it('creates budget, campaign, ad group, keywords and ad with unique negative temporary ids, referenced after creation', () => {
		const i = input();
		const plan = buildMutatePlan(CUSTOMER, i.names, i.ad, i.keywords, i.settings, {});
		expect(plan.kinds).toEqual(['budget', 'campaign', 'adGroup', 'keyword', 'keyword', 'adGroupAd']);
		const ops = plan.mutateOperations;
		expect(op(ops[0], 'campaignBudgetOperation').resourceName).toBe(`customers/${CUSTOMER}/campaignBudgets/-1`);
		expect(op(ops[1], 'campaignOperation').resourceName).toBe(`customers/${CUSTOMER}/campaigns/-2`);
		expect(op(ops[1], 'campaignOperation').campaignBudget).toBe(`customers/${CUSTOMER}/campaignBudgets/-1`);
		expect(op(ops[2], 'adGroupOperation').campaign).toBe(`customers/${CUSTOMER}/campaigns/-2`);
		expect(op(ops[3], 'adGroupCriterionOperation').adGroup).toBe(`customers/${CUSTOMER}/adGroups/-3`);
		// duplicates of a keyword in another case are sent once
		expect(ops.filter((o) => o.adGroupCriterionOperation).map((o) => (op(o, 'adGroupCriterionOperation').keyword as Json).text)).toEqual(['cheap flights', 'weekend trips']);
	});

	it('states EU political advertising, uses Maximize Clicks (targetSpend) and never Enhanced CPC, everything PAUSED', () => {
		const i = input();
		const ops = buildMutatePlan(CUSTOMER, i.names, i.ad, i.keywords, i.settings, {}).mutateOperations;
		const campaign = op(ops[1], 'campaignOperation');
		expect(campaign.containsEuPoliticalAdvertising).toBe('DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING');
		expect(campaign.targetSpend).toEqual({});
		expect(campaign.status).toBe('PAUSED');
		expect(op(ops[2], 'adGroupOperation').status).toBe('PAUSED');
		expect(op(ops[5], 'adGroupAdOperation').status).toBe('PAUSED');
		const manual = buildMutatePlan(CUSTOMER, i.names, i.ad, [], { ...i.settings, bidding: 'manualCpc', maxCpc: 0.5 }, {}).mutateOperations;
		expect(op(manual[1], 'campaignOperation').manualCpc).toEqual({ enhancedCpcEnabled: false });
		expect(op(manual[2], 'adGroupOperation').cpcBidMicros).toBe('500000');
	});

	it('puts the budget in micros rounded to whole cents (12.345 -> 12.35 -> 12350000)', () => {
		expect(toMicros(12.345, 'x')).toBe('12350000');
		expect(toMicros(0.01, 'x')).toBe('10000');
		expect(() => toMicros(-1, 'daily budget')).toThrow('daily budget must be a number of 0 or more');
	});

	it('pins headlines and descriptions where the ad gives positions, and leaves the rest unpinned', () => {
		const i = input();
		const ops = buildMutatePlan(CUSTOMER, i.names, i.ad, [], i.settings, {}).mutateOperations;
		const rsa = (op(ops[3], 'adGroupAdOperation').ad as Json).responsiveSearchAd as { headlines: unknown[]; descriptions: unknown[] };
		expect(rsa.headlines).toEqual([{ text: 'Plan your trips', pinnedField: 'HEADLINE_1' }, { text: 'Travel for less' }, { text: 'Book in minutes' }]);
		expect(rsa.descriptions[1]).toEqual({ text: 'Free changes on most fares.', pinnedField: 'DESCRIPTION_2' });
		expect(() => buildMutatePlan(CUSTOMER, i.names, { ...i.ad, headlinePins: ['4'] }, [], i.settings, {})).toThrow('headlinePins[0] must be');
	});

	it('creates only what the look-up did not find, referring to found objects by their real names', () => {
		const i = input();
		const found = `customers/${CUSTOMER}/adGroups/77`;
		const plan = buildMutatePlan(CUSTOMER, i.names, i.ad, i.keywords, i.settings, {
			campaign: `customers/${CUSTOMER}/campaigns/5`,
			adGroup: found,
			keywords: ['cheap flights|PHRASE'],
		});
		expect(plan.kinds).toEqual(['keyword', 'adGroupAd']);
		expect(op(plan.mutateOperations[0], 'adGroupCriterionOperation').adGroup).toBe(found);
	});

	it('queries ad-level daily metrics for a date range, escaping the campaign prefix for LIKE', () => {
		const q = performanceQuery({ startDate: '2026-11-01', endDate: '2026-11-30', campaignNamePrefix: 'JA | ' });
		expect(q).toContain("segments.date BETWEEN '2026-11-01' AND '2026-11-30'");
		expect(q).toContain("campaign.name LIKE 'JA | %'");
		expect(parseGaql(q).from).toBe('ad_group_ad');
		expect(() => performanceQuery({ startDate: '2026-12-01', endDate: '2026-11-30', campaignNamePrefix: '' })).toThrow('after end date');
	});
});

describe('Google Ads errors', () => {
	const failure = (errors: unknown[], key = 'details') => ({
		error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT', [key]: [{ '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure', errors, requestId: 'r-1' }] },
	});

	it('reads the error code one-of, message, field path and request id; a 400 is never retryable', () => {
		const e = googleAdsError({
			status: 400,
			headers: {},
			body: failure([{ errorCode: { fieldError: 'REQUIRED' }, message: 'The required field was not present.', location: { fieldPathElements: [{ fieldName: 'mutate_operations', index: 1 }, { fieldName: 'campaign_operation' }] } }]),
		});
		expect(e).toMatchObject({ status: 400, code: 'fieldError: REQUIRED', requestId: 'r-1', retryable: false });
		expect(e?.message).toBe('The required field was not present. [mutate_operations[1].campaign_operation]');
	});

	it('reads snake_case field names the same way', () => {
		const e = googleAdsError({
			status: 400,
			headers: {},
			body: { error: { code: 400, details: [{ '@type': 'x.GoogleAdsFailure', errors: [{ error_code: { campaign_error: 'DUPLICATE_CAMPAIGN_NAME' }, message: 'dup', location: { field_path_elements: [{ field_name: 'name' }] } }], request_id: 'r-2' }] } },
		});
		expect(e).toMatchObject({ code: 'campaignError: DUPLICATE_CAMPAIGN_NAME', requestId: 'r-2', message: 'dup [name]' });
	});

	it('retries RESOURCE_TEMPORARILY_EXHAUSTED honouring retryDelay, and 429 / 5xx / no response', () => {
		const e = googleAdsError({
			status: 429,
			headers: {},
			body: failure([{ errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, message: 'Too many requests.', details: { quotaErrorDetails: { retryDelay: '1.5s' } } }]),
		});
		expect(e).toMatchObject({ retryable: true, retryDelayMs: 1500 });
		expect(googleAdsError({ status: 503, headers: {}, body: null })?.retryable).toBe(true);
		expect(googleAdsError({ status: 0, headers: {}, body: null, networkError: 'ECONNRESET' })).toMatchObject({ retryable: true, code: 'NO_RESPONSE' });
		expect(googleAdsError({ status: 401, headers: { 'request-id': 'h-1' }, body: null })).toMatchObject({ retryable: false, fatal: true, requestId: 'h-1' });
	});
});

describe('Google Ads deploy against a local Google Ads API', () => {
	let server: GoogleAdsServer;
	let baseUrl: string;
	const sleeps: number[] = [];
	const retry = retryOptions({ sleep: async (ms) => void sleeps.push(ms), maxAttempts: 4 });

	beforeEach(async () => {
		server = createGoogleAdsServer();
		baseUrl = await server.start();
		sleeps.length = 0;
	});
	afterEach(async () => server.stop());

	const request = () => createRequestFn(baseUrl, HEADERS);

	it('creates one budget, campaign, ad group, ad and its keywords, all paused, and reports their resource names', async () => {
		const out = await deployGoogleAd(request(), input(), retry);
		expect(out.status).toBe('created');
		expect(out.createdObjects).toEqual(['budget', 'campaign', 'adGroup', 'keyword', 'keyword', 'adGroupAd']);
		const state = server.customer(CUSTOMER);
		expect([state.budgets.length, state.campaigns.length, state.adGroups.length, state.adGroupAds.length, state.criteria.length]).toEqual([1, 1, 1, 1, 2]);
		expect(state.budgets[0].amountMicros).toBe('12350000');
		expect([...state.campaigns, ...state.adGroups, ...state.adGroupAds].every((o) => o.status === 'PAUSED')).toBe(true);
		expect(out.remoteIds.campaign).toBe(state.campaigns[0].resourceName);
		expect(out.remoteIds.adGroupAd).toBe(state.adGroupAds[0].resourceName);
	});

	it('a rerun creates nothing: every object is found by its name and reused', async () => {
		await deployGoogleAd(request(), input(), retry);
		const again = await deployGoogleAd(request(), input(), retry);
		expect(again.status).toBe('created');
		expect(again.createdObjects).toEqual([]);
		expect(again.requests.mutate).toBe(0);
		expect(server.duplicates(CUSTOMER)).toEqual([]);
		expect(server.customer(CUSTOMER).campaigns).toHaveLength(1);
	});

	it('variants of one segment and channel share the budget, campaign, ad group and keywords; each gets its own ad', async () => {
		await deployGoogleAd(request(), input('ad_1'), retry);
		const second = await deployGoogleAd(request(), input('ad_2'), retry);
		expect(second.createdObjects).toEqual(['adGroupAd']);
		expect(second.reused).toEqual(['budget', 'campaign', 'adGroup']);
		const state = server.customer(CUSTOMER);
		expect([state.campaigns.length, state.adGroups.length, state.adGroupAds.length, state.criteria.length]).toEqual([1, 1, 2, 2]);
		expect(server.duplicates(CUSTOMER)).toEqual([]);
	});

	it('waits the retryDelay Google asks for after RESOURCE_TEMPORARILY_EXHAUSTED, then succeeds without duplicates', async () => {
		server.inject({ on: 'mutate', kind: 'rateLimit', retryDelay: '2s' });
		const out = await deployGoogleAd(request(), input(), retry);
		expect(out.status).toBe('created');
		expect(sleeps).toEqual([2000]);
		expect(server.duplicates(CUSTOMER)).toEqual([]);
	});

	it('retries a 503 with backoff, and rate limits on look-ups too', async () => {
		server.inject({ on: 'search', kind: 'rateLimit', retryDelay: '0.5s' });
		server.inject({ on: 'mutate', kind: 'serverError', status: 503 });
		const out = await deployGoogleAd(request(), input(), retry);
		expect(out.status).toBe('created');
		expect(sleeps[0]).toBe(500);
		expect(sleeps).toHaveLength(2);
		expect(server.duplicates(CUSTOMER)).toEqual([]);
	});

	it('resolves a connection lost after Google committed the write by the look-up, not by a second create', async () => {
		server.inject({ on: 'mutate', kind: 'commitThenDrop' });
		const out = await deployGoogleAd(request(), input(), retry);
		expect(out.status).toBe('created');
		expect(out.requests.mutate).toBe(1);
		expect(out.reused).toEqual(['budget', 'campaign', 'adGroup', 'adGroupAd']);
		expect(out.remoteIds.campaign).toBe(server.customer(CUSTOMER).campaigns[0].resourceName);
		expect(server.duplicates(CUSTOMER)).toEqual([]);
		expect(server.customer(CUSTOMER).campaigns).toHaveLength(1);
	});

	it('a timeout after the commit (client gives up waiting) is resolved the same way', async () => {
		server.inject({ on: 'mutate', kind: 'commitThenDrop' });
		const out = await deployGoogleAd(createRequestFn(baseUrl, HEADERS, { timeoutMs: 5000 }), input(), retry);
		expect(out.status).toBe('created');
		expect(server.duplicates(CUSTOMER)).toEqual([]);
	});

	it('reports a partial failure: the failed keyword is named, everything else is created', async () => {
		server.inject({ on: 'mutate', kind: 'partial', keyword: 'weekend trips' });
		const out = await deployGoogleAd(request(), input(), retry);
		expect(out.status).toBe('created');
		expect(out.operationFailures).toEqual([
			expect.objectContaining({ object: 'keyword', keyword: 'weekend trips', code: 'policyFindingError: POLICY_FINDING' }),
		]);
		expect(server.customer(CUSTOMER).criteria.map((k) => k.keyword.text)).toEqual(['cheap flights']);
		expect(server.customer(CUSTOMER).adGroupAds).toHaveLength(1);
		// the rerun adds only the missing keyword
		const again = await deployGoogleAd(request(), input(), retry);
		expect(again.createdObjects).toEqual(['keyword']);
		expect(server.duplicates(CUSTOMER)).toEqual([]);
	});

	it('validateOnly sends the whole mutate for validation and creates nothing', async () => {
		const out = await deployGoogleAd(request(), input('ad_1', { validateOnly: true }), retry);
		expect(out.status).toBe('validated');
		const mutate = server.requests.find((r) => r.url.endsWith('googleAds:mutate'));
		expect(mutate?.body?.validateOnly).toBe(true);
		expect(mutate?.body?.partialFailure).toBe(true);
		expect(server.customer(CUSTOMER).campaigns).toHaveLength(0);
	});

	it('never retries a 400: an ad Google rejects fails once, with Google\'s message and field path', async () => {
		const bad = input('ad_2');
		bad.ad = { ...bad.ad, headlines: ['Only one', 'and two'], headlinePins: [] };
		const out = await deployGoogleAd(request(), bad, retry);
		expect(out.status).toBe('failed');
		expect(out.error?.code).toBe('adError: TOO_FEW_HEADLINES');
		expect(out.error?.message).toContain('responsive_search_ad.headlines');
		expect(out.requests.mutate).toBe(1);
		expect(sleeps).toEqual([]);
	});

	it('reads snake_case error bodies from the server', async () => {
		await server.stop();
		server = createGoogleAdsServer({ snakeCaseErrors: true });
		baseUrl = await server.start();
		const bad = input('ad_3');
		bad.ad = { ...bad.ad, descriptions: ['one'], descriptionPins: [] };
		const out = await deployGoogleAd(request(), bad, retry);
		expect(out.error?.code).toBe('adError: TOO_FEW_DESCRIPTIONS');
		expect(out.error?.requestId).toMatch(/^req-/);
	});

	it('reads performance per ad and day as PerformanceRows carrying our ad id', async () => {
		const a = await deployGoogleAd(request(), input('ad_a'), retry);
		const b = await deployGoogleAd(request(), input('ad_b'), retry);
		server.addMetrics(a.remoteIds.adGroupAd, '2026-11-02', { impressions: '1000', clicks: '40', conversions: 2.5, conversionsValue: 125, costMicros: '31250000' });
		server.addMetrics(a.remoteIds.adGroupAd, '2026-11-03', { impressions: '800', clicks: '20', conversions: 1, conversionsValue: 50, costMicros: '15000000' });
		server.addMetrics(b.remoteIds.adGroupAd, '2026-11-02', { impressions: '10', clicks: '1', conversions: 0, conversionsValue: 0, costMicros: '990000' });
		server.addMetrics(b.remoteIds.adGroupAd, '2026-12-09', { impressions: '5', clicks: '0', conversions: 0, conversionsValue: 0, costMicros: '0' });
		const bGoogleId = b.remoteIds.adGroupAd.split('~')[1];
		const rows = await fetchGoogleAdsPerformance(
			request(),
			{ customerId: CUSTOMER, apiVersion: 'v26', startDate: '2026-11-01', endDate: '2026-11-30', campaignNamePrefix: 'JA | ', knownAds: { [bGoogleId]: 'ad_b_stored' } },
			retry,
		);
		expect(rows).toHaveLength(3); // three rows in range, over two pages
		for (const r of rows) expect(PerformanceRow.safeParse(r).success).toBe(true);
		const first = rows.find((r) => r.adId === 'ad_a' && r.date === '2026-11-02');
		expect(first).toMatchObject({ impressions: 1000, clicks: 40, conversions: 2.5, revenue: 125, cost: 31.25, currency: 'USD', platform: 'google_ads' });
		// a stored remote id wins over the URL's utm_content
		expect(rows.find((r) => r.remoteAdId === bGoogleId)?.adId).toBe('ad_b_stored');
	});
});
