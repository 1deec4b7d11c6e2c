/**
 * The warehouse mode's scenarios and its in-process references, shared by the tests that execute
 * the SQL (PostgreSQL, and BigQuery / Snowflake on DuckDB): the custom-mapped events, the option
 * variants, the field-by-field comparison, the GA4 edge rows and what the in-process reader makes of
 * records as `src` rows.
 */
import { mapJourneys } from '../../../lib/journey';
import type { JourneyOptions } from '../../../lib/journey';
import { Ingestor } from '../../../lib/journey/ingest';
import { resolveJourneyOptions } from '../../../lib/journey/options';
import { KEY_PREFIX, KeyKind } from '../../../lib/journey/store';

export const PSEUDONYM_SEED = 'warehouse-test-secret-0123456789';
const CHANNELS = ['email', 'paid_search', 'social', 'display', 'organic', null];
const FUNNEL = ['visit', 'view_item', 'add_to_cart', 'begin_checkout', 'purchase'];

/** Seeded events: 250 customers, 1-12 events each, whole-second times, some purchases with value. */
export function sampleEvents() {
	let s = 12345;
	const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
	const rows: EventRow[] = [];
	const start = Date.UTC(2026, 0, 1);
	for (let c = 0; c < 250; c++) {
		const n = 1 + Math.floor(rnd() * 12);
		let t = start + Math.floor(rnd() * 60) * 86_400_000;
		const consent = rnd() < 0.1 ? 'denied' : rnd() < 0.5 ? 'granted' : null;
		let depth = 0;
		for (let i = 0; i < n; i++) {
			t += Math.floor(rnd() * 5 * 86_400) * 1000;
			if (rnd() < 0.6 && depth < FUNNEL.length - 1) depth++;
			const event = i === 0 ? 'visit' : FUNNEL[depth];
			rows.push({
				customer_id: `u${c}`,
				ts: t,
				event,
				channel: CHANNELS[Math.floor(rnd() * CHANNELS.length)],
				value: event === 'purchase' ? Math.round(rnd() * 20000) / 100 : null,
				consent: i === 0 ? consent : null,
			});
		}
	}
	rows.push({ customer_id: null, ts: start, event: 'visit', channel: 'email', value: null, consent: null });
	return rows;
}

export type EventRow = {
	customer_id: string | null;
	ts: number | null;
	event: string | null;
	channel: string | null;
	value: number | null;
	consent: string | null;
	/** Read only by the runs with the e-mail and attribute columns. */
	email?: string | null;
	plan?: string | null;
	seats?: number | null;
	trial?: boolean | null;
};

export const DAY = 86_400_000;
export const QUOTED_CONVERSION = "sign'up\\now";

/**
 * Hand-made customers, one per behaviour the SQL computes (the latest time in the data is
 * 2026-04-01, the reference date): each is named by what it exercises.
 */
