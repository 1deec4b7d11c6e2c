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
