import type { IDataObject } from 'n8n-workflow';

import { createEngine, type Item, type RunResult, type WorkflowJson } from '../support/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startRedis } = require('../support/services.js') as {
	startRedis(): Promise<{ host: string; port: number; stop(): Promise<void> }>;
};

const engine = createEngine();
const SEGMENTER = 'Customer Segmenter';

/** A workflow of nodes in a row, each feeding the next. */
function inRow(name: string, nodes: Array<[name: string, type: string, parameters: IDataObject]>): WorkflowJson {
	return {
		name,
		nodes: nodes.map(([node, type, parameters], i) => ({ name: node, type, typeVersion: 1, position: [200 * i, 0], parameters })),
		connections: Object.fromEntries(
			nodes.slice(1).map(([node], i) => [nodes[i][0], { main: [[{ node, type: 'main', index: 0 }]] }]),
		),
	};
}

/**
 * Start -> Sample Data -> Journey Mapper -> Segmenter. Start's input item stands for what a workflow
 * read from its store (a Data Table row, a Redis value ...) before segmenting.
 */
function pipeline(customers: number, segmenter: IDataObject = {}): WorkflowJson {
	return inRow('customer segmenter model', [
		['Start', 'n8n-nodes-base.noOp', {}],
		['Sample Data', 'n8n-nodes-journey-ads.journeyAdsSampleData', { customers, seed: 42 }],
		['Journey Mapper', 'n8n-nodes-journey-ads.journeyMapper', { source: 'auto', pseudonymize: false, dropWithoutConsent: true, options: {} }],
		[SEGMENTER, 'n8n-nodes-journey-ads.customerSegmenter', { method: 'kmeans', kMode: 'auto', input: 'auto', stableIds: false, options: {}, ...segmenter }],
	]);
}

async function run(
	customers: number,
	segmenter: IDataObject = {},
	stored: IDataObject = {},
	staticData?: IDataObject,
): Promise<RunResult> {
	return await engine.runWorkflow(pipeline(customers, segmenter), {
		startNode: 'Start',
		inputItems: [{ json: stored }],
		...(staticData ? { staticData } : {}),
	});
}

const segmentsOf = (result: RunResult): Item[] => result.outputs[SEGMENTER][1];
const idsByCustomer = (result: RunResult): Map<string, string> =>
	new Map(result.outputs[SEGMENTER][0].map((c) => [String(c.json.customerId), String(c.json.segmentId)]));
const matchedCount = (result: RunResult): number =>
	(segmentsOf(result)[0].json.counts as IDataObject).matchedPrevious as number;

const FROM_STORE = "={{ $('Start').first().json.model }}";

