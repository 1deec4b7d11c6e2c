import type { Journey, JourneyMap, JourneyStage } from '../contracts';
import { SOURCE_NAMES, type SourceName } from '../util/sources';

/** Which source the records come from; `auto` detects it per record from its shape. */
export type JourneySource = 'auto' | SourceName;

export const JOURNEY_SOURCES: readonly JourneySource[] = ['auto', ...SOURCE_NAMES];

/** Concrete record kinds (what `auto` resolves to). */
export type RecordKind = Exclude<JourneySource, 'auto'>;

/**
 * Field names of a custom source. Each may be a dotted path (`properties.email`).
 * Timestamps may be ISO 8601 or epoch seconds / milliseconds / microseconds / nanoseconds
 * (told apart by magnitude), as numbers or digit strings.
 */
export interface CustomMapping {
	customerId: string;
	timestamp: string;
	/** Event name field; default: every row is the event `event`. */
	event?: string;
	/** Channel field; default `other`. Values are normalised (lower case, spaces to `_`). */
	channel?: string;
	/** Monetary value field (number or numeric string). */
	value?: string;
	campaign?: string;
	/** E-mail field: used only to stitch identities, never emitted. */
	email?: string;
	/** Consent field: true/granted/yes/opt_in keep; false/withheld/denied/no/opt_out drop. */
	consent?: string;
	/** Non-PII attribute fields copied onto the journey (PII-looking names are refused). */
	attributes?: string[];
}

export type ConditionOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists' | 'contains';

/** One test on a journey fact; see docs in rules.ts for the fact names. */
export interface StageCondition {
	field: string;
	op: ConditionOp;
	value?: unknown;
}

/** The first rule (in order) whose conditions all hold gives the stage; empty `when` always holds. */
export interface StageRule {
	stage: JourneyStage;
	when: StageCondition[];
	/** Optional note shown in docs and provenance. */
	label?: string;
}

/** A funnel step: an event name, or a named set of events any of which counts. */
export type FunnelStep = string | { name: string; events: string[] };

export interface JourneyOptions {
	/** Default `auto`. */
	source?: JourneySource;
	/** Required for `custom`; with `auto`, used for records no preset recognises. */
	mapping?: CustomMapping;
	/** Replace customer ids with keyed hashes (default true; needs `secret`). */
	pseudonymize?: boolean;
	secret?: string;
	/** Drop customers whose consent is withheld (default true). */
	dropWithoutConsent?: boolean;
	/** Also drop customers with no consent signal at all (default false). */
	requireConsent?: boolean;
	/** Days before a conversion whose touches get credit, and the time-to-convert window (default 30). */
	conversionWindowDays?: number;
	/** Events that count as conversions (default ['purchase']). */
	conversionEvents?: string[];
	/** Ordered funnel (default visit > view_item > add_to_cart > begin_checkout > purchase). */
	funnelSteps?: FunnelStep[];
	stageRules?: StageRule[];
	/** 1 (default) or 2. */
	markovOrder?: number;
	/** Number of top paths to report (default 10). */
	topPaths?: number;
	/** Half-life of the time-decay model in days (default 7). */
	halfLifeDays?: number;
	/** "Now" for recency facts, ISO 8601; default the latest timestamp in the data (never the clock). */
	referenceDate?: string;
	/** Days without activity after which an unconverted, engaged journey counts as stalled (default 14). */
	stalledAfterDays?: number;
	/** Attach the raw record to each rejection (default false: raw records may hold PII). */
	includeRejectedRecords?: boolean;
}

export interface RejectedRecord {
	index: number;
	reason: string;
	field?: string;
	record?: unknown;
}

export interface JourneyResult {
	journeys: Journey[];
	journeyMap: JourneyMap;
	rejected: RejectedRecord[];
	/** For each journey (same index), the indices of the input records it was built from. */
	journeyRecords: number[][];
}
