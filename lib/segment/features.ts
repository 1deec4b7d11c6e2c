import { Journey, JOURNEY_STAGES } from '../contracts/journey';
import { ContractError, checkContract } from '../contracts/validate';
import { mean, quantileSorted, standardDeviation } from '../util/stats';
import { SegmentInputError } from './errors';
import { isPiiFieldName, isProtectedAttribute, isSafeCategoryValue } from '../governance';

export type Scaling = 'standard' | 'minMax' | 'robust';
/** How a missing numeric value is filled: the column's median or mean over present values, or 0. */
export type ImputePolicy = 'median' | 'mean' | 'zero';
/**
 * What a non-numeric value in a numeric field does. Numeric strings ("12.5") and booleans (1/0) are
 * always converted and counted in `coerced`. Any other string, object, NaN or Infinity: `error` throws
 * naming the item index and field; `impute` treats it as missing (imputed and counted in `imputed`).
 */
export type NonNumericPolicy = 'error' | 'impute';
/** `auto`: journeys when every row satisfies the Journey contract shape (has engagement and lastSeen). */
export type InputKind = 'auto' | 'journeys' | 'rows';
/** A monotone transform applied before scaling: `log1p` for heavy-tailed counts and money. */
export type FeatureTransform = 'none' | 'log1p';
/** Journey features left out by default, available on request. */
export type OptionalJourneyFeature = 'stage' | 'daysToConvert';
export const OPTIONAL_JOURNEY_FEATURES: readonly OptionalJourneyFeature[] = ['stage', 'daysToConvert'];

export interface FeatureOptions {
	input?: InputKind;
	/** Field holding the customer id in plain rows (default `customerId`); missing ids become `row-<index>`. */
	idField?: string;
	/**
	 * Numeric fields (dotted paths allowed). Journeys: added to the default features. Rows: the features;
	 * when neither numericFields nor categoricalFields is given, every top-level field where more than
	 * half of the present values are numbers is used.
	 */
	numericFields?: string[];
	/** Categorical fields, one-hot encoded as `<field>_<value>`; a missing value gives all zeros. */
	categoricalFields?: string[];
	impute?: ImputePolicy;
	nonNumeric?: NonNumericPolicy;
	/** Protected attributes (see protected.ts) the caller explicitly allows as features. */
	allowProtectedAttributes?: string[];
	/** Reference date for `recencyDays` (ISO 8601); default the latest `lastSeen` in the input. */
	asOf?: string;
	/**
	 * Journeys: features added to the defaults. `stage` adds the `stage_<stage>` one-hots (the Journey
	 * Mapper derives the stage from recency, conversions and email events by rules, so by default the
	 * underlying behaviour is used instead); `daysToConvert` adds the days to first conversion (undefined
	 * for customers who never bought, so it is imputed for them).
	 */
	journeyFeatures?: OptionalJourneyFeature[];
	/**
	 * Journeys: pseudo-touches of the overall channel mix added to each customer's channel counts before
	 * taking shares (additive smoothing), so one or two touches don't read as a 100% channel preference.
	 * Default 10; 0 gives raw shares.
	 */
	channelSmoothing?: number;
}

export const FEATURE_DEFAULTS = {
	input: 'auto' as InputKind,
	idField: 'customerId',
	impute: 'median' as ImputePolicy,
	nonNumeric: 'error' as NonNumericPolicy,
	allowProtectedAttributes: [] as string[],
	journeyFeatures: [] as OptionalJourneyFeature[],
	channelSmoothing: 10,
};

