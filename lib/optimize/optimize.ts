/**
 * The Ad Optimizer in one call: ingest and join the rows, analyse each test, decide per variant,
 * split the budget, watch for drift and delivery skew, build the regeneration feedback and the report.
 */
import type { AdVariant } from '../contracts/adVariant';
import type { Persona } from '../contracts/persona';
import type { RegenerationFeedback } from '../contracts/feedback';
import type { RunSummary } from '../contracts/runSummary';
import { Rng } from '../util/rng';
import type { ArbitrageView, BaselineView, ManualEffort } from './arbitrage';
import { arbitrage, baselineChange } from './arbitrage';
import { thompsonShares } from './budget';
import type { ArmComparison } from './compare';
import { compareDraws } from './compare';
import type { Decision, Verdict } from './decide';
import { compareLabels, controlIndex, decideTest, testKey } from './decide';
import type { OptimizeMetric } from './defaults';
import { OPTIMIZER_DEFAULTS } from './defaults';
import type { FeedbackArm } from './feedback';
import { testFeedback } from './feedback';
import type { IngestOptions, IngestResult, NormalizedRow, RemoteIdSource } from './ingest';
import { ingestPerformance } from './ingest';
import type { ArmMetrics, ArmTotals } from './metrics';
import { armMetrics, metricDraws, successesFor, sumTotals } from './metrics';
import type { OptimizerAlert } from './monitor';
import { deliverySkewAlerts, driftAlerts } from './monitor';
import { daysToReach, requiredSampleSize } from './sampleSize';
import { sampleRatioMismatch } from './srm';

export interface OptimizeOptions extends IngestOptions {
	metric?: OptimizeMetric;
	decideAt?: number;
	earlyDecideAt?: number;
	winRisk?: number;
	loseRisk?: number;
	minImpressions?: number;
	minConversions?: number;
	srmThreshold?: number;
	targetLift?: number;
	credibleLevel?: number;
	draws?: number;
	budgetFloor?: number;
	/** Total budget to split (in the report currency); shares only when absent. */
	totalBudget?: number;
	recentDays?: number;
	driftBand?: number;
	minHistoryDays?: number;
	skewRatio?: number;
	minSkewImpressions?: number;
	protectedAttributes?: string[];
	referenceShares?: Record<string, Record<string, number>>;
	onLoser?: 'regenerate' | 'pause';
	baseline?: { period?: { from: string; to: string }; cpa?: number; roas?: number };
	manualEffort?: Partial<ManualEffort>;
	seed?: number;
	/** ISO time written on feedback and the report. */
	now?: string;
}

export interface OptimizeInput {
	variants: readonly AdVariant[];
	rows: readonly unknown[];
	personas?: readonly Persona[];
	runSummaries?: readonly RunSummary[];
	/** Deployer results (adId + remoteIds) that join platform rows by the platform's ad id. */
	deployments?: readonly RemoteIdSource[];
}

export interface VariantDecision {
	kind: 'optimizerDecision';
	adId: string;
	personaId: string;
	segmentId: string;
	channel: string;
	test: string;
	variantGroup: string;
	isControl: boolean;
	decision: Decision;
	reason: string;
	verdict: Verdict;
	metric: OptimizeMetric;
	totals: ArmTotals;
	metrics: ArmMetrics;
	comparison: ArmComparison;
	srm: { pValue: number; mismatch: boolean } | null;
	/** Impressions per arm to detect the target lift, and the days that takes at current traffic. */
	sampleSize: { perArm: number | null; daysNeeded: number | null; targetLift: number; message: string | null };
	budget: { shareInTest: number; segmentShare: number; overallShare: number; amount: number | null; reallocated: boolean; reason: string };
}

export interface TestSummary {
	test: string;
	personaId: string;
	segmentId: string;
	channel: string;
	verdict: Verdict;
	reason: string;
	winner: string | null;
	arms: string[];
	control: string;
}

export interface GroupPerformance {
	key: string;
	totals: ArmTotals;
	metrics: ArmMetrics;
}

