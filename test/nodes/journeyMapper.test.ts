import type { IDataObject } from 'n8n-workflow';

import type { Journey, JourneyMap } from '../../lib/contracts';
import { Journey as JourneySchema, JourneyMap as JourneyMapSchema } from '../../lib/contracts';
import { generateSampleData } from '../../lib/sample';
import { createEngine, type Item, type WorkflowJson } from '../support/engine';

const engine = createEngine();
const TRIGGER = 'When clicking ‘Execute workflow’';

/** Manual Trigger -> Sample Data -> Journey Mapper, with the given Journey Mapper parameters. */
function pipeline(mapper: IDataObject = {}, sample: IDataObject = {}, credentials?: IDataObject): WorkflowJson {
	return {
		name: 'journey mapper test',
		nodes: [
			{ name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: 'Sample Data',
				type: 'n8n-nodes-journey-ads.journeyAdsSampleData',
				typeVersion: 1,
				position: [200, 0],
				parameters: { customers: 500, seed: 42, ...sample },
			},
			{
				name: 'Journey Mapper',
				type: 'n8n-nodes-journey-ads.journeyMapper',
				typeVersion: 1,
				position: [400, 0],
				parameters: { source: 'auto', pseudonymize: true, dropWithoutConsent: true, options: {}, ...mapper },
				...(credentials ? { credentials: { journeyAdsPrivacyApi: { id: '1', name: 'Privacy' } } } : {}),
			},
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'Sample Data', type: 'main', index: 0 }]] },
			'Sample Data': { main: [[{ node: 'Journey Mapper', type: 'main', index: 0 }]] },
		},
	};
}

/** Pinned input rows instead of Sample Data: Manual Trigger -> Journey Mapper with items. */
function direct(rows: IDataObject[], mapper: IDataObject = {}, settings: IDataObject = {}): WorkflowJson {
	return {
		name: 'journey mapper direct',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: 'Journey Mapper',
				type: 'n8n-nodes-journey-ads.journeyMapper',
				typeVersion: 1,
				position: [200, 0],
				parameters: { source: 'auto', pseudonymize: false, dropWithoutConsent: true, options: {}, ...mapper },
				...settings,
			},
		],
		connections: { Start: { main: [[{ node: 'Journey Mapper', type: 'main', index: 0 }]] } },
	};
}

async function runDirect(rows: IDataObject[], mapper: IDataObject = {}, settings: IDataObject = {}) {
	return await engine.runWorkflow(direct(rows, mapper, settings), {
		startNode: 'Start',
		inputItems: rows.map((json) => ({ json })),
	});
}

/** Every string anywhere in a value (keys included). */
function strings(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const v of value) strings(v, out);
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			out.push(k);
			strings(v, out);
		}
	}
	return out;
}

describe('Journey Mapper node on Sample Data through the n8n engine', () => {
	const truth = generateSampleData({ seed: 42, customers: 500 }).truth;
	let journeys: Item[];
	let map: JourneyMap;
	let rejected: Item[];
	let sampleCount: number;

	beforeAll(async () => {
		const run = await engine.runWorkflow(pipeline());
		expect(run.error).toBeUndefined();
		[journeys, [{ json: map as unknown as IDataObject }], rejected] = run.outputs['Journey Mapper'] as [Item[], Item[], Item[]];
		map = run.outputs['Journey Mapper'][1][0].json as unknown as JourneyMap;
		sampleCount = run.outputs['Sample Data'][0].length;
	});

	it('emits journeys and a journey map that satisfy their contracts', () => {
		for (const item of journeys) JourneySchema.parse(item.json);
		JourneyMapSchema.parse(map);
		expect(journeys.length).toBe(map.counts.customers);
	});

	it('credits the channel the generator made decisive first in Markov attribution', () => {
		const effects = Object.entries(map.attribution.markovRemovalEffects).sort((a, b) => b[1] - a[1]);
		expect(effects[0][0]).toBe(truth.decisiveChannel);
	});

	it('finds the planted drop-off as the worst funnel step', () => {
		const steps = map.funnel.filter((s) => s.dropOff !== null);
		const worst = steps.reduce((a, b) => ((b.dropOff ?? 0) > (a.dropOff ?? 0) ? b : a));
		expect(worst.step).toBe(truth.worstFunnelStep.to);
	});

	it('lets no PII field or value through to any output', () => {
		const pii = new Set(truth.piiValues);
		const everything = strings([journeys.map((j) => j.json), map, rejected.map((r) => r.json)]);
		const leaks = everything.filter((s) => pii.has(s) || /@example\.(org|com|net)/.test(s));
		expect(leaks).toEqual([]);
		const keys = new Set(everything);
		for (const field of ['firstname', 'lastname', 'phone', 'address', 'notes', 'email_address', 'requester_email']) {
			expect(keys.has(field)).toBe(false);
		}
	});

	it('leaves out customers who withheld consent and counts them', async () => {
		expect(map.counts.droppedForConsent).toBe(truth.consentWithheld.count);
		// With ids kept in the clear, check that none of the withheld customers has a journey.
		const run = await engine.runWorkflow(pipeline({ pseudonymize: false }));
		const ids = new Set(run.outputs['Journey Mapper'][0].map((j) => (j.json as unknown as Journey).customerId));
		expect(ids.has(`hubspot:${truth.groups.premium_loyalists.customerIds.find((id) => !truth.consentWithheld.customerIds.includes(id))}`)).toBe(true);
		for (const id of truth.consentWithheld.customerIds) expect(ids.has(`hubspot:${id}`)).toBe(false);
	});

	it('accounts for every input record: used plus rejected equals records in', () => {
		expect(map.counts.recordsIn).toBe(sampleCount);
		expect(map.counts.recordsUsed + map.counts.recordsRejected).toBe(sampleCount);
		expect(rejected.length).toBe(map.counts.recordsRejected);
		expect(map.counts.duplicates).toBe(truth.duplicateEvents);
	});

	it('pairs each journey with its source records, each rejection with its record, the map with all', () => {
		// Meta Ads insight rows are per ad, not per customer: they feed channel spend in the map only.
		const aggregateRows = generateSampleData({ seed: 42, customers: 500 }).counts.metaAds;
		const paired = new Set<number>();
		for (const j of journeys) {
			const list = j.pairedItem as Array<{ item: number }>;
			expect(list.length).toBeGreaterThan(0);
			for (const p of list) paired.add(p.item);
		}
		for (const r of rejected) {
			expect(r.pairedItem).toEqual({ item: (r.json as { index: number }).index });
			expect(paired.has((r.json as { index: number }).index)).toBe(false);
		}
		expect(paired.size + rejected.length + aggregateRows).toBe(sampleCount);
	});

	it('pseudonymizes ids with the Privacy credential: stable for one secret, different for another', async () => {
		const withSecret = async (secret: string) => {
			const run = await engine.runWorkflow(pipeline({}, {}, {}), {
				credentials: { journeyAdsPrivacyApi: { secret } },
			});
			return run.outputs['Journey Mapper'][0].map((j) => (j.json as unknown as Journey).customerId).sort();
		};
		const a1 = await withSecret('first-secret-0123456789');
		const a2 = await withSecret('first-secret-0123456789');
		const b = await withSecret('other-secret-0123456789');
		expect(a1).toEqual(a2);
		expect(a1).not.toEqual(b);
		expect(a1.every((id) => id.startsWith('c_'))).toBe(true);
	});

	it('refuses a Privacy secret that is too short, saying what to fix', async () => {
		const run = await engine.runWorkflow(pipeline({}, {}, {}), { credentials: { journeyAdsPrivacyApi: { secret: 'short' } } });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/too short/);
	});
});

