/**
 * The BigQuery and Snowflake SQL, as buildWarehouseSql writes it, EXECUTED on DuckDB (in memory, no
 * server) and compared with the in-process mode on the scenarios the PostgreSQL tests use. DuckDB
 * is neither warehouse: it runs the dialects' shared subset, with the dialect functions DuckDB lacks
 * as macros and a few mechanical rewrites, each listed and documented in
 * test/support/duckdb-dialects.js. What stays outside is only parse-checked (warehouseParse.test.ts).
 */
import { mapJourneys } from '../../../lib/journey';
import type { JourneyMap } from '../../../lib/contracts';
import type { JourneyOptions } from '../../../lib/journey';
import { channelFromSourceMedium, normaliseChannel } from '../../../lib/journey/channels';
import {
	buildWarehouseSql,
	DIALECTS,
	fromAggregates,
	SOURCE_COLUMNS,
	sourceSelect,
} from '../../../lib/journey/warehouse';
import type { TimestampUnit, WarehouseCustomerRow } from '../../../lib/journey/warehouse';
import {
	normaliseChannelSql,
	sourceAttributes,
	sourceMediumChannelSql,
} from '../../../lib/journey/warehouse/sources';
import { generateSampleData } from '../../../lib/sample';
import {
	GA4_BIGQUERY_COLUMNS,
	GA4_SNOWFLAKE_COLUMNS,
	MACROS,
	openDialectDb,
	REWRITES,
	type DialectDb,
} from '../../support/duckdb-dialects';
import { ga4Row, seededGa4, wholeMs } from '../../support/ga4-export';
import { expectSameJourneyMap } from '../../support/warehouse';
import {
	CHANNEL_NAMES,
	EDGE,
	expectSameResults,
	expectSrcOfInProcess,
	inProcessJourneys,
	inSqlTieOrder,
	PSEUDONYM_SEED,
	QUOTED_CONVERSION,
	type Rec,
	RULE_MEDIUMS,
	RULE_SOURCES,
	sampleEvents,
	SCENARIO_COLUMNS as columns,
	scenarioEvents,
	STITCH_COLUMNS as stitchColumns,
	STITCH_MAPPING as stitchMapping,
	type SrcRow,
	toSrcRow,
	variants,
} from './warehouseScenarios';

/** The custom-mapped events table, typed as the warehouse would hold it. */
const EVENTS_COLUMNS = {
	customer_id: 'VARCHAR',
	event_time: 'TIMESTAMPTZ',
	event_name: 'VARCHAR',
	medium: 'VARCHAR',
	revenue: 'DECIMAL(18, 2)',
	consent: 'VARCHAR',
	email: 'VARCHAR',
	plan: 'VARCHAR',
	seats: 'DECIMAL(18, 2)',
	trial: 'BOOLEAN',
};

/** Epoch units and how many make a millisecond (the scenario times are whole seconds). */
const EPOCH_UNITS: [TimestampUnit, number][] = [
	['seconds', 0.001],
	['millis', 1],
	['micros', 1000],
];

const events = inSqlTieOrder([...sampleEvents(), ...scenarioEvents()]);
const sample = generateSampleData({ seed: 11, customers: 120, sources: ['ga4'] }).records as Rec[];
const seeded = seededGa4(20261202, 400);
const GA4_TABLES: [string, Rec[]][] = [
	['ga4_sample', sample],
	['ga4_seeded', seeded],
	['ga4_edge', EDGE],
];

