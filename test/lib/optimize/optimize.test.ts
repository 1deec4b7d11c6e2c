import { Persona as PersonaSchema, RegenerationFeedback, type RunSummary } from '../../../lib/contracts';
import { optimize } from '../../../lib/optimize';
import { PERSONA, rows, variant } from './fixtures';

const A = variant('A');
const B = variant('B');
const C = variant('C');
// B converts 1.6% of impressions, A 1.0%, C 0.9% with a weaker CTR: ten days of 2000 impressions each
const CLEAR = [
	...rows(A.adId, 10, { impressions: 2000, clicks: 100, conversions: 20 }),
	...rows(B.adId, 10, { impressions: 2000, clicks: 120, conversions: 32 }),
	...rows(C.adId, 10, { impressions: 2000, clicks: 80, conversions: 18 }),
];

describe('optimize: a test with a clear winner', () => {
	const result = optimize({ variants: [A, B, C], rows: CLEAR, personas: [PERSONA] }, { seed: 7, now: '2026-03-11T00:00:00.000Z' });
	const byAd = new Map(result.decisions.map((d) => [d.adId, d]));

	it('scales the winner and regenerates the losers, each with its reason and numbers', () => {
		expect(byAd.get(B.adId)!.decision).toBe('scale');
		expect(byAd.get(A.adId)!.decision).toBe('regenerate');
		expect(byAd.get(C.adId)!.decision).toBe('regenerate');
		const b = byAd.get(B.adId)!;
		expect(b.verdict).toBe('winner');
		expect(b.comparison.chanceToBeBest).toBeGreaterThan(0.95);
		expect(b.comparison.risk).toBeLessThan(0.0025);
		expect(b.reason).toMatch(/chance to be best \d+\.\d% ≥ 99% \(before the planned sample size\)/);
		expect(byAd.get(A.adId)!.isControl).toBe(true);
	});

	it('reports CTR, CVR, CPA and ROAS with credible intervals that contain the observed values', () => {
		const m = byAd.get(B.adId)!.metrics;
		expect(m.ctr.lower).toBeLessThan(0.06);
		expect(m.ctr.upper).toBeGreaterThan(0.06);
		expect(m.cvr.mean).toBeCloseTo(321 / 1202, 6);
		expect(m.cpa!.mean).toBeCloseTo(100 / 320, 9);
		expect(m.cpa!.lower).toBeLessThan(m.cpa!.mean);
		expect(m.cpa!.upper).toBeGreaterThan(m.cpa!.mean);
		expect(m.roas!.mean).toBeCloseTo(12800 / 100, 9);
		expect(m.roas!.lower).toBeLessThan(128);
		expect(m.roas!.upper).toBeGreaterThan(128);
	});

	it('moves budget to the winner by Thompson sampling, never below the 1% floor', () => {
		const shares = [A, B, C].map((v) => byAd.get(v.adId)!.budget.shareInTest);
		expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
		expect(shares[1]).toBeGreaterThan(0.9);
		for (const s of shares) expect(s).toBeGreaterThanOrEqual(0.01);
		expect(byAd.get(B.adId)!.budget.reallocated).toBe(true);
	});

	it('puts the persona on the Regenerate output with feedback the Persona contract accepts', () => {
		expect(result.regenerate).toHaveLength(1);
		const p = PersonaSchema.parse(result.regenerate[0].persona);
		const fb = RegenerationFeedback.parse(p.feedback);
		expect(fb.channels).toEqual(['google_search']);
		const t = fb.tests[0];
		expect(t.winner.adId).toBe(B.adId);
		expect(t.winningHeadlines).toEqual(B.fields.headlines);
		expect(t.keepAngles).toEqual([B.angle]);
		expect(t.avoidAngles.sort()).toEqual([A.angle, C.angle].sort());
		expect(t.keywords).toEqual(['leather boots', 'handmade', 'premium']);
		expect(t.variantsWanted).toBe(2);
		const c = t.replace.find((r) => r.adId === C.adId)!;
		expect(c.weaknesses.some((w) => w.startsWith('weaker hook: CTR 4.00%'))).toBe(true);
		expect(result.regenerate[0].personaIndex).toBe(0);
	});

	it('is reproducible with a seed', () => {
		const again = optimize({ variants: [A, B, C], rows: CLEAR, personas: [PERSONA] }, { seed: 7, now: '2026-03-11T00:00:00.000Z' });
		expect(again).toEqual(result);
	});

	it('does not mutate its input', () => {
		const frozen = Object.freeze(CLEAR.map((r) => Object.freeze({ ...r })));
		expect(() => optimize({ variants: Object.freeze([A, B, C]) as never, rows: frozen, personas: [PERSONA] })).not.toThrow();
	});

	it('raises an alert instead of a Regenerate item when the persona is not in the input', () => {
		const r = optimize({ variants: [A, B, C], rows: CLEAR }, { seed: 7 });
		expect(r.regenerate).toEqual([]);
		expect(r.alerts.filter((a) => a.type === 'missingPersona')).toHaveLength(1);
	});
});

