#!/usr/bin/env node
// Offline ad generation, measured as a user meets it. Build first (npm run bench does).
// Usage: node scripts/bench/ads.js [minMs=3000] [quickstartRuns=5] [maxCalls=1000]
// Prints two JSON lines:
// - {"case":"offline-generation", ...}: variants per CPU second COLD, every call with new personas
//   and a new brief (persona ids, keywords, themes, brand, product and offer vary with a seed), as
//   each workflow run brings; the same figure for one persona set and brief replayed is printed
//   beside it, labelled warm. Target: >= 3,000 cold variants per CPU second.
// - {"case":"offline-quickstart", ...}: the Ad Generator node's own execution time (the engine's
//   runData executionTime) when templates/quickstart.json runs through n8n's engine, several runs.
//   Target: under 100 ms.
'use strict';

const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { generateAds } = require(path.join(root, 'dist', 'lib', 'ads', 'index.js'));
const { Rng } = require(path.join(root, 'dist', 'lib', 'util', 'rng.js'));
const { createEngine, readWorkflow } = require(path.join(root, 'test', 'support', 'engine'));

const POOLS = {
	motivations: [
		'Values craftsmanship and materials that last',
		'Looks for clear value for money',
		'Values speed and simplicity when buying',
		'Enjoys keeping up with what is new',
		'Looks for ideas and inspiration while scrolling',
		'Remembers the brand and would return for the right reason',
		'Wants to close the month without chasing invoices',
	],
	painPoints: [
		'Shoes that wear out within a season',
		'Shipping costs add up at checkout',
		'Too many options to compare',
		'Has gone inactive for months',
		'Spends hours each week on manual work',
	],
	objections: [
		'Worried the upgrade is not worth the price',
		'Not ready to decide yet',
		'Why come back now, and what has changed?',
		'Needs more proof before committing',
	],
	keywords: [
		'leather boots', 'running shoes', 'new arrivals', 'favourites', 'ideas', 'inspiration', 'quality',
		'premium', 'compare', 'reorder', 'welcome back', "what's new", 'trending', 'save', 'reviews',
		'finance teams', 'invoice automation', 'walking shoes', 'home goods', 'when you need it',
	],
	tones: ['polished and appreciative', 'straightforward and value-focused', 'warm and low-pressure', 'upbeat and timely', 'professional'],
	brands: ['Northwind', 'Juniper & Oak', 'Ledgerly', 'Brightbean', 'Fjord Supply', 'Harbor Lane'],
	products: ['Trailhead 2', 'handmade home goods', 'invoicing software', 'coffee subscription', 'rain jackets', 'linen bedding'],
	offers: [undefined, '15% off your first order', 'free shipping on orders over $50', 'a free 30-day trial'],
	goals: ['sales', 'traffic', 'leads', 'awareness', 'winBack'],
};

function some(rng, list, n) {
	return rng.shuffled(list).slice(0, n);
}

/** New personas and brief for call `call`: nothing repeats a previous call's objects or content. */
function freshInput(call) {
	const rng = new Rng(`bench-ads-${call}`);
	const personas = [];
	for (let i = 0; i < 4; i++) {
		const evidence = [];
		if (rng.chance(0.5)) evidence.push({ claim: 'Orders again often', feature: 'frequency', value: 2 + rng.int(5), baseline: 1.6 });
		if (rng.chance(0.3)) evidence.push({ claim: 'Spends well above the average', feature: 'monetary', value: 300 + rng.int(200), baseline: 120 });
		if (rng.chance(0.3)) evidence.push({ claim: 'Rates products highly', feature: 'reviewRating', value: 4.6, baseline: 4.1 });
		personas.push({
			kind: 'persona',
			personaId: `p_${call}_${i}`,
			segmentId: `s_${call}_${i}`,
			name: `Persona ${call}-${i}`,
			summary: 'A customer group.',
			demographics: '',
			motivations: some(rng, POOLS.motivations, 2),
			goals: [],
			painPoints: some(rng, POOLS.painPoints, 1 + rng.int(2)),
			objections: some(rng, POOLS.objections, 1 + rng.int(2)),
			preferredChannels: [],
			preferredTimes: [],
			tone: rng.pick(POOLS.tones),
			keyMessages: [],
			keywords: some(rng, POOLS.keywords, 3 + rng.int(3)),
			evidence,
			generator: 'bench',
		});
	}
	const brief = {
		brand: rng.pick(POOLS.brands),
		product: rng.pick(POOLS.products),
		offer: rng.pick(POOLS.offers),
		goal: rng.pick(POOLS.goals),
		landingUrl: `https://shop${call}.example.com/landing?ref=bench`,
		bannedWords: ['cheap'],
		requiredPhrases: rng.chance(0.5) ? ['Free returns'] : [],
		variantsPerPersona: 3,
	};
	return { personas, brief };
}

