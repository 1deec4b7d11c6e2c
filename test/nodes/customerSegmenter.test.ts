import type { IDataObject } from 'n8n-workflow';

import type { Segment } from '../../lib/contracts';
import { Segment as SegmentSchema } from '../../lib/contracts';
import { generateSampleData, type SampleGroup } from '../../lib/sample';
import { RFM_SEGMENTS } from '../../lib/segment';
import { createEngine, type Item, type RunResult, type WorkflowJson } from '../support/engine';
import { journey } from '../lib/segment/fixtures';

const engine = createEngine();
const TRIGGER = 'When clicking ‘Execute workflow’';
const SEGMENTER = 'Customer Segmenter';

/** Manual Trigger -> Sample Data -> Journey Mapper (ids kept, to check against the truth) -> Segmenter. */
function pipeline(sample: IDataObject = {}, segmenter: IDataObject = {}): WorkflowJson {
	return {
		name: 'customer segmenter test',
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
				parameters: { source: 'auto', pseudonymize: false, dropWithoutConsent: true, options: {} },
			},
			{
				name: SEGMENTER,
				type: 'n8n-nodes-journey-ads.customerSegmenter',
				typeVersion: 1,
				position: [600, 0],
				parameters: { method: 'kmeans', kMode: 'auto', input: 'auto', stableIds: true, options: {}, ...segmenter },
			},
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'Sample Data', type: 'main', index: 0 }]] },
			'Sample Data': { main: [[{ node: 'Journey Mapper', type: 'main', index: 0 }]] },
			'Journey Mapper': { main: [[{ node: SEGMENTER, type: 'main', index: 0 }]] },
		},
	};
}

/** Start -> Segmenter with the given rows as its input items. */
function direct(segmenter: IDataObject = {}, settings: IDataObject = {}): WorkflowJson {
	return {
		name: 'customer segmenter direct',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: SEGMENTER,
				type: 'n8n-nodes-journey-ads.customerSegmenter',
				typeVersion: 1,
				position: [200, 0],
				parameters: { method: 'kmeans', kMode: 'auto', input: 'auto', stableIds: false, options: {}, ...segmenter },
				...settings,
			},
		],
		connections: { Start: { main: [[{ node: SEGMENTER, type: 'main', index: 0 }]] } },
	};
}

async function runDirect(rows: IDataObject[], segmenter: IDataObject = {}, settings: IDataObject = {}) {
	return await engine.runWorkflow(direct(segmenter, settings), {
		startNode: 'Start',
		inputItems: rows.map((json) => ({ json })),
	});
}

/** Adjusted Rand index of two labelings of the same items (1 = identical partitions, ~0 = chance). */
function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
	const pairs = (x: number) => (x * (x - 1)) / 2;
	const cells = new Map<string, number>();
	const rowsA = new Map<string, number>();
	const colsB = new Map<string, number>();
	for (let i = 0; i < a.length; i++) {
		const key = `${a[i]}\u0000${b[i]}`;
		cells.set(key, (cells.get(key) ?? 0) + 1);
		rowsA.set(a[i], (rowsA.get(a[i]) ?? 0) + 1);
		colsB.set(b[i], (colsB.get(b[i]) ?? 0) + 1);
	}
	let index = 0;
	for (const v of cells.values()) index += pairs(v);
	let sumA = 0;
	for (const v of rowsA.values()) sumA += pairs(v);
	let sumB = 0;
	for (const v of colsB.values()) sumB += pairs(v);
	const expected = (sumA * sumB) / pairs(a.length);
	const max = (sumA + sumB) / 2;
	return max === expected ? 1 : (index - expected) / (max - expected);
}

interface Outcome {
	run: RunResult;
	customers: Item[];
	segments: Segment[];
	/** Planted group per identified customer's segment, for customers in a planted group. */
	planted: string[];
	assigned: string[];
	/** For each planted group: the segment holding most of its customers. */
	dominant: Record<string, Segment>;
}

const truthCache = new Map<string, ReturnType<typeof generateSampleData>['truth']>();
function truthOf(seed: number, customers: number) {
	const key = `${seed}:${customers}`;
	let truth = truthCache.get(key);
	if (!truth) truthCache.set(key, (truth = generateSampleData({ seed, customers }).truth));
	return truth;
}

