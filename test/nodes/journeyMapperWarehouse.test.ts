/**
 * The Journey Mapper's warehouse mode as a user wires it, through n8n's real execution engine:
 * Journey Mapper (Build SQL) -> n8n's own Postgres node (Execute Query, the query from the item) ->
 * Journey Mapper (From Aggregates), on a real PostgreSQL with pgcrypto and the secret held by the
 * server. Its outputs equal a plain Journey Mapper (Map Journeys) run on the same events.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Journey, JourneyMap } from '../../lib/contracts';
import { createEngine, type Item, type RunResult, type WorkflowJson } from '../support/engine';
import { connectWhenReady } from '../support/pg-client';
import {
	EVENT_COLUMNS,
	expectSameJourneyMap,
	journeyMapperAfterStart,
	letPostgresNodePoolsExit,
	mapJourneysWorkflow,
	pushdownWorkflow,
	sampleEvents,
	SECRET_SETTING,
	startWarehouse,
	type Warehouse,
} from '../support/warehouse';

const PSEUDONYM_SEED = 'warehouse-node-test-secret-0123456789';
const PRIVACY = { journeyAdsPrivacyApi: { id: '1', name: 'Journey Ads Privacy' } };

/** Non-default journey options, so a test fails if either operation ignored them. */
const JOURNEY_OPTIONS: IDataObject = {
	conversionEvents: 'purchase',
	conversionWindowDays: 14,
	funnelSteps: 'session_start, view_item, add_to_cart, begin_checkout, purchase',
	markovOrder: 1,
	topPaths: 5,
	halfLifeDays: 3,
	stalledAfterDays: 10,
};

const events = sampleEvents({ customers: 300, seed: 20261202 });
const engine = createEngine();
let warehouse: Warehouse;

beforeAll(async () => {
	letPostgresNodePoolsExit();
	warehouse = await startWarehouse({ secret: PSEUDONYM_SEED, events });
}, 60_000);

afterAll(async () => {
	await warehouse?.stop();
});

/** Build SQL -> Postgres -> From Aggregates with the test's journey options and privacy credential. */
function warehouseWorkflow(fromAggregates: IDataObject = {}, buildSql: IDataObject = {}): WorkflowJson {
	return pushdownWorkflow({ options: JOURNEY_OPTIONS, buildSql, fromAggregates, fromAggregatesNode: { credentials: PRIVACY } });
}

/** The same events as input items of a plain Journey Mapper (Map Journeys, custom mapping). */
async function inProcess(): Promise<RunResult> {
	return await engine.runWorkflow(mapJourneysWorkflow(JOURNEY_OPTIONS), {
		startNode: 'Start',
		inputItems: events.map((e) => ({ json: e as unknown as IDataObject })),
		credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED } },
	});
}

const json = <T>(items: Item[]): T[] => items.map((i) => i.json as unknown as T);
const byId = (a: Journey, b: Journey) => a.customerId.localeCompare(b.customerId);
const withoutProvenance = (j: Journey) => ({ ...j, provenance: undefined });


