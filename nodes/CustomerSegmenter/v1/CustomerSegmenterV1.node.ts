import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { segmentCustomers, type SegmentCustomersOptions } from '../../../lib/segment';
import { ContractError } from '../../../lib/contracts/validate';
import { InputError } from '../../../lib/util/errors';
import { toNodeError } from '../../shared/errors';
import { errorMessage, parseJsonParameter, splitList } from '../../shared/params';
import { ICON } from '../../shared/versioned';
import { customerSegmenterProperties } from './properties';

const STATIC_MODEL_KEY = 'segmentModel';
/** lib names the option, then the field inside the model: `previousModel.centroids.2`. */
const PREVIOUS_MODEL_FIELD = 'previousModel';

export class CustomerSegmenterV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Customer Segmenter',
		name: 'customerSegmenter',
		icon: ICON,
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["method"] === "rfm" ? "RFM" : "k-means"}}',
		description:
			'Groups customers by behaviour (k-means with automatic k, or RFM) and explains each segment with the features that set it apart',
		defaults: { name: 'Customer Segmenter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Customers', 'Segments'],
		usableAsTool: true,
		properties: customerSegmenterProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// Nothing to segment: no customers and no segments (not an error, so an empty sync passes through).
		if (items.length === 0) return [[], []];
		try {
			const stableIds = this.getNodeParameter('stableIds', 0) as boolean;
			const includeModel = this.getNodeParameter('options.includeModel', 0, false) as boolean;
			const options = readOptions(this);
			const staticData = this.getWorkflowStaticData('node');
			if (stableIds && options.previousModel === undefined && staticData[STATIC_MODEL_KEY]) {
				options.previousModel = staticData[STATIC_MODEL_KEY];
			}
			// Under continue-on-fail a journey that fails its contract is passed through marked.
			const result = segmentCustomers(
				items.map((item) => item.json),
				{ ...options, invalidJourneys: this.continueOnFail() ? 'skip' : 'error' },
			);
			if (stableIds) staticData[STATIC_MODEL_KEY] = result.model as unknown as IDataObject;

			const membersBySegment = new Map<string, Array<{ item: number }>>();
			const customers: INodeExecutionData[] = result.customers.map((c) => {
				const list = membersBySegment.get(c.segmentId) ?? [];
				list.push({ item: c.index });
				membersBySegment.set(c.segmentId, list);
				return {
					json: {
						...items[c.index].json,
						segmentId: c.segmentId,
						segmentLabel: c.label,
						segmentDistance: c.distance,
						...(c.rfm ? { rfm: c.rfm } : {}),
					},
					pairedItem: { item: c.index },
				};
			});
			for (const issue of result.rejected) {
				customers.push({
					json: {
						...items[issue.itemIndex].json,
						error: new ContractError('Journey', issue).message,
						field: issue.field,
					},
					pairedItem: { item: issue.itemIndex },
				});
			}
			const projectionBySegment = new Map<string, Array<{ x: number; y: number }>>();
			for (const p of result.projection) {
				const list = projectionBySegment.get(p.segmentId) ?? [];
				list.push({ x: p.x, y: p.y });
				projectionBySegment.set(p.segmentId, list);
			}
			const segments: INodeExecutionData[] = result.segments.map((segment) => ({
				json: {
					...(segment as unknown as IDataObject),
					projection: projectionBySegment.get(segment.segmentId) ?? [],
					counts: {
						imputed: result.counts.imputed,
						coerced: result.counts.coerced,
						matchedPrevious: result.counts.matchedPrevious,
					},
					// k-means: the fit strategy used, its inertia over all customers, the gap when measured.
					fit: result.diagnostics.fit as unknown as IDataObject,
					// Opt-in, so old workflows' outputs stay as they were; the same model on every segment.
					...(includeModel ? { model: result.model as unknown as IDataObject } : {}),
				},
				pairedItem: membersBySegment.get(segment.segmentId) ?? [],
			}));
			return [customers, segments];
		} catch (error) {
			const itemIndex = error instanceof InputError ? error.itemIndex : undefined;
			if (this.continueOnFail()) {
				const field = error instanceof InputError ? error.field : undefined;
				return [
					[
						{
							json: {
								error: errorMessage(error),
								...(itemIndex !== undefined ? { itemIndex } : {}),
								...(field !== undefined ? { field } : {}),
							},
							pairedItem: itemIndex !== undefined ? { item: itemIndex } : items.map((_, item) => ({ item })),
						},
					],
					[],
				];
			}
			if (error instanceof InputError && error.field?.startsWith(PREVIOUS_MODEL_FIELD)) {
				throw previousModelError(this.getNode(), error);
			}
			throw toNodeError(this.getNode(), error, itemIndex);
		}
	}
}

