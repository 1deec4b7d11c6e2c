#!/usr/bin/env node
// Bias Auditor throughput: 10,000 offline ad variants (every channel) audited in one call, with
// 2,000 customers carrying protected attributes for the fairness tables. Build first.
// Prints one JSON line: {"case":"audit","adsPerSec":...,"ads":10000,...}
'use strict';

const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { generateAds } = require(path.join(root, 'dist', 'lib', 'ads', 'variants.js'));
const { auditAds } = require(path.join(root, 'dist', 'lib', 'audit', 'index.js'));
const { AD_CHANNELS } = require(path.join(root, 'dist', 'lib', 'contracts', 'index.js'));

function persona(id, segmentId, extra) {
	return {
		kind: 'persona', personaId: id, segmentId, name: `Persona ${id}`, summary: 'A customer group.', demographics: '',
		motivations: ['Values craftsmanship and materials that last'], goals: [], painPoints: ['Shipping costs add up at checkout'],
		objections: ['Not ready to decide yet'], preferredChannels: [], preferredTimes: [], tone: 'friendly',
		keyMessages: ['Hand-finished leather uppers'], keywords: ['leather boots', 'deal', 'reviews'], evidence: [], generator: 'bench', ...extra,
	};
}
const personas = ['a', 'b', 'c', 'd'].map((id, i) => persona(id, `seg-${i + 1}`, {}));
const brief = { brand: 'Northwind', product: 'Trailhead 2', offer: '15% off your first order', goal: 'sales', landingUrl: 'https://shop.example.com/trailhead', variantsPerPersona: 3, channels: [...AD_CHANNELS] };

const target = 10000;
const ads = [];
for (let seed = 1; ads.length < target; seed++) {
	for (const v of generateAds(personas, brief, { seed, now: '2025-01-01T00:00:00.000Z' }).variants) {
		if (ads.length < target) ads.push({ ...v, adId: `${v.adId}-${seed}` });
	}
}
const bands = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
const genders = ['female', 'male', 'non-binary'];
// attributes independent of the segment (a fixed linear congruential sequence), so the fairness tables do real work
let state = 12345;
const next = (n) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
const customers = Array.from({ length: 2000 }, () => ({ segmentId: `seg-${next(4) + 1}`, attributes: { age_band: bands[next(6)], gender: genders[next(3)], plan: 'plus' } }));
const input = { ads, customers, brief: { brand: brief.brand, product: brief.product, offer: brief.offer } };

auditAds({ ads: ads.slice(0, 500), customers, brief: input.brief }); // warm up
if (global.gc) global.gc();
const minRuns = Number(process.argv[2] || 3);
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
let verdicts;
for (let run = 0; run < minRuns; run++) verdicts = auditAds(input).report.verdicts;
const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(
	`${JSON.stringify({
		case: 'audit',
		adsPerSec: Math.round(((ads.length * minRuns) / elapsedMs) * 1000),
		adsPerCpuSec: Math.round(((ads.length * minRuns) / cpuMs) * 1000),
		ads: ads.length,
		customers: customers.length,
		runs: minRuns,
		msPerRun: Math.round(elapsedMs / minRuns),
		verdicts,
		peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
	})}\n`,
);
