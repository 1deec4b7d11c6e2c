// @ts-check
/**
 * Runs the warehouse mode's BigQuery and Snowflake SQL, as generated, on DuckDB (in memory, in this
 * process). This is NOT BigQuery or Snowflake: it is the subset the two dialects share with DuckDB,
 * plus the shims below, each standing for one documented function of the dialect. What is left
 * outside (never executed here) is named in README's warehouse limits and docs/ARCHITECTURE.md.
 *
 *   const db = await openDialectDb('bigquery');
 *   await db.load('events', { customer_id: 'VARCHAR', event_time: 'TIMESTAMPTZ', ... }, rows);
 *   const facts = await db.query(buildWarehouseSql({ dialect: 'bigquery', ... }).query);
 *   db.close();
 *
 * - MACROS: DuckDB macros named like the dialect's functions (DuckDB looks a macro up before its own
 *   function of that name; `system.main.f` is DuckDB's own). One database per dialect, so the
 *   shims of one never serve the other.
 * - REWRITES: mechanical text edits, only where a construct is syntax no macro can stand for.
 * - query(): the rows as the dialect's driver hands them over: 64-bit integers and decimals as
 *   strings, ARRAY / VARIANT values (DuckDB JSON) parsed into JavaScript values.
 * - A difference that is DuckDB's alone: Snowflake's FLOOR(NUMBER / n) (epoch units) is exact
 *   there and a DOUBLE division here; for epoch numbers below 2^53 the floor is the same.
 */
'use strict';

const { DuckDBInstance } = require('@duckdb/node-api');

/** Unicode White_Space (BigQuery's TRIM without characters removes these). */
const UNICODE_SPACE = [
	9,
	10,
	11,
	12,
	13,
	32,
	0x85,
	0xa0,
	0x1680,
	...range(0x2000, 0x200a),
	0x2028,
	0x2029,
	0x202f,
	0x205f,
	0x3000,
]
	.map((c) => `chr(${c})`)
	.join(' || ');