/**
 * Variants per CPU second over the given inputs (or until `minMs` have passed). Inputs are built
 * before the clock starts, so only generation is timed.
 */
function measure(inputs, minMs) {
	let variants = 0;
	let calls = 0;
	const cpuStart = process.cpuUsage();
	const start = process.hrtime.bigint();
	let elapsedMs = 0;
	while (elapsedMs < minMs && calls < inputs.length) {
		const { personas, brief } = inputs[calls];
		variants += generateAds(personas, brief, { seed: calls, now: '2025-01-01T00:00:00.000Z' }).variants.length;
		calls++;
		elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
	}
	const cpu = process.cpuUsage(cpuStart);
	const cpuMs = (cpu.user + cpu.system) / 1000;
	return { variants, calls, variantsPerCpuSec: Math.round((variants / cpuMs) * 1000), variantsPerSec: Math.round((variants / elapsedMs) * 1000) };
}

async function quickstart(runs) {
	const engine = createEngine();
	const workflow = readWorkflow(path.join(root, 'templates', 'quickstart.json'));
	const ms = [];
	let variants = 0;
	for (let i = 0; i < runs; i++) {
		const run = await engine.runWorkflow(workflow, { staticData: {} });
		if (run.status !== 'success') throw new Error(run.error?.message ?? 'quickstart failed');
		ms.push(run.runData['Ad Generator'][0].executionTime);
		variants = run.outputs['Ad Generator'][0].length;
	}
	const sorted = [...ms].sort((a, b) => a - b);
	return { runs, variants, nodeMs: ms, medianNodeMs: sorted[Math.floor(sorted.length / 2)], maxNodeMs: sorted[sorted.length - 1] };
}

async function main() {
	const minMs = Number(process.argv[2] || 3000);
	// warm-up on inputs of their own, so neither figure starts with a cold JIT
	for (let i = 0; i < 20; i++) {
		const { personas, brief } = freshInput(1e6 + i);
		generateAds(personas, brief, { seed: i });
	}
	const calls = Number(process.argv[4] || 1000);
	const cold = measure(Array.from({ length: calls }, (_, call) => freshInput(call)), minMs);
	const replayed = freshInput(-1);
	const warm = measure(Array.from({ length: calls }, () => replayed), minMs);
	process.stdout.write(
		`${JSON.stringify({
			case: 'offline-generation',
			coldVariantsPerCpuSec: cold.variantsPerCpuSec,
			coldVariantsPerSec: cold.variantsPerSec,
			coldCalls: cold.calls,
			warmVariantsPerCpuSec: warm.variantsPerCpuSec,
			warmNote: 'warm: the same four personas and brief on every call',
			targetColdVariantsPerCpuSec: 3000,
		})}\n`,
	);
	const q = await quickstart(Number(process.argv[3] || 5));
	process.stdout.write(
		`${JSON.stringify({
			case: 'offline-quickstart',
			adGeneratorMedianMs: q.medianNodeMs,
			adGeneratorMaxMs: q.maxNodeMs,
			adGeneratorRunsMs: q.nodeMs,
			variants: q.variants,
			targetMs: 100,
		})}\n`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
