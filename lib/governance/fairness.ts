/**
 * Audience fairness: selection rates per group of a protected attribute, demographic parity
 * (Fairlearn's definitions, between groups and to overall) and disparate impact with the
 * four-fifths rule. Pure; the thresholds are parameters with the defaults below.
 *
 * Fairlearn (fairlearn.metrics.demographic_parity_difference / _ratio):
 * - between groups: difference = max rate - min rate; ratio = min rate / max rate;
 * - to overall: difference = max |rate_g - overall|; ratio = min over g of min(rate_g / overall, overall / rate_g).
 * Disparate impact of a group: its rate / the highest group rate. The four-fifths rule (US EEOC
 * Uniform Guidelines, 29 CFR 1607.4(D)) flags a group whose impact ratio is below 0.8. The same
 * guideline says that larger differences "based on small numbers and not statistically significant"
 * may not be adverse impact: a difference counts only when a two-proportion z-test against the
 * reference group reaches `minZ` (1.96, two-sided 5%; 0 turns the test off).
 */

export interface FairnessThresholds {
	/** Impact ratio below which a group is adversely selected (four-fifths rule: 0.8). */
	fourFifths: number;
	/** Largest acceptable demographic parity difference between groups. */
	maxParityDifference: number;
	/** Groups with fewer members get no verdict (their rate is reported, marked insufficient). */
	minGroupSize: number;
	/** |z| a difference needs (two-proportion z-test against the reference group) to count; 0: every difference counts. */
	minZ: number;
}

export const DEFAULT_FAIRNESS_THRESHOLDS: Readonly<FairnessThresholds> = Object.freeze({
	fourFifths: 0.8,
	maxParityDifference: 0.2,
	minGroupSize: 30,
	minZ: 1.96,
});

/** One person: the group they belong to for one attribute, and whether the audience selects them. */
export interface SelectionRow {
	group: string;
	selected: boolean;
}

export interface GroupRate {
	group: string;
	/** Members of the group in the population. */
	size: number;
	selected: number;
	rate: number;
	/** Rate / highest eligible rate; null for groups below the minimum size or when nobody is selected. */
	impactRatio: number | null;
	/** Large enough for a verdict. */
	eligible: boolean;
	/** z of the difference to the reference group (two-proportion test); null when not computed. */
	z: number | null;
	/** Below four-fifths and, unless the test is off, statistically significant (eligible groups only). */
	adverse: boolean;
}

export type FairnessVerdict = 'fair' | 'flagged' | 'insufficient';

export interface FairnessResult {
	attribute: string;
	population: number;
	selected: number;
	overallRate: number;
	groups: GroupRate[];
	/** Among eligible groups; null when fewer than two are eligible. */
	referenceGroup: string | null;
	demographicParityDifference: number | null;
	demographicParityRatio: number | null;
	differenceToOverall: number | null;
	ratioToOverall: number | null;
	minImpactRatio: number | null;
	verdict: FairnessVerdict;
	/** What decided the verdict, in words (also says which groups were too small to judge). */
	reason: string;
}

function validate(thresholds: FairnessThresholds): void {
	if (!(thresholds.fourFifths > 0 && thresholds.fourFifths <= 1)) throw new Error(`fourFifths must be in (0, 1], got ${thresholds.fourFifths}`);
	if (!(thresholds.maxParityDifference >= 0 && thresholds.maxParityDifference <= 1)) throw new Error(`maxParityDifference must be in [0, 1], got ${thresholds.maxParityDifference}`);
	if (!(Number.isInteger(thresholds.minGroupSize) && thresholds.minGroupSize >= 1)) throw new Error(`minGroupSize must be a whole number >= 1, got ${thresholds.minGroupSize}`);
	if (!(thresholds.minZ >= 0)) throw new Error(`minZ must be >= 0, got ${thresholds.minZ}`);
}

/**
 * Two-proportion z statistic of a against b (pooled standard error).
 *
 * @example twoProportionZ(4, 10, 6, 10) // about -0.894
 */
export function twoProportionZ(selectedA: number, sizeA: number, selectedB: number, sizeB: number): number {
	if (sizeA <= 0 || sizeB <= 0) throw new Error('twoProportionZ requires two non-empty groups');
	const pa = selectedA / sizeA;
	const pb = selectedB / sizeB;
	const pooled = (selectedA + selectedB) / (sizeA + sizeB);
	const se = Math.sqrt(pooled * (1 - pooled) * (1 / sizeA + 1 / sizeB));
	if (se === 0) return pa === pb ? 0 : pa > pb ? Infinity : -Infinity;
	return (pa - pb) / se;
}

