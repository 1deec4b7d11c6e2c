#!/usr/bin/env node
// The main job: runs templates/quickstart.json (on bundled sample data) through n8n's real
// execution engine with the built nodes from dist/, writes every stage's items to
// demo-output/<node>.json and a self-contained report to demo-output/report.html.
// Usage: npm run demo   (builds first)   or   node scripts/demo.js [--customers N] [--seed S]
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
if (!fs.existsSync(path.join(root, 'dist', 'lib'))) {
	console.error('dist/ is missing: run `npm run build` first (or use `npm run demo`).');
	process.exit(1);
}
const { createEngine, readWorkflow, PACKAGE_NAME } = require('../test/support/engine');
const { renderReport } = require('../dist/lib/report');

function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : fallback;
}

const SOURCE_LABELS = {
	hubspot: 'HubSpot contacts',
	salesforce: 'Salesforce records',
	ga4: 'GA4 events',
	mailchimp: 'Mailchimp activity',
	metaAds: 'Meta Ads insights',
	shopify: 'Shopify orders',
	support: 'Support tickets',
};

function slug(name) {
	return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function main() {
	const outDir = path.resolve(root, arg('out', 'demo-output'));
	fs.mkdirSync(outDir, { recursive: true });
	const workflow = readWorkflow('templates/quickstart.json');
	const sample = workflow.nodes.find((n) => n.type === `${PACKAGE_NAME}.journeyAdsSampleData`);
	if (sample) {
		sample.parameters.customers = Number(arg('customers', sample.parameters.customers ?? 500));
		sample.parameters.seed = Number(arg('seed', sample.parameters.seed ?? 42));
	}

	const engine = createEngine();
	const run = await engine.runWorkflow(workflow);
	if (run.status !== 'success') {
		const message = run.error?.message ?? JSON.stringify(run.error);
		console.error(`The quickstart workflow failed: ${message}`);
		process.exit(1);
	}

	const byType = (name) => workflow.nodes.find((n) => n.type === `${PACKAGE_NAME}.${name}` && run.outputs[n.name]);
	const outputOf = (name, index = 0) => {
		const node = byType(name);
		return node ? (run.outputs[node.name][index] ?? []).map((i) => i.json) : undefined;
	};

	// Every stage's items, one file per node and output.
	const timings = [];
	for (const name of run.nodeOrder) {
		const outputs = run.outputs[name] ?? [];
		let count = 0;
		const node = workflow.nodes.find((n) => n.name === name);
		const names = engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.outputNames ?? [];
		outputs.forEach((items, index) => {
			count += items.length;
			const suffix = outputs.length > 1 ? `-${slug(names[index] ?? String(index + 1))}` : '';
			fs.writeFileSync(
				path.join(outDir, `${slug(name)}${suffix}.json`),
				JSON.stringify(items.map((i) => i.json), null, 1),
			);
		});
		const task = run.runData[name]?.[0];
		timings.push({ node: name, ms: task?.executionTime ?? 0, items: count });
	}

	const input = { generatedAt: new Date().toISOString(), workflowName: workflow.name, timings };
	const records = outputOf('journeyAdsSampleData');
	if (records) {
		// The Journey Mapper's own source detection names each record's system by its shape.
		const { detectKind } = require('../dist/lib/journey');
		const bySource = {};
		for (const r of records) {
			const s = SOURCE_LABELS[detectKind(r, false)] ?? 'Unrecognised (rejected)';
			bySource[s] = (bySource[s] ?? 0) + 1;
		}
		input.sources = { total: records.length, bySource };
	}
	const journeys = outputOf('journeyMapper', 0);
	if (journeys) {
		input.journeys = { items: journeys, map: outputOf('journeyMapper', 1)[0], rejected: outputOf('journeyMapper', 2) };
	}
	const segments = outputOf('customerSegmenter', 1);
	if (segments) {
		input.segments = {
			items: segments,
			projection: segments.flatMap((s) => (s.projection ?? []).map((p) => ({ x: p.x, y: p.y, segmentId: s.segmentId }))),
		};
	}
	const personas = outputOf('personaBuilder');
	if (personas) input.personas = personas;
	const ads = outputOf('adGenerator');
	if (ads) {
		const { renderAdPreview } = require('../dist/lib/ads/preview');
		input.ads = ads.map((variant) => ({ variant, previewHtml: renderAdPreview(variant) }));
	}

	const deployer = byType('adDeployer');
	if (deployer) {
		input.deployments = { results: outputOf('adDeployer', 0), files: outputOf('adDeployer', 1) };
		// The Deployer's files, written out as the node after it would store them.
		for (const item of run.outputs[deployer.name][1] ?? []) {
			for (const file of Object.values(item.binary ?? {})) fs.writeFileSync(path.join(outDir, file.fileName), Buffer.from(file.data, 'base64'));
		}
	}

	const html = renderReport(input);
	fs.writeFileSync(path.join(outDir, 'report.html'), html);
	const summary = timings.map((t) => `${t.node}: ${t.items} items`).join(', ');
	console.log(`Ran "${workflow.name}" through the n8n engine in ${run.ms} ms (${summary}).`);
	console.log(`Report: ${path.relative(process.cwd(), path.join(outDir, 'report.html'))}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
