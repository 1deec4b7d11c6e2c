import { isPiiFieldName } from '../governance';
import {
	JOURNEY_SOURCES,
	type CustomMapping,
	type FunnelStep,
	type JourneyOptions,
	type JourneySource,
	type StageRule,
} from './types';
import { DEFAULT_STAGE_RULES, validateStageRules } from './rules';

export const DEFAULT_FUNNEL: FunnelStep[] = [
	{ name: 'visit', events: ['session_start', 'page_view', 'first_visit'] },
	'view_item',
	'add_to_cart',
	'begin_checkout',
	'purchase',
];

export const JOURNEY_DEFAULTS = {
	source: 'auto' as JourneySource,
	pseudonymize: true,
	dropWithoutConsent: true,
	requireConsent: false,
	conversionWindowDays: 30,
	conversionEvents: ['purchase'],
	markovOrder: 1,
	topPaths: 10,
	halfLifeDays: 7,
	stalledAfterDays: 14,
	includeRejectedRecords: false,
};

export interface ResolvedJourneyOptions {
	source: JourneySource;
	mapping: CustomMapping | null;
	mappingPaths: Record<string, string[]> | null;
	pseudonymize: boolean;
	secret: string;
	dropWithoutConsent: boolean;
	requireConsent: boolean;
	conversionWindowDays: number;
	conversionEvents: string[];
	funnel: { name: string; events: string[] }[];
	stageRules: StageRule[];
	markovOrder: 1 | 2;
	topPaths: number;
	halfLifeDays: number;
	referenceMs: number | null;
	stalledAfterDays: number;
	includeRejectedRecords: boolean;
}

function positive(name: string, value: unknown, integer: boolean): number {
	if (
		typeof value !== 'number' ||
		!Number.isFinite(value) ||
		value <= 0 ||
		(integer && !Number.isInteger(value))
	) {
		throw new Error(
			`option "${name}" must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(value)}`,
		);
	}
	return value;
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
	if (value === undefined) return fallback;
	if (typeof value !== 'boolean')
		throw new Error(`option "${name}" must be true or false, got ${JSON.stringify(value)}`);
	return value;
}

function stringList(name: string, value: unknown): string[] {
	if (
		!Array.isArray(value) ||
		value.length === 0 ||
		value.some((v) => typeof v !== 'string' || v.length === 0)
	) {
		throw new Error(`option "${name}" must be a non-empty array of non-empty strings`);
	}
	return value as string[];
}

function validateMapping(m: unknown): { mapping: CustomMapping; paths: Record<string, string[]> } {
	if (m === null || typeof m !== 'object') {
		throw new Error(
			'option "mapping" must be an object naming at least customerId and timestamp fields',
		);
	}
	const rec = m as Record<string, unknown>;
	const paths: Record<string, string[]> = {};
	for (const k of [
		'customerId',
		'timestamp',
		'event',
		'channel',
		'value',
		'campaign',
		'email',
		'consent',
	]) {
		const v = rec[k];
		if (v === undefined || v === '') {
			if (k === 'customerId' || k === 'timestamp') {
				throw new Error(
					`option "mapping.${k}" is required: name the field that holds the ${k === 'customerId' ? 'customer id' : 'timestamp'}`,
				);
			}
			continue;
		}
		if (typeof v !== 'string')
			throw new Error(`option "mapping.${k}" must be a field name (string)`);
		paths[k] = v.split('.');
	}
	if (rec.attributes !== undefined) {
		const attrs = stringList('mapping.attributes', rec.attributes);
		for (const a of attrs) {
			if (isPiiFieldName(a.split('.').pop() ?? a)) {
				throw new Error(
					`option "mapping.attributes" names "${a}", which looks like personal data (PII); only non-PII attributes may be carried on journeys`,
				);
			}
		}
	}
	return { mapping: rec as unknown as CustomMapping, paths };
}

