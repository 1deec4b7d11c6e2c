/** Arithmetic mean. */
export function mean(values: ArrayLike<number>): number {
	if (values.length === 0) throw new Error('mean requires at least one value');
	let s = 0;
	for (let i = 0; i < values.length; i++) s += values[i];
	return s / values.length;
}

/** Population standard deviation. */
export function standardDeviation(values: ArrayLike<number>): number {
	const m = mean(values);
	let s = 0;
	for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
	return Math.sqrt(s / values.length);
}

/** Quantile of already sorted values with linear interpolation (type 7, as R and numpy). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) throw new Error('quantile requires at least one value');
	if (p < 0 || p > 1) throw new Error('quantile p must be between 0 and 1');
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.ceil(h);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Quantile of unsorted values (copies, never mutates the input). */
export function quantile(values: ArrayLike<number>, p: number): number {
	const sorted = Float64Array.from(values).sort();
	return quantileSorted(sorted, p);
}

export function median(values: ArrayLike<number>): number {
	return quantile(values, 0.5);
}

/** Round to a number of decimals, for human-facing figures only. */
export function round(value: number, decimals = 2): number {
	const f = 10 ** decimals;
	return Math.round(value * f) / f;
}