export interface FeatureTable {
	source: 'journeys' | 'rows';
	featureNames: string[];
	rows: number;
	cols: number;
	/** Feature values in original units after imputation, row-major (rows x cols). Never NaN. */
	values: Float64Array;
	customerIds: string[];
	/** Values filled in per feature (numeric) or per categorical field (all-zero one-hot). */
	imputed: Record<string, number>;
	/** Numeric strings and booleans converted to numbers, per feature. */
	coerced: Record<string, number>;
	/** The value each numeric feature's missing entries received. */
	imputationValues: Record<string, number>;
	imputePolicy: ImputePolicy;
	/** Protected fields that were asked for or present but left out. */
	protectedAttributesExcluded: string[];
	/** Protected fields used as features because the caller allowed them. */
	protectedAttributesUsed: string[];
	/** Per row: descriptive categorical attributes (non-protected, non-PII), for segment summaries. */
	categories: Array<Record<string, string>>;
	/** Journeys only: converted flag, revenue and touchpoints per channel, per row. */
	outcomes: {
		converted: Uint8Array | null;
		revenue: Float64Array | null;
		byChannel: Array<Record<string, number>> | null;
	};
	/** The reference date used for recencyDays (journeys), or null. */
	asOf: string | null;
	/** Per feature: the transform applied before scaling (values above stay in original units). */
	transforms: FeatureTransform[];
	/**
	 * Per feature: a scale group or null. Features of one group are in one unit (the channel shares) and
	 * share one scale when scaled, so a rarely used channel is not blown up to the weight of a main one.
	 */
	scaleGroups: Array<string | null>;
	/**
	 * Journeys only: 1 for an anonymous visitor (a journey known only by a device / browser id: no CRM
	 * record, login, e-mail or order), from the Journey Mapper's `anonymous` flag. Null for rows.
	 */
	anonymous: Uint8Array | null;
}

const DAY_MS = 86_400_000;
const MAX_CATEGORY_VALUES = 50;

/** Read a field: a direct key first, then a dotted path. */
export function getField(row: unknown, field: string): unknown {
	if (row === null || typeof row !== 'object') return undefined;
	const record = row as Record<string, unknown>;
	if (field in record) return record[field];
	let cur: unknown = row;
	for (const part of field.split('.')) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[part];
	}
	return cur;
}

function looksLikeJourney(row: unknown): boolean {
	return (
		row !== null &&
		typeof row === 'object' &&
		'engagement' in row &&
		'lastSeen' in row &&
		'touchpoints' in row
	);
}

