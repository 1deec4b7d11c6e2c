import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { JourneyMap } from '../../../lib/contracts';
import { JourneyMap as JourneyMapSchema, assertContract } from '../../../lib/contracts';
import type { PriceTable } from '../../../lib/llm';
import { buildPersonaRun, type PersonaRun } from '../../../lib/persona';
import { llmOptionFields, modelProperty, modeProperty } from '../../shared/descriptions';
import { toNodeError } from '../../shared/errors';
import { CHAT_MODEL_INPUT, chatModelNotice, createNodeLlmClient, llmErrorToNodeError, LLM_CREDENTIAL } from '../../shared/llm';
import { errorMessage, parseJsonParameter, splitList } from '../../shared/params';
import { ICON } from '../../shared/versioned';

export class PersonaBuilderV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Persona Builder',
		name: 'personaBuilder',
		icon: ICON,
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "llm" ? "with a model" : "offline"}}',
		description:
			'Turns each customer segment into a persona (motivations, goals, pain points, objections, channels, tone) with evidence for every claim',
		defaults: { name: 'Persona Builder' },
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Segments' },
			{ type: NodeConnectionTypes.Main, displayName: 'Journey Map' },
			CHAT_MODEL_INPUT,
		],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Personas', 'Run Summary'],
		usableAsTool: true,
		credentials: [
			{ name: LLM_CREDENTIAL, required: false, displayOptions: { show: { mode: ['llm'] } } },
		],
		properties: [
			{
				displayName:
					'Connect the Customer Segmenter\'s "Segments" output to the first input. The Journey Mapper\'s "Journey Map" output on the second input is optional: its pain points enrich the personas.',
				name: 'inputsNotice',
				type: 'notice',
				default: '',
			},
			modeProperty(
				"Deterministic personas written from the segment's numbers; no credentials, no network",
				'A model enriches the same structure; claims without evidence are dropped',
			),
			modelProperty,
			chatModelNotice,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ displayName: 'Allow Protected Attributes', name: 'allowProtectedAttributes', type: 'string', default: '', description: 'Comma-separated protected attributes (e.g. age_band) the persona may describe. None by default.' },
					{ displayName: 'Minimum Z-Score for a Trait', name: 'minZScore', type: 'number', typeOptions: { minValue: 0 }, default: 0.5, description: 'How far from the average a feature must be to count as a trait of the segment' },
					...llmOptionFields('Keep the offline persona, marked with llmError', 0.4),
					{ displayName: 'Price Table (JSON)', name: 'prices', type: 'json', default: '', description: 'USD per 1M tokens by model, e.g. {"my-model": {"inputPer1M": 0.5, "outputPer1M": 1.5}}, for the cost estimates' },
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const segmentItems = this.getInputData(0);
		const mapItems = this.getInputData(1) ?? [];
		try {
			const mode = this.getNodeParameter('mode', 0) as 'offline' | 'llm';
			const o = this.getNodeParameter('options', 0, {}) as IDataObject;

			// A journey map may arrive on the second input (or mixed into the first).
			let journeyMap: JourneyMap | null = null;
			const segments: Array<{ segment: IDataObject; index: number }> = [];
			segmentItems.forEach((item, index) => {
				if (item.json.kind === 'journeyMap') {
					journeyMap = assertContract('journey map', JourneyMapSchema, item.json, index);
				} else {
					segments.push({ segment: item.json, index });
				}
			});
			const mapIndex = mapItems.findIndex((item) => item.json.kind === 'journeyMap');
			if (mapIndex >= 0) {
				journeyMap = assertContract('journey map on the Journey Map input', JourneyMapSchema, mapItems[mapIndex].json, mapIndex);
			}

			const prices = parseJsonParameter<PriceTable>(this, 'Price Table (JSON)', o.prices);
			const client =
				mode === 'llm'
					? await createNodeLlmClient(this, {
							model: this.getNodeParameter('model', 0, '') as string,
							temperature: o.temperature as number | undefined,
							concurrency: o.concurrency as number | undefined,
							maxRetries: o.maxRetries as number | undefined,
							prices,
						})
					: null;

			let run: PersonaRun;
			try {
				run = await buildPersonaRun(
					segments.map((s) => s.segment),
					{
						client,
						llm: { temperature: o.temperature as number | undefined },
						onLlmError: (o.onLlmError as 'fallback' | 'throw' | undefined) ?? 'fallback',
						journeyMap,
						allowProtectedAttributes: splitList(o.allowProtectedAttributes),
						minZScore: o.minZScore as number | undefined,
						createdAt: new Date().toISOString(),
					},
				);
			} catch (error) {
				// Contract errors name the position among segments; map it back to the input item.
				const e = error as { itemIndex?: number };
				if (typeof e.itemIndex === 'number' && segments[e.itemIndex]) {
					(error as { itemIndex: number }).itemIndex = segments[e.itemIndex].index;
				}
				throw llmErrorToNodeError(this.getNode(), error);
			}
			return [
				run.personas.map((persona, i) => ({
					json: persona as unknown as IDataObject,
					pairedItem: { item: segments[i].index },
				})),
				[{ json: run.summary as unknown as IDataObject, pairedItem: segments.map((s) => ({ item: s.index })) }],
			];
		} catch (error) {
			if (this.continueOnFail()) {
				return [[{ json: { error: errorMessage(error) }, pairedItem: segmentItems.map((_, item) => ({ item })) }], []];
			}
			throw toNodeError(this.getNode(), error);
		}
	}
}