async function segmentSample(
	seed: number,
	customers: number,
	segmenter: IDataObject = {},
	staticData?: IDataObject,
): Promise<Outcome> {
	const run = await engine.runWorkflow(pipeline({ seed, customers }, segmenter), staticData ? { staticData } : {});
	expect(run.error).toBeUndefined();
	const [customerItems, segmentItems] = run.outputs[SEGMENTER];
	const segments = segmentItems.map((s) => s.json as unknown as Segment);
	const truth = truthOf(seed, customers);
	const groupOf = new Map<string, string>();
	for (const [group, t] of Object.entries(truth.groups)) for (const id of t.customerIds) groupOf.set(`hubspot:${id}`, group);
	const planted: string[] = [];
	const assigned: string[] = [];
	const counts = new Map<string, Map<string, number>>();
	for (const c of customerItems) {
		const group = groupOf.get(String(c.json.customerId));
		if (group === undefined) continue; // anonymous visitors belong to no planted group
		planted.push(group);
		assigned.push(String(c.json.segmentId));
		const row = counts.get(group) ?? new Map<string, number>();
		row.set(String(c.json.segmentId), (row.get(String(c.json.segmentId)) ?? 0) + 1);
		counts.set(group, row);
	}
	const dominant: Record<string, Segment> = {};
	for (const [group, row] of counts) {
		const best = Array.from(row).sort((x, y) => y[1] - x[1])[0][0];
		dominant[group] = segments.find((s) => s.segmentId === best) as Segment;
	}
	return { run, customers: customerItems, segments, planted, assigned, dominant };
}

/** Words that name each planted group's trait, in a label or description. */
const TRAIT_WORDS: Record<SampleGroup, RegExp> = {
	premium_loyalists: /high-value|loyal|big spender/i,
	deal_seekers: /email|deal|discount/i,
	browsers: /brows|not buying|rarely buy/i,
	lapsed: /lapsed|inactive|gone quiet/i,
};

