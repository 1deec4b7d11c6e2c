import { InputError } from '../util/errors';
import { quantileSorted } from '../util/stats';

/** The named RFM segments, in the order they are reported. */
export const RFM_SEGMENTS = [
	'Champions',
	'Loyal',
	'Potential Loyalist',
	'New',
	'Promising',
	'Need Attention',
	'At Risk',
	"Can't Lose Them",
	'Hibernating',
	'Lost',
] as const;
export type RfmSegmentName = (typeof RFM_SEGMENTS)[number];

/**
 * Score -> segment map. R is the recency score, FM = round((F + M) / 2) (halves round up). The first
 * matching rule wins; together they cover all 25 (R, FM) cells:
 *
 * | segment            | R    | FM   | what it means                                    |
 * |--------------------|------|------|--------------------------------------------------|
 * | Champions          | 5    | 4-5  | bought recently, often, and spend the most       |
 * | Loyal              | 3-4  | 4-5  | buy often and spend well, fairly recently        |
 * | Potential Loyalist | 4-5  | 2-3  | recent customers with average frequency / spend  |
 * | New                | 5    | 1    | bought very recently, not yet often              |
 * | Promising          | 4    | 1    | recent, low frequency and spend so far           |
 * | Need Attention     | 3    | 1-3  | middling recency, frequency and spend            |
 * | Can't Lose Them    | 1-2  | 5    | used to buy the most, not seen for a long time   |
 * | At Risk            | 1-2  | 3-4  | spent well in the past, slipping away            |
 * | Hibernating        | 2    | 1-2  | long since the last purchase, low value          |
 * | Lost               | 1    | 1-2  | the longest absence and the lowest value         |
 */
export const RFM_RULES: ReadonlyArray<{
	segment: RfmSegmentName;
	r: [number, number];
	fm: [number, number];
	description: string;
}> = [
	{
		segment: 'Champions',
		r: [5, 5],
		fm: [4, 5],
		description: 'Bought recently, buy often and spend the most.',
	},
	{
		segment: 'Loyal',
		r: [3, 4],
		fm: [4, 5],
		description: 'Buy often and spend well, fairly recently.',
	},
	{
		segment: 'Potential Loyalist',
		r: [4, 5],
		fm: [2, 3],
		description: 'Recent customers with average frequency and spend.',
	},
	{ segment: 'New', r: [5, 5], fm: [1, 1], description: 'Bought very recently but not yet often.' },
	{
		segment: 'Promising',
		r: [4, 4],
		fm: [1, 1],
		description: 'Recent, with low frequency and spend so far.',
	},
	{
		segment: 'Need Attention',
		r: [3, 3],
		fm: [1, 3],
		description: 'Middling recency, frequency and spend.',
	},
	{
		segment: "Can't Lose Them",
		r: [1, 2],
		fm: [5, 5],
		description: 'Used to buy the most, but not seen for a long time.',
	},
	{
		segment: 'At Risk',
		r: [1, 2],
		fm: [3, 4],
		description: 'Spent well in the past and are slipping away.',
	},
	{
		segment: 'Hibernating',
		r: [2, 2],
		fm: [1, 2],
		description: 'A long time since the last purchase, and low value.',
	},
	{
		segment: 'Lost',
		r: [1, 1],
		fm: [1, 2],
		description: 'The longest absence and the lowest value.',
	},
];

/** Stable segment id for a named RFM segment, e.g. `rfm-cant-lose-them`. */
export function rfmSegmentId(name: RfmSegmentName): string {
	return `rfm-${name
		.toLowerCase()
		.replace(/'/g, '')
		.replace(/[^a-z0-9]+/g, '-')}`;
}

export interface RfmScore {
	r: number;
	f: number;
	m: number;
	/** "RFM" digits, e.g. "545". */
	code: string;
	segment: RfmSegmentName;
}

/** The segment for an R score and an FM score (both 1..5). */
export function rfmSegment(r: number, fm: number): RfmSegmentName {
	for (const rule of RFM_RULES) {
		if (r >= rule.r[0] && r <= rule.r[1] && fm >= rule.fm[0] && fm <= rule.fm[1])
			return rule.segment;
	}
	throw new InputError(`RFM scores out of range: R = ${r}, FM = ${fm}`);
}

/**
 * Quintile score 1..5 of each value. Cut points are the 20th, 40th, 60th and 80th percentiles
 * (linear interpolation, type 7); a value's score is 1 + the number of cut points it exceeds, so equal
 * values always share a score. With `lowerIsBetter` (recency) the score is reversed: 6 - that.
 */
export function quintileScores(values: ArrayLike<number>, lowerIsBetter = false): Int32Array {
	if (values.length === 0) throw new InputError('quintile scores need at least one value');
	const sorted = Float64Array.from(values).sort();
	const cuts = [0.2, 0.4, 0.6, 0.8].map((p) => quantileSorted(sorted, p));
	const out = new Int32Array(values.length);
	for (let i = 0; i < values.length; i++) {
		let score = 1;
		for (const cut of cuts) if (values[i] > cut) score++;
		out[i] = lowerIsBetter ? 6 - score : score;
	}
	return out;
}

/**
 * RFM scores and segments. `recency` is days since the last activity (lower is better), `frequency`
 * and `monetary` higher is better.
 */
export function scoreRfm(
	recency: ArrayLike<number>,
	frequency: ArrayLike<number>,
	monetary: ArrayLike<number>,
): RfmScore[] {
	if (recency.length !== frequency.length || recency.length !== monetary.length) {
		throw new InputError('recency, frequency and monetary must have the same length');
	}
	const r = quintileScores(recency, true);
	const f = quintileScores(frequency);
	const m = quintileScores(monetary);
	const out: RfmScore[] = [];
	for (let i = 0; i < r.length; i++) {
		const fm = Math.floor((f[i] + m[i]) / 2 + 0.5);
		out.push({
			r: r[i],
			f: f[i],
			m: m[i],
			code: `${r[i]}${f[i]}${m[i]}`,
			segment: rfmSegment(r[i], fm),
		});
	}
	return out;
}
