import type { Journey } from '../../contracts';
import { mapJourneys } from '../index';
import type { JourneyOptions, JourneyResult } from '../types';

/** One row of the Build SQL query: a customer and its events in time order. */
export interface WarehouseCustomerRow {
	customer_id: string;
	/** [ms, event, channel, value, consent] tuples, or objects {t, e, c, v, k}; may be a JSON string. */
	events: unknown;
	rows_skipped?: number | string;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

type Tuple = [number, string, string | null, number | null, string | null];

function tuples(row: WarehouseCustomerRow, index: number): Tuple[] {
	let events = row.events;
	if (typeof events === 'string') events = parseJson(events);
	if (events === undefined) throw new Error(`row ${index}: events is not JSON`);
	if (!Array.isArray(events)) throw new Error(`row ${index}: events must be an array`);
	return events.map((e: unknown) => {
		if (Array.isArray(e)) return e as Tuple;
		const o = (e ?? {}) as Record<string, unknown>;
		return [o.t, o.e, o.c, o.v, o.k] as Tuple;
	});
}

const CUSTOM_PREFIX = 'custom:';

/**
 * The Journey Mapper's three outputs from the Build SQL rows. The rows carry each customer's
 * events in time order, already filtered, de-duplicated and (when `pseudonymizedInSql`) keyed by
 * pseudonym; the journeys, journey map and attribution are the in-process builder's, so results
 * match the in-process mode on the same data. Rejections are per row: a row without a customer id.
 */
export function fromAggregates(
	rows: readonly WarehouseCustomerRow[],
	options: JourneyOptions & { pseudonymizedInSql: boolean },
): JourneyResult {
	if (!Array.isArray(rows)) throw new Error('fromAggregates requires an array of rows');
	const records: Record<string, unknown>[] = [];
	const rowOfRecord: number[] = [];
	let skipped = 0;
	rows.forEach((row, r) => {
		if (row === null || typeof row !== 'object') throw new Error(`row ${r} is not an object`);
		if (typeof row.customer_id !== 'string' || row.customer_id === '') {
			throw new Error(`row ${r}: customer_id is missing`);
		}
		skipped = Math.max(skipped, Number(row.rows_skipped ?? 0) || 0);
		// Unhashed ids carry the key prefix already (`custom:<id>`); the custom mapping adds it again.
		const id = options.pseudonymizedInSql ? row.customer_id : row.customer_id.replace(/^custom:/, '');
		for (const [t, e, c, v, k] of tuples(row, r)) {
			records.push({ id, ts: Number(t), event: e, channel: c, value: v, consent: k });
			rowOfRecord.push(r);
		}
	});
	const inSql = options.pseudonymizedInSql;
	const result = mapJourneys(records, {
		...options,
		source: 'custom',
		mapping: { customerId: 'id', timestamp: 'ts', event: 'event', channel: 'channel', value: 'value', consent: 'consent' },
		pseudonymize: inSql ? false : options.pseudonymize,
	});
	const journeys: Journey[] = inSql
		? result.journeys.map((j) => ({
				...j,
				customerId: j.customerId.startsWith(CUSTOM_PREFIX) ? j.customerId.slice(CUSTOM_PREFIX.length) : j.customerId,
				pseudonymized: true,
			}))
		: result.journeys;
	const map = result.journeyMap;
	map.counts.recordsIn += skipped;
	map.counts.recordsRejected += skipped;
	const inputs = (map.provenance as { inputs?: Record<string, unknown> } | undefined)?.inputs;
	if (inSql && inputs) inputs.pseudonymized = 1;
	return {
		journeys,
		journeyMap: map,
		rejected: result.rejected,
		journeyRecords: result.journeyRecords.map((list) => [...new Set(list.map((i) => rowOfRecord[i]))]),
	};
}
