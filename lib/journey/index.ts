import { buildJourneys } from './build';
import { Ingestor } from './ingest';
import { resolveJourneyOptions } from './options';
import type { JourneyOptions, JourneyResult, RejectedRecord } from './types';

export type {
	ConditionOp,
	CustomMapping,
	FunnelStep,
	JourneyOptions,
	JourneyResult,
	JourneySource,
	RejectedRecord,
	StageCondition,
	StageRule,
} from './types';
export { JOURNEY_SOURCES } from './types';
export { DEFAULT_FUNNEL, JOURNEY_DEFAULTS } from './options';
export { DEFAULT_STAGE_RULES } from './rules';
export { JOURNEY_MAPPER_VERSION } from './build';
export { heuristicCredit, markovAttribution, solveLinear } from './attribution';
export type { FlatPaths, HeuristicCredit, MarkovResult } from './attribution';
export { parseTimestamp, parseIso, epochToMs } from './time';
export { detectKind } from './ingest';

/**
 * Turn raw records from any supported source into one journey per customer, a journey-map summary
 * and the rejected records. Options are validated first (throws a precise Error); bad records never
 * throw: each lands in `rejected` with its index and reason. recordsIn = recordsUsed + recordsRejected
 * (duplicates are used-and-deduped: counted in recordsUsed and in `duplicates`).
 *
 * @example
 * const { journeys, journeyMap, rejected } = mapJourneys(items, { secret: 'k3y' });
 */
export function mapJourneys(records: readonly unknown[], options: JourneyOptions): JourneyResult {
	const o = resolveJourneyOptions(options);
	if (!Array.isArray(records)) {
		throw new Error(
			`mapJourneys requires an array of records, got ${records === null ? 'null' : typeof records}`,
		);
	}
	const ing = new Ingestor(o, records.length);
	const rejected: RejectedRecord[] = [];
	for (let i = 0; i < records.length; i++) {
		let rejection;
		try {
			rejection = ing.ingest(records[i], i);
		} catch (error) {
			// A record shaped in a way no check foresaw (e.g. a throwing getter): reject it, keep going.
			rejection = {
				reason: `record could not be read: ${(error as Error)?.message ?? String(error)}`,
				field: undefined,
			};
		}
		if (rejection !== null) {
			ing.recordKey[i] = -2;
			const entry: RejectedRecord = { index: i, reason: rejection.reason };
			if (rejection.field !== undefined) entry.field = rejection.field;
			if (o.includeRejectedRecords) entry.record = records[i];
			rejected.push(entry);
		}
	}
	const out = buildJourneys(ing, o, records, rejected);
	return { ...out, journeyRecords: out.journeyRecords ?? [] };
}
