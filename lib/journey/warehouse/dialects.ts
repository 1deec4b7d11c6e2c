/** SQL dialects the warehouse mode writes. Every dialect difference lives in DIALECTS below. */
export type WarehouseDialect = 'postgres' | 'bigquery' | 'snowflake';

export const WAREHOUSE_DIALECTS: readonly WarehouseDialect[] = ['postgres', 'bigquery', 'snowflake'];

/** How a timestamp column is stored: a timestamp type or an epoch number in the given unit. */
export type TimestampUnit = 'timestamp' | 'seconds' | 'millis' | 'micros';

export interface DialectSpec {
	/** Quote one identifier part. */
	ident(name: string): string;
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
		text: (e) => `CAST(${e} AS TEXT)`,
		float: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
		epochMillis: (e) => `CAST(FLOOR(EXTRACT(EPOCH FROM ${e}) * 1000) AS BIGINT)`,
		toMillis: (e, d, m) => `CAST(FLOOR(CAST(${e} AS NUMERIC) * ${m} / ${d}) AS BIGINT)`,
		// An escape string (E'...') reads backslashes the same whatever standard_conforming_strings is.
		str: (v) => `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`,
		sortKey: (e) => `${e} COLLATE "C"`,
		pairArray: (a, b, order) => `JSON_AGG(JSON_BUILD_ARRAY(${a}, ${b}) ORDER BY ${order})`,
		valueArray: (v, order) => `JSON_AGG(${v} ORDER BY ${order})`,
		// pgcrypto's hmac(data, key, type).
		pseudonym: (id, secret) => `'c_' || SUBSTR(ENCODE(HMAC(${id}, ${secret}, 'sha256'), 'hex'), 1, 20)`,
		param1: '$1',
		setting: (name) => `current_setting('${name}')`,
	},
	bigquery: {
		ident: (name) => `\`${name.replace(/`/g, '\\`')}\``,
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
	},
	snowflake: {
		ident: dq,
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
	},
};