describe('Journey Mapper warehouse mode: Build SQL -> n8n Postgres node -> From Aggregates', () => {
	let run: RunResult;
	let local: RunResult;

	beforeAll(async () => {
		run = await engine.runWorkflow(warehouseWorkflow(), {
			credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED }, postgres: warehouse.credential },
		});
		local = await inProcess();
	}, 60_000);

	it('runs every node', () => {
		expect(run.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.nodeOrder).toEqual(['Start', 'Build SQL', 'Postgres', 'From Aggregates']);
		expect(local.error?.message).toBeUndefined();
	});

	it('Build SQL emits one item: the query, its parameters, the dialect and that IDs are hashed in SQL, never the secret', () => {
		const items = run.outputs['Build SQL'][0];
		expect(items).toHaveLength(1);
		const sql = items[0].json;
		expect(sql).toEqual({
			dialect: 'postgres',
			query: expect.stringContaining(`current_setting('${SECRET_SETTING}')`),
			parameters: [],
			pseudonymizedInSql: true,
			secretSetting: SECRET_SETTING,
		});
		expect(JSON.stringify(run.outputs['Build SQL'])).not.toContain(PSEUDONYM_SEED);
		expect(JSON.stringify(run.outputs.Postgres)).not.toContain(PSEUDONYM_SEED);
		expect(items[0].pairedItem).toEqual([{ item: 0 }]);
	});

	it('gives the journeys of the in-process mode: same customers, pseudonyms, paths, stages and revenue', () => {
		const journeys = json<Journey>(run.outputs['From Aggregates'][0]).sort(byId);
		const expected = json<Journey>(local.outputs['Journey Mapper'][0]).sort(byId);
		expect(journeys.length).toBeGreaterThan(200);
		expect(journeys.every((j) => /^c_[0-9a-f]{20}$/.test(j.customerId) && j.pseudonymized === true)).toBe(true);
		expect(journeys.map(withoutProvenance)).toEqual(expected.map(withoutProvenance));
	});

	it('gives the journey map of the in-process mode: funnel, paths, pain points, channels and every attribution model', () => {
		const [map] = json<JourneyMap>(run.outputs['From Aggregates'][1]);
		const [expected] = json<JourneyMap>(local.outputs['Journey Mapper'][1]);
		expectSameJourneyMap(map, expected);
		expect(map.funnel[0].step).toBe('session_start');
		expect(map.topPaths.length).toBeLessThanOrEqual(5);
	});

	it('accounts for every event row: each is in a journey, dropped for consent or counted as rejected', () => {
		const [map] = json<JourneyMap>(run.outputs['From Aggregates'][1]);
		const [expected] = json<JourneyMap>(local.outputs['Journey Mapper'][1]);
		expect(map.counts.recordsIn).toBe(events.length);
		// The row without a customer and the row without a time.
		expect(map.counts.recordsRejected).toBeGreaterThanOrEqual(2);
		// The SQL counts the rows it skips by the in-process reasons.
		expect(map.counts).toEqual(expected.counts);
		expect((map.counts as { rejectedByReason?: Record<string, number> }).rejectedByReason).toMatchObject({ 'missing customer id': 1, 'missing timestamp': 1 });
		expect(map.counts.droppedForConsent).toBeGreaterThan(0);
	});

	it('pairs each journey with the database rows it was built from', () => {
		const rows = run.outputs.Postgres[0];
		const journeys = run.outputs['From Aggregates'][0];
		for (const journey of journeys) {
			const paired = [journey.pairedItem ?? []].flat();
			expect(paired.length).toBeGreaterThan(0);
			for (const p of paired) expect(rows[p.item].json.customer_id).toBe(journey.json.customerId);
		}
		const map = run.outputs['From Aggregates'][1][0];
		expect([map.pairedItem].flat()).toHaveLength(rows.length);
	});

	it('where the SQL does not hash (BigQuery, Snowflake), From Aggregates pseudonymizes with the privacy secret, to the same journeys', async () => {
		// PostgreSQL rows without hashing stand in for a warehouse that cannot hash.
		const workflow = warehouseWorkflow({ dialect: 'bigquery' }, { pseudonymize: false });
		const unhashed = await engine.runWorkflow(workflow, {
			credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED }, postgres: warehouse.credential },
		});
		expect(unhashed.error?.message).toBeUndefined();
		expect(unhashed.outputs.Postgres[0].some((row) => String(row.json.customer_id).startsWith('custom:cust-'))).toBe(true);
		const journeys = json<Journey>(unhashed.outputs['From Aggregates'][0]).sort(byId);
		const expected = json<Journey>(local.outputs['Journey Mapper'][0]).sort(byId);
		expect(journeys.map(withoutProvenance)).toEqual(expected.map(withoutProvenance));
	});

	it('refuses rows that carry raw IDs when it expects pseudonyms from SQL, without echoing the ID', async () => {
		const workflow = warehouseWorkflow({}, { pseudonymize: false });
		const failed = await engine.runWorkflow(workflow, {
			credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED }, postgres: warehouse.credential },
		});
		expect(failed.error?.message).toMatch(/^Input item 0 is not a Build SQL row: row 0: customer_id is not a pseudonym$/);
		expect(failed.error?.context?.itemIndex).toBe(0);
		expect(JSON.stringify(failed.error)).not.toContain('cust-');
	});
});

