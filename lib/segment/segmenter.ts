import { Journey } from '../contracts/journey';
import { Segment } from '../contracts/segment';
import { assertContract, checkContract, type ContractIssue } from '../contracts/validate';
import { InputError } from '../util/errors';
import { stripUndefined } from '../util/object';
import { quantileSorted, standardDeviation } from '../util/stats';
import type { AutoKCandidate } from './autoK';
import { AUTO_K_DEFAULTS, chooseK } from './autoK';
import type { FeatureStanding, SegmentName } from './describe';
import { describeSegment, distinctLabels, labelSegment } from './describe';
import type { FeatureOptions, FeatureTable, InputKind, Scaling, ScalingParams } from './features';
import { applyScaling, buildFeatures, fitScaling, resolveInputKind, summarisableCategoryFields } from './features';
import type { FitOptions, FitReport } from './fitStrategy';
import { FIT_DEFAULTS, fitKMeans, resolveFitOptions, resolveStrategy } from './fitStrategy';
import type { KMeansResult } from './kmeans';
import { KMEANS_DEFAULTS } from './kmeans';
import type { Matrix } from './matrix';
import { matrixToRows, selectRows } from './matrix';
import { daviesBouldin, sampleIndices, silhouette, SILHOUETTE_DEFAULTS } from './metrics';
import type { SegmentModel } from './model';
import { assertModelFits, MATCH_DEFAULTS, matchSegments, parseSegmentModel } from './model';
import { pca2d, project } from './pca';
import type { RfmScore } from './rfm';
import { RFM_RULES, RFM_SEGMENTS, rfmSegmentId, scoreRfm } from './rfm';

export const SEGMENTER_VERSION = '1.0.0';

export type SegmentMethod = 'kmeans' | 'rfm';

export interface SegmentCustomersOptions extends FeatureOptions, FitOptions {
	/** `kmeans` (default) or `rfm`. */
	method?: SegmentMethod;
	/** Number of clusters, or `auto` (default): the best silhouette over kMin..kMax. */
	k?: number | 'auto';
	kMin?: number;
	kMax?: number;
	scaling?: Scaling;
	seed?: number | string;
	nInit?: number;
	maxIterations?: number;
	tolerance?: number;
	/** Rows in the seeded silhouette sample. */
	silhouetteSampleSize?: number;
	/** Points in the 2-D projection (a seeded sample above this). */
	projectionSampleSize?: number;
	/** Distinguishing features reported per segment. */
	topFeatures?: number;
	/** The previous run's `model` (plain JSON), for stable segment ids. */
	previousModel?: unknown;
	/**
	 * A previous model that cannot continue any id (made by the other method, or sharing no feature
	 * with this run): `fresh` (default) gives fresh ids, `error` throws naming `previousModel.method`
	 * or `previousModel.featureNames`.
	 */
	previousModelMismatch?: 'fresh' | 'error';
	/** Largest RMS per-feature distance (current scaled units) at which a cluster keeps a previous id. */
	matchThreshold?: number;
	/** RFM on journeys: what counts as frequency (default `conversions`, i.e. purchases). */
	rfmFrequency?: 'conversions' | 'touchpoints';
	/** RFM on plain rows: the fields holding recency (days), frequency and monetary value. */
	rfmFields?: { recency: string; frequency: string; monetary: string };
	/**
	 * k-means on journeys: what anonymous visitors (journeys the Journey Mapper flags `anonymous`: known
	 * only by a device id, so their e-mail, orders and CRM facts are unobservable rather than zero) do.
	 * `assign` (default): segments are fitted on identified customers and each anonymous visitor is then
	 * placed in the nearest segment. `cluster`: they take part in fitting like everyone else.
	 */
	anonymousVisitors?: 'assign' | 'cluster';
	/**
	 * Journeys that fail the Journey contract: `error` (default) throws naming the item and field;
	 * `skip` segments the valid ones and lists the others in `rejected`.
	 */
	invalidJourneys?: 'error' | 'skip';
}

