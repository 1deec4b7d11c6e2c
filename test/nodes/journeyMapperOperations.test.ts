/**
 * The Journey Mapper's operation choice, without a database: what Build SQL emits per dialect, the
 * errors that name the field to fix, where the privacy secret is used, and bad input rows of From
 * Aggregates (test/nodes/journeyMapperWarehouse.test.ts runs the whole flow on a real PostgreSQL).
 */
import type { IDataObject, INodeCredentialDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { DEFAULT_SECRET_SETTING } from '../../lib/journey/warehouse';
import { JourneyMapperV1 } from '../../nodes/JourneyMapper/v1/JourneyMapperV1.node';
import { journeyMapperProperties } from '../../nodes/JourneyMapper/v1/properties';
import { createEngine } from '../support/engine';
import { journeyMapperAfterStart } from '../support/warehouse';

const engine = createEngine();
const PSEUDONYM_SEED = 'operations-test-secret-0123456789';

async function run(parameters: IDataObject, inputs: IDataObject[] = [{}], settings: IDataObject = {}) {
	return await engine.runWorkflow(journeyMapperAfterStart(parameters, settings), {
		startNode: 'Start',
		inputItems: inputs.map((json) => ({ json })),
		credentials: { journeyAdsPrivacyApi: { secret: PSEUDONYM_SEED } },
	});
}

const BUILD = {
	operation: 'buildSql',
	table: 'analytics.events',
	customerIdColumn: 'user_id',
	timestampColumn: 'event_timestamp',
	timestampUnit: 'micros',
	columns: { event: 'event_name', channel: 'medium' },
	pseudonymize: true,
};

describe('Journey Mapper: Build SQL', () => {
	it.each(['bigquery', 'snowflake'])('%s: one item with the query, no parameters, and IDs left for From Aggregates to hash', async (dialect) => {
		const result = await run({ ...BUILD, dialect }, [{ a: 1 }, { a: 2 }]);
		expect(result.error?.message).toBeUndefined();
		const [out, map, rejected] = result.outputs['Journey Mapper'];
		expect(out).toHaveLength(1);
		expect(map).toEqual([]);
		expect(rejected).toEqual([]);
		expect(out[0].json).toEqual({ dialect, query: expect.stringContaining('events'), parameters: [], pseudonymizedInSql: false });
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(JSON.stringify(out)).not.toContain(PSEUDONYM_SEED);
	});

	it('PostgreSQL: the query reads the secret from the server setting named in the node', async () => {
		const result = await run({ ...BUILD, dialect: 'postgres', pseudonymSetting: 'acme.journey_secret' });
		const sql = result.outputs['Journey Mapper'][0][0].json;
		expect(sql.pseudonymizedInSql).toBe(true);
		expect(sql.secretSetting).toBe('acme.journey_secret');
		expect(String(sql.query)).toContain("current_setting('acme.journey_secret')");
		expect(sql.parameters).toEqual([]);
	});

	it('PostgreSQL without pseudonymizing: no setting is read', async () => {
		const result = await run({ ...BUILD, dialect: 'postgres', pseudonymize: false });
		const sql = result.outputs['Journey Mapper'][0][0].json;
		expect(sql.pseudonymizedInSql).toBe(false);
		expect(String(sql.query)).not.toContain('current_setting');
		expect(sql).not.toHaveProperty('secretSetting');
	});

	it('names the field when a column is not a plain name', async () => {
		const result = await run({ ...BUILD, dialect: 'postgres', columns: { channel: 'medium; DROP TABLE x' } });
		expect(result.error?.message).toContain('channel column "medium; DROP TABLE x" is not a plain column or table name');
		expect(result.error?.description).toBe('Check the field "Channel Column" under Other Columns.');
		expect(result.error?.context?.itemIndex).toBe(0);
	});

	it('refuses an empty table name', async () => {
		const result = await run({ ...BUILD, dialect: 'postgres', table: '  ' });
		expect(result.error?.message).toBe('Table is empty');
	});

	it('refuses a setting name that could carry SQL', async () => {
		const result = await run({ ...BUILD, dialect: 'postgres', pseudonymSetting: "x.y'); DROP TABLE events; --" });
		expect(result.error?.message).toContain('is not a setting name');
		expect(result.error?.description).toBe('Check the field "Pseudonym Secret Setting".');
	});

	it('shows the library default setting name', () => {
		const field = journeyMapperProperties.find((p) => p.name === 'pseudonymSetting');
		expect(field?.default).toBe(DEFAULT_SECRET_SETTING);
		expect(field?.description).toContain('ALTER ROLE &lt;n8n role&gt; SET journey_ads.pseudonym_secret');
	});
});

describe('Journey Mapper: Table Shape', () => {
	const description = new JourneyMapperV1().description;
	const property = (name: string) => {
		const found = journeyMapperProperties.find((p) => p.name === name);
		if (!found) throw new Error(`no property ${name}`);
		return found;
	};
	const shown = (name: string, parameters: IDataObject) =>
		NodeHelpers.displayParameter(parameters as never, property(name), null, description);
	const CUSTOM_FIELDS = ['customerIdColumn', 'timestampColumn', 'timestampUnit', 'columns'];

	it('GA4 BigQuery Export hides the custom column fields, which Custom Columns shows', () => {
		for (const name of CUSTOM_FIELDS) {
			expect([name, shown(name, { operation: 'buildSql', tableShape: 'ga4Export' })]).toEqual([name, false]);
			expect([name, shown(name, { operation: 'buildSql', tableShape: 'custom' })]).toEqual([name, true]);
		}
		expect(shown('table', { operation: 'buildSql', tableShape: 'ga4Export' })).toBe(true);
		expect(property('tableShape').default).toBe('custom');
		expect(shown('tableShape', { operation: 'fromAggregates' })).toBe(true);
		expect(shown('tableShape', { operation: 'map' })).toBe(false);
	});

	it('Build SQL with GA4 BigQuery Export reads the export columns, with no column named', async () => {
		const result = await run({ operation: 'buildSql', dialect: 'postgres', tableShape: 'ga4Export', table: 'analytics_123.events_20260601', pseudonymize: true });
		expect(result.error?.message).toBeUndefined();
		const sql = result.outputs['Journey Mapper'][0][0].json;
		const query = String(sql.query);
		for (const column of ['"event_params"', '"collected_traffic_source"', '"ecommerce"', '"user_pseudo_id"', '"user_id"', '"event_timestamp"', '"event_name"']) {
			expect([column, query.includes(column)]).toEqual([column, true]);
		}
		expect(query).toContain('"analytics_123"."events_20260601"');
		expect(sql).toMatchObject({ dialect: 'postgres', parameters: [], pseudonymizedInSql: true });
	});

	it('Build SQL with Custom Columns does not read event_params', async () => {
		const result = await run({ ...BUILD, dialect: 'postgres', tableShape: 'custom' });
		expect(String(result.outputs['Journey Mapper'][0][0].json.query)).not.toContain('event_params');
	});
});

describe('Journey Mapper: From Aggregates input rows', () => {
	const FROM = { operation: 'fromAggregates', dialect: 'postgres', pseudonymize: false };

	it('names the row and the field of a row that is not a Build SQL row (here, a row of events)', async () => {
		const result = await run(FROM, [{ customer_id: 'a', events: [] }, { id: 'b' }]);
		expect(result.error?.message).toMatch(/source_rows/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(result.error?.description).toMatch(/Build SQL/);
	});

	it('with continue on fail, gives one error item paired with every row', async () => {
		const result = await run(FROM, [{ customer_id: 'a', events: [] }, { id: 'b' }], { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const [out] = result.outputs['Journey Mapper'];
		expect(out).toHaveLength(1);
		expect(String(out[0].json.error)).toMatch(/source_rows/);
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Journey Mapper: where the privacy secret is used', () => {
	const credential = new JourneyMapperV1().description.credentials?.[0] as INodeCredentialDescription;
	const description = new JourneyMapperV1().description;
	const shown = (parameters: IDataObject) => NodeHelpers.displayParameter(parameters as never, credential, null, description);

	it('Map Journeys and From Aggregates of BigQuery or Snowflake rows ask for it', () => {
		expect(shown({ operation: 'map', pseudonymize: true })).toBe(true);
		expect(shown({ pseudonymize: true })).toBe(true);
		expect(shown({ operation: 'fromAggregates', dialect: 'bigquery', pseudonymize: true })).toBe(true);
		expect(shown({ operation: 'fromAggregates', dialect: 'snowflake', pseudonymize: true })).toBe(true);
	});

	it('Build SQL never does, nor From Aggregates of PostgreSQL rows (hashed in SQL), nor anything without pseudonyms', () => {
		expect(shown({ operation: 'buildSql', dialect: 'bigquery', pseudonymize: true })).toBe(false);
		expect(shown({ operation: 'buildSql', dialect: 'postgres', pseudonymize: true })).toBe(false);
		expect(shown({ operation: 'fromAggregates', dialect: 'postgres', pseudonymize: true })).toBe(false);
		expect(shown({ operation: 'map', pseudonymize: false })).toBe(false);
	});

	it('every operation keeps the node usable as a tool', () => {
		expect(description.usableAsTool).toBe(true);
		const operation = journeyMapperProperties.find((p) => p.name === 'operation');
		expect(operation?.default).toBe('map');
		expect(operation?.options?.map((o) => ('name' in o ? o.name : ''))).toEqual(['Build SQL', 'From Aggregates', 'Map Journeys']);
	});
});