/** @param {number} from @param {number} to */
function range(from, to) {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The dialect's function (its documented meaning) = the DuckDB macro standing for it. */
const MACROS = {
	bigquery: [
		// FLOAT64: BigQuery's double-precision type (INT64 and STRING are DuckDB type names already).
		'CREATE TYPE FLOAT64 AS DOUBLE',
		// UNIX_MILLIS(ts): milliseconds since the epoch, higher precision truncated.
		'CREATE MACRO unix_millis(ts) AS epoch_ms(ts)',
		// DIV(x, y): integer division rounding toward zero (DuckDB's // on integers does the same).
		'CREATE MACRO div(x, y) AS x // y',
		// TRIM(s): without characters, every leading and trailing Unicode whitespace character; TRIM(s, chars) as DuckDB's.
		`CREATE MACRO trim(s) AS system.main.trim(s, ${UNICODE_SPACE}), (s, chars) AS system.main.trim(s, chars)`,
		// REGEXP_REPLACE(s, re, by): replaces every match (DuckDB's replaces the first unless 'g').
		"CREATE MACRO regexp_replace(s, re, rep) AS system.main.regexp_replace(s, re, rep, 'g')",
		// TO_JSON_STRING(v): the value as JSON text (STRUCTs as objects, ARRAYs as arrays; NULL as the text null).
		"CREATE MACRO to_json_string(v) AS COALESCE(CAST(system.main.to_json(v) AS VARCHAR), 'null')",
		// TO_JSON(v): the value as a JSON value (NULL as JSON null).
		"CREATE MACRO to_json(v) AS COALESCE(system.main.to_json(v), CAST('null' AS JSON))",
		// JSON_TYPE(j): the JSON value's type, one of number, string, boolean, object, array, null.
		"CREATE MACRO json_type(j) AS CASE system.main.json_type(j) WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'NULL' THEN 'null' WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT' THEN 'number' WHEN 'HUGEINT' THEN 'number' WHEN 'DOUBLE' THEN 'number' END",
	],
	snowflake: [
		// DATE_PART(EPOCH_MILLISECOND, ts), the only part the SQL asks for: milliseconds since the epoch.
		// The part is a keyword that is never bound (a macro argument its body does not use).
		'CREATE MACRO date_part(part, ts) AS epoch_ms(ts)',
		// REGEXP_REPLACE(s, re, by): replaces every match (Snowflake's default occurrence 0).
		"CREATE MACRO regexp_replace(s, re, rep) AS system.main.regexp_replace(s, re, rep, 'g')",
		// VARIANT is DuckDB JSON below. ARRAY_CONSTRUCT(a, b): an ARRAY of the values as VARIANTs.
		'CREATE MACRO array_construct(a, b) AS json_array(a, b)',
		// GET(v, field | index): an OBJECT's field or an ARRAY's element (0-based); NULL when absent, a JSON null kept.
		'CREATE MACRO get(v, k) AS json_extract(system.main.to_json(v), k)',
		// STRIP_NULL_VALUE(v): a JSON null becomes SQL NULL, anything else unchanged.
		"CREATE MACRO strip_null_value(v) AS CASE WHEN json_type(v) <> 'NULL' THEN v END",
		// AS_VARCHAR(v): the string a VARIANT holds, NULL when it holds anything else.
		"CREATE MACRO as_varchar(v) AS CASE WHEN json_type(v) = 'VARCHAR' THEN json_extract_string(v, '$') END",
		// TO_VARCHAR(v) of a VARIANT: a string as it is (no quotes), a number as its text.
		"CREATE MACRO to_varchar(v) AS json_extract_string(v, '$')",
		// TRY_TO_DOUBLE(s): the string's double, NULL when it is not a number.
		'CREATE MACRO try_to_double(s) AS TRY_CAST(s AS DOUBLE)',
		// IS_OBJECT(v): whether the VARIANT holds an OBJECT.
		"CREATE MACRO is_object(v) AS json_type(v) = 'OBJECT'",
		// TO_ARRAY(v): an ARRAY as it is, any other value as a one-element ARRAY, NULL as NULL.
		"CREATE MACRO to_array(v) AS CASE WHEN v IS NULL THEN NULL WHEN json_type(v) = 'ARRAY' THEN CAST(v AS JSON[]) ELSE [v] END",
		// TO_VARIANT(v): the value as a VARIANT (NULL stays NULL).
		'CREATE MACRO to_variant(v) AS system.main.to_json(v)',
		// TYPEOF(variant): the type of the value it holds (INTEGER, DECIMAL, DOUBLE, BOOLEAN, VARCHAR, OBJECT, ARRAY, NULL_VALUE).
		"CREATE MACRO typeof(v) AS CASE json_type(v) WHEN 'BIGINT' THEN 'INTEGER' WHEN 'UBIGINT' THEN 'INTEGER' WHEN 'HUGEINT' THEN 'INTEGER' WHEN 'DOUBLE' THEN 'DOUBLE' WHEN 'VARCHAR' THEN 'VARCHAR' WHEN 'BOOLEAN' THEN 'BOOLEAN' WHEN 'OBJECT' THEN 'OBJECT' WHEN 'ARRAY' THEN 'ARRAY' WHEN 'NULL' THEN 'NULL_VALUE' END",
		// TO_JSON(variant): the VARCHAR of its JSON text (NULL stays NULL).
		'CREATE MACRO to_json(v) AS CAST(system.main.to_json(v) AS VARCHAR)',
		// FILTER(array, x -> cond), ARRAY_REVERSE, CONTAINS, CHR, TRIM(s, chars): DuckDB's own, same meaning.
	],
};

/**
 * Scans SQL text: `literal` gets each single-quoted string literal (backslash escapes and doubled
 * quotes inside), `backtick` each backtick-quoted name; the rest is copied.
 * @param {string} sql @param {{ literal(text: string): string, backtick?(text: string): string }} on
 */
function mapQuoted(sql, on) {
	let out = '';
	for (let i = 0; i < sql.length; i++) {
		const c = sql[i];
		if (c !== "'" && !(c === '`' && on.backtick)) {
			out += c;
			continue;
		}
		let j = i + 1;
		for (; j < sql.length; j++) {
			if (sql[j] === '\\') j++;
			else if (sql[j] === c && c === "'" && sql[j + 1] === "'") j++;
			else if (sql[j] === c) break;
		}
		if (j >= sql.length) throw new Error(`unterminated ${c} at ${i}`);
		const text = sql.slice(i, j + 1);
		out += c === "'" ? on.literal(text) : /** @type {(t: string) => string} */ (on.backtick)(text);
		i = j;
	}
	return out;
}

/** Both dialects' literals read backslash escapes; DuckDB's do in its E'...' form. */
const escapeString = (/** @type {string} */ text) => (text.includes('\\') ? `E${text}` : text);

/** The text rewrites, in order: [what and why, edit]. */
const REWRITES = {
	bigquery: [
		[
			'`name` quoting becomes "name" (DuckDB has no backtick quoting); literals with backslashes become E-strings',
			(/** @type {string} */ sql) =>
				mapQuoted(sql, { literal: escapeString, backtick: (t) => `"${t.slice(1, -1)}"` }),
		],
		[
			'SAFE_CAST(x AS t) becomes TRY_CAST(x AS t): the same "NULL instead of an error", and CAST syntax is no function a macro can be',
			(/** @type {string} */ sql) => sql.replace(/\bSAFE_CAST\(/g, 'TRY_CAST('),
		],
		[
			'STRUCT(a AS k, b AS v) becomes STRUCT_PACK(k := a, v := b) (DuckDB has no STRUCT(... AS ...) constructor)',
			(/** @type {string} */ sql) =>
				sql.replace(
					/\bSTRUCT\((\w+) AS (\w+), (\w+) AS (\w+)\)/g,
					'STRUCT_PACK($2 := $1, $4 := $3)',
				),
		],
		[
			'UNNEST(a) AS p WITH OFFSET AS o becomes UNNEST(a) WITH ORDINALITY AS _(p, o) (DuckDB counts from 1; the SQL only orders by it)',
			(/** @type {string} */ sql) =>
				sql.replace(
					/\bUNNEST\(([^()]+)\) AS (\w+) WITH OFFSET AS (\w+)/g,
					'UNNEST($1) WITH ORDINALITY AS _($2, $3)',
				),
		],
	],
	snowflake: [
		[
			'literals with backslashes become E-strings',
			(/** @type {string} */ sql) => mapQuoted(sql, { literal: escapeString }),
		],
		[
			'ARRAY_AGG(x) WITHIN GROUP (ORDER BY y) becomes ARRAY_AGG(x ORDER BY y) (DuckDB has WITHIN GROUP for ordered-set aggregates only)',
			(/** @type {string} */ sql) =>
				sql.replace(
					/\bARRAY_AGG\(((?:[^()]|\([^()]*\))*)\) WITHIN GROUP \(ORDER BY ([^()]*)\)/g,
					'ARRAY_AGG($1 ORDER BY $2)',
				),
		],
		[
			'NUMBER(p, s) becomes DECIMAL(p, s), its Snowflake synonym (DuckDB has no NUMBER type)',
			(/** @type {string} */ sql) => sql.replace(/\bNUMBER\(/g, 'DECIMAL('),
		],
	],
};

/**
 * The SQL as DuckDB runs it for the dialect (the REWRITES applied).
 * @param {'bigquery' | 'snowflake'} dialect @param {string} sql
 */
function adapt(dialect, sql) {
	return REWRITES[dialect].reduce(
		(text, [, edit]) => /** @type {(s: string) => string} */ (edit)(text),
		sql,
	);
}

/** Whether a DuckDB column type is JSON (a VARIANT or ARRAY here), or a LIST of it. */
const isJson = (/** @type {any} */ type) =>
	type.alias === 'JSON' || (type.valueType !== undefined && isJson(type.valueType));
/** @param {unknown} v @returns {unknown} */
const parseJson = (v) =>
	typeof v === 'string' ? JSON.parse(v) : Array.isArray(v) ? v.map(parseJson) : v;

/**
 * An in-memory DuckDB with the dialect's shims.
 * @param {'bigquery' | 'snowflake'} dialect
 */
async function openDialectDb(dialect) {
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	for (const macro of MACROS[dialect]) await connection.run(macro);
	return {
		/**
		 * Runs the dialect's SQL (adapted) and returns its rows as the dialect's driver would.
		 * @param {string} sql @returns {Promise<Record<string, unknown>[]>}
		 */
		async query(sql) {
			const reader = await connection.runAndReadAll(adapt(dialect, sql));
			const json = reader.columnNames().filter((_, i) => isJson(reader.columnType(i)));
			return reader.getRowObjectsJson().map((row) => {
				const out = /** @type {Record<string, unknown>} */ ({ ...row });
				for (const name of json) out[name] = parseJson(out[name]);
				return out;
			});
		},
		/**
		 * Creates `table` with the DuckDB column types and loads `rows`, each value converted to its
		 * column's type (one the type cannot hold, such as text in a FLOAT64, becomes NULL).
		 * @param {string} table @param {Record<string, unknown>} columns name -> DuckDB type (nested: from_json structure)
		 * @param {Record<string, unknown>[]} rows
		 */
		async load(table, columns, rows) {
			const ddl = Object.entries(columns).map(([name, type]) => `${name} ${sqlType(type)}`);
			await connection.run(`CREATE TABLE ${table} (${ddl.join(', ')})`);
			const picked = rows.map((r) =>
				Object.fromEntries(Object.keys(columns).map((c) => [c, r[c] ?? null])),
			);
			await connection.run(
				`INSERT INTO ${table} SELECT unnest(r) FROM (SELECT unnest(from_json($1::JSON, $2)) AS r)`,
				[JSON.stringify(picked), JSON.stringify([columns])],
			);
		},
		close() {
			connection.closeSync();
			instance.closeSync();
		},
	};
}

/** A from_json structure as a DuckDB column type. @param {unknown} t @returns {string} */
function sqlType(t) {
	if (typeof t === 'string') return t;
	if (Array.isArray(t)) return `${sqlType(t[0])}[]`;
	const fields = Object.entries(/** @type {Record<string, unknown>} */ (t)).map(
		([k, v]) => `${k} ${sqlType(v)}`,
	);
	return `STRUCT(${fields.join(', ')})`;
}

/** The GA4 export's columns that the SQL reads, typed as in BigQuery (STRUCT, ARRAY of STRUCT). */
const GA4_BIGQUERY_COLUMNS = {
	event_date: 'VARCHAR',
	event_timestamp: 'BIGINT',
	event_name: 'VARCHAR',
	event_params: [
		{
			key: 'VARCHAR',
			value: {
				string_value: 'VARCHAR',
				int_value: 'BIGINT',
				float_value: 'DOUBLE',
				double_value: 'DOUBLE',
			},
		},
	],
	user_id: 'VARCHAR',
	user_pseudo_id: 'VARCHAR',
	collected_traffic_source: {
		manual_campaign_name: 'VARCHAR',
		manual_source: 'VARCHAR',
		manual_medium: 'VARCHAR',
	},
	ecommerce: {
		purchase_revenue: 'DOUBLE',
		purchase_revenue_in_usd: 'DOUBLE',
		transaction_id: 'VARCHAR',
	},
	device: { category: 'VARCHAR' },
	geo: { country: 'VARCHAR' },
};

/** The same columns in Snowflake's shape: nested ones as VARIANT (DuckDB JSON). */
const GA4_SNOWFLAKE_COLUMNS = {
	...GA4_BIGQUERY_COLUMNS,
	event_params: 'JSON',
	collected_traffic_source: 'JSON',
	ecommerce: 'JSON',
	device: 'JSON',
	geo: 'JSON',
};

module.exports = {
	openDialectDb,
	adapt,
	MACROS,
	REWRITES,
	GA4_BIGQUERY_COLUMNS,
	GA4_SNOWFLAKE_COLUMNS,
};
