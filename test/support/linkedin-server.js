// A local server that speaks the LinkedIn Marketing API (versioned REST, Rest.li 2.0) for what the
// Ad Deployer uses: campaign groups and campaigns (search finders), inline Sponsored Content
// creatives (criteria finder, createInline) and adAnalytics, with LinkedIn's headers
// (Linkedin-Version, X-Restli-Protocol-Version, x-restli-id), its error bodies
// ({ status, serviceErrorCode, code, message }), 426 for a sunset version and programmable faults.
// Plain CommonJS: tests import it.
'use strict';

const { createRecordingServer } = require('./recording-server');

const STATUSES = new Set(['DRAFT', 'PAUSED', 'ACTIVE']);
const CTAS = new Set(['APPLY', 'ATTEND', 'BUY_NOW', 'DOWNLOAD', 'JOIN', 'LEARN_MORE', 'REGISTER', 'REQUEST_DEMO', 'SEE_MORE', 'SHOP_NOW', 'SIGN_UP', 'SUBSCRIBE', 'VIEW_QUOTE']);

class LiError {
	constructor(status, message, code = 'INVALID_VALUE', serviceErrorCode = 100) {
		Object.assign(this, { status, message, code, serviceErrorCode });
	}
}

/** Parses a Rest.li 2.0 value: List(a,b), (k:v,...) or an encoded string. */
function parseRestli(text) {
	let i = 0;
	const value = () => {
		if (text.startsWith('List(', i)) {
			i += 5;
			const out = [];
			while (text[i] !== ')') {
				out.push(value());
				if (text[i] === ',') i++;
				else if (text[i] !== ')') throw new Error('bad list');
			}
			i++;
			return out;
		}
		if (text[i] === '(') {
			i++;
			const out = {};
			while (text[i] !== ')') {
				const colon = text.indexOf(':', i);
				const key = decodeURIComponent(text.slice(i, colon));
				i = colon + 1;
				out[key] = value();
				if (text[i] === ',') i++;
				else if (text[i] !== ')') throw new Error('bad object');
			}
			i++;
			return out;
		}
		let j = i;
		while (j < text.length && !',)'.includes(text[j])) j++;
		const raw = text.slice(i, j);
		if (/[():]/.test(raw)) throw new Error(`unencoded reserved character in "${raw}"`);
		i = j;
		return decodeURIComponent(raw);
	};
	const v = value();
	if (i !== text.length) throw new Error('trailing input');
	return v;
}

/**
 * @param {{ accessToken?: string, accounts?: Array<string | { id: string, name?: string, status?: string }>,
 *   versions?: string[], organizations?: string[] }} [options]
 */