export const SEGMENTER_DEFAULTS = {
	method: 'kmeans' as SegmentMethod,
	k: 'auto' as number | 'auto',
	kMin: AUTO_K_DEFAULTS.kMin,
	kMax: AUTO_K_DEFAULTS.kMax,
	scaling: 'standard' as Scaling,
	seed: 42 as number | string,
	nInit: KMEANS_DEFAULTS.nInit,
	maxIterations: KMEANS_DEFAULTS.maxIterations,
	tolerance: KMEANS_DEFAULTS.tolerance,
	silhouetteSampleSize: SILHOUETTE_DEFAULTS.sampleSize,
	projectionSampleSize: 1000,
	topFeatures: 5,
	matchThreshold: MATCH_DEFAULTS.matchThreshold,
	rfmFrequency: 'conversions' as 'conversions' | 'touchpoints',
	rfmFields: { recency: 'recencyDays', frequency: 'frequency', monetary: 'monetary' },
	anonymousVisitors: 'assign' as 'assign' | 'cluster',
	input: 'auto' as InputKind,
	invalidJourneys: 'error' as 'error' | 'skip',
	previousModelMismatch: 'fresh' as 'fresh' | 'error',
	...FIT_DEFAULTS,
};

export interface SegmentedCustomer {
	/** Position of the customer's row in the input. */
	index: number;
	customerId: string;
	segmentId: string;
	label: string;
	/** Euclidean distance to the segment's centroid, in scaled feature units. */
	distance: number;
	/** Feature values in original units (after imputation). */
	features: Record<string, number>;
	/** RFM method only. */
	rfm?: { r: number; f: number; m: number; code: string };
}

export interface ProjectionPoint {
	index: number;
	x: number;
	y: number;
	segmentId: string;
}

export interface SegmentationResult {
	customers: SegmentedCustomer[];
	/** Journeys left out because they failed the Journey contract (`invalidJourneys: 'skip'`). */
	rejected: ContractIssue[];
	/** One summary per non-empty segment, largest first; each satisfies the Segment contract. */
	segments: Segment[];
	/** 2-D PCA of the scaled features, for a scatter plot (at most projectionSampleSize points). */
	projection: ProjectionPoint[];
	/** Keep this and pass it back as `previousModel` next run for stable ids. */
	model: SegmentModel;
	counts: {
		rows: number;
		customers: number;
		segments: number;
		features: number;
		/** Missing values filled, per feature (numeric) or field (categorical). */
		imputed: Record<string, number>;
		/** Numeric strings / booleans converted to numbers, per feature. */
		coerced: Record<string, number>;
		/** Segments that kept a previous run's id. */
		matchedPrevious: number;
	};
	diagnostics: {
		source: 'journeys' | 'rows';
		method: SegmentMethod;
		k: number;
		kReason: string;
		kCandidates: AutoKCandidate[];
		silhouette: number | null;
		daviesBouldin: number | null;
		inertia: number;
		iterations: number | null;
		converged: boolean | null;
		imputePolicy: string;
		imputationValues: Record<string, number>;
		asOf: string | null;
		protectedAttributesUsed: string[];
		protectedAttributesExcluded: string[];
		projectionExplainedVariance: [number, number];
		projectionSampled: boolean;
		/** k-means only: the fit strategy used, its inertia over all fitted customers, and the gap to full k-means when measured. */
		fit: FitReport | null;
	};
}

/**
 * Segment customers (journeys or plain rows) with k-means or RFM. Deterministic for a given seed.
 * Throws {@link InputError} / ContractError naming the item and field for unusable input. Journeys
 * that fail their contract throw, or with `invalidJourneys: 'skip'` are left out and listed in
 * `rejected` (customer and projection indexes still point into `rows`).
 */
export function segmentCustomers(
	rows: readonly unknown[],
	options: SegmentCustomersOptions = {},
): SegmentationResult {
	const invalid = options.invalidJourneys ?? SEGMENTER_DEFAULTS.invalidJourneys;
	if (invalid !== 'error' && invalid !== 'skip') {
		throw new InputError(`invalidJourneys must be 'error' or 'skip', got '${String(invalid)}'`);
	}
	const input = options.input ?? SEGMENTER_DEFAULTS.input;
	const kind = Array.isArray(rows) ? resolveInputKind(rows, input) : input;
	if (kind !== 'journeys' || invalid === 'error' || !Array.isArray(rows)) {
		return { ...segmentRows(rows, { ...options, input: kind }), rejected: [] };
	}
	const kept: number[] = [];
	const rejected: ContractIssue[] = [];
	rows.forEach((row, index) => {
		const checked = checkContract(Journey, row, index);
		if (checked.ok) kept.push(index);
		else rejected.push(checked.issue);
	});
	if (kept.length === 0) {
		throw new InputError(
			`no valid journey to segment: all ${rows.length} items failed the Journey contract (item ${rejected[0].itemIndex}: field "${rejected[0].field}" ${rejected[0].message})`,
			rejected[0].itemIndex,
			rejected[0].field,
		);
	}
	if (rejected.length === 0) return { ...segmentRows(rows, { ...options, input: kind }), rejected };
	const result = segmentRows(
		kept.map((i) => rows[i]),
		{ ...options, input: kind },
	);
	return {
		...result,
		customers: result.customers.map((c) => ({ ...c, index: kept[c.index] })),
		projection: result.projection.map((p) => ({ ...p, index: kept[p.index] })),
		counts: { ...result.counts, rows: rows.length },
		rejected,
	};
}

