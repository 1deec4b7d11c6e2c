// A local server that speaks the Meta Marketing API (Graph) for what the Ad Deployer uses: ad
// accounts, campaigns, ad sets, ad creatives, ads (GET with `filtering` and cursor paging, POST with
// JSON bodies) and ad-level insights, with Meta's error bodies (`error.code`, `error_subcode`,
// `fbtrace_id`), the X-Business-Use-Case-Usage header and programmable faults. Requests are checked
// strictly against the documented shapes. Plain CommonJS: tests import it.
'use strict';

const { createRecordingServer } = require('./recording-server');

const OBJECTIVES = new Set(['OUTCOME_AWARENESS', 'OUTCOME_TRAFFIC', 'OUTCOME_ENGAGEMENT', 'OUTCOME_LEADS', 'OUTCOME_SALES', 'OUTCOME_APP_PROMOTION']);
const SPECIAL = new Set(['NONE', 'HOUSING', 'EMPLOYMENT', 'FINANCIAL_PRODUCTS_SERVICES', 'ISSUES_ELECTIONS_POLITICS', 'ONLINE_GAMBLING_AND_GAMING']);
const STATUSES = new Set(['ACTIVE', 'PAUSED']);
const BILLING = new Set(['IMPRESSIONS', 'LINK_CLICKS', 'THRUPLAY', 'APP_INSTALLS']);
const GOALS = new Set(['REACH', 'IMPRESSIONS', 'LINK_CLICKS', 'LANDING_PAGE_VIEWS', 'POST_ENGAGEMENT', 'OFFSITE_CONVERSIONS', 'LEAD_GENERATION', 'VALUE']);
const CTAS = new Set(['APPLY_NOW', 'BOOK_TRAVEL', 'BUY_NOW', 'BUY_TICKETS', 'CALL_NOW', 'CONTACT_US', 'DOWNLOAD', 'GET_OFFER', 'GET_QUOTE', 'LEARN_MORE', 'LISTEN_NOW', 'ORDER_NOW', 'SHOP_NOW', 'SIGN_UP', 'SUBSCRIBE', 'WATCH_MORE', 'NO_BUTTON']);
const ADSET_FIELDS = ['name', 'campaign_id', 'daily_budget', 'lifetime_budget', 'billing_event', 'optimization_goal', 'bid_strategy', 'bid_amount', 'targeting', 'status', 'start_time', 'end_time', 'promoted_object'];

class GraphError {
	constructor(message, code, subcode, status = 400, extra = {}) {
		Object.assign(this, { message, code, subcode, status, extra });
	}
}

/**
 * @param {{ accessToken?: string, accounts?: Array<{ id: string, name?: string, currency?: string }>, versions?: string[], pages?: string[] }} [options]
 */
