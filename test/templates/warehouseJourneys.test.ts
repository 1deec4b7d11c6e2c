/**
 * templates/warehouse-journeys.json, executed as a user would import it, with its Postgres
 * credential pointed at a local PostgreSQL set up as its setup note says (pgcrypto, the secret as a
 * role setting, an events table): journeys computed in the database, then segments, personas, ads
 * and the audit, all offline.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Journey } from '../../lib/contracts';
import { createEngine, readWorkflow, type RunResult, type WorkflowJson } from '../support/engine';
import { letPostgresNodePoolsExit, mapJourneysWorkflow, sampleEvents, startWarehouse, type Warehouse } from '../support/warehouse';

const TEMPLATE = 'templates/warehouse-journeys.json';
const PSEUDONYM_SEED = 'template-warehouse-secret-0123456789';
const engine = createEngine();
const events = sampleEvents({ customers: 400, seed: 99 });

let warehouse: Warehouse;
let template: WorkflowJson;
let run: RunResult;

beforeAll(async () => {
	letPostgresNodePoolsExit();
	warehouse = await startWarehouse({ secret: PSEUDONYM_SEED, events });
	template = readWorkflow(TEMPLATE);
	run = await engine.runWorkflow(template, { credentials: { postgres: warehouse.credential } });
}, 120_000);

afterAll(async () => {
	await warehouse?.stop();
});

const node = (name: string) => {
	const found = template.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`the template has no node "${name}"`);
	return found;
};

describe('the warehouse journeys template', () => {
	it('runs every node, from the Manual Trigger to the Bias Auditor', () => {
		expect(run.error?.message).toBeUndefined();
		expect(run.status).toBe('success');
		const expected = template.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name);
		expect([...run.nodeOrder].sort()).toEqual([...expected].sort());
	});

	it("uses n8n's own Postgres node, its newest version, with the query and parameters from Build SQL", () => {
		const postgres = node('Run in PostgreSQL');
		expect(postgres.type).toBe('n8n-nodes-base.postgres');
		expect(postgres.typeVersion).toBe(2.7);
		expect(postgres.parameters).toMatchObject({ operation: 'executeQuery', query: '={{ $json.query }}', options: { queryReplacement: '={{ $json.parameters }}' } });
		expect(Object.keys(postgres.credentials ?? {})).toEqual(['postgres']);
		// No other node needs a credential: the secret lives in the database.
		expect(template.nodes.filter((n) => n.credentials).map((n) => n.name)).toEqual(['Run in PostgreSQL']);
	});

	it('gives the journeys a plain Map Journeys run gives on the same events, with the same secret', async () => {
		const mapper = node('Journeys from Aggregates');
		const local = await engine.runWorkflow(
			mapJourneysWorkflow(mapper.parameters.options as IDataObject),
			{
				startNode: 'Start',
				inputItems: events.map((e) => ({ json: e as unknown as IDataObject })),
				credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED } },
			},
		);
		const strip = (j: Journey) => ({ ...j, provenance: undefined });
		const byId = (a: Journey, b: Journey) => a.customerId.localeCompare(b.customerId);
		const journeys = run.outputs['Journeys from Aggregates'][0].map((i) => i.json as unknown as Journey);
		const expected = local.outputs['Journey Mapper'][0].map((i) => i.json as unknown as Journey);
		expect(journeys.length).toBeGreaterThan(300);
		expect([...journeys].sort(byId).map(strip)).toEqual([...expected].sort(byId).map(strip));
	});

	it('never lets a raw customer ID past the database', () => {
		for (const name of ['Journeys from Aggregates', 'Customer Segmenter', 'Persona Builder', 'Ad Generator', 'Bias Auditor']) {
			expect({ name, raw: JSON.stringify(run.outputs[name]).includes('cust-') }).toEqual({ name, raw: false });
		}
		expect(JSON.stringify(run.outputs)).not.toContain(PSEUDONYM_SEED);
	});

	it('segments the journeys, writes a persona per segment and audits ads for each', () => {
		const segments = run.outputs['Customer Segmenter'][1].map((i) => i.json);
		const personas = run.outputs['Persona Builder'][0].map((i) => i.json);
		const ads = run.outputs['Ad Generator'][0].map((i) => i.json);
		const [approved, review, blocked, report] = run.outputs['Bias Auditor'];
		const audited = [...approved, ...review, ...blocked];
		expect(segments.length).toBeGreaterThan(1);
		expect(personas).toHaveLength(segments.length);
		expect(new Set(ads.map((a) => a.personaId))).toEqual(new Set(personas.map((p) => p.personaId)));
		// Every ad ends in exactly one verdict output; the report comes last.
		expect(audited.map((i) => i.json.adId).sort()).toEqual(ads.map((a) => a.adId).sort());
		expect(approved.length).toBeGreaterThan(0);
		expect(report).toHaveLength(1);
	});
});