function segmentRows(
	rows: readonly unknown[],
	options: SegmentCustomersOptions,
): Omit<SegmentationResult, 'rejected'> {
	const opts = { ...SEGMENTER_DEFAULTS, ...stripUndefined(options) };
	if (opts.method !== 'kmeans' && opts.method !== 'rfm') {
		throw new InputError(`method must be 'kmeans' or 'rfm', got '${String(opts.method)}'`);
	}
	if (opts.previousModelMismatch !== 'fresh' && opts.previousModelMismatch !== 'error') {
		throw new InputError(
			`previousModelMismatch must be 'fresh' or 'error', got '${String(opts.previousModelMismatch)}'`,
		);
	}
	const previous =
		options.previousModel === undefined || options.previousModel === null
			? null
			: parseSegmentModel(options.previousModel);

	const featureOptions: FeatureOptions = { ...options };
	const isJourneyInput = rows.length > 0 && resolveInputKind(rows, opts.input) === 'journeys';
	if (opts.method === 'rfm' && !isJourneyInput) {
		const f = opts.rfmFields;
		featureOptions.numericFields = unique([
			f.recency,
			f.frequency,
			f.monetary,
			...(options.numericFields ?? []),
		]);
	}
	if (opts.anonymousVisitors !== 'assign' && opts.anonymousVisitors !== 'cluster') {
		throw new InputError(
			`anonymousVisitors must be 'assign' or 'cluster', got '${String(opts.anonymousVisitors)}'`,
		);
	}
	const table = buildFeatures(rows, featureOptions);
	if (previous && opts.previousModelMismatch === 'error') {
		assertModelFits(previous, opts.method, table.featureNames);
	}
	const n = table.rows;
	const d = table.cols;
	// Which rows the k-means model is fitted on: identified customers, when anonymous visitors are
	// assigned afterwards and enough identified customers remain; otherwise every row.
	let fitRows: Int32Array | null = null;
	if (opts.method === 'kmeans' && opts.anonymousVisitors === 'assign' && table.anonymous) {
		const anon = table.anonymous;
		const known: number[] = [];
		for (let i = 0; i < n; i++) if (anon[i] === 0) known.push(i);
		const needed = opts.k === 'auto' ? 3 : Math.max(2, Number(opts.k));
		if (known.length < n && known.length >= needed) fitRows = Int32Array.from(known);
	}
	const scaling = fitScaling(table.values, n, d, opts.scaling, {
		transforms: table.transforms,
		groups: table.scaleGroups,
		rowsToFit: fitRows ?? undefined,
	});
	const scaled: Matrix = { data: applyScaling(table.values, n, d, scaling), rows: n, cols: d };
	let fitMatrix: Matrix = scaled;
	if (fitRows) {
		const data = new Float64Array(fitRows.length * d);
		for (let p = 0; p < fitRows.length; p++)
			data.set(scaled.data.subarray(fitRows[p] * d, (fitRows[p] + 1) * d), p * d);
		fitMatrix = { data, rows: fitRows.length, cols: d };
	}
	const sample = sampleIndices(n, opts.silhouetteSampleSize, `${String(opts.seed)}:silhouette`);

	let labels: Int32Array;
	let k: number;
	let kReason: string;
	let candidates: AutoKCandidate[] = [];
	let iterations: number | null = null;
	let converged: boolean | null = null;
	let rfmScores: RfmScore[] | null = null;
	let groupNames: string[] | null = null; // RFM: name per group
	let fitReport: FitReport | null = null;

	if (opts.method === 'kmeans') {
		let result: KMeansResult;
		const kmeansOptions = {
			seed: opts.seed,
			nInit: opts.nInit,
			maxIterations: opts.maxIterations,
			tolerance: opts.tolerance,
		};
		const fitOptions = resolveFitOptions(options);
		const strategy = resolveStrategy(fitOptions.fitStrategy, fitMatrix.rows, fitOptions.fitThreshold);
		let chosenK: number;
		let fullAuto: KMeansResult | null = null; // chooseK already ran full k-means at the chosen k
		if (opts.k === 'auto') {
			// Full k-means per candidate k: on every customer for the full strategy, otherwise on a
			// seeded sample of sampleSize customers; the chosen k is then fitted with the strategy.
			const kSample =
				strategy === 'full' || fitOptions.sampleSize >= fitMatrix.rows
					? null
					: sampleIndices(fitMatrix.rows, fitOptions.sampleSize, `${String(opts.seed)}:autoK`);
			const auto = chooseK(kSample ? selectRows(fitMatrix, kSample) : fitMatrix, {
				...kmeansOptions,
				kMin: opts.kMin,
				kMax: opts.kMax,
				silhouetteSampleSize: opts.silhouetteSampleSize,
			});
			chosenK = auto.k;
			kReason = auto.kReason;
			if (!kSample && strategy === 'full') fullAuto = auto.best;
			if (kSample) {
				kReason += ` k was chosen on a seeded sample of ${kSample.length} of the ${fitMatrix.rows} customers.`;
			}
			candidates = auto.candidates;
		} else {
			if (!Number.isInteger(opts.k) || opts.k < 1) {
				throw new InputError(
					`k must be a positive integer or 'auto', got ${String(opts.k)}`,
				);
			}
			if (opts.k > n) {
				throw new InputError(`k = ${opts.k} is larger than the number of customers (${n})`);
			}
			chosenK = opts.k;
			kReason = `k = ${opts.k} was set by the user.`;
		}
		if (fullAuto) {
			result = fullAuto;
			fitReport = {
				requested: fitOptions.fitStrategy,
				strategy: 'full',
				reason:
					fitOptions.fitStrategy === 'auto'
						? `Full k-means: ${fitMatrix.rows} rows are within the threshold of ${fitOptions.fitThreshold}.`
						: 'Full k-means was chosen by the user.',
				rows: fitMatrix.rows,
				rowsFitted: fitMatrix.rows,
				batchSize: null,
				batches: null,
				inertia: fullAuto.inertia,
				inertiaGap: null,
			};
		} else {
			const fitted = fitKMeans(fitMatrix, chosenK, kmeansOptions, fitOptions);
			result = fitted.result;
			fitReport = fitted.fit;
		}
		if (fitReport.strategy !== 'full') kReason += ` ${fitReport.reason}`;
		k = result.k;
		if (fitRows) {
			labels = new Int32Array(n);
			const isFit = new Uint8Array(n);
			fitRows.forEach((row, p) => {
				labels[row] = result.labels[p];
				isFit[row] = 1;
			});
			for (let i = 0; i < n; i++) if (!isFit[i]) labels[i] = nearest(scaled, i, result.centroids, k);
			kReason +=
				` Segments were fitted on the ${fitRows.length} identified customers; the ${n - fitRows.length} ` +
				`anonymous visitors (known only by a device id, so their e-mail, orders and CRM facts are unknown ` +
				`rather than zero) were then placed in the nearest segment.`;
		} else {
			labels = result.labels;
		}
		iterations = result.iterations;
		converged = result.converged;
	} else {
		const col = (name: string) => {
			const j = table.featureNames.indexOf(name);
			if (j < 0)
				throw new InputError(
					`RFM needs the feature "${name}", which the input does not provide`,
				);
			return Float64Array.from({ length: n }, (_, i) => table.values[i * d + j]);
		};
		const names =
			table.source === 'journeys'
				? {
						recency: 'recencyDays',
						frequency: opts.rfmFrequency === 'touchpoints' ? 'frequency' : 'conversions',
						monetary: 'monetary',
					}
				: opts.rfmFields;
		rfmScores = scoreRfm(col(names.recency), col(names.frequency), col(names.monetary));
		const present = RFM_SEGMENTS.filter((s) => rfmScores!.some((r) => r.segment === s));
		groupNames = present.slice();
		labels = Int32Array.from(rfmScores, (r) => present.indexOf(r.segment));
		k = present.length;
		kReason =
			`RFM: each customer is scored 1-5 on recency (${names.recency}), frequency (${names.frequency}) and ` +
			`monetary value (${names.monetary}) by quintile and placed by the documented (R, FM) map; ` +
			`${k} of the ${RFM_SEGMENTS.length} named segments are non-empty.`;
	}

	// Centroids (scaled and original units) and sizes per group.
	const sizes = new Int32Array(k);
	const centroidsScaled = new Float64Array(k * d);
	const centroidsOriginal = new Float64Array(k * d);
	for (let i = 0; i < n; i++) {
		const c = labels[i];
		sizes[c]++;
		for (let t = 0; t < d; t++) {
			centroidsScaled[c * d + t] += scaled.data[i * d + t];
			centroidsOriginal[c * d + t] += table.values[i * d + t];
		}
	}
	for (let c = 0; c < k; c++) {
		for (let t = 0; t < d; t++) {
			if (sizes[c] > 0) {
				centroidsScaled[c * d + t] /= sizes[c];
				centroidsOriginal[c * d + t] /= sizes[c];
			}
		}
	}
	const sil = k >= 2 ? silhouette(scaled, labels, k, { sampleIndices: sample }) : null;
	const db = k >= 2 ? daviesBouldin(scaled, labels, centroidsScaled) : null;
	let totalInertia = 0;
	const distances = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let s = 0;
		const c = labels[i];
		for (let t = 0; t < d; t++) {
			const diff = scaled.data[i * d + t] - centroidsScaled[c * d + t];
			s += diff * diff;
		}
		totalInertia += s;
		distances[i] = Math.sqrt(s);
	}

	// Order groups largest first (ties: lower group index), drop empty ones, then assign ids.
	const order = Array.from({ length: k }, (_, c) => c)
		.filter((c) => sizes[c] > 0)
		.sort((a, b) => sizes[b] - sizes[a] || a - b);
	const origRows = matrixToRows(centroidsOriginal, k, d);
	const scaledRows = matrixToRows(centroidsScaled, k, d);
	let segmentIds: string[];
	let matchInfo: Array<{ previousIndex: number | null; distance: number | null }>;
	let nextSegmentNumber: number;
	if (groupNames) {
		segmentIds = order.map((c) => rfmSegmentId(groupNames![c] as (typeof RFM_SEGMENTS)[number]));
		matchInfo = segmentIds.map((id) => {
			const j = previous?.method === 'rfm' ? previous.segmentIds.indexOf(id) : -1;
			return { previousIndex: j >= 0 ? j : null, distance: null };
		});
		nextSegmentNumber = previous?.nextSegmentNumber ?? 1;
	} else {
		const matched = matchSegments(
			order.map((c) => origRows[c]),
			table.featureNames,
			scaling,
			previous?.method === 'kmeans' ? previous : null,
			opts.matchThreshold,
		);
		segmentIds = matched.matches.map((m) => m.segmentId);
		matchInfo = matched.matches;
		nextSegmentNumber = matched.nextSegmentNumber;
	}

	// Per-feature overall statistics for z-scores.
	const overallMean = new Float64Array(d);
	const overallSd = new Float64Array(d);
	const column = new Float64Array(n);
	for (let t = 0; t < d; t++) {
		let s = 0;
		for (let i = 0; i < n; i++) {
			column[i] = table.values[i * d + t];
			s += column[i];
		}
		overallMean[t] = s / n;
		overallSd[t] = standardDeviation(column);
	}

	// Rows per group, for quantiles and attribute summaries.
	const members: Int32Array[] = Array.from({ length: k }, (_, c) => new Int32Array(sizes[c]));
	const fill = new Int32Array(k);
	for (let i = 0; i < n; i++) members[labels[i]][fill[labels[i]]++] = i;
	const categoryFields = summarisableCategoryFields(table.categories);
	const protectedUsed = table.protectedAttributesUsed.slice();

	// Standings (z-scores against all customers) per group, then names, made distinct across groups.
	const standingsOf = order.map((c) => {
		const standings: FeatureStanding[] = [];
		for (let t = 0; t < d; t++) {
			if (overallSd[t] > 0) {
				const segMean = centroidsOriginal[c * d + t];
				standings.push({
					feature: table.featureNames[t],
					zScore: (segMean - overallMean[t]) / overallSd[t],
					segmentMean: segMean,
					overallMean: overallMean[t],
				});
			}
		}
		return standings
			.filter((st) => Math.abs(st.zScore) > 1e-12)
			.sort(
				(a, b) => Math.abs(b.zScore) - Math.abs(a.zScore) || a.feature.localeCompare(b.feature),
			);
	});
	const names = groupNames ? null : standingsOf.map((st) => labelSegment(st));
	const distinct = names ? distinctLabels(names, standingsOf) : null;
	const labelsByGroup = new Map<number, string>();
	const segments: Segment[] = order.map((c, position) => {
		const rowsOf = members[c];
		const size = rowsOf.length;
		const share = size / n;
		const profile: Segment['profile'] = {};
		const values = new Float64Array(size);
		for (let t = 0; t < d; t++) {
			for (let p = 0; p < size; p++) values[p] = table.values[rowsOf[p] * d + t];
			values.sort();
			profile[table.featureNames[t]] = {
				mean: centroidsOriginal[c * d + t],
				q1: quantileSorted(values, 0.25),
				median: quantileSorted(values, 0.5),
				q3: quantileSorted(values, 0.75),
			};
		}
		const top = standingsOf[position].slice(0, opts.topFeatures);
		let label: string;
		let description: string;
		let labelRule: string | null = null;
		if (groupNames) {
			label = groupNames[c];
			const rule = RFM_RULES.find((r) => r.segment === label);
			description =
				`${describeSegment(label, size, share, top)} ${rule ? rule.description : ''}`.trim();
		} else {
			const named = (names as SegmentName[])[position];
			label = (distinct as string[])[position];
			labelRule = named.rule;
			description = describeSegment(
				named.headline,
				size,
				share,
				standingsOf[position],
				named.explained,
			);
		}
		labelsByGroup.set(c, label);

		const attributes: Record<string, { value: string; share: number }> = {};
		for (const field of categoryFields) {
			const tally = new Map<string, number>();
			for (const i of rowsOf) {
				const v = table.categories[i][field];
				if (v !== undefined) tally.set(v, (tally.get(v) ?? 0) + 1);
			}
			let bestValue: string | null = null;
			let bestCount = 0;
			for (const [value, count] of Array.from(tally).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
				if (count > bestCount) {
					bestValue = value;
					bestCount = count;
				}
			}
			if (bestValue !== null) attributes[field] = { value: bestValue, share: bestCount / size };
		}

		let conversionRate: number | null = null;
		let revenue: number | null = null;
		let channelMix: Record<string, number> | undefined;
		const { converted, revenue: revenueOf } = table.outcomes;
		if (converted && revenueOf) {
			let conv = 0;
			let rev = 0;
			for (const i of rowsOf) {
				conv += converted[i];
				rev += revenueOf[i];
			}
			conversionRate = conv / size;
			revenue = rev;
			// The segment's average channel shares: the means of its channel_* features, so the mix,
			// the profile and the distinguishing features tell the same numbers.
			channelMix = {};
			table.featureNames.forEach((feature, t) => {
				if (feature.startsWith('channel_') && table.scaleGroups[t] === 'channel')
					(channelMix as Record<string, number>)[feature.slice(8)] = centroidsOriginal[c * d + t];
			});
		}

		const match = matchInfo[position];
		const segment = {
			kind: 'segment' as const,
			segmentId: segmentIds[position],
			label,
			description,
			size,
			share,
			method: opts.method,
			profile,
			distinguishingFeatures: top.map((s) => ({
				feature: s.feature,
				zScore: s.zScore,
				direction: s.zScore > 0 ? ('higher' as const) : ('lower' as const),
				segmentMean: s.segmentMean,
				overallMean: s.overallMean,
			})),
			conversionRate,
			revenue,
			attributes,
			...(channelMix ? { channelMix } : {}),
			quality: {
				k: order.length,
				kReason,
				inertia: totalInertia,
				silhouette: sil ? sil.score : null,
				daviesBouldin: db,
				segmentSilhouette: sil ? sil.perCluster[c] : null,
				silhouetteSampled: sil ? sil.sampled : false,
				iterations,
				converged,
			},
			stability: {
				matchedPrevious: match.previousIndex !== null,
				previousDistance: match.distance,
			},
			...(rfmScores ? { rfm: RFM_RULES.find((r) => r.segment === label) } : {}),
			...(labelRule ? { labelRule } : {}),
			...(table.anonymous
				? { anonymousVisitors: countAnonymous(rowsOf, table.anonymous) }
				: {}),
			protectedAttributesUsed: protectedUsed,
			provenance: {
				node: 'customerSegmenter',
				version: SEGMENTER_VERSION,
				inputs: {
					rows: n,
					method: opts.method,
					k: String(opts.method === 'rfm' ? 'rfm' : opts.k),
					seed: String(opts.seed),
					scaling: opts.scaling,
				},
			},
		};
		return assertContract('Segment', Segment, segment, position);
	});

	const idOfGroup = new Map(order.map((c, position) => [c, segmentIds[position]]));
	const customers: SegmentedCustomer[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const features: Record<string, number> = {};
		for (let t = 0; t < d; t++) features[table.featureNames[t]] = table.values[i * d + t];
		const c = labels[i];
		const customer: SegmentedCustomer = {
			index: i,
			customerId: table.customerIds[i],
			segmentId: idOfGroup.get(c) as string,
			label: labelsByGroup.get(c) as string,
			distance: distances[i],
			features,
		};
		if (rfmScores) {
			const r = rfmScores[i];
			customer.rfm = { r: r.r, f: r.f, m: r.m, code: r.code };
		}
		customers[i] = customer;
	}

	const pca = pca2d(scaled, { seed: `${String(opts.seed)}:pca` });
	const projectionRows = sampleIndices(
		n,
		opts.projectionSampleSize,
		`${String(opts.seed)}:projection`,
	);
	const projection: ProjectionPoint[] = Array.from(projectionRows, (i) => {
		const [x, y] = project(scaled, i, pca);
		return { index: i, x, y, segmentId: idOfGroup.get(labels[i]) as string };
	});

	const model: SegmentModel = {
		kind: 'segmentModel',
		version: 1,
		method: opts.method,
		featureNames: table.featureNames.slice(),
		segmentIds: segmentIds.slice(),
		labels: order.map((c) => labelsByGroup.get(c) as string),
		centroids: order.map((c) => scaledRows[c]),
		centroidsOriginal: order.map((c) => origRows[c]),
		scaling: scalingJson(scaling),
		imputation: { policy: table.imputePolicy, values: { ...table.imputationValues } },
		nextSegmentNumber,
	};

	return {
		customers,
		segments,
		projection,
		model,
		counts: {
			rows: rows.length,
			customers: n,
			segments: segments.length,
			features: d,
			imputed: { ...table.imputed },
			coerced: { ...table.coerced },
			matchedPrevious: matchInfo.filter((m) => m.previousIndex !== null).length,
		},
		diagnostics: {
			source: table.source,
			method: opts.method,
			k: order.length,
			kReason,
			kCandidates: candidates,
			silhouette: sil ? sil.score : null,
			daviesBouldin: db,
			inertia: totalInertia,
			iterations,
			converged,
			imputePolicy: table.imputePolicy,
			imputationValues: { ...table.imputationValues },
			asOf: table.asOf,
			protectedAttributesUsed: protectedUsed,
			protectedAttributesExcluded: table.protectedAttributesExcluded.slice(),
			projectionExplainedVariance: pca.explainedVarianceRatio,
			projectionSampled: projectionRows.length < n,
			fit: fitReport,
		},
	};
}

function scalingJson(s: ScalingParams): SegmentModel['scaling'] {
	const out: SegmentModel['scaling'] = {
		method: s.method,
		center: s.center.slice(),
		scale: s.scale.slice(),
	};
	if (s.transform) out.transform = s.transform.slice();
	return out;
}

function countAnonymous(rowsOf: Int32Array, anonymous: Uint8Array): number {
	let count = 0;
	for (const i of rowsOf) count += anonymous[i];
	return count;
}

/** Index of the centroid nearest to row i (ties: the lower index). */
function nearest(x: Matrix, i: number, centroids: Float64Array, k: number): number {
	const d = x.cols;
	let best = 0;
	let bestDistance = Infinity;
	for (let c = 0; c < k; c++) {
		let s = 0;
		for (let t = 0; t < d; t++) {
			const diff = x.data[i * d + t] - centroids[c * d + t];
			s += diff * diff;
		}
		if (s < bestDistance) {
			bestDistance = s;
			best = c;
		}
	}
	return best;
}

function unique(values: string[]): string[] {
	return Array.from(new Set(values));
}

export type { FeatureTable };
