import type { RunSummary } from '../../../lib/contracts';
import { optimize } from '../../../lib/optimize';
import { renderReport } from '../../../lib/report';
import { optimizationSection } from '../../../lib/report/optimize';
import { PERSONA, rows, variant } from '../optimize/fixtures';

const A = variant('A');
const B = variant('B');
const evil = variant('C', { adId: 'ad_<script>alert(1)</script>' });
const result = optimize(
	{
		variants: [A, B, evil],
		rows: [
			...rows(A.adId, 10, { impressions: 2000, clicks: 100, conversions: 20 }),
			...rows(B.adId, 10, { impressions: 2000, clicks: 120, conversions: 32 }),
			...rows(evil.adId, 10, { impressions: 2000, clicks: 80, conversions: 18 }),
		],
		personas: [PERSONA],
		runSummaries: [{ kind: 'runSummary', node: 'adGenerator', mode: 'llm', model: 'gpt-4o-mini', units: 1, calls: 2, repairCalls: 0, promptTokens: 1000, completionTokens: 500, answersWithoutUsage: 0, costUsd: 0.0012, fallbacks: 0, outputs: 3, createdAt: '2026-03-01T00:00:00.000Z' }],
	},
	{ totalBudget: 500, baseline: { cpa: 0.5 } },
);

describe('the report’s optimisation section', () => {
	const html = optimizationSection(result.report);

	it('lists every variant on the leaderboard with its decision and interval, winner first', () => {
		const order = [B.adId, A.adId].map((id) => html.indexOf(id));
		expect(order[0]).toBeGreaterThan(0);
		expect(order[0]).toBeLessThan(order[1]);
		expect(html).toContain('>scale<');
		expect(html).toContain('>regenerate<');
		const m = result.report.leaderboard[0];
		expect(html).toContain(`${(m.metricMean * 100).toFixed(2)}% <span class="muted">(${(m.metricLower * 100).toFixed(2)}%–${(m.metricUpper * 100).toFixed(2)}%)</span>`);
	});

	it('shows the budget split with amounts and the cost-benefit view with its source', () => {
		expect(html).toContain('Budget split across segments');
		expect(html).toContain('$500');
		expect(html).toContain('1,500 model tokens in 2 calls, <b>$0.0012</b>');
		// 1 persona × 4 h + 3 variants × 0.75 h + 1 test × 0.5 h = 6.75 h → $243
		expect(html).toContain('6.8 hours');
		expect(html).toContain('<b>$243</b>');
		expect(html).toContain('Bureau of Labor Statistics');
		expect(html).toContain('<td>CPA</td><td class="n">$0.50</td>');
	});

	it('says tokens a model did not report are unknown, never 0, and partially unknown in a mixed run', () => {
		const summary = { kind: 'runSummary' as const, node: 'adGenerator' as const, mode: 'llm' as const, model: 'local-model', units: 1, calls: 2, repairCalls: 0, costUsd: 0, fallbacks: 0, outputs: 3, createdAt: '2026-03-01T00:00:00.000Z' };
		const unknown = { ...summary, promptTokens: null, completionTokens: null, answersWithoutUsage: 2 };
		const known = { ...summary, node: 'personaBuilder' as const, promptTokens: 1000, completionTokens: 500, answersWithoutUsage: 0, costUsd: 0.0012 };
		const section = (runSummaries: RunSummary[]) =>
			optimizationSection(optimize({ variants: [A, B], rows: rows(A.adId, 10, { impressions: 2000, clicks: 100, conversions: 20 }), personas: [PERSONA], runSummaries }).report);
		const none = section([unknown]);
		expect(none).toContain('model tokens <b>unknown</b> in 2 calls (2 answers without reported usage), so the cost is unknown');
		expect(none).not.toMatch(/\b0 model tokens/);
		expect(section([known, unknown])).toContain('at least 1,500 model tokens in 4 calls, partially unknown (2 answers without reported usage), at least <b>$0.0012</b>');
	});

	it('escapes the data it shows', () => {
		expect(html).not.toContain('<script>');
		expect(html).toContain('&lt;script&gt;');
	});

	it('is part of the whole report when the optimizer’s report is given', () => {
		expect(renderReport({ generatedAt: '2026-03-11T00:00:00.000Z', optimization: result.report })).toContain('8 · Optimisation');
		expect(renderReport({ generatedAt: '2026-03-11T00:00:00.000Z' })).not.toContain('8 · Optimisation');
	});
});
