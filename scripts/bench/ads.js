#!/usr/bin/env node
// Offline ad generation throughput. Build first: npx tsc -p tsconfig.json
// Prints one JSON line: {"case":"offline-generation","variantsPerSec":...,"variants":...}
'use strict';

const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { generateAds } = require(path.join(root, 'dist', 'lib', 'ads', 'index.js'));

function persona(id, extra) {
	return {
		kind: 'persona',
		personaId: id,
		segmentId: `s_${id}`,
		name: `Persona ${id}`,
		summary: 'A customer group.',
		demographics: '',
		motivations: [],
		goals: [],
		painPoints: [],
		objections: [],
		preferredChannels: [],
		preferredTimes: [],
		tone: 'friendly',
		keyMessages: [],
		keywords: [],
		evidence: [],
		generator: 'bench',
		...extra,
	};
}

const personas = [
	persona('premium', {
		motivations: ['Values craftsmanship and materials that last'],
		painPoints: ['Shoes that wear out within a season'],
		objections: ['Worried the upgrade is not worth the price'],
		tone: 'polished and appreciative',
		keyMessages: ['Hand-finished leather uppers'],
		keywords: ['leather boots', 'handmade boots', 'premium'],
		evidence: [{ claim: 'Orders again often', feature: 'frequency', value: 4.2, baseline: 1.6 }],
	}),
	persona('deal', {
		motivations: ['Looks for clear value for money'],
		painPoints: ['Shipping costs add up at checkout', 'Hidden fees'],
		objections: ['Is it worth the price compared with cheaper alternatives?'],
		tone: 'straightforward and value-focused',
		keyMessages: ['Upfront pricing and clear value, with no hidden costs'],
		keywords: ['running shoes', 'save', 'deal'],
	}),
	persona('browser', {
		motivations: ['Values speed and simplicity when buying'],
		painPoints: ['Too many options to compare'],
		objections: ['Not ready to decide yet'],
		tone: 'informative and reassuring',
		keyMessages: ['Free size exchanges'],
		keywords: ['trail running shoes', 'reviews', 'easy'],
		evidence: [{ claim: 'Rates highly', feature: 'reviewRating', value: 4.6, baseline: 4.1 }],
	}),
	persona('lapsed', {
		motivations: ['Enjoys a routine that saves time'],
		objections: ['Why come back now, and what has changed?'],
		tone: 'warm and low-pressure',
		keyMessages: ['Fast reorders from your saved sizes'],
		keywords: ['welcome back', 'walking shoes', 'reorder'],
	}),
];

const brief = {
	brand: 'Northwind',
	product: 'Trailhead 2',
	offer: '15% off your first order',
	goal: 'sales',
	landingUrl: 'https://shop.example.com/trailhead?ref=nav',
	bannedWords: ['cheap'],
	requiredPhrases: ['Free returns'],
	variantsPerPersona: 3,
};

const options = { seed: 1, now: '2025-01-01T00:00:00.000Z' };

// warm up
let variants = 0;
for (let i = 0; i < 30; i++) generateAds(personas, brief, { ...options, seed: i });

const minMs = Number(process.argv[2] || 3000);
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
let elapsedMs = 0;
let run = 0;
while (elapsedMs < minMs) {
	const r = generateAds(personas, brief, { ...options, seed: 1000 + run });
	variants += r.variants.length;
	run++;
	elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
}
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(
	`${JSON.stringify({
		case: 'offline-generation',
		variantsPerSec: Math.round((variants / elapsedMs) * 1000),
		variants,
		// on a shared, loaded machine wall time understates throughput: CPU time is reported too
		variantsPerCpuSec: Math.round((variants / cpuMs) * 1000),
		runs: run,
		ms: Math.round(elapsedMs),
	})}\n`,
);
