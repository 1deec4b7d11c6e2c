import type { JourneyOptions } from '../../../lib/journey';
import { mapJourneys } from '../../../lib/journey';
import { channelFromSourceMedium, normaliseChannel } from '../../../lib/journey/channels';
import { buildWarehouseSql, DIALECTS, fromAggregates, SOURCE_COLUMNS, sourceSelect } from '../../../lib/journey/warehouse';
import type { SourceOptions, WarehouseCustomerRow } from '../../../lib/journey/warehouse';
import {
	normaliseChannelSql,
	sourceAttributes,
	sourceMediumChannelSql,
} from '../../../lib/journey/warehouse/sources';
import { generateSampleData } from '../../../lib/sample';
import {
	CHANNEL_NAMES,
	EDGE,
	expectSrcOfInProcess,
	type Rec,
	RULE_MEDIUMS,
	RULE_SOURCES,
	s,
	type SrcRow,
	toSrcRow,
} from './warehouseScenarios';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startPostgres } = require('../../support/services.js');
type PgClientModule = typeof import('../../support/pg-client');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { connectWhenReady } = require('../../support/pg-client.js') as PgClientModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGa4Table, seededGa4 } = require('../../support/ga4-export.js') as typeof import('../../support/ga4-export');

const pg = DIALECTS.postgres;

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
		return res.rows.map(toSrcRow);
	}

	/** The table's `src` rows against the in-process reader (see expectSrcOfInProcess). */
	async function expectSameAsInProcess(
		options: SourceOptions,
		records: Rec[],
		journeyOptions: JourneyOptions,
	) {
		return expectSrcOfInProcess(await src(options), records, journeyOptions);
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
		it('classifies every source/medium pair as channelFromSourceMedium does', async () => {
			const pairs = RULE_SOURCES.flatMap((so) => RULE_MEDIUMS.map((me) => [so, me]));
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
			const res = await client.query(
				`SELECT n, ${normaliseChannelSql(pg, 'n')} AS ch FROM UNNEST($1::text[]) AS g(n)`,
				[CHANNEL_NAMES],
			);
			expect(res.rows.map((r) => r.ch)).toEqual(CHANNEL_NAMES.map((n) => normaliseChannel(n)));
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
