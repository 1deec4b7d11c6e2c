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
	/** The customer's events as one ordered array of [ms, event, channel, value, consent]. */
	eventArray(ms: string, ev: string, ch: string, val: string, consent: string): string;
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

export const DIALECTS: Record<WarehouseDialect, DialectSpec> = {
	postgres: {
		ident: dq,
		text: (e) => `CAST(${e} AS TEXT)`,
		float: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
		epochMillis: (e) => `CAST(FLOOR(EXTRACT(EPOCH FROM ${e}) * 1000) AS BIGINT)`,
		toMillis: (e, d, m) => `CAST(FLOOR(CAST(${e} AS NUMERIC) * ${m} / ${d}) AS BIGINT)`,
		eventArray: (ms, ev, ch, val, consent) =>
			`JSON_AGG(JSON_BUILD_ARRAY(${ms}, ${ev}, ${ch}, ${val}, ${consent}) ORDER BY ${ms}, ${ev}, ${ch})`,
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
		eventArray: (ms, ev, ch, val, consent) =>
			`TO_JSON_STRING(ARRAY_AGG(STRUCT(${ms} AS t, ${ev} AS e, ${ch} AS c, ${val} AS v, ${consent} AS k) ORDER BY ${ms}, ${ev}, ${ch}))`,
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
		eventArray: (ms, ev, ch, val, consent) =>
			`ARRAY_AGG(ARRAY_CONSTRUCT(${ms}, ${ev}, ${ch}, ${val}, ${consent})) WITHIN GROUP (ORDER BY ${ms}, ${ev}, ${ch})`,
		pseudonym: null,
		param1: '?',
		setting: null,
	},
};
