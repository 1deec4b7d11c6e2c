import type { IDataObject } from 'n8n-workflow';

import type { AdVariant } from '../../lib/contracts';
import { createEngine, readWorkflow, type Item, type RunResult, type WorkflowJson } from '../support/engine';

const engine = createEngine();
const COPY_FAMILIES = ['editorial', 'claims', 'personalAttributes', 'inclusiveLanguage', 'pii', 'artefacts'];

/** Start (No Op) -> Bias Auditor, every item on the first input. */
function direct(parameters: IDataObject = {}, settings: IDataObject = {}): WorkflowJson {
	return {
		name: 'bias auditor test',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{ name: 'Bias Auditor', type: 'n8n-nodes-journey-ads.adBiasAuditor', typeVersion: 1, position: [200, 0], parameters, ...settings },
		],
		connections: { Start: { main: [[{ node: 'Bias Auditor', type: 'main', index: 0 }]] } },
	};
}

async function audit(items: IDataObject[], parameters: IDataObject = {}, settings: IDataObject = {}): Promise<RunResult> {
	return await engine.runWorkflow(direct(parameters, settings), { startNode: 'Start', inputItems: items.map((json) => ({ json })) });
}

const adsOf = (items: Item[]) => items.map((i) => i.json as unknown as AdVariant);
const findingsOf = (a: AdVariant) => a.audit!.findings as Array<{ rule: string; evidence: string; overridden?: unknown }>;

describe('the quickstart, Sample Data to the Bias Auditor, through the engine', () => {
	let run: RunResult;
	let ads: AdVariant[];
	let customers: IDataObject[];
	let generated: IDataObject[];

	beforeAll(async () => {
		run = await engine.runWorkflow(readWorkflow('templates/quickstart.json'));
		const out = run.outputs['Bias Auditor'];
		ads = adsOf([...out[0], ...out[1], ...out[2]]);
		customers = run.outputs['Customer Segmenter'][0].map((i) => i.json);
		generated = run.outputs['Ad Generator'][0].map((i) => i.json);
	});

	it('runs with no credentials and audits every generated ad exactly once', () => {
		expect(run.status).toBe('success');
		expect(run.nodeOrder.indexOf('Bias Auditor')).toBe(run.nodeOrder.indexOf('Ad Generator') + 1);
		expect(ads.map((a) => a.adId).sort()).toEqual(generated.map((a) => a.adId as string).sort());
		const report = run.outputs['Bias Auditor'][3][0].json as IDataObject;
		expect(report).toMatchObject({ kind: 'auditReport', inputs: { ads: generated.length, customers: customers.length, rejected: 0 } });
	});

	it('finds nothing in the offline copy: no copy rule fires on any ad', () => {
		const copyFindings = ads.flatMap((a) => findingsOf(a).filter((f) => COPY_FAMILIES.includes(f.rule.split('.')[0])).map((f) => `${a.adId}: ${f.rule} ${f.evidence}`));
		expect(copyFindings).toEqual([]);
		expect(run.outputs['Bias Auditor'][2]).toEqual([]);
	});

	it('approves the compliant offline ads, and sends to review only the ads whose segment fails the fairness check', () => {
		const approved = adsOf(run.outputs['Bias Auditor'][0]);
		const review = adsOf(run.outputs['Bias Auditor'][1]);
		expect(approved.length).toBeGreaterThan(0);
		for (const a of approved) expect(a.audit).toMatchObject({ verdict: 'pass', specialAdCategories: [] });
		for (const a of review) expect(findingsOf(a).every((f) => f.rule === 'fairness.disparateImpact' && f.evidence.startsWith(`segment ${a.segmentId}, `))).toBe(true);
		const report = run.outputs['Bias Auditor'][3][0].json as unknown as { fairness: { tables: Array<{ segmentId?: string; results: Array<{ verdict: string }> }> } };
		const flaggedSegments = report.fairness.tables.filter((t) => t.segmentId && t.results.some((r) => r.verdict === 'flagged')).map((t) => t.segmentId);
		expect([...new Set(review.map((a) => a.segmentId))].sort()).toEqual(flaggedSegments.sort());
	});

	it('approves every ad when the fairness family is off, and carries the rule-set version on each', async () => {
		const again = await audit([...generated, ...customers], { options: { disabledFamilies: ['fairness'] } });
		const approved = adsOf(again.outputs['Bias Auditor'][0]);
		expect(approved).toHaveLength(generated.length);
		expect(new Set(approved.map((a) => a.audit!.ruleVersion)).size).toBe(1);
	});

	it('flags a deliberately skewed segment: one that leaves out every customer aged 18-24', async () => {
		const skewed = customers.map((c) => {
			const attrs = (c.attributes ?? {}) as IDataObject;
			if (c.segmentId === 'seg-1' && attrs.age_band === '18-24') return { ...c, segmentId: 'seg-3' };
			if (c.segmentId !== 'seg-1' && attrs.age_band === '55-64') return { ...c, segmentId: 'seg-1' };
			return c;
		});
		const result = await audit([...generated, ...skewed]);
		const all = adsOf([...result.outputs['Bias Auditor'][0], ...result.outputs['Bias Auditor'][1], ...result.outputs['Bias Auditor'][2]]);
		const seg1 = all.filter((a) => a.segmentId === 'seg-1');
		expect(seg1.length).toBeGreaterThan(0);
		for (const a of seg1) {
			expect(a.audit!.verdict).toBe('review');
			const f = findingsOf(a).find((x) => x.rule === 'fairness.disparateImpact' && x.evidence.startsWith('segment seg-1, age_band'));
			expect(f).toBeDefined();
		}
		const report = result.outputs['Bias Auditor'][3][0].json as unknown as { fairness: { tables: Array<{ segmentId?: string; results: Array<{ attribute: string; verdict: string; groups: Array<{ group: string; rate: number; adverse: boolean }> }> }> } };
		const age = report.fairness.tables.find((t) => t.segmentId === 'seg-1')!.results.find((r) => r.attribute === 'age_band')!;
		expect(age.verdict).toBe('flagged');
		expect(age.groups.find((g) => g.group === '18-24')).toMatchObject({ rate: 0, adverse: true });
	});
});