function createLinkedInServer(options = {}) {
	const token = options.accessToken ?? 'test-linkedin-token';
	const versions = new Set(options.versions ?? ['202603', '202606', '202608']);
	const orgs = new Set(options.organizations ?? ['urn:li:organization:5550001']);
	const accounts = new Map(
		(options.accounts ?? ['508000001']).map((a) => {
			const info = typeof a === 'string' ? { id: a } : a;
			return [info.id, { id: info.id, name: info.name ?? `Account ${info.id}`, status: info.status ?? 'ACTIVE', groups: [], campaigns: [], creatives: [], analytics: [] }];
		}),
	);
	let nextId = 700000;
	let seq = 0;

	const recording = createRecordingServer((req, res, record) => {
		try {
			handle(req, res, record);
		} catch (e) {
			if (!(e instanceof LiError)) throw e;
			send(res, e.status, { status: e.status, serviceErrorCode: e.serviceErrorCode, code: e.code, message: e.message });
		}
	});
	const { requests, faults } = recording;
	function send(res, status, body, extra = {}) {
		res.writeHead(status, { 'content-type': 'application/json', 'x-li-uuid': `li-${++seq}`, 'x-restli-protocol-version': '2.0.0', ...extra });
		res.end(body === undefined ? '' : JSON.stringify(body));
	}
	function takeFault(kind) {
		const i = faults.findIndex((f) => f.on === kind || f.on === 'any');
		if (i < 0) return null;
		const f = faults[i];
		f.times = (f.times ?? 1) - 1;
		if (f.times <= 0) faults.splice(i, 1);
		return f;
	}
	function query(url) {
		const out = {};
		const qs = url.split('?')[1] ?? '';
		for (const part of qs.split('&').filter(Boolean)) {
			const eq = part.indexOf('=');
			out[part.slice(0, eq)] = part.slice(eq + 1);
		}
		return out;
	}
	const need = (cond, message, field) => {
		if (!cond) throw new LiError(422, field ? `${message} (field ${field})` : message, 'FIELD_VALUE_INVALID', 100);
	};
	const moneyOk = (m, field) => {
		need(m && typeof m.amount === 'string' && /^\d+(\.\d{1,2})?$/.test(m.amount), 'money amount must be a string in major units, e.g. "10.00"', field);
		need(/^[A-Z]{3}$/.test(m.currencyCode), 'currencyCode must be ISO 4217', field);
	};

	function handle(req, res, record) {
		const version = req.headers['linkedin-version'];
		if (!version) throw new LiError(400, 'A version must be present. Please specify a version by adding the LinkedIn-Version header.', 'VERSION_MISSING');
		if (!versions.has(String(version))) throw new LiError(426, `Requested version ${version} is not active`, 'NONEXISTENT_VERSION');
		if (req.headers['x-restli-protocol-version'] !== '2.0.0') throw new LiError(400, 'X-Restli-Protocol-Version 2.0.0 is required', 'ILLEGAL_ARGUMENT');
		if (req.headers.authorization !== `Bearer ${token}`) throw new LiError(401, 'Invalid access token', 'REVOKED_ACCESS_TOKEN', 65601);
		const fault = takeFault(req.method === 'POST' ? 'post' : 'get');
		if (fault && fault.kind === 'rateLimit') return send(res, 429, { status: 429, code: 'TOO_MANY_REQUESTS', message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' }, { 'retry-after': String(fault.retryAfter ?? 1) });
		if (fault && fault.kind === 'serverError') throw new LiError(503, 'Service unavailable', 'SERVER_ERROR', 0);
		const path = req.url.split('?')[0];
		const q = query(req.url);
		if (path === '/rest/adAnalytics') return analytics(res, q);
		if (path === '/rest/adAccounts') {
			if (req.method !== 'GET') throw new LiError(405, 'Method not allowed');
			return searchAccounts(res, q);
		}
		const m = /^\/rest\/adAccounts\/(\d+)\/(adCampaignGroups|adCampaigns|creatives)$/.exec(path);
		if (!m) throw new LiError(404, `No resource at ${path}`, 'NOT_FOUND');
		const account = accounts.get(m[1]);
		if (!account) throw new LiError(403, 'Not enough permissions to access the ad account', 'ACCESS_DENIED', 100);
		const kind = m[2];
		if (req.method === 'GET') return list(res, account, kind, q);
		if (req.method !== 'POST') throw new LiError(405, 'Method not allowed');
		const created = create(m[1], account, kind, record.body, q);
		if (fault && fault.kind === 'commitThenDrop') return void req.socket.destroy();
		const idHeader = kind === 'creatives' ? `urn:li:sponsoredCreative:${created.id}` : String(created.id);
		return send(res, 201, undefined, { 'x-restli-id': idHeader, 'x-linkedin-id': idHeader });
	}
	/** Rest.li search criteria: every key's values must contain the object's value. */
	function searchCriteria(q) {
		need(q.q === 'search', 'this finder is q=search');
		let search;
		try {
			search = parseRestli(q.search ?? '()');
		} catch (e) {
			throw new LiError(400, `Invalid Rest.li query: ${e.message}`, 'ILLEGAL_ARGUMENT');
		}
		need(search && typeof search === 'object' && !Array.isArray(search), 'search must be a Rest.li record such as (status:(values:List(ACTIVE)))');
		for (const [k, v] of Object.entries(search)) need(v && Array.isArray(v.values), `search.${k} must be (values:List(...))`);
		return (o) => Object.entries(search).every(([k, v]) => v.values.includes(String(o[k])));
	}
	function pageOf(res, rows, q) {
		const start = Number(q.start ?? 0);
		const count = Number(q.count ?? 10);
		need(Number.isInteger(start) && start >= 0 && Number.isInteger(count) && count >= 0 && count <= 1000, 'start and count must be whole numbers, count at most 1000');
		return send(res, 200, { elements: rows.slice(start, start + count), paging: { start, count, total: rows.length } });
	}
	function searchAccounts(res, q) {
		const wanted = searchCriteria(q);
		const rows = [...accounts.values()]
			.map((a) => ({ id: Number(a.id), name: a.name, status: a.status, type: 'BUSINESS', currency: 'USD', reference: 'urn:li:organization:5550001', test: false }))
			.filter(wanted);
		return pageOf(res, rows, q);
	}
	function list(res, account, kind, q) {
		let rows;
		try {
			if (kind === 'creatives') {
				need(q.q === 'criteria', 'creatives are found with q=criteria');
				const campaigns = parseRestli(q.campaigns ?? 'List()');
				rows = account.creatives.filter((c) => campaigns.includes(c.campaign));
			} else {
				need(q.q === 'search', `${kind} are found with q=search`);
				const search = parseRestli(q.search ?? '()');
				rows = (kind === 'adCampaignGroups' ? account.groups : account.campaigns).filter((o) =>
					Object.entries(search).every(([k, v]) => (v.values ?? []).includes(String(o[k]))),
				);
			}
		} catch (e) {
			if (e instanceof LiError) throw e;
			throw new LiError(400, `Invalid Rest.li query: ${e.message}`, 'ILLEGAL_ARGUMENT');
		}
		return pageOf(res, rows, q);
	}
	function create(accountId, account, kind, body, q) {
		need(body && typeof body === 'object', 'a JSON body is required');
		const accountUrn = `urn:li:sponsoredAccount:${accountId}`;
		if (kind === 'adCampaignGroups') {
			need(body.account === accountUrn, 'account must be the URN of the ad account in the path', 'account');
			need(typeof body.name === 'string' && body.name.trim(), 'name is required', 'name');
			need(['DRAFT', 'ACTIVE'].includes(body.status), 'a new campaign group is DRAFT or ACTIVE', 'status');
			need(body.runSchedule && Number.isInteger(body.runSchedule.start), 'runSchedule.start (epoch ms) is required', 'runSchedule');
			const g = { ...body, id: nextId++ };
			account.groups.push(g);
			return g;
		}
		if (kind === 'adCampaigns') {
			need(body.account === accountUrn, 'account must be the URN of the ad account in the path', 'account');
			need(account.groups.some((g) => `urn:li:sponsoredCampaignGroup:${g.id}` === body.campaignGroup), 'campaignGroup must be an existing campaign group URN', 'campaignGroup');
			need(typeof body.name === 'string' && body.name.trim(), 'name is required', 'name');
			need(['SPONSORED_UPDATES', 'TEXT_AD', 'SPONSORED_INMAILS', 'DYNAMIC'].includes(body.type), 'type is invalid', 'type');
			need(['CPC', 'CPM', 'CPV'].includes(body.costType), 'costType is invalid', 'costType');
			need(STATUSES.has(body.status), 'status must be DRAFT, PAUSED or ACTIVE', 'status');
			need(['POLITICAL', 'NOT_POLITICAL'].includes(body.politicalIntent), 'politicalIntent must be declared', 'politicalIntent');
			moneyOk(body.dailyBudget, 'dailyBudget');
			moneyOk(body.unitCost, 'unitCost');
			need(body.locale && /^[A-Z]{2}$/.test(body.locale.country) && /^[a-z]{2}$/.test(body.locale.language), 'locale {country, language} is required', 'locale');
			const facets = body.targetingCriteria?.include?.and?.flatMap((x) => Object.keys(x.or ?? {})) ?? [];
			need(facets.includes('urn:li:adTargetingFacet:locations'), 'targetingCriteria must include locations', 'targetingCriteria');
			const c = { ...body, id: nextId++ };
			account.campaigns.push(c);
			return c;
		}
		need(q.action === 'createInline', 'creatives with inline content are created with ?action=createInline');
		const cr = body.creative;
		need(cr && account.campaigns.some((c) => `urn:li:sponsoredCampaign:${c.id}` === cr.campaign), 'creative.campaign must be an existing campaign URN', 'campaign');
		need(STATUSES.has(cr.intendedStatus), 'intendedStatus must be DRAFT, PAUSED or ACTIVE', 'intendedStatus');
		const post = cr.inlineContent && cr.inlineContent.post;
		need(post && orgs.has(post.author), 'post.author must be an organization the member administers', 'author');
		need(typeof post.commentary === 'string' && post.commentary.length <= 600, 'commentary up to 600 characters is required', 'commentary');
		need(post.distribution && post.distribution.feedDistribution === 'NONE', 'a Sponsored Content post is not distributed to the feed (feedDistribution NONE)', 'distribution');
		need(post.content && post.content.article && /^https?:\/\//.test(post.content.article.source), 'content.article.source must be a URL', 'content');
		need(post.contentCallToActionLabel === undefined || CTAS.has(post.contentCallToActionLabel), 'contentCallToActionLabel is invalid', 'contentCallToActionLabel');
		const c = { id: `urn:li:sponsoredCreative:${nextId}`, name: cr.name, campaign: cr.campaign, intendedStatus: cr.intendedStatus, post };
		nextId++;
		account.creatives.push(c);
		return { id: c.id.split(':').pop() };
	}
	function analytics(res, q) {
		need(q.q === 'analytics', 'q=analytics is required');
		need(q.pivot === 'CREATIVE', 'this server answers pivot=CREATIVE');
		need(q.timeGranularity === 'DAILY', 'timeGranularity=DAILY expected');
		let range;
		let accs;
		let campaigns;
		let groups;
		try {
			range = parseRestli(q.dateRange);
			accs = q.accounts === undefined ? null : parseRestli(q.accounts);
			campaigns = q.campaigns === undefined ? null : parseRestli(q.campaigns);
			groups = q.campaignGroups === undefined ? null : parseRestli(q.campaignGroups);
		} catch (e) {
			throw new LiError(400, `Invalid Rest.li query: ${e.message}`, 'ILLEGAL_ARGUMENT');
		}
		need(accs || campaigns || groups, 'one of the facets accounts, campaignGroups or campaigns is required');
		const inFacets = (a, r) => {
			const creative = a.creatives.find((c) => c.id === r.creative);
			const campaign = creative && a.campaigns.find((c) => `urn:li:sponsoredCampaign:${c.id}` === creative.campaign);
			if (campaigns && !(creative && campaigns.includes(creative.campaign))) return false;
			if (groups && !(campaign && groups.includes(campaign.campaignGroup))) return false;
			return true;
		};
		const iso = (d) => `${d.year.padStart(4, '0')}-${d.month.padStart(2, '0')}-${d.day.padStart(2, '0')}`;
		const from = iso(range.start);
		const to = iso(range.end);
		const rows = [];
		for (const [id, a] of accounts) {
			if (accs && !accs.includes(`urn:li:sponsoredAccount:${id}`)) continue;
			for (const r of a.analytics) if (r.date >= from && r.date <= to && inFacets(a, r)) rows.push(r);
		}
		const elements = rows.map((r) => {
			const [y, m, d] = r.date.split('-').map(Number);
			return { pivotValues: [r.creative], dateRange: { start: { year: y, month: m, day: d }, end: { year: y, month: m, day: d } }, ...r.metrics };
		});
		return send(res, 200, { elements, paging: { start: 0, count: elements.length } });
	}

	return {
		start: recording.start,
		stop: recording.stop,
		requests,
		inject: recording.inject,
		account(id) {
			return accounts.get(id);
		},
		addAnalytics(accountId, creative, date, metrics) {
			accounts.get(accountId).analytics.push({ creative, date, metrics });
		},
		duplicates(accountId) {
			const a = accounts.get(accountId);
			const dup = (list, key) => {
				const seen = new Map();
				for (const o of list) seen.set(key(o), (seen.get(key(o)) ?? 0) + 1);
				return [...seen.entries()].filter(([, n]) => n > 1).map(([k]) => k);
			};
			return [...dup(a.groups, (o) => `group:${o.name}`), ...dup(a.campaigns, (o) => `campaign:${o.campaignGroup}:${o.name}`), ...dup(a.creatives, (o) => `creative:${o.campaign}:${o.name}`)];
		},
	};
}

module.exports = { createLinkedInServer, parseRestli };
