import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapJourneys } from '../../../../lib/journey';
import { JOURNEY_DEFAULTS } from '../../../../lib/journey/options';
import type { CustomMapping, JourneySource } from '../../../../lib/journey/types';
import { SOURCE_LABELS, SOURCE_NAMES } from '../../../../lib/util/sources';
import { splitList } from '../../../shared/params';
import type { JourneyMapperOperationModule } from './types';
import { journeyOutputs, pseudonymSecret, readJourneyOptions } from './common.descriptions';

const { source: sourceDefault } = JOURNEY_DEFAULTS;

/** The record sources, by label (n8n lists options alphabetically). */
const SOURCE_OPTIONS = SOURCE_NAMES.filter((source) => source !== 'custom')
	.map((source) => ({ name: SOURCE_LABELS[source], value: source }))
	.sort((a, b) => a.name.localeCompare(b.name));

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Auto-Detect', value: 'auto', description: 'Recognise each record by its shape; several sources may arrive merged' },
			{ name: SOURCE_LABELS.custom, value: 'custom', description: 'Name the fields that hold the customer, time, event and channel' },
			...SOURCE_OPTIONS,
		],
		default: sourceDefault,
		description: 'Where the input records come from',
	},
	{
		displayName: 'Field Mapping',
		name: 'mapping',
		type: 'collection',
		placeholder: 'Add Field',
		default: { customerId: '', timestamp: '' },
		displayOptions: { show: { source: ['custom'] } },
		description: 'Dotted paths such as properties.email are allowed',
		options: [
			{ displayName: 'Attribute Fields', name: 'attributes', type: 'string', default: '', placeholder: 'plan, region', description: 'Comma-separated non-personal attributes to keep on each journey. Fields that look like personal data are refused.' },
			{ displayName: 'Campaign Field', name: 'campaign', type: 'string', default: '' },
			{ displayName: 'Channel Field', name: 'channel', type: 'string', default: '', placeholder: 'utm_medium' },
			{ displayName: 'Consent Field', name: 'consent', type: 'string', default: '', description: 'Values true, granted, yes or opt_in keep the customer; false, withheld, denied or opt_out drop them' },
			{ displayName: 'Customer ID Field', name: 'customerId', type: 'string', default: '', placeholder: 'user_id' },
			{ displayName: 'Email Field', name: 'email', type: 'string', default: '', placeholder: 'properties.email', description: 'Used only to join records of the same customer across sources; never output' },
			{ displayName: 'Event Field', name: 'event', type: 'string', default: '', placeholder: 'event_name' },
			{ displayName: 'Timestamp Field', name: 'timestamp', type: 'string', default: '', description: 'ISO 8601, or epoch seconds, milliseconds or microseconds' },
			{ displayName: 'Value Field', name: 'value', type: 'string', default: '', description: 'Revenue of a conversion event' },
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['map'] } }, properties);

/** Map Journeys: the input records themselves, joined into journeys in this n8n process. */
async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const source = this.getNodeParameter('source', 0) as JourneySource;
	let mapping: CustomMapping | undefined;
	if (source === 'custom') {
		const m = this.getNodeParameter('mapping', 0, {}) as IDataObject;
		mapping = {
			customerId: String(m.customerId ?? ''),
			timestamp: String(m.timestamp ?? ''),
			event: (m.event as string) || undefined,
			channel: (m.channel as string) || undefined,
			value: (m.value as string) || undefined,
			campaign: (m.campaign as string) || undefined,
			email: (m.email as string) || undefined,
			consent: (m.consent as string) || undefined,
			attributes: splitList(m.attributes),
		};
	}
	const options = readJourneyOptions(this);
	const secret = options.pseudonymize ? await pseudonymSecret(this) : undefined;
	const result = mapJourneys(
		items.map((item) => item.json),
		{ ...options, source, mapping, secret },
	);
	// A rejection's index is its record's, and every input item is one record.
	return journeyOutputs(items, result, (index) => index);
}

export const operation: JourneyMapperOperationModule = { description, execute };
