import { mapJourneys } from '../../../lib/journey';
import type { JourneyOptions } from '../../../lib/journey';
import { buildWarehouseSql, fromAggregates } from '../../../lib/journey/warehouse';
import type { WarehouseCustomerRow } from '../../../lib/journey/warehouse';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startPostgres } = require('../../support/services.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { connectWhenReady } = require('../../support/pg-client.js') as typeof import('../../support/pg-client');

const PSEUDONYM_SEED = 'warehouse-test-secret-0123456789';
const CHANNELS = ['email', 'paid_search', 'social', 'display', 'organic', null];
const FUNNEL = ['visit', 'view_item', 'add_to_cart', 'begin_checkout', 'purchase'];

/** Seeded events: 250 customers, 1-12 events each, whole-second times, some purchases with value. */
function sampleEvents() {
	let s = 12345;
	const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
	const rows: { customer_id: string | null; ts: number; event: string; channel: string | null; value: number | null; consent: string | null }[] = [];
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

describe('Warehouse (SQL) mode on a real PostgreSQL', () => {
	jest.setTimeout(60_000);
	let pg: { host: string; port: number; user: string; password: string; database: string; stop(): Promise<void> };
	let client: Awaited<ReturnType<typeof connectWhenReady>>;
	const events = sampleEvents();

	beforeAll(async () => {
		pg = await startPostgres();
		client = await connectWhenReady({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
		await client.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
		// As a database owner would: the secret lives in the server, set once for the role.
		await client.query(`ALTER ROLE CURRENT_USER SET journey_ads.pseudonym_secret = '${PSEUDONYM_SEED}'`);
		await client.end();
		client = await connectWhenReady({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
		await client.query(
			'CREATE TABLE events (customer_id TEXT, event_time TIMESTAMPTZ, event_name TEXT, medium TEXT, revenue NUMERIC, consent TEXT)',
		);
		for (const e of events) {
			await client.query('INSERT INTO events VALUES ($1, $2, $3, $4, $5, $6)', [
				e.customer_id,
				new Date(e.ts).toISOString(),
				e.event,
				e.channel,
				e.value,
				e.consent,
			]);
		}
	});

	afterAll(async () => {
		await client?.end();
		await pg?.stop();
	});

	const columns = { customerId: 'customer_id', timestamp: 'event_time', event: 'event_name', channel: 'medium', value: 'revenue', consent: 'consent' };
	const options: JourneyOptions = { secret: PSEUDONYM_SEED, markovOrder: 1 };

	function inProcess(opts: JourneyOptions) {
		return mapJourneys(
			events.map((e) => ({ ...e, ts: new Date(e.ts).toISOString() })),
			{ ...opts, source: 'custom', mapping: { customerId: 'customer_id', timestamp: 'ts', event: 'event', channel: 'channel', value: 'value', consent: 'consent' } },
		);
	}

	async function pushedDown(opts: JourneyOptions, markovOrder = 1) {
		const sql = buildWarehouseSql({ dialect: 'postgres', table: 'events', columns, pseudonymize: opts.pseudonymize !== false });
		const res = await client.query(sql.query, sql.parameters);
		return fromAggregates(res.rows as unknown as WarehouseCustomerRow[], { ...opts, markovOrder, pseudonymizedInSql: sql.pseudonymizedInSql });
	}

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

	it('refuses a column name that is not a plain identifier', () => {
		expect(() =>
			buildWarehouseSql({ dialect: 'postgres', table: 'events', columns: { ...columns, channel: 'medium; DROP TABLE x' }, pseudonymize: false }),
		).toThrow('channel column "medium; DROP TABLE x" is not a plain column or table name');
	});
});
