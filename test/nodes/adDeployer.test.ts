import type { IDataObject } from 'n8n-workflow';
import { parse } from 'csv-parse/sync';

import type { AdVariant, DeploymentResult } from '../../lib/contracts';
import { DeploymentResult as DeploymentResultSchema } from '../../lib/contracts';
import { createEngine, readWorkflow, type Item, type WorkflowJson } from '../support/engine';

const engine = createEngine();

/** The quickstart up to the Ad Generator, then the Ad Deployer with the given parameters. */
function pipeline(deployer: IDataObject, channels = ['google_search', 'microsoft_search', 'meta_feed', 'linkedin', 'email']): WorkflowJson {
	const quickstart = readWorkflow('templates/quickstart.json');
	const nodes = quickstart.nodes.filter((n) => n.type !== 'n8n-nodes-journey-ads.adDeployer');
	const generator = nodes.find((n) => n.name === 'Ad Generator');
	if (!generator) throw new Error('quickstart has no Ad Generator');
	generator.parameters = { ...generator.parameters, channels, variantsPerPersona: 2 };
	nodes.push({ name: 'Ad Deployer', type: 'n8n-nodes-journey-ads.adDeployer', typeVersion: 1, position: [1320, 300], parameters: deployer });
	return {
		...quickstart,
		nodes,
		connections: { ...quickstart.connections, 'Ad Generator': { main: [[{ node: 'Ad Deployer', type: 'main', index: 0 }], []] } },
	};
}

describe('Ad Deployer, Bulk File → Export, after the Ad Generator', () => {
	let results: DeploymentResult[];
	let files: Item[];
	let ads: AdVariant[];

	beforeAll(async () => {
		const run = await engine.runWorkflow(
			pipeline({ resource: 'bulkFile', operation: 'export', approved: "={{ $json.variantGroup === 'A' }}", keywords: "={{ $('Persona Builder').item.json.keywords.join(', ') }}" }),
		);
		expect(run.error).toBeUndefined();
		ads = run.outputs['Ad Generator'][0].map((i) => i.json as unknown as AdVariant);
		results = run.outputs['Ad Deployer'][0].map((i) => i.json as unknown as DeploymentResult);
		files = run.outputs['Ad Deployer'][1];
	});

	it('reports one result per ad, on the DeploymentResult contract, paired with its input', async () => {
		expect(results).toHaveLength(ads.length);
		for (const r of results) DeploymentResultSchema.parse(r);
		expect(results.map((r) => r.adId)).toEqual(ads.map((a) => a.adId));
	});

	it('exports approved search and Meta ads, skips unapproved ones and channels without a bulk file', () => {
		results.forEach((r, i) => {
			const ad = ads[i];
			const expected = ad.variantGroup !== 'A' ? 'skipped' : ['google_search', 'microsoft_search', 'meta_feed'].includes(ad.channel) ? 'exported' : 'skipped';
			expect({ adId: r.adId, status: r.status }).toEqual({ adId: ad.adId, status: expected });
			if (ad.variantGroup !== 'A') expect(r.reason).toBe('notApproved');
		});
	});

	it('writes one file per platform as binary data, each parsing back to its header and rows', () => {
		expect(files.map((f) => f.json.fileName)).toEqual(['google-ads-editor.csv', 'microsoft-advertising-bulk.csv', 'meta-ads-manager-import.csv']);
		for (const f of files) {
			const binary = (f as unknown as { binary: Record<string, { data: string; mimeType: string }> }).binary.data;
			expect(binary.mimeType).toBe('text/csv');
			const rows = parse(Buffer.from(binary.data, 'base64').toString('utf8'), { columns: true }) as Array<Record<string, string>>;
			expect(rows.length).toBeGreaterThan(0);
		}
	});
});

/** Start (No Op) -> Ad Deployer, fed with the given items. */
function direct(parameters: IDataObject, settings: IDataObject = {}): WorkflowJson {
	return {
		name: 'ad deployer test',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{ name: 'Ad Deployer', type: 'n8n-nodes-journey-ads.adDeployer', typeVersion: 1, position: [200, 0], parameters, ...settings },
		],
		connections: { Start: { main: [[{ node: 'Ad Deployer', type: 'main', index: 0 }]] } },
	};
}

async function deploy(items: unknown[], parameters: IDataObject, settings: IDataObject = {}) {
	const run = await engine.runWorkflow(direct(parameters, settings), { startNode: 'Start', inputItems: items.map((json) => ({ json: json as IDataObject })) });
	return {
		run,
		results: (run.outputs['Ad Deployer']?.[0] ?? []).map((i) => i.json as unknown as DeploymentResult),
		resultItems: run.outputs['Ad Deployer']?.[0] ?? [],
		out: run.outputs['Ad Deployer']?.[1] ?? [],
	};
}