/** Parameters are read once: segmentation looks at all items together. */
function readOptions(ctx: IExecuteFunctions): SegmentCustomersOptions {
	const method = ctx.getNodeParameter('method', 0) as 'kmeans' | 'rfm';
	const kMode = method === 'kmeans' ? (ctx.getNodeParameter('kMode', 0) as string) : 'auto';
	const o = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	// An object from an expression, or JSON text; empty (nothing stored yet) means no previous model.
	const previousModel = parseJsonParameter<unknown>(ctx, 'Previous Model (JSON)', o.previousModel);
	return {
		method,
		k: kMode === 'fixed' ? (ctx.getNodeParameter('k', 0) as number) : 'auto',
		input: ctx.getNodeParameter('input', 0) as SegmentCustomersOptions['input'],
		kMin: o.kMin as number | undefined,
		kMax: o.kMax as number | undefined,
		scaling: o.scaling as SegmentCustomersOptions['scaling'],
		impute: o.impute as SegmentCustomersOptions['impute'],
		nonNumeric: o.nonNumeric as SegmentCustomersOptions['nonNumeric'],
		seed: o.seed as number | undefined,
		nInit: o.nInit as number | undefined,
		maxIterations: o.maxIterations as number | undefined,
		topFeatures: o.topFeatures as number | undefined,
		idField: (o.idField as string) || undefined,
		numericFields: splitList(o.numericFields),
		categoricalFields: splitList(o.categoricalFields),
		allowProtectedAttributes: splitList(o.allowProtectedAttributes),
		journeyFeatures: o.journeyFeatures as SegmentCustomersOptions['journeyFeatures'],
		channelSmoothing: o.channelSmoothing as number | undefined,
		anonymousVisitors: o.anonymousVisitors as SegmentCustomersOptions['anonymousVisitors'],
		fitStrategy: o.fitStrategy as SegmentCustomersOptions['fitStrategy'],
		fitThreshold: o.fitThreshold as number | undefined,
		batchSize: o.batchSize as number | undefined,
		batches: o.batches as number | undefined,
		sampleSize: o.sampleSize as number | undefined,
		inertiaGap: o.inertiaGap as SegmentCustomersOptions['inertiaGap'],
		previousModel,
		// A model passed on purpose must be able to continue ids; the static data's just starts fresh.
		previousModelMismatch: previousModel === undefined ? undefined : 'error',
	};
}

/** A previous model lib cannot use, as an error on the Previous Model option saying what to pass. */
function previousModelError(node: INode, error: InputError): NodeOperationError {
	const mismatch = error.field === `${PREVIOUS_MODEL_FIELD}.method` || error.field === `${PREVIOUS_MODEL_FIELD}.featureNames`;
	return new NodeOperationError(node, `Previous Model (JSON) cannot be used: ${error.message.replace(/^previous segment model: /, '')}`, {
		description: mismatch
			? 'The model comes from a run with other settings. Pass the model of a run with the same method and features, or leave Previous Model empty: this run then gives fresh segment IDs, and its model keeps them from the next run on.'
			: 'Pass the "model" field of a Segments item from an earlier run of this node with the Include Model option on, unchanged: as an object from an expression (for example {{ $json.model }}) or as its JSON text. Leave the option empty when no model is stored yet.',
	});
}
