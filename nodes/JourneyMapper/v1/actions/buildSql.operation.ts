import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { buildWarehouseSql, DIALECTS } from '../../../../lib/journey/warehouse';
import { InputError } from '../../../../lib/util/errors';
import type { TimestampUnit, WarehouseDialect, WarehouseSource, WarehouseSqlOptions } from '../../../../lib/journey/warehouse';
import type { JourneyOptions } from '../../../../lib/journey/types';
import type { JourneyMapperOperationModule } from './types';
import { errorMessage, splitList } from '../../../shared/params';
import { readJourneyOptions } from './common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Table',
		name: 'table',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'analytics.events',
		description:
			'The events table, one row per event, optionally qualified (schema.table, or project.dataset.table in BigQuery; a GA4 export also as analytics_123.events_2026*)',
	},
	{
		displayName: 'Customer ID Column',
		name: 'customerIdColumn',
		displayOptions: { show: { tableShape: ['custom'] } },
		type: 'string',
		required: true,
		default: '',
		placeholder: 'customer_id',
		description: 'Column that identifies the customer. Rows where it is empty are counted as rejected, not mapped.',
	},
	{
		displayName: 'Timestamp Column',
		name: 'timestampColumn',
		displayOptions: { show: { tableShape: ['custom'] } },
		type: 'string',
		required: true,
		default: '',
		placeholder: 'event_time',
		description: 'Column with the time of the event',
	},
	{
		displayName: 'Timestamp Unit',
		name: 'timestampUnit',
		displayOptions: { show: { tableShape: ['custom'] } },
		type: 'options',
		options: [
			{ name: 'Epoch Microseconds', value: 'micros', description: 'A number, e.g. GA4 event_timestamp' },
			{ name: 'Epoch Milliseconds', value: 'millis' },
			{ name: 'Epoch Seconds', value: 'seconds' },
			{ name: 'Timestamp Type', value: 'timestamp', description: 'A TIMESTAMP / TIMESTAMPTZ column' },
		],
		default: 'timestamp',
		description: 'How the timestamp column stores time',
	},
	{
		displayName: 'Other Columns',
		name: 'columns',
		displayOptions: { show: { tableShape: ['custom'] } },
		type: 'collection',
		placeholder: 'Add Column',
		default: {},
		description: 'Plain column names (letters, digits, _); each one left out is treated as the in-process mode treats a missing field',
		options: [
			{ displayName: 'Attribute Columns', name: 'attributes', type: 'string', default: '', placeholder: 'plan, region', description: 'Comma-separated non-personal columns (text, number or boolean) to keep on each journey: the first value per customer, screened for personal data as Map Journeys does. Columns that look like personal data are refused.' },
			{ displayName: 'Channel Column', name: 'channel', type: 'string', default: '', placeholder: 'medium', description: 'Channel of the touch (utm_medium or similar); values are normalised as in the in-process mode' },
			{ displayName: 'Consent Column', name: 'consent', type: 'string', default: '', description: 'Values true, granted, yes or opt_in keep the customer; false, withheld, denied or opt_out drop them' },
			{ displayName: 'Email Column', name: 'email', type: 'string', default: '', placeholder: 'email', description: 'Joins customer IDs whose rows share an email (ignoring case and surrounding spaces) into one customer, keyed by the ID seen first, as Map Journeys does with its Email Field. The email stays in the warehouse: it is never part of the rows n8n receives.' },
			{ displayName: 'Event Column', name: 'event', type: 'string', default: '', placeholder: 'event_name', description: 'Event name; without it every row is the event "event"' },
			{ displayName: 'Value Column', name: 'value', type: 'string', default: '', placeholder: 'revenue', description: 'Revenue of a conversion event' },
		],
	},
	{
		displayName: 'Pseudonym Secret Setting',
		name: 'pseudonymSetting',
		type: 'string',
		default: 'journey_ads.pseudonym_secret',
		displayOptions: { show: { dialect: ['postgres'], pseudonymize: [true] } },
		description:
			"PostgreSQL setting that holds the pseudonymization secret, so the secret never passes through n8n. Ask the database owner to run once: ALTER ROLE &lt;n8n role&gt; SET journey_ads.pseudonym_secret = '&lt;same secret as the Journey Ads Privacy credential&gt;'; and CREATE EXTENSION IF NOT EXISTS pgcrypto; (new connections see the setting).",
	},
];

export const description = updateDisplayOptions({ show: { operation: ['buildSql'] } }, properties);