describe('Customer Segmenter on Sample Data through the n8n engine', () => {
	const truth = truthOf(42, 500);
	let quickstart: Outcome;

	beforeAll(async () => {
		quickstart = await segmentSample(42, 500);
	});

	it('auto-k finds the number of groups the generator planted (seed 42, 500 customers)', () => {
		const k = quickstart.segments[0].quality.k;
		expect(k).toBe(Object.keys(truth.groups).length);
		expect(quickstart.segments).toHaveLength(k);
		expect(quickstart.segments[0].quality.kReason).toMatch(/^k = 4 chosen .* highest silhouette/);
		// Measured: 0.91 over the identified customers (anonymous visitors are in no planted group).
		expect(adjustedRandIndex(quickstart.planted, quickstart.assigned)).toBeGreaterThanOrEqual(0.8);
	});

	it.each([
		[7, 1000],
		[123, 2000],
	])('auto-k finds the planted groups on other data too (seed %i, %i customers)', async (seed, customers) => {
		const outcome = await segmentSample(seed, customers);
		expect(outcome.segments[0].quality.k).toBe(Object.keys(truthOf(seed, customers).groups).length);
		// Measured: 0.89 (seed 7, 1000) and 0.88 (seed 123, 2000).
		expect(adjustedRandIndex(outcome.planted, outcome.assigned)).toBeGreaterThanOrEqual(0.8);
	});

	it("names each planted group's trait in its dominant segment's label and description", () => {
		const segmentIds = new Set<string>();
		for (const group of Object.keys(truth.groups) as SampleGroup[]) {
			const segment = quickstart.dominant[group];
			expect(`${segment.label}`).toMatch(TRAIT_WORDS[group]);
			expect(segment.description).toMatch(TRAIT_WORDS[group]);
			segmentIds.add(segment.segmentId);
		}
		// Each planted group has a segment of its own.
		expect(segmentIds.size).toBe(Object.keys(truth.groups).length);
	});

	it('writes labels and descriptions in plain language: distinct labels, no z-scores or rule names', () => {
		const labels = quickstart.segments.map((s) => s.label);
		expect(new Set(labels).size).toBe(labels.length);
		for (const s of quickstart.segments) {
			expect(s.label).not.toMatch(/\(\d+\)/);
			expect(s.description).toMatch(new RegExp(`^[A-Z][^:]+: \\d+% of customers \\(${s.size}\\), `));
			expect(s.description).not.toMatch(/z-score|\bz\b|[+-]\d\.\d\d\b|recencyDays|channel_|stage_|rule/i);
			// The numbers behind the words stay in distinguishingFeatures.
			expect(s.distinguishingFeatures.length).toBeGreaterThan(0);
			for (const f of s.distinguishingFeatures) expect(Number.isFinite(f.zScore)).toBe(true);
		}
		const premium = quickstart.dominant.premium_loyalists;
		expect(premium.description).toMatch(/spending \$\d+ on average \(\d+(\.\d)?x the average customer\)/);
	});

	it('emits segment summaries that satisfy the Segment contract', () => {
		let total = 0;
		for (const s of quickstart.segments) {
			SegmentSchema.parse(s);
			expect(s.method).toBe('kmeans');
			expect(s.protectedAttributesUsed).toEqual([]);
			total += s.size;
		}
		expect(total).toBe(quickstart.customers.length);
		// Default journey features: no derived stage one-hots, no daysToConvert.
		expect(Object.keys(quickstart.segments[0].profile).filter((f) => /^stage_|daysToConvert/.test(f))).toEqual([]);
	});

	it('pairs customers to their input items; they keep their journey fields plus the segment', () => {
		const journeys = quickstart.run.outputs['Journey Mapper'][0];
		expect(quickstart.customers).toHaveLength(journeys.length);
		const ids = new Set(quickstart.segments.map((s) => s.segmentId));
		quickstart.customers.forEach((c, i) => {
			expect(c.pairedItem).toEqual({ item: i });
			const { segmentId, segmentLabel, segmentDistance, ...rest } = c.json;
			expect(rest).toEqual(journeys[i].json);
			expect(ids.has(String(segmentId))).toBe(true);
			expect(quickstart.segments.find((s) => s.segmentId === segmentId)?.label).toBe(segmentLabel);
			expect(typeof segmentDistance).toBe('number');
			expect(segmentDistance as number).toBeGreaterThanOrEqual(0);
		});
		// Each segment summary is paired with its members.
		const segmentItems = quickstart.run.outputs[SEGMENTER][1];
		for (const item of segmentItems) {
			const members = item.pairedItem as Array<{ item: number }>;
			expect(members.length).toBe((item.json as unknown as Segment).size);
		}
	});

	it('keeps segment ids stable across runs through the static data, on data that shifted a little', async () => {
		const first = await segmentSample(42, 500);
		expect(first.run.staticData).toHaveProperty([`node:${SEGMENTER}`, 'segmentModel']);
		// 5% fewer customers, the model from the first run carried over in the static data.
		const second = await segmentSample(42, 475, {}, first.run.staticData);
		expect(second.segments).toHaveLength(first.segments.length);
		for (const group of Object.keys(truth.groups)) {
			expect(second.dominant[group].segmentId).toBe(first.dominant[group].segmentId);
		}
		for (const s of second.segments) expect(s).toMatchObject({ stability: { matchedPrevious: true } });
		// And on another seed of the same company.
		const third = await segmentSample(43, 500, {}, second.run.staticData);
		for (const group of Object.keys(truth.groups)) {
			expect(third.dominant[group].segmentId).toBe(first.dominant[group].segmentId);
		}
	});

	it("matches segment ids against the 'Previous Model (JSON)' option", async () => {
		const model = (quickstart.run.staticData[`node:${SEGMENTER}`] as IDataObject).segmentModel as IDataObject;
		const renamed = { ...model, segmentIds: (model.segmentIds as string[]).map((id) => `campaign-${id}`) };
		const outcome = await segmentSample(42, 475, {
			stableIds: false,
			options: { previousModel: JSON.stringify(renamed) },
		});
		for (const group of Object.keys(truth.groups)) {
			expect(outcome.dominant[group].segmentId).toBe(`campaign-${quickstart.dominant[group].segmentId}`);
		}
		const bad = await engine.runWorkflow(pipeline({}, { options: { previousModel: '{ not json' } }));
		expect(bad.status).toBe('error');
		expect(bad.error?.message).toMatch(/Previous Model \(JSON\)/);
	});

	it('leaves protected attributes out by default and records them on every segment when allowed', async () => {
		const fields = { categoricalFields: 'attributes.gender, attributes.age_band, attributes.plan' };
		const byDefault = await segmentSample(42, 500, { kMode: 'fixed', k: 4, options: fields });
		for (const s of byDefault.segments) {
			expect(s.protectedAttributesUsed).toEqual([]);
			expect(Object.keys(s.profile).filter((f) => /gender|age/.test(f))).toEqual([]);
			expect(Object.keys(s.profile)).toContain('attributes.plan_plus');
			expect(s.attributes ?? {}).not.toHaveProperty('gender');
		}
		const allowed = await segmentSample(42, 500, {
			kMode: 'fixed',
			k: 4,
			options: { ...fields, allowProtectedAttributes: 'gender' },
		});
		for (const s of allowed.segments) {
			expect(s.protectedAttributesUsed).toEqual(['attributes.gender']);
			expect(Object.keys(s.profile)).toContain('attributes.gender_female');
			expect(Object.keys(s.profile).filter((f) => /age/.test(f))).toEqual([]);
		}
	});

	it('gives named RFM segments with the RFM method', async () => {
		const outcome = await segmentSample(42, 500, { method: 'rfm' });
		expect(outcome.segments.length).toBeGreaterThan(1);
		for (const s of outcome.segments) {
			SegmentSchema.parse(s);
			expect(s.method).toBe('rfm');
			expect(RFM_SEGMENTS as readonly string[]).toContain(s.label);
			expect(s.segmentId).toMatch(/^rfm-[a-z-]+$/);
		}
		const rfm = outcome.customers[0].json.rfm as IDataObject;
		expect(String(rfm.code)).toMatch(/^[1-5]{3}$/);
	});
});