describe('Customer Segmenter: the model as output, and back as Previous Model', () => {
	let first: RunResult;
	let model: IDataObject;

	beforeAll(async () => {
		first = await run(500, { options: { includeModel: true } });
		expect(first.error).toBeUndefined();
		model = segmentsOf(first)[0].json.model as IDataObject;
	});

	it('without Include Model, the Segments items are as before: no model on them', async () => {
		const plain = await run(500);
		expect(plain.error).toBeUndefined();
		const withModel = segmentsOf(first);
		expect(segmentsOf(plain)).toHaveLength(withModel.length);
		segmentsOf(plain).forEach((item, i) => {
			expect(item.json).not.toHaveProperty('model');
			expect({ ...item.json, model }).toEqual(withModel[i].json);
		});
	});

	it('with Include Model, every Segments item carries the same model, naming their segment ids', () => {
		const segments = segmentsOf(first);
		expect(segments).toHaveLength(4);
		expect(model).toMatchObject({ kind: 'segmentModel', version: 1, method: 'kmeans', nextSegmentNumber: 5 });
		expect(model.segmentIds).toEqual(segments.map((s) => s.json.segmentId));
		expect(model.segmentIds).toEqual(['seg-1', 'seg-2', 'seg-3', 'seg-4']);
		for (const s of segments) expect(s.json.model).toEqual(model);
		// Plain JSON: it survives being stored as text.
		expect(JSON.parse(JSON.stringify(model))).toEqual(model);
	});

	it('is the model the static data path keeps', async () => {
		const stable = await run(500, { stableIds: true, options: { includeModel: true } });
		expect((stable.staticData[`node:${SEGMENTER}`] as IDataObject).segmentModel).toEqual(model);
	});

	describe('run 2 on shifted data (475 customers) with the stored model', () => {
		let viaStaticData: RunResult;
		beforeAll(async () => {
			const stable = await run(500, { stableIds: true });
			viaStaticData = await run(475, { stableIds: true }, {}, stable.staticData);
			expect(viaStaticData.error).toBeUndefined();
		});

		it.each([
			['an object from an expression', { model: 'object' }],
			['JSON text from an expression (as a key-value store returns it)', { model: 'text' }],
		])('keeps every segment id, as the static data does, given %s', async (_, { model: as }) => {
			const stored = { model: as === 'object' ? model : JSON.stringify(model) };
			const second = await run(475, { options: { previousModel: FROM_STORE } }, stored);
			expect(second.error).toBeUndefined();
			expect(matchedCount(second)).toBe(4);
			expect(segmentsOf(second).map((s) => s.json.segmentId).sort()).toEqual(['seg-1', 'seg-2', 'seg-3', 'seg-4']);
			for (const s of segmentsOf(second)) expect(s.json.stability).toMatchObject({ matchedPrevious: true });
			// The same ids for the same customers as the static-data path.
			expect(idsByCustomer(second)).toEqual(idsByCustomer(viaStaticData));
			expect(matchedCount(viaStaticData)).toBe(4);
			// Each id names the same kind of customer as in run 1.
			const labelBefore = new Map(segmentsOf(first).map((s) => [s.json.segmentId, s.json.label]));
			for (const s of segmentsOf(second)) expect(s.json.label).toBe(labelBefore.get(s.json.segmentId));
		});

		it('continues the ids a store renamed, so they come from the model and not from a fresh fit', async () => {
			const renamed = { ...model, segmentIds: (model.segmentIds as string[]).map((id) => `vip-${id}`) };
			const second = await run(475, { options: { previousModel: FROM_STORE } }, { model: renamed });
			expect(second.error).toBeUndefined();
			const expected = new Map(Array.from(idsByCustomer(viaStaticData), ([c, id]) => [c, `vip-${id}`]));
			expect(idsByCustomer(second)).toEqual(expected);
		});

		it('starts fresh when nothing is stored yet (the expression gives nothing)', async () => {
			const second = await run(475, { options: { previousModel: FROM_STORE } }, {});
			expect(second.error).toBeUndefined();
			expect(matchedCount(second)).toBe(0);
		});
	});

	describe('a model it cannot use stops the run, naming Previous Model and the field', () => {
		const expectError = (result: RunResult, message: RegExp, description: RegExp) => {
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(description);
		};

		it('centroids that do not match its segment ids', async () => {
			const bad = { ...model, centroidsOriginal: (model.centroidsOriginal as number[][]).slice(1) };
			const result = await run(200, { options: { previousModel: FROM_STORE } }, { model: bad });
			expectError(
				result,
				/^Previous Model \(JSON\) cannot be used: field "centroidsOriginal" must have 4 \(one per segment id\) rows, got 3$/,
				/"model" field of a Segments item .* Include Model/,
			);
		});

		it('a centroid row of the wrong width', async () => {
			const rows = model.centroids as number[][];
			const bad = { ...model, centroids: [rows[0], rows[1].slice(1), rows[2], rows[3]] };
			const result = await run(200, { options: { previousModel: JSON.stringify(bad) } });
			const d = (model.featureNames as string[]).length;
			expectError(
				result,
				new RegExp(`^Previous Model \\(JSON\\) cannot be used: field "centroids\\.1" must have ${d} \\(one per feature\\), got ${d - 1}$`),
				/Include Model/,
			);
		});

		it('a whole Segments item instead of its model', async () => {
			const result = await run(200, { options: { previousModel: FROM_STORE } }, { model: segmentsOf(first)[0].json });
			expectError(result, /^Previous Model \(JSON\) cannot be used: field "kind"/, /"model" field of a Segments item/);
		});

		it('a model of other features (segmenting plain rows with a journeys model)', async () => {
			const rows = Array.from({ length: 30 }, (_, i) => ({ customerId: `c${i}`, spend: (i % 3) * 100 + i, visits: (i % 3) * 5 + 1 }));
			const workflow = inRow('rows with a journeys model', [
				['Start', 'n8n-nodes-base.noOp', {}],
				[
					SEGMENTER,
					'n8n-nodes-journey-ads.customerSegmenter',
					{
						method: 'kmeans',
						kMode: 'fixed',
						k: 3,
						input: 'rows',
						stableIds: false,
						options: { numericFields: 'spend, visits', previousModel: JSON.stringify(model) },
					},
				],
			]);
			const result = await engine.runWorkflow(workflow, {
				startNode: 'Start',
				inputItems: rows.map((json) => ({ json })),
			});
			expectError(
				result,
				/^Previous Model \(JSON\) cannot be used: none of its features \(recencyDays, .*\) is a feature of this run \(spend, visits\)$/,
				/other settings\. .*same method and features, or leave Previous Model empty/,
			);
		});

		it('a model of the other method', async () => {
			const result = await run(200, { method: 'rfm', options: { previousModel: FROM_STORE } }, { model });
			expectError(result, /^Previous Model \(JSON\) cannot be used: it was made by the kmeans method, this run uses rfm$/, /same method/);
		});

		it('with Continue On Fail, gives the error as an item naming the field', async () => {
			const bad = { ...model, labels: [] };
			const workflow = pipeline(200, { options: { previousModel: FROM_STORE } });
			Object.assign(workflow.nodes[3], { onError: 'continueRegularOutput' });
			const result = await engine.runWorkflow(workflow, { startNode: 'Start', inputItems: [{ json: { model: bad } }] });
			expect(result.error).toBeUndefined();
			const [[item]] = result.outputs[SEGMENTER];
			expect(item.json).toMatchObject({ field: 'previousModel.labels' });
			expect(String(item.json.error)).toMatch(/field "labels" must have 4 \(one per segment id\), got 0/);
		});
	});

	it('the static data path stays lenient: a kept model of other features just gives fresh ids', async () => {
		const staticData = { [`node:${SEGMENTER}`]: { segmentModel: { ...model, featureNames: (model.featureNames as string[]).map((f) => `old_${f}`) } } };
		const result = await run(200, { stableIds: true }, {}, staticData);
		expect(result.error).toBeUndefined();
		expect(matchedCount(result)).toBe(0);
	});
});

