import { isPiiFieldName } from '../../governance';
import { InputError } from '../../util/errors';
import { SOCIAL_SOURCES, SOURCE_MEDIUM_RULES, type SourceMediumRule } from '../channels';
import { KEY_PREFIX, KeyKind } from '../store';
import { MAX_MS, MIN_MS } from '../time';
import type { WarehouseColumns } from './buildSql';
import { DIALECTS, type DialectSpec, type TimestampUnit, type WarehouseDialect } from './dialects';

/**
 * The `src` CTE of the warehouse SQL: one row per source event, with exactly the columns
 * `cid` (customer key with the in-process key prefix), `ms` (epoch milliseconds), `ev`, `ch`
 * (channel normalised as in-process; NULL when the event has none), `val`, `consent` and `txn`.
 * A row the in-process reader would reject gets a NULL `cid` (no id), a NULL `ms` (no usable time)
 * or a NULL or empty `ev`; the facts SQL counts it as skipped by the first of these, in that order.
 */

/** What the events table looks like: flat columns named by a mapping, or the GA4 BigQuery export. */
export type WarehouseSource = 'custom' | 'ga4Export';
export const WAREHOUSE_SOURCES: readonly WarehouseSource[] = ['custom', 'ga4Export'];

/**
 * The columns of `src`, in order, before the attribute columns (`a1`, `a2`, ... in the order of
 * `sourceAttributes`). Identity and sessions: `em` (the normalised e-mail linking custom ids, else
 * NULL), `web` and `sess` (the session: GA4's ga_session_id as text, with the web id it is unique
 * for, or NULL), `conflict` (1 on a GA4 event whose web id was first seen with another user_id).
 */
export const SOURCE_COLUMNS = ['cid', 'ms', 'ev', 'ch', 'val', 'consent', 'txn', 'em', 'web', 'sess', 'conflict'] as const;

/** A `src` row the in-process mode would use: a customer, a time and an event name. */
export const USABLE_ROW = "cid IS NOT NULL AND ms IS NOT NULL AND ev IS NOT NULL AND ev <> ''";

/** The GA4 export's attributes the in-process reader keeps: device.category and geo.country. */
const GA4_ATTRIBUTES = ['device', 'country'] as const;

/**
 * The attribute names `src` carries in its columns `a1`, `a2`, ...: the custom mapping's
 * attribute columns (checked names), or the GA4 reader's device and country.
 */
export function sourceAttributes(options: SourceOptions): string[] {
	if ((options.source ?? 'custom') === 'ga4Export') return [...GA4_ATTRIBUTES];
	const list = options.columns?.attributes ?? [];
	const field = 'columns.attributes';
	if (!Array.isArray(list))
		throw new InputError('columns.attributes must be a list of column names', undefined, field);
	const names = list.map((name) => checkIdent('attribute column', String(name), field));
	for (const name of names) {
		if (isPiiFieldName(name)) {
			throw new InputError(
				`attribute column "${name}" looks like personal data (PII); only non-PII attributes may be carried on journeys`,
				undefined,
				field,
			);
		}
	}
	if (new Set(names).size !== names.length)
		throw new InputError('columns.attributes names a column twice', undefined, field);
	return names;
}

