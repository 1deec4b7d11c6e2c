/**
 * templates/weekly-optimization.json, the real weekly loop, run from its Schedule Trigger through
 * n8n's engine: last week's rows come from a local Google Ads server (seeded for the ads under
 * test), the Optimizer decides, the losers' persona is regenerated, the new challengers are
 * audited, a pinned Slack approval approves one and declines the other, and only the approved one
 * reaches Google Ads, as a validateOnly (dry run) mutate. The Optimizer's alerts go to Slack.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AdVariant } from '../../lib/contracts';
import { createEngine, readWorkflow, type Item, type WorkflowJson } from '../support/engine';
import { runWorkflowInChildProcess, type ChildRunResult } from '../support/engine-process';
import { createGoogleAdsServer, googleAdsCredential, type GoogleAdsServer } from '../support/google-ads-server';

const engine = createEngine();
const TEMPLATE = 'templates/weekly-optimization.json';

const credentials = (baseUrl: string, accessToken?: string): Record<string, IDataObject> => ({
	journeyAdsGoogleAdsOAuth2Api: googleAdsCredential(baseUrl, accessToken),
});

/** YYYY-MM-DD, `n` days before today (UTC). */
function daysAgo(n: number): string {
	return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** Conversions per ad and day (the Optimizer decides once every arm has 150): persona_s1's B wins clearly; persona_s2's three are alike. */
const CONVERSIONS: Record<string, number[]> = {
	ad_37c36437e451e0_gsa: [40, 29, 35, 33, 31],
	ad_37c36437e451e0_gsb: [76, 58, 59, 53, 57],
	ad_37c36437e451e0_gsc: [43, 28, 43, 37, 40],
	ad_996eab4f174fb0_gsa: [41, 38, 34, 36, 39],
	ad_996eab4f174fb0_gsb: [35, 35, 47, 40, 41],
	ad_996eab4f174fb0_gsc: [33, 44, 33, 27, 34],
};
/** persona_s2's C was shown far less than its rivals: a sample-ratio mismatch, which the Optimizer alerts on. */
const impressionsOf = (adId: string) => (adId === 'ad_996eab4f174fb0_gsc' ? 1500 : 3000);

describe('the weekly optimisation template, from its Schedule Trigger', () => {
	let server: GoogleAdsServer;
	let run: ChildRunResult;
	let template: WorkflowJson;
	let seeded: number;
	let underTest: AdVariant[];

	beforeAll(async () => {
		server = createGoogleAdsServer();
		const baseUrl = await server.start();
		template = readWorkflow(TEMPLATE);
		underTest = (template.pinData!['Ads Under Test'] as Array<{ json: AdVariant }>).map((i) => i.json);

		// A previous run created the ads under test on Google Ads: do that with the Deployer itself.
		const deployer = template.nodes.find((n) => n.name === 'Ad Deployer')!;
		const previous = await engine.runWorkflow(
			{
				name: 'previous run',
				nodes: [{ ...deployer, parameters: { ...deployer.parameters, dryRun: false, approved: true } }],
				connections: {},
			},
			{ credentials: credentials(baseUrl), inputItems: underTest.map((v) => ({ json: v as unknown as IDataObject })) },
		);
		expect(previous.error).toBeUndefined();
		const created = previous.outputs['Ad Deployer'][0].map((i) => i.json as IDataObject);
		expect(created.filter((c) => c.status === 'created')).toHaveLength(underTest.length);

		seeded = 0;
		for (const c of created) {
			const adGroupAd = (c.remoteIds as IDataObject).adGroupAd as string;
			CONVERSIONS[c.adId as string].forEach((conversions, day) => {
				const impressions = impressionsOf(c.adId as string);
				server.addMetrics(adGroupAd, daysAgo(6 - day), {
					impressions: String(impressions),
					clicks: String(Math.round(impressions / 20)),
					conversions,
					conversionsValue: conversions * 48,
					costMicros: '18000000',
				});
				seeded += 1;
			});
			// outside last week's window: must not be read
			server.addMetrics(adGroupAd, daysAgo(30), { impressions: '9999', clicks: '1', conversions: 0, conversionsValue: 0, costMicros: '0' });
		}
		server.requests.length = 0;

		// Slack is pinned: the approval approves the first challenger and declines the second.
		const workflow: WorkflowJson = {
			...template,
			pinData: {
				...template.pinData,
				'Ask for Approval': [{ json: { data: { approved: true } } }, { json: { data: { approved: false } } }],
				'Alert to Slack': [{ json: { ok: true } }],
			},
		};
		// Slack's node pulls in ESM dependencies Jest's module loader cannot run: the workflow runs in a child process.
		run = await runWorkflowInChildProcess(workflow, { startNode: 'Every Monday', credentials: credentials(baseUrl) });
	});
	afterAll(async () => server.stop());

	it('is a weekly Schedule Trigger that runs to the end', () => {
		const trigger = template.nodes.find((n) => n.name === 'Every Monday')!;
		expect(trigger.type).toBe('n8n-nodes-base.scheduleTrigger');
		expect(JSON.stringify(trigger.parameters)).toContain('"field":"weeks"');
		expect(run.error).toBeUndefined();
		expect(run.finished).toBe(true);
		expect(run.nodeOrder).toEqual(
			expect.arrayContaining(['Performance (Google Ads)', 'Ad Optimizer', 'Ad Generator (New Challengers)', 'Bias Auditor', 'Ask for Approval', 'Ad Deployer', 'Alert to Slack']),
		);
	});

	it("reads last week's rows from Google Ads and the Optimizer accounts for every one", () => {
		const searches = server.requests.filter((r) => r.url.includes('googleAds:search'));
		expect(searches.length).toBeGreaterThan(0);
		const rows = run.outputs['Performance (Google Ads)'][0].map((i) => i.json as IDataObject);
		expect(rows).toHaveLength(seeded);
		expect(new Set(rows.map((r) => r.adId))).toEqual(new Set(underTest.map((v) => v.adId)));
		expect(rows.every((r) => (r.date as string) >= daysAgo(7))).toBe(true);
		const report = run.outputs['Ad Optimizer'][3][0].json as IDataObject;
		const counted = report.rows as IDataObject;
		expect(counted.in).toBe(seeded);
		expect((counted.used as number) + (counted.rejected as number) + (counted.unmatched as number)).toBe(seeded);
		expect(counted.used).toBe(seeded);
	});

	it("regenerates persona_s1's losers and the Ad Generator writes new challengers for them", () => {
		const decisions = run.outputs['Ad Optimizer'][0].map((i) => i.json as IDataObject);
		const s1 = decisions.filter((d) => d.personaId === 'persona_s1');
		expect(s1.map((d) => `${d.variantGroup}:${d.decision}`)).toEqual(['A:regenerate', 'B:scale', 'C:regenerate']);
		const regenerate = run.outputs['Ad Optimizer'][1].map((i) => i.json as IDataObject);
		expect(regenerate.map((p) => p.personaId)).toEqual(['persona_s1']);
		const challengers = run.outputs['Ad Generator (New Challengers)'][0].map((i: Item) => i.json as unknown as AdVariant);
		expect(challengers.map((v) => v.variantGroup)).toEqual(['D', 'E']);
		expect(challengers.every((v) => v.personaId === 'persona_s1')).toBe(true);
	});

	it('audits every new challenger before it is offered for approval', () => {
		const generated = run.outputs['Ad Generator (New Challengers)'][0].map((i) => i.json.adId);
		const audited = [0, 1, 2].flatMap((o) => (run.outputs['Bias Auditor'][o] ?? []).map((i) => i.json.adId));
		expect([...audited].sort()).toEqual([...generated].sort());
		// both pass here, so both are offered on Slack (the pin answers for two)
		expect(run.outputs['Bias Auditor'][0].map((i) => i.json.adId)).toEqual(generated);
	});

	it('sends only the approved challenger to Google Ads, as validateOnly, paused', () => {
		const approvedId = run.outputs['Bias Auditor'][0][0].json.adId;
		const declinedId = run.outputs['Bias Auditor'][0][1].json.adId;
		const results = run.outputs['Ad Deployer'].flat().map((i) => i.json as IDataObject);
		const mutates = server.requests.filter((r) => r.url.includes('googleAds:mutate'));
		expect(mutates.length).toBeGreaterThan(0);
		expect(mutates.every((m) => m.body?.validateOnly === true)).toBe(true);
		const sent = JSON.stringify(mutates.map((m) => m.body));
		expect(sent).toContain(String(approvedId));
		expect(sent).not.toContain(String(declinedId));
		expect(sent).toContain('"PAUSED"');
		expect(results.find((r) => r.adId === approvedId)?.status).toBe('validated');
		expect(results.find((r) => r.adId === declinedId)?.status).not.toMatch(/created|validated/);
	});

	it("routes the Optimizer's alerts to the Slack message node", () => {
		const alerts = run.outputs['Ad Optimizer'][2].map((i) => i.json as IDataObject);
		expect(alerts.length).toBeGreaterThan(0);
		expect(JSON.stringify(alerts)).toContain('persona_s2');
		expect(run.sources['Alert to Slack']).toEqual([expect.objectContaining({ previousNode: 'Ad Optimizer', previousNodeOutput: 2 })]);
		const slack = template.nodes.find((n) => n.name === 'Alert to Slack')!;
		expect(slack.type).toBe('n8n-nodes-base.slack');
		expect(slack.parameters.operation ?? 'post').toBe('post');
	});
});
