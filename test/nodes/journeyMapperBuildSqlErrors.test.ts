/**
 * Build SQL's errors: the library throws an InputError naming its option (`table`,
 * `columns.customerId`, `secretSetting` ...), and the node names the field the user sees.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildWarehouseSql, sourceSelect } from '../../lib/journey/warehouse';
import { InputError } from '../../lib/util/errors';
import { createEngine } from '../support/engine';
import { journeyMapperAfterStart } from '../support/warehouse';

const engine = createEngine();

async function run(parameters: IDataObject) {
	return await engine.runWorkflow(journeyMapperAfterStart(parameters), { startNode: 'Start', inputItems: [{ json: {} }] });
}

const BUILD = {
	operation: 'buildSql',
	dialect: 'postgres',
	table: 'analytics.events',
	customerIdColumn: 'user_id',
	timestampColumn: 'event_time',
	timestampUnit: 'timestamp',
	columns: { event: 'event_name' },
	pseudonymize: true,
};

/** What the library threw: its class, message and the option it names. */
function thrown(call: () => unknown): { error: unknown; field: string | undefined } {
	try {
		call();
	} catch (error) {
		return { error, field: error instanceof InputError ? error.field : undefined };
	}
	throw new Error('expected a throw');
}

describe('buildWarehouseSql names the option at fault', () => {
	const base = { dialect: 'postgres' as const, table: 'events', columns: { customerId: 'cid', timestamp: 'ts' } };

	it.each([
		['table', { table: 'events; DROP TABLE x' }, 'table "events; DROP TABLE x" is not a plain column or table name'],
		['table', { table: 'a.b.c.d' }, 'table "a.b.c.d" has more than three parts'],
		['columns.customerId', { columns: { customerId: 'customer id', timestamp: 'ts' } }, 'customer id column "customer id" is not a plain'],
		['columns.customerId', { columns: { customerId: '', timestamp: 'ts' } }, 'columns.customerId and columns.timestamp are required'],
		['columns.timestamp', { columns: { customerId: 'cid', timestamp: '' } }, 'columns.customerId and columns.timestamp are required'],
		['columns.consent', { columns: { customerId: 'cid', timestamp: 'ts', consent: 'opt-in' } }, 'consent column "opt-in" is not a plain'],
		['columns.email', { columns: { customerId: 'cid', timestamp: 'ts', email: 'e mail' } }, 'email column "e mail" is not a plain'],
		['columns.attributes', { columns: { customerId: 'cid', timestamp: 'ts', attributes: ['plan tier'] } }, 'attribute column "plan tier" is not a plain'],
		['columns.attributes', { columns: { customerId: 'cid', timestamp: 'ts', attributes: ['email'] } }, 'attribute column "email" looks like personal data'],
		['columns.attributes', { columns: { customerId: 'cid', timestamp: 'ts', attributes: ['plan', 'plan'] } }, 'names a column twice'],
		['timestampUnit', { timestampUnit: 'hours' }, 'unknown timestampUnit "hours"'],
		['dialect', { dialect: 'mysql' }, 'unknown dialect "mysql"'],
		['source', { source: 'hubspot' }, 'unknown source "hubspot"'],
		['secretSetting', { pseudonymize: true, secretSetting: "x'); DROP TABLE t; --" }, 'is not a setting name'],
		['secretFrom', { pseudonymize: true, secretFrom: 'env' }, 'unknown secretFrom "env"'],
		['secret', { pseudonymize: true, secretFrom: 'parameter' }, 'a secret is required'],
		['journey', { journey: 'all' }, 'option "journey" must be an object'],
		['journey', { journey: { conversionEvents: ['buy\u0000'] } }, 'contains a NUL character'],
	])('%s: %j', (field, change, message) => {
		const result = thrown(() => buildWarehouseSql({ ...base, ...change } as never));
		expect(result.error).toBeInstanceOf(InputError);
		expect((result.error as Error).message).toContain(message);
		expect(result.field).toBe(field);
		expect((result.error as InputError).itemIndex).toBeUndefined();
	});

	it('names the column option for the GA4 shape and sourceSelect too', () => {
		expect(thrown(() => sourceSelect('bigquery', { source: 'ga4Export', table: 'a.b.c.d' })).field).toBe('table');
		expect(thrown(() => sourceSelect('postgres', { table: 't', columns: { customerId: 'a', timestamp: 'b', channel: 'x y' } })).field).toBe('columns.channel');
	});
});

describe('Build SQL names the node field for a bad option', () => {
	it.each([
		[{ table: 'analytics.events; DROP TABLE x' }, /^table "events; DROP TABLE x" is not a plain/, 'Check the field "Table".'],
		[{ customerIdColumn: 'user id' }, /^customer id column "user id" is not a plain/, 'Check the field "Customer ID Column".'],
		[{ timestampColumn: 'event-time' }, /^timestamp column "event-time" is not a plain/, 'Check the field "Timestamp Column".'],
		[{ columns: { event: 'event name' } }, /^event column "event name" is not a plain/, 'Check the field "Event Column" under Other Columns.'],
		[{ columns: { value: 'revenue$' } }, /^value column "revenue\$" is not a plain/, 'Check the field "Value Column" under Other Columns.'],
		[{ columns: { email: 'e-mail' } }, /^email column "e-mail" is not a plain/, 'Check the field "Email Column" under Other Columns.'],
		[{ columns: { attributes: 'plan, phone' } }, /^attribute column "phone" looks like personal data/, 'Check the field "Attribute Columns" under Other Columns.'],
		[{ pseudonymSetting: 'no dots' }, /^secretSetting "no dots" is not a setting name/, 'Check the field "Pseudonym Secret Setting".'],
	])('%j', async (change, message, description) => {
		const result = await run({ ...BUILD, ...change });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toBe(description);
		expect(result.error?.context?.itemIndex).toBe(0);
	});

	it('an empty Customer ID or Timestamp Column is the one the hint names', async () => {
		const result = await run({ ...BUILD, customerIdColumn: '  ' });
		expect(result.error?.message).toBe('columns.customerId and columns.timestamp are required');
		expect(result.error?.description).toBe('Check the field "Customer ID Column".');
		const noTime = await run({ ...BUILD, timestampColumn: ' ' });
		expect(noTime.error?.description).toBe('Check the field "Timestamp Column".');
	});
});