describe('Journey Mapper node with custom mappings and bad input', () => {
	const rows: IDataObject[] = [
		{ uid: 'u1', ts: '2026-01-01T10:00:00Z', ev: 'visit', ch: 'Paid Search' },
		{ uid: 'u1', ts: '2026-01-02T10:00:00Z', ev: 'purchase', ch: 'email', amount: 40 },
		{ uid: 'u2', ts: 1767261600, ev: 'visit', ch: 'organic_search' },
		{ uid: '', ts: '2026-01-03T10:00:00Z', ev: 'visit', ch: 'direct' },
		{ uid: 'u3', ts: 'not a date', ev: 'visit', ch: 'direct' },
	];
	const mapping = { customerId: 'uid', timestamp: 'ts', event: 'ev', channel: 'ch', value: 'amount' };

	it('builds journeys from user-named fields and rejects bad rows with the row and the reason', async () => {
		const run = await runDirect(rows, { source: 'custom', mapping, options: { conversionEvents: 'purchase' } });
		expect(run.error).toBeUndefined();
		const [journeys, [mapItem], rejected] = run.outputs['Journey Mapper'];
		const byId = Object.fromEntries(journeys.map((j) => [(j.json as unknown as Journey).customerId, j.json as unknown as Journey]));
		// Without pseudonymization ids are kept, namespaced by source so ids from two systems never collide.
		expect(Object.keys(byId).sort()).toEqual(['custom:u1', 'custom:u2']);
		byId.u1 = byId['custom:u1'];
		expect(byId.u1.path).toEqual(['paid_search', 'email']);
		expect(byId.u1.converted).toBe(true);
		expect(byId.u1.revenue).toBe(40);
		expect(byId.u1.daysToConvert).toBe(1);
		expect(rejected.map((r) => (r.json as { index: number }).index)).toEqual([3, 4]);
		expect(String((rejected[1].json as { reason: string }).reason)).toMatch(/timestamp/);
		expect((mapItem.json as unknown as JourneyMap).counts.recordsRejected).toBe(2);
	});

	it('stops with a message naming the missing mapping field', async () => {
		const run = await runDirect(rows, { source: 'custom', mapping: { customerId: 'uid', timestamp: '' } });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/mapping\.timestamp/);
	});

	it('with Continue On Fail, emits the error as an item instead of stopping', async () => {
		const run = await runDirect(rows, { source: 'custom', mapping: { customerId: 'uid', timestamp: '' } }, { onError: 'continueRegularOutput' });
		expect(run.status).toBe('success');
		const [[errorItem]] = run.outputs['Journey Mapper'];
		expect(String(errorItem.json.error)).toMatch(/mapping\.timestamp/);
	});

	it('handles empty input without failing', async () => {
		const run = await engine.runWorkflow(direct([], {}), { startNode: 'Start', inputItems: [] });
		expect(run.status).toBe('success');
	});

	it('rejects invalid stage rules JSON with the option name', async () => {
		const run = await runDirect(rows, { source: 'custom', mapping, options: { stageRules: '[{"stage": ' } });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/Stage Rules/);
	});
});
