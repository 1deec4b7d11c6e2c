/**
 * Beta and Gamma posteriors: quantiles, credible intervals and seeded draws.
 */
import type { Rng } from '../util/rng';
import { logBeta, normalQuantile, regularizedBeta } from './special';

/** Math functions bound once: a global lookup per call is slow in sandboxed runtimes (such as a vm context). */
const { abs, exp, log, max, min, pow, sqrt } = Math;


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
 * Quantile of Beta(alpha, beta): Newton steps on the regularized incomplete beta from a normal
 * start, kept inside a bracket that bisection narrows whenever a step would leave it (so it always
 * converges; usually in a handful of steps).
 * @example betaQuantile(0.5, 2, 2) // 0.5
 */
export function betaQuantile(p: number, alpha: number, beta: number): number {
	if (!(p >= 0 && p <= 1)) throw new Error(`betaQuantile requires 0 <= p <= 1, got ${p}`);
	if (!(alpha > 0 && beta > 0)) throw new Error(`betaQuantile requires alpha > 0 and beta > 0, got ${alpha}, ${beta}`);
	if (p === 0) return 0;
	if (p === 1) return 1;
	const logB = logBeta(alpha, beta);
	const mean = alpha / (alpha + beta);
	const sd = sqrt((alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1)));
	let lo = 0;
	let hi = 1;
	let x = min(1 - 1e-12, max(1e-12, mean + sd * normalQuantile(p)));
	for (let i = 0; i < 200; i++) {
		const f = regularizedBeta(x, alpha, beta) - p;
		if (f < 0) lo = x;
		else hi = x;
		if (abs(f) < 1e-13 || hi - lo < 1e-15) return x;
		const pdf = exp((alpha - 1) * log(x) + (beta - 1) * log(1 - x) - logB);
		let next = pdf > 0 ? x - f / pdf : NaN;
		if (!(next > lo && next < hi)) next = (lo + hi) / 2;
		x = next;
	}
	return x;
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
		return sampleGamma(rng, shape + 1) * pow(u, 1 / shape);
	}
	const d = shape - 1 / 3;
	const c = 1 / sqrt(9 * d);
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
		if (u > 0 && log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
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