describe('Customer Segmenter with bad input through the n8n engine', () => {
	const rows = (n: number) =>
		Array.from({ length: n }, (_, i) => ({ customerId: `c${i}`, spend: (i % 3) * 100 + i, visits: (i % 3) * 5 + 1 }));

	it('passes empty input through: no customers, no segments, no error', async () => {
		const run = await runDirect([]);
		expect(run.error).toBeUndefined();
		const outputs = run.outputs[SEGMENTER] ?? [[], []];
		expect(outputs.flat()).toEqual([]);
	});

	it('explains why a single row cannot be segmented automatically, and segments it with RFM', async () => {
		const run = await runDirect([{ customerId: 'only', spend: 5, visits: 1 }]);
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/choosing k needs at least 3 rows/);
		const rfm = await runDirect([{ customerId: 'only', recencyDays: 3, frequency: 2, monetary: 40 }], { method: 'rfm' });
		expect(rfm.error).toBeUndefined();
		expect(rfm.outputs[SEGMENTER][1]).toHaveLength(1);
	});

	it('fits with the Fit Strategy option, assigns every customer and reports the strategy and gap on each segment', async () => {
		const run = await runDirect(rows(600), {
			kMode: 'fixed',
			k: 3,
			options: { numericFields: 'spend, visits', fitStrategy: 'minibatch', batchSize: 50, sampleSize: 200, inertiaGap: 'full' },
		});
		expect(run.error).toBeUndefined();
		const [customers, segments] = run.outputs[SEGMENTER];
		expect(customers).toHaveLength(600);
		for (const c of customers) expect(typeof c.json.segmentId).toBe('string');
		const fit = segments[0].json.fit as IDataObject;
		expect(fit).toMatchObject({ requested: 'minibatch', strategy: 'minibatch', rows: 600, batchSize: 50 });
		expect(fit.inertiaGap).toMatchObject({ mode: 'full', rows: 600 });
		expect(String((fit.inertiaGap as IDataObject).label)).toMatch(/^Exact, on all 600 rows/);
		for (const segment of segments) expect(segment.json.fit).toEqual(fit);
	});

	it('names the fit option at fault', async () => {
		const run = await runDirect(rows(30), { options: { numericFields: 'spend, visits', batchSize: 0 } });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('batchSize must be a positive integer, got 0');
	});

	it('refuses a fixed k larger than the number of rows', async () => {
		const run = await runDirect(rows(3), { kMode: 'fixed', k: 5 });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('k = 5 is larger than the number of customers (3)');
	});

	it("names the item and the field for a string in a numeric field with nonNumeric 'error'", async () => {
		const input: IDataObject[] = rows(9);
		input[4] = { ...input[4], spend: 'lots' };
		const run = await runDirect(input, { options: { numericFields: 'spend, visits', nonNumeric: 'error' } });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Item 4: field "spend" is the string "lots", not a number/);
		const imputed = await runDirect(input, { kMode: 'fixed', k: 3, options: { numericFields: 'spend, visits', nonNumeric: 'impute' } });
		expect(imputed.error).toBeUndefined();
		expect((imputed.outputs[SEGMENTER][1][0].json.counts as IDataObject).imputed).toEqual({ spend: 1 });
	});

	it('with Continue On Fail, emits the error as an item paired to the failing input instead', async () => {
		const input: IDataObject[] = rows(9);
		input[4] = { ...input[4], spend: 'lots' };
		const run = await runDirect(input, { options: { numericFields: 'spend, visits' } }, { onError: 'continueRegularOutput' });
		expect(run.error).toBeUndefined();
		const [[errorItem], segments] = run.outputs[SEGMENTER];
		expect(errorItem.json).toMatchObject({ itemIndex: 4, field: 'spend' });
		expect(String(errorItem.json.error)).toMatch(/Item 4: field "spend"/);
		expect(errorItem.pairedItem).toEqual({ item: 4 });
		expect(segments ?? []).toEqual([]);
	});

	describe('auto input: a malformed item among journeys', () => {
		/** Nine journeys in two planted groups, then one {error} item (what an upstream continue-on-fail emits). */
		const input = (): IDataObject[] => {
			const list = Array.from({ length: 9 }, (_, i) =>
				journey(`c${i}`, {
					touchpoints: i < 5 ? 3 : 20,
					revenue: i < 5 ? 10 : 400,
					engagement: { byChannel: i < 5 ? { email: 3 } : { paid_search: 20 }, byEvent: {} },
				}),
			) as IDataObject[];
			list.splice(3, 0, { error: 'HubSpot: rate limited' });
			return list;
		};

		it('stops naming the item, instead of silently segmenting every journey as a plain row', async () => {
			const run = await runDirect(input(), { kMode: 'fixed', k: 2 });
			expect(run.status).toBe('error');
			expect(run.error?.message).toMatch(/^Item 3 is not a valid Journey: field "customerId" is missing/);
			expect((run.error?.context as IDataObject | undefined)?.itemIndex).toBe(3);
		});

		it('with Continue On Fail, passes the bad item through marked and segments the journeys', async () => {
			const run = await runDirect(input(), { kMode: 'fixed', k: 2 }, { onError: 'continueRegularOutput' });
			expect(run.error).toBeUndefined();
			const [customers, segments] = run.outputs[SEGMENTER];
			expect(customers).toHaveLength(10);
			const marked = customers.filter((c) => c.json.error !== undefined);
			expect(marked).toHaveLength(1);
			expect(marked[0].json).toMatchObject({ field: 'customerId' });
			expect(String(marked[0].json.error)).toMatch(/^Item 3 is not a valid Journey/);
			expect(marked[0].pairedItem).toEqual({ item: 3 });
			expect(marked[0].json.segmentId).toBeUndefined();
			const segmented = customers.filter((c) => c.json.error === undefined);
			expect(segmented).toHaveLength(9);
			for (const c of segmented) expect((c.pairedItem as { item: number }).item).not.toBe(3);
			expect(segments).toHaveLength(2);
			// journey features (recency, channel shares), not numeric fields auto-detected on rows
			expect(Object.keys(segments[0].json.profile as IDataObject)).toEqual(expect.arrayContaining(['recencyDays', 'channel_email']));
		});
	});
});