export interface OptimizationReport {
	kind: 'optimizationReport';
	generatedAt: string;
	currency: string | null;
	metric: OptimizeMetric;
	rows: IngestResult['counts'];
	settings: Record<string, number | string>;
	tests: TestSummary[];
	leaderboard: Array<{ adId: string; test: string; variantGroup: string; decision: Decision; metricMean: number; metricLower: number; metricUpper: number; chanceToBeBest: number; shareInTest: number }>;
	bySegment: GroupPerformance[];
	byPersona: GroupPerformance[];
	byChannel: GroupPerformance[];
	budget: { segments: Array<{ segmentId: string; share: number; amount: number | null }>; reallocated: boolean; reason: string; floor: number; totalBudget: number | null };
	arbitrage: ArbitrageView;
	baseline: BaselineView;
	alerts: number;
}

export interface RegenerateItem {
	persona: Persona & { feedback: RegenerationFeedback };
	personaIndex: number;
}

export interface OptimizeResult {
	decisions: VariantDecision[];
	regenerate: RegenerateItem[];
	alerts: OptimizerAlert[];
	report: OptimizationReport;
	ingest: IngestResult;
}

type Resolved = Required<Omit<OptimizeOptions, 'mapping' | 'currency' | 'defaultCurrency' | 'metaConversionAction' | 'source' | 'totalBudget' | 'protectedAttributes' | 'referenceShares' | 'baseline' | 'manualEffort' | 'now'>> & OptimizeOptions;

function resolve(o: OptimizeOptions): Resolved {
	const r = { ...OPTIMIZER_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as Resolved;
	const unit = (name: string, v: number) => {
		if (!(v > 0 && v < 1)) throw new Error(`option ${name} must be between 0 and 1 (exclusive), got ${v}`);
	};
	unit('decideAt', r.decideAt);
	unit('earlyDecideAt', r.earlyDecideAt);
	unit('credibleLevel', r.credibleLevel);
	unit('srmThreshold', r.srmThreshold);
	for (const [name, v] of [['winRisk', r.winRisk], ['loseRisk', r.loseRisk], ['minImpressions', r.minImpressions], ['minConversions', r.minConversions], ['budgetFloor', r.budgetFloor]] as const) {
		if (!(v >= 0)) throw new Error(`option ${name} must be a non-negative number, got ${v}`);
	}
	if (!(r.draws >= 100)) throw new Error(`option draws must be at least 100, got ${r.draws}`);
	if (!['conversionRate', 'ctr', 'revenuePerImpression'].includes(r.metric)) throw new Error(`option metric must be conversionRate, ctr or revenuePerImpression, got ${String(r.metric)}`);
	if (r.totalBudget !== undefined && !(r.totalBudget >= 0)) throw new Error('option totalBudget must be a non-negative amount');
	return r;
}

/** Per-impression metric draws scaled to value per unit of spend (when every arm has spend). */
function perSpend(draws: Float64Array[], totals: ArmTotals[]): Float64Array[] {
	if (!totals.every((t) => t.cost > 0)) return draws;
	return draws.map((d, k) => d.map((x) => (x * totals[k].impressions) / totals[k].cost));
}

function enough(t: ArmTotals, o: Resolved): boolean {
	return t.impressions >= o.minImpressions && successesFor(t, o.metric) >= o.minConversions;
}

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
	const m = new Map<string, T[]>();
	for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
	return m;
}

/**
 * Analyse performance and decide.
 * @example optimize({ variants, rows, personas }, { seed: 1 })
 */