describe('optimize: no verdict yet', () => {
	it('keeps every arm under the minimum data, keeps the even split and says how many more days', () => {
		const few = [...rows(A.adId, 5, { impressions: 1000, clicks: 50, conversions: 10 }), ...rows(B.adId, 5, { impressions: 1000, clicks: 60, conversions: 14 })];
		const r = optimize({ variants: [A, B], rows: few, personas: [PERSONA] });
		for (const d of r.decisions) {
			expect(d.decision).toBe('keep');
			expect(d.verdict).toBe('collecting');
			expect(d.budget.shareInTest).toBe(0.5);
			expect(d.budget.reallocated).toBe(false);
		}
		const s = r.decisions[0].sampleSize;
		expect(s.perArm).toBeGreaterThan(5000);
		expect(s.daysNeeded).toBe(Math.ceil((s.perArm! - 5000) / 1000));
		expect(s.message).toMatch(/^about \d+ more days at current traffic/);
	});

	it('flags a skewed split as untrustworthy and raises an alert', () => {
		const skew = [...rows(A.adId, 10, { impressions: 2000, clicks: 100, conversions: 20 }), ...rows(B.adId, 10, { impressions: 2400, clicks: 150, conversions: 45 })];
		const r = optimize({ variants: [A, B], rows: skew, personas: [PERSONA] });
		expect(r.decisions.every((d) => d.verdict === 'untrustworthy' && d.decision === 'keep')).toBe(true);
		expect(r.decisions[0].srm!.pValue).toBeLessThan(0.001);
		expect(r.alerts.map((a) => a.type)).toContain('sampleRatioMismatch');
	});

	it('accepts the planned uneven split written on the variants', () => {
		const skew = [...rows(A.adId, 10, { impressions: 2000, clicks: 100, conversions: 20 }), ...rows(B.adId, 10, { impressions: 2400, clicks: 150, conversions: 45 })];
		const planned = [{ ...A, plannedShare: 2000 / 4400 }, { ...B, plannedShare: 2400 / 4400 }];
		const r = optimize({ variants: planned, rows: skew, personas: [PERSONA] });
		expect(r.decisions[0].srm!.mismatch).toBe(false);
	});
});

describe('optimize: monitoring', () => {
	it('alerts when a variant’s CTR and CPA leave the ±30% band of its own history', () => {
		const history = rows(A.adId, 10, { impressions: 5000, clicks: 250, conversions: 25, cost: 25 });
		const recent = rows(A.adId, 3, { impressions: 5000, clicks: 100, conversions: 8, cost: 25 }, 11);
		const r = optimize({ variants: [A], rows: [...history, ...recent] });
		const ctr = r.alerts.find((a) => a.type === 'ctrDrift')!;
		expect(ctr.severity).toBe('critical');
		expect(ctr.numbers.historyCtr).toBeCloseTo(0.05, 9);
		expect(ctr.message).toContain('fell');
		const cpa = r.alerts.find((a) => a.type === 'cpaDrift')!;
		expect(cpa.numbers.historyCpa).toBeCloseTo(1, 9);
		expect(cpa.message).toContain('rose');
		// steady delivery raises nothing
		const steady = optimize({ variants: [A], rows: rows(A.adId, 13, { impressions: 5000, clicks: 250, conversions: 25 }) });
		expect(steady.alerts).toEqual([]);
	});

	it('alerts when an audience’s delivery skews against a protected group, from breakdown rows', () => {
		const other = variant('A', { personaId: 'p_deal', segmentId: 's_deal' });
		const g = (adId: string, gender: string, impressions: number) => ({ ...rows(adId, 1, { impressions, clicks: 10, conversions: 1 })[0], breakdown: { gender } });
		const breakdown = [g(A.adId, 'female', 2500), g(A.adId, 'male', 2500), g(other.adId, 'female', 1500), g(other.adId, 'male', 3500)];
		const r = optimize({ variants: [A, other], rows: breakdown });
		const skew = r.alerts.filter((a) => a.type === 'deliverySkew');
		expect(skew).toHaveLength(1);
		expect(skew[0]).toMatchObject({ segmentId: 's_deal', numbers: { attribute: 'gender', family: 'sex and gender', value: 'female', share: 0.3, reference: 0.4 } });
		// s_premium: men get 50% against 60% overall, a ratio of 0.83, above the four-fifths line
		expect(r.report.rows).toMatchObject({ in: 4, used: 4, breakdown: 4 });
		expect(r.decisions.every((d) => d.totals.impressions === 0)).toBe(true);
	});

	it('checks attribute names it is told are protected, with a given reference', () => {
		const g = (tier: string, impressions: number) => ({ ...rows(A.adId, 1, { impressions, clicks: 10, conversions: 1 })[0], breakdown: { income_band: tier } });
		const r = optimize({ variants: [A], rows: [g('low', 500), g('high', 4500)] }, { protectedAttributes: ['income_band'], referenceShares: { income_band: { low: 0.5, high: 0.5 } } });
		expect(r.alerts.map((a) => a.numbers.value)).toEqual(['low']);
	});
});

