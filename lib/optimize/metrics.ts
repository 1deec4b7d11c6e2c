/**
 * Per-arm totals, the posteriors of CTR, CVR, CPA and ROAS with credible intervals, and posterior
 * draws of the decision metric. Rates are Beta-Binomial with a uniform prior. Revenue per impression
 * is the Beta posterior of conversions per impression times the mean order value, whose posterior
 * comes from an exponential order-value model with a conjugate Gamma(1, 1) prior on its rate
 * (the "conversion × revenue" model of VWO's Bayesian engine): RPI = p / λ,
 * p ~ Beta(1 + conversions, 1 + impressions − conversions), λ ~ Gamma(1 + conversions, 1 + revenue).
 */
import type { Rng } from '../util/rng';
import type { Interval } from './beta';
import { betaInterval, betaPosterior, betaQuantile, sampleBeta, sampleGamma } from './beta';
import type { OptimizeMetric } from './defaults';

/** Math functions bound once: a global lookup per call is slow in sandboxed runtimes (such as a vm context). */
const { max, min, round } = Math;


/** Totals of one arm (an ad variant) over the rows used. */
export interface ArmTotals {
	impressions: number;
	clicks: number;
	conversions: number;
	cost: number;
	revenue: number;
	/** Distinct days with rows. */
	days: number;
}

export interface ArmMetrics {
	ctr: Interval;
	/** Conversions per click. */
	cvr: Interval;
	/** Conversions per impression. */
	conversionRate: Interval;
	/** Cost per conversion; null without cost. Upper is Infinity while conversions can still be ~0. */
	cpa: Interval | null;
	/** Revenue / cost; null without cost. */
	roas: Interval | null;
	revenuePerImpression: Interval;
}

/**
 * Sum rows into totals.
 * @example sumTotals([{ date: '2026-01-01', impressions: 100, clicks: 5, conversions: 1, cost: 2, revenue: 30 }])
 */
export function sumTotals(rows: ReadonlyArray<{ date: string; impressions: number; clicks: number; conversions: number; cost: number; revenue: number }>): ArmTotals {
	const days = new Set<string>();
	const t: ArmTotals = { impressions: 0, clicks: 0, conversions: 0, cost: 0, revenue: 0, days: 0 };
	for (const r of rows) {
		t.impressions += r.impressions;
		t.clicks += r.clicks;
		t.conversions += r.conversions;
		t.cost += r.cost;
		t.revenue += r.revenue;
		days.add(r.date);
	}
	t.days = days.size;
	return t;
}

/**
 * `n` posterior draws of an arm's decision metric (all per impression).
 * @example metricDraws(new Rng(1), totals, 'conversionRate', 1000)
 */
export function metricDraws(rng: Rng, t: ArmTotals, metric: OptimizeMetric, n: number): Float64Array {
	if (!(n >= 1)) throw new Error(`metricDraws requires at least one draw, got ${n}`);
	const out = new Float64Array(n);
	if (metric === 'revenuePerImpression') {
		const conv = betaPosterior(t.conversions, t.impressions);
		const shape = 1 + t.conversions;
		const rate = 1 + t.revenue;
		for (let i = 0; i < n; i++) out[i] = sampleBeta(rng, conv) / (sampleGamma(rng, shape) / rate);
		return out;
	}
	const params = metric === 'ctr' ? betaPosterior(t.clicks, t.impressions) : betaPosterior(t.conversions, t.impressions);
	for (let i = 0; i < n; i++) out[i] = sampleBeta(rng, params);
	return out;
}

/** Successes the minimum-data rule counts for a metric: clicks for CTR, conversions otherwise. */
export function successesFor(t: ArmTotals, metric: OptimizeMetric): number {
	return metric === 'ctr' ? t.clicks : t.conversions;
}

function quantilesOf(draws: Float64Array, level: number): Interval {
	const sorted = Float64Array.from(draws).sort();
	let sum = 0;
	for (const d of draws) sum += d;
	const tail = (1 - level) / 2;
	const q = (p: number) => sorted[min(sorted.length - 1, max(0, round(p * (sorted.length - 1))))];
	return { mean: sum / draws.length, lower: q(tail), upper: q(1 - tail) };
}

/**
 * CTR, CVR, conversions per impression, CPA, ROAS and revenue per impression with credible intervals.
 * CPA's interval maps the conversion-rate quantiles through cost / (impressions × p) (monotone, so
 * exact); revenue-based intervals come from `draws` seeded draws.
 * @example armMetrics(totals, new Rng(7))
 */
export function armMetrics(t: ArmTotals, rng: Rng, level = 0.95, draws = 4000): ArmMetrics {
	if (!(t.impressions >= 0 && t.clicks <= t.impressions)) throw new Error('armMetrics requires 0 <= clicks <= impressions');
	const ctr = betaInterval(betaPosterior(t.clicks, t.impressions), level);
	const cvr = betaInterval(betaPosterior(t.conversions, t.clicks), level);
	const convPost = betaPosterior(t.conversions, t.impressions);
	const conversionRate = betaInterval(convPost, level);
	const rpi = quantilesOf(metricDraws(rng, t, 'revenuePerImpression', draws), level);
	let cpa: Interval | null = null;
	let roas: Interval | null = null;
	if (t.cost > 0 && t.impressions > 0) {
		const tail = (1 - level) / 2;
		const costPerImpression = t.cost / t.impressions;
		const hiRate = betaQuantile(1 - tail, convPost.alpha, convPost.beta);
		const loRate = betaQuantile(tail, convPost.alpha, convPost.beta);
		cpa = {
			mean: t.conversions > 0 ? t.cost / t.conversions : Infinity,
			lower: costPerImpression / hiRate,
			upper: loRate > 0 ? costPerImpression / loRate : Infinity,
		};
		const perCost = t.impressions / t.cost;
		roas = { mean: t.revenue / t.cost, lower: rpi.lower * perCost, upper: rpi.upper * perCost };
	}
	return { ctr, cvr, conversionRate, cpa, roas, revenuePerImpression: rpi };
}
