/**
 * The Journey Mapper's warehouse mode on the GA4 BigQuery export's table shape, through n8n's real
 * execution engine: Journey Mapper (Build SQL, Table Shape "GA4 BigQuery Export") -> n8n's own
 * Postgres node -> Journey Mapper (From Aggregates, same Table Shape), on a real PostgreSQL whose
 * events table has the export's columns (nested ones as JSONB), loaded with the package's GA4 sample
 * records and seeded export rows. Its outputs equal a plain Map Journeys run (source GA4) on the same
 * records, sessions, attributes and identity conflicts included, except where README's "Warehouse
 * (SQL) pushdown" says they differ; those differences are asserted exactly.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Journey, JourneyMap } from '../../lib/contracts';
import { generateSampleData } from '../../lib/sample';
import { createEngine, type Item, type RunResult, type WorkflowJson } from '../support/engine';
import { createGa4Table, ga4Row, seededGa4, wholeMs } from '../support/ga4-export';
import { connectWhenReady } from '../support/pg-client';
import {
	expectSameJourneyMap,
	journeyMapperAfterStart,
	letPostgresNodePoolsExit,
	pushdownWorkflow,
	SECRET_SETTING,
	startWarehouse,
	type Warehouse,
} from '../support/warehouse';

const PSEUDONYM_SEED = 'warehouse-ga4-node-test-secret-0123456789';
const PRIVACY = { journeyAdsPrivacyApi: { id: '1', name: 'Journey Ads Privacy' } };
const TABLE = 'ga4_events';

/** Non-default journey options, so a test fails if either operation ignored them. */
const JOURNEY_OPTIONS: IDataObject = {
	conversionEvents: 'purchase',
	conversionWindowDays: 14,
	funnelSteps: 'session_start, view_item, add_to_cart, purchase',
	markovOrder: 1,
	topPaths: 5,
	halfLifeDays: 3,
	stalledAfterDays: 10,
};

type Rec = Record<string, unknown>;
const sample = generateSampleData({ seed: 11, customers: 120, sources: ['ga4'] }).records as Rec[];
const seeded = seededGa4(20261202, 300);
const records: Rec[] = [...sample, ...seeded];
const engine = createEngine();
let warehouse: Warehouse;

beforeAll(async () => {
	letPostgresNodePoolsExit();
	warehouse = await startWarehouse({ secret: PSEUDONYM_SEED, events: [] });
	const client = await connectWhenReady(warehouse.pg);
	try {
		await createGa4Table(client, TABLE, records);
	} finally {
		await client.end();
	}
}, 60_000);

afterAll(async () => {
	await warehouse?.stop();
});

const GA4_SHAPE = { tableShape: 'ga4Export' };

/** Build SQL (GA4 export shape, PostgreSQL, pseudonymized in SQL) -> Postgres -> From Aggregates (GA4). */
function warehouseWorkflow(): WorkflowJson {
	return pushdownWorkflow({
		table: TABLE,
		options: JOURNEY_OPTIONS,
		buildSql: GA4_SHAPE,
		fromAggregates: GA4_SHAPE,
		fromAggregatesNode: { credentials: PRIVACY },
	});
}

/** The records as input items of a plain Journey Mapper (Map Journeys, source GA4). */
async function inProcess(input: Rec[]): Promise<RunResult> {
	const workflow = journeyMapperAfterStart(
		{ source: 'ga4', pseudonymize: true, dropWithoutConsent: true, options: JOURNEY_OPTIONS },
		{ credentials: PRIVACY },
	);
	return await engine.runWorkflow(workflow, {
		startNode: 'Start',
		inputItems: input.map((r) => ({ json: r as IDataObject })),
		credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED } },
	});
}

/**
 * Why the SQL leaves a stored row out, or null: checked in the custom mapping's order (customer id,
 * time, event name), on the row as the table holds it (a time the BIGINT column cannot hold is NULL).
 */