describe('optimize: report and arbitrage', () => {
	const summaries: RunSummary[] = [
		{ kind: 'runSummary', node: 'personaBuilder', mode: 'llm', model: 'gpt-4o-mini', units: 1, calls: 1, repairCalls: 0, promptTokens: 1200, completionTokens: 600, answersWithoutUsage: 0, costUsd: 0.0006, fallbacks: 0, outputs: 1, createdAt: '2026-03-01T00:00:00.000Z' },
		{ kind: 'runSummary', node: 'adGenerator', mode: 'llm', model: 'gpt-4o-mini', units: 1, calls: 1, repairCalls: 1, promptTokens: 3000, completionTokens: 1500, answersWithoutUsage: 0, costUsd: 0.0014, fallbacks: 0, outputs: 3, createdAt: '2026-03-01T00:00:00.000Z' },
	];
	const r = optimize({ variants: [A, B, C], rows: CLEAR, personas: [PERSONA], runSummaries: summaries }, { baseline: { period: { from: '2026-03-01', to: '2026-03-05' } } });

	it('weighs the model spend against the manual hours for the same output, with editable rates', () => {
		const a = r.report.arbitrage;
		expect(a.ai).toMatchObject({ runs: 2, calls: 3, promptTokens: 4200, completionTokens: 2100, known: true, models: ['gpt-4o-mini'] });
		expect(a.ai.costUsd).toBeCloseTo(0.002, 12);
		// 1 persona × 4 h + 3 variants × (0.5 + 0.25) h + 1 test × 0.5 h = 6.75 h at $36
		expect(a.manual.hours.total).toBeCloseTo(6.75, 12);
		expect(a.manual.costUsd).toBeCloseTo(243, 9);
		expect(a.savingsUsd).toBeCloseTo(243 - 0.002, 9);
		const cheaper = optimize({ variants: [A, B, C], rows: CLEAR, personas: [PERSONA], runSummaries: summaries }, { manualEffort: { hourlyRateUsd: 20 } });
		expect(cheaper.report.arbitrage.manual.costUsd).toBeCloseTo(135, 9);
	});

	it('says the AI cost is unknown, not zero, without run summaries', () => {
		const none = optimize({ variants: [A, B, C], rows: CLEAR });
		expect(none.report.arbitrage.ai.known).toBe(false);
		expect(none.report.arbitrage.savingsUsd).toBeNull();
	});

	it('compares CPA and ROAS after a baseline period with the period itself', () => {
		// the rows are steady, so CPA and ROAS do not move
		expect(r.report.baseline.source).toBe('period');
		expect(r.report.baseline.baseline.cpa).toBeCloseTo(r.report.baseline.current.cpa!, 9);
		expect(r.report.baseline.change.cpa).toBeCloseTo(0, 9);
	});

	it('breaks performance down by segment, persona, channel and variant', () => {
		expect(r.report.bySegment.map((g) => g.key)).toEqual(['s_premium']);
		expect(r.report.byChannel[0].totals.impressions).toBe(60000);
		expect(r.report.leaderboard[0].adId).toBe(B.adId);
		expect(r.report.leaderboard[0].metricLower).toBeLessThan(r.report.leaderboard[0].metricMean);
		expect(r.report.tests[0]).toMatchObject({ verdict: 'winner', winner: B.adId, control: A.adId });
	});
});
