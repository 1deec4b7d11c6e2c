import { InputError } from '../../util/errors';
import { contentHash } from '../../util/hash';
import { resolveJourneyOptions, type ResolvedJourneyOptions } from '../options';
import type { JourneyOptions } from '../types';
import { DIALECTS, WAREHOUSE_DIALECTS, type DialectSpec, type TimestampUnit, type WarehouseDialect } from './dialects';
import { emailStitchSql, rowOrder } from './identity';
import { sourceAttributes, sourceSelect, USABLE_ROW, type WarehouseSource } from './sources';

/** Columns of the events table (a custom mapping of flat column names). */
export interface WarehouseColumns {
	customerId: string;
	timestamp: string;
	event?: string;
	channel?: string;
	value?: string;
	consent?: string;
	/**
	 * E-mail column: ids whose rows share an e-mail (trimmed, lower case) are one customer, rooted
	 * at the id seen first, as the in-process mode stitches a custom mapping's `email`. The e-mail
	 * never leaves the warehouse.
	 */
	email?: string;
	/**
	 * Attribute columns (text, number or boolean), carried on the journeys as the in-process
	 * mapping's `attributes`: the first value per customer. Names that look like personal data are
	 * refused; values are screened by From Aggregates.
	 */
	attributes?: string[];
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
	/**
	 * The journey options From Aggregates will get (conversion events and funnel steps are computed
	 * in SQL; the rest is checked here and applied by From Aggregates). Default: the defaults.
	 */
	journey?: JourneyOptions;
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
 * The journey options with what SQL and From Aggregates need validated the in-process way. The
 * secret and the custom mapping do not matter here (the SQL reads its secret from the server and
 * its columns from `columns`), so they are not required.
 */
export function resolveWarehouseJourneyOptions(journey: JourneyOptions | undefined): ResolvedJourneyOptions {
	if (journey !== undefined && (journey === null || typeof journey !== 'object' || Array.isArray(journey))) {
		throw new InputError('option "journey" must be an object of journey options', undefined, 'journey');
	}
	const j = journey ?? {};
	const source = j.source ?? 'custom';
	return resolveJourneyOptions({
		...j,
		source,
		mapping: j.mapping ?? (source === 'custom' ? { customerId: 'customer_id', timestamp: 'ms' } : undefined),
		pseudonymize: false,
	});
}

/**
 * A fingerprint of the options the SQL computes with (conversion events, funnel steps): From
 * Aggregates refuses rows built with other ones.
 */
export function sqlOptionsHash(o: ResolvedJourneyOptions): string {
	return contentHash({ conversionEvents: o.conversionEvents, funnel: o.funnel.map((s) => s.events) }, 12);
}

function inList(d: DialectSpec, names: readonly string[]): string {
	for (const name of names) {
		if (name.includes('\u0000')) throw new InputError(`event name ${JSON.stringify(name)} contains a NUL character`, undefined, 'journey');
	}
	return [...new Set(names)].map((n) => d.str(n)).join(', ');
}

/**
 * SQL that returns one row per customer holding that customer's journey FACTS, computed in the
 * warehouse (the rows grow with a customer's channel runs, distinct channels and event names, never
 * with the number of events). Columns (see WarehouseCustomerRow):
 * `customer_id` (a pseudonym when hashed in SQL), `anonymous`, `source_rows`, `touches`,
 * `first_ms`, `last_ms`, `conversions`, `revenue`, `first_conversion_ms`, `last_conversion_ms`,
 * `conversion_run`, `funnel_depth`, `run_channels` and `run_last_ms` (per run: its channel and
 * last touch), `channel_names` and `channel_events`, `event_names` and `event_counts` (lists as
 * parallel arrays), `consents` (distinct raw values), `sessions`, `identity_conflicts`,
 * `attributes` ([name, JSON text] first values) and `attribute_texts` ([name:JSON text, rows]),
 * the skipped-row counts `rows_without_id`, `rows_without_time`, `rows_without_event`,
 * `rows_skipped`, the e-mail stitching's `merged_by_email` and `email_unsettled` (all on every
 * row), and `options_hash`. With an e-mail column, ids linked by shared e-mails are one customer
 * (the first-seen id) before anything else is computed. In SQL: rows without id, timestamp or
 * event are left out and counted; duplicates
 * (same customer, time and event) collapse to one; a conversion counts once per transaction id;
 * consecutive touches on one channel form a run; the funnel depth is matched greedily in order.
 * Events at the same millisecond are ordered by event name (code points). The secret is never
 * written into the SQL: it is read from a server setting, or is the query's first parameter.
 */
export function buildWarehouseSql(options: WarehouseSqlOptions): WarehouseSql {
	if (options === null || typeof options !== 'object') throw new InputError('buildWarehouseSql requires an options object');
	if (!WAREHOUSE_DIALECTS.includes(options.dialect)) {
		throw new InputError(`unknown dialect "${String(options.dialect)}" (use ${WAREHOUSE_DIALECTS.join(', ')})`, undefined, 'dialect');
	}
	const d = DIALECTS[options.dialect];
	const jo = resolveWarehouseJourneyOptions(options.journey);
	const src = sourceSelect(options.dialect, options);
	const hashInSql = options.pseudonymize && d.pseudonym !== null;
	const secretFrom = options.secretFrom ?? 'setting';
	if (secretFrom !== 'setting' && secretFrom !== 'parameter') {
		throw new InputError(`unknown secretFrom "${String(secretFrom)}" (use setting or parameter)`, undefined, 'secretFrom');
	}
	const setting = options.secretSetting ?? DEFAULT_SECRET_SETTING;
	if (hashInSql && secretFrom === 'setting' && !SETTING.test(setting)) {
		throw new InputError(`secretSetting "${setting}" is not a setting name like journey_ads.pseudonym_secret`, undefined, 'secretSetting');
	}
	if (hashInSql && secretFrom === 'parameter' && !options.secret) {
		throw new InputError('a secret is required to pseudonymize in SQL with secretFrom "parameter"', undefined, 'secret');
	}
	// Only a dialect that hashes in SQL reads the secret (BigQuery and Snowflake have no setting).
	let key = 'f.cid';
	if (hashInSql) {
		const secretExpr = secretFrom === 'parameter' ? d.param1 : (d.setting as (name: string) => string)(setting);
		key = (d.pseudonym as (id: string, s: string) => string)('f.cid', secretExpr);
	}
	const shape = {
		attributes: sourceAttributes(options),
		stitch: (options.source ?? 'custom') === 'custom' && Boolean(options.columns?.email),
	};
	const query = ['WITH src AS (', src, '),', ...factsSql(d, jo, key, shape)].join('\n');
	return {
		dialect: options.dialect,
		query,
		parameters: hashInSql && secretFrom === 'parameter' ? [options.secret as string] : [],
		pseudonymizedInSql: hashInSql,
	};
}

/**
 * `keyed_src`: the `src` rows with each custom id replaced by its customer's root id when e-mails
 * stitch ids (and `id_rank`, the first-seen rank of the row's own id), else `src` as it is.
 */
function keyedSql(d: DialectSpec, attributes: string[], stitch: boolean): string[] {
	const attrs = attributes.map((_, i) => `, s.a${i + 1}`).join('');
	const rest = `s.ms, s.ev, s.ch, s.val, s.consent, s.txn, s.web, s.sess, s.conflict${attrs}`;
	if (!stitch) return [`keyed_src AS (SELECT s.cid, ${rest}, 0 AS id_rank FROM src s),`];
	return [
		...emailStitchSql(d),
		'keyed_src AS (',
		`  SELECT COALESCE(rt.root, s.cid) AS cid, ${rest}, i.id_rank`,
		'  FROM src s LEFT JOIN roots rt ON rt.cid = s.cid LEFT JOIN ids i ON i.cid = s.cid',
		'),',
	];
}

/**
 * Attributes: per customer the first value of each (ids in first-seen order, then rows in order),
 * as [name, JSON text] pairs, and each text value with its row count as [name:JSON text, rows]
 * pairs, for From Aggregates' privacy screen (which counts every row's value, as in-process).
 */
function attributesSql(d: DialectSpec, attributes: string[]): string[] {
	if (attributes.length === 0) return [];
	const unpivot = attributes
		.map((name, i) => `  SELECT cid, ${d.str(name)} AS name, a${i + 1} AS v, id_rank, ms, ev, ch, val FROM usable WHERE a${i + 1} IS NOT NULL`)
		.join('\n  UNION ALL\n');
	return [
		'attr_rows AS (',
		unpivot,
		'),',
		`attr_first AS (SELECT cid, name, v, ROW_NUMBER() OVER (PARTITION BY cid, name ORDER BY id_rank, ${rowOrder(d)}, ${d.sortKey('v')}) AS k FROM attr_rows),`,
		`attrs_json AS (SELECT cid, ${d.pairArray('name', 'v', d.sortKey('name'))} AS attrs FROM attr_first WHERE k = 1 GROUP BY cid),`,
		"attr_texts AS (SELECT cid, name || ':' || v AS nv, COUNT(*) AS n FROM attr_rows WHERE SUBSTR(v, 1, 1) = '\"' GROUP BY cid, name, v),",
		`attr_texts_json AS (SELECT cid, ${d.pairArray('nv', 'n', d.sortKey('nv'))} AS texts FROM attr_texts GROUP BY cid),`,
	];
}

/** Everything after `src`: per-customer facts. `key` is the customer_id expression over `f.cid`. */
function factsSql(
	d: DialectSpec,
	o: ResolvedJourneyOptions,
	key: string,
	shape: { attributes: string[]; stitch: boolean },
): string[] {
	const attrCols = shape.attributes.map((_, i) => `, a${i + 1}`).join('');
	const withAttrs = shape.attributes.length > 0;
	const out = (name: string) => d.ident(name);
	// Total order of a customer's kept events (unique after de-duplication): time, then event name.
	const order = `ms, ${d.sortKey('ev')}`;
	const conv = inList(d, o.conversionEvents);
	const steps = o.funnel.map((s, i) => ({ name: `f${i + 1}`, events: inList(d, s.events) }));
	const lines = [
		...keyedSql(d, shape.attributes, shape.stitch),
		// Usable rows: a customer, a time and an event name (in-process rejects the others).
		'usable AS (',
		`  SELECT cid, ms, ev, COALESCE(ch, 'direct') AS ch, val, consent, txn, web, sess, conflict, id_rank${attrCols} FROM keyed_src`,
		`  WHERE ${USABLE_ROW}`,
		'),',
		'skipped AS (',
		'  SELECT COALESCE(SUM(CASE WHEN cid IS NULL THEN 1 ELSE 0 END), 0) AS no_id,',
		'    COALESCE(SUM(CASE WHEN cid IS NOT NULL AND ms IS NULL THEN 1 ELSE 0 END), 0) AS no_time,',
		"    COALESCE(SUM(CASE WHEN cid IS NOT NULL AND ms IS NOT NULL AND (ev IS NULL OR ev = '') THEN 1 ELSE 0 END), 0) AS no_event",
		'  FROM src',
		'),',
		// Duplicates (same customer, time and event): one is kept, the smallest channel, then value.
		'ranked AS (',
		'  SELECT cid, ms, ev, ch, val, txn,',
		`    ROW_NUMBER() OVER (PARTITION BY cid, ms, ev ORDER BY ${d.sortKey('ch')}, CASE WHEN val IS NULL THEN 1 ELSE 0 END, val, CASE WHEN txn IS NULL THEN 1 ELSE 0 END, ${d.sortKey('txn')}) AS copy_no`,
		'  FROM usable',
		'),',
		'kept AS (',
		`  SELECT cid, ms, ev, ch, val, txn, CASE WHEN ev IN (${conv}) THEN 1 ELSE 0 END AS is_conv`,
		'  FROM ranked WHERE copy_no = 1',
		'),',
		// Position, start of a channel run, and whether a conversion counts (first of its transaction).
		'seq AS (',
		'  SELECT cid, ms, ev, ch, val, is_conv,',
		`    ROW_NUMBER() OVER (PARTITION BY cid ORDER BY ${order}) AS pos,`,
		`    CASE WHEN LAG(ch) OVER (PARTITION BY cid ORDER BY ${order}) = ch THEN 0 ELSE 1 END AS run_start,`,
		'    CASE WHEN is_conv = 1 AND (txn IS NULL',
		`      OR ROW_NUMBER() OVER (PARTITION BY cid, is_conv, txn ORDER BY ${order}) = 1) THEN 1 ELSE 0 END AS counted`,
		'  FROM kept',
		'),',
		'evs AS (',
		'  SELECT cid, ms, ev, ch, val, counted, pos,',
		'    SUM(run_start) OVER (PARTITION BY cid ORDER BY pos ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run',
		'  FROM seq',
		'),',
		'runs AS (SELECT cid, run, MIN(ch) AS ch, MAX(ms) AS last_ms FROM evs GROUP BY cid, run),',
		// Lists as parallel arrays of plain values, in one order (unique per customer) on both sides.
		`runs_json AS (SELECT cid, ${d.valueArray('ch', 'run')} AS channels, ${d.valueArray('last_ms', 'run')} AS times FROM runs GROUP BY cid),`,
		'channel_counts AS (SELECT cid, ch, COUNT(*) AS n FROM evs GROUP BY cid, ch),',
		`channels_json AS (SELECT cid, ${d.valueArray('ch', d.sortKey('ch'))} AS names, ${d.valueArray('n', d.sortKey('ch'))} AS counts FROM channel_counts GROUP BY cid),`,
		'event_counts AS (SELECT cid, ev, COUNT(*) AS n FROM evs GROUP BY cid, ev),',
		`events_json AS (SELECT cid, ${d.valueArray('ev', d.sortKey('ev'))} AS names, ${d.valueArray('n', d.sortKey('ev'))} AS counts FROM event_counts GROUP BY cid),`,
		// Consent is read from every usable row, duplicates included (as in-process).
		'consent_values AS (SELECT DISTINCT cid, consent FROM usable WHERE consent IS NOT NULL),',
		`consents_json AS (SELECT cid, ${d.valueArray('consent', d.sortKey('consent'))} AS consents FROM consent_values GROUP BY cid),`,
		'source_rows AS (SELECT cid, COUNT(*) AS n, SUM(conflict) AS conflicts FROM usable GROUP BY cid),',
		// Sessions: distinct (web id, session id) among the customer's usable rows (as in-process).
		'session_keys AS (SELECT DISTINCT cid, web, sess FROM usable WHERE sess IS NOT NULL),',
		'session_counts AS (SELECT cid, COUNT(*) AS n FROM session_keys GROUP BY cid),',
		...attributesSql(d, shape.attributes),
		// Funnel depth, greedy in order: step s+1 is the first of its events after step s was reached.
		// One window pass per step over the customer's events (no self-join, so no plan that pairs
		// every event with every other): `f<s>` is the position where step s was reached, or NULL.
		...steps.map((s, i) => {
			const before = steps.slice(0, i).map((p) => p.name);
			const after = i === 0 ? '' : ` AND pos > ${steps[i - 1].name}`;
			const from = i === 0 ? 'evs' : `funnel_${i}`;
			return `funnel_${i + 1} AS (SELECT cid, pos, ev, ${before.map((n) => `${n}, `).join('')}MIN(CASE WHEN ev IN (${s.events})${after} THEN pos END) OVER (PARTITION BY cid) AS ${s.name} FROM ${from}),`;
		}),
		`funnel AS (SELECT cid, ${steps.map((s) => `MIN(${s.name}) AS ${s.name}`).join(', ')} FROM funnel_${steps.length} GROUP BY cid),`,
		'facts AS (',
		'  SELECT cid, COUNT(*) AS touches, MIN(ms) AS first_ms, MAX(ms) AS last_ms, SUM(counted) AS conversions,',
		'    SUM(CASE WHEN counted = 1 AND val > 0 THEN val ELSE 0 END) AS revenue,',
		'    MIN(CASE WHEN counted = 1 THEN ms END) AS first_conversion_ms,',
		'    MAX(CASE WHEN counted = 1 THEN ms END) AS last_conversion_ms,',
		'    MIN(CASE WHEN counted = 1 THEN run END) AS conversion_run',
		'  FROM evs GROUP BY cid',
		')',
		`SELECT ${key} AS ${out('customer_id')},`,
		`  CASE WHEN SUBSTR(f.cid, 1, 4) = 'ga4:' THEN 1 ELSE 0 END AS ${out('anonymous')},`,
		`  r.n AS ${out('source_rows')}, f.touches AS ${out('touches')},`,
		`  f.first_ms AS ${out('first_ms')}, f.last_ms AS ${out('last_ms')},`,
		`  f.conversions AS ${out('conversions')}, f.revenue AS ${out('revenue')},`,
		`  f.first_conversion_ms AS ${out('first_conversion_ms')}, f.last_conversion_ms AS ${out('last_conversion_ms')},`,
		`  f.conversion_run AS ${out('conversion_run')},`,
		`  CASE ${steps
			.map((s, i) => ({ s, i }))
			.reverse()
			.map(({ s, i }) => `WHEN fu.${s.name} IS NOT NULL THEN ${i + 1}`)
			.join(' ')} ELSE 0 END AS ${out('funnel_depth')},`,
		`  rj.channels AS ${out('run_channels')}, rj.times AS ${out('run_last_ms')},`,
		`  cj.names AS ${out('channel_names')}, cj.counts AS ${out('channel_events')},`,
		`  ej.names AS ${out('event_names')}, ej.counts AS ${out('event_counts')},`,
		`  kj.consents AS ${out('consents')},`,
		`  COALESCE(sc.n, 0) AS ${out('sessions')}, r.conflicts AS ${out('identity_conflicts')},`,
		`  ${withAttrs ? 'aj.attrs' : 'NULL'} AS ${out('attributes')}, ${withAttrs ? 'tj.texts' : 'NULL'} AS ${out('attribute_texts')},`,
		`  ${shape.stitch ? 'stitch_counts.merged' : '0'} AS ${out('merged_by_email')},`,
		`  ${shape.stitch ? 'stitch_counts.unsettled' : '0'} AS ${out('email_unsettled')},`,
		`  skipped.no_id AS ${out('rows_without_id')}, skipped.no_time AS ${out('rows_without_time')},`,
		`  skipped.no_event AS ${out('rows_without_event')},`,
		`  skipped.no_id + skipped.no_time + skipped.no_event AS ${out('rows_skipped')},`,
		`  ${d.str(sqlOptionsHash(o))} AS ${out('options_hash')}`,
		'FROM facts f',
		'JOIN source_rows r ON r.cid = f.cid',
		'JOIN runs_json rj ON rj.cid = f.cid',
		'JOIN channels_json cj ON cj.cid = f.cid',
		'JOIN events_json ej ON ej.cid = f.cid',
		'LEFT JOIN consents_json kj ON kj.cid = f.cid',
		'LEFT JOIN session_counts sc ON sc.cid = f.cid',
		...(withAttrs ? ['LEFT JOIN attrs_json aj ON aj.cid = f.cid', 'LEFT JOIN attr_texts_json tj ON tj.cid = f.cid'] : []),
		'JOIN funnel fu ON fu.cid = f.cid',
		'CROSS JOIN skipped',
		...(shape.stitch ? ['CROSS JOIN stitch_counts'] : []),
		'ORDER BY 1',
	];
	return lines;
}