export function scenarioEvents(): EventRow[] {
	const t0 = Date.UTC(2026, 2, 1);
	const rows: EventRow[] = [];
	// Consent is granted unless a scenario says otherwise (some runs require it).
	const add = (id: string | null, day: number | null, event: string | null, channel: string | null, value: number | null = null, consent: string | null = 'granted') =>
		rows.push({ customer_id: id, ts: day === null ? null : t0 + Math.round(day * DAY), event, channel, value, consent });
	// A withheld consent on one id of a stitched customer drops the whole customer (as in-process).
	rows.push({ customer_id: 'dropA', ts: t0 + 23 * DAY, event: 'visit', channel: 'email', value: null, consent: null, email: 'drop@x.example' });
	rows.push({ customer_id: 'dropB', ts: t0 + 23.5 * DAY, event: 'visit', channel: 'email', value: null, consent: 'denied', email: 'DROP@x.example' });
	// Several conversions: counted twice, revenue summed, attribution at the first one.
	add('multi', 0, 'visit', 'email');
	add('multi', 0.1, 'view_item', 'email');
	add('multi', 0.2, 'purchase', 'paid_search', 50.25);
	add('multi', 1, 'purchase', 'paid_search', 30.5);
	add('multi', 2, 'visit', 'social');
	// The conversion window (10 days in some runs, 30 in others) cuts the early display run.
	add('window', -20, 'visit', 'display');
	add('window', -5, 'visit', 'email');
	add('window', 0, 'purchase', 'email', 99);
	// Runs: email email social email email NULL NULL -> email > social > email > other.
	[0, 1, 2, 3, 4, 5, 6].forEach((d, i) => add('runs', d, i % 2 ? 'view_item' : 'visit', ['email', 'email', 'social', 'email', 'email', null, null][i]));
	// Funnel steps out of order: the greedy match reaches begin_checkout only via the later events.
	add('order', 0, 'add_to_cart', 'organic');
	add('order', 1, 'view_item', 'organic');
	add('order', 2, 'visit', 'organic');
	add('order', 3, 'view_item', 'email');
	add('order', 4, 'add_to_cart', 'email');
	add('order', 5, 'begin_checkout', 'email');
	// One event in two consecutive steps (cart = add_to_cart or begin_checkout, then begin_checkout):
	// it advances one step only.
	add('overlap', 0, 'visit', 'display');
	add('overlap', 1, 'view_item', 'display');
	add('overlap', 2, 'begin_checkout', 'display');
	// Abandoned cart, inactive for a month: stalled.
	add('cart', 0, 'visit', 'social');
	add('cart', 1, 'view_item', 'social');
	add('cart', 2, 'add_to_cart', 'social');
	// E-mail trouble.
	add('mailer', 10, 'visit', 'email');
	add('mailer', 11, 'email_bounce', 'email');
	add('mailer', 12, 'unsubscribe', 'email');
	add('mailer', 12.5, 'email_complaint', 'email');
	// Consent: withheld on one row of several (dropped), granted twice, never stated.
	add('denied', 3, 'visit', 'email', null, null);
	add('denied', 4, 'purchase', 'email', 10, 'denied');
	add('granted', 3, 'visit', 'email', null, 'yes');
	add('granted', 4, 'purchase', 'display', 12, 'Granted ');
	add('silent', 5, 'visit', 'organic', null, null);
	// Duplicates: the same time and event twice; once on another channel with another value.
	add('dups', 6, 'visit', 'email');
	add('dups', 6, 'visit', 'email');
	add('dups', 7, 'purchase', 'social', 20);
	add('dups', 7, 'purchase', 'email', 5);
	// Ties at the same millisecond: ordered by event name (purchase before visit).
	add('ties', 8, 'visit', 'social');
	add('ties', 8, 'purchase', 'email', 7);
	// A conversion event whose name needs escaping in SQL.
	add('quoted', 9, 'visit', 'referral');
	add('quoted', 9.5, QUOTED_CONVERSION, 'referral');
	// Many events on one channel: one run.
	for (let i = 0; i < 200; i++) add('busy', 14 + i / 100, 'page_view', 'email');
	// The latest activity in the data.
	add('latest', 31, 'visit', 'organic');
	// E-mail stitching (read by the runs with the e-mail column), one link per row:
	const linked = (id: string, day: number, email: string | null, extra: Partial<EventRow> = {}) =>
		rows.push({ customer_id: id, ts: t0 + Math.round(day * DAY), event: 'visit', channel: 'email', value: null, consent: 'granted', email, ...extra });
	// A-x, B-y, B-x, C-z, A-z: one customer, rooted at A (seen first), whatever order the links come in.
	linked('chainA', 15, 'x@chain.example');
	linked('chainB', 15.1, 'y@chain.example');
	linked('chainB', 15.2, 'x@chain.example');
	linked('chainC', 15.3, 'z@chain.example');
	linked('chainA', 15.4, 'z@chain.example');
	// One e-mail on two ids, the later-named one seen first.
	linked('shareQ', 16, 'same@share.example');
	linked('shareP', 16.5, 'same@share.example');
	// Case and spaces do not matter; text without an @ is no e-mail, so it links nothing.
	linked('caseR', 17, '  Mixed.Case@Example.COM ');
	linked('caseS', 17.5, 'mixed.case@example.com');
	linked('noAtA', 18, 'nobody');
	linked('noAtB', 18.5, 'nobody');
	// A chain of 30 ids in a shuffled first-seen order (the SQL's rounds must settle it): id k links
	// e-mail k-1 and k, so the component's diameter is 29 links.
	const shuffled = Array.from({ length: 30 }, (_, k) => (k * 17) % 30);
	shuffled.forEach((k, i) => linked(`long${k}`, 19 + i / 100, `l${k}@long.example`));
	shuffled.forEach((k, i) => k > 0 && linked(`long${k}`, 19.5 + i / 100, `l${k - 1}@long.example`));
	// Attributes: the first value per customer wins (ids in first-seen order, then rows); values
	// with personal data or free text are replaced and counted on every row that carries them.
	linked('attrs', 20, null, { plan: null, seats: 3 });
	linked('attrs', 20.1, null, { plan: 'pro', trial: true });
	linked('attrs', 20.2, null, { plan: 'basic', seats: 5, trial: false });
	linked('attrPii', 21, 'pii@attrs.example', { plan: 'call me on jane.doe@mail.example' });
	linked('attrPii', 21.1, null, { plan: 'call me on jane.doe@mail.example' });
	linked('attrPii2', 21.2, 'pii@attrs.example', { plan: 'team', seats: 12 });
	linked('attrFree', 22, null, { plan: 'I would like a plan that fits my whole team and is cheap please' });
	linked('attrLong', 22.5, null, { plan: 'p'.repeat(201) });
	linked('attrLong', 22.6, null, { plan: 'short' });
	// Rows that cannot be used: no id, no time, no event.
	add(null, 1, 'visit', 'email');
	add('', 1, 'visit', 'email');
	add('no-time', null, 'visit', 'email');
	add('no-event', 2, null, 'email');
	return rows;
}

