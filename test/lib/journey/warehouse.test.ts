import type { JourneyOptions } from '../../../lib/journey';
import { buildWarehouseSql, fromAggregates } from '../../../lib/journey/warehouse';
import type { WarehouseCustomerRow } from '../../../lib/journey/warehouse';
import {
	DAY,
	expectSameResults,
	FUNNEL_STEPS,
	inProcessJourneys,
	inSqlTieOrder,
	PSEUDONYM_SEED,
	QUOTED_CONVERSION,
	sampleEvents,
	SCENARIO_COLUMNS as columns,
	scenarioEvents,
	STITCH_COLUMNS as stitchColumns,
	STITCH_MAPPING as stitchMapping,
	variants,
} from './warehouseScenarios';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startPostgres } = require('../../support/services.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { connectWhenReady } = require('../../support/pg-client.js') as typeof import('../../support/pg-client');

describe('Warehouse (SQL) mode on a real PostgreSQL', () => {
	jest.setTimeout(60_000);
	let pg: { host: string; port: number; user: string; password: string; database: string; stop(): Promise<void> };
	let client: Awaited<ReturnType<typeof connectWhenReady>>;
	const events = inSqlTieOrder([...sampleEvents(), ...scenarioEvents()]);

	beforeAll(async () => {
		pg = await startPostgres();
		client = await connectWhenReady({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
		await client.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
		// As a database owner would: the secret lives in the server, set once for the role.
		await client.query(`ALTER ROLE CURRENT_USER SET journey_ads.pseudonym_secret = '${PSEUDONYM_SEED}'`);
		await client.end();
		client = await connectWhenReady({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
		await client.query(
			'CREATE TABLE events (customer_id TEXT, event_time TIMESTAMPTZ, event_name TEXT, medium TEXT, revenue NUMERIC, consent TEXT, email TEXT, plan TEXT, seats NUMERIC, trial BOOLEAN)',
		);
		for (const e of events) {
			await client.query('INSERT INTO events VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
				e.customer_id,
				e.ts === null ? null : new Date(e.ts).toISOString(),
				e.event,
				e.channel,
				e.value,
				e.consent,
				e.email ?? null,
				e.plan ?? null,
				e.seats ?? null,
				e.trial ?? null,
			]);
		}
	});

	afterAll(async () => {
		await client?.end();
		await pg?.stop();
	});

	const options: JourneyOptions = { secret: PSEUDONYM_SEED, markovOrder: 1 };
	const inProcess = (opts: JourneyOptions, extra: { email?: string; attributes?: string[] } = {}) => inProcessJourneys(events, opts, extra);

	/** `hashIn: 'n8n'` is what BigQuery and Snowflake do: SQL returns source ids, From Aggregates hashes them. */
	async function pushedDown(opts: JourneyOptions, markovOrder = opts.markovOrder ?? 1, hashIn: 'sql' | 'n8n' = 'sql', cols: typeof stitchColumns | typeof columns = columns) {
		const journey = { ...opts, markovOrder };
		const pseudonymize = opts.pseudonymize !== false && hashIn === 'sql';
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'events', columns: cols, pseudonymize, journey });
		const res = await client.query(sql.query, sql.parameters);
		return fromAggregates(res.rows as unknown as WarehouseCustomerRow[], { ...journey, pseudonymizedInSql: sql.pseudonymizedInSql });
	}

	it.each(variants)('gives every journey field and the whole journey map of the in-process mode: %s', async (_name, opts) => {
		expectSameResults(await pushedDown(opts), inProcess(opts));
	});

	it.each(variants)('with e-mail stitching and attribute columns, gives every journey field and the whole journey map of the in-process mode: %s', async (_name, opts) => {
		const warehouse = await pushedDown(opts, opts.markovOrder, 'sql', stitchColumns);
		const local = inProcess(opts, stitchMapping);
		expectSameResults(warehouse, local);
		// The data has what the comparison is about.
		const map = local.journeyMap as typeof local.journeyMap & { counts: { mergedByEmail: number }; privacy: { attributeValuesRedacted: number; freeTextValuesRemoved: number } };
		expect(map.counts.mergedByEmail).toBe(2 + 1 + 1 + 29 + 1 + 1);
		expect(map.privacy.attributeValuesRedacted + map.privacy.freeTextValuesRemoved).toBe(3);
	});

	it('stitches ids by shared e-mails and keeps the first attribute values (hand-checked)', async () => {
		const { journeys, journeyMap } = await pushedDown({ pseudonymize: false }, 1, 'sql', stitchColumns);
		const ids = journeys.map((x) => x.customerId);
		const j = (id: string) => {
			const found = journeys.find((x) => x.customerId === `custom:${id}`);
			if (!found) throw new Error(`no journey for ${id}`);
			return found;
		};
		// Rooted at the id seen first: chainA (the in-process mode used to root this chain at chainC).
		expect(j('chainA').touchpoints).toBe(5);
		expect(j('shareQ').touchpoints).toBe(2);
		expect(j('caseR').touchpoints).toBe(2);
		expect(j('long0').touchpoints).toBe(59);
		for (const merged of ['chainB', 'chainC', 'shareP', 'caseS', 'long1', 'long29', 'attrPii2']) expect(ids).not.toContain(`custom:${merged}`);
		expect(ids).toEqual(expect.arrayContaining(['custom:noAtA', 'custom:noAtB']));
		// dropB withheld consent: the stitched customer dropA is left out with both its rows.
		expect(ids).not.toContain('custom:dropA');
		expect(ids).not.toContain('custom:dropB');
		expect(j('attrs').attributes).toEqual({ plan: 'pro', seats: 3, trial: true });
		expect(j('attrPii').attributes).toEqual({ plan: '[email removed]', seats: 12 });
		expect(j('attrFree').attributes).toEqual({ plan: '[free text removed]' });
		expect(j('attrLong').attributes).toEqual({ plan: 'short' });
		expect((journeyMap.counts as Record<string, unknown>).mergedByEmail).toBe(35);
		expect(journeyMap.privacy).toEqual({
			attributeValuesRedacted: 2,
			redactedByField: { plan: { email: 2 } },
			freeTextValuesRemoved: 1,
			freeTextByField: { plan: 1 },
		});
		// No e-mail reaches the rows n8n gets.
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'events', columns: stitchColumns, pseudonymize: true });
		const rows = (await client.query(sql.query)).rows;
		expect(JSON.stringify(rows)).not.toMatch(/@(chain|share|long|x|attrs)\.example|mixed\.case/i);
	});

	it('refuses attribute columns that look like personal data, as the in-process options do', () => {
		expect(() => buildWarehouseSql({ dialect: 'postgres', table: 'events', columns: { ...columns, attributes: ['email_address'] }, pseudonymize: false })).toThrow(
			'attribute column "email_address" looks like personal data (PII)',
		);
		expect(() => inProcess({ pseudonymize: false }, { attributes: ['email_address'] })).toThrow('looks like personal data (PII)');
	});

	it('reads rows of an older query (without the session, attribute and stitching columns) and refuses rows whose e-mail stitching did not settle', () => {
		const row = { customer_id: 'custom:x', source_rows: 1, touches: 1, first_ms: 0, last_ms: 0, conversions: 0, revenue: 0, first_conversion_ms: null, last_conversion_ms: null, conversion_run: null, funnel_depth: 0, runs: [['email', 0]], by_channel: [['email', 1]], by_event: [['visit', 1]] };
		const old = fromAggregates([row], { pseudonymize: false, pseudonymizedInSql: false });
		expect(old.journeys[0]).toMatchObject({ customerId: 'custom:x', sessions: 0, attributes: {} });
		expect(old.journeyMap.counts).toMatchObject({ identityConflicts: 0, mergedByEmail: 0 });
		expect(() => fromAggregates([{ ...row, email_unsettled: 2 }], { pseudonymize: false, pseudonymizedInSql: false })).toThrow('row 0: email_unsettled is not 0');
		expect(() => fromAggregates([{ ...row, attributes: [['plan', '{"a":1}']] }], { pseudonymize: false, pseudonymizedInSql: false })).toThrow(
			'row 0: attributes holds {"a":1}, not a text, number or boolean',
		);
	});

	it('gives the same results when From Aggregates hashes the ids (as for BigQuery and Snowflake)', async () => {
		const opts = variants[0][1];
		const warehouse = await pushedDown(opts, 1, 'n8n');
		expect(warehouse.journeys[0].customerId).toMatch(/^c_[0-9a-f]{20}$/);
		expectSameResults(warehouse, inProcess(opts));
	});

	it('computes the hand-checked facts of each scenario customer', async () => {
		const { journeys, journeyMap } = await pushedDown({ pseudonymize: false, funnelSteps: FUNNEL_STEPS, conversionEvents: ['purchase', QUOTED_CONVERSION] });
		const j = (id: string) => {
			const found = journeys.find((x) => x.customerId === `custom:${id}`);
			if (!found) throw new Error(`no journey for ${id}`);
			return found as typeof found & { funnelStep: string | null };
		};
		expect(j('multi')).toMatchObject({ conversions: 2, revenue: 80.75, path: ['email', 'paid_search', 'social'], touchpoints: 5 });
		expect(j('runs').path).toEqual(['email', 'social', 'email', 'other']);
		expect(j('runs').engagement.byChannel).toEqual({ email: 4, social: 1, other: 2 });
		expect(j('order')).toMatchObject({ funnelStep: 'begin_checkout', converted: false });
		expect(j('order').painPoints).toContain('abandoned_checkout');
		expect(j('cart').painPoints).toEqual(['abandoned_cart', 'stalled']);
		expect(j('mailer').painPoints).toEqual(['email_bounce', 'unsubscribed', 'complaint']);
		// Duplicates collapse; of the two purchases at one time, the smaller channel name (email) is kept.
		expect(j('dups')).toMatchObject({ touchpoints: 2, conversions: 1, revenue: 5, path: ['email'] });
		expect(j('ties').path).toEqual(['email', 'social']);
		expect(j('quoted')).toMatchObject({ converted: true, conversions: 1 });
		expect(j('busy')).toMatchObject({ path: ['email'], touchpoints: 200 });
		expect(journeys.map((x) => x.customerId)).not.toContain('custom:denied');
		expect(journeys.map((x) => x.customerId)).toEqual(expect.arrayContaining(['custom:granted', 'custom:silent']));
		// Two scenario rows without an id (NULL and '') and the sample's one.
		expect((journeyMap.counts as unknown as { rejectedByReason: Record<string, number> }).rejectedByReason).toMatchObject({
			'missing customer id': 3,
			'missing timestamp': 1,
			'missing or non-string event name': 1,
		});
		expect(journeyMap.counts.duplicates).toBeGreaterThanOrEqual(2);
	});

	it('credits only the runs within the conversion window before the first conversion', async () => {
		const table = 'window_only';
		await client.query(`CREATE TABLE ${table} AS SELECT * FROM events WHERE customer_id = 'window'`);
		const run = async (days: number) => {
			const journey = { pseudonymize: false, conversionWindowDays: days };
			const sql = buildWarehouseSql({ dialect: 'postgres', table, columns, pseudonymize: false, journey });
			const rows = (await client.query(sql.query)).rows as unknown as WarehouseCustomerRow[];
			return fromAggregates(rows, { ...journey, pseudonymizedInSql: false }).journeyMap.attribution.models.firstTouch;
		};
		// display at day -20, email at day -5, the purchase at day 0; a channel no credited path holds is not listed.
		expect(await run(10)).toEqual({ email: 1 });
		expect(await run(30)).toEqual({ display: 1, email: 0 });
	});

	it('returns one run however many events a customer has on one channel (rows do not grow with events)', async () => {
		await client.query('CREATE TABLE heavy (customer_id TEXT, event_time TIMESTAMPTZ, event_name TEXT, medium TEXT, revenue NUMERIC, consent TEXT)');
		await client.query(
			"INSERT INTO heavy SELECT 'ten', TIMESTAMPTZ '2026-01-01' + i * INTERVAL '1 minute', 'page_view', 'email', NULL, NULL FROM generate_series(1, 10) AS i",
		);
		await client.query(
			"INSERT INTO heavy SELECT 'tho', TIMESTAMPTZ '2026-01-01' + i * INTERVAL '1 minute', 'page_view', 'email', NULL, NULL FROM generate_series(1, 1000) AS i",
		);
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'heavy', columns, pseudonymize: false });
		const rows = (await client.query(sql.query)).rows as unknown as WarehouseCustomerRow[];
		expect(rows.map((r) => [r.customer_id, Number(r.touches), r.run_channels, r.run_last_ms, r.channel_names, r.channel_events])).toEqual([
			['custom:ten', 10, ['email'], [Date.UTC(2026, 0, 1, 0, 10)], ['email'], [10]],
			['custom:tho', 1000, ['email'], [Date.UTC(2026, 0, 1, 16, 40)], ['email'], [1000]],
		]);
		const size = (r: WarehouseCustomerRow) => JSON.stringify(r).length;
		// Only the digits of the counts and times differ.
		expect(Math.abs(size(rows[1]) - size(rows[0]))).toBeLessThanOrEqual(12);
	});

	it('counts a conversion once per transaction id and maps a NULL channel from src to direct', async () => {
		// The custom mapping has no transaction column; a src CTE with the boundary columns stands in
		// for a source that has one (GA4 exports do).
		await client.query('CREATE TABLE txn_events (cid TEXT, ms BIGINT, ev TEXT, ch TEXT, val DOUBLE PRECISION, consent TEXT, txn TEXT)');
		await client.query(
			`INSERT INTO txn_events VALUES
				('ga4:t1', ${1 * DAY}, 'purchase', 'email', 10, 'granted', 'A'),
				('ga4:t1', ${2 * DAY}, 'purchase', 'social', 10, NULL, 'A'),
				('ga4:t1', ${3 * DAY}, 'purchase', 'email', 5, NULL, 'B'),
				('ga4:t1', ${4 * DAY}, 'purchase', NULL, 1, NULL, NULL)`,
		);
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: false, journey: { pseudonymize: false } });
		const query = sql.query.replace(/^WITH src AS \([\s\S]*?\n\),\n/, 'WITH src AS (SELECT cid, ms, ev, ch, val, consent, txn, NULL AS em, NULL AS web, NULL AS sess, 0 AS conflict FROM txn_events),\n');
		expect(query).toContain('FROM txn_events');
		const rows = (await client.query(query)).rows as unknown as WarehouseCustomerRow[];
		const { journeys } = fromAggregates(rows, { pseudonymize: false, pseudonymizedInSql: false });
		expect(journeys).toHaveLength(1);
		// The repeated transaction A is a touch but not a conversion; the purchase without an id counts.
		expect(journeys[0]).toMatchObject({
			customerId: 'ga4:t1',
			anonymous: true,
			touchpoints: 4,
			conversions: 3,
			revenue: 16,
			path: ['email', 'social', 'email', 'direct'],
			daysToConvert: 0,
		});
	});

	it("reads event names with $, quotes and backslashes exactly, with no $ left in the query (n8n's Postgres node rewrites $')", async () => {
		await client.query("CREATE TABLE odd_events (customer_id TEXT, event_time TIMESTAMPTZ, event_name TEXT, medium TEXT, revenue NUMERIC, consent TEXT)");
		const names = ["buy$", "it's$'", 'back\\slash$$'];
		for (const [i, name] of names.entries()) {
			await client.query('INSERT INTO odd_events VALUES ($1, $2, $3, NULL, 1, NULL)', [`o${i}`, new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), name]);
		}
		const journey = { pseudonymize: false, conversionEvents: names, funnelSteps: names };
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'odd_events', columns, pseudonymize: false, journey });
		expect(sql.query).not.toMatch(/\$['`&$]/);
		const rows = (await client.query(sql.query)).rows as unknown as WarehouseCustomerRow[];
		const { journeys } = fromAggregates(rows, { ...journey, pseudonymizedInSql: false });
		expect(journeys.map((j) => [j.customerId, j.conversions, j.engagement.byEvent])).toEqual(
			names.map((name, i) => [`custom:o${i}`, 1, { [name]: 1 }]),
		);
	});

	it('refuses rows built for other conversion events or funnel steps', async () => {
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: false, journey: { pseudonymize: false } });
		const rows = (await client.query(sql.query)).rows as unknown as WarehouseCustomerRow[];
		expect(() => fromAggregates(rows, { pseudonymize: false, conversionEvents: ['signup'], pseudonymizedInSql: false })).toThrow(
			'row 0: options_hash differs: the SQL was built with other conversion events or funnel steps',
		);
	});

	it('validates the journey options at Build SQL the in-process way', () => {
		expect(() => buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: false, journey: { conversionEvents: [] } })).toThrow(
			'option "conversionEvents" must be a non-empty array of non-empty strings',
		);
		expect(() => buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: false, journey: { funnelSteps: ['visit'] } })).toThrow(
			'option "funnelSteps" must be an array of at least two steps',
		);
	});

	it('returns lists as parallel arrays of plain values: a channel and a last time per run, a name and a count per channel and event', async () => {
		await client.query('CREATE TABLE two_runs (customer_id TEXT, event_time TIMESTAMPTZ, event_name TEXT, medium TEXT, revenue NUMERIC, consent TEXT)');
		await client.query(
			`INSERT INTO two_runs VALUES
				('a', '2026-01-01T00:00:00Z', 'visit', 'email', NULL, NULL),
				('a', '2026-01-01T00:01:00Z', 'visit', 'email', NULL, NULL),
				('a', '2026-01-02T00:00:00Z', 'purchase', 'social', 5, NULL),
				('a', '2026-01-03T00:00:00Z', 'visit', 'email', NULL, NULL)`,
		);
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'two_runs', columns, pseudonymize: false });
		const [row] = (await client.query(sql.query)).rows as unknown as WarehouseCustomerRow[];
		expect(row).toMatchObject({
			run_channels: ['email', 'social', 'email'],
			run_last_ms: [Date.UTC(2026, 0, 1, 0, 1), Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 3)],
			channel_names: ['email', 'social'],
			channel_events: [3, 1],
			event_names: ['purchase', 'visit'],
			event_counts: [1, 3],
		});
		expect(row).not.toHaveProperty('runs');
	});

	it('reads rows of the earlier SQL, with [name, number] pairs in runs, by_channel and by_event, as the same journeys', async () => {
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: false, journey: { pseudonymize: false } });
		const rows = (await client.query(sql.query)).rows as unknown as WarehouseCustomerRow[];
		const zip = (names: unknown, numbers: unknown) => (names as string[]).map((name, i) => [name, (numbers as number[])[i]]);
		const earlier = rows.map(({ run_channels, run_last_ms, channel_names, channel_events, event_names, event_counts, ...rest }) => ({
			...rest,
			runs: JSON.stringify(zip(run_channels, run_last_ms)),
			by_channel: zip(channel_names, channel_events),
			// BigQuery's pairs were {k, v} objects.
			by_event: zip(event_names, event_counts).map(([k, v]) => ({ k, v })),
		}));
		const options = { pseudonymize: false, pseudonymizedInSql: false };
		expect(earlier[0]).toHaveProperty('runs');
		expect(fromAggregates(earlier, options)).toEqual(fromAggregates(rows, options));
	});

	it('names the row and field of a malformed fact row', () => {
		const row = { customer_id: 'custom:x', source_rows: 1, touches: 'many', first_ms: 0, last_ms: 0, conversions: 0, revenue: 0, first_conversion_ms: null, last_conversion_ms: null, conversion_run: null, funnel_depth: 0, run_channels: ['email'], run_last_ms: [0], channel_names: ['email'], channel_events: [1], event_names: ['visit'], event_counts: [1] };
		const o = { pseudonymize: false, pseudonymizedInSql: false };
		expect(() => fromAggregates([row], o)).toThrow('row 0: touches must be a number, got "many"');
		const good = { ...row, touches: 1 };
		expect(() => fromAggregates([good], o)).not.toThrow();
		expect(() => fromAggregates([{ ...good, run_channels: '["email"' }], o)).toThrow('row 0: run_channels is not JSON');
		expect(() => fromAggregates([{ ...good, run_last_ms: [0, 5] }], o)).toThrow('row 0: run_last_ms has 2 entries, run_channels 1');
		expect(() => fromAggregates([{ ...good, run_channels: [], run_last_ms: [] }], o)).toThrow('row 0: run_channels is empty');
		expect(() => fromAggregates([{ ...good, channel_names: [''] }], o)).toThrow('row 0: channel_names[0] must be a non-empty string, got ""');
		expect(() => fromAggregates([{ ...good, event_counts: ['x'] }], o)).toThrow('row 0: event_counts[0] must be a number, got "x"');
		// Lists may arrive as JSON text, numbers as numeric text (64-bit integers).
		const asText = { ...good, run_channels: '["email"]', run_last_ms: '["0"]', channel_events: '["1"]', event_counts: '[1]' };
		expect(fromAggregates([asText], o)).toEqual(fromAggregates([good], o));
		// A row of the earlier SQL: pairs.
		const earlier = { ...good, run_channels: undefined, run_last_ms: undefined };
		expect(() => fromAggregates([{ ...earlier, runs: '[["email"' }], o)).toThrow('row 0: runs is not JSON');
		expect(() => fromAggregates([{ ...earlier, runs: [['email']] }], o)).toThrow('row 0: runs[0] must be a [channel, ms] pair, got ["email"]');
		expect(() => fromAggregates([earlier], o)).toThrow('row 0: run_channels is missing');
	});

	it.each([1, 2])('gives the in-process journeys, funnel and attribution of every model (Markov order %i)', async (order) => {
		const local = inProcess({ ...options, markovOrder: order });
		const warehouse = await pushedDown(options, order);
		expect(warehouse.journeys.length).toBeGreaterThan(100);
		// Journeys come in customer order, which is first appearance in-process and id order in SQL.
		const strip = (j: Record<string, unknown>) => ({ ...j, provenance: undefined });
		const byId = (a: { customerId: string }, b: { customerId: string }) => a.customerId.localeCompare(b.customerId);
		expect([...warehouse.journeys].sort(byId).map(strip)).toEqual([...local.journeys].sort(byId).map(strip));
		expect(warehouse.journeyMap.funnel).toEqual(local.journeyMap.funnel);
		expect(warehouse.journeyMap.topPaths).toEqual(local.journeyMap.topPaths);
		expect(warehouse.journeyMap.painPoints).toEqual(local.journeyMap.painPoints);
		expect(warehouse.journeyMap.channelEffectiveness).toEqual(local.journeyMap.channelEffectiveness);
		// Credits are sums over customers; customer order differs, so they agree to rounding only.
		const close = (a: Record<string, number> | undefined, b: Record<string, number> | undefined) => {
			if (a === undefined || b === undefined) throw new Error('a model is missing');
			expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
			for (const k of Object.keys(b)) expect(a[k]).toBeCloseTo(b[k], 9);
		};
		const models = Object.keys(local.journeyMap.attribution.models) as 'markov'[];
		expect(models.sort()).toEqual(['firstTouch', 'lastTouch', 'linear', 'markov', 'positionBased', 'timeDecay']);
		for (const model of models) {
			close(warehouse.journeyMap.attribution.models[model], local.journeyMap.attribution.models[model]);
		}
		close(warehouse.journeyMap.attribution.markovRemovalEffects, local.journeyMap.attribution.markovRemovalEffects);
		expect(warehouse.journeyMap.counts.customers).toBe(local.journeyMap.counts.customers);
		expect(warehouse.journeyMap.counts.droppedForConsent).toBe(local.journeyMap.counts.droppedForConsent);
	});

	it('hashes customer ids in SQL with the secret the server holds, to the in-process pseudonyms', async () => {
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: true });
		expect(sql.query).toContain("current_setting('journey_ads.pseudonym_secret')");
		expect(sql.parameters).toEqual([]);
		const res = await client.query(sql.query, sql.parameters);
		const ids = res.rows.map((r) => String(r.customer_id));
		expect(ids.every((id: string) => /^c_[0-9a-f]{20}$/.test(id))).toBe(true);
		const local = new Set(inProcess(options).journeys.map((j) => j.customerId));
		const consenting = ids.filter((id: string) => local.has(id));
		expect(consenting.length).toBe(local.size);
	});

	it('hashes with the secret as a query parameter when a library caller asks, never writing it into the SQL', async () => {
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: true, secretFrom: 'parameter', secret: PSEUDONYM_SEED });
		expect(sql.query).not.toContain(PSEUDONYM_SEED);
		expect(sql.parameters).toEqual([PSEUDONYM_SEED]);
		const viaParameter = (await client.query(sql.query, sql.parameters)).rows.map((r) => String(r.customer_id));
		const viaSetting = (await client.query(buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: true }).query)).rows.map((r) => String(r.customer_id));
		expect(viaParameter).toEqual(viaSetting);
	});

	it('refuses a secret setting name that could carry SQL', () => {
		expect(() =>
			buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: true, secretSetting: "x.y'); DROP TABLE events; --" }),
		).toThrow('is not a setting name like journey_ads.pseudonym_secret');
	});

	it('counts the row without a customer id as skipped', async () => {
		const warehouse = await pushedDown(options);
		expect(warehouse.journeyMap.counts.recordsRejected).toBeGreaterThanOrEqual(1);
	});

	it.each([
		['postgres', "E'it''s a \\\\ b'"],
		['bigquery', "'it\\'s a \\\\ b'"],
		['snowflake', "'it''s a \\\\ b'"],
	] as const)('writes event names into %s SQL as escaped literals, whatever the secret source', (dialect, literal) => {
		const sql = buildWarehouseSql({ dialect, table: 'events', columns, pseudonymize: true, journey: { conversionEvents: ["it's a \\ b"] } });
		expect(sql.query).toContain(`ev IN (${literal})`);
		expect(sql.pseudonymizedInSql).toBe(dialect === 'postgres');
	});

	it('writes control characters in BigQuery and Snowflake literals as \\u escapes (BigQuery strings cannot hold a newline)', () => {
		for (const dialect of ['bigquery', 'snowflake'] as const) {
			const sql = buildWarehouseSql({ dialect, table: 'events', columns, pseudonymize: false, journey: { conversionEvents: ['line\nbreak'] } });
			expect(sql.query).toContain("ev IN ('line\\u000abreak')");
		}
	});

	it('names Snowflake tables and columns as Snowflake resolves them unquoted (upper case), its own output columns in lower case', () => {
		const sql = buildWarehouseSql({
			dialect: 'snowflake',
			table: 'analytics.web_events',
			columns: { customerId: 'user_id', timestamp: 'event_time', channel: 'Medium', attributes: ['plan'] },
			pseudonymize: false,
		});
		expect(sql.query).toContain('FROM "ANALYTICS"."WEB_EVENTS"');
		for (const column of ['"USER_ID"', '"EVENT_TIME"', '"MEDIUM"', '"PLAN"']) expect(sql.query).toContain(column);
		expect(sql.query).not.toMatch(/"(analytics|web_events|user_id|event_time|Medium|plan)"/);
		expect(sql.query).toContain(' AS "customer_id"');
		expect(sql.query).toContain(' AS "run_channels"');
		const ga4 = buildWarehouseSql({ dialect: 'snowflake', source: 'ga4Export', table: 'ga4.events', pseudonymize: false });
		expect(ga4.query).toContain('FROM "GA4"."EVENTS"');
		expect(ga4.query).toContain('"EVENT_TIMESTAMP"');
		expect(ga4.query).not.toContain('"event_timestamp"');
	});

	it('keeps PostgreSQL and BigQuery names as typed', () => {
		const columns = { customerId: 'userId', timestamp: 'event_time' };
		expect(buildWarehouseSql({ dialect: 'postgres', table: 'Analytics.events', columns, pseudonymize: false }).query).toContain('FROM "Analytics"."events"');
		expect(buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: false }).query).toContain('"userId"');
		expect(buildWarehouseSql({ dialect: 'bigquery', table: 'proj.Analytics.events', columns, pseudonymize: false }).query).toContain('FROM `proj.Analytics.events`');
	});

	it('refuses a column name that is not a plain identifier', () => {
		expect(() =>
			buildWarehouseSql({ dialect: 'postgres', table: 'events', columns: { ...columns, channel: 'medium; DROP TABLE x' }, pseudonymize: false }),
		).toThrow('channel column "medium; DROP TABLE x" is not a plain column or table name');
	});
});
