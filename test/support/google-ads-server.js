// A local server that speaks the Google Ads API's REST protocol for what the Ad Deployer uses:
// customers:listAccessibleCustomers, googleAds:search (a strict GAQL subset) and googleAds:mutate
// (campaign budgets, campaigns, ad groups, keyword criteria, responsive search ads), with
// temporary resource names, validateOnly and partialFailure, Google's error bodies
// (google.rpc.Status carrying a GoogleAdsFailure) and programmable faults. Every request is
// checked against the documented shapes; anything off is answered as Google would (400 with the
// error code), so a client bug fails loudly. Plain CommonJS: tests import it.
'use strict';

const { createRecordingServer } = require('./recording-server');

const CHANNEL_TYPES = new Set(['SEARCH', 'DISPLAY', 'SHOPPING', 'VIDEO', 'PERFORMANCE_MAX', 'DEMAND_GEN']);
const STATUSES = new Set(['ENABLED', 'PAUSED', 'REMOVED']);
const EU_POLITICAL = new Set(['CONTAINS_EU_POLITICAL_ADVERTISING', 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING']);
const BIDDING_FIELDS = ['manualCpc', 'targetSpend', 'maximizeConversions', 'maximizeConversionValue', 'targetCpa', 'targetRoas', 'targetImpressionShare', 'biddingStrategy'];
const MATCH_TYPES = new Set(['EXACT', 'PHRASE', 'BROAD']);
const HEADLINE_PINS = new Set(['HEADLINE_1', 'HEADLINE_2', 'HEADLINE_3']);
const DESCRIPTION_PINS = new Set(['DESCRIPTION_1', 'DESCRIPTION_2']);
const DELIVERY = new Set(['STANDARD', 'ACCELERATED']);

/** GAQL: which resources each FROM may reach, and which fields each exposes (snake_case). */
const GAQL = {
	campaign_budget: { related: ['campaign_budget', 'customer'] },
	campaign: { related: ['campaign', 'campaign_budget', 'customer'] },
	ad_group: { related: ['ad_group', 'campaign', 'customer'] },
	ad_group_ad: { related: ['ad_group_ad', 'ad_group', 'campaign', 'customer', 'segments', 'metrics'] },
	ad_group_criterion: { related: ['ad_group_criterion', 'ad_group', 'campaign', 'customer'] },
};
const FIELDS = new Set([
	'campaign_budget.resource_name', 'campaign_budget.name', 'campaign_budget.status', 'campaign_budget.amount_micros', 'campaign_budget.id',
	'campaign.resource_name', 'campaign.name', 'campaign.status', 'campaign.id', 'campaign.campaign_budget',
	'ad_group.resource_name', 'ad_group.name', 'ad_group.status', 'ad_group.id', 'ad_group.campaign',
	'ad_group_ad.resource_name', 'ad_group_ad.status', 'ad_group_ad.ad.id', 'ad_group_ad.ad.final_urls', 'ad_group_ad.ad_group',
	'ad_group_criterion.resource_name', 'ad_group_criterion.status', 'ad_group_criterion.type', 'ad_group_criterion.criterion_id',
	'ad_group_criterion.keyword.text', 'ad_group_criterion.keyword.match_type',
	'customer.id', 'customer.currency_code', 'customer.descriptive_name',
	'segments.date',
	'metrics.impressions', 'metrics.clicks', 'metrics.conversions', 'metrics.conversions_value', 'metrics.cost_micros',
]);

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const snake = (s) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function deepSnakeKeys(value) {
	if (Array.isArray(value)) return value.map(deepSnakeKeys);
	if (value && typeof value === 'object') {
		const out = {};
		for (const [k, v] of Object.entries(value)) out[k === '@type' ? k : snake(k)] = deepSnakeKeys(v);
		return out;
	}
	return value;
}

class GoogleAdsError {
	/** @param {string} type @param {string} value @param {string} message @param {Array<[string, number?]>} [path] */
	constructor(type, value, message, path = []) {
		this.errorCode = { [type]: value };
		this.message = message;
		this.path = path;
	}
	toJSON(prefix = []) {
		const all = [...prefix, ...this.path];
		const out = { errorCode: this.errorCode, message: this.message };
		if (all.length) {
			out.location = {
				fieldPathElements: all.map(([fieldName, index]) => (index === undefined ? { fieldName } : { fieldName, index })),
			};
		}
		if (this.details) out.details = this.details;
		return out;
	}
}

// ---- GAQL --------------------------------------------------------------------------------------

function tokenize(query) {
	const tokens = [];
	let i = 0;
	while (i < query.length) {
		const ch = query[i];
		if (/\s/.test(ch)) {
			i++;
		} else if (ch === "'" || ch === '"') {
			let j = i + 1;
			let s = '';
			while (j < query.length && query[j] !== ch) {
				if (query[j] === '\\') {
					s += query[j + 1];
					j += 2;
				} else s += query[j++];
			}
			if (j >= query.length) throw new Error('unterminated string literal');
			tokens.push({ t: 'str', v: s });
			i = j + 1;
		} else if (/[A-Za-z_]/.test(ch)) {
			let j = i;
			while (j < query.length && /[A-Za-z0-9_.]/.test(query[j])) j++;
			tokens.push({ t: 'id', v: query.slice(i, j) });
			i = j;
		} else if (/[0-9]/.test(ch)) {
			let j = i;
			while (j < query.length && /[0-9.]/.test(query[j])) j++;
			tokens.push({ t: 'num', v: query.slice(i, j) });
			i = j;
		} else if (query.startsWith('!=', i) || query.startsWith('>=', i) || query.startsWith('<=', i)) {
			tokens.push({ t: 'op', v: query.slice(i, i + 2) });
			i += 2;
		} else if ('=<>(),'.includes(ch)) {
			tokens.push({ t: 'op', v: ch });
			i++;
		} else throw new Error(`unexpected character "${ch}"`);
	}
	return tokens;
}

/** Parses SELECT a, b FROM r [WHERE c AND ...] [ORDER BY ...] [LIMIT n]. Throws GoogleAdsError. */
function parseGaql(query) {
	let tokens;
	try {
		tokens = tokenize(query);
	} catch (e) {
		throw new GoogleAdsError('queryError', 'BAD_VALUE_IN_WHERE_CLAUSE', `Error in query: ${e.message}.`);
	}
	let p = 0;
	const kw = (word) => tokens[p] && tokens[p].t === 'id' && tokens[p].v.toUpperCase() === word;
	const expect = (word) => {
		if (!kw(word)) throw new GoogleAdsError('queryError', 'UNEXPECTED_END_OF_QUERY', `Error in query: expected ${word}.`);
		p++;
	};
	const fieldName = () => {
		const tok = tokens[p++];
		if (!tok || tok.t !== 'id') throw new GoogleAdsError('queryError', 'EXPECTED_FIELD_NAME', 'Error in query: expected a field name.');
		if (!FIELDS.has(tok.v)) throw new GoogleAdsError('queryError', 'UNRECOGNIZED_FIELD', `Unrecognized field in the query: '${tok.v}'.`);
		return tok.v;
	};
	expect('SELECT');
	const select = [fieldName()];
	while (tokens[p] && tokens[p].v === ',') {
		p++;
		select.push(fieldName());
	}
	expect('FROM');
	const fromTok = tokens[p++];
	if (!fromTok || !GAQL[fromTok.v]) {
		throw new GoogleAdsError('queryError', 'INVALID_RESOURCE_NAME_IN_FROM_CLAUSE', `Error in query: unknown resource '${fromTok && fromTok.v}'.`);
	}
	const from = fromTok.v;
	const where = [];
	const literal = () => {
		const tok = tokens[p++];
		if (!tok || (tok.t !== 'str' && tok.t !== 'num' && tok.t !== 'id')) {
			throw new GoogleAdsError('queryError', 'BAD_VALUE_IN_WHERE_CLAUSE', 'Error in query: expected a value.');
		}
		return tok.v;
	};
	if (kw('WHERE')) {
		p++;
		for (;;) {
			const f = fieldName();
			let cond;
			if (kw('BETWEEN')) {
				p++;
				const lo = literal();
				expect('AND');
				cond = { f, op: 'BETWEEN', v: [lo, literal()] };
			} else if (kw('LIKE')) {
				p++;
				cond = { f, op: 'LIKE', v: literal() };
			} else if (kw('IN')) {
				p++;
				if (tokens[p++]?.v !== '(') throw new GoogleAdsError('queryError', 'EXPECTED_LEFT_PARENTHESIS', 'Error in query: expected (.');
				const vs = [literal()];
				while (tokens[p] && tokens[p].v === ',') {
					p++;
					vs.push(literal());
				}
				if (tokens[p++]?.v !== ')') throw new GoogleAdsError('queryError', 'EXPECTED_RIGHT_PARENTHESIS', 'Error in query: expected ).');
				cond = { f, op: 'IN', v: vs };
			} else {
				const op = tokens[p++];
				if (!op || op.t !== 'op' || !['=', '!=', '<', '>', '<=', '>='].includes(op.v)) {
					throw new GoogleAdsError('queryError', 'INVALID_OPERATOR_IN_WHERE_CLAUSE', 'Error in query: invalid operator.');
				}
				cond = { f, op: op.v, v: literal() };
			}
			where.push(cond);
			if (!kw('AND')) break;
			p++;
		}
	}
	if (kw('ORDER')) {
		p++;
		expect('BY');
		fieldName();
		if (kw('ASC') || kw('DESC')) p++;
	}
	if (kw('LIMIT')) {
		p++;
		literal();
	}
	if (p !== tokens.length) throw new GoogleAdsError('queryError', 'UNEXPECTED_INPUT', `Error in query: unexpected input '${tokens[p].v}'.`);
	const related = GAQL[from].related;
	for (const f of [...select, ...where.map((c) => c.f)]) {
		const res = f.split('.')[0];
		if (!related.includes(res)) {
			throw new GoogleAdsError('queryError', 'PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE', `Cannot select or filter on '${f}' in a query FROM ${from}.`);
		}
	}
	if (select.includes('segments.date') && !where.some((c) => c.f === 'segments.date' && (c.op === 'BETWEEN' || c.op === '='))) {
		throw new GoogleAdsError('queryError', 'DATE_RANGE_REQUIRED', "A finite date range is required when 'segments.date' is selected.");
	}
	return { select, from, where };
}

function likeToRegex(pattern) {
	let re = '';
	for (let i = 0; i < pattern.length; i++) {
		const ch = pattern[i];
		if (ch === '[') {
			const end = pattern.indexOf(']', i + 2);
			re += pattern.slice(i + 1, end).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			i = end;
		} else if (ch === '%') re += '.*';
		else if (ch === '_') re += '.';
		else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${re}$`, 's');
}

function valueAt(ctx, f) {
	const [res, ...rest] = f.split('.');
	let v = ctx[camel(res)];
	for (const part of rest) {
		if (v === undefined || v === null) return undefined;
		v = v[camel(part)];
	}
	return v;
}

function matches(ctx, cond) {
	const v = valueAt(ctx, cond.f);
	const s = v === undefined ? '' : String(v);
	switch (cond.op) {
		case '=': return s === cond.v;
		case '!=': return s !== cond.v;
		case 'LIKE': return likeToRegex(cond.v).test(s);
		case 'IN': return cond.v.includes(s);
		case 'BETWEEN': return s >= cond.v[0] && s <= cond.v[1];
		case '<': return s < cond.v;
		case '>': return s > cond.v;
		case '<=': return s <= cond.v;
		case '>=': return s >= cond.v;
		default: return false;
	}
}

function setAt(obj, f, value) {
	const parts = f.split('.').map(camel);
	let o = obj;
	for (let i = 0; i < parts.length - 1; i++) {
		o[parts[i]] = o[parts[i]] || {};
		o = o[parts[i]];
	}
	if (value !== undefined) o[parts[parts.length - 1]] = value;
}

// ---- Server ------------------------------------------------------------------------------------

/**
 * @param {{
 *   accessToken?: string, developerToken?: string, loginCustomerId?: string,
 *   customers?: Array<{ id: string, currencyCode?: string, descriptiveName?: string }>,
 *   versions?: string[], snakeCaseErrors?: boolean,
 * }} [options]
 */
function createGoogleAdsServer(options = {}) {
	const accessToken = options.accessToken ?? 'test-access-token';
	const developerToken = options.developerToken ?? 'test-developer-token';
	const versions = new Set(options.versions ?? ['v24', 'v25', 'v26']);
	const customers = new Map();
	for (const c of options.customers ?? [{ id: '1234567890' }]) {
		customers.set(c.id, {
			id: c.id,
			currencyCode: c.currencyCode ?? 'USD',
			descriptiveName: c.descriptiveName ?? `Account ${c.id}`,
			budgets: [],
			campaigns: [],
			adGroups: [],
			criteria: [],
			adGroupAds: [],
			metrics: [],
		});
	}
	let nextId = 1000;
	let requestSeq = 0;

	const recording = createRecordingServer((req, res, record) => {
		handle(req, res, record);
	});
	const { requests, faults } = recording;

	function send(res, status, body, requestId) {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'request-id': requestId });
		res.end(text);
	}

	/** google.rpc.Status with a GoogleAdsFailure. */
	function statusBody(httpStatus, rpcStatus, errors, requestId, version, prefix) {
		const failure = {
			'@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`,
			errors: errors.map((e) => (e instanceof GoogleAdsError ? e.toJSON(prefix ? prefix(e) : []) : e)),
			requestId,
		};
		const body = {
			error: {
				code: httpStatus,
				message: httpStatus === 400 ? 'Request contains an invalid argument.' : errors[0]?.message ?? 'error',
				status: rpcStatus,
				details: [failure],
			},
		};
		return options.snakeCaseErrors ? deepSnakeKeys(body) : body;
	}

	function takeFault(kind) {
		const i = faults.findIndex((f) => f.on === kind || f.on === 'any');
		if (i < 0) return null;
		const f = faults[i];
		f.times = (f.times ?? 1) - 1;
		if (f.times <= 0) faults.splice(i, 1);
		return f;
	}

	function handle(req, res, record) {
		const requestId = `req-${++requestSeq}`;
		const url = new URL(req.url, 'http://127.0.0.1');
		const m = /^\/(v\d+)\/customers(?:\/(\d+)\/googleAds:(search|mutate)|:(listAccessibleCustomers))$/.exec(url.pathname);
		const version = m ? m[1] : 'v26';
		const fail = (status, rpc, errors) => send(res, status, statusBody(status, rpc, errors, requestId, version), requestId);
		if (!m) return fail(404, 'NOT_FOUND', [new GoogleAdsError('requestError', 'RESOURCE_NAME_MALFORMED', `No such method: ${req.method} ${url.pathname}`)]);
		if (!versions.has(version)) {
			return fail(404, 'NOT_FOUND', [new GoogleAdsError('requestError', 'INVALID_INPUT', `Version ${version} of the Google Ads API is not available (sunset).`)]);
		}
		const auth = req.headers.authorization;
		if (auth !== `Bearer ${accessToken}`) {
			return fail(401, 'UNAUTHENTICATED', [new GoogleAdsError('authenticationError', 'OAUTH_TOKEN_INVALID', 'Oauth token is invalid.')]);
		}
		// Google sunset developer tokens (2026-09-09): the header is optional and ignored. A server
		// made with `developerToken` still checks one that is sent (older behaviour).
		if (options.developerToken !== undefined && req.headers['developer-token'] !== undefined && req.headers['developer-token'] !== developerToken) {
			return fail(401, 'UNAUTHENTICATED', [new GoogleAdsError('authenticationError', 'DEVELOPER_TOKEN_INVALID', 'The developer token is not valid.')]);
		}
		const login = req.headers['login-customer-id'];
		if (options.loginCustomerId !== undefined && login !== options.loginCustomerId) {
			return fail(403, 'PERMISSION_DENIED', [new GoogleAdsError('authorizationError', 'USER_PERMISSION_DENIED', "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header.")]);
		}
		if (login !== undefined && !/^\d{10}$/.test(String(login))) {
			return fail(400, 'INVALID_ARGUMENT', [new GoogleAdsError('headerError', 'INVALID_LOGIN_CUSTOMER_ID', 'The login customer ID could not be validated (10 digits, no dashes).')]);
		}
		if (m[4]) {
			if (req.method !== 'GET') return fail(405, 'INVALID_ARGUMENT', [new GoogleAdsError('requestError', 'INVALID_INPUT', 'Use GET.')]);
			return send(res, 200, { resourceNames: [...customers.keys()].map((id) => `customers/${id}`) }, requestId);
		}
		if (req.method !== 'POST') return fail(405, 'INVALID_ARGUMENT', [new GoogleAdsError('requestError', 'INVALID_INPUT', 'Use POST.')]);
		if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
			return fail(400, 'INVALID_ARGUMENT', [new GoogleAdsError('requestError', 'INVALID_INPUT', 'Content-Type must be application/json.')]);
		}
		const customer = customers.get(m[2]);
		if (!customer) {
			return fail(403, 'PERMISSION_DENIED', [new GoogleAdsError('authorizationError', 'USER_PERMISSION_DENIED', `User doesn't have permission to access customer ${m[2]}.`)]);
		}
		const fault = takeFault(m[3]);
		if (fault && fault.kind === 'rateLimit') {
			const e = new GoogleAdsError('quotaError', 'RESOURCE_TEMPORARILY_EXHAUSTED', 'Too many requests. Retry in 1 seconds.');
			e.details = { quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Requests per developer per minute', retryDelay: fault.retryDelay ?? '0.01s' } };
			return fail(429, 'RESOURCE_EXHAUSTED', [e]);
		}
		if (fault && fault.kind === 'serverError') {
			return fail(fault.status ?? 503, 'UNAVAILABLE', [new GoogleAdsError('internalError', 'TRANSIENT_ERROR', 'The service is currently unavailable.')]);
		}
		if (fault && fault.kind === 'drop') {
			req.socket.destroy();
			return undefined;
		}
		if (m[3] === 'search') return search(res, record.body, customer, requestId, version, fail);
		return mutate(req, res, record.body, customer, requestId, version, fail, fault);
	}

	function contextsFor(customer, from) {
		const cust = { id: customer.id, currencyCode: customer.currencyCode, descriptiveName: customer.descriptiveName };
		const byName = (list, name) => list.find((o) => o.resourceName === name);
		switch (from) {
			case 'campaign_budget':
				return customer.budgets.map((b) => ({ campaignBudget: b, customer: cust }));
			case 'campaign':
				return customer.campaigns.map((c) => ({ campaign: c, campaignBudget: byName(customer.budgets, c.campaignBudget), customer: cust }));
			case 'ad_group':
				return customer.adGroups.map((g) => ({ adGroup: g, campaign: byName(customer.campaigns, g.campaign), customer: cust }));
			case 'ad_group_criterion':
				return customer.criteria.map((k) => {
					const g = byName(customer.adGroups, k.adGroup);
					return { adGroupCriterion: k, adGroup: g, campaign: g && byName(customer.campaigns, g.campaign), customer: cust };
				});
			case 'ad_group_ad':
				return customer.adGroupAds.map((a) => {
					const g = byName(customer.adGroups, a.adGroup);
					return { adGroupAd: a, adGroup: g, campaign: g && byName(customer.campaigns, g.campaign), customer: cust };
				});
			default:
				return [];
		}
	}

	function search(res, body, customer, requestId, version, fail) {
		if (!body || typeof body.query !== 'string') {
			return fail(400, 'INVALID_ARGUMENT', [new GoogleAdsError('fieldError', 'REQUIRED', 'The required field was not present.', [['query']])]);
		}
		for (const key of Object.keys(body)) {
			if (!['query', 'pageToken', 'summaryRowSetting', 'searchSettings'].includes(key)) {
				return fail(400, 'INVALID_ARGUMENT', [new GoogleAdsError('requestError', 'UNKNOWN_FIELD', `Invalid JSON payload received. Unknown name "${key}".`, [[snake(key)]])]);
			}
		}
		let q;
		try {
			q = parseGaql(body.query);
		} catch (e) {
			if (e instanceof GoogleAdsError) return fail(400, 'INVALID_ARGUMENT', [e]);
			throw e;
		}
		let contexts = contextsFor(customer, q.from);
		if (q.from === 'ad_group_ad' && (q.select.some((f) => f.startsWith('metrics.')) || q.select.includes('segments.date'))) {
			const rows = [];
			for (const ctx of contexts) {
				for (const mrow of customer.metrics.filter((r) => r.adGroupAd === ctx.adGroupAd.resourceName)) {
					rows.push({ ...ctx, segments: { date: mrow.date }, metrics: mrow.metrics });
				}
			}
			contexts = rows;
		}
		const results = contexts
			.filter((ctx) => q.where.every((c) => matches(ctx, c)))
			.map((ctx) => {
				const row = {};
				for (const f of q.select) setAt(row, f, valueAt(ctx, f));
				return row;
			});
		const pageSize = 2;
		const start = body.pageToken ? Number(Buffer.from(body.pageToken, 'base64').toString('utf8')) : 0;
		const page = results.slice(start, start + pageSize);
		const out = { results: page, fieldMask: q.select.map((f) => f.split('.').map(camel).join('.')).join(',') };
		if (start + pageSize < results.length) out.nextPageToken = Buffer.from(String(start + pageSize)).toString('base64');
		return send(res, 200, out, requestId);
	}

	function mutate(req, res, body, customer, requestId, version, fail, fault) {
		const c = `customers/${customer.id}`;
		if (!body || !Array.isArray(body.mutateOperations) || body.mutateOperations.length === 0) {
			return fail(400, 'INVALID_ARGUMENT', [new GoogleAdsError('fieldError', 'REQUIRED', 'The required field was not present.', [['mutate_operations']])]);
		}
		for (const key of Object.keys(body)) {
			if (!['mutateOperations', 'partialFailure', 'validateOnly', 'responseContentType'].includes(key)) {
				return fail(400, 'INVALID_ARGUMENT', [new GoogleAdsError('requestError', 'UNKNOWN_FIELD', `Invalid JSON payload received. Unknown name "${key}".`, [[snake(key)]])]);
			}
		}
		const partial = body.partialFailure === true;
		const validateOnly = body.validateOnly === true;
		/** temp name -> 'pending' | real name | 'failed' */
		const temps = new Map();
		const usedNegatives = new Set();
		const staged = { budgets: [], campaigns: [], adGroups: [], criteria: [], adGroupAds: [] };
		const all = (key) => [...customer[key], ...staged[key]];
		const live = (o) => o.status !== 'REMOVED';
		const responses = [];
		const errors = [];
		const injected = fault && fault.kind === 'partial' ? fault : null;

		const resolveRef = (ref, collection, path) => {
			if (typeof ref !== 'string' || ref === '') throw new GoogleAdsError('fieldError', 'REQUIRED', 'The required field was not present.', path);
			const mm = new RegExp(`^customers/(\\d+)/${collection}/(-?\\d+)$`).exec(ref);
			if (!mm) throw new GoogleAdsError('requestError', 'RESOURCE_NAME_MALFORMED', `Malformed resource name '${ref}'.`, path);
			if (mm[1] !== customer.id) throw new GoogleAdsError('requestError', 'CUSTOMER_NOT_FOUND', `Resource '${ref}' belongs to another customer.`, path);
			if (Number(mm[2]) < 0) {
				const t = temps.get(ref);
				if (t === undefined) throw new GoogleAdsError('mutateError', 'RESOURCE_NOT_FOUND', `Temporary resource name '${ref}' is used before it is created.`, path);
				if (t === 'failed') throw new GoogleAdsError('mutateError', 'RESOURCE_NOT_FOUND', `Temporary resource '${ref}' was not created: its operation failed.`, path);
				return t;
			}
			const key = { campaignBudgets: 'budgets', campaigns: 'campaigns', adGroups: 'adGroups' }[collection];
			if (!all(key).some((o) => o.resourceName === ref && live(o))) throw new GoogleAdsError('mutateError', 'RESOURCE_NOT_FOUND', `Resource '${ref}' was not found.`, path);
			return ref;
		};
		const newName = (create, collection, path) => {
			const id = String(nextId++);
			if (create.resourceName === undefined) return { id, name: `${c}/${collection}/${id}` };
			const mm = new RegExp(`^customers/(\\d+)/${collection}/(-\\d+)$`).exec(String(create.resourceName));
			if (!mm) throw new GoogleAdsError('requestError', 'RESOURCE_NAME_MALFORMED', `A create may only carry a temporary resource name (negative id) under ${c}/${collection}: '${create.resourceName}'.`, [...path, ['resource_name']]);
			if (mm[1] !== customer.id) throw new GoogleAdsError('requestError', 'CUSTOMER_NOT_FOUND', 'The temporary resource name names another customer.', [...path, ['resource_name']]);
			if (usedNegatives.has(mm[2])) throw new GoogleAdsError('mutateError', 'DUPLICATE_TEMPORARY_RESOURCE_NAME', `Temporary id ${mm[2]} is used more than once in the request.`, [...path, ['resource_name']]);
			usedNegatives.add(mm[2]);
			return { id, name: `${c}/${collection}/${id}`, temp: create.resourceName };
		};
		const requireString = (v, path, max) => {
			if (typeof v !== 'string' || v.trim() === '') throw new GoogleAdsError('fieldError', 'REQUIRED', 'The required field was not present.', path);
			if (max && [...v].length > max) throw new GoogleAdsError('stringLengthError', 'TOO_LONG', `Too long (max ${max}).`, path);
		};
		const requireStatus = (v, path) => {
			if (!STATUSES.has(v) || v === 'REMOVED') throw new GoogleAdsError('fieldError', 'INVALID_VALUE', `Invalid status '${v}'.`, path);
		};
		const micros = (v, path, { cents = false } = {}) => {
			const s = typeof v === 'number' ? String(v) : v;
			if (typeof s !== 'string' || !/^\d+$/.test(s)) throw new GoogleAdsError('fieldError', 'INVALID_VALUE', `Money must be an integer number of micros (got ${JSON.stringify(v)}).`, path);
			if (cents && Number(s) % 10000 !== 0) throw new GoogleAdsError('campaignBudgetError', 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT', 'The budget amount must be a multiple of the currency\'s minimum unit.', path);
			return s;
		};
		const only = (obj, allowed, path) => {
			for (const k of Object.keys(obj)) {
				if (!allowed.includes(k)) throw new GoogleAdsError('requestError', 'UNKNOWN_FIELD', `Invalid JSON payload received. Unknown name "${k}".`, [...path, [snake(k)]]);
			}
		};

		const handlers = {
			campaignBudgetOperation(op, path) {
				const cr = op.create;
				only(cr, ['resourceName', 'name', 'amountMicros', 'deliveryMethod', 'explicitlyShared'], path);
				requireString(cr.name, [...path, ['name']], 255);
				const amountMicros = micros(cr.amountMicros, [...path, ['amount_micros']], { cents: true });
				if (cr.deliveryMethod !== undefined && !DELIVERY.has(cr.deliveryMethod)) throw new GoogleAdsError('fieldError', 'INVALID_VALUE', 'Invalid delivery method.', [...path, ['delivery_method']]);
				if (all('budgets').some((b) => live(b) && b.name === cr.name)) throw new GoogleAdsError('campaignBudgetError', 'DUPLICATE_NAME', 'A campaign budget with this name already exists.', [...path, ['name']]);
				const n = newName(cr, 'campaignBudgets', path);
				staged.budgets.push({ resourceName: n.name, id: n.id, name: cr.name, amountMicros, status: 'ENABLED', deliveryMethod: cr.deliveryMethod ?? 'STANDARD', explicitlyShared: cr.explicitlyShared ?? true });
				return { n, result: { campaignBudgetResult: { resourceName: n.name } } };
			},
			campaignOperation(op, path) {
				const cr = op.create;
				only(cr, ['resourceName', 'name', 'advertisingChannelType', 'status', 'campaignBudget', 'networkSettings', 'containsEuPoliticalAdvertising', 'startDate', 'endDate', ...BIDDING_FIELDS], path);
				requireString(cr.name, [...path, ['name']], 255);
				if (!CHANNEL_TYPES.has(cr.advertisingChannelType)) throw new GoogleAdsError('fieldError', cr.advertisingChannelType === undefined ? 'REQUIRED' : 'INVALID_VALUE', 'advertising_channel_type is required.', [...path, ['advertising_channel_type']]);
				requireStatus(cr.status, [...path, ['status']]);
				if (!EU_POLITICAL.has(cr.containsEuPoliticalAdvertising)) {
					throw new GoogleAdsError('campaignError', 'MISSING_EU_POLITICAL_ADVERTISING_SELF_DECLARATION', 'The campaign must declare whether it contains EU political advertising.', [...path, ['contains_eu_political_advertising']]);
				}
				const strategies = BIDDING_FIELDS.filter((k) => cr[k] !== undefined);
				if (strategies.length !== 1) throw new GoogleAdsError('biddingError', 'BIDDING_STRATEGY_AND_BUDGET_MUST_BE_ALIGNED', `Exactly one bidding strategy must be set (got ${strategies.length}).`, path);
				if (cr.manualCpc && cr.manualCpc.enhancedCpcEnabled === true && cr.advertisingChannelType === 'SEARCH') {
					throw new GoogleAdsError('biddingError', 'BIDDING_STRATEGY_NOT_SUPPORTED', 'Enhanced CPC is no longer available for new Search campaigns.', [...path, ['manual_cpc'], ['enhanced_cpc_enabled']]);
				}
				const budget = resolveRef(cr.campaignBudget, 'campaignBudgets', [...path, ['campaign_budget']]);
				if (all('campaigns').some((x) => live(x) && x.name === cr.name)) throw new GoogleAdsError('campaignError', 'DUPLICATE_CAMPAIGN_NAME', 'A campaign with this name already exists.', [...path, ['name']]);
				const n = newName(cr, 'campaigns', path);
				staged.campaigns.push({ ...cr, resourceName: n.name, id: n.id, campaignBudget: budget });
				return { n, result: { campaignResult: { resourceName: n.name } } };
			},
			adGroupOperation(op, path) {
				const cr = op.create;
				only(cr, ['resourceName', 'name', 'campaign', 'status', 'type', 'cpcBidMicros'], path);
				requireString(cr.name, [...path, ['name']], 255);
				requireStatus(cr.status, [...path, ['status']]);
				if (cr.type !== undefined && cr.type !== 'SEARCH_STANDARD') throw new GoogleAdsError('adGroupError', 'INVALID_AD_GROUP_TYPE', 'Search campaigns take SEARCH_STANDARD ad groups.', [...path, ['type']]);
				if (cr.cpcBidMicros !== undefined) micros(cr.cpcBidMicros, [...path, ['cpc_bid_micros']]);
				const campaign = resolveRef(cr.campaign, 'campaigns', [...path, ['campaign']]);
				if (all('adGroups').some((g) => live(g) && g.campaign === campaign && g.name === cr.name)) throw new GoogleAdsError('adGroupError', 'DUPLICATE_ADGROUP_NAME', 'An ad group with this name already exists in the campaign.', [...path, ['name']]);
				const n = newName(cr, 'adGroups', path);
				staged.adGroups.push({ ...cr, resourceName: n.name, id: n.id, campaign });
				return { n, result: { adGroupResult: { resourceName: n.name } } };
			},
			adGroupCriterionOperation(op, path) {
				const cr = op.create;
				only(cr, ['adGroup', 'status', 'keyword', 'negative'], path);
				if (cr.status !== undefined && !['ENABLED', 'PAUSED'].includes(cr.status)) throw new GoogleAdsError('fieldError', 'INVALID_VALUE', 'Invalid status.', [...path, ['status']]);
				if (!cr.keyword || typeof cr.keyword !== 'object') throw new GoogleAdsError('fieldError', 'REQUIRED', 'A criterion is required.', [...path, ['keyword']]);
				requireString(cr.keyword.text, [...path, ['keyword'], ['text']], 80);
				if (cr.keyword.text.trim().split(/\s+/).length > 10) throw new GoogleAdsError('criterionError', 'KEYWORD_HAS_TOO_MANY_WORDS', 'Keyword has too many words (max 10).', [...path, ['keyword'], ['text']]);
				if (/[!@%^*()={};~`<>?\\|]/.test(cr.keyword.text)) throw new GoogleAdsError('criterionError', 'KEYWORD_HAS_INVALID_CHARS', 'Keyword text has invalid characters.', [...path, ['keyword'], ['text']]);
				if (!MATCH_TYPES.has(cr.keyword.matchType)) throw new GoogleAdsError('fieldError', 'INVALID_VALUE', 'Invalid keyword match type.', [...path, ['keyword'], ['match_type']]);
				const adGroup = resolveRef(cr.adGroup, 'adGroups', [...path, ['ad_group']]);
				if (injected && injected.keyword === cr.keyword.text) throw new GoogleAdsError('policyFindingError', 'POLICY_FINDING', 'A policy was violated. See PolicyFindingDetails for more detail.', [...path, ['keyword'], ['text']]);
				const adGroupId = adGroup.split('/').pop();
				const id = String(nextId++);
				const criterion = { resourceName: `${c}/adGroupCriteria/${adGroupId}~${id}`, criterionId: id, adGroup, status: cr.status ?? 'ENABLED', type: 'KEYWORD', keyword: { ...cr.keyword } };
				staged.criteria.push(criterion);
				return { n: null, result: { adGroupCriterionResult: { resourceName: criterion.resourceName } } };
			},
			adGroupAdOperation(op, path) {
				const cr = op.create;
				only(cr, ['adGroup', 'status', 'ad'], path);
				requireStatus(cr.status, [...path, ['status']]);
				const ad = cr.ad;
				if (!ad || typeof ad !== 'object') throw new GoogleAdsError('fieldError', 'REQUIRED', 'The ad is required.', [...path, ['ad']]);
				only(ad, ['finalUrls', 'responsiveSearchAd'], [...path, ['ad']]);
				if (!Array.isArray(ad.finalUrls) || ad.finalUrls.length === 0) throw new GoogleAdsError('adError', 'MISSING_FINAL_URL', 'The ad has no final URL.', [...path, ['ad'], ['final_urls']]);
				for (const [i, u] of ad.finalUrls.entries()) {
					if (!/^https?:\/\/[^\s]+$/.test(u)) throw new GoogleAdsError('urlFieldError', 'INVALID_URL', 'The final URL is not valid.', [...path, ['ad'], ['final_urls', i]]);
				}
				const rsa = ad.responsiveSearchAd;
				if (!rsa) throw new GoogleAdsError('fieldError', 'REQUIRED', 'responsive_search_ad is required.', [...path, ['ad'], ['responsive_search_ad']]);
				only(rsa, ['headlines', 'descriptions', 'path1', 'path2'], [...path, ['ad'], ['responsive_search_ad']]);
				const assets = (list, key, min, max, len, pinSet) => {
					const p = [...path, ['ad'], ['responsive_search_ad'], [key]];
					if (!Array.isArray(list) || list.length < min) throw new GoogleAdsError('adError', key === 'headlines' ? 'TOO_FEW_HEADLINES' : 'TOO_FEW_DESCRIPTIONS', `At least ${min} ${key} are required.`, p);
					if (list.length > max) throw new GoogleAdsError('adError', key === 'headlines' ? 'TOO_MANY_HEADLINES' : 'TOO_MANY_DESCRIPTIONS', `At most ${max} ${key} are allowed.`, p);
					list.forEach((a, i) => {
						const ap = [...path, ['ad'], ['responsive_search_ad'], [key, i]];
						only(a, ['text', 'pinnedField'], ap);
						requireString(a.text, [...ap, ['text']], len);
						if (a.pinnedField !== undefined && !pinSet.has(a.pinnedField)) throw new GoogleAdsError('adError', 'INVALID_INPUT', `Invalid pinned field '${a.pinnedField}'.`, [...ap, ['pinned_field']]);
					});
				};
				assets(rsa.headlines, 'headlines', 3, 15, 30, HEADLINE_PINS);
				assets(rsa.descriptions, 'descriptions', 2, 4, 90, DESCRIPTION_PINS);
				if (rsa.path1 !== undefined) requireString(rsa.path1, [...path, ['ad'], ['responsive_search_ad'], ['path1']], 15);
				if (rsa.path2 !== undefined) {
					if (rsa.path1 === undefined) throw new GoogleAdsError('adError', 'CANNOT_SET_PATH2_WITHOUT_PATH1', 'path2 needs path1.', [...path, ['ad'], ['responsive_search_ad'], ['path2']]);
					requireString(rsa.path2, [...path, ['ad'], ['responsive_search_ad'], ['path2']], 15);
				}
				const adGroup = resolveRef(cr.adGroup, 'adGroups', [...path, ['ad_group']]);
				const adGroupId = adGroup.split('/').pop();
				const id = String(nextId++);
				const row = { resourceName: `${c}/adGroupAds/${adGroupId}~${id}`, adGroup, status: cr.status, ad: { id, finalUrls: [...ad.finalUrls], responsiveSearchAd: rsa } };
				staged.adGroupAds.push(row);
				return { n: null, result: { adGroupAdResult: { resourceName: row.resourceName } } };
			},
		};

		body.mutateOperations.forEach((operation, index) => {
			const keys = operation && typeof operation === 'object' ? Object.keys(operation) : [];
			const base = [['mutate_operations', index]];
			try {
				if (keys.length !== 1 || !handlers[keys[0]]) throw new GoogleAdsError('requestError', 'UNKNOWN_FIELD', `Unsupported mutate operation ${keys.join(',') || '(empty)'}.`, base);
				const inner = operation[keys[0]];
				const path = [...base, [snake(keys[0])], ['create']];
				if (!inner || typeof inner.create !== 'object' || Object.keys(inner).length !== 1) throw new GoogleAdsError('operationAccessDeniedError', 'OPERATION_NOT_PERMITTED_FOR_CONTEXT', 'Only create operations are served here.', [...base, [snake(keys[0])]]);
				const before = JSON.stringify(staged);
				try {
					const { n, result } = handlers[keys[0]](inner, path);
					if (n && n.temp) temps.set(n.temp, n.name);
					responses.push(result);
				} catch (e) {
					Object.assign(staged, JSON.parse(before));
					throw e;
				}
			} catch (e) {
				if (!(e instanceof GoogleAdsError)) throw e;
				const inner = keys.length === 1 ? operation[keys[0]]?.create : undefined;
				if (inner && typeof inner.resourceName === 'string') temps.set(inner.resourceName, 'failed');
				errors.push(e);
				responses.push({});
			}
		});

		if (errors.length && !partial) return fail(400, 'INVALID_ARGUMENT', errors);
		if (!validateOnly) {
			for (const key of Object.keys(staged)) customer[key].push(...staged[key]);
		}
		if (fault && fault.kind === 'commitThenDrop' && !validateOnly) {
			req.socket.destroy();
			return undefined;
		}
		const out = validateOnly ? {} : { mutateOperationResponses: responses };
		if (errors.length) {
			const st = statusBody(400, 'INVALID_ARGUMENT', errors, requestId, version).error;
			out.partialFailureError = { code: 3, message: errors.map((e) => e.message).join(' '), details: st.details };
		}
		return send(res, 200, options.snakeCaseErrors ? deepSnakeKeys(out) : out, requestId);
	}

	return {
		start: recording.start,
		stop: recording.stop,
		requests,
		inject: recording.inject,
		customer(id) {
			return customers.get(id);
		},
		/** Seed a day of metrics for an ad group ad. */
		addMetrics(adGroupAd, date, metrics) {
			for (const cust of customers.values()) {
				if (cust.adGroupAds.some((a) => a.resourceName === adGroupAd)) cust.metrics.push({ adGroupAd, date, metrics });
			}
		},
		/** Objects by kind, and names that occur more than once among live objects (should be none). */
		duplicates(id) {
			const cust = customers.get(id);
			const dup = (list, key) => {
				const seen = new Map();
				for (const o of list.filter((x) => x.status !== 'REMOVED')) seen.set(key(o), (seen.get(key(o)) ?? 0) + 1);
				return [...seen.entries()].filter(([, n]) => n > 1).map(([k]) => k);
			};
			return [
				...dup(cust.budgets, (o) => `budget:${o.name}`),
				...dup(cust.campaigns, (o) => `campaign:${o.name}`),
				...dup(cust.adGroups, (o) => `adGroup:${o.campaign}:${o.name}`),
				...dup(cust.adGroupAds, (o) => `adGroupAd:${o.adGroup}:${o.ad.finalUrls[0]}`),
				...dup(cust.criteria, (o) => `keyword:${o.adGroup}:${o.keyword.text.toLowerCase()}:${o.keyword.matchType}`),
			];
		},
	};
}

/**
 * The Journey Ads Google Ads OAuth2 credential's data, pointed at a local server (a token already held).
 * @param {string} baseUrl
 * @param {string} [accessToken]
 */
function googleAdsCredentials(baseUrl, accessToken = 'test-access-token') {
	return {
		journeyAdsGoogleAdsOAuth2Api: {
			grantType: 'authorizationCode',
			authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
			accessTokenUrl: `${baseUrl}/token`,
			clientId: 'client-id',
			clientSecret: 'client-secret',
			scope: 'https://www.googleapis.com/auth/adwords',
			authentication: 'body',
			oauthTokenData: { access_token: accessToken, token_type: 'Bearer' },
			developerToken: '',
			loginCustomerId: '',
			baseUrl,
		},
	};
}

module.exports = { createGoogleAdsServer, parseGaql, googleAdsCredentials };