/**
 * In-process, events at the same millisecond keep their input order; in SQL they are ordered by
 * event name, then channel, then value (then customer id, by which ids are first seen). Feeding
 * the in-process mode the rows in that order makes both see the same sequence.
 */
export function inSqlTieOrder(rows: EventRow[]): EventRow[] {
	const key = (s: string | null) => s ?? '';
	return [...rows].sort(
		(a, b) =>
			(a.ts ?? Infinity) - (b.ts ?? Infinity) ||
			(key(a.event) < key(b.event) ? -1 : key(a.event) > key(b.event) ? 1 : 0) ||
			(key(a.channel ?? 'other') < key(b.channel ?? 'other') ? -1 : key(a.channel ?? 'other') > key(b.channel ?? 'other') ? 1 : 0) ||
			(a.value ?? Infinity) - (b.value ?? Infinity) ||
			(key(a.customer_id) < key(b.customer_id) ? -1 : key(a.customer_id) > key(b.customer_id) ? 1 : 0),
	);
}

/** The events table's columns, as Build SQL is told them. */
export const SCENARIO_COLUMNS = { customerId: 'customer_id', timestamp: 'event_time', event: 'event_name', channel: 'medium', value: 'revenue', consent: 'consent' };
/** With the e-mail and attribute columns, and the in-process mapping's fields for them. */
export const STITCH_COLUMNS = { ...SCENARIO_COLUMNS, email: 'email', attributes: ['plan', 'seats', 'trial'] };
export const STITCH_MAPPING = { email: 'email', attributes: ['plan', 'seats', 'trial'] };

