import type { IDataObject } from 'n8n-workflow';

import { AdVariant as AdVariantSchema, Persona as PersonaSchema, RegenerationFeedback } from '../../lib/contracts';
import { createEngine, readWorkflow, type Item, type RunResult, type WorkflowJson } from '../support/engine';

const engine = createEngine();
const TEMPLATE = 'templates/optimization-loop.json';

describe('the optimisation-loop template through the engine', () => {
	let run: RunResult;
	let template: WorkflowJson;
	const out = (index: number) => run.outputs['Ad Optimizer'][index];

	beforeAll(async () => {
		template = readWorkflow(TEMPLATE);
		run = await engine.runWorkflow(template, { startNode: 'Every Morning' });
	});

	it('runs to the end: pinned stand-ins -> Merge -> Ad Optimizer -> Ad Generator -> Bias Auditor', () => {
		expect(run.error).toBeUndefined();
		expect(run.nodeOrder).toEqual(expect.arrayContaining(['Merge', 'Ad Optimizer', 'Ad Generator (New Challengers)', 'Bias Auditor']));
	});

	it('decides every variant: the clear winner is scaled, its rivals regenerated, the no-difference test kept', () => {
		const decisions = out(0).map((i) => i.json as IDataObject);
		expect(decisions).toHaveLength(6);
		const s1 = decisions.filter((d) => d.personaId === 'persona_s1');
		expect(s1.map((d) => `${d.variantGroup}:${d.decision}`)).toEqual(['A:regenerate', 'B:scale', 'C:regenerate']);
		const s2 = decisions.filter((d) => d.personaId === 'persona_s2');
		expect(s2.every((d) => d.decision === 'keep' && d.verdict === 'inconclusive')).toBe(true);
		expect(String((s2[0].sampleSize as IDataObject).message)).toMatch(/^about \d+ more days at current traffic/);
		for (const item of out(0)) expect(item.pairedItem).toBeDefined();
	});

	it('sends a Regenerate item that the Persona contract accepts, with the feedback the Ad Generator needs', () => {
		expect(out(1)).toHaveLength(1);
		const persona = PersonaSchema.parse(out(1)[0].json);
		const fb = RegenerationFeedback.parse(persona.feedback);
		expect(fb.personaId).toBe('persona_s1');
		expect(fb.channels).toEqual(['google_search']);
		expect(fb.tests[0].winner.angle).toBe('urgency');
		expect(fb.tests[0].replace.map((r) => r.variantGroup)).toEqual(['A', 'C']);
		expect(out(1)[0].pairedItem).toBeDefined();
	});

	it('feeds the Ad Generator, which writes valid new challengers for the regenerated channel', () => {
		const variants = run.outputs['Ad Generator (New Challengers)'][0].map((i: Item) => AdVariantSchema.parse(i.json));
		expect(variants.length).toBe(2);
		expect(variants.every((v) => v.personaId === 'persona_s1' && v.channel === 'google_search')).toBe(true);
		// labelled after the test's A, B, C; the winner's angle first
		expect(variants.map((v) => v.variantGroup)).toEqual(['D', 'E']);
		expect(variants[0].angle).toBe('urgency');
	});

	it('audits the new challengers before anything can deploy them: each on exactly one verdict output', () => {
		const generated = run.outputs['Ad Generator (New Challengers)'][0].map((i: Item) => i.json.adId);
		const audited = [0, 1, 2].flatMap((o) => (run.outputs['Bias Auditor'][o] ?? []).map((i: Item) => i.json.adId));
		expect(audited.sort()).toEqual([...generated].sort());
	});

	it('accounts for every performance row: the broken and the unmatched ones come out on Rejected with reasons', () => {
		const report = out(3)[0].json as IDataObject;
		const rows = report.rows as IDataObject;
		const pinned = (template.pinData!.Performance as unknown[]).length;
		expect(rows.in).toBe(pinned);
		expect((rows.used as number) + (rows.rejected as number) + (rows.unmatched as number)).toBe(pinned);
		const rejected = out(4).map((i) => i.json as IDataObject);
		expect(rejected.map((r) => r.kind).sort()).toEqual(['rejectedRow', 'unmatchedRow']);
		expect(JSON.stringify(rejected)).toContain('exceed impressions');
	});

	it('reports the budget split and the cost-benefit view', () => {
		const report = out(3)[0].json as IDataObject;
		const arbitrage = report.arbitrage as IDataObject;
		expect((arbitrage.ai as IDataObject).known).toBe(true);
		expect((arbitrage.output as IDataObject).variants).toBe(6);
		const budget = report.budget as IDataObject;
		expect((budget.segments as IDataObject[]).reduce((s, x) => s + (x.share as number), 0)).toBeCloseTo(1, 9);
		expect(budget.totalBudget).toBe(1000);
	});
});

describe('Ad Optimizer node on bad input', () => {
	const direct = (settings: IDataObject = {}): WorkflowJson => ({
		name: 'optimizer test',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{ name: 'Ad Optimizer', type: 'n8n-nodes-journey-ads.adOptimizer', typeVersion: 1, position: [200, 0], parameters: {}, ...settings },
		],
		connections: { Start: { main: [[{ node: 'Ad Optimizer', type: 'main', index: 0 }]] } },
	});
	const badVariant = { kind: 'adVariant', adId: 'x' };

	it('stops with the item and field of an invalid variant', async () => {
		const run = await engine.runWorkflow(direct(), { startNode: 'Start', inputItems: [{ json: badVariant }] });
		expect(run.error?.message).toContain('Item 0 is not a valid ad variant');
	});

	it('with continue-on-fail, routes the invalid item to Rejected and goes on', async () => {
		const run = await engine.runWorkflow(direct({ continueOnFail: true }), { startNode: 'Start', inputItems: [{ json: badVariant }] });
		expect(run.error).toBeUndefined();
		const rejected = run.outputs['Ad Optimizer'][4];
		expect(rejected).toHaveLength(1);
		expect(rejected[0].json.error).toContain('is not a valid ad variant');
		expect(rejected[0].pairedItem).toEqual({ item: 0 });
	});

	it('refuses performance rows with no variants to join them to', async () => {
		const row = { kind: 'performanceRow', adId: 'a', platform: 'google_ads', date: '2026-03-01', impressions: 1, clicks: 0, conversions: 0, cost: 0, revenue: 0, currency: 'USD' };
		const run = await engine.runWorkflow(direct(), { startNode: 'Start', inputItems: [{ json: row }] });
		expect(run.error?.message).toContain('No ad variants in the input');
	});
});
