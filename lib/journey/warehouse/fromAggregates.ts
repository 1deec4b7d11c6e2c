import {
	combineConsent,
	consentExclusion,
	consentOf,
	countAttributeScreen,
	emptyAttributePrivacyCounts,
	screenAttributeValue,
	type ConsentState,
} from '../../governance';
import { InputError } from '../../util/errors';
import { isPseudonym, pseudonymize } from '../../util/hash';
import { assembleJourneys, type CustomerFacts } from '../build';
import { DAY_MS } from '../time';
import type { JourneyOptions, JourneyResult, RejectedRecord } from '../types';
import { resolveWarehouseJourneyOptions, sqlOptionsHash } from './buildSql';

/**
 * One row of the Build SQL query: one customer's journey facts, computed in the warehouse.
 * Numbers may arrive as strings (64-bit integers) and JSON columns as JSON text.
 */
export interface WarehouseCustomerRow {
	/** The customer key with its kind prefix (`custom:42`), or its pseudonym when hashed in SQL. */
	customer_id: string;
	/** 1 when the customer is known only by a device / browser id. */
	anonymous?: number | string | boolean;
	/** Usable source rows of the customer, duplicates included. */
	source_rows: number | string;
	/** Events kept after collapsing duplicates. */
	touches: number | string;
	first_ms: number | string;
	last_ms: number | string;
	/** Conversion events counted (once per transaction id). */
	conversions: number | string;
	/** Sum of the counted conversions' positive values. */
	revenue: number | string | null;
	first_conversion_ms: number | string | null;
	last_conversion_ms: number | string | null;
	/** The channel run (1-based) holding the first counted conversion. */
	conversion_run: number | string | null;
	/** Funnel steps reached in order. */
	funnel_depth: number | string;
	/**
	 * The channel runs in order: each run's channel, and (same position) the time of its last touch.
	 * Per-customer lists are parallel JSON arrays of plain values: parsed, an array of [name, number]
	 * pairs costs n8n's process about three times the memory (one small array per pair). Absent
	 * only in rows of an earlier version's SQL (below).
	 */
	run_channels?: unknown;
	run_last_ms?: unknown;
	/** The customer's channels, and (same position) its events on each. */
	channel_names?: unknown;
	channel_events?: unknown;
	/** The customer's event names, and (same position) how many of each. */
	event_names?: unknown;
	event_counts?: unknown;
	/**
	 * Rows of SQL built by earlier versions: [channel, last ms] pairs per run, [channel, events] and
	 * [event name, events] pairs ({k, v} objects in BigQuery), read when the lists above are absent.
	 */
	runs?: unknown;
	by_channel?: unknown;
	by_event?: unknown;
	/** Distinct raw consent values, or null. */
	consents?: unknown;
	rows_without_id?: number | string;
	rows_without_time?: number | string;
	rows_without_event?: number | string;
	/** Source rows left out in SQL (no id, time or event), the same on every row. */
	rows_skipped?: number | string;
	/** Fingerprint of the conversion events and funnel steps the SQL was built with. */
	options_hash?: string;
	/** Distinct sessions (GA4 ga_session_id per web id) of the customer; 0 when missing. */
	sessions?: number | string | null;
	/** The customer's GA4 events whose web id was first seen with another user_id. */
	identity_conflicts?: number | string | null;
	/** [attribute name, JSON text of its first value] pairs ({k, v} objects in BigQuery). */
	attributes?: unknown;
	/** [`name:JSON text`, rows] pairs: each text attribute value and the rows carrying it. */
	attribute_texts?: unknown;
	/** Custom ids merged into another id's customer by a shared e-mail (the same on every row). */
	merged_by_email?: number | string;
	/** E-mail links the SQL's stitching rounds left unsettled (the same on every row; must be 0). */
	email_unsettled?: number | string;
}

type Attr = string | number | boolean | null;

type Row = WarehouseCustomerRow & Record<string, unknown>;

/** A bad row: the message names it and the field, and so does the error for an adapter. */
function fail(r: number, field: string, what: string): never {
	throw new InputError(`row ${r}: ${field} ${what}`, r, field);
}

function num(row: Row, r: number, field: string): number {
	const v = row[field];
	const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
	if (!Number.isFinite(n)) fail(r, field, `must be a number, got ${JSON.stringify(v)}`);
	return n;
}

function count(row: Row, r: number, field: string, min = 0): number {
	const n = num(row, r, field);
	if (!Number.isInteger(n) || n < min) fail(r, field, `must be an integer >= ${min}, got ${n}`);
	return n;
}