/** The in-process mode on the events (the custom mapping of their own field names, plus `extra`). */
export function inProcessJourneys(events: EventRow[], opts: JourneyOptions, extra: { email?: string; attributes?: string[] } = {}) {
	return mapJourneys(
		events.map((e) => ({ ...e, ts: e.ts === null ? null : new Date(e.ts).toISOString() })),
		{ ...opts, source: 'custom', mapping: { customerId: 'customer_id', timestamp: 'ts', event: 'event', channel: 'channel', value: 'value', consent: 'consent', ...extra } },
	);
}

export type Result = ReturnType<typeof mapJourneys>;
type Attribution = Result['journeyMap']['attribution'] & { markovConversionProbability: number };
export const byId = (a: { customerId: string }, b: { customerId: string }) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);
/** Every journey field and every journey-map field equal; attribution credits to rounding (sums in another customer order). */
export function expectSameResults(warehouse: Result, local: Result) {
	expect([...warehouse.journeys].sort(byId)).toEqual([...local.journeys].sort(byId));
	const { attribution: wa, ...wMap } = warehouse.journeyMap as typeof warehouse.journeyMap & { attribution: Attribution };
	const { attribution: la, ...lMap } = local.journeyMap as typeof local.journeyMap & { attribution: Attribution };
	expect(wMap).toEqual(lMap);
	const { models: wModels, markovRemovalEffects: wEffects, markovConversionProbability: wp, ...wRest } = wa;
	const { models: lModels, markovRemovalEffects: lEffects, markovConversionProbability: lp, ...lRest } = la;
	expect(wRest).toEqual(lRest);
	expect(wp).toBeCloseTo(lp, 9);
	const close = (a: Record<string, number> | undefined, b: Record<string, number> | undefined) => {
		if (a === undefined || b === undefined) throw new Error('a model is missing');
		expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
		for (const k of Object.keys(b)) expect(a[k]).toBeCloseTo(b[k], 9);
	};
	expect(Object.keys(lModels).sort()).toEqual(['firstTouch', 'lastTouch', 'linear', 'markov', 'positionBased', 'timeDecay']);
	for (const model of Object.keys(lModels) as (keyof typeof lModels)[]) close(wModels[model], lModels[model]);
	close(wEffects, lEffects);
}

export const FUNNEL_STEPS = ['visit', 'view_item', 'add_to_cart', 'begin_checkout', 'purchase'];
export const variants: [string, JourneyOptions][] = [
	[
		'ids pseudonymized (in SQL where the dialect can hash), Markov order 1, 30-day window, a conversion event needing escapes',
		{ secret: PSEUDONYM_SEED, markovOrder: 1, funnelSteps: FUNNEL_STEPS, conversionEvents: ['purchase', QUOTED_CONVERSION] },
	],
	[
		'ids kept, Markov order 2, 10-day window, consent required, funnel steps with several events',
		{
			pseudonymize: false,
			markovOrder: 2,
			conversionWindowDays: 10,
			requireConsent: true,
			stalledAfterDays: 20,
			funnelSteps: [{ name: 'visit', events: ['visit', 'page_view'] }, 'view_item', { name: 'cart', events: ['add_to_cart', 'begin_checkout'] }, 'begin_checkout', 'purchase'],
		},
	],
	['the default options (default funnel and conversions), Markov order 2', { secret: PSEUDONYM_SEED, markovOrder: 2 }],
];

/** One `src` row: the boundary the rest of the warehouse SQL reads. */
export interface SrcRow {
	cid: string | null;
	ms: number | null;
	ev: string | null;
	ch: string | null;
	val: number | null;
	consent: string | null;
	txn: string | null;
}

export type Rec = Record<string, unknown>;

/**
 * What the in-process reader derives from the records, as `src` rows: the customer key from the
 * in-process identity resolution (each record's journey), the event's own channel, else its
 * session's first channel (events of a customer's session in time, then input, order), else NULL.
 */
