/** SQL dialects the warehouse mode writes. Every dialect difference lives in DIALECTS below. */
export type WarehouseDialect = 'postgres' | 'bigquery' | 'snowflake';

export const WAREHOUSE_DIALECTS: readonly WarehouseDialect[] = ['postgres', 'bigquery', 'snowflake'];

/** How a timestamp column is stored: a timestamp type or an epoch number in the given unit. */
export type TimestampUnit = 'timestamp' | 'seconds' | 'millis' | 'micros';

export interface DialectSpec {
	/** Quote one identifier part, exactly as written (the query's own column aliases). */
	ident(name: string): string;
	/**
	 * A table or column name of the user's database (typed into Build SQL, or the GA4 export's),
	 * quoted so it resolves as the dialect resolves it written without quotes where quoting would
	 * change that: Snowflake stores unquoted names in upper case, so `events` is `"EVENTS"`.
	 */
	name(name: string): string;
	text(expr: string): string;
	float(expr: string): string;
	/** Epoch milliseconds (an integer) of a timestamp-typed expression. */
	epochMillis(expr: string): string;
	/** Integer division of an epoch number to milliseconds. */
	toMillis(expr: string, divisor: number, multiplier: number): string;
	/** A string literal holding `value` exactly (quotes, backslashes and control characters escaped). */
	str(value: string): string;
	/**
	 * A text expression as a sort key in code-point order, whatever the database's collation (ties
	 * between events at the same millisecond are broken by event name, the same way everywhere).
	 */
	sortKey(expr: string): string;
	/** Aggregate: the group's [a, b] pairs as one JSON array ordered by `orderBy` (objects {k, v} in BigQuery). */
	pairArray(a: string, b: string, orderBy: string): string;
	/** Aggregate: the group's values as one JSON array ordered by `orderBy`. */
	valueArray(value: string, orderBy: string): string;
	/**
	 * `c_` + the first 20 hex digits of HMAC-SHA256(secret, id): the in-process pseudonym. Null when
	 * the dialect has no HMAC: then the ids are pseudonymized by From Aggregates with the same secret.
	 */
	pseudonym: ((id: string, secretParam: string) => string) | null;
	/** Placeholder of the first query parameter. */
	param1: string;
	/** A server setting's value as text (where the dialect has a pseudonym). */
	setting: ((name: string) => string) | null;
	/**
	 * The expression without leading and trailing whitespace. JavaScript's trim() also removes
	 * Unicode spaces (no-break space ...); PostgreSQL and Snowflake here remove ASCII whitespace.
	 */
	trimSpace(expr: string): string;
	/** The expression with the given characters removed from both ends. */
	trimChars(expr: string, chars: string): string;
	/** The expression with every match of a (simple, POSIX-compatible) regex replaced. */
	replaceAll(expr: string, regex: string, by: string): string;
	/** Whether the expression contains a constant text. */
	contains(expr: string, text: string): string;
	/** How a part of a table name may look (BigQuery project ids have `-`, wildcard tables end in `*`). */
	tablePart: RegExp;
	/** A table name from its checked parts. */
	table(parts: string[]): string;
	/**
	 * Nested fields of the GA4 export: a STRUCT / ARRAY of STRUCT (BigQuery), JSONB (PostgreSQL)
	 * or VARIANT (Snowflake) column of the same shape.
	 */
	nested: NestedAccess;
	/** JSON text (a JSON string) of a text expression; NULL stays NULL. */
	jsonText(expr: string): string;
	/**
	 * JSON text of a column's value when the in-process reader keeps it as an attribute (a number, a
	 * boolean, or a text of 1 to 200 characters), else NULL.
	 */
	scalarJson(expr: string): string;
}