function optionalNum(row: Row, r: number, field: string): number | null {
	return row[field] === null || row[field] === undefined ? null : num(row, r, field);
}

function json(row: Row, r: number, field: string): unknown[] {
	let v = row[field];
	if (typeof v === 'string') {
		try {
			v = JSON.parse(v) as unknown;
		} catch {
			fail(r, field, 'is not JSON');
		}
	}
	if (v === null || v === undefined) return [];
	if (!Array.isArray(v)) fail(r, field, 'must be a JSON array');
	return v as unknown[];
}

/** [name, number] pairs from [a, b] arrays or {k, v} objects (`what` names them in errors). */
function pairs(row: Row, r: number, field: string, what = '[name, number]'): [string, number][] {
	return json(row, r, field).map((p, i) => {
		const [k, v] = Array.isArray(p)
			? (p as unknown[])
			: p !== null && typeof p === 'object'
				? [(p as Record<string, unknown>).k, (p as Record<string, unknown>).v]
				: [];
		const n = typeof v === 'string' ? Number(v) : v;
		if (typeof k !== 'string' || k === '' || typeof n !== 'number' || !Number.isFinite(n)) {
			fail(r, `${field}[${i}]`, `must be a ${what} pair, got ${JSON.stringify(p)}`);
		}
		return [k, n];
	});
}

/** [name, text] pairs from [a, b] arrays or {k, v} objects. */
function textPairs(row: Row, r: number, field: string): [string, string][] {
	return json(row, r, field).map((p, i) => {
		const [k, v] = Array.isArray(p)
			? (p as unknown[])
			: p !== null && typeof p === 'object'
				? [(p as Record<string, unknown>).k, (p as Record<string, unknown>).v]
				: [];
		if (typeof k !== 'string' || k === '' || typeof v !== 'string') {
			fail(r, `${field}[${i}]`, `must be a [name, text] pair, got ${JSON.stringify(p)}`);
		}
		return [k, v];
	});
}

/** An attribute value from its JSON text: a string, a finite number or a boolean. */
function attrValue(r: number, field: string, text: string): string | number | boolean {
	let v: unknown;
	try {
		v = JSON.parse(text) as unknown;
	} catch {
		fail(r, field, 'holds a value that is not JSON');
	}
	if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
	fail(r, field, `holds ${JSON.stringify(v)}, not a text, number or boolean`);
}

/**
 * Two parallel JSON arrays: non-empty names in `namesField` and (same position) numbers in
 * `numbersField`; numbers may arrive as numeric text (64-bit integers).
 */
function namesAndNumbers(row: Row, r: number, namesField: string, numbersField: string): { names: string[]; numbers: number[] } {
	if (row[namesField] === undefined || row[namesField] === null) fail(r, namesField, 'is missing');
	const names = json(row, r, namesField);
	const values = json(row, r, numbersField);
	if (values.length !== names.length) {
		fail(r, numbersField, `has ${values.length} entries, ${namesField} ${names.length}`);
	}
	names.forEach((name, i) => {
		if (typeof name !== 'string' || name === '') fail(r, `${namesField}[${i}]`, `must be a non-empty string, got ${JSON.stringify(name)}`);
	});
	const numbers = values.map((v, i) => {
		const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
		if (typeof n !== 'number' || !Number.isFinite(n)) fail(r, `${numbersField}[${i}]`, `must be a number, got ${JSON.stringify(v)}`);
		return n;
	});
	return { names: names as string[], numbers };
}

/**
 * A list of the row as parallel arrays, or, in a row of an earlier version's SQL (where the
 * arrays are absent), from its column of pairs.
 */
function namedNumbers(row: Row, r: number, namesField: string, numbersField: string, pairsField: string, what?: string) {
	if (row[namesField] === undefined && row[pairsField] !== undefined) {
		const list = pairs(row, r, pairsField, what);
		return { names: list.map((p) => p[0]), numbers: list.map((p) => p[1]) };
	}
	return namesAndNumbers(row, r, namesField, numbersField);
}

/** A count per name (names are distinct in a Build SQL row). */
function countsByName(list: { names: string[]; numbers: number[] }): Record<string, number> {
	const counts: Record<string, number> = {};
	list.names.forEach((name, i) => {
		counts[name] = list.numbers[i];
	});
	return counts;
}

const SKIP_REASONS: [string, string][] = [
	['rows_without_id', 'missing customer id'],
	['rows_without_time', 'missing timestamp'],
	['rows_without_event', 'missing or non-string event name'],
];

