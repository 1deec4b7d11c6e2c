import { z } from 'zod';

import { checkContract } from '../contracts/validate';
import { InputError } from '../util/errors';
import type { ScalingParams } from './features';
import { transformValue } from './features';
import { hungarian } from './hungarian';

/**
 * What a run leaves for the next one (plain JSON: the node keeps it in workflow static data or
 * receives it as input), so segment ids persist across runs.
 */
export const SegmentModel = z
	.object({
		kind: z.literal('segmentModel'),
		version: z.literal(1),
		method: z.enum(['kmeans', 'rfm']),
		featureNames: z.array(z.string()),
		segmentIds: z.array(z.string().min(1)),
		labels: z.array(z.string()),
		/** Centroids in scaled units (k x features). */
		centroids: z.array(z.array(z.number().finite())),
		/** Centroids in original feature units (k x features): what matching compares. */
		centroidsOriginal: z.array(z.array(z.number().finite())),
		scaling: z.object({
			method: z.enum(['standard', 'minMax', 'robust']),
			center: z.array(z.number().finite()),
			scale: z.array(z.number().finite()),
			/** Per feature transform applied before centering (absent: none). */
			transform: z.array(z.enum(['none', 'log1p'])).optional(),
		}),
		imputation: z.object({
			policy: z.enum(['median', 'mean', 'zero']),
			values: z.record(z.number().finite()),
		}),
		/** The number the next fresh id (`seg-<n>`) takes; ids are never reused. */
		nextSegmentNumber: z.number().int().positive(),
	})
	.passthrough();
export type SegmentModel = z.infer<typeof SegmentModel>;

/**
 * Parse a previous model, or throw an {@link InputError} whose `field` is `previousModel.<path>`
 * (the option, then the offending field inside the model). Checks the shape, then that its sizes
 * agree: one segment id per centroid row and label, one value per feature in every row and in the
 * scaling.
 */
export function parseSegmentModel(value: unknown): SegmentModel {
	const checked = checkContract(SegmentModel, value, 0);
	if (!checked.ok) {
		const { field, message } = checked.issue;
		throw new InputError(
			`previous segment model: field "${field}" ${message}`,
			undefined,
			field === '(item)' ? 'previousModel' : `previousModel.${field}`,
		);
	}
	const model = checked.value;
	const d = model.featureNames.length;
	const k = model.segmentIds.length;
	const perSegment = `${k} (one per segment id)`;
	const perFeature = `${d} (one per feature)`;
	checkLength('labels', model.labels, k, perSegment);
	for (const field of ['centroids', 'centroidsOriginal'] as const) {
		checkLength(field, model[field], k, `${perSegment} rows`);
		model[field].forEach((row, i) => checkLength(`${field}.${i}`, row, d, perFeature));
	}
	checkLength('scaling.center', model.scaling.center, d, perFeature);
	checkLength('scaling.scale', model.scaling.scale, d, perFeature);
	if (model.scaling.transform) checkLength('scaling.transform', model.scaling.transform, d, perFeature);
	if (new Set(model.segmentIds).size !== k) {
		throw new InputError(
			'previous segment model: segmentIds must be distinct',
			undefined,
			'previousModel.segmentIds',
		);
	}
	return model;
}

/**
 * Throw when a previous model cannot continue this run's ids at all: fitted with the other method,
 * or on features of which this run has none (so every id would be fresh). Used when the caller
 * asks for it (`previousModelMismatch: 'error'`); otherwise such a model just gives fresh ids.
 */
export function assertModelFits(
	model: SegmentModel,
	method: 'kmeans' | 'rfm',
	featureNames: readonly string[],
): void {
	if (model.method !== method) {
		throw new InputError(
			`previous segment model: it was made by the ${model.method} method, this run uses ${method}`,
			undefined,
			'previousModel.method',
		);
	}
	if (method === 'kmeans' && !model.featureNames.some((name) => featureNames.includes(name))) {
		throw new InputError(
			`previous segment model: none of its features (${model.featureNames.join(', ')}) is a feature of this run (${featureNames.join(', ')})`,
			undefined,
			'previousModel.featureNames',
		);
	}
}