function sqlSkipReason(record: Rec): string | null {
	const row = ga4Row(record);
	const missing = (v: unknown) => v === null || v === undefined || v === '';
	if (missing(row.user_id) && missing(row.user_pseudo_id)) return 'missing customer id';
	const ts = row.event_timestamp;
	const ms = ts === null || ts === undefined ? NaN : Number(ts) / 1000;
	if (!(ms >= Date.UTC(1990, 0, 1) && ms < Date.UTC(2200, 0, 1))) return 'missing timestamp';
	if (missing(row.event_name)) return 'missing or non-string event name';
	return null;
}

function tally(reasons: (string | null)[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const r of reasons) if (r !== null) out[r] = (out[r] ?? 0) + 1;
	return out;
}

const json = <T>(items: Item[]): T[] => items.map((i) => i.json as unknown as T);
const byId = (a: Journey, b: Journey) => a.customerId.localeCompare(b.customerId);


describe('Journey Mapper warehouse mode on the GA4 export shape: Build SQL -> n8n Postgres node -> From Aggregates', () => {
	let run: RunResult;
	let local: RunResult;
	/** In-process on the records with whole-millisecond times: the time-decay reference. */
	let localMs: RunResult;

	beforeAll(async () => {
		run = await engine.runWorkflow(warehouseWorkflow(), {
			credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED }, postgres: warehouse.credential },
		});
		local = await inProcess(records);
		localMs = await inProcess(records.map(wholeMs));
	}, 60_000);

	it('runs every node', () => {
		expect(run.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.nodeOrder).toEqual(['Start', 'Build SQL', 'Postgres', 'From Aggregates']);
		expect(local.error?.message).toBeUndefined();
		expect(localMs.error?.message).toBeUndefined();
	});

	it('Build SQL reads the export columns and hashes with the server-held secret, never carrying it', () => {
		const [item] = run.outputs['Build SQL'][0];
		const query = String(item.json.query);
		expect(item.json).toMatchObject({ dialect: 'postgres', parameters: [], pseudonymizedInSql: true, secretSetting: SECRET_SETTING });
		for (const column of ['event_params', 'collected_traffic_source', 'ecommerce', 'user_pseudo_id', 'event_timestamp']) {
			expect(query).toContain(column);
		}
		expect(query).toContain(`current_setting('${SECRET_SETTING}')`);
		expect(JSON.stringify(run.outputs['Build SQL'])).not.toContain(PSEUDONYM_SEED);
		expect(JSON.stringify(run.outputs.Postgres)).not.toContain(PSEUDONYM_SEED);
	});

	it('gives the journeys of the in-process mode, field by field, but for the documented differences', () => {
		const journeys = json<Journey & { sessions: number }>(run.outputs['From Aggregates'][0]).sort(byId);
		const expected = json<Journey & { sessions: number }>(local.outputs['Journey Mapper'][0]).sort(byId);
		expect(journeys.length).toBeGreaterThan(300);
		expect(journeys.map((j) => j.customerId)).toEqual(expected.map((j) => j.customerId));
		expect(journeys.every((j) => /^c_[0-9a-f]{20}$/.test(j.customerId) && j.pseudonymized === true)).toBe(true);
		// Sessions (ga_session_id per web id, after stitching) and attributes (device and country of
		// each identity's first event) are computed in SQL too: the data has both.
		expect(expected.filter((j) => j.sessions > 1).length).toBeGreaterThan(50);
		expect(expected.filter((j) => Object.keys(j.attributes).length > 0).length).toBeGreaterThan(0);
		const comparable = (j: Journey) => ({ ...j, provenance: undefined });
		// Times are whole milliseconds in SQL (README): every field equals the in-process run on
		// whole-millisecond times, and the microsecond run in all but daysToConvert, within a millisecond.
		const expectedMs = json<Journey>(localMs.outputs['Journey Mapper'][0]).sort(byId);
		expect(journeys.map(comparable)).toEqual(expectedMs.map(comparable));
		const withoutDays = (j: Journey) => ({ ...comparable(j), daysToConvert: undefined });
		expect(journeys.map(withoutDays)).toEqual(expected.map(withoutDays));
		const ms = 1 / 86_400_000;
		journeys.forEach((j, i) => {
			const micro = expected[i].daysToConvert;
			if (j.daysToConvert === null || micro === null) expect(j.daysToConvert).toBe(micro);
			else expect(Math.abs(j.daysToConvert - micro)).toBeLessThan(ms);
		});
		expect(journeys.filter((j, i) => j.daysToConvert !== expected[i].daysToConvert).length).toBeGreaterThan(0);
		expect(journeys.some((j) => j.converted)).toBe(true);
	});

	it('gives the journey map of the in-process mode: funnel, paths, pain points, channels and every attribution model', () => {
		const [map] = json<JourneyMap>(run.outputs['From Aggregates'][1]);
		const [expected] = json<JourneyMap>(local.outputs['Journey Mapper'][1]);
		// Time decay weighs touches by their time: the SQL's whole milliseconds (README) move its
		// credits past rounding, so it is compared with the in-process run on whole-millisecond times.
		const [wholeMsMap] = json<JourneyMap>(localMs.outputs['Journey Mapper'][1]);
		expectSameJourneyMap(map, expected, { timeDecay: wholeMsMap });
		expect(map.funnel[0].step).toBe('session_start');
		expect(map.topPaths.length).toBeGreaterThan(0);
	});

	it('gives time-decay credits that differ from the microsecond in-process run only by the lost microseconds', () => {
		const [map] = json<JourneyMap>(run.outputs['From Aggregates'][1]);
		const [expected] = json<JourneyMap>(local.outputs['Journey Mapper'][1]);
		const actual = map.attribution.models.timeDecay ?? {};
		const micro = expected.attribution.models.timeDecay ?? {};
		expect(Object.keys(actual).sort()).toEqual(Object.keys(micro).sort());
		const differs = Object.keys(micro).filter((k) => Math.abs(actual[k] - micro[k]) > 5e-10);
		expect(differs.length).toBeGreaterThan(0);
		// Under a microsecond per touch against a half-life of days: parts per billion of the credit.
		for (const k of Object.keys(micro)) expect(Math.abs(actual[k] - micro[k])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(micro[k])));
	});

	it('accounts for every export row with the in-process counts', () => {
		type Counts = JourneyMap['counts'] & { rejectedByReason: Record<string, number>; identityConflicts: number };
		const [map] = json<JourneyMap & { counts: Counts }>(run.outputs['From Aggregates'][1]);
		const [expected] = json<JourneyMap & { counts: Counts }>(local.outputs['Journey Mapper'][1]);
		expect(map.counts.recordsIn).toBe(records.length);
		expect(map.counts.recordsRejected).toBe(expected.counts.recordsRejected);
		expect(map.counts.recordsRejected).toBeGreaterThan(0);
		// The SQL counts skipped rows in the custom mapping's order (id, time, event name) on the
		// stored row; the in-process reader checks the event name first and reads unparseable times.
		const sqlReasons = tally(records.map(sqlSkipReason));
		expect(map.counts.rejectedByReason).toEqual(sqlReasons);
		expect(sqlReasons['missing timestamp']).toBe((expected.counts.rejectedByReason['missing timestamp'] ?? 0) + (expected.counts.rejectedByReason['unparseable timestamp'] ?? 0));
		expect(expected.counts.rejectedByReason['unparseable timestamp']).toBeGreaterThan(0);
		// Events whose web id was first seen with another user_id, counted in SQL as in-process.
		expect(map.counts.identityConflicts).toBe(expected.counts.identityConflicts);
		expect(expected.counts.identityConflicts).toBeGreaterThan(0);
		// The attribute screen's counts (device and country values, screened in From Aggregates).
		expect(map.privacy).toEqual(expected.privacy);
		const rest = (c: Counts) => ({ ...c, rejectedByReason: undefined });
		expect(rest(map.counts)).toEqual(rest(expected.counts));
	});
});