/** Reading the GA4 export's nested columns; `field` names are the generator's own constants. */
export interface NestedAccess {
	/**
	 * `value` of the LAST entry of a key/value array (event_params) whose `key` is `key` and whose
	 * `value` is an object (the in-process reader lets a later entry win and skips malformed ones).
	 */
	param(array: string, key: string): string;
	/** Whether the field is present and not null (JavaScript's `??` test). */
	has(obj: string, field: string): string;
	/** The field when it is a string, else NULL. */
	string(obj: string, field: string): string;
	/** The field as text (strings as they are, numbers printed), NULL when missing or null. */
	text(obj: string, field: string): string;
	/** The field as a double when it is a number or a decimal number's text, else NULL. */
	number(obj: string, field: string): string;
}

/**
 * Text of a decimal number as JavaScript's Number() reads it (hex, binary, `Infinity` and
 * whitespace-only text aside, which it also reads). It ends in `\\Z` (end of text), not `$`:
 * n8n's Postgres node puts an expression's query into its own text with String.replace, which
 * reads `$'` (and `$$`, `$&`, `` $` ``) as replacement patterns, so the query must not contain them.
 */
const DECIMAL = '^\\s*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?\\s*\\Z';
/** The ASCII whitespace JavaScript's trim() removes. */
const ASCII_SPACE = "' ' || CHR(9) || CHR(10) || CHR(11) || CHR(12) || CHR(13)";
/** A standard SQL string literal (PostgreSQL: standard_conforming_strings, the default). */
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
/**
 * A literal for BigQuery and Snowflake, whose string literals read backslash escapes: the
 * generator's constants contain no quote, backslash or line break, and this refuses one that does.
 */