/** Build the feature table from journeys or plain rows. Does not modify the input. */
export function buildFeatures(
	rows: readonly unknown[],
	options: FeatureOptions = {},
): FeatureTable {
	if (!Array.isArray(rows) || rows.length === 0) {
		throw new SegmentInputError('no input rows: at least one customer is required');
	}
	const opts = { ...FEATURE_DEFAULTS, ...stripUndefined(options) };
	checkEnum('impute', opts.impute, ['median', 'mean', 'zero']);
	checkEnum('nonNumeric', opts.nonNumeric, ['error', 'impute']);
	checkEnum('input', opts.input, ['auto', 'journeys', 'rows']);
	for (const f of opts.journeyFeatures) checkEnum('journeyFeatures', f, [...OPTIONAL_JOURNEY_FEATURES]);
	if (!(typeof opts.channelSmoothing === 'number' && opts.channelSmoothing >= 0 && Number.isFinite(opts.channelSmoothing))) {
		throw new SegmentInputError(`channelSmoothing must be a number >= 0, got ${String(opts.channelSmoothing)}`);
	}
	const kind =
		opts.input === 'auto' ? (rows.every(looksLikeJourney) ? 'journeys' : 'rows') : opts.input;
	const builder = new TableBuilder(rows.length, opts.impute, opts.allowProtectedAttributes);
	const extraNumeric = opts.numericFields ?? [];
	const extraCategorical = opts.categoricalFields ?? [];
	let customerIds: string[];
	let outcomes: FeatureTable['outcomes'] = { converted: null, revenue: null, byChannel: null };
	let asOf: string | null = null;
	let anonymous: Uint8Array | null = null;
	let categories: Array<Record<string, string>>;

	if (kind === 'journeys') {
		const journeys = rows.map((row, index) => {
			const checked = checkContract(Journey, row, index);
			if (!checked.ok) throw new ContractError('Journey', checked.issue);
			return checked.value;
		});
		asOf = resolveAsOf(journeys, opts.asOf);
		const asOfMs = Date.parse(asOf);
		customerIds = journeys.map((j) => j.customerId);
		builder.numeric('recencyDays', (i) =>
			Math.max(0, (asOfMs - Date.parse(journeys[i].lastSeen)) / DAY_MS),
		);
		// Counts and money are heavy-tailed: clustered on log(1 + x), reported in original units.
		builder.numeric('frequency', (i) => journeys[i].touchpoints, 'log1p');
		builder.numeric('monetary', (i) => journeys[i].revenue, 'log1p');
		builder.numeric('conversions', (i) => journeys[i].conversions, 'log1p');
		if (opts.journeyFeatures.includes('daysToConvert'))
			builder.numeric('daysToConvert', (i) => journeys[i].daysToConvert);
		builder.numeric('painPoints', (i) => journeys[i].painPoints.length);
		const channels = new Set<string>();
		for (const j of journeys) for (const c of Object.keys(j.engagement.byChannel)) channels.add(c);
		const totals = journeys.map((j) => sumValues(j.engagement.byChannel));
		const allTouches = totals.reduce((a, b) => a + b, 0);
		const alpha = allTouches > 0 ? opts.channelSmoothing : 0;
		for (const channel of Array.from(channels).sort()) {
			let touches = 0;
			for (const j of journeys) touches += j.engagement.byChannel[channel] ?? 0;
			const prior = allTouches > 0 ? touches / allTouches : 0;
			builder.numeric(
				`channel_${channel}`,
				(i) =>
					totals[i] + alpha > 0
						? ((journeys[i].engagement.byChannel[channel] ?? 0) + alpha * prior) /
							(totals[i] + alpha)
						: 0,
				'none',
				'channel',
			);
		}
		if (opts.journeyFeatures.includes('stage')) {
			const stages = new Set(journeys.map((j) => j.stage));
			for (const stage of JOURNEY_STAGES) {
				if (stages.has(stage))
					builder.numeric(`stage_${stage}`, (i) => (journeys[i].stage === stage ? 1 : 0));
			}
		}
		anonymous = Uint8Array.from(journeys, (j) =>
			(j as Record<string, unknown>).anonymous === true ? 1 : 0,
		);
		outcomes = {
			converted: Uint8Array.from(journeys, (j) => (j.converted ? 1 : 0)),
			revenue: Float64Array.from(journeys, (j) => j.revenue),
			byChannel: journeys.map((j) => j.engagement.byChannel),
		};
		categories = journeys.map((j) => descriptiveCategories(j.attributes, null));
	} else {
		customerIds = rows.map((row, i) => {
			const id = getField(row, opts.idField);
			return typeof id === 'string' && id.length > 0
				? id
				: typeof id === 'number' && Number.isFinite(id)
					? String(id)
					: `row-${i}`;
		});
		for (let i = 0; i < rows.length; i++) {
			if (rows[i] === null || typeof rows[i] !== 'object' || Array.isArray(rows[i])) {
				throw new SegmentInputError(
					`Item ${i} is not an object (got ${describeValue(rows[i])})`,
					i,
				);
			}
		}
		categories = rows.map((row) =>
			descriptiveCategories(row as Record<string, unknown>, opts.idField),
		);
	}

	const numericFields =
		kind === 'rows' && extraNumeric.length === 0 && extraCategorical.length === 0
			? detectNumericFields(rows, opts.idField)
			: extraNumeric;
	for (const field of numericFields) {
		if (!builder.admit(field)) continue;
		builder.numeric(field, (i) => readNumeric(rows[i], i, field, opts.nonNumeric, builder));
	}
	for (const field of extraCategorical) {
		if (!builder.admit(field)) continue;
		builder.categorical(field, (i) => readCategory(getField(rows[i], field)));
	}
	if (builder.names.length === 0) {
		const excluded =
			builder.excluded.length > 0
				? ` (protected attributes left out: ${builder.excluded.join(', ')}; allow them with allowProtectedAttributes)`
				: '';
		throw new SegmentInputError(
			`no features to segment on: pass numericFields or categoricalFields naming fields of the rows${excluded}`,
		);
	}
	// Protected attributes present in journeys' attributes are never features unless asked for.
	if (kind === 'journeys') {
		for (const row of rows as Array<{ attributes: Record<string, unknown> }>) {
			for (const key of Object.keys(row.attributes)) {
				if (
					isProtectedAttribute(key) &&
					!builder.excluded.includes(key) &&
					!builder.used.includes(`attributes.${key}`) &&
					!builder.used.includes(key)
				) {
					builder.excluded.push(key);
				}
			}
		}
	}
	return builder.finish({ source: kind, customerIds, categories, outcomes, asOf, anonymous });
}