const csvOf = (item: Item): Array<Record<string, string>> => {
	const binary = (item as unknown as { binary: Record<string, { data: string }> }).binary;
	return parse(Buffer.from(binary.data.data, 'base64').toString('utf8'), { columns: true }) as Array<Record<string, string>>;
};

describe('Ad Deployer gate through the engine, on ads with approvals and audits', () => {
	let generated: AdVariant[];
	const EXPORT = { resource: 'bulkFile', operation: 'export', keywords: 'oak shelves, handmade shelves' };
	const blockAudit = {
		verdict: 'block',
		findings: [{ rule: 'protected-attribute-targeting', severity: 'critical', message: 'Targets people by age', evidence: 'over 50' }],
		ruleVersion: 'test-1',
		specialAdCategories: [],
		explanation: 'Targets a protected attribute.',
	};

	beforeAll(async () => {
		const run = await engine.runWorkflow(pipeline({ resource: 'bulkFile', operation: 'export' }, ['google_search', 'meta_feed', 'email']));
		generated = run.outputs['Ad Generator'][0].map((i) => i.json as unknown as AdVariant).filter((a) => a.personaId === run.outputs['Ad Generator'][0][0].json.personaId);
		expect(generated.length).toBe(6);
	});

	it("reads each ad's approval by default: approved exported, unapproved and unmarked skipped", async () => {
		const [a, b, c] = generated.filter((x) => x.channel === 'google_search').concat(generated.filter((x) => x.channel === 'meta_feed'));
		const items = [
			{ ...a, approval: { approved: true, by: 'reviewer' } },
			{ ...b, approval: { approved: false, by: 'reviewer' } },
			c,
		];
		const { run, results } = await deploy(items, EXPORT);
		expect(run.error).toBeUndefined();
		expect(results.map((r) => [r.adId, r.status, r.reason])).toEqual([
			[a.adId, 'exported', undefined],
			[b.adId, 'skipped', 'notApproved'],
			[c.adId, 'skipped', 'notApproved'],
		]);
	});

	it('refuses an ad the auditor blocked even when it is approved and the requirement is off, with the reason on the item', async () => {
		const [a, b] = generated.filter((x) => x.channel === 'google_search');
		const { results, out } = await deploy([{ ...a, audit: blockAudit, approval: { approved: true } }, b], { ...EXPORT, requireApproval: false });
		expect(results[0]).toMatchObject({ adId: a.adId, status: 'skipped', reason: 'blocked', dryRun: true });
		expect(results[0].message).toMatch(/Bias Auditor blocked this ad \(protected-attribute-targeting: Targets people by age\)/);
		// a deliberate refusal is not a failure: n8n would read an `error` on the item as one
		expect(results[0].error).toBeNull();
		expect(results[1]).toMatchObject({ adId: b.adId, status: 'exported' });
		const rows = csvOf(out[0]);
		expect(rows.some((r) => r['Final URL'] === a.finalUrl)).toBe(false);
		expect(rows.some((r) => r['Final URL'] === b.finalUrl)).toBe(true);
	});

	it('refuses an approved ad whose copy holds personal data, keeping it out of the file and the result', async () => {
		const [a, b] = generated.filter((x) => x.channel === 'google_search');
		const leaky = { ...a, approval: { approved: true }, fields: { ...a.fields, descriptions: ['Questions? Call 020 7946 0958 today.', ...(a.fields.descriptions as string[]).slice(1)] } };
		const { results, out } = await deploy([leaky, { ...b, approval: { approved: true } }], EXPORT);
		expect(results[0]).toMatchObject({ adId: a.adId, status: 'failed', reason: 'pii' });
		expect(results[0].error).toMatch(/fields\.descriptions\.0 \(phone\)/);
		expect(JSON.stringify(results[0])).not.toContain('7946');
		const content = Buffer.from((out[0] as unknown as { binary: { data: { data: string } } }).binary.data.data, 'base64').toString('utf8');
		expect(content).not.toContain('7946');
		expect(results[1].status).toBe('exported');
	});

	it('writes everything paused by default; enabled only when the status is set on purpose', async () => {
		const items = generated.filter((x) => x.channel === 'google_search').map((x) => ({ ...x, approval: { approved: true } }));
		const paused = csvOf((await deploy(items, EXPORT)).out[0]);
		expect(new Set(paused.map((r) => r['Campaign Status'] || r['Ad Group Status'] || r.Status))).toEqual(new Set(['Paused']));
		const live = await deploy(items, { ...EXPORT, fileStatus: 'enabled' });
		expect(new Set(csvOf(live.out[0]).map((r) => r['Campaign Status'] || r['Ad Group Status'] || r.Status))).toEqual(new Set(['Enabled']));
		expect(live.out[0].json.status).toBe('enabled');
	});

	it('pairs each file with the inputs of the ads it holds, and each result with its input', async () => {
		const items = generated.map((x) => ({ ...x, approval: { approved: true } }));
		const { out, resultItems } = await deploy(items, EXPORT);
		resultItems.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		const byFile = Object.fromEntries(out.map((f) => [f.json.fileName, f.pairedItem]));
		const indexes = (channel: string) => items.flatMap((x, i) => (x.channel === channel ? [{ item: i }] : []));
		expect(byFile['google-ads-editor.csv']).toEqual(indexes('google_search'));
		expect(byFile['meta-ads-manager-import.csv']).toEqual(indexes('meta_feed'));
		expect(Object.keys(byFile)).toHaveLength(2);
	});

	it('stops naming the item and field when an input is not an ad, or reports it as failed and exports the rest', async () => {
		const good = { ...generated[0], approval: { approved: true } };
		const bad = { ...generated[1], finalUrl: 'not a url' };
		const strict = await deploy([good, bad], EXPORT);
		expect(strict.run.status).toBe('error');
		expect(strict.run.error?.message).toMatch(/Item 1 .*"finalUrl"/);
		const tolerant = await deploy([good, bad], EXPORT, { onError: 'continueRegularOutput' });
		expect(tolerant.run.status).toBe('success');
		expect(tolerant.results.map((r) => [r.adId, r.status, r.reason])).toEqual([
			[good.adId, 'exported', undefined],
			[bad.adId, 'failed', 'input'],
		]);
		expect(tolerant.results[1].error).toMatch(/finalUrl/);
	});
});

