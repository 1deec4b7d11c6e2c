import { randomBytes } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_FUNNEL, JOURNEY_DEFAULTS } from '../../../../lib/journey/options';
import { DEFAULT_STAGE_RULES } from '../../../../lib/journey/rules';
import type { JourneyOptions, JourneyResult, StageRule } from '../../../../lib/journey/types';
import { parseJsonParameter, splitList } from '../../../shared/params';

export const MIN_SECRET_LENGTH = 16;

// Defaults come from lib; n8n's lint reads a default only as a literal or a plain name, and
// wants booleans as literals (a test checks those against lib).
const {
	conversionWindowDays: conversionWindowDaysDefault,
	halfLifeDays: halfLifeDaysDefault,
	markovOrder: markovOrderDefault,
	stalledAfterDays: stalledAfterDaysDefault,
	topPaths: topPathsDefault,
} = JOURNEY_DEFAULTS;

const DEFAULT_FUNNEL_STEPS = DEFAULT_FUNNEL.map((step) => (typeof step === 'string' ? step : step.name)).join(', ');

/** The warehouse's SQL dialect: Build SQL writes it, From Aggregates knows from it where IDs were hashed. */
export const dialectProperty: INodeProperties = {
	displayName: 'Dialect',
	name: 'dialect',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { operation: ['buildSql', 'fromAggregates'] } },
	options: [
		{ name: 'BigQuery', value: 'bigquery', description: 'No keyed hash in BigQuery SQL: From Aggregates pseudonymizes the IDs with the Journey Ads Privacy secret' },
		{ name: 'PostgreSQL', value: 'postgres', description: 'IDs pseudonymized inside PostgreSQL (pgcrypto HMAC) with a secret the server holds' },
		{ name: 'Snowflake', value: 'snowflake', description: 'No keyed hash in Snowflake SQL: From Aggregates pseudonymizes the IDs with the Journey Ads Privacy secret' },
	],
	default: 'postgres',
	description: 'The database that runs the query. Choose the same dialect in Build SQL and From Aggregates.',
};

/** What the events table looks like: Build SQL reads it, From Aggregates labels the journeys' source. */
export const tableShapeProperty: INodeProperties = {
	displayName: 'Table Shape',
	name: 'tableShape',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { operation: ['buildSql', 'fromAggregates'] } },
	options: [
		{ name: 'Custom Columns', value: 'custom', description: 'One row per event; you name the columns' },
		{
			name: 'GA4 BigQuery Export',
			value: 'ga4Export',
			description:
				'The GA4 export (events_YYYYMMDD: event_timestamp, event_name, user_id, user_pseudo_id, event_params, collected_traffic_source, ecommerce), read as the GA4 source of Map Journeys reads it',
		},
	],
	default: 'custom',
	description: 'The shape of the events table. Choose the same in Build SQL and From Aggregates.',
};

export const pseudonymizeProperty: INodeProperties = {
	displayName: 'Pseudonymize Customer IDs',
	name: 'pseudonymize',
	type: 'boolean',
	default: true,
	description:
		'Whether to replace customer IDs with a keyed hash. Select a Journey Ads Privacy credential to keep pseudonyms the same across workflows; without one, a random secret is kept in this workflow. With PostgreSQL the warehouse hashes them (see Pseudonym Secret Setting); set this the same in Build SQL and From Aggregates.',
};

/**
 * Consent and journey options: the same fields in every operation, so Build SQL (which computes in
 * the warehouse) and From Aggregates (which finishes the journeys) read the same options.
 */
export const journeyOptionProperties: INodeProperties[] = [
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
		description: 'In the warehouse mode, give Build SQL and From Aggregates the same options',
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

/**
 * The journey options every operation shares (consent, conversions, funnel, window, stage rules,
 * attribution), read once for the whole input: the node summarises all items together. Neither the
 * source, the field mapping nor the secret: each operation adds what it needs.
 */
export function readJourneyOptions(ctx: IExecuteFunctions): JourneyOptions {
	const o = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		pseudonymize: ctx.getNodeParameter('pseudonymize', 0) as boolean,
		dropWithoutConsent: ctx.getNodeParameter('dropWithoutConsent', 0) as boolean,
		requireConsent: o.requireConsent as boolean | undefined,
		conversionWindowDays: o.conversionWindowDays as number | undefined,
		conversionEvents: splitList(o.conversionEvents),
		funnelSteps: splitList(o.funnelSteps),
		stageRules: parseJsonParameter<StageRule[]>(ctx, 'Stage Rules', o.stageRules),
		markovOrder: o.markovOrder === undefined ? undefined : Number(o.markovOrder),
		topPaths: o.topPaths as number | undefined,
		halfLifeDays: o.halfLifeDays as number | undefined,
		referenceDate: o.referenceDate ? new Date(o.referenceDate as string).toISOString() : undefined,
		stalledAfterDays: o.stalledAfterDays as number | undefined,
		includeRejectedRecords: o.includeRejectedRecords as boolean | undefined,
	};
}

/**
 * The pseudonymization secret: from the Journey Ads Privacy credential when one is selected (n8n
 * stores it encrypted), otherwise a random secret kept in this workflow's static data so pseudonyms
 * stay the same across the workflow's production runs.
 */
export async function pseudonymSecret(ctx: IExecuteFunctions): Promise<string> {
	if (ctx.getNode().credentials?.journeyAdsPrivacyApi) {
		const credential: ICredentialDataDecryptedObject = await ctx.getCredentials('journeyAdsPrivacyApi');
		const secret = String(credential.secret ?? '');
		if (secret.length < MIN_SECRET_LENGTH) {
			throw new NodeOperationError(ctx.getNode(), 'The Journey Ads Privacy secret is too short', {
				description: `Use at least ${MIN_SECRET_LENGTH} random characters in the credential.`,
			});
		}
		return secret;
	}
	const staticData = ctx.getWorkflowStaticData('node');
	if (typeof staticData.pseudonymSecret !== 'string') {
		staticData.pseudonymSecret = randomBytes(32).toString('hex');
	}
	return staticData.pseudonymSecret as string;
}

/**
 * A journey result as the node's three outputs: each journey paired with the input items it was
 * built from, the journey map with all of them, each rejection with its item (or all of them when
 * `rejectionItem` cannot name one).
 */
export function journeyOutputs(
	items: INodeExecutionData[],
	result: JourneyResult,
	rejectionItem: (index: number) => number | undefined,
): INodeExecutionData[][] {
	const allInputs = items.map((_, item) => ({ item }));
	const journeys: INodeExecutionData[] = result.journeys.map((journey, i) => ({
		json: journey as unknown as IDataObject,
		pairedItem: (result.journeyRecords?.[i] ?? []).map((item) => ({ item })),
	}));
	const map: INodeExecutionData[] = [{ json: result.journeyMap as unknown as IDataObject, pairedItem: allInputs }];
	const rejected: INodeExecutionData[] = result.rejected.map((r) => {
		const item = rejectionItem(r.index);
		return { json: r as unknown as IDataObject, pairedItem: item === undefined ? allInputs : { item } };
	});
	return [journeys, map, rejected];
}