describe("the README's recipe: n8n's Redis node keeps the model between runs, a real Redis", () => {
	let redis: { host: string; port: number; stop(): Promise<void> };
	beforeAll(async () => {
		redis = await startRedis();
	});
	afterAll(async () => {
		await redis?.stop();
	});

	const REDIS = { redis: { id: '1', name: 'Redis' } };
	/** Read Model -> Sample Data -> Journey Mapper -> Segmenter; Segments -> Save Model (Execute Once). */
	const workflow = (customers: number): WorkflowJson => {
		const w = pipeline(customers, { options: { includeModel: true, previousModel: "={{ $('Read Model').first().json.segmentModel }}" } });
		const save = {
			name: 'Save Model',
			type: 'n8n-nodes-base.redis',
			typeVersion: 1,
			position: [800, 200] as [number, number],
			parameters: { operation: 'set', key: 'segment-model', value: '={{ JSON.stringify($json.model) }}', keyType: 'automatic', expire: false },
			credentials: REDIS,
			// The same model is on every Segments item: store it once.
			executeOnce: true,
		};
		w.nodes.push(
			{
				name: 'Read Model',
				type: 'n8n-nodes-base.redis',
				typeVersion: 1,
				position: [0, 200],
				parameters: { operation: 'get', propertyName: 'segmentModel', key: 'segment-model', keyType: 'automatic', options: {} },
				credentials: REDIS,
			},
			save,
		);
		w.connections = {
			...w.connections,
			Start: { main: [[{ node: 'Read Model', type: 'main', index: 0 }]] },
			'Read Model': { main: [[{ node: 'Sample Data', type: 'main', index: 0 }]] },
			[SEGMENTER]: { main: [[], [{ node: 'Save Model', type: 'main', index: 0 }]] },
		};
		return w;
	};
	const runRecipe = async (customers: number) =>
		await engine.runWorkflow(workflow(customers), {
			startNode: 'Start',
			credentials: { redis: { host: redis.host, port: redis.port, database: 0, user: '', password: '', ssl: false } },
		});

	it('run 1 starts fresh and stores the model once; run 2 on shifted data keeps every id, as static data would', async () => {
		const first = await runRecipe(500);
		expect(first.error).toBeUndefined();
		expect(first.outputs['Read Model'][0][0].json.segmentModel).toBeNull();
		expect(matchedCount(first)).toBe(0);
		expect(first.outputs['Save Model'][0]).toHaveLength(1);

		const second = await runRecipe(475);
		expect(second.error).toBeUndefined();
		const stored = JSON.parse(String(second.outputs['Read Model'][0][0].json.segmentModel)) as IDataObject;
		expect(stored).toEqual(segmentsOf(first)[0].json.model);
		expect(matchedCount(second)).toBe(4);

		const staticFirst = await run(500, { stableIds: true });
		const staticSecond = await run(475, { stableIds: true }, {}, staticFirst.staticData);
		expect(idsByCustomer(second)).toEqual(idsByCustomer(staticSecond));
	});
});
