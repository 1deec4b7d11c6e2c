import { mapJourneys } from '../../../lib/journey';
import type { JourneyOptions } from '../../../lib/journey';
import { channelFromSourceMedium, normaliseChannel } from '../../../lib/journey/channels';
import { Ingestor } from '../../../lib/journey/ingest';
import { resolveJourneyOptions } from '../../../lib/journey/options';
import { KEY_PREFIX, KeyKind } from '../../../lib/journey/store';
import { buildWarehouseSql, DIALECTS, fromAggregates, SOURCE_COLUMNS, sourceSelect } from '../../../lib/journey/warehouse';
import type { SourceOptions, WarehouseCustomerRow } from '../../../lib/journey/warehouse';
import {
	normaliseChannelSql,
	sourceAttributes,
	sourceMediumChannelSql,
} from '../../../lib/journey/warehouse/sources';
import { generateSampleData } from '../../../lib/sample';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startPostgres } = require('../../support/services.js');
type PgClientModule = typeof import('../../support/pg-client');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { connectWhenReady } = require('../../support/pg-client.js') as PgClientModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGa4Table, seededGa4 } = require('../../support/ga4-export.js') as typeof import('../../support/ga4-export');

/** One `src` row: the boundary the rest of the warehouse SQL reads. */
interface SrcRow {
	cid: string | null;
	ms: number | null;
	ev: string | null;
	ch: string | null;
	val: number | null;
	consent: string | null;
	txn: string | null;
}

type Rec = Record<string, unknown>;
const pg = DIALECTS.postgres;

/**
 * What the in-process reader derives from the records, as `src` rows: the customer key from the
 * in-process identity resolution (each record's journey), the event's own channel, else its
 * session's first channel (events of a customer's session in time, then input, order), else NULL.
 */