/**
 * The Journey Mapper's three outputs from the Build SQL rows: each row is one customer's facts
 * (computed in the warehouse), assembled here by the in-process builder's assembly, so results
 * match the in-process mode on the same data. No events pass through n8n.
 * - Consent is applied here (the row carries the customer's distinct consent values): a customer
 *   left out is a rejection of its row, and its source rows count as rejected records.
 * - Source rows left out in SQL (no id, time or event) count as rejected records by reason.
 * - `journeyRecords[i]` is the row of journey i (for n8n's pairedItem).
 * Pass the same journey options as to buildWarehouseSql (checked by the rows' options_hash).
 */
export function fromAggregates(
	rows: readonly WarehouseCustomerRow[],
	options: JourneyOptions & { pseudonymizedInSql: boolean },
): JourneyResult {
	if (!Array.isArray(rows)) throw new Error('fromAggregates requires an array of rows');
	if (options === null || typeof options !== 'object') throw new Error('fromAggregates requires an options object');
	const { pseudonymizedInSql, ...journeyOptions } = options;
	if (typeof pseudonymizedInSql !== 'boolean') {
		throw new Error('option "pseudonymizedInSql" must be true or false (Build SQL returns it)');
	}
	const hashHere = !pseudonymizedInSql && journeyOptions.pseudonymize !== false;
	if (hashHere && !journeyOptions.secret) {
		throw new Error('option "secret" is required to pseudonymize the customer ids (set pseudonymize: false to keep them)');
	}
	const o = { ...resolveWarehouseJourneyOptions(journeyOptions), pseudonymize: pseudonymizedInSql || hashHere };
	const expectedHash = sqlOptionsHash(o);
	const windowMs = o.conversionWindowDays * DAY_MS;
	const sourceName = o.source === 'ga4' ? 'ga4' : 'custom';

	const channels: string[] = [];
	const channelCode = new Map<string, number>();
	const code = (name: string) => {
		let c = channelCode.get(name);
		if (c === undefined) {
			c = channels.length;
			channels.push(name);
			channelCode.set(name, c);
		}
		return c;
	};
	const facts: CustomerFacts[] = [];
	const journeyRecords: number[][] = [];
	const rejected: RejectedRecord[] = [];
	const rejectedByReason: Record<string, number> = {};
	const skipped: Record<string, number> = {};
	let recordsIn = 0;
	let recordsRejected = 0;
	let droppedForConsent = 0;
	let duplicates = 0;
	let identityConflicts = 0;
	let mergedByEmail = 0;
	const privacy = emptyAttributePrivacyCounts();

	rows.forEach((input, r) => {
		if (input === null || typeof input !== 'object') throw new InputError(`row ${r} is not an object`, r);
		const row = input as Row;
		if (typeof row.customer_id !== 'string' || row.customer_id === '') fail(r, 'customer_id', 'is missing');
		// Raw IDs must never pass as pseudonyms (Build SQL ran without Pseudonymize, or another query
		// ran); the value itself is not echoed.
		if (pseudonymizedInSql && !isPseudonym(row.customer_id)) fail(r, 'customer_id', 'is not a pseudonym');
		if (row.options_hash !== undefined && row.options_hash !== expectedHash) {
			fail(r, 'options_hash', 'differs: the SQL was built with other conversion events or funnel steps than these options; build it again with the same journey options');
		}
		for (const [field] of SKIP_REASONS) {
			if (row[field] !== undefined && row[field] !== null) skipped[field] = Math.max(skipped[field] ?? 0, count(row, r, field));
		}
		const sourceRows = count(row, r, 'source_rows', 1);
		recordsIn += sourceRows;
		if (row.email_unsettled !== undefined && count(row, r, 'email_unsettled') > 0) {
			fail(r, 'email_unsettled', 'is not 0: chains of ids linked by shared e-mails are too long for the SQL\'s stitching rounds');
		}
		if (row.merged_by_email !== undefined) mergedByEmail = Math.max(mergedByEmail, count(row, r, 'merged_by_email'));
		// Counted per source row, dropped customers included, as the in-process reader counts them.
		if (row.identity_conflicts !== undefined && row.identity_conflicts !== null) identityConflicts += count(row, r, 'identity_conflicts');
		// The privacy screen counts every row's value, as the in-process reader screens each record.
		for (const [nameValue, n] of pairs(row, r, 'attribute_texts', '[name:text, rows]')) {
			const at = nameValue.indexOf(':');
			const value = at > 0 ? attrValue(r, 'attribute_texts', nameValue.slice(at + 1)) : null;
			if (typeof value !== 'string') fail(r, 'attribute_texts', `has ${JSON.stringify(nameValue)}, not name:text`);
			countAttributeScreen(privacy, nameValue.slice(0, at), screenAttributeValue(value, { names: [] }), n);
		}
		let consent: ConsentState = 'unknown';
		for (const value of json(row, r, 'consents')) consent = combineConsent(consent, consentOf(value));
		const exclusion = consentExclusion(consent, o);
		if (exclusion !== null) {
			droppedForConsent++;
			recordsRejected += sourceRows;
			rejectedByReason[exclusion] = (rejectedByReason[exclusion] ?? 0) + sourceRows;
			rejected.push({ index: r, reason: exclusion });
			return;
		}
		const touches = count(row, r, 'touches', 1);
		if (touches > sourceRows) fail(r, 'touches', `(${touches}) exceeds source_rows (${sourceRows})`);
		duplicates += sourceRows - touches;
		const runs = namedNumbers(row, r, 'run_channels', 'run_last_ms', 'runs', '[channel, ms]');
		if (runs.names.length === 0) fail(r, row.run_channels === undefined ? 'runs' : 'run_channels', 'is empty');
		const runChannels = runs.names.map(code);
		const runLastMs = runs.numbers;
		const conversions = count(row, r, 'conversions');
		const firstConversionMs = conversions > 0 ? num(row, r, 'first_conversion_ms') : null;
		const attributedChannels: number[] = [];
		const attributedMs: number[] = [];
		if (firstConversionMs !== null) {
			// The runs seen by the first conversion; the one holding it ended, then, at the conversion.
			const k = count(row, r, 'conversion_run', 1) - 1;
			if (k >= runChannels.length) fail(r, 'conversion_run', `(${k + 1}) is beyond the ${runChannels.length} runs`);
			for (let i = 0; i <= k; i++) {
				const ms = i === k ? firstConversionMs : runLastMs[i];
				if (firstConversionMs - ms <= windowMs) {
					attributedChannels.push(runChannels[i]);
					attributedMs.push(ms);
				}
			}
		}
		const channelEvents = namedNumbers(row, r, 'channel_names', 'channel_events', 'by_channel');
		channelEvents.names.forEach(code);
		const byChannel = countsByName(channelEvents);
		const byEvent = countsByName(namedNumbers(row, r, 'event_names', 'event_counts', 'by_event'));
		const depth = count(row, r, 'funnel_depth');
		if (depth > o.funnel.length) fail(r, 'funnel_depth', `(${depth}) exceeds the ${o.funnel.length} funnel steps`);
		const anonymous = row.anonymous === true || Number(row.anonymous) === 1;
		const attributes: Record<string, Attr> = {};
		for (const [name, text] of textPairs(row, r, 'attributes')) {
			attributes[name] = screenAttributeValue(attrValue(r, 'attributes', text), { names: [] }).value;
		}
		facts.push({
			customerId: hashHere ? pseudonymize(row.customer_id, o.secret) : row.customer_id,
			anonymous,
			firstMs: num(row, r, 'first_ms'),
			lastMs: num(row, r, 'last_ms'),
			touches,
			conversions,
			revenue: optionalNum(row, r, 'revenue') ?? 0,
			firstConversionMs,
			lastConversionMs: conversions > 0 ? num(row, r, 'last_conversion_ms') : null,
			depth,
			runChannels,
			runLastMs,
			attributedChannels,
			attributedMs,
			byChannel,
			byEvent,
			sources: [sourceName],
			sessions: row.sessions === undefined || row.sessions === null ? 0 : count(row, r, 'sessions'),
			supportTags: [],
			hasEmail: false,
			attributes,
		});
		journeyRecords.push([r]);
	});
	// The rows that reached a customer (before the skipped ones are added to recordsIn).
	const usedRows = recordsIn;
	for (const [field, reason] of SKIP_REASONS) {
		const n = skipped[field] ?? 0;
		if (n === 0) continue;
		recordsIn += n;
		recordsRejected += n;
		rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + n;
	}
	const out = assembleJourneys(facts, channels, o, o.pseudonymize, {
		rejected,
		recordsIn,
		recordsRejected,
		rejectedByReason,
		recordsBySource: usedRows > 0 ? { [sourceName]: usedRows } : {},
		droppedForConsent,
		duplicates,
		customersWithoutEvents: 0,
		identityConflicts,
		mergedByEmail,
		privacy,
		spendByChannel: new Map(),
		spendByCampaign: new Map(),
	});
	return { journeys: out.journeys, journeyMap: out.journeyMap, rejected: out.rejected, journeyRecords };
}