function createMetaServer(options = {}) {
	const token = options.accessToken ?? 'test-meta-token';
	const versions = new Set(options.versions ?? ['v24.0', 'v25.0', 'v26.0']);
	const pages = new Set(options.pages ?? ['1000000001']);
	const accounts = new Map();
	for (const a of options.accounts ?? [{ id: '111222333' }]) {
		accounts.set(`act_${a.id}`, { id: `act_${a.id}`, name: a.name ?? `Account ${a.id}`, currency: a.currency ?? 'USD', campaigns: [], adsets: [], adcreatives: [], ads: [], insights: [] });
	}
	let nextId = 23850000000000;
	let traceSeq = 0;
	let usage = null;

	const recording = createRecordingServer((req, res, record) => {
		try {
			handle(req, res, record);
		} catch (e) {
			if (!(e instanceof GraphError)) throw e;
			sendError(res, e);
		}
	});
	const { requests, faults } = recording;

	function headers() {
		const h = { 'content-type': 'application/json; charset=UTF-8', 'x-fb-trace-id': `trace-${++traceSeq}` };
		if (usage) h['x-business-use-case-usage'] = JSON.stringify(usage);
		return h;
	}
	function send(res, status, body) {
		res.writeHead(status, headers());
		res.end(JSON.stringify(body));
	}
	function sendError(res, e) {
		const error = { message: e.message, type: e.code === 190 ? 'OAuthException' : 'OAuthException', code: e.code, fbtrace_id: `fbtrace-${++traceSeq}`, ...e.extra };
		if (e.subcode !== undefined) error.error_subcode = e.subcode;
		res.writeHead(e.status, { ...headers(), ...(e.headers ?? {}) });
		res.end(JSON.stringify({ error }));
	}
	function takeFault(kind) {
		const i = faults.findIndex((f) => f.on === kind || f.on === 'any');
		if (i < 0) return null;
		const f = faults[i];
		f.times = (f.times ?? 1) - 1;
		if (f.times <= 0) faults.splice(i, 1);
		return f;
	}
	const newId = () => String(nextId++);

	function handle(req, res, record) {
		const url = new URL(req.url, 'http://127.0.0.1');
		const node = /^\/(v\d+\.\d+)\/(\d+)$/.exec(url.pathname);
		if (node) return readNode(req, res, url, node[1], node[2]);
		const m = /^\/(v\d+\.\d+)\/(me\/adaccounts|act_\d+)(?:\/(campaigns|adsets|adcreatives|ads|insights))?$/.exec(url.pathname);
		if (!m) throw new GraphError(`Unknown path components: ${url.pathname}`, 2500, undefined, 400);
		if (!versions.has(m[1])) throw new GraphError(`(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: ${[...versions].pop()}.`, 2635);
		const auth = req.headers.authorization;
		const bearer = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : url.searchParams.get('access_token');
		if (bearer !== token) throw new GraphError('Invalid OAuth access token - Cannot parse access token', 190, undefined, 401);
		const fault = takeFault(req.method === 'POST' ? 'post' : 'get');
		if (fault && fault.kind === 'rateLimit') {
			usage = { 1234: [{ type: 'ads_management', call_count: 100, total_cputime: 40, total_time: 35, estimated_time_to_regain_access: fault.regainMinutes ?? 0 }] };
			const e = new GraphError('(#80004) There have been too many calls to this ad-account. Wait a bit and try again.', fault.code ?? 80004, 2446079);
			throw e;
		}
		if (fault && fault.kind === 'serverError') throw new GraphError('An unexpected error has occurred. Please retry your request later.', 2, undefined, 500, { is_transient: true });
		if (fault && fault.kind === 'drop') return void req.socket.destroy();
		if (m[2] === 'me/adaccounts') {
			return send(res, 200, { data: [...accounts.values()].map((a) => ({ id: a.id, name: a.name, account_id: a.id.slice(4) })), paging: { cursors: { before: 'b', after: 'a' } } });
		}
		const account = accounts.get(m[2]);
		if (!account) throw new GraphError(`(#100) Ad account owner has NOT grant ads_management or ads_read permission`, 200, undefined, 403);
		const edge = m[3];
		if (!edge) throw new GraphError('Unsupported request', 100);
		if (edge === 'insights') {
			if (req.method !== 'GET') throw new GraphError('Unsupported post request.', 100);
			return insights(res, url, account);
		}
		if (req.method === 'GET') return list(res, url, account, edge);
		if (req.method !== 'POST') throw new GraphError('Unsupported request method', 100);
		if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new GraphError('(#100) Expected JSON body', 100);
		const body = record.body;
		if (!body || typeof body !== 'object') throw new GraphError('(#100) Missing body', 100);
		const created = create(account, edge, body);
		if (fault && fault.kind === 'commitThenDrop') return void req.socket.destroy();
		return send(res, 200, { id: created.id });
	}

	/** GET /{version}/{object id}?fields=...: one object by id (campaigns and ad sets here). */
	function readNode(req, res, url, version, id) {
		if (!versions.has(version)) throw new GraphError(`(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: ${[...versions].pop()}.`, 2635);
		const auth = req.headers.authorization;
		const bearer = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : url.searchParams.get('access_token');
		if (bearer !== token) throw new GraphError('Invalid OAuth access token - Cannot parse access token', 190, undefined, 401);
		if (req.method !== 'GET') throw new GraphError('Unsupported post request.', 100);
		const fault = takeFault('get');
		if (fault && fault.kind === 'serverError') throw new GraphError('An unexpected error has occurred. Please retry your request later.', 2, undefined, 500, { is_transient: true });
		for (const account of accounts.values()) {
			for (const edge of ['campaigns', 'adsets']) {
				const o = account[edge].find((x) => x.id === id && x.status !== 'DELETED');
				if (!o) continue;
				const fields = (url.searchParams.get('fields') ?? 'id').split(',');
				const [nodeType, known] = EDGE_FIELDS[edge];
				for (const f of fields) if (!known.includes(f)) throw new GraphError(`(#100) Tried accessing nonexisting field (${f}) on node type (${nodeType})`, 100);
				return send(res, 200, Object.fromEntries(['id', ...fields].filter((f) => o[f] !== undefined).map((f) => [f, o[f]])));
			}
		}
		throw new GraphError(`Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 100, 33);
	}

	function parseFiltering(url) {
		const raw = url.searchParams.get('filtering');
		if (!raw) return [];
		let f;
		try {
			f = JSON.parse(raw);
		} catch {
			throw new GraphError('(#100) param filtering must be a JSON array', 100);
		}
		if (!Array.isArray(f)) throw new GraphError('(#100) param filtering must be an array', 100);
		for (const c of f) {
			if (!c || typeof c.field !== 'string' || !['EQUAL', 'NOT_EQUAL', 'CONTAIN', 'IN'].includes(c.operator)) throw new GraphError('(#100) Filtering field or operator is invalid', 100, 1815697);
		}
		return f;
	}
	function valueOf(o, fieldName) {
		if (fieldName === 'name') return o.name;
		if (fieldName === 'campaign.id') return o.campaign_id;
		if (fieldName === 'adset.id') return o.adset_id;
		if (fieldName === 'ad.id') return o.ad_id ?? o.id;
		if (fieldName === 'campaign.name') return o.campaign_name;
		throw new GraphError(`(#100) Filtering field ${fieldName} is invalid`, 100, 1815697);
	}
	function matches(o, c) {
		const v = String(valueOf(o, c.field) ?? '');
		if (c.operator === 'EQUAL') return v === String(c.value);
		if (c.operator === 'NOT_EQUAL') return v !== String(c.value);
		if (c.operator === 'CONTAIN') return v.includes(String(c.value));
		return Array.isArray(c.value) && c.value.map(String).includes(v);
	}
	function page(res, url, rows, pick) {
		const limit = Math.min(Number(url.searchParams.get('limit') ?? 25), 500);
		const start = url.searchParams.get('after') ? Number(Buffer.from(url.searchParams.get('after'), 'base64').toString()) : 0;
		const slice = rows.slice(start, start + limit).map(pick);
		const out = { data: slice, paging: { cursors: { before: Buffer.from(String(start)).toString('base64'), after: Buffer.from(String(start + slice.length)).toString('base64') } } };
		if (start + limit < rows.length) out.paging.next = `http://graph.test${url.pathname}?after=${out.paging.cursors.after}`;
		return send(res, 200, out);
	}
	/** Fields each edge's objects have; Graph refuses any other name in `fields`. */
	const EDGE_FIELDS = {
		campaigns: ['Campaign', ['id', 'name', 'status', 'effective_status', 'objective', 'special_ad_categories', 'daily_budget', 'lifetime_budget', 'bid_strategy', 'buying_type', 'account_id', 'is_adset_budget_sharing_enabled']],
		adsets: ['AdSet', ['id', 'name', 'status', 'effective_status', 'campaign_id', 'daily_budget', 'lifetime_budget', 'targeting', 'billing_event', 'optimization_goal', 'bid_amount', 'account_id']],
		adcreatives: ['AdCreative', ['id', 'name', 'object_story_spec', 'status', 'account_id']],
		ads: ['Ad', ['id', 'name', 'status', 'effective_status', 'adset_id', 'campaign_id', 'creative', 'account_id', 'tracking_specs']],
	};
	function list(res, url, account, edge) {
		const fields = (url.searchParams.get('fields') ?? 'id').split(',');
		const [nodeType, known] = EDGE_FIELDS[edge];
		for (const f of fields) if (!known.includes(f)) throw new GraphError(`(#100) Tried accessing nonexisting field (${f}) on node type (${nodeType})`, 100);
		const filters = edge === 'adcreatives' ? [] : parseFiltering(url);
		if (edge === 'adcreatives' && url.searchParams.get('filtering')) throw new GraphError('(#100) Filtering is not supported on this edge', 100);
		const rows = account[edge].filter((o) => o.status !== 'DELETED' && filters.every((c) => matches(o, c)));
		return page(res, url, rows, (o) => Object.fromEntries(fields.filter((f) => f in o).map((f) => [f, o[f]])));
	}
	const need = (cond, message, subcode) => {
		if (!cond) throw new GraphError(`(#100) ${message}`, 100, subcode, 400, { error_user_title: 'Invalid parameter', error_user_msg: message });
	};
	const only = (body, allowed) => {
		for (const k of Object.keys(body)) need(allowed.includes(k), `Param ${k} is not a valid field for this request`);
	};
	function create(account, edge, body) {
		if (edge === 'campaigns') {
			only(body, ['name', 'objective', 'status', 'special_ad_categories', 'special_ad_category_country', 'is_adset_budget_sharing_enabled', 'daily_budget', 'lifetime_budget', 'bid_strategy', 'buying_type']);
			need(typeof body.name === 'string' && body.name.trim() !== '', 'The parameter name is required');
			need(OBJECTIVES.has(body.objective), `Param objective must be one of {${[...OBJECTIVES].join(', ')}}`);
			need(STATUSES.has(body.status), 'Param status must be one of {ACTIVE, PAUSED}');
			need(Array.isArray(body.special_ad_categories), 'The parameter special_ad_categories is required', 1885571);
			need(body.special_ad_categories.every((c) => SPECIAL.has(c)), 'Param special_ad_categories contains an invalid category');
			const hasBudget = body.daily_budget !== undefined || body.lifetime_budget !== undefined;
			if (!hasBudget) need(typeof body.is_adset_budget_sharing_enabled === 'boolean', 'Must specify True or False in is_adset_budget_sharing_enabled field', 4834011);
			const c = { ...body, id: newId(), account_id: account.id.slice(4) };
			account.campaigns.push(c);
			return c;
		}
		if (edge === 'adsets') {
			only(body, ADSET_FIELDS);
			need(typeof body.name === 'string' && body.name.trim() !== '', 'The parameter name is required');
			const campaign = account.campaigns.find((c) => c.id === body.campaign_id);
			need(campaign, 'Param campaign_id must be a valid campaign id in this ad account');
			const campaignBudget = campaign.daily_budget !== undefined || campaign.lifetime_budget !== undefined;
			if (!campaignBudget) {
				need(Number.isInteger(body.daily_budget) || (typeof body.daily_budget === 'string' && /^\d+$/.test(body.daily_budget)), 'daily_budget must be an integer number of the currency\'s minor units (e.g. cents)', 1885272);
				need(Number(body.daily_budget) >= 100, 'Your budget is too low: the minimum daily budget is 1.00', 1885272);
			} else need(body.daily_budget === undefined, 'Budget is set on the campaign; an ad set cannot have one too');
			need(BILLING.has(body.billing_event), 'Param billing_event must be a valid billing event');
			need(GOALS.has(body.optimization_goal), 'Param optimization_goal must be a valid optimization goal');
			need(STATUSES.has(body.status), 'Param status must be one of {ACTIVE, PAUSED}');
			const t = body.targeting;
			need(t && typeof t === 'object' && t.geo_locations && Array.isArray(t.geo_locations.countries) && t.geo_locations.countries.length > 0, 'Targeting spec must include geo_locations', 1487079);
			need(t.geo_locations.countries.every((c) => /^[A-Z]{2}$/.test(c)), 'Invalid country code in geo_locations');
			const special = (campaign.special_ad_categories ?? []).filter((c) => c !== 'NONE');
			if (special.length) {
				need(t.age_min === undefined || t.age_min === 18, 'Special ad categories: age_min must be 18', 1892040);
				need(t.age_max === undefined || t.age_max === 65, 'Special ad categories: age_max must be 65', 1892040);
				need(t.genders === undefined, 'Special ad categories: gender targeting is not allowed', 1892040);
				need(t.geo_locations.zips === undefined, 'Special ad categories: postcode targeting is not allowed', 1892040);
				need(t.flexible_spec === undefined && t.exclusions === undefined, 'Special ad categories: detailed targeting is restricted', 1892040);
			}
			const s = { ...body, daily_budget: body.daily_budget === undefined ? undefined : String(body.daily_budget), id: newId(), campaign_name: campaign.name };
			account.adsets.push(s);
			return s;
		}
		if (edge === 'adcreatives') {
			only(body, ['name', 'object_story_spec', 'url_tags', 'degrees_of_freedom_spec']);
			const spec = body.object_story_spec;
			need(spec && typeof spec === 'object', 'The parameter object_story_spec is required');
			need(pages.has(String(spec.page_id)), 'Param object_story_spec[page_id] must be a valid Page the ad account may use', 1487194);
			const ld = spec.link_data;
			need(ld && typeof ld === 'object', 'object_story_spec needs link_data for a link ad');
			need(typeof ld.link === 'string' && /^https?:\/\//.test(ld.link), 'link_data[link] must be a valid URL');
			need(typeof ld.message === 'string' && ld.message.trim() !== '', 'link_data[message] is required');
			need(ld.call_to_action && CTAS.has(ld.call_to_action.type), 'Param call_to_action[type] must be a valid call to action type');
			const c = { ...body, id: newId() };
			account.adcreatives.push(c);
			return c;
		}
		if (edge === 'ads') {
			only(body, ['name', 'adset_id', 'creative', 'status', 'tracking_specs']);
			need(typeof body.name === 'string' && body.name.trim() !== '', 'The parameter name is required');
			const adset = account.adsets.find((s) => s.id === body.adset_id);
			need(adset, 'Param adset_id must be a valid ad set id');
			need(body.creative && account.adcreatives.some((c) => c.id === body.creative.creative_id), 'Param creative must name an existing creative_id');
			need(STATUSES.has(body.status), 'Param status must be one of {ACTIVE, PAUSED}');
			const a = { ...body, id: newId(), campaign_id: adset.campaign_id, campaign_name: adset.campaign_name };
			account.ads.push(a);
			return a;
		}
		throw new GraphError('Unsupported post request.', 100);
	}
	function insights(res, url, account) {
		need(url.searchParams.get('level') === 'ad', 'This test server answers level=ad');
		need(url.searchParams.get('time_increment') === '1', 'time_increment=1 expected');
		let range;
		try {
			range = JSON.parse(url.searchParams.get('time_range') ?? '');
		} catch {
			need(false, 'time_range must be JSON {since, until}');
		}
		need(range && /^\d{4}-\d{2}-\d{2}$/.test(range.since) && /^\d{4}-\d{2}-\d{2}$/.test(range.until), 'time_range must be {since, until} as YYYY-MM-DD');
		const fields = (url.searchParams.get('fields') ?? '').split(',');
		const known = ['ad_id', 'ad_name', 'adset_id', 'campaign_id', 'campaign_name', 'impressions', 'clicks', 'spend', 'actions', 'action_values', 'account_currency', 'date_start', 'date_stop'];
		for (const f of fields) need(known.includes(f), `(#100) ${f} is not valid for fields param`);
		const filters = parseFiltering(url);
		const rows = account.insights
			.filter((r) => r.date_start >= range.since && r.date_start <= range.until)
			.map((r) => {
				const ad = account.ads.find((a) => a.id === r.ad_id);
				return { ...r, ad_name: ad.name, adset_id: ad.adset_id, campaign_id: ad.campaign_id, campaign_name: ad.campaign_name, account_currency: account.currency, date_stop: r.date_start };
			})
			.filter((r) => filters.every((c) => matches(r, c)));
		return page(res, url, rows, (r) => Object.fromEntries(fields.filter((f) => r[f] !== undefined).map((f) => [f, r[f]])));
	}

	return {
		start: recording.start,
		stop: recording.stop,
		requests,
		inject: recording.inject,
		account(id) {
			return accounts.get(id.startsWith('act_') ? id : `act_${id}`);
		},
		addInsights(accountId, adId, date, metrics) {
			this.account(accountId).insights.push({ ad_id: adId, date_start: date, ...metrics });
		},
		duplicates(accountId) {
			const a = this.account(accountId);
			const dup = (list, key) => {
				const seen = new Map();
				for (const o of list) seen.set(key(o), (seen.get(key(o)) ?? 0) + 1);
				return [...seen.entries()].filter(([, n]) => n > 1).map(([k]) => k);
			};
			return [
				...dup(a.campaigns, (o) => `campaign:${o.name}`),
				...dup(a.adsets, (o) => `adset:${o.campaign_id}:${o.name}`),
				...dup(a.adcreatives, (o) => `creative:${o.name}`),
				...dup(a.ads, (o) => `ad:${o.adset_id}:${o.name}`),
			];
		},
	};
}

module.exports = { createMetaServer };