export function optimize(input: OptimizeInput, options: OptimizeOptions = {}): OptimizeResult {
	if (!input || !Array.isArray(input.variants) || !Array.isArray(input.rows)) throw new Error('optimize requires variants and rows arrays');
	const o = resolve(options);
	const now = o.now ?? '1970-01-01T00:00:00.000Z';
	const seen = new Set<string>();
	for (const v of input.variants) {
		if (seen.has(v.adId)) throw new Error(`ad id ${v.adId} appears on two input variants; each variant must be given once`);
		seen.add(v.adId);
	}
	const ingest = ingestPerformance(input.rows, input.variants, input.deployments ?? [], o);
	const rowsOf = groupBy(ingest.rows, (r) => r.adId);
	const totalsOf = new Map(input.variants.map((v) => [v.adId, sumTotals(rowsOf.get(v.adId) ?? [])]));
	const variantOf = new Map(input.variants.map((v) => [v.adId, v]));

	const tests = [...groupBy<AdVariant>(input.variants, testKey).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
	const decisions: VariantDecision[] = [];
	const alerts: OptimizerAlert[] = [];
	const summaries: TestSummary[] = [];
	const feedbackByPersona = new Map<string, RegenerationFeedback['tests']>();
	const personaOf = new Map((input.personas ?? []).map((p, i) => [p.personaId, { p, i }]));

	for (const [key, unsorted] of tests) {
		const arms = unsorted.slice().sort((a, b) => compareLabels(a.variantGroup, b.variantGroup) || (a.adId < b.adId ? -1 : 1));
		const rng = new Rng(`${o.seed}|${key}`);
		const control = controlIndex(arms.map((a) => a.variantGroup));
		const totals = arms.map((a) => totalsOf.get(a.adId)!);
		const draws = totals.map((t) => metricDraws(rng, t, o.metric, o.draws));
		const comparisons = compareDraws(draws, control);
		const planned = arms.map((a) => (a as AdVariant & { plannedShare?: unknown }).plannedShare);
		const plannedShares = planned.every((s) => typeof s === 'number' && s > 0) ? (planned as number[]) : undefined;
		const srm = arms.length > 1 && totals.some((t) => t.impressions > 0) ? sampleRatioMismatch(totals.map((t) => t.impressions), plannedShares, o.srmThreshold) : null;
		// sample size for the target lift at the control's rate
		const controlTotals = totals[control];
		const successes = o.metric === 'ctr' ? controlTotals.clicks : controlTotals.conversions;
		const baseRate = (successes + 1) / (controlTotals.impressions + 2);
		const perArm = arms.length > 1 && baseRate > 0 && baseRate < 1 ? Math.max(requiredSampleSize(baseRate, o.targetLift), o.minImpressions) : null;
		const reachedSampleSize = perArm !== null && totals.every((t) => t.impressions >= perArm);
		const verdict = decideTest(
			totals.map((t, k) => ({ impressions: t.impressions, successes: successesFor(t, o.metric), comparison: comparisons[k] })),
			{ srmMismatch: srm?.mismatch ?? false, srmPValue: srm?.pValue, reachedSampleSize },
			o,
		);
		const metrics = totals.map((t) => armMetrics(t, rng, o.credibleLevel, Math.min(4000, o.draws)));
		let daysNeeded: number | null = null;
		let message: string | null = null;
		if (perArm !== null && verdict.verdict !== 'winner') {
			const lift = `${Math.round(o.targetLift * 100)}% lift`;
			daysNeeded = daysToReach(perArm, totals.map((t) => ({ units: t.impressions, days: t.days })));
			message = daysNeeded === null ? `about ${perArm} impressions per arm to detect a ${lift}; some arm has no traffic yet` : daysNeeded === 0 ? `each arm has the ${perArm} impressions needed to detect a ${lift}` : `about ${daysNeeded} more days at current traffic (${perArm} impressions per arm to detect a ${lift})`;
		}
		const allEnough = totals.every((t) => enough(t, o));
		const shares = allEnough && !srm?.mismatch ? thompsonShares(perSpend(draws, totals), o.budgetFloor) : arms.map((_, k) => plannedShares ? plannedShares[k] / plannedShares.reduce((s, x) => s + x, 0) : 1 / arms.length);
		const budgetReason = allEnough
			? srm?.mismatch
				? 'split kept: the test has a sample ratio mismatch'
				: `Thompson sampling over ${o.draws} posterior draws of ${o.metric}${totals.every((t) => t.cost > 0) ? ' per unit of spend' : ''}, floor ${o.budgetFloor}`
			: 'split kept until every arm has the minimum data';

		arms.forEach((v, k) => {
			decisions.push({
				kind: 'optimizerDecision',
				adId: v.adId,
				personaId: v.personaId,
				segmentId: v.segmentId,
				channel: v.channel,
				test: key,
				variantGroup: v.variantGroup,
				isControl: k === control,
				decision: verdict.arms[k].decision,
				reason: verdict.arms[k].reason,
				verdict: verdict.verdict,
				metric: o.metric,
				totals: totals[k],
				metrics: metrics[k],
				comparison: comparisons[k],
				srm: srm ? { pValue: srm.pValue, mismatch: srm.mismatch } : null,
				sampleSize: { perArm, daysNeeded, targetLift: o.targetLift, message },
				budget: { shareInTest: shares[k], segmentShare: 0, overallShare: 0, amount: null, reallocated: allEnough && !srm?.mismatch, reason: budgetReason },
			});
		});
		summaries.push({
			test: key,
			personaId: arms[0].personaId,
			segmentId: arms[0].segmentId,
			channel: arms[0].channel,
			verdict: verdict.verdict,
			reason: verdict.reason,
			winner: verdict.winnerIndex === null ? null : arms[verdict.winnerIndex].adId,
			arms: arms.map((a) => a.adId),
			control: arms[control].adId,
		});
		if (srm?.mismatch) {
			alerts.push({ kind: 'optimizerAlert', type: 'sampleRatioMismatch', severity: 'critical', personaId: arms[0].personaId, channel: arms[0].channel, segmentId: arms[0].segmentId, message: `Test ${key}: ${verdict.reason}`, numbers: { pValue: srm.pValue, chiSquare: srm.chiSquare } });
		}

		if (verdict.winnerIndex !== null) {
			const w = verdict.winnerIndex;
			const armOf = (k: number): FeedbackArm => ({ variant: arms[k], metrics: metrics[k], metricValue: draws[k].reduce((s, x) => s + x, 0) / draws[k].length, chanceToBeBest: comparisons[k].chanceToBeBest, liftVsControl: comparisons[k].liftVsControl, decision: verdict.arms[k].decision });
			const losers = arms.map((_, k) => k).filter((k) => verdict.arms[k].decision === 'regenerate');
			if (losers.length) {
				const persona = personaOf.get(arms[0].personaId);
				if (!persona) {
					alerts.push({ kind: 'optimizerAlert', type: 'missingPersona', severity: 'warning', personaId: arms[0].personaId, channel: arms[0].channel, message: `Test ${key} has a winner and ${losers.length} variant(s) to regenerate, but persona ${arms[0].personaId} is not in the input: connect the Persona Builder's personas to the Ad Optimizer to get them on the Regenerate output`, numbers: { regenerate: losers.length } });
				} else {
					const fb = testFeedback(key, o.metric, armOf(w), losers.map(armOf), persona.p.keywords);
					feedbackByPersona.set(arms[0].personaId, [...(feedbackByPersona.get(arms[0].personaId) ?? []), fb]);
				}
			}
		}
	}

	// budget across segments: Thompson over each segment's pooled value per unit of spend
	const segments = [...new Set(input.variants.map((v) => v.segmentId))].sort();
	const segTotals = segments.map((s) => sumTotals(ingest.rows.filter((r) => variantOf.get(r.adId)!.segmentId === s)));
	const segEnough = segTotals.every((t) => enough(t, o));
	const segRng = new Rng(`${o.seed}|segments`);
	const segShares = segments.length > 1 && segEnough ? thompsonShares(perSpend(segTotals.map((t) => metricDraws(segRng, t, o.metric, o.draws)), segTotals), o.budgetFloor) : segments.map(() => 1 / segments.length);
	const segReason = segments.length <= 1 ? 'one segment' : segEnough ? `Thompson sampling over each segment's pooled ${o.metric}${segTotals.every((t) => t.cost > 0) ? ' per unit of spend' : ''}, floor ${o.budgetFloor}` : 'even split until every segment has the minimum data';
	const segShareOf = new Map(segments.map((s, i) => [s, segShares[i]]));
	const testsPerSegment = groupBy(summaries, (t) => t.segmentId);
	for (const d of decisions) {
		d.budget.segmentShare = segShareOf.get(d.segmentId) ?? 0;
		d.budget.overallShare = (d.budget.segmentShare / (testsPerSegment.get(d.segmentId)?.length ?? 1)) * d.budget.shareInTest;
		d.budget.amount = o.totalBudget === undefined ? null : o.totalBudget * d.budget.overallShare;
	}

	// monitoring
	for (const v of input.variants) alerts.push(...driftAlerts(v.adId, rowsOf.get(v.adId) ?? [], o));
	alerts.push(...deliverySkewAlerts(ingest.breakdownRows, (adId) => variantOf.get(adId)?.segmentId, o));

	// regeneration items
	const regenerate: RegenerateItem[] = [];
	for (const [personaId, fbTests] of [...feedbackByPersona.entries()].sort()) {
		const { p, i } = personaOf.get(personaId)!;
		const channels = fbTests.map((t) => t.channel);
		const feedback: RegenerationFeedback = {
			kind: 'regenerationFeedback',
			version: 1,
			personaId,
			segmentId: p.segmentId,
			createdAt: now,
			tests: fbTests,
			channels,
			summary: fbTests.map((t) => `${t.channel}: keep the "${t.winner.angle}" angle of ${t.winner.adId}, replace ${t.replace.map((r) => r.adId).join(', ')}`).join('; '),
		};
		regenerate.push({ persona: { ...p, feedback }, personaIndex: i });
	}

	// report
	const perf = (key: (v: AdVariant) => string): GroupPerformance[] => {
		const groups = groupBy(ingest.rows, (r) => key(variantOf.get(r.adId)!));
		return [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, rows]) => {
			const t = sumTotals(rows);
			return { key: k, totals: t, metrics: armMetrics(t, new Rng(`${o.seed}|report|${k}`), o.credibleLevel, Math.min(4000, o.draws)) };
		});
	};
	const personasFromInput = input.personas?.length ?? new Set(input.variants.map((v) => v.personaId)).size;
	const report: OptimizationReport = {
		kind: 'optimizationReport',
		generatedAt: now,
		currency: ingest.currency,
		metric: o.metric,
		rows: ingest.counts,
		settings: { decideAt: o.decideAt, earlyDecideAt: o.earlyDecideAt, winRisk: o.winRisk, loseRisk: o.loseRisk, minImpressions: o.minImpressions, minConversions: o.minConversions, srmThreshold: o.srmThreshold, targetLift: o.targetLift, credibleLevel: o.credibleLevel, budgetFloor: o.budgetFloor, draws: o.draws, seed: o.seed },
		tests: summaries,
		leaderboard: decisions
			.map((d) => {
				const m = o.metric === 'ctr' ? d.metrics.ctr : o.metric === 'revenuePerImpression' ? d.metrics.revenuePerImpression : d.metrics.conversionRate;
				return { adId: d.adId, test: d.test, variantGroup: d.variantGroup, decision: d.decision, metricMean: m.mean, metricLower: m.lower, metricUpper: m.upper, chanceToBeBest: d.comparison.chanceToBeBest, shareInTest: d.budget.shareInTest };
			})
			.sort((a, b) => b.metricMean - a.metricMean),
		bySegment: perf((v) => v.segmentId),
		byPersona: perf((v) => v.personaId),
		byChannel: perf((v) => v.channel),
		budget: { segments: segments.map((s, i) => ({ segmentId: s, share: segShares[i], amount: o.totalBudget === undefined ? null : o.totalBudget * segShares[i] })), reallocated: segments.length > 1 && segEnough, reason: segReason, floor: o.budgetFloor, totalBudget: o.totalBudget ?? null },
		arbitrage: arbitrage(input.runSummaries ?? [], { personas: personasFromInput, variants: input.variants.length, tests: summaries.length }, o.manualEffort),
		baseline: baselineChange(ingest.rows, o.baseline ?? {}),
		alerts: alerts.length,
	};
	return { decisions, regenerate, alerts, report, ingest };
}

export type { NormalizedRow };