/** A column parameter: a name, or undefined when left empty. */
function column(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Build SQL: one item with the query for a database node (`query`, `parameters`), the `dialect`,
 * and `pseudonymizedInSql` for From Aggregates. The secret is never part of it: PostgreSQL reads it
 * from a server setting, and the other dialects leave the hashing to From Aggregates.
 */
async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const dialect = this.getNodeParameter('dialect', 0) as WarehouseDialect;
	const source = this.getNodeParameter('tableShape', 0, 'custom') as WarehouseSource;
	const journey: JourneyOptions = { ...readJourneyOptions(this), ...(source === 'ga4Export' ? { source: 'ga4' } : {}) };
	const pseudonymize = journey.pseudonymize === true;
	const c = source === 'custom' ? (this.getNodeParameter('columns', 0, {}) as IDataObject) : {};
	const table = String(this.getNodeParameter('table', 0, '')).trim();
	if (table === '') {
		throw new NodeOperationError(this.getNode(), 'Table is empty', {
			itemIndex: 0,
			description: 'Name the events table, e.g. analytics.events.',
		});
	}
	const hashInSql = pseudonymize && DIALECTS[dialect]?.pseudonym !== null;
	// `journey` is passed as a variable, not a literal: the SQL may use the journey options
	// (conversion events, funnel, window) wherever the library computes them in the warehouse.
	const sqlOptions: WarehouseSqlOptions & { journey: JourneyOptions } = {
		dialect,
		table,
		source,
		...(source === 'custom'
			? {
					columns: {
						customerId: column(this.getNodeParameter('customerIdColumn', 0, '')) ?? '',
						timestamp: column(this.getNodeParameter('timestampColumn', 0, '')) ?? '',
						event: column(c.event),
						channel: column(c.channel),
						value: column(c.value),
						consent: column(c.consent),
						email: column(c.email),
						attributes: splitList(c.attributes),
					},
					timestampUnit: this.getNodeParameter('timestampUnit', 0, 'timestamp') as TimestampUnit,
				}
			: {}),
		// Only a dialect with a keyed hash hashes in SQL; elsewhere From Aggregates does.
		pseudonymize: hashInSql,
		// The secret never travels in item data: hashing SQL reads it from the server setting. A dialect
		// without a keyed hash reads no secret at all; 'parameter' with no secret given keeps the library
		// from looking up a server setting that dialect does not have (the parameters stay empty).
		secretFrom: hashInSql ? 'setting' : 'parameter',
		secretSetting: hashInSql ? String(this.getNodeParameter('pseudonymSetting', 0)).trim() : undefined,
		journey,
	};
	let sql;
	try {
		sql = buildWarehouseSql(sqlOptions);
	} catch (error) {
		// The library names the option at fault (InputError.field); the options are read at item 0.
		throw new NodeOperationError(this.getNode(), errorMessage(error), {
			itemIndex: 0,
			description: fieldHint(error instanceof InputError ? error.field : undefined),
		});
	}
	const json: IDataObject = {
		dialect: sql.dialect,
		query: sql.query,
		parameters: sql.parameters,
		pseudonymizedInSql: sql.pseudonymizedInSql,
	};
	if (sql.pseudonymizedInSql) json.secretSetting = sqlOptions.secretSetting;
	return [[{ json, pairedItem: items.map((_, item) => ({ item })) }], [], []];
}

/** The node fields behind the library's options (`InputError.field`), in the names the user sees. */
const FIELD_NAMES: Record<string, string> = {
	table: 'the field "Table"',
	'columns.customerId': 'the field "Customer ID Column"',
	'columns.timestamp': 'the field "Timestamp Column"',
	timestampUnit: 'the field "Timestamp Unit"',
	secretSetting: 'the field "Pseudonym Secret Setting"',
	dialect: 'the field "Dialect"',
	source: 'the field "Table Shape"',
	journey: 'Conversion Events and Funnel Steps under Options',
};

/** The display name of an Other Columns option (`columns.channel` is "Channel Column"), read from its definition. */
function otherColumnName(field: string): string | undefined {
	const match = /^columns\.(\w+)$/.exec(field);
	if (!match) return undefined;
	const collection = properties.find((p) => p.name === 'columns');
	const option = (collection?.options ?? []).find((o) => o.name === match[1]);
	return option && 'displayName' in option ? option.displayName : undefined;
}

/** What to check for an option the library named. */
function fieldHint(field: string | undefined): string {
	if (field === undefined) return 'Check the Build SQL fields.';
	const known = FIELD_NAMES[field];
	if (known) return `Check ${known}.`;
	const other = otherColumnName(field);
	if (other) return `Check the field "${other}" under Other Columns.`;
	return 'Check the Build SQL fields.';
}

export const operation: JourneyMapperOperationModule = { description, execute };