class TableBuilder {
	readonly names: string[] = [];
	readonly columns: Float64Array[] = [];
	readonly transforms: FeatureTransform[] = [];
	readonly groups: Array<string | null> = [];
	readonly imputed: Record<string, number> = {};
	readonly coerced: Record<string, number> = {};
	readonly imputationValues: Record<string, number> = {};
	readonly excluded: string[] = [];
	readonly used: string[] = [];
	currentField = '';

	constructor(
		readonly n: number,
		readonly policy: ImputePolicy,
		readonly allowed: string[],
	) {}

	/** Whether a requested field may be a feature; protected ones need an explicit allowance. */
	admit(field: string): boolean {
		if (!isProtectedAttribute(field)) return true;
		const allowed = this.allowed.some((a) => a === field || a === field.split('.').pop());
		if (allowed) {
			if (!this.used.includes(field)) this.used.push(field);
			return true;
		}
		if (!this.excluded.includes(field)) this.excluded.push(field);
		return false;
	}

	/** A numeric column; `read` returns null for a missing value, imputed here. */
	numeric(
		name: string,
		read: (i: number) => number | null,
		transform: FeatureTransform = 'none',
		group: string | null = null,
	): void {
		if (this.names.includes(name)) return;
		this.currentField = name;
		const column = new Float64Array(this.n);
		const missing: number[] = [];
		const present: number[] = [];
		for (let i = 0; i < this.n; i++) {
			const v = read(i);
			if (v === null) missing.push(i);
			else {
				column[i] = v;
				present.push(v);
			}
		}
		if (missing.length > 0) {
			const fill = imputationValue(present, this.policy);
			for (const i of missing) column[i] = fill;
			this.imputed[name] = missing.length;
			this.imputationValues[name] = fill;
		}
		this.names.push(name);
		this.columns.push(column);
		this.transforms.push(transform);
		this.groups.push(group);
	}

	categorical(field: string, read: (i: number) => string | null): void {
		const values: Array<string | null> = [];
		for (let i = 0; i < this.n; i++) values.push(read(i));
		const levels = Array.from(new Set(values.filter((v): v is string => v !== null))).sort();
		const missing = values.filter((v) => v === null).length;
		if (missing > 0) this.imputed[field] = missing;
		for (const level of levels)
			this.numeric(`${field}_${level}`, (i) => (values[i] === level ? 1 : 0));
	}

	countCoerced(): void {
		this.coerced[this.currentField] = (this.coerced[this.currentField] ?? 0) + 1;
	}

	finish(
		rest: Pick<
			FeatureTable,
			'source' | 'customerIds' | 'categories' | 'outcomes' | 'asOf' | 'anonymous'
		>,
	): FeatureTable {
		const cols = this.names.length;
		const values = new Float64Array(this.n * cols);
		for (let j = 0; j < cols; j++) {
			const column = this.columns[j];
			for (let i = 0; i < this.n; i++) values[i * cols + j] = column[i];
		}
		return {
			...rest,
			featureNames: this.names.slice(),
			transforms: this.transforms.slice(),
			scaleGroups: this.groups.slice(),
			rows: this.n,
			cols,
			values,
			imputed: this.imputed,
			coerced: this.coerced,
			imputationValues: this.imputationValues,
			imputePolicy: this.policy,
			protectedAttributesExcluded: this.excluded,
			protectedAttributesUsed: this.used,
		};
	}
}

function imputationValue(present: number[], policy: ImputePolicy): number {
	if (policy === 'zero' || present.length === 0) return 0;
	if (policy === 'mean') return mean(present);
	return quantileSorted(Float64Array.from(present).sort(), 0.5);
}