describe('Bias Auditor node parameters and items', () => {
	const base: IDataObject = {
		kind: 'adVariant', adId: 'a1', personaId: 'p', segmentId: 's1', channel: 'meta_feed', format: 'single_image', cta: 'LEARN_MORE', finalUrl: 'https://example.com/',
		creativeBrief: '', imagePrompt: '', angle: 'benefit', variantGroup: 'A', generator: 'test', promptHash: '', createdAt: '2026-12-01T00:00:00.000Z', validation: { ok: true, issues: [] },
		fields: { primaryText: 'The best personal loans in Texas.', headline: 'Check your rate' },
	};

	it('records an override on the ad and declares the special category detected in the copy', async () => {
		const run = await audit([base], {
			overrides: { override: [{ adId: 'a1', rule: 'claims.unverifiedSuperlative', by: 'Sam (legal)', why: 'Named in the 2026 J.D. Power study on the landing page' }] },
			targeting: JSON.stringify([{ segmentId: 's1', ageMin: 25 }]),
		});
		const blocked = adsOf(run.outputs['Bias Auditor'][2]);
		expect(blocked).toHaveLength(1);
		const a = blocked[0];
		expect(a.audit!.specialAdCategories).toEqual(['financial_products_services']);
		expect(findingsOf(a).find((f) => f.rule === 'claims.unverifiedSuperlative')!.overridden).toEqual({ by: 'Sam (legal)', why: 'Named in the 2026 J.D. Power study on the landing page' });
		expect(findingsOf(a).find((f) => f.rule === 'specialCategory.targeting')!.evidence).toBe('targeting of s1: age 25-65+ narrows the required 18-65+');
		expect(run.outputs['Bias Auditor'][2][0].pairedItem).toEqual({ item: 0, input: 0 });
	});

	it('accepts a superlative the brief substantiates and reads severities from the parameters', async () => {
		const sourced = await audit([{ ...base, fields: { primaryText: 'The best candles, say 2,000 reviewers.', headline: 'Shop' } }], { brief: { claims: 'best | 2,000 verified reviews, Trustpilot 2026' } });
		expect(adsOf(sourced.outputs['Bias Auditor'][0])).toHaveLength(1);
		const strict = await audit([{ ...base, fields: { primaryText: 'The best candles.', headline: 'Shop' } }], { options: { severities: 'claims = critical' } });
		expect(adsOf(strict.outputs['Bias Auditor'][2])).toHaveLength(1);
		const bad = await audit([base], { options: { severities: 'claims: high' } });
		expect(bad.error?.message).toBe('Severities: "claims: high" is not "rule = info | warning | critical"');
	});

	it('names an item it cannot place, and with continue-on-fail counts it in the report', async () => {
		const failed = await audit([{ hello: 'world' }]);
		expect(failed.error?.message).toBe('Input 1, item 0 is neither an ad variant, a segment, a customer with a segmentId nor a targeting (kind "targeting")');
		const kept = await audit([base, { hello: 'world' }], {}, { onError: 'continueRegularOutput' });
		expect(kept.error).toBeUndefined();
		const report = kept.outputs['Bias Auditor'][3][0].json as IDataObject;
		expect(report.inputs).toMatchObject({ ads: 1, rejected: 1 });
		expect(kept.outputs['Bias Auditor'][2].some((i) => typeof i.json.error === 'string')).toBe(true);
	});

	it('names the field of a bad ad variant', async () => {
		const run = await audit([{ ...base, channel: 'tiktok' }]);
		expect(run.error?.message).toMatch(/channel/);
	});
});