/** A result with no verdict: the population as counted, every metric null, and why. */
export function noVerdict(
	base: Pick<FairnessResult, 'attribute' | 'population' | 'selected' | 'overallRate' | 'groups'>,
	reason: string,
): FairnessResult {
	return {
		...base,
		referenceGroup: null,
		demographicParityDifference: null,
		demographicParityRatio: null,
		differenceToOverall: null,
		ratioToOverall: null,
		minImpactRatio: null,
		verdict: 'insufficient',
		reason,
	};
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * Selection rates and parity metrics for one attribute.
 *
 * @example selectionFairness('gender', [{ group: 'f', selected: true }, { group: 'm', selected: false }], { minGroupSize: 1 })
 */
export function selectionFairness(attribute: string, rows: readonly SelectionRow[], thresholds: Partial<FairnessThresholds> = {}): FairnessResult {
	const t: FairnessThresholds = { ...DEFAULT_FAIRNESS_THRESHOLDS, ...thresholds };
	validate(t);
	if (rows.length === 0) throw new Error(`selectionFairness requires at least one row (attribute "${attribute}")`);
	const byGroup = new Map<string, { size: number; selected: number }>();
	let selected = 0;
	for (const r of rows) {
		const g = byGroup.get(r.group) ?? { size: 0, selected: 0 };
		g.size++;
		if (r.selected) {
			g.selected++;
			selected++;
		}
		byGroup.set(r.group, g);
	}
	const overallRate = selected / rows.length;
	const names = [...byGroup.keys()].sort();
	const groups: GroupRate[] = names.map((group) => {
		const g = byGroup.get(group)!;
		return { group, size: g.size, selected: g.selected, rate: g.selected / g.size, impactRatio: null, eligible: g.size >= t.minGroupSize, z: null, adverse: false };
	});
	const eligible = groups.filter((g) => g.eligible);
	const small = groups.filter((g) => !g.eligible);
	const smallNote = small.length
		? ` No verdict for ${small.map((g) => `"${g.group}" (${g.size} member${g.size === 1 ? '' : 's'})`).join(', ')}: under the minimum group size of ${t.minGroupSize}.`
		: '';
	const base = { attribute, population: rows.length, selected, overallRate, groups };
	if (eligible.length < 2) {
		return noVerdict(base, `Fewer than two groups of "${attribute}" have at least ${t.minGroupSize} members: no fairness verdict.${smallNote}`);
	}
	let max = eligible[0];
	let min = eligible[0];
	for (const g of eligible) {
		if (g.rate > max.rate) max = g;
		if (g.rate < min.rate) min = g;
	}
	const difference = max.rate - min.rate;
	const ratio = max.rate === 0 ? 1 : min.rate / max.rate;
	let differenceToOverall = 0;
	let ratioToOverall = 1;
	for (const g of eligible) {
		differenceToOverall = Math.max(differenceToOverall, Math.abs(g.rate - overallRate));
		const r = overallRate === 0 && g.rate === 0 ? 1 : overallRate === 0 || g.rate === 0 ? 0 : Math.min(g.rate / overallRate, overallRate / g.rate);
		ratioToOverall = Math.min(ratioToOverall, r);
	}
	const significant = (g: GroupRate): boolean => t.minZ === 0 || Math.abs(g.z ?? 0) >= t.minZ;
	for (const g of eligible) {
		g.impactRatio = max.rate === 0 ? 1 : g.rate / max.rate;
		g.z = g === max ? 0 : twoProportionZ(g.selected, g.size, max.selected, max.size);
		g.adverse = g.impactRatio < t.fourFifths && significant(g);
	}
	const adverse = eligible.filter((g) => g.adverse);
	const notSignificant = eligible.filter((g) => g.impactRatio! < t.fourFifths && !g.adverse);
	const minVsMax = min === max ? 0 : twoProportionZ(min.selected, min.size, max.selected, max.size);
	const overParity = difference > t.maxParityDifference && (t.minZ === 0 || Math.abs(minVsMax) >= t.minZ);
	const noiseNote = notSignificant.length
		? ` Under four-fifths but not statistically significant (|z| < ${t.minZ}): ${notSignificant.map((g) => `"${g.group}" ${pct(g.rate)} (ratio ${g.impactRatio!.toFixed(2)}, z ${g.z!.toFixed(2)}, ${g.size} members)`).join(', ')}.`
		: '';
	let reason: string;
	if (max.rate === 0) reason = `Nobody is selected: the groups of "${attribute}" are treated alike.`;
	else if (adverse.length) {
		reason = `"${attribute}": ${adverse
			.map((g) => `"${g.group}" is selected at ${pct(g.rate)}, ${g.impactRatio!.toFixed(2)} of "${max.group}" (${pct(max.rate)})`)
			.join('; ')}: under the four-fifths threshold of ${t.fourFifths}.`;
	} else if (overParity) {
		reason = `"${attribute}": selection rates differ by ${pct(difference)} ("${max.group}" ${pct(max.rate)}, "${min.group}" ${pct(min.rate)}), over the parity threshold of ${pct(t.maxParityDifference)}.`;
	} else {
		reason = `"${attribute}": lowest impact ratio ${ratio.toFixed(2)}, parity difference ${pct(difference)}; no group falls significantly under the four-fifths threshold of ${t.fourFifths} or the parity threshold of ${pct(t.maxParityDifference)}.`;
	}
	return {
		...base,
		referenceGroup: max.group,
		demographicParityDifference: difference,
		demographicParityRatio: ratio,
		differenceToOverall,
		ratioToOverall,
		minImpactRatio: ratio,
		verdict: max.rate > 0 && (adverse.length > 0 || overParity) ? 'flagged' : 'fair',
		reason: reason + noiseNote + smallNote,
	};
}