export interface SourceOptions {
	/** Default `custom`. */
	source?: WarehouseSource;
	/** Table name, optionally qualified (`schema.table`, `project.dataset.events_*`). */
	table: string;
	/** With `custom`: the flat columns. Not used with `ga4Export` (the export's own names). */
	columns?: WarehouseColumns;
	/** With `custom`: how the timestamp column is stored (default `timestamp`). */
	timestampUnit?: TimestampUnit;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UNIT: Record<Exclude<TimestampUnit, 'timestamp'>, [number, number]> = {
	seconds: [1, 1000],
	millis: [1, 1],
	micros: [1000, 1],
};

/** A column name checked to be a plain identifier (letters, digits, `_`); `field` is the option it came from. */
export function checkIdent(what: string, name: string, field: string): string {
	if (!IDENT.test(name)) {
		throw new InputError(`${what} "${name}" is not a plain column or table name (letters, digits, _)`, undefined, field);
	}
	return name;
}

function tableRef(d: DialectSpec, table: unknown): string {
	const parts = String(table ?? '').split('.');
	if (parts.length > 3)
		throw new InputError(`table "${String(table)}" has more than three parts`, undefined, 'table');
	for (const part of parts) {
		if (!d.tablePart.test(part)) {
			throw new InputError(
				`table "${part}" is not a plain column or table name (letters, digits, _)`,
				undefined,
				'table',
			);
		}
	}
	return d.table(parts);
}

const prefix = (kind: KeyKind) => `${KEY_PREFIX[kind]}:`;
const inRange = (ms: string) => `CASE WHEN ${ms} >= ${MIN_MS} AND ${ms} < ${MAX_MS} THEN ${ms} END`;

/** normaliseChannel in SQL: lower case, runs of non-alphanumerics to `_`, trimmed; empty: `other`. */
export function normaliseChannelSql(d: DialectSpec, expr: string): string {
	const slug = d.trimChars(d.replaceAll(`LOWER(${expr})`, '[^a-z0-9]+', '_'), '_');
	return `LEFT(COALESCE(NULLIF(${slug}, ''), 'other'), 60)`;
}

function ruleCondition(
	d: DialectSpec,
	r: SourceMediumRule,
	source: string,
	medium: string,
): string {
	const list = (values: readonly string[]) => values.map((v) => d.str(v)).join(', ');
	const parts: string[] = [];
	if (r.sourceIn) parts.push(`${source} IN (${list(r.sourceIn)})`);
	if (r.sourceSocial) parts.push(`${source} IN (${list(SOCIAL_SOURCES)})`);
	if (r.mediumIn) parts.push(`${medium} IN (${list(r.mediumIn)})`);
	for (const part of r.mediumContains ?? []) parts.push(d.contains(medium, part));
	return parts.join(' AND ');
}

/**
 * channelFromSourceMedium in SQL, generated from the same rule table (SOURCE_MEDIUM_RULES).
 * `source` and `medium` must be trimmed and lower-cased already; NULL medium gives NULL.
 */
export function sourceMediumChannelSql(d: DialectSpec, source: string, medium: string): string {
	const whens = SOURCE_MEDIUM_RULES.map(
		(r) => `      WHEN ${ruleCondition(d, r, source, medium)} THEN ${d.str(r.channel)}`,
	);
	return [
		`CASE WHEN ${medium} IS NULL THEN NULL`,
		...whens,
		`      ELSE ${normaliseChannelSql(d, medium)} END`,
	].join('\n');
}

const NULL_TEXT = (d: DialectSpec) => d.text('NULL');

/** The custom mapping: flat columns, as the in-process `custom` source reads them. */
function customSelect(d: DialectSpec, options: SourceOptions): string {
	const table = tableRef(d, options.table);
	const c = options.columns ?? ({} as WarehouseColumns);
	const col = (what: string, key: Exclude<keyof WarehouseColumns, 'attributes'>) => {
		const name = c[key];
		return name ? d.name(checkIdent(`${what} column`, name, `columns.${key}`)) : null;
	};
	const cid = col('customer id', 'customerId');
	const ts = col('timestamp', 'timestamp');
	if (cid === null || ts === null)
		throw new InputError(
			'columns.customerId and columns.timestamp are required',
			undefined,
			cid === null ? 'columns.customerId' : 'columns.timestamp',
		);
	const unit = options.timestampUnit ?? 'timestamp';
	let ms: string;
	if (unit === 'timestamp') ms = d.epochMillis(ts);
	else if (UNIT[unit]) ms = d.toMillis(ts, UNIT[unit][0], UNIT[unit][1]);
	else throw new InputError(`unknown timestampUnit "${String(unit)}"`, undefined, 'timestampUnit');
	const ev = col('event', 'event');
	const ch = col('channel', 'channel');
	const val = col('value', 'value');
	const consent = col('consent', 'consent');
	const email = col('email', 'email');
	const attrs = sourceAttributes(options).map((name, i) => `${d.scalarJson(d.name(name))} AS a${i + 1}`);
	// The e-mail as the in-process emailOf reads it: trimmed, lower case, longer than 2 with an @.
	const em = email
		? `CASE WHEN LENGTH(em0) > 2 AND ${d.contains('em0', '@')} THEN em0 END`
		: NULL_TEXT(d);
	// In-process a mapped event column that is empty rejects the record (after the id and the time,
	// so the row keeps its cid and the facts SQL counts it by that reason); no channel gives `other`.
	return [
		`  SELECT CASE WHEN id IS NOT NULL THEN ${d.str(prefix(KeyKind.Custom))} || id END AS cid,`,
		`    ${inRange('ms')} AS ms, ev, ch, val, consent, txn,`,
		`    ${em} AS em, ${NULL_TEXT(d)} AS web, ${NULL_TEXT(d)} AS sess, 0 AS conflict${attrs.map((a, i) => `, a${i + 1}`).join('')}`,
		'  FROM (',
		`    SELECT NULLIF(${d.text(cid)}, '') AS id, ${ms} AS ms,`,
		`      ${ev ? d.text(ev) : "'event'"} AS ev,`,
		`      ${ch ? normaliseChannelSql(d, d.text(ch)) : "'other'"} AS ch,`,
		`      ${d.float(val ?? 'NULL')} AS val,`,
		`      ${consent ? d.text(consent) : NULL_TEXT(d)} AS consent,`,
		`      ${email ? `LOWER(${d.trimSpace(d.text(email))})` : NULL_TEXT(d)} AS em0,`,
		`      ${[`${NULL_TEXT(d)} AS txn`, ...attrs].join(',\n      ')}`,
		`    FROM ${table}`,
		'  ) AS e',
	].join('\n');
}

const GA4_PARAMS = ['ga_session_id', 'source', 'medium', 'value'] as const;
const WHOLE_FRAME = 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';

/**
 * The GA4 BigQuery export (events_YYYYMMDD), read as the in-process GA4 reader reads a record:
 * - cid: `user:<user_id>`; without one, the user_id the web id (user_pseudo_id) was first seen with
 *   (earliest event; in-process: first in input order), else `ga4:<user_pseudo_id>`.
 * - ch: the event's collected_traffic_source manual source/medium, else its `source` / `medium`
 *   params, classified by SOURCE_MEDIUM_RULES; an event with neither takes its session's first
 *   channel (session: ga_session_id per web id and customer); NULL when the session has none.
 * - val: ecommerce.purchase_revenue (else purchase_revenue_in_usd), else the `value` param.
 * - txn: ecommerce.transaction_id unless `(not set)`. consent: NULL (the GA4 reader reads none).
 * - web, sess: the event's session (ga_session_id with its web id, as the reader folds them).
 * - conflict: 1 when the web id was first seen with another user_id (the reader counts these).
 * - a1, a2: device.category and geo.country of each identity key's first event (the reader keeps
 *   those of a key's first record), NULL on its other events.
 * - ms: event_timestamp (microseconds) floored to milliseconds.
 */
function ga4Select(d: DialectSpec, options: SourceOptions): string {
	const table = tableRef(d, options.table);
	const n = d.nested;
	const q = (name: string) => d.name(name);
	const param = (key: (typeof GA4_PARAMS)[number]) =>
		`${n.param(q('event_params'), key)} AS p_${key}`;
	// int_value ?? string_value ?? double_value (session) / double ?? int ?? float ?? string (value).
	const firstOf = (obj: string, fields: string[]) =>
		`CASE ${fields
			.slice(0, -1)
			.map((f) => `WHEN ${n.has(obj, f)} THEN ${n.number(obj, f)}`)
			.join(' ')} ELSE ${n.number(obj, fields[fields.length - 1])} END`;
	const pair = (cts: string, par: string) =>
		`CASE WHEN c_source IS NOT NULL OR c_medium IS NOT NULL THEN COALESCE(${cts}, '')` +
		` WHEN p_source_s IS NOT NULL OR p_medium_s IS NOT NULL THEN COALESCE(${par}, '') END`;
	const valid = 'ev IS NOT NULL AND ms IS NOT NULL';
	// Nested SELECTs, written outermost first; innermost first they are: raw (the columns, the
	// params' value objects), fields (decoded values), linked (the web id's first user_id, the
	// source/medium pair trimmed and lower-cased), keyed (cid, the event's own channel), and the
	// outer one (the session's first channel for events without their own).
	return [
		// Customer key, then the session's first channel for events without their own.
		'  SELECT cid, ms, ev,',
		`    COALESCE(own_ch, CASE WHEN sess IS NOT NULL THEN FIRST_VALUE(CASE WHEN ${valid} THEN own_ch END) OVER (`,
		'      PARTITION BY cid, sess_web, sess',
		`      ORDER BY CASE WHEN own_ch IS NOT NULL AND ${valid} THEN 0 ELSE 1 END, us, own_ch ${WHOLE_FRAME}) END) AS ch,`,
		`    val, ${NULL_TEXT(d)} AS consent, txn,`,
		`    ${NULL_TEXT(d)} AS em, sess_web AS web, sess, conflict, a1, a2`,
		'  FROM (',
		// A row without an event name keeps its customer, so the facts SQL counts it by that reason.
		'    SELECT CASE',
		`      WHEN uid IS NOT NULL THEN ${d.str(prefix(KeyKind.UserId))} || uid`,
		`      WHEN pseudo IS NOT NULL THEN COALESCE(${d.str(prefix(KeyKind.UserId))} || linked_uid, ${d.str(prefix(KeyKind.Pseudo))} || pseudo)`,
		'      END AS cid,',
		'      ms, us, ev, val, txn,',
		// An event with a user_id its web id was not first seen with: an identity conflict.
		`      CASE WHEN ${valid} AND pseudo IS NOT NULL AND uid IS NOT NULL AND uid <> linked_uid THEN 1 ELSE 0 END AS conflict,`,
		// device and country from the first usable event of each identity key (user_id, else web id).
		`      CASE WHEN key_row = 1 AND ${valid} THEN ${d.jsonText('device_s')} END AS a1,`,
		`      CASE WHEN key_row = 1 AND ${valid} THEN ${d.jsonText('country_s')} END AS a2,`,
		// ga_session_id is unique per web id only (in-process: folded with the web id when 0 <= id < 2^32).
		`      ${d.text('session_id')} AS sess,`,
		'      CASE WHEN session_id >= 0 AND session_id < 4294967296 THEN pseudo END AS sess_web,',
		`      ${sourceMediumChannelSql(d, 'source_lc', 'medium_lc')} AS own_ch`,
		'    FROM (',
		'      SELECT pseudo, uid, ev, ms, us, session_id, val, txn, device_s, country_s,',
		// The identity key of the event (in-process: its user_id, else its web id) is (uid, anon_pseudo).
		`        ROW_NUMBER() OVER (PARTITION BY uid, anon_pseudo`,
		`          ORDER BY CASE WHEN ${valid} THEN 0 ELSE 1 END, us, ${d.sortKey('ev')}, ${d.sortKey('device_s')}, ${d.sortKey('country_s')}) AS key_row,`,
		`        FIRST_VALUE(CASE WHEN ${valid} THEN uid END) OVER (PARTITION BY pseudo`,
		`          ORDER BY CASE WHEN uid IS NOT NULL AND ${valid} THEN 0 ELSE 1 END, us, uid ${WHOLE_FRAME}) AS linked_uid,`,
		`        LOWER(${d.trimSpace(pair('c_source', 'p_source_s'))}) AS source_lc,`,
		`        LOWER(${d.trimSpace(pair('c_medium', 'p_medium_s'))}) AS medium_lc`,
		'      FROM (',
		`        SELECT pseudo, uid, ev, us, ${inRange('ms')} AS ms, CASE WHEN uid IS NULL THEN pseudo END AS anon_pseudo,`,
		`          ${firstOf('p_ga_session_id', ['int_value', 'string_value', 'double_value'])} AS session_id,`,
		`          ${n.string('cts', 'manual_source')} AS c_source, ${n.string('cts', 'manual_medium')} AS c_medium,`,
		`          ${n.string('p_source', 'string_value')} AS p_source_s, ${n.string('p_medium', 'string_value')} AS p_medium_s,`,
		`          COALESCE(CASE WHEN ${n.has('ecom', 'purchase_revenue')} THEN ${n.number('ecom', 'purchase_revenue')}` +
			` ELSE ${n.number('ecom', 'purchase_revenue_in_usd')} END,`,
		`            ${firstOf('p_value', ['double_value', 'int_value', 'float_value', 'string_value'])}) AS val,`,
		`          NULLIF(NULLIF(${n.text('ecom', 'transaction_id')}, ''), '(not set)') AS txn,`,
		`          ${n.string('dev', 'category')} AS device_s, ${n.string('geo', 'country')} AS country_s`,
		'        FROM (',
		`          SELECT NULLIF(${d.text(q('user_pseudo_id'))}, '') AS pseudo, NULLIF(${d.text(q('user_id'))}, '') AS uid,`,
		`            NULLIF(${d.text(q('event_name'))}, '') AS ev,`,
		`            ${d.toMillis(q('event_timestamp'), 1, 1)} AS us, ${d.toMillis(q('event_timestamp'), 1000, 1)} AS ms,`,
		`            ${GA4_PARAMS.map(param).join(',\n            ')},`,
		`            ${q('collected_traffic_source')} AS cts, ${q('ecommerce')} AS ecom, ${q('device')} AS dev, ${q('geo')} AS geo`,
		`          FROM ${table}`,
		'        ) AS raw',
		'      ) AS fields',
		'    ) AS linked',
		'  ) AS keyed',
	].join('\n');
}

/**
 * The SELECT of the `src` CTE for a dialect and an events table (see SOURCE_COLUMNS). Table and
 * column names are checked to be plain identifiers; nothing from the options is written into the
 * SQL otherwise.
 */
export function sourceSelect(dialect: WarehouseDialect, options: SourceOptions): string {
	const d = DIALECTS[dialect];
	if (d === undefined)
		throw new InputError(`unknown dialect "${String(dialect)}"`, undefined, 'dialect');
	const source = options.source ?? 'custom';
	if (source === 'custom') return customSelect(d, options);
	if (source === 'ga4Export') return ga4Select(d, options);
	throw new InputError(
		`unknown source "${String(source)}" (use ${WAREHOUSE_SOURCES.join(' or ')})`,
		undefined,
		'source',
	);
}
