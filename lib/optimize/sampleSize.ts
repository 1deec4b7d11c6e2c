import { normalQuantile } from './special';

/** Math functions bound once: a global lookup per call is slow in sandboxed runtimes (such as a vm context). */
const { ceil, max, min, sqrt } = Math;


/**
 * Units (impressions) needed per arm to detect a relative lift `lift` over a baseline rate with a
 * two-sided test at `alpha` and `power` (the normal approximation most A/B calculators use):
 * n = (z₁₋α/₂·√(2·p̄(1−p̄)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)².
 * @example requiredSampleSize(0.02, 0.1) // about 80,700 impressions per arm
 */
export function requiredSampleSize(baselineRate: number, lift: number, alpha = 0.05, power = 0.8): number {
	if (!(baselineRate > 0 && baselineRate < 1)) throw new Error(`requiredSampleSize requires 0 < baseline rate < 1, got ${baselineRate}`);
	if (!(lift > 0)) throw new Error(`requiredSampleSize requires a positive lift, got ${lift}`);
	if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) throw new Error('requiredSampleSize requires alpha and power between 0 and 1');
	const p1 = baselineRate;
	const p2 = min(0.999999, baselineRate * (1 + lift));
	const pBar = (p1 + p2) / 2;
	const za = normalQuantile(1 - alpha / 2);
	const zb = normalQuantile(power);
	const top = za * sqrt(2 * pBar * (1 - pBar)) + zb * sqrt(p1 * (1 - p1) + p2 * (1 - p2));
	return ceil((top * top) / ((p2 - p1) * (p2 - p1)));
}

/**
 * Days still needed for the slowest arm to reach `perArm` units at its own current daily traffic;
 * null when an arm has no traffic yet.
 * @example daysToReach(80000, [{ units: 20000, days: 10 }]) // 30
 */
export function daysToReach(perArm: number, arms: ReadonlyArray<{ units: number; days: number }>): number | null {
	if (!(perArm >= 0)) throw new Error('daysToReach requires a non-negative target');
	let worst = 0;
	for (const arm of arms) {
		const missing = perArm - arm.units;
		if (missing <= 0) continue;
		if (!(arm.days > 0 && arm.units > 0)) return null;
		worst = max(worst, ceil(missing / (arm.units / arm.days)));
	}
	return worst;
}