/** Merge defaults and validate, with messages naming the option. */
export function resolveJourneyOptions(options: JourneyOptions | undefined): ResolvedJourneyOptions {
	if (options === undefined || options === null || typeof options !== 'object') {
		throw new Error(
			'mapJourneys requires an options object (at least { secret } or { pseudonymize: false })',
		);
	}
	const o = options;
	const source = o.source ?? JOURNEY_DEFAULTS.source;
	if (!JOURNEY_SOURCES.includes(source)) {
		throw new Error(
			`option "source" is "${String(source)}" but must be one of: ${JOURNEY_SOURCES.join(', ')}`,
		);
	}
	let mapping: CustomMapping | null = null;
	let mappingPaths: Record<string, string[]> | null = null;
	if (o.mapping !== undefined) {
		const v = validateMapping(o.mapping);
		mapping = v.mapping;
		mappingPaths = v.paths;
	} else if (source === 'custom') {
		throw new Error('option "mapping" is required when source is "custom"');
	}
	const pseudonymize = bool('pseudonymize', o.pseudonymize, JOURNEY_DEFAULTS.pseudonymize);
	const secret = o.secret ?? '';
	if (typeof secret !== 'string') throw new Error('option "secret" must be a string');
	if (pseudonymize && secret.length === 0) {
		throw new Error(
			'option "secret" is required when pseudonymize is true (set pseudonymize: false to keep source ids)',
		);
	}
	const conversionWindowDays =
		o.conversionWindowDays === undefined
			? JOURNEY_DEFAULTS.conversionWindowDays
			: positive('conversionWindowDays', o.conversionWindowDays, false);
	const halfLifeDays =
		o.halfLifeDays === undefined
			? JOURNEY_DEFAULTS.halfLifeDays
			: positive('halfLifeDays', o.halfLifeDays, false);
	const stalledAfterDays =
		o.stalledAfterDays === undefined
			? JOURNEY_DEFAULTS.stalledAfterDays
			: positive('stalledAfterDays', o.stalledAfterDays, false);
	const topPaths =
		o.topPaths === undefined ? JOURNEY_DEFAULTS.topPaths : positive('topPaths', o.topPaths, true);
	const markovOrder = o.markovOrder ?? JOURNEY_DEFAULTS.markovOrder;
	if (markovOrder !== 1 && markovOrder !== 2) {
		throw new Error(`option "markovOrder" must be 1 or 2, got ${JSON.stringify(markovOrder)}`);
	}
	const conversionEvents =
		o.conversionEvents === undefined
			? JOURNEY_DEFAULTS.conversionEvents
			: stringList('conversionEvents', o.conversionEvents);
	const steps = o.funnelSteps ?? DEFAULT_FUNNEL;
	if (!Array.isArray(steps) || steps.length < 2) {
		throw new Error(
			'option "funnelSteps" must be an array of at least two steps (event names or {name, events})',
		);
	}
	if (steps.length > 30) throw new Error('option "funnelSteps" may have at most 30 steps');
	const funnel = steps.map((s: unknown, i) => {
		if (typeof s === 'string' && s.length > 0) return { name: s, events: [s] };
		if (s !== null && typeof s === 'object') {
			const { name, events } = s as Record<string, unknown>;
			if (typeof name === 'string' && name.length > 0) {
				return { name, events: stringList(`funnelSteps[${i}].events`, events) };
			}
		}
		throw new Error(`option "funnelSteps[${i}]" must be an event name or {name, events: string[]}`);
	});
	let referenceMs: number | null = null;
	if (o.referenceDate !== undefined) {
		referenceMs = typeof o.referenceDate === 'string' ? Date.parse(o.referenceDate) : Number.NaN;
		if (Number.isNaN(referenceMs)) {
			throw new Error(
				`option "referenceDate" must be an ISO 8601 date, got ${JSON.stringify(o.referenceDate)}`,
			);
		}
	}
	const stageRules =
		o.stageRules === undefined ? DEFAULT_STAGE_RULES : validateStageRules(o.stageRules);
	return {
		source,
		mapping,
		mappingPaths,
		pseudonymize,
		secret,
		dropWithoutConsent: bool(
			'dropWithoutConsent',
			o.dropWithoutConsent,
			JOURNEY_DEFAULTS.dropWithoutConsent,
		),
		requireConsent: bool('requireConsent', o.requireConsent, JOURNEY_DEFAULTS.requireConsent),
		conversionWindowDays,
		conversionEvents,
		funnel,
		stageRules,
		markovOrder,
		topPaths,
		halfLifeDays,
		referenceMs,
		stalledAfterDays,
		includeRejectedRecords: bool(
			'includeRejectedRecords',
			o.includeRejectedRecords,
			JOURNEY_DEFAULTS.includeRejectedRecords,
		),
	};
}