function plain(value: string): string {
	if (/['\\\n\r]/.test(value)) throw new Error(`not a plain SQL constant: ${JSON.stringify(value)}`);
	return `'${value}'`;
}

const dq = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** A literal where backslashes introduce escapes: backslash, quote and control characters (as \u escapes) escaped. */
function backslashLiteral(value: string, quote: string): string {
	let out = '';
	for (const c of value) {
		const code = c.charCodeAt(0);
		if (c === '\\') out += '\\\\';
		else if (c === "'") out += quote;
		else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
		else out += c;
	}
	return `'${out}'`;
}

export const DIALECTS: Record<WarehouseDialect, DialectSpec> = {
	postgres: {
		ident: dq,
		// Quoted as typed: PostgreSQL tools show the stored names (camelCase columns are quoted ones).
		name: dq,
		text: (e) => `CAST(${e} AS TEXT)`,
		float: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
		epochMillis: (e) => `CAST(FLOOR(EXTRACT(EPOCH FROM ${e}) * 1000) AS BIGINT)`,
		toMillis: (e, d, m) => `CAST(FLOOR(CAST(${e} AS NUMERIC) * ${m} / ${d}) AS BIGINT)`,
		// A standard string; with a backslash or `$`, an escape string (E'...'), which reads backslashes
		// the same whatever standard_conforming_strings is, with `$` as \x24 (see DECIMAL: a `$` before a
		// quote would be rewritten by n8n's Postgres node).
		str: (v) =>
			/[\\$]/.test(v)
				? `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\$/g, '\\x24')}'`
				: `'${v.replace(/'/g, "''")}'`,
		sortKey: (e) => `${e} COLLATE "C"`,
		pairArray: (a, b, order) => `ARRAY_TO_JSON(ARRAY_AGG(JSON_BUILD_ARRAY(${a}, ${b}) ORDER BY ${order}))`,
		valueArray: (v, order) => `ARRAY_TO_JSON(ARRAY_AGG(${v} ORDER BY ${order}))`,
		// pgcrypto's hmac(data, key, type).
		pseudonym: (id, secret) => `'c_' || SUBSTR(ENCODE(HMAC(${id}, ${secret}, 'sha256'), 'hex'), 1, 20)`,
		param1: '$1',
		setting: (name) => `current_setting('${name}')`,
		trimSpace: (e) => `BTRIM(${e}, ${ASCII_SPACE})`,
		trimChars: (e, chars) => `BTRIM(${e}, ${quote(chars)})`,
		replaceAll: (e, re, by) => `REGEXP_REPLACE(${e}, ${quote(re)}, ${quote(by)}, 'g')`,
		contains: (e, text) => `STRPOS(${e}, ${quote(text)}) > 0`,
		tablePart: /^[A-Za-z_][A-Za-z0-9_]*$/,
		table: (parts) => parts.map(dq).join('.'),
		// JSONB: the last matching entry via a JSON path filter (`-> -1`: the array's last element).
		nested: {
			param: (a, key) =>
				`((JSONB_PATH_QUERY_ARRAY(${a}, '$[*] ? (@.key == "${key}" && @.value.type() == "object")') -> -1) -> 'value')`,
			has: (o, f) => `(${o} ->> '${f}') IS NOT NULL`,
			string: (o, f) => `CASE WHEN JSONB_TYPEOF(${o} -> '${f}') = 'string' THEN ${o} ->> '${f}' END`,
			text: (o, f) => `(${o} ->> '${f}')`,
			number: (o, f) =>
				`CASE WHEN (${o} ->> '${f}') ~ '${DECIMAL}' THEN CAST(${o} ->> '${f}' AS DOUBLE PRECISION) END`,
		},
		jsonText: (e) => `CAST(TO_JSONB(CAST(${e} AS TEXT)) AS TEXT)`,
		scalarJson: (e) =>
			`CASE WHEN JSONB_TYPEOF(TO_JSONB(${e})) IN ('number', 'boolean') OR (JSONB_TYPEOF(TO_JSONB(${e})) = 'string' AND LENGTH(CAST(${e} AS TEXT)) BETWEEN 1 AND 200) THEN CAST(TO_JSONB(${e}) AS TEXT) END`,
	},
	bigquery: {
		ident: (name) => `\`${name.replace(/`/g, '\\`')}\``,
		// Column names are case-insensitive in BigQuery; table names as typed.
		name: (name) => `\`${name.replace(/`/g, '\\`')}\``,
		text: (e) => `CAST(${e} AS STRING)`,
		float: (e) => `CAST(${e} AS FLOAT64)`,
		epochMillis: (e) => `UNIX_MILLIS(${e})`,
		toMillis: (e, d, m) => `DIV(CAST(${e} AS INT64) * ${m}, ${d})`,
		// Quoted strings: backslash escapes, \\' for the quote, no raw newlines.
		str: (v) => backslashLiteral(v, "\\'"),
		// STRING comparison is by code point already.
		sortKey: (e) => e,
		// Arrays of arrays are not allowed: pairs are STRUCTs, which TO_JSON_STRING writes as {k, v}.
		pairArray: (a, b, order) => `TO_JSON_STRING(ARRAY_AGG(STRUCT(${a} AS k, ${b} AS v) ORDER BY ${order}))`,
		valueArray: (v, order) => `TO_JSON_STRING(ARRAY_AGG(${v} ORDER BY ${order}))`,
		pseudonym: null,
		param1: '@secret',
		setting: null,
		trimSpace: (e) => `TRIM(${e})`,
		trimChars: (e, chars) => `TRIM(${e}, ${plain(chars)})`,
		replaceAll: (e, re, by) => `REGEXP_REPLACE(${e}, ${plain(re)}, ${plain(by)})`,
		contains: (e, text) => `STRPOS(${e}, ${plain(text)}) > 0`,
		tablePart: /^[A-Za-z_][A-Za-z0-9_-]*[*]?$/,
		// The whole path in one pair of backticks, as BigQuery documents wildcard tables.
		table: (parts) => `\`${parts.join('.')}\``,
		// The export's typed columns: ARRAY<STRUCT<key, value STRUCT<...>>>, STRUCTs, STRING, INT64, FLOAT64.
		nested: {
			param: (a, key) =>
				`(SELECT p.value FROM UNNEST(${a}) AS p WITH OFFSET AS o WHERE p.key = '${key}' AND p.value IS NOT NULL ORDER BY o DESC LIMIT 1)`,
			has: (o, f) => `${o}.${f} IS NOT NULL`,
			string: (o, f) => `${o}.${f}`,
			text: (o, f) => `CAST(${o}.${f} AS STRING)`,
			number: (o, f) => `SAFE_CAST(${o}.${f} AS FLOAT64)`,
		},
		// TO_JSON_STRING(NULL) is the text null: NULL must stay NULL (no value, not a JSON null).
		jsonText: (e) => `CASE WHEN ${e} IS NOT NULL THEN TO_JSON_STRING(CAST(${e} AS STRING)) END`,
		scalarJson: (e) =>
			`CASE WHEN JSON_TYPE(TO_JSON(${e})) IN ('number', 'boolean') OR (JSON_TYPE(TO_JSON(${e})) = 'string' AND LENGTH(CAST(${e} AS STRING)) BETWEEN 1 AND 200) THEN TO_JSON_STRING(${e}) END`,
	},
	snowflake: {
		ident: dq,
		// Unquoted names are stored and resolved in upper case ("equivalent to uppercase double-quoted").
		name: (n) => dq(n.toUpperCase()),
		text: (e) => `CAST(${e} AS VARCHAR)`,
		float: (e) => `CAST(${e} AS DOUBLE)`,
		epochMillis: (e) => `DATE_PART(EPOCH_MILLISECOND, ${e})`,
		toMillis: (e, d, m) => `FLOOR(CAST(${e} AS NUMBER(38, 0)) * ${m} / ${d})`,
		// Single-quoted constants interpret backslash escapes; '' is the quote.
		str: (v) => backslashLiteral(v, "''"),
		// Without a COLLATE specification, VARCHAR compares by UTF-8 bytes (code-point order).
		sortKey: (e) => e,
		pairArray: (a, b, order) => `ARRAY_AGG(ARRAY_CONSTRUCT(${a}, ${b})) WITHIN GROUP (ORDER BY ${order})`,
		valueArray: (v, order) => `ARRAY_AGG(${v}) WITHIN GROUP (ORDER BY ${order})`,
		pseudonym: null,
		param1: '?',
		setting: null,
		trimSpace: (e) => `TRIM(${e}, ${ASCII_SPACE})`,
		trimChars: (e, chars) => `TRIM(${e}, ${plain(chars)})`,
		replaceAll: (e, re, by) => `REGEXP_REPLACE(${e}, ${plain(re)}, ${plain(by)})`,
		contains: (e, text) => `CONTAINS(${e}, ${plain(text)})`,
		tablePart: /^[A-Za-z_][A-Za-z0-9_]*$/,
		table: (parts) => parts.map((part) => dq(part.toUpperCase())).join('.'),
		// VARIANT: FILTER with a lambda keeps the matching entries; the reversed array's first is the last.
		nested: {
			param: (a, key) =>
				`GET(GET(ARRAY_REVERSE(FILTER(TO_ARRAY(${a}), kv -> AS_VARCHAR(GET(kv, 'key')) = '${key}' AND IS_OBJECT(GET(kv, 'value')))), 0), 'value')`,
			has: (o, f) => `STRIP_NULL_VALUE(GET(${o}, '${f}')) IS NOT NULL`,
			string: (o, f) => `AS_VARCHAR(GET(${o}, '${f}'))`,
			text: (o, f) => `TO_VARCHAR(STRIP_NULL_VALUE(GET(${o}, '${f}')))`,
			number: (o, f) => `TRY_TO_DOUBLE(TO_VARCHAR(STRIP_NULL_VALUE(GET(${o}, '${f}'))))`,
		},
		jsonText: (e) => `TO_JSON(TO_VARIANT(CAST(${e} AS VARCHAR)))`,
		scalarJson: (e) =>
			`CASE WHEN TYPEOF(TO_VARIANT(${e})) IN ('INTEGER', 'DECIMAL', 'DOUBLE', 'BOOLEAN') OR (TYPEOF(TO_VARIANT(${e})) = 'VARCHAR' AND LENGTH(CAST(${e} AS VARCHAR)) BETWEEN 1 AND 200) THEN TO_JSON(TO_VARIANT(${e})) END`,
	},
};