function readNumeric(
	row: unknown,
	index: number,
	field: string,
	policy: NonNumericPolicy,
	builder: TableBuilder,
): number | null {
	const v = getField(row, field);
	if (v === undefined || v === null) return null;
	if (typeof v === 'number') {
		if (Number.isFinite(v)) return v;
		if (policy === 'impute') return null;
		throw new SegmentInputError(
			`Item ${index}: field "${field}" is ${String(v)}, not a finite number (set nonNumeric to 'impute' to treat it as missing)`,
			index,
			field,
		);
	}
	if (typeof v === 'boolean') {
		builder.countCoerced();
		return v ? 1 : 0;
	}
	if (typeof v === 'string') {
		const trimmed = v.trim();
		if (trimmed === '') return null;
		const parsed = Number(trimmed);
		if (Number.isFinite(parsed)) {
			builder.countCoerced();
			return parsed;
		}
	}
	if (policy === 'impute') return null;
	throw new SegmentInputError(
		`Item ${index}: field "${field}" is ${describeValue(v)}, not a number (set nonNumeric to 'impute' to treat it as missing)`,
		index,
		field,
	);
}

function describeValue(v: unknown): string {
	if (typeof v === 'string')
		return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'an array';
	return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function readCategory(v: unknown): string | null {
	if (v === undefined || v === null) return null;
	if (typeof v === 'string') return v.trim() === '' ? null : v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	return null;
}

/**
 * Top-level fields where more than half of the present values are numbers (id and personal-data
 * fields such as `phone` or `zip` excluded; protected fields are excluded later). Stray non-numbers in such a field then follow the nonNumeric policy.
 */
function detectNumericFields(rows: readonly unknown[], idField: string): string[] {
	const tally = new Map<string, { numbers: number; present: number }>();
	for (const row of rows) {
		for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
			if (key === idField || value === null || value === undefined) continue;
			if (isPiiFieldName(key)) continue;
			let t = tally.get(key);
			if (!t) tally.set(key, (t = { numbers: 0, present: 0 }));
			t.present++;
			if (typeof value === 'number') t.numbers++;
		}
	}
	return Array.from(tally)
		.filter(([, t]) => t.numbers * 2 > t.present)
		.map(([key]) => key);
}

/** String / boolean attributes worth summarising: not protected, not PII (by name or value), not free text, not the id. */
function descriptiveCategories(
	record: Record<string, unknown>,
	idField: string | null,
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(record)) {
		if (key === idField || isProtectedAttribute(key) || isPiiFieldName(key)) continue;
		if (typeof value === 'string' && isSafeCategoryValue(value)) out[key] = value;
		else if (typeof value === 'boolean') out[key] = String(value);
	}
	return out;
}

/** Fields of `categories` with few enough distinct values to summarise. */
export function summarisableCategoryFields(categories: Array<Record<string, string>>): string[] {
	const distinct = new Map<string, Set<string>>();
	for (const row of categories) {
		for (const [key, value] of Object.entries(row)) {
			let set = distinct.get(key);
			if (!set) distinct.set(key, (set = new Set()));
			if (set.size <= MAX_CATEGORY_VALUES) set.add(value);
		}
	}
	const limit = Math.max(2, Math.min(MAX_CATEGORY_VALUES, Math.ceil(categories.length / 2)));
	return Array.from(distinct)
		.filter(([, set]) => set.size <= limit)
		.map(([key]) => key)
		.sort();
}

function resolveAsOf(journeys: Journey[], asOf: string | undefined): string {
	if (asOf !== undefined) {
		const ms = Date.parse(asOf);
		if (Number.isNaN(ms)) throw new SegmentInputError(`asOf "${asOf}" is not an ISO 8601 date`);
		return new Date(ms).toISOString();
	}
	let latest = -Infinity;
	for (const j of journeys) latest = Math.max(latest, Date.parse(j.lastSeen));
	return new Date(latest).toISOString();
}

function sumValues(record: Record<string, number>): number {
	let s = 0;
	for (const v of Object.values(record)) s += v;
	return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
	const out: Partial<T> = {};
	for (const key of Object.keys(o) as Array<keyof T>) if (o[key] !== undefined) out[key] = o[key];
	return out;
}