export function inProcessSrc(
	records: readonly Rec[],
	options: JourneyOptions,
): { rows: SrcRow[]; rejected: number } {
	const opts = { ...options, pseudonymize: false };
	const result = mapJourneys(records, opts);
	const cidOfRecord = new Map<number, string>();
	result.journeyRecords.forEach((list, j) =>
		list.forEach((i) => cidOfRecord.set(i, result.journeys[j].customerId)),
	);
	const ing = new Ingestor(resolveJourneyOptions(opts), records.length);
	let rejected = 0;
	records.forEach((r, i) => {
		if (ing.ingest(r, i) !== null) rejected++;
	});
	const ev = ing.events;
	const events = Array.from({ length: ev.size }, (_, e) => e).map((e) => {
		const record = ev.record[e];
		// A customer dropped for withheld consent has no journey: its custom id is its own root key.
		const root = ing.crmRoot(ing.recordKey[record]);
		const cid =
			cidOfRecord.get(record) ??
			(ing.keys.kind[root] === KeyKind.Custom
				? `${KEY_PREFIX[KeyKind.Custom]}:${ing.keys.raw[root]}`
				: undefined);
		if (cid === undefined) throw new Error(`record ${record} is in no journey`);
		return { e, record, cid, ts: ev.ts[e], session: ev.session[e], own: ev.channel[e] };
	});
	const sessionChannel = new Map<string, number>();
	for (const x of [...events].sort((a, b) => a.ts - b.ts || a.record - b.record)) {
		if (Number.isNaN(x.session) || x.own < 0) continue;
		const key = `${x.cid}\u0000${x.session}`;
		if (!sessionChannel.has(key)) sessionChannel.set(key, x.own);
	}
	const rows = events.map((x): SrcRow => {
		const channel =
			x.own >= 0
				? x.own
				: Number.isNaN(x.session)
					? -1
					: (sessionChannel.get(`${x.cid}\u0000${x.session}`) ?? -1);
		const record = records[x.record];
		return {
			cid: x.cid,
			ms: Math.floor(x.ts),
			ev: ing.eventNames.values[ev.event[x.e]],
			ch: channel >= 0 ? ing.channels.values[channel] : null,
			val: Number.isNaN(ev.value[x.e]) ? null : ev.value[x.e],
			// The raw consent value of the record (custom mapping); GA4 records carry none in-process.
			consent: options.mapping?.consent
				? ((record[options.mapping.consent] as string | null | undefined) ?? null)
				: null,
			txn: ev.txn[x.e] >= 0 ? ing.txns.values[ev.txn[x.e]] : null,
		};
	});
	return { rows, rejected };
}

const srcKey = (r: SrcRow) => JSON.stringify([r.cid, r.ms, r.ev, r.ch, r.val, r.consent, r.txn]);
const sorted = (rows: SrcRow[]) => rows.map(srcKey).sort();

/** A `src` row as a database client returns it (times may be 64-bit integer text). */
export function toSrcRow(r: Record<string, unknown>): SrcRow {
	return {
		cid: r.cid as string | null,
		ms: r.ms === null ? null : Number(r.ms),
		ev: r.ev as string | null,
		ch: r.ch as string | null,
		val: r.val as number | null,
		consent: r.consent as string | null,
		txn: r.txn as string | null,
	};
}

/**
 * Usable `src` rows (a customer, a time and an event name, as the facts SQL keeps them) compared
 * with the in-process events of the records; unusable ones counted as its rejections.
 */
export function expectSrcOfInProcess(rows: SrcRow[], records: readonly Rec[], options: JourneyOptions): SrcRow[] {
	const usable = rows.filter((r) => r.cid !== null && r.ms !== null && r.ev !== null && r.ev !== '');
	const local = inProcessSrc(records, options);
	expect(rows.length).toBe(records.length);
	expect(rows.length - usable.length).toBe(local.rejected);
	expect(sorted(usable)).toEqual(sorted(local.rows));
	return usable;
}

