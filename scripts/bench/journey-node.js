#!/usr/bin/env node
// Benchmark: 1M sample events through the Journey Mapper NODE in n8n's real execution engine
// (Manual Trigger -> Sample Data -> Journey Mapper, built nodes from dist/). Prints one JSON line:
// {"case":"journey-node-1m","events":...,"eventsPerSec":...,"nodeMs":...,"peakRssMB":...}.
// eventsPerSec counts the Journey Mapper node's own execution time; peakRssMB is the whole
// process (generator, engine items and the node), the figure the 2 GB target is about.
// Build first (npm run bench does). Usage: node scripts/bench/journey-node.js [customers]
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { createEngine } = require(path.join(root, 'test', 'support', 'engine'));

const customers = Number(process.argv[2] ?? 30000);

async function main() {
	const engine = createEngine();
	const workflow = {
		name: 'bench journey node',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ name: 'Sample Data', type: 'n8n-nodes-journey-ads.journeyAdsSampleData', typeVersion: 1, position: [200, 0], parameters: { customers, seed: 42, options: {} } },
			{ name: 'Journey Mapper', type: 'n8n-nodes-journey-ads.journeyMapper', typeVersion: 1, position: [400, 0], parameters: { source: 'auto', pseudonymize: true, dropWithoutConsent: true, options: {} } },
		],
		connections: {
			Start: { main: [[{ node: 'Sample Data', type: 'main', index: 0 }]] },
			'Sample Data': { main: [[{ node: 'Journey Mapper', type: 'main', index: 0 }]] },
		},
	};
	const started = Date.now();
	const run = await engine.runWorkflow(workflow, { staticData: {} });
	if (run.status !== 'success') throw new Error(run.error?.message ?? 'workflow failed');
	const events = run.outputs['Sample Data'][0].length;
	const nodeMs = run.runData['Journey Mapper'][0].executionTime;
	const map = run.outputs['Journey Mapper'][1][0].json;
	console.log(
		JSON.stringify({
			case: events >= 1e6 ? 'journey-node-1m' : `journey-node-${Math.round(events / 1000)}k`,
			events,
			customers: map.counts.customers,
			eventsPerSec: Math.round(events / (nodeMs / 1000)),
			nodeMs,
			sampleDataMs: run.runData['Sample Data'][0].executionTime,
			workflowMs: Date.now() - started,
			peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
			targetPeakRssMB: 2048,
		}),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