describe('Ad Deployer, Email → Prepare, after the Ad Generator', () => {
	let ads: AdVariant[];
	let results: DeploymentResult[];
	let emails: Item[];

	beforeAll(async () => {
		const run = await engine.runWorkflow(
			pipeline({ resource: 'email', operation: 'prepare', requireApproval: false, options: { senderName: 'Juniper & Oak' } }, ['email', 'meta_feed']),
		);
		expect(run.error).toBeUndefined();
		ads = run.outputs['Ad Generator'][0].map((i) => i.json as unknown as AdVariant);
		results = run.outputs['Ad Deployer'][0].map((i) => i.json as unknown as DeploymentResult);
		emails = run.outputs['Ad Deployer'][1];
	});

	it('prepares one ready-to-send item per email ad and reports the other channels as skipped', () => {
		const emailAds = ads.filter((a) => a.channel === 'email');
		expect(emails.map((e) => e.json.adId)).toEqual(emailAds.map((a) => a.adId));
		results.forEach((r, i) => expect([r.adId, r.status]).toEqual([ads[i].adId, ads[i].channel === 'email' ? 'exported' : 'skipped']));
	});

	it("gives each item the fields n8n's mail nodes take: subject, preheader, text, html, with UTM links", () => {
		for (const e of emails) {
			const ad = ads.find((a) => a.adId === e.json.adId) as AdVariant;
			expect(e.json).toMatchObject({ segmentId: ad.segmentId, subject: ad.fields.subject, preheader: ad.fields.preheader });
			expect(String(e.json.html)).toContain(String(ad.fields.preheader).replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
			expect(String(e.json.text)).toContain((e.json.cta as IDataObject).url as string);
			expect(new URL((e.json.cta as IDataObject).url as string).searchParams.get('utm_content')).toBe(ad.adId);
			expect(e.pairedItem).toEqual({ item: ads.indexOf(ad) });
		}
	});
});

describe('the quickstart template', () => {
	it('ends with paused Google and Meta import files and an outcome for every ad the Bias Auditor approved, sending nothing', async () => {
		const run = await engine.runWorkflow(readWorkflow('templates/quickstart.json'));
		expect(run.error).toBeUndefined();
		const ads = run.outputs['Bias Auditor'][0];
		expect(ads.length).toBeGreaterThan(0);
		const results = run.outputs['Ad Deployer'][0].map((i) => i.json as unknown as DeploymentResult);
		expect(results.map((r) => r.adId)).toEqual(ads.map((a) => a.json.adId));
		expect(results.every((r) => r.dryRun)).toBe(true);
		for (const r of results) {
			expect(r.status).toBe(['google_search', 'microsoft_search', 'meta_feed'].includes(String(r.channel)) ? 'exported' : 'skipped');
		}
		const files = run.outputs['Ad Deployer'][1];
		expect(files.map((f) => f.json.fileName)).toEqual(['google-ads-editor.csv', 'meta-ads-manager-import.csv']);
		const google = csvOf(files[0]);
		expect(new Set(google.map((r) => r['Campaign Status'] || r['Ad Group Status'] || r.Status))).toEqual(new Set(['Paused']));
		// Keywords come from the persona each ad was written for, through n8n's item pairing.
		expect(google.filter((r) => r.Keyword).length).toBeGreaterThan(0);
		expect(new Set(csvOf(files[1]).map((r) => r['Ad Status']))).toEqual(new Set(['PAUSED']));
	});
});
