import { DIALECTS, WAREHOUSE_DIALECTS, type TimestampUnit, type WarehouseDialect } from './dialects';
import { sourceSelect, type WarehouseSource } from './sources';

/** Columns of the events table (a custom mapping of flat column names). */
export interface WarehouseColumns {
	customerId: string;
	timestamp: string;
	event?: string;
	channel?: string;
	value?: string;
	consent?: string;
}

export interface WarehouseSqlOptions {
	dialect: WarehouseDialect;
	/** Table name, optionally qualified (`schema.table`, `project.dataset.table`). */
	table: string;
	/** The table's shape (default `custom`: flat columns named by `columns`). */
	source?: WarehouseSource;
	/** With source `custom`: the columns (not used with `ga4Export`). */
	columns?: WarehouseColumns;
	/** With source `custom`: how the timestamp column is stored. */
	timestampUnit?: TimestampUnit;
	/** Hash the customer ids in SQL (PostgreSQL only; elsewhere From Aggregates hashes them). */
	pseudonymize: boolean;
	/**
	 * Where the SQL reads the pseudonymization secret (the same secret as the in-process mode's):
	 * - `setting` (default): a server setting the database holds, `current_setting(secretSetting)`,
	 *   set once by the database owner (`ALTER ROLE n8n SET journey_ads.pseudonym_secret = '...'`).
	 *   The secret never passes through n8n's item data or execution log.
	 * - `parameter`: the query's first parameter, from `secret` (for library callers that run the
	 *   query themselves; a workflow would carry the secret in item data, so the node never uses it).
	 */
	secretFrom?: 'setting' | 'parameter';
	/** The setting's name (default `journey_ads.pseudonym_secret`): letters, digits, `_` and one `.`. */
	secretSetting?: string;
	/** The secret itself, only with `secretFrom: 'parameter'`. */
	secret?: string;
}

export const DEFAULT_SECRET_SETTING = 'journey_ads.pseudonym_secret';
const SETTING = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;

export interface WarehouseSql {
	dialect: WarehouseDialect;
	query: string;
	/** Query parameters, in order (the secret only with `secretFrom: 'parameter'`). */
	parameters: string[];
	/** Whether the rows' customer ids are pseudonyms already. */
	pseudonymizedInSql: boolean;
}

/**
 * SQL that returns one row per customer: `customer_id` (pseudonym in PostgreSQL), `kind` and
 * `events`, the customer's events in time order as [ms, event, channel, value, consent]. Rows
 * without a customer id or timestamp are left out in the warehouse and counted in `rows_skipped`
 * (on every row). Exact duplicates (same customer, event, time and channel) are collapsed in SQL.
 * The secret is never written into the SQL: it is read from a server setting, or is the query's
 * first parameter.
 */
export function buildWarehouseSql(options: WarehouseSqlOptions): WarehouseSql {
	if (!WAREHOUSE_DIALECTS.includes(options.dialect)) {
		throw new Error(`unknown dialect "${String(options.dialect)}" (use ${WAREHOUSE_DIALECTS.join(', ')})`);
	}
	const d = DIALECTS[options.dialect];
	const src = sourceSelect(options.dialect, options);
	const hashInSql = options.pseudonymize && d.pseudonym !== null;
	const secretFrom = options.secretFrom ?? 'setting';
	if (secretFrom !== 'setting' && secretFrom !== 'parameter') {
		throw new Error(`unknown secretFrom "${String(secretFrom)}" (use setting or parameter)`);
	}
	const setting = options.secretSetting ?? DEFAULT_SECRET_SETTING;
	if (hashInSql && secretFrom === 'setting' && !SETTING.test(setting)) {
		throw new Error(`secretSetting "${setting}" is not a setting name like journey_ads.pseudonym_secret`);
	}
	if (hashInSql && secretFrom === 'parameter' && !options.secret) {
		throw new Error('a secret is required to pseudonymize in SQL with secretFrom "parameter"');
	}
	const secretExpr = !hashInSql
		? ''
		: secretFrom === 'parameter'
			? d.param1
			: (d.setting as (name: string) => string)(setting);
	const key = hashInSql ? (d.pseudonym as (id: string, s: string) => string)('cid', secretExpr) : 'cid';
	const query = [
		'WITH src AS (',
		src,
		'),',
		'usable AS (',
		`  SELECT cid, ms, ev, ch, MAX(val) AS val, MAX(consent) AS consent FROM src`,
		'  WHERE cid IS NOT NULL AND cid <> \'\' AND ms IS NOT NULL',
		'  GROUP BY cid, ms, ev, ch',
		'),',
		'skipped AS (',
		'  SELECT COUNT(*) AS n FROM src WHERE cid IS NULL OR cid = \'\' OR ms IS NULL',
		')',
		`SELECT ${key} AS customer_id, ${d.eventArray('ms', 'ev', 'ch', 'val', 'consent')} AS events,`,
		'  MAX(skipped.n) AS rows_skipped',
		'FROM usable CROSS JOIN skipped',
		'GROUP BY cid',
		'ORDER BY 1',
	].join('\n');
	return {
		dialect: options.dialect,
		query,
		parameters: hashInSql && secretFrom === 'parameter' ? [options.secret as string] : [],
		pseudonymizedInSql: hashInSql,
	};
}
