/**
 * Beta and Gamma posteriors: quantiles, credible intervals and seeded draws.
 */
import type { Rng } from '../util/rng';
import { regularizedBeta } from './special';

/** A Beta(alpha, beta) distribution. */
export interface BetaParams {
	alpha: number;
	beta: number;
}

/** An interval with its point estimate (posterior mean). */
export interface Interval {
	mean: number;
	lower: number;
	upper: number;
}

/**
 * Posterior of a rate after `successes` out of `trials`, from a Beta(priorAlpha, priorBeta) prior
 * (uniform Beta(1, 1) by default). Fractional successes (attributed conversions) are allowed.
 * @example betaPosterior(3, 10) // { alpha: 4, beta: 8 }
 */
export function betaPosterior(successes: number, trials: number, prior: BetaParams = { alpha: 1, beta: 1 }): BetaParams {
	if (!(successes >= 0 && trials >= successes)) {
		throw new Error(`betaPosterior requires 0 <= successes <= trials, got ${successes} of ${trials}`);
	}
	return { alpha: prior.alpha + successes, beta: prior.beta + trials - successes };
}

/**
 * Quantile of Beta(alpha, beta) by bisection on the regularized incomplete beta (60 halvings: below
 * 1e-17 of the unit interval).
 * @example betaQuantile(0.5, 2, 2) // 0.5
 */
export function betaQuantile(p: number, alpha: number, beta: number): number {
	if (!(p >= 0 && p <= 1)) throw new Error(`betaQuantile requires 0 <= p <= 1, got ${p}`);
	if (p === 0) return 0;
	if (p === 1) return 1;
	let lo = 0;
	let hi = 1;
	for (let i = 0; i < 60; i++) {
		const mid = (lo + hi) / 2;
		if (regularizedBeta(mid, alpha, beta) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/**
 * Equal-tailed credible interval of Beta(alpha, beta) at `level` (0.95: the 2.5% and 97.5% quantiles).
 * @example betaInterval({ alpha: 11, beta: 91 }, 0.95) // mean 0.1078, about 0.055 to 0.175
 */
export function betaInterval(params: BetaParams, level = 0.95): Interval {
	if (!(level > 0 && level < 1)) throw new Error(`betaInterval requires 0 < level < 1, got ${level}`);
	const tail = (1 - level) / 2;
	return {
		mean: params.alpha / (params.alpha + params.beta),
		lower: betaQuantile(tail, params.alpha, params.beta),
		upper: betaQuantile(1 - tail, params.alpha, params.beta),
	};
}

/**
 * One draw from Gamma(shape, 1) (Marsaglia and Tsang; shapes below 1 boosted by U^(1/shape)).
 * @example sampleGamma(new Rng(1), 2.5)
 */
export function sampleGamma(rng: Rng, shape: number): number {
	if (!(shape > 0)) throw new Error(`sampleGamma requires shape > 0, got ${shape}`);
	if (shape < 1) {
		let u = 0;
		while (u === 0) u = rng.next();
		return sampleGamma(rng, shape + 1) * Math.pow(u, 1 / shape);
	}
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	for (;;) {
		let x: number;
		let v: number;
		do {
			x = rng.normal();
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		const u = rng.next();
		if (u < 1 - 0.0331 * x * x * x * x) return d * v;
		if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
	}
}

/**
 * One draw from Beta(alpha, beta) as X / (X + Y) of two Gamma draws.
 * @example sampleBeta(new Rng(1), { alpha: 4, beta: 8 })
 */
export function sampleBeta(rng: Rng, params: BetaParams): number {
	const x = sampleGamma(rng, params.alpha);
	const y = sampleGamma(rng, params.beta);
	return x / (x + y);
}