function inProcessSrc(
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

const key = (r: SrcRow) => JSON.stringify([r.cid, r.ms, r.ev, r.ch, r.val, r.consent, r.txn]);
const sorted = (rows: SrcRow[]) => rows.map(key).sort();

const T0 = Date.UTC(2026, 5, 1, 12) * 1000;
const s = (sec: number) => String(T0 + sec * 1_000_000 + 123);
const params = (...entries: [string, Rec][]) => entries.map(([k, value]) => ({ key: k, value }));
const session = (id: number | string) =>
	['ga_session_id', typeof id === 'number' ? { int_value: String(id) } : { string_value: id }] as [
		string,
		Rec,
	];

/** Hand-made GA4 export rows, one per rule the SQL must follow (see the expectations below). */
const EDGE: Rec[] = [
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

describe('The warehouse SQL source (src) on a real PostgreSQL equals the in-process reader', () => {
	jest.setTimeout(120_000);
	let server: {
		host: string;
		port: number;
		user: string;
		password: string;
		database: string;
		stop(): Promise<void>;
	};
	let client: Awaited<ReturnType<typeof connectWhenReady>>;
	const seeded = seededGa4(20261202, 400);
	const sample = generateSampleData({ seed: 11, customers: 120, sources: ['ga4'] })
		.records as Rec[];

	async function load(table: string, rows: Rec[]) {
		await client.query(
			`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
			[JSON.stringify(rows)],
		);
	}

	async function src(options: SourceOptions): Promise<SrcRow[]> {
		const res = await client.query(
			`WITH src AS (\n${sourceSelect('postgres', options)}\n) SELECT * FROM src`,
		);
		expect(res.fields.map((f) => f.name)).toEqual([
			...SOURCE_COLUMNS,
			...sourceAttributes(options).map((_, i) => `a${i + 1}`),
		]);
		return res.rows.map((r) => ({
			cid: r.cid as string | null,
			ms: r.ms === null ? null : Number(r.ms),
			ev: r.ev as string | null,
			ch: r.ch as string | null,
			val: r.val as number | null,
			consent: r.consent as string | null,
			txn: r.txn as string | null,
		}));
	}

	/**
	 * Usable rows (a customer, a time and an event name, as the facts SQL keeps them) compared with
	 * the in-process events; unusable ones counted as its rejections.
	 */
	async function expectSameAsInProcess(
		options: SourceOptions,
		records: Rec[],
		journeyOptions: JourneyOptions,
	) {
		const rows = await src(options);
		const usable = rows.filter((r) => r.cid !== null && r.ms !== null && r.ev !== null && r.ev !== '');
		const local = inProcessSrc(records, journeyOptions);
		expect(rows.length).toBe(records.length);
		expect(rows.length - usable.length).toBe(local.rejected);
		expect(sorted(usable)).toEqual(sorted(local.rows));
		return usable;
	}

	beforeAll(async () => {
		server = await startPostgres();
		client = await connectWhenReady({
			host: server.host,
			port: server.port,
			user: server.user,
			password: server.password,
			database: server.database,
		});
		await createGa4Table(client, 'ga4_sample', sample);
		await createGa4Table(client, 'ga4_edge', EDGE);
		await createGa4Table(client, 'ga4_seeded', seeded);
	});

	afterAll(async () => {
		await client?.end();
		await server?.stop();
	});

	describe('GA4 export (JSONB columns of the export shape)', () => {
		it('gives the in-process customer, time, event, channel, value, consent and transaction of every sample event', async () => {
			const usable = await expectSameAsInProcess(
				{ source: 'ga4Export', table: 'ga4_sample' },
				sample,
				{ source: 'ga4' },
			);
			expect(usable.length).toBeGreaterThan(2000);
			// The sample covers what the rules are about: stitched web ids, anonymous ones, inherited channels.
			expect(usable.some((r) => r.cid?.startsWith('user:'))).toBe(true);
			expect(usable.some((r) => r.cid?.startsWith('ga4:'))).toBe(true);
			expect(new Set(usable.map((r) => r.ch)).size).toBeGreaterThan(4);
			expect(
				usable.filter((r) => r.txn !== null).every((r) => r.ev === 'purchase' && r.val !== null),
			).toBe(true);
			expect(usable.every((r) => r.consent === null)).toBe(true);
		});

		it('gives the in-process rows for seeded rows of every kind the reader handles', async () => {
			const usable = await expectSameAsInProcess(
				{ source: 'ga4Export', table: 'ga4_seeded' },
				seeded,
				{ source: 'ga4' },
			);
			expect(usable.length).toBeGreaterThan(1000);
			expect(usable.filter((r) => r.ch === null).length).toBeGreaterThan(0);
			expect(new Set(usable.map((r) => r.ch)).size).toBeGreaterThan(8);
			// The data has what stitching is about: web ids with two users, users with two web ids.
			const pairs = new Set(
				seeded.filter((r) => r.user_id).map((r) => `${r.user_pseudo_id}|${r.user_id}`),
			);
			const count = (i: number) => {
				const seen = new Map<string, number>();
				for (const p of pairs) seen.set(p.split('|')[i], (seen.get(p.split('|')[i]) ?? 0) + 1);
				return [...seen.values()].filter((n) => n > 1).length;
			};
			expect([count(0) > 0, count(1) > 0]).toEqual([true, true]);
		});

		it('gives the in-process rows for the hand-made edge cases', async () => {
			await expectSameAsInProcess({ source: 'ga4Export', table: 'ga4_edge' }, EDGE, {
				source: 'ga4',
			});
		});

		it('follows each GA4 rule (hand-checked expectations)', async () => {
			const rows = await src({ source: 'ga4Export', table: 'ga4_edge' });
			const at = (sec: number) => {
				const ms = Math.floor(Number(s(sec)) / 1000);
				const found = rows.filter((r) => r.ms === ms);
				expect(found).toHaveLength(1);
				return found[0];
			};
			// Stitching and session inheritance.
			expect(at(0)).toMatchObject({ cid: 'user:u1', ch: 'paid_search', ev: 'session_start' });
			expect(at(10)).toMatchObject({ cid: 'user:u1', ch: 'paid_search' });
			expect(at(20)).toMatchObject({ cid: 'user:u1', ch: 'email' });
			expect([at(100).cid, at(110).cid, at(120).cid]).toEqual(['user:u2', 'user:u3', 'user:u2']);
			expect(at(200)).toMatchObject({ cid: 'ga4:w3', ch: 'organic_social' });
			expect([at(300).ch, at(301).ch, at(302).ch]).toEqual([null, null, null]);
			// Params: the later entry wins; collected_traffic_source first; unknown mediums normalised.
			expect([at(400).ch, at(401).ch, at(402).ch]).toEqual([
				'paid_search',
				'organic_search',
				'weird_medium',
			]);
			// Values and transactions.
			expect(at(500)).toMatchObject({ val: 12.5, txn: 'T1' });
			expect(at(501)).toMatchObject({ val: 9, txn: null });
			expect(at(502)).toMatchObject({ val: 7, txn: null });
			expect(at(503)).toMatchObject({ val: 3, txn: '4711' });
			// Unusable rows stay in src with no event name (keeping their customer), no customer or no time.
			expect([at(600), at(601)].map((r) => [r.cid, r.ev])).toEqual([
				['ga4:w7', null],
				['ga4:w7', null],
			]);
			expect(at(603).cid).toBeNull();
			expect(rows.filter((r) => r.ms === null)).toHaveLength(1);
		});
	});

	describe('GA4 facts: sessions, attributes and identity conflicts', () => {
		/** Journeys and map from the whole warehouse SQL on `table`, with ids kept. */
		async function pushedDown(table: string) {
			const journey = { source: 'ga4' as const, pseudonymize: false };
			const sql = buildWarehouseSql({ dialect: 'postgres', source: 'ga4Export', table, pseudonymize: false, journey });
			const rows = (await client.query(sql.query)).rows as unknown as WarehouseCustomerRow[];
			return fromAggregates(rows, { ...journey, pseudonymizedInSql: false });
		}
		const facts = (r: ReturnType<typeof mapJourneys>) =>
			r.journeys
				.map((j) => [j.customerId, (j as unknown as { sessions: number }).sessions, j.attributes, j.touchpoints])
				.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
		const counts = (r: ReturnType<typeof mapJourneys>) => ({
			identityConflicts: (r.journeyMap.counts as Record<string, unknown>).identityConflicts,
			privacy: r.journeyMap.privacy,
		});

		it.each([
			['the hand-made edge cases', 'ga4_edge', () => EDGE],
			['the seeded rows', 'ga4_seeded', () => seeded],
			['the sample', 'ga4_sample', () => sample],
		] as const)('gives the in-process sessions, attributes and conflict count on %s', async (_what, table, records) => {
			const warehouse = await pushedDown(table);
			const local = mapJourneys(records(), { source: 'ga4', pseudonymize: false });
			expect(facts(warehouse)).toEqual(facts(local));
			expect(counts(warehouse)).toEqual(counts(local));
		});

		it('counts them as hand-checked on the edge cases', async () => {
			const { journeys, journeyMap } = await pushedDown('ga4_edge');
			const j = (id: string) => journeys.find((x) => x.customerId === id) as (typeof journeys)[number] & { sessions: number };
			expect(j('user:u1')).toMatchObject({ sessions: 3, attributes: { device: 'desktop', country: 'NL' } });
			expect(j('user:u3')).toMatchObject({ sessions: 1, attributes: { device: 'mobile', country: '[phone removed]' } });
			expect(j('ga4:w3').sessions).toBe(2);
			expect((journeyMap.counts as Record<string, unknown>).identityConflicts).toBe(2);
			expect(journeyMap.privacy?.redactedByField).toEqual({ country: { phone: 1 } });
		});
	});

	describe('custom mapping (flat columns)', () => {
		const mapping = {
			customerId: 'customer_id',
			timestamp: 'ts',
			event: 'event',
			channel: 'channel',
			value: 'value',
			consent: 'consent',
		};
		const base = Date.UTC(2026, 2, 1);
		const records: Rec[] = [
			{
				customer_id: 'a',
				ts: base,
				event: 'visit',
				channel: 'Paid Search',
				value: null,
				consent: 'granted',
			},
			{
				customer_id: 'a',
				ts: base + 1000,
				event: 'visit',
				channel: '  E-Mail  ',
				value: 5,
				consent: null,
			},
			{
				customer_id: 'a',
				ts: base + 2000,
				event: 'buy',
				channel: null,
				value: 10.25,
				consent: 'denied',
			},
			{
				customer_id: 'b',
				ts: base + 3000,
				event: 'visit',
				channel: '',
				value: null,
				consent: null,
			},
			{
				customer_id: 'b',
				ts: base + 4000,
				event: 'visit',
				channel: '---',
				value: null,
				consent: null,
			},
			{
				customer_id: 'b',
				ts: base + 5000,
				event: 'visit',
				channel: `${'x'.repeat(59)}-yz${'w'.repeat(10)}`,
				value: null,
				consent: null,
			},
			{
				customer_id: 'c',
				ts: base + 6000,
				event: 'visit',
				channel: 'Ünïcode Café',
				value: null,
				consent: null,
			},
			// Rejected in-process: no id, empty id, no event, no time, a time outside 1990..2200.
			{ customer_id: null, ts: base, event: 'visit', channel: 'email', value: null, consent: null },
			{ customer_id: '', ts: base, event: 'visit', channel: 'email', value: null, consent: null },
			{ customer_id: 'd', ts: base, event: null, channel: 'email', value: null, consent: null },
			{ customer_id: 'd', ts: null, event: 'visit', channel: 'email', value: null, consent: null },
			{
				customer_id: 'd',
				ts: Date.UTC(1985, 0, 1),
				event: 'visit',
				channel: 'email',
				value: null,
				consent: null,
			},
		];

		beforeAll(async () => {
			await client.query(
				'CREATE TABLE flat_ms (customer_id TEXT, ts BIGINT, event TEXT, channel TEXT, value NUMERIC, consent TEXT)',
			);
			await client.query(
				'CREATE TABLE flat_ts (customer_id TEXT, ts TIMESTAMPTZ, event TEXT, channel TEXT, value NUMERIC, consent TEXT)',
			);
			await load('flat_ms', records);
			await load(
				'flat_ts',
				records.map((r) => ({
					...r,
					ts: r.ts === null ? null : new Date(r.ts as number).toISOString(),
				})),
			);
		});

		it.each([
			['epoch milliseconds', 'flat_ms', 'millis'],
			['a timestamp column', 'flat_ts', 'timestamp'],
		] as const)('gives the in-process rows (%s)', async (_what, table, unit) => {
			const usable = await expectSameAsInProcess(
				{ table, columns: mapping, timestampUnit: unit },
				records,
				{ source: 'custom', mapping },
			);
			expect(usable.map((r) => r.cid)).toContain('custom:a');
			expect(usable.every((r) => r.txn === null)).toBe(true);
		});

		it('gives `event` and `other` when the table has no event or channel column, as in-process', async () => {
			const only = { customerId: 'customer_id', timestamp: 'ts' };
			const rows = await src({ table: 'flat_ms', columns: only, timestampUnit: 'millis' });
			expect(
				new Set(rows.filter((r) => r.cid !== null && r.ms !== null).map((r) => `${r.ev}/${r.ch}`)),
			).toEqual(new Set(['event/other']));
			await expectSameAsInProcess(
				{ table: 'flat_ms', columns: only, timestampUnit: 'millis' },
				records,
				{ source: 'custom', mapping: only },
			);
		});
	});

	describe('the SQL rules come from the in-process rule tables', () => {
		const sources = [
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
		const mediums = [
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

		it('classifies every source/medium pair as channelFromSourceMedium does', async () => {
			const pairs = sources.flatMap((so) => mediums.map((me) => [so, me]));
			const sql = sourceMediumChannelSql(
				pg,
				`LOWER(${pg.trimSpace('s')})`,
				`LOWER(${pg.trimSpace('m')})`,
			);
			const res = await client.query(
				`SELECT s, m, ${sql} AS ch FROM UNNEST($1::text[], $2::text[]) AS g(s, m)`,
				[pairs.map((p) => p[0]), pairs.map((p) => p[1])],
			);
			expect(res.rows.map((r) => [r.s, r.m, r.ch])).toEqual(
				pairs.map(([so, me]) => [so, me, channelFromSourceMedium(so, me)]),
			);
		});

		it('normalises channel names as normaliseChannel does', async () => {
			const names = [
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
			const res = await client.query(
				`SELECT n, ${normaliseChannelSql(pg, 'n')} AS ch FROM UNNEST($1::text[]) AS g(n)`,
				[names],
			);
			expect(res.rows.map((r) => r.ch)).toEqual(names.map((n) => normaliseChannel(n)));
		});
	});

	describe('validation', () => {
		it('refuses table and column names that are not plain identifiers, and unknown sources', () => {
			expect(() =>
				sourceSelect('postgres', {
					table: 'events; DROP TABLE x',
					columns: { customerId: 'a', timestamp: 'b' },
				}),
			).toThrow('table "events; DROP TABLE x" is not a plain column or table name');
			expect(() => sourceSelect('postgres', { source: 'ga4Export', table: 'a.b.c.d' })).toThrow(
				'has more than three parts',
			);
			expect(() =>
				sourceSelect('postgres', {
					table: 't',
					columns: { customerId: 'a', timestamp: 'b', value: 'v"' },
				}),
			).toThrow('value column "v"" is not a plain column or table name');
			expect(() => sourceSelect('postgres', { table: 't' })).toThrow(
				'columns.customerId and columns.timestamp are required',
			);
			expect(() => sourceSelect('postgres', { source: 'hubspot' as 'custom', table: 't' })).toThrow(
				'unknown source "hubspot" (use custom or ga4Export)',
			);
		});

		it('accepts BigQuery project ids with dashes and wildcard tables, only in BigQuery', () => {
			expect(
				sourceSelect('bigquery', {
					source: 'ga4Export',
					table: 'my-project.analytics_123.events_*',
				}),
			).toContain('FROM `my-project.analytics_123.events_*`');
			expect(() =>
				sourceSelect('postgres', { source: 'ga4Export', table: 'analytics.events_*' }),
			).toThrow('is not a plain column or table name');
		});
	});
});