const T0 = Date.UTC(2026, 5, 1, 12) * 1000;
export const s = (sec: number) => String(T0 + sec * 1_000_000 + 123);
const params = (...entries: [string, Rec][]) => entries.map(([k, value]) => ({ key: k, value }));
const session = (id: number | string) =>
	['ga_session_id', typeof id === 'number' ? { int_value: String(id) } : { string_value: id }] as [
		string,
		Rec,
	];

/** Hand-made GA4 export rows, one per rule the SQL must follow (warehouseSources.test.ts checks each by hand). */
export const EDGE: Rec[] = [
	// Stitching: a web id takes the user_id it is first seen with; sessions inherit their first channel.
	{
		event_name: 'session_start',
		event_timestamp: s(0),
		user_pseudo_id: 'w1',
		user_id: null,
		event_params: params(session(1)),
		collected_traffic_source: { manual_source: 'google', manual_medium: 'cpc' },
	},
	{
		event_name: 'login',
		event_timestamp: s(10),
		user_pseudo_id: 'w1',
		user_id: 'u1',
		event_params: params(session(1)),
		collected_traffic_source: null,
		// The first event of the key user:u1: its device and country are the customer's.
		device: { category: 'desktop' },
		geo: { country: 'NL' },
	},
	{
		event_name: 'page_view',
		event_timestamp: s(20),
		user_pseudo_id: 'w1',
		user_id: null,
		event_params: params(
			session(2),
			['source', { string_value: 'newsletter' }],
			['medium', { string_value: 'Email' }],
		),
	},
	// The same user on a second web id, with the same ga_session_id: another session (3 in all).
	// Not the first event of user:u1, so its device is not the customer's.
	{ event_name: 'page_view', event_timestamp: s(30), user_pseudo_id: 'w8', user_id: 'u1', event_params: params(session(1)), device: { category: 'tablet' } },
	// A web id seen with two user_ids: the first wins for its anonymous events; the second keeps its own.
	{
		event_name: 'login',
		event_timestamp: s(100),
		user_pseudo_id: 'w2',
		user_id: 'u2',
		event_params: params(session(7)),
	},
	{
		event_name: 'login',
		event_timestamp: s(110),
		user_pseudo_id: 'w2',
		user_id: 'u3',
		event_params: params(session(7)),
		device: { category: 'mobile' },
		geo: { country: 'call +1 415 555 0100' },
	},
	// And a third user_id on the same web id: a second conflict.
	{ event_name: 'login', event_timestamp: s(115), user_pseudo_id: 'w2', user_id: 'u4', event_params: params(session(8)) },
	{
		event_name: 'page_view',
		event_timestamp: s(120),
		user_pseudo_id: 'w2',
		user_id: null,
		event_params: params(session(7)),
	},
	// Anonymous: an event before its session's first channel still takes it; no channel anywhere: NULL.
	{
		event_name: 'page_view',
		event_timestamp: s(200),
		user_pseudo_id: 'w3',
		event_params: params(session(5)),
	},
	{
		event_name: 'session_start',
		event_timestamp: s(201),
		user_pseudo_id: 'w3',
		event_params: params(session(5)),
		collected_traffic_source: { manual_source: 'Instagram.com', manual_medium: ' Referral ' },
	},
	{
		event_name: 'page_view',
		event_timestamp: s(300),
		user_pseudo_id: 'w3',
		event_params: params(session('6')),
	},
	{ event_name: 'scroll', event_timestamp: s(301), user_pseudo_id: 'w3', event_params: [] },
	// The same ga_session_id on another web id is another session.
	{
		event_name: 'page_view',
		event_timestamp: s(302),
		user_pseudo_id: 'w4',
		event_params: params(session(5)),
	},
	// A repeated param: the later entry wins (bing/cpc is paid search; facebook/cpc would be paid social).
	{
		event_name: 'page_view',
		event_timestamp: s(400),
		user_pseudo_id: 'w5',
		event_params: params(
			['source', { string_value: 'facebook' }],
			['medium', { string_value: 'cpc' }],
			['source', { string_value: 'bing' }],
		),
	},
	// collected_traffic_source wins over the params when it has a source or medium, even only one.
	{
		event_name: 'page_view',
		event_timestamp: s(401),
		user_pseudo_id: 'w5',
		event_params: params(
			['source', { string_value: 'mail' }],
			['medium', { string_value: 'email' }],
		),
		collected_traffic_source: { manual_medium: 'organic' },
	},
	{
		event_name: 'page_view',
		event_timestamp: s(402),
		user_pseudo_id: 'w5',
		event_params: params(['medium', { string_value: 'Weird Medium!!' }]),
		collected_traffic_source: { manual_source: null, manual_medium: null },
	},
	// A number where the reader wants text is no source or medium (a typed STRING column holds it as text).
	{
		event_name: 'page_view',
		event_timestamp: s(403),
		user_pseudo_id: 'w5',
		event_params: params(['source', { string_value: 'newsletter' }], ['medium', { string_value: 'email' }]),
		collected_traffic_source: { manual_source: null, manual_medium: 42 },
	},
	// Value and transaction.
	{
		event_name: 'purchase',
		event_timestamp: s(500),
		user_pseudo_id: 'w6',
		user_id: 'u6',
		ecommerce: { transaction_id: 'T1', purchase_revenue: 12.5 },
		event_params: params(['value', { double_value: 99 }]),
	},
	{
		event_name: 'purchase',
		event_timestamp: s(501),
		user_pseudo_id: 'w6',
		user_id: 'u6',
		ecommerce: { transaction_id: '(not set)', purchase_revenue: null, purchase_revenue_in_usd: 9 },
	},
	{
		event_name: 'add_to_cart',
		event_timestamp: s(502),
		user_pseudo_id: 'w6',
		user_id: 'u6',
		event_params: params(['value', { string_value: null, int_value: '7', double_value: null }]),
	},
	{
		event_name: 'purchase',
		event_timestamp: s(503),
		user_pseudo_id: 'w6',
		user_id: 'u6',
		ecommerce: { transaction_id: 4711, purchase_revenue: 'abc' },
		event_params: params(['value', { float_value: 3 }]),
	},
	// Rejected in-process, so not usable in SQL either: no event name, empty name, no time, no id.
	{ event_name: null, event_timestamp: s(600), user_pseudo_id: 'w7' },
	{ event_name: '', event_timestamp: s(601), user_pseudo_id: 'w7' },
	{ event_name: 'page_view', event_timestamp: null, user_pseudo_id: 'w7' },
	{ event_name: 'page_view', event_timestamp: s(603), user_pseudo_id: null, user_id: null },
];

/** Sources and mediums of every kind the rule table (SOURCE_MEDIUM_RULES) tells apart. */
export const RULE_SOURCES = [
	'(direct)',
	'google',
	' Facebook ',
	'fb',
	't.co',
	'bing',
	'',
	'IG',
	'kitchenblog.example',
];
export const RULE_MEDIUMS = [
	'(none)',
	'',
	'(not set)',
	'(data deleted)',
	'cpc',
	' CPC ',
	'Referral',
	'email',
	'my_email_blast',
	'paid-social',
	'social',
	'Paid Social Ads',
	'social-network',
	'organic',
	'display',
	'affiliates',
	'none',
	'newsletter',
	'sm',
	'Weird Medium!!',
	'ppc',
	'banner',
];

/** Channel names for normaliseChannel: case, separators, Unicode, the 60-character cut. */
export const CHANNEL_NAMES = [
	'Paid Search',
	'  E-Mail  ',
	'',
	'---',
	'__a__b__',
	'Ünïcode Café',
	'a'.repeat(70),
	`${'x'.repeat(59)}-y`,
	'UPPER_case-9',
];
