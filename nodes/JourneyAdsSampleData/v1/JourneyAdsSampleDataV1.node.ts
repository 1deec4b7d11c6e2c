import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { generateSampleData, SAMPLE_SOURCES, type SampleSource } from '../../../lib/sample';
import { SOURCE_LABELS } from '../../../lib/util/sources';
import { toNodeError } from '../../shared/errors';
import { ICON } from '../../shared/versioned';

const SOURCES: Array<{ name: string; value: SampleSource; description: string }> = [
	{ name: SOURCE_LABELS.hubspot, value: 'hubspot', description: 'CRM contacts with lifecycle stage, analytics source, consent and PII' },
	{ name: SOURCE_LABELS.ga4, value: 'ga4', description: 'Web analytics events with microsecond timestamps and traffic source' },
	{ name: SOURCE_LABELS.mailchimp, value: 'mailchimp', description: 'Opens, clicks, bounces and unsubscribes' },
	{ name: SOURCE_LABELS.metaAds, value: 'metaAds', description: 'Daily spend, impressions and clicks per ad' },
	{ name: SOURCE_LABELS.shopify, value: 'shopify', description: 'Orders with totals and landing-site UTM parameters' },
	{ name: SOURCE_LABELS.support, value: 'support', description: 'Tickets with tags that reveal pain points' },
];

const properties: INodeProperties[] = [
	{
		displayName:
			'Synthetic data for trying the Journey Ads nodes: names, emails and notes are invented, and a few records are deliberately malformed so you can see how the pipeline rejects them',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Customers',
		name: 'customers',
		type: 'number',
		typeOptions: { minValue: 10, maxValue: 2000000 },
		default: 500,
		description: 'How many customers the company has. About 25 events are generated per customer.',
	},
	{
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		default: 42,
		description: 'The same seed always produces the same data, byte for byte',
	},
	{
		displayName: 'Sources',
		name: 'sources',
		type: 'multiOptions',
		options: SOURCES,
		default: [...SAMPLE_SOURCES],
		description: 'Which systems to export records from. All sources are emitted as one stream, as if merged upstream.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Days of History',
				name: 'days',
				type: 'number',
				typeOptions: { minValue: 7, maxValue: 730 },
				default: 90,
				description: 'Length of the period the events cover',
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '2026-10-31T23:59:59.000Z',
				description: 'Last day of the period (fixed by default so runs are reproducible)',
			},
		],
	},
];

export class JourneyAdsSampleDataV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Journey Ads Sample Data',
		name: 'journeyAdsSampleData',
		icon: ICON,
		group: ['input'],
		version: 1,
		description:
			'Generates a seeded synthetic company (CRM, web analytics, email, ads, orders, support) in the native export shapes of real tools',
		subtitle: '={{$parameter["customers"] + " customers, seed " + $parameter["seed"]}}',
		defaults: { name: 'Sample Data' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const inputs = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < inputs.length; itemIndex++) {
			try {
				const customers = this.getNodeParameter('customers', itemIndex) as number;
				const seed = this.getNodeParameter('seed', itemIndex) as number;
				const sources = this.getNodeParameter('sources', itemIndex) as SampleSource[];
				const options = this.getNodeParameter('options', itemIndex, {}) as {
					days?: number;
					endDate?: string;
				};
				const data = generateSampleData({
					customers,
					seed,
					sources,
					days: options.days,
					endDate: options.endDate ? new Date(options.endDate).toISOString() : undefined,
				});
				for (const record of data.records) {
					out.push({ json: record as INodeExecutionData['json'], pairedItem: { item: itemIndex } });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({
						json: { error: error instanceof Error ? error.message : String(error) },
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				throw toNodeError(this.getNode(), error, itemIndex);
			}
		}
		return [out];
	}
}
