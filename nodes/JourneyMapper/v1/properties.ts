import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_FUNNEL, JOURNEY_DEFAULTS } from '../../../lib/journey/options';
import { DEFAULT_STAGE_RULES } from '../../../lib/journey/rules';
import { SOURCE_LABELS, SOURCE_NAMES } from '../../../lib/util/sources';

// Defaults come from lib; n8n's lint reads a default only as a literal or a plain name, and
// wants booleans as literals (a test checks those against lib).
const {
	conversionWindowDays: conversionWindowDaysDefault,
	halfLifeDays: halfLifeDaysDefault,
	markovOrder: markovOrderDefault,
	source: sourceDefault,
	stalledAfterDays: stalledAfterDaysDefault,
	topPaths: topPathsDefault,
} = JOURNEY_DEFAULTS;

/** The record sources, by label (n8n lists options alphabetically). */
const SOURCE_OPTIONS = SOURCE_NAMES.filter((source) => source !== 'custom')
	.map((source) => ({ name: SOURCE_LABELS[source], value: source }))
	.sort((a, b) => a.name.localeCompare(b.name));

const DEFAULT_FUNNEL_STEPS = DEFAULT_FUNNEL.map((step) => (typeof step === 'string' ? step : step.name)).join(', ');

export const journeyMapperProperties: INodeProperties[] = [
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
	{
		displayName: 'Pseudonymize Customer IDs',
		name: 'pseudonymize',
		type: 'boolean',
		default: true,
		description:
			'Whether to replace customer IDs with a keyed hash. Select a Journey Ads Privacy credential to keep pseudonyms the same across workflows; without one, a random secret is kept in this workflow.',
	},
	{
		displayName: 'Drop Customers Without Consent',
		name: 'dropWithoutConsent',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out customers whose marketing consent is withheld (they are counted in the journey map)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Conversion Events', name: 'conversionEvents', type: 'string', default: JOURNEY_DEFAULTS.conversionEvents.join(', '), description: 'Comma-separated event names that count as a conversion' },
			{ displayName: 'Conversion Window (Days)', name: 'conversionWindowDays', type: 'number', typeOptions: { minValue: 1 }, default: conversionWindowDaysDefault, description: 'Touches within this many days before a conversion get credit; also the window for time to convert' },
			{ displayName: 'Funnel Steps', name: 'funnelSteps', type: 'string', default: DEFAULT_FUNNEL_STEPS, description: 'Comma-separated event names in funnel order ("visit" means any session or page view)' },
			{ displayName: 'Include Raw Rejected Records', name: 'includeRejectedRecords', type: 'boolean', default: false, description: 'Whether to attach the raw record to each rejection. Off by default because raw records may hold personal data.' },
			{ displayName: 'Markov Order', name: 'markovOrder', type: 'options', options: [{ name: 'First Order (Exact)', value: 1 }, { name: 'Second Order', value: 2 }], default: markovOrderDefault, description: 'Memory of the Markov chain used for the removal-effect attribution' },
			{ displayName: 'Reference Date', name: 'referenceDate', type: 'dateTime', default: '', description: '"Now" for recency. Defaults to the latest timestamp in the data, so reruns on the same data give the same result.' },
			{ displayName: 'Require a Consent Signal', name: 'requireConsent', type: 'boolean', default: false, description: 'Whether to also drop customers for whom no consent signal exists at all' },
			{ displayName: 'Stage Rules', name: 'stageRules', type: 'json', default: JSON.stringify(DEFAULT_STAGE_RULES, null, 2), description: 'Ordered rules: the first whose conditions all hold gives the stage. Conditions test journey facts such as conversions, daysSinceLastConversion, funnelStep or events.&lt;name&gt;.' },
			{ displayName: 'Stalled After (Days)', name: 'stalledAfterDays', type: 'number', typeOptions: { minValue: 1 }, default: stalledAfterDaysDefault, description: 'An engaged customer who has not converted and has been inactive this long counts as stalled' },
			{ displayName: 'Time-Decay Half-Life (Days)', name: 'halfLifeDays', type: 'number', typeOptions: { minValue: 0.1 }, default: halfLifeDaysDefault },
			{ displayName: 'Top Paths', name: 'topPaths', type: 'number', typeOptions: { minValue: 1 }, default: topPathsDefault, description: 'How many of the most common channel paths to report' },
		],
	},
];