function checkLength(field: string, list: readonly unknown[], expected: number, what: string): void {
	if (list.length !== expected) {
		throw new InputError(
			`previous segment model: field "${field}" must have ${what}, got ${list.length}`,
			undefined,
			`previousModel.${field}`,
		);
	}
}

export const MATCH_DEFAULTS = { matchThreshold: 0.5 };

export interface SegmentMatch {
	segmentId: string;
	/** Index of the previous segment it continues, or null for a fresh id. */
	previousIndex: number | null;
	/** RMS distance per shared feature, in the current scaled units; null when fresh. */
	distance: number | null;
}

/**
 * Give each new cluster a segment id, continuing the previous run's ids where clusters correspond.
 *
 * 1. Previous centroids are kept in original units; both sets are put on the current run's scale
 *    (`(transform(value) - center) / scale`) over the features the two runs share (by name).
 * 2. The cost of pairing new cluster i with previous segment j is the RMS difference per shared
 *    feature: sqrt(mean over shared features of the squared scaled difference).
 * 3. The Hungarian algorithm finds the pairing with the least total cost (each id used at most once).
 * 4. A pair is kept only when its cost is <= `matchThreshold` (default 0.5, half a standard deviation
 *    per feature with standard scaling); otherwise the cluster gets a fresh id `seg-<n>`, numbered
 *    from the previous model's `nextSegmentNumber`, so retired ids never come back.
 * No previous model, or no shared features, means all ids are fresh: `seg-1`, `seg-2` ... in the order
 * the clusters are given (the segmenter passes them largest first).
 */
export function matchSegments(
	centroidsOriginal: number[][],
	featureNames: string[],
	scaling: ScalingParams,
	previous: SegmentModel | null,
	matchThreshold = MATCH_DEFAULTS.matchThreshold,
): { matches: SegmentMatch[]; nextSegmentNumber: number } {
	let next = previous?.nextSegmentNumber ?? 1;
	const k = centroidsOriginal.length;
	const matches: SegmentMatch[] = new Array(k);
	const shared: Array<{ now: number; before: number }> = [];
	if (previous) {
		featureNames.forEach((name, now) => {
			const before = previous.featureNames.indexOf(name);
			if (before >= 0) shared.push({ now, before });
		});
	}
	if (previous && shared.length > 0 && previous.segmentIds.length > 0) {
		const prevK = previous.segmentIds.length;
		const cost: number[][] = [];
		for (let i = 0; i < k; i++) {
			const row: number[] = [];
			for (let j = 0; j < prevK; j++) {
				let s = 0;
				for (const { now, before } of shared) {
					const t = scaling.transform?.[now];
					const diff =
						(transformValue(centroidsOriginal[i][now], t) -
							transformValue(previous.centroidsOriginal[j][before], t)) /
						scaling.scale[now];
					s += diff * diff;
				}
				row.push(Math.sqrt(s / shared.length));
			}
			cost.push(row);
		}
		// Square the matrix: dummy columns/rows cost more than any acceptable match.
		const size = Math.max(k, prevK);
		let maxCost = 0;
		for (const row of cost) for (const c of row) if (c > maxCost) maxCost = c;
		const dummy = Math.max(matchThreshold, maxCost) * 2 + 1;
		const square: number[][] = [];
		for (let i = 0; i < size; i++) {
			const row: number[] = [];
			for (let j = 0; j < size; j++) row.push(i < k && j < prevK ? cost[i][j] : dummy);
			square.push(row);
		}
		const assignment = hungarian(square);
		for (let i = 0; i < k; i++) {
			const j = assignment[i];
			if (j >= 0 && j < prevK && cost[i][j] <= matchThreshold) {
				matches[i] = { segmentId: previous.segmentIds[j], previousIndex: j, distance: cost[i][j] };
			}
		}
	}
	const taken = new Set(previous?.segmentIds ?? []);
	for (let i = 0; i < k; i++) {
		if (matches[i]) continue;
		while (taken.has(`seg-${next}`)) next++;
		matches[i] = { segmentId: `seg-${next++}`, previousIndex: null, distance: null };
	}
	return { matches, nextSegmentNumber: next };
}