function checkEnum(name: string, value: string, allowed: string[]): void {
	if (!allowed.includes(value)) {
		throw new SegmentInputError(
			`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got '${value}'`,
		);
	}
}

export interface ScalingParams {
	method: Scaling;
	/** Subtracted from each feature (after its transform) ... */
	center: number[];
	/** ... then divided by this (never 0: a constant feature gets 1). */
	scale: number[];
	/** Per feature, applied before centering; absent means none for every feature. */
	transform?: FeatureTransform[];
}

export interface ScalingExtras {
	/** Per feature transform (default none). */
	transforms?: readonly FeatureTransform[];
	/** Per feature scale group (default none): a group's features share the root mean square of their scales. */
	groups?: ReadonlyArray<string | null>;
	/** Fit on these rows only (default all). */
	rowsToFit?: ArrayLike<number>;
}

/** A feature value after its transform. */
export function transformValue(value: number, transform: FeatureTransform | undefined): number {
	return transform === 'log1p' ? Math.log1p(Math.max(0, value)) : value;
}

/**
 * Fit per-feature scaling. `standard`: mean and population standard deviation. `minMax`: minimum and
 * range. `robust`: median and interquartile range, falling back to the standard deviation when the IQR
 * is 0. A zero scale (constant feature) becomes 1, so the scaled feature is 0, never NaN. Transforms
 * apply first; features of one scale group then share the root mean square of their scales, which
 * keeps the group's total weight (the number of its features) but spreads it by actual spread.
 */
export function fitScaling(
	values: Float64Array,
	rows: number,
	cols: number,
	method: Scaling,
	extras: ScalingExtras = {},
): ScalingParams {
	checkEnum('scaling', method, ['standard', 'minMax', 'robust']);
	const center: number[] = [];
	const scale: number[] = [];
	const fitRows = extras.rowsToFit ?? Int32Array.from({ length: rows }, (_, i) => i);
	const m = fitRows.length;
	const column = new Float64Array(m);
	const transforms = Array.from({ length: cols }, (_, j) => extras.transforms?.[j] ?? 'none');
	for (let j = 0; j < cols; j++) {
		for (let p = 0; p < m; p++)
			column[p] = transformValue(values[fitRows[p] * cols + j], transforms[j]);
		let c: number;
		let s: number;
		if (method === 'standard') {
			c = mean(column);
			s = standardDeviation(column);
		} else if (method === 'minMax') {
			let lo = Infinity;
			let hi = -Infinity;
			for (let i = 0; i < m; i++) {
				if (column[i] < lo) lo = column[i];
				if (column[i] > hi) hi = column[i];
			}
			c = lo;
			s = hi - lo;
		} else {
			const sorted = Float64Array.from(column).sort();
			c = quantileSorted(sorted, 0.5);
			s = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
			if (!(s > 0)) s = standardDeviation(column);
		}
		center.push(c);
		scale.push(s > 0 && Number.isFinite(s) ? s : 1);
	}
	if (extras.groups) {
		const byGroup = new Map<string, number[]>();
		extras.groups.forEach((g, j) => {
			if (g !== null && j < cols) byGroup.set(g, [...(byGroup.get(g) ?? []), j]);
		});
		for (const members of byGroup.values()) {
			const rms = Math.sqrt(members.reduce((a, j) => a + scale[j] * scale[j], 0) / members.length);
			for (const j of members) scale[j] = rms;
		}
	}
	const out: ScalingParams = { method, center, scale };
	if (transforms.some((t) => t !== 'none')) out.transform = transforms;
	return out;
}

/** (transform(value) - center) / scale for every feature. */
export function applyScaling(
	values: Float64Array,
	rows: number,
	cols: number,
	params: ScalingParams,
): Float64Array {
	const out = new Float64Array(rows * cols);
	const t = params.transform;
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++)
			out[i * cols + j] =
				(transformValue(values[i * cols + j], t?.[j]) - params.center[j]) / params.scale[j];
	}
	return out;
}
