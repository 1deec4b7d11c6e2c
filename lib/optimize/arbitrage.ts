/**
 * The AI arbitrage view: what the pipeline's model calls actually cost (the writing nodes' run
 * summaries) against the hours a person would spend on the same output, and CPA / ROAS against a
 * baseline period.
 */
import { addTokenCounts, tokenReporting, type RunSummary, type TokenReporting } from '../contracts/runSummary';
import { MANUAL_EFFORT_DEFAULTS } from './defaults';

export type ManualEffort = { -readonly [K in keyof typeof MANUAL_EFFORT_DEFAULTS]: (typeof MANUAL_EFFORT_DEFAULTS)[K] extends number ? number : string };

export interface ArbitrageView {
	ai: {
		runs: number;
		calls: number;
		/** Null when no model answer reported its usage (unknown, not zero). */
		promptTokens: number | null;
		completionTokens: number | null;
		/** Model answers whose token usage was not reported: their tokens are in neither count. */
		answersWithoutUsage: number;
		/** `reported`, `partial` (the counts are a lower bound) or `unknown`. */
		tokens: TokenReporting;
		costUsd: number;
		/** False when no run summary came in: the AI cost is then unknown, not zero. */
		known: boolean;
		modes: string[];
		models: string[];
	};
	output: { personas: number; variants: number; tests: number };
	manual: {
		hours: { research: number; copywriting: number; creativeBriefs: number; abSetup: number; total: number };
		costUsd: number;
		rates: ManualEffort;
	};
	/** Manual cost minus model cost; null when no run summary came in or no answer reported its usage. */
	savingsUsd: number | null;
	/** Manual cost per dollar of model cost; null when the model cost is zero or unknown. */
	costRatio: number | null;
}

/**
 * Model spend against manual effort for the same output.
 * @example arbitrage([summary], { personas: 5, variants: 105, tests: 35 })
 */
export function arbitrage(
	summaries: readonly RunSummary[],
	fallbackCounts: { personas: number; variants: number; tests: number },
	effort: Partial<ManualEffort> = {},
): ArbitrageView {
	if (fallbackCounts.personas < 0 || fallbackCounts.variants < 0 || fallbackCounts.tests < 0) throw new Error('arbitrage requires non-negative counts');
	const rates: ManualEffort = { ...MANUAL_EFFORT_DEFAULTS, ...effort };
	for (const [k, v] of Object.entries(rates)) if (typeof v === 'number' && !(v >= 0)) throw new Error(`manual effort "${k}" must be a non-negative number`);
	const sum = (f: (s: RunSummary) => number) => summaries.reduce((s, x) => s + f(x), 0);
	const personasFromRuns = sum((s) => (s.node === 'personaBuilder' ? s.outputs : 0));
	const variantsFromRuns = sum((s) => (s.node === 'adGenerator' ? s.outputs : 0));
	const output = {
		personas: personasFromRuns || fallbackCounts.personas,
		variants: variantsFromRuns || fallbackCounts.variants,
		tests: fallbackCounts.tests,
	};
	const hours = {
		research: output.personas * rates.researchHoursPerPersona,
		copywriting: output.variants * rates.copyHoursPerVariant,
		creativeBriefs: output.variants * rates.briefHoursPerVariant,
		abSetup: output.tests * rates.abSetupHoursPerTest,
		total: 0,
	};
	hours.total = hours.research + hours.copywriting + hours.creativeBriefs + hours.abSetup;
	const manualCost = hours.total * rates.hourlyRateUsd;
	const known = summaries.length > 0;
	const costUsd = sum((s) => s.costUsd);
	const tokens = addTokenCounts(summaries);
	return {
		ai: {
			runs: summaries.length,
			calls: sum((s) => s.calls + s.repairCalls),
			...tokens,
			tokens: tokenReporting(tokens),
			costUsd,
			known,
			modes: [...new Set(summaries.map((s) => s.mode))].sort(),
			models: [...new Set(summaries.map((s) => s.model).filter((m): m is string => !!m))].sort(),
		},
		output,
		manual: { hours, costUsd: manualCost, rates },
		// Without reported usage the model cost cannot be estimated: no saving is claimed.
		savingsUsd: known && tokenReporting(tokens) !== 'unknown' ? manualCost - costUsd : null,
		costRatio: known && costUsd > 0 ? manualCost / costUsd : null,
	};
}

export interface BaselineView {
	source: 'period' | 'given' | 'none';
	period: { from: string; to: string } | null;
	baseline: { cpa: number | null; roas: number | null };
	current: { cpa: number | null; roas: number | null };
	/** Relative change: (current − baseline) / baseline; negative CPA change is better. */
	change: { cpa: number | null; roas: number | null };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const rel = (now: number | null, base: number | null) => (now !== null && base !== null && base > 0 ? (now - base) / base : null);

/**
 * CPA and ROAS now against a baseline: the rows of a baseline period (from..to, inclusive), or
 * figures given by the user; "now" is every row after the period (all rows when figures are given).
 * @example baselineChange(rows, { period: { from: '2026-01-01', to: '2026-01-31' } })
 */
export function baselineChange(
	rows: ReadonlyArray<{ date: string; conversions: number; cost: number; revenue: number }>,
	o: { period?: { from: string; to: string }; cpa?: number; roas?: number },
): BaselineView {
	const totals = (list: typeof rows) => list.reduce((t, r) => ({ conversions: t.conversions + r.conversions, cost: t.cost + r.cost, revenue: t.revenue + r.revenue }), { conversions: 0, cost: 0, revenue: 0 });
	if (o.period) {
		if (!(o.period.from <= o.period.to)) throw new Error('the baseline period must start on or before its end');
		const base = totals(rows.filter((r) => r.date >= o.period!.from && r.date <= o.period!.to));
		const now = totals(rows.filter((r) => r.date > o.period!.to));
		const baseline = { cpa: ratio(base.cost, base.conversions), roas: ratio(base.revenue, base.cost) };
		const current = { cpa: ratio(now.cost, now.conversions), roas: ratio(now.revenue, now.cost) };
		return { source: 'period', period: o.period, baseline, current, change: { cpa: rel(current.cpa, baseline.cpa), roas: rel(current.roas, baseline.roas) } };
	}
	const now = totals(rows);
	const current = { cpa: ratio(now.cost, now.conversions), roas: ratio(now.revenue, now.cost) };
	const given = o.cpa !== undefined || o.roas !== undefined;
	const baseline = { cpa: o.cpa ?? null, roas: o.roas ?? null };
	return { source: given ? 'given' : 'none', period: null, baseline, current, change: { cpa: rel(current.cpa, baseline.cpa), roas: rel(current.roas, baseline.roas) } };
}