describe('Journey Mapper warehouse mode with an email column and attribute columns, through n8n', () => {
	const TABLE = 'events_email';
	/**
	 * The sample events with an email on some customers' rows (several customers share one, in
	 * other case and spacing) and a plan attribute; rows in the SQL's first-seen order (time,
	 * event, channel, value, customer), so the in-process mode sees the ids in the same order.
	 */
	const rows = events
		.map((e, i) => {
			const k = Number(/^cust-(\d+)$/.exec(e.customer_id ?? '')?.[1] ?? -1);
			const person = k >= 0 && k % 5 === 0 ? Math.floor(k / 15) : -1;
			return {
				...e,
				email: person < 0 ? null : i % 2 ? ` Person${person}@Example.com ` : `person${person}@example.com`,
				plan: k >= 0 && k % 3 === 0 ? (i % 4 === 0 ? 'pro' : 'basic') : null,
			};
		})
		.sort((a, b) => {
			const t = (x: typeof a) => (x.event_time === null ? Infinity : Date.parse(x.event_time));
			const str = (x: string | null) => x ?? '';
			const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
			return (
				t(a) - t(b) ||
				cmp(str(a.event_name), str(b.event_name)) ||
				cmp(a.medium ?? 'other', b.medium ?? 'other') ||
				(a.revenue ?? Infinity) - (b.revenue ?? Infinity) ||
				cmp(str(a.customer_id), str(b.customer_id))
			);
		});
	const columns = { ...EVENT_COLUMNS.columns, email: 'email', attributes: 'plan' };
	let run: RunResult;
	let local: RunResult;

	beforeAll(async () => {
		const client = await connectWhenReady(warehouse.pg);
		try {
			await client.query(`CREATE TABLE ${TABLE} AS SELECT *, CAST(NULL AS TEXT) AS email, CAST(NULL AS TEXT) AS plan FROM events WHERE FALSE`);
			await client.query(`INSERT INTO ${TABLE} SELECT * FROM jsonb_populate_recordset(NULL::${TABLE}, $1::jsonb)`, [JSON.stringify(rows)]);
		} finally {
			await client.end();
		}
		run = await engine.runWorkflow(
			pushdownWorkflow({ table: TABLE, options: JOURNEY_OPTIONS, buildSql: { columns }, fromAggregatesNode: { credentials: PRIVACY } }),
			{ credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED }, postgres: warehouse.credential } },
		);
		const c = EVENT_COLUMNS;
		const mapping = { customerId: c.customerIdColumn, timestamp: c.timestampColumn, ...c.columns, email: 'email', attributes: 'plan' };
		local = await engine.runWorkflow(
			journeyMapperAfterStart({ source: 'custom', mapping, pseudonymize: true, dropWithoutConsent: true, options: JOURNEY_OPTIONS }, { credentials: PRIVACY }),
			{ startNode: 'Start', inputItems: rows.map((e) => ({ json: e as unknown as IDataObject })), credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED } } },
		);
	}, 60_000);

	it('stitches customers by email in SQL to the journeys and map of Map Journeys, without any email reaching n8n', () => {
		expect(run.error?.message).toBeUndefined();
		expect(local.error?.message).toBeUndefined();
		const journeys = json<Journey>(run.outputs['From Aggregates'][0]).sort(byId);
		const expected = json<Journey>(local.outputs['Journey Mapper'][0]).sort(byId);
		expect(journeys.map(withoutProvenance)).toEqual(expected.map(withoutProvenance));
		const [map] = json<JourneyMap>(run.outputs['From Aggregates'][1]);
		const [expectedMap] = json<JourneyMap>(local.outputs['Journey Mapper'][1]);
		expectSameJourneyMap(map, expectedMap);
		expect(map.counts).toEqual(expectedMap.counts);
		expect(map.privacy).toEqual(expectedMap.privacy);
		// The data has what this is about: customers merged by email, journeys with a plan.
		expect((map.counts as unknown as { mergedByEmail: number }).mergedByEmail).toBeGreaterThan(10);
		expect(journeys.filter((j) => j.attributes.plan !== undefined).length).toBeGreaterThan(20);
		expect(JSON.stringify([run.outputs.Postgres, run.outputs['From Aggregates']])).not.toMatch(/person\d+@/i);
	});
});