describe.each(['bigquery', 'snowflake'] as const)(
	'The %s SQL executed on DuckDB equals the in-process mode',
	(dialect) => {
		let db: DialectDb;

		beforeAll(async () => {
			db = await openDialectDb(dialect);
			await db.load(
				'events',
				EVENTS_COLUMNS,
				events.map((e) => ({
					customer_id: e.customer_id,
					event_time: e.ts === null ? null : new Date(e.ts).toISOString(),
					event_name: e.event,
					medium: e.channel,
					revenue: e.value,
					consent: e.consent,
					email: e.email,
					plan: e.plan,
					seats: e.seats,
					trial: e.trial,
				})),
			);
			// The same events with the time as an epoch number (Timestamp Unit seconds / ms / µs).
			expect(events.every((e) => e.ts === null || e.ts % 1000 === 0)).toBe(true);
			for (const [unit, perMs] of EPOCH_UNITS) {
				await db.load(
					`events_${unit}`,
					{ ...EVENTS_COLUMNS, event_time: 'BIGINT' },
					events.map((e) => ({
						customer_id: e.customer_id,
						event_time:
							e.ts === null ? null : String((BigInt(e.ts) * BigInt(perMs * 1000)) / 1000n),
						event_name: e.event,
						medium: e.channel,
						revenue: e.value,
						consent: e.consent,
					})),
				);
			}
			// BigQuery: STRUCT and ARRAY of STRUCT columns of the export's types; Snowflake: VARIANT ones.
			const ga4Columns = dialect === 'bigquery' ? GA4_BIGQUERY_COLUMNS : GA4_SNOWFLAKE_COLUMNS;
			for (const [table, records] of GA4_TABLES)
				await db.load(table, ga4Columns, records.map(ga4Row));
			const pairs = RULE_SOURCES.flatMap((s) => RULE_MEDIUMS.map((m) => ({ s, m })));
			await db.load(
				'pairs',
				{ i: 'INTEGER', s: 'VARCHAR', m: 'VARCHAR' },
				pairs.map((p, i) => ({ i, ...p })),
			);
			await db.load(
				'names',
				{ i: 'INTEGER', n: 'VARCHAR' },
				CHANNEL_NAMES.map((n, i) => ({ i, n })),
			);
		});

		afterAll(() => db?.close());

		/** The map's identity-conflict count (a count the journey-map type leaves open). */
		const conflicts = (map: object) =>
			(map as { counts: Record<string, unknown> }).counts.identityConflicts;

		/** Build SQL for the dialect, executed; then From Aggregates (which hashes the ids: no HMAC in SQL). */
		async function pushedDown(
			journey: JourneyOptions,
			table = 'events',
			timestampUnit?: TimestampUnit,
			cols: typeof columns | typeof stitchColumns = columns,
		) {
			const ga4 = journey.source === 'ga4';
			const sql = buildWarehouseSql({
				dialect,
				table,
				...(ga4 ? { source: 'ga4Export' as const } : { columns: cols, timestampUnit }),
				pseudonymize: journey.pseudonymize !== false,
				journey,
			});
			expect(sql.pseudonymizedInSql).toBe(false);
			const rows = (await db.query(sql.query)) as unknown as WarehouseCustomerRow[];
			return fromAggregates(rows, { ...journey, pseudonymizedInSql: false });
		}

		it('needs every shim: each macro stands for a function the SQL calls, each rewrite edits the SQL', () => {
			// A conversion event whose literal needs escapes, as one of the scenario variants has.
			const journey = { conversionEvents: ['purchase', QUOTED_CONVERSION] };
			const queries = [
				...[undefined, ...EPOCH_UNITS.map(([unit]) => unit)].map(
					(timestampUnit) =>
						buildWarehouseSql({
							dialect,
							table: 'events',
							columns,
							timestampUnit,
							pseudonymize: true,
							journey,
						}).query,
				),
				buildWarehouseSql({ dialect, table: 'ga4', source: 'ga4Export', pseudonymize: true }).query,
				// E-mail stitching and attribute columns.
				buildWarehouseSql({ dialect, table: 'events', columns: stitchColumns, pseudonymize: true })
					.query,
			].join('\n');
			const names = MACROS[dialect].map((m) => (/^CREATE (?:MACRO|TYPE) (\w+)/.exec(m) ?? [])[1]);
			expect(names.filter((name) => !new RegExp(`\\b${name}\\b`, 'i').test(queries))).toEqual([]);
			expect(
				REWRITES[dialect].filter(([, edit]) => edit(queries) === queries).map(([what]) => what),
			).toEqual([]);
		});

		describe('custom mapping (flat columns)', () => {
			it.each(variants)(
				'gives every journey field and the whole journey map: %s',
				async (_name, opts) => {
					expectSameResults(await pushedDown(opts), inProcessJourneys(events, opts));
				},
			);

			it.each(EPOCH_UNITS.map(([unit]) => unit))(
				'reads a time column in epoch %s as the timestamp column',
				async (unit) => {
					const opts = variants[1][1];
					expectSameResults(
						await pushedDown(opts, `events_${unit}`, unit),
						inProcessJourneys(events, opts),
					);
				},
			);

			it('returns source ids that From Aggregates hashes to the in-process pseudonyms, the secret nowhere in the SQL', async () => {
				const opts = variants[0][1];
				const sql = buildWarehouseSql({
					dialect,
					table: 'events',
					columns,
					pseudonymize: true,
					journey: opts,
				});
				expect(sql.query).not.toContain(PSEUDONYM_SEED);
				expect(sql.parameters).toEqual([]);
				const rows = await db.query(sql.query);
				expect(rows.every((r) => String(r.customer_id).startsWith('custom:'))).toBe(true);
				const warehouse = await pushedDown(opts);
				expect(warehouse.journeys.length).toBeGreaterThan(100);
				expect(
					warehouse.journeys.every((j) => /^c_[0-9a-f]{20}$/.test(j.customerId) && j.pseudonymized),
				).toBe(true);
				expectSameResults(warehouse, inProcessJourneys(events, opts));
			});

			it.each(variants)(
				'with e-mail stitching (all its rounds) and attribute columns, gives every journey field and the whole journey map: %s',
				async (_name, opts) => {
					const warehouse = await pushedDown(opts, 'events', undefined, stitchColumns);
					const local = inProcessJourneys(events, opts, stitchMapping);
					expectSameResults(warehouse, local);
					// The data has what the comparison is about (the 30-id chain needs several rounds).
					const map = local.journeyMap as typeof local.journeyMap & {
						counts: { mergedByEmail: number };
						privacy: { attributeValuesRedacted: number; freeTextValuesRemoved: number };
					};
					expect(map.counts.mergedByEmail).toBe(35);
					expect(map.privacy.attributeValuesRedacted + map.privacy.freeTextValuesRemoved).toBe(3);
					expect(warehouse.journeys.find((j) => j.attributes.trial === true)?.attributes).toEqual({
						plan: 'pro',
						seats: 3,
						trial: true,
					});
				},
			);

			it('returns rows whose stitching settled, without any e-mail in them', async () => {
				const sql = buildWarehouseSql({
					dialect,
					table: 'events',
					columns: stitchColumns,
					pseudonymize: true,
				});
				const rows = await db.query(sql.query);
				expect(rows.length).toBeGreaterThan(100);
				expect(
					rows.every((r) => Number(r.email_unsettled) === 0 && Number(r.merged_by_email) === 35),
				).toBe(true);
				expect(JSON.stringify(rows)).not.toMatch(
					/@(chain|share|long|x|attrs)\.example|mixed\.case/i,
				);
			});

			it('counts the rows without id, time or event as the in-process mode rejects them', async () => {
				const { journeyMap } = await pushedDown({ pseudonymize: false });
				expect(
					(journeyMap.counts as unknown as { rejectedByReason: Record<string, number> })
						.rejectedByReason,
				).toMatchObject({
					'missing customer id': 3,
					'missing timestamp': 1,
					'missing or non-string event name': 1,
				});
			});
		});

		describe('the SQL rules come from the in-process rule tables', () => {
			const d = DIALECTS[dialect];

			it('classifies every source/medium pair as channelFromSourceMedium does', async () => {
				const sql = sourceMediumChannelSql(
					d,
					`LOWER(${d.trimSpace('s')})`,
					`LOWER(${d.trimSpace('m')})`,
				);
				const rows = await db.query(`SELECT s, m, ${sql} AS ch FROM pairs ORDER BY i`);
				expect(rows.map((r) => [r.s, r.m, r.ch])).toEqual(
					RULE_SOURCES.flatMap((s) =>
						RULE_MEDIUMS.map((m) => [s, m, channelFromSourceMedium(s, m)]),
					),
				);
			});

			it('normalises channel names as normaliseChannel does', async () => {
				const rows = await db.query(
					`SELECT ${normaliseChannelSql(d, 'n')} AS ch FROM names ORDER BY i`,
				);
				expect(rows.map((r) => r.ch)).toEqual(CHANNEL_NAMES.map((n) => normaliseChannel(n)));
			});
		});

		describe('GA4 export shape', () => {
			async function src(table: string): Promise<SrcRow[]> {
				const rows = await db.query(
					`WITH src AS (\n${sourceSelect(dialect, { source: 'ga4Export', table })}\n) SELECT * FROM src`,
				);
				expect(Object.keys(rows[0])).toEqual([
					...SOURCE_COLUMNS,
					...sourceAttributes({ source: 'ga4Export', table }).map((_, i) => `a${i + 1}`),
				]);
				return rows.map(toSrcRow);
			}

			/**
			 * The records as the table holds them, which is what the in-process mode would read from
			 * it: BigQuery's typed columns convert each value to the column's type (a number in a
			 * STRING field becomes text, text in a FLOAT64 NULL), read back in load order; VARIANT
			 * columns hold the records as they are.
			 */
			async function held(table: string, records: Rec[]): Promise<Rec[]> {
				if (dialect === 'snowflake') return records;
				const rows = await db.query(`SELECT * FROM ${table}`);
				expect(rows.map((r) => r.event_timestamp)).toEqual(
					records.map((r) => (ga4Row(r).event_timestamp ?? null) as unknown),
				);
				return rows;
			}

			it.each(GA4_TABLES)(
				'gives the in-process customer, time, event, channel, value and transaction of every row (%s)',
				async (table, records) => {
					expectSrcOfInProcess(await src(table), await held(table, records), { source: 'ga4' });
				},
			);

			it.each(GA4_TABLES)(
				'gives the in-process sessions, attributes and identity-conflict count (%s)',
				async (table, records) => {
					const journey = { source: 'ga4' as const, pseudonymize: false };
					const warehouse = await pushedDown(journey, table);
					const local = mapJourneys(await held(table, records), journey);
					const facts = (r: typeof local) =>
						r.journeys
							.map((j) => [j.customerId, j.sessions, j.attributes, j.touchpoints])
							.sort((x, y) => String(x[0]).localeCompare(String(y[0])));
					const counts = (r: typeof local) => ({
						identityConflicts: conflicts(r.journeyMap),
						privacy: r.journeyMap.privacy,
					});
					expect(facts(warehouse)).toEqual(facts(local));
					expect(counts(warehouse)).toEqual(counts(local));
				},
			);

			it('counts sessions, attributes and identity conflicts as hand-checked on the edge rows', async () => {
				const { journeys, journeyMap } = await pushedDown(
					{ source: 'ga4', pseudonymize: false },
					'ga4_edge',
				);
				const j = (id: string) => journeys.find((x) => x.customerId === id);
				expect(j('user:u1')).toMatchObject({
					sessions: 3,
					attributes: { device: 'desktop', country: 'NL' },
				});
				expect(j('user:u3')).toMatchObject({
					sessions: 1,
					attributes: { device: 'mobile', country: '[phone removed]' },
				});
				expect(j('ga4:w3')?.sessions).toBe(2);
				expect(conflicts(journeyMap)).toBe(2);
				expect(journeyMap.privacy?.redactedByField).toEqual({ country: { phone: 1 } });
			});

			it('gives the journeys and journey map of the in-process mode on whole-millisecond times, sessions, attributes and identity conflicts included', async () => {
				const opts: JourneyOptions = {
					source: 'ga4',
					secret: PSEUDONYM_SEED,
					markovOrder: 1,
					conversionWindowDays: 14,
					stalledAfterDays: 10,
				};
				const union = `(SELECT * FROM ga4_sample UNION ALL SELECT * FROM ga4_seeded)`;
				await db.query(`CREATE TABLE ga4_all AS SELECT * FROM ${union} AS u`);
				const records = await held('ga4_all', [...sample, ...seeded]);
				const warehouse = await pushedDown(opts, 'ga4_all');
				const local = mapJourneys(records.map(wholeMs), opts);
				const comparable = (j: object) => ({ ...j, provenance: undefined });
				const byId = (a: { customerId: string }, b: { customerId: string }) =>
					a.customerId.localeCompare(b.customerId);
				expect(warehouse.journeys.length).toBeGreaterThan(300);
				expect([...warehouse.journeys].sort(byId).map(comparable)).toEqual(
					[...local.journeys].sort(byId).map(comparable),
				);
				// The data has what this is about.
				expect(local.journeys.filter((j) => Number(j.sessions) > 1).length).toBeGreaterThan(50);
				expect(
					local.journeys.filter((j) => Object.keys(j.attributes).length > 0).length,
				).toBeGreaterThan(0);
				expect(conflicts(local.journeyMap)).toBeGreaterThan(0);
				expectSameJourneyMap(warehouse.journeyMap as JourneyMap, local.journeyMap as JourneyMap);
				expect(warehouse.journeyMap.privacy).toEqual(local.journeyMap.privacy);
				// Rejections by reason differ as README says (an unparseable time is a missing one in SQL).
				const rest = (c: object) => ({ ...c, rejectedByReason: undefined });
				expect(rest(warehouse.journeyMap.counts)).toEqual(rest(local.journeyMap.counts));
			});
		});
	},
);
