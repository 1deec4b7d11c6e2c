/**
 * The report's optimisation section: the variant leaderboard with credible intervals, the budget
 * split, performance by segment and channel, and the cost-benefit (AI arbitrage) view.
 */
import type { Interval } from '../optimize/beta';
import type { GroupPerformance, OptimizationReport } from '../optimize/optimize';
import { esc, fmtInt, fmtMoney, fmtNum, fmtPct, humanize } from './html';
import { barChart, PALETTE } from './svg';

const DECISION_CHIP: Record<string, string> = { scale: 'chip', keep: 'chip', pause: 'chip down', regenerate: 'chip down' };

function range(i: Interval, fmt: (n: number) => string): string {
	const hi = Number.isFinite(i.upper) ? fmt(i.upper) : '∞';
	return `${fmt(i.mean)} <span class="muted">(${fmt(i.lower)}–${hi})</span>`;
}

const money2 = (n: number) => (Number.isFinite(n) ? `$${n.toFixed(2)}` : '–');
const pct2 = (n: number) => fmtPct(n, 2);

function performanceTable(title: string, groups: GroupPerformance[], label: (key: string) => string): string {
	const rows = groups
		.map((g) => {
			const m = g.metrics;
			return `<tr><td>${esc(label(g.key))}</td><td class="n">${fmtInt(g.totals.impressions)}</td><td class="n">${range(m.ctr, pct2)}</td><td class="n">${range(m.cvr, pct2)}</td><td class="n">${m.cpa ? range(m.cpa, money2) : '–'}</td><td class="n">${m.roas ? range(m.roas, (n) => fmtNum(n, 2)) : '–'}</td></tr>`;
		})
		.join('');
	return `<div class="card"><h3>${esc(title)}</h3><table><tr><th></th><th>Impressions</th><th>CTR</th><th>CVR</th><th>CPA</th><th>ROAS</th></tr>${rows}</table></div>`;
}

/**
 * The model spend in words. Tokens a model did not report are said to be unknown, never counted
 * as 0: "unknown" when no answer reported usage, "at least" and "partially unknown" when some did not.
 */
function aiSpend(ai: OptimizationReport['arbitrage']['ai']): string {
	const models = ai.models.length ? ` (${esc(ai.models.join(', '))})` : '';
	const calls = `${fmtInt(ai.calls)} calls`;
	const unreported = `${fmtInt(ai.answersWithoutUsage)} ${ai.answersWithoutUsage === 1 ? 'answer' : 'answers'} without reported usage`;
	if (ai.tokens === 'unknown' || ai.promptTokens === null || ai.completionTokens === null) {
		return `model tokens <b>unknown</b> in ${calls} (${unreported}), so the cost is unknown${models}`;
	}
	const total = fmtInt(ai.promptTokens + ai.completionTokens);
	if (ai.tokens === 'partial') {
		return `at least ${total} model tokens in ${calls}, partially unknown (${unreported}), at least <b>$${ai.costUsd.toFixed(4)}</b>${models}`;
	}
	return `${total} model tokens in ${calls}, <b>$${ai.costUsd.toFixed(4)}</b>${models}`;
}

/** The optimisation section of the report, with 95% credible intervals in brackets. */
export function optimizationSection(r: OptimizationReport): string {
	const winners = r.tests.filter((t) => t.verdict === 'winner').length;
	const fmtMetric = r.metric === 'revenuePerImpression' ? (n: number) => `$${n.toFixed(3)}` : pct2;
	const leaderboard = r.leaderboard
		.map(
			(l) =>
				`<tr><td class="path">${esc(l.adId)}</td><td>${esc(l.test)} · ${esc(l.variantGroup)}</td><td><span class="${DECISION_CHIP[l.decision] ?? 'chip'}">${esc(l.decision)}</span></td><td class="n">${range({ mean: l.metricMean, lower: l.metricLower, upper: l.metricUpper }, fmtMetric)}</td><td class="n">${fmtPct(l.chanceToBeBest)}</td><td class="n">${fmtPct(l.shareInTest)}</td></tr>`,
		)
		.join('');
	const bars = r.budget.segments.map((s, i) => ({ label: s.segmentId, value: s.share, text: s.amount === null ? fmtPct(s.share) : `${fmtPct(s.share)} · ${fmtMoney(s.amount)}`, color: PALETTE[i % PALETTE.length] }));
	const a = r.arbitrage;
	const h = a.manual.hours;
	const ai = a.ai.known ? aiSpend(a.ai) : 'not known: connect the Persona Builder’s and Ad Generator’s Run Summary outputs';
	const b = r.baseline;
	const change = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${fmtPct(x)}`);
	const baseline =
		b.source === 'none'
			? '<p class="muted">No baseline set: give a baseline period or baseline CPA / ROAS to see the change.</p>'
			: `<table><tr><th></th><th>Baseline</th><th>Now</th><th>Change</th></tr><tr><td>CPA</td><td class="n">${b.baseline.cpa === null ? '–' : money2(b.baseline.cpa)}</td><td class="n">${b.current.cpa === null ? '–' : money2(b.current.cpa)}</td><td class="n">${change(b.change.cpa)}</td></tr><tr><td>ROAS</td><td class="n">${fmtNum(b.baseline.roas, 2)}</td><td class="n">${fmtNum(b.current.roas, 2)}</td><td class="n">${change(b.change.roas)}</td></tr></table>`;
	return `<section><h2>8 · Optimisation</h2><p class="lead">${fmtInt(r.tests.length)} A/B tests (one per persona and channel), ${fmtInt(winners)} with a winner; ${fmtInt(r.rows.used)} performance rows used, ${fmtInt(r.rows.rejected)} rejected and ${fmtInt(r.rows.unmatched)} unmatched of ${fmtInt(r.rows.in)}. Figures in brackets are 95% credible intervals.</p>
<div class="card"><h3>Variant leaderboard (${esc(humanize(r.metric))})</h3><table><tr><th>Ad</th><th>Test · arm</th><th>Decision</th><th>${esc(humanize(r.metric))}</th><th>Chance to be best</th><th>Budget share in test</th></tr>${leaderboard}</table></div>
<div class="grid g2" style="margin-top:16px"><div class="card"><h3>Budget split across segments</h3>${barChart(bars)}<p class="muted">${esc(r.budget.reason)}</p></div>
<div class="card"><h3>Cost-benefit</h3><p>AI: ${ai}.</p><p>The same output by hand: ${fmtNum(h.total, 1)} hours (research ${fmtNum(h.research, 1)}, copywriting ${fmtNum(h.copywriting, 1)}, creative briefs ${fmtNum(h.creativeBriefs, 1)}, A/B setup ${fmtNum(h.abSetup, 1)}) at $${fmtNum(a.manual.rates.hourlyRateUsd, 2)}/h = <b>${fmtMoney(a.manual.costUsd)}</b>.</p><p class="muted">${esc(a.manual.rates.source)}</p>${baseline}</div></div>
<div class="grid g2" style="margin-top:16px">${performanceTable('By segment', r.bySegment, (k) => k)}${performanceTable('By channel', r.byChannel, humanize)}</div>
${performanceTable('By persona', r.byPersona, (k) => k)}</section>`;
}
