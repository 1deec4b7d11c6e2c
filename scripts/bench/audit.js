#!/usr/bin/env node
// Bias Auditor throughput: 10,000 offline ad variants (every channel) audited in one call, with
// 2,000 customers carrying protected attributes for the fairness tables. The ads come from ~480
// personas (21 ads each) of 5 brands with their own keywords, so the texts vary as a real campaign's do (the
// auditor checks each distinct text once per run). Build first.
// Prints one JSON line: {"case":"audit","adsPerSec":...,"ads":10000,...}
'use strict';

const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { generateAds } = require(path.join(root, 'dist', 'lib', 'ads', 'index.js'));
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
const BRANDS = [
	{ brand: 'Northwind', product: 'trail running shoes', offer: '15% off your first order', keywords: ['trail shoes', 'running', 'grip', 'waterproof', 'cushioning'] },
	{ brand: 'Juniper & Oak', product: 'handmade home goods', offer: 'free shipping on orders over $50', keywords: ['ceramics', 'linen', 'gifts', 'handmade', 'home decor'] },
	{ brand: 'Ledgerly', product: 'invoicing software', offer: 'a 30-day free trial', keywords: ['invoicing', 'accounts receivable', 'automation', 'reporting', 'payments'] },
	{ brand: 'Brightbean', product: 'specialty coffee', offer: '2 free bags with a subscription', keywords: ['espresso', 'single origin', 'subscription', 'roast', 'beans'] },
	{ brand: 'Fernway', product: 'indoor plants', offer: 'free delivery this month', keywords: ['houseplants', 'pots', 'plant care', 'greenery', 'succulents'] },
];
const MOTIVES = ['Values craftsmanship and materials that last', 'Wants to save time every week', 'Looks for good value', 'Likes to try what is new', 'Cares about how things are made'];
const PAINS = ['Shipping costs add up at checkout', 'Too many choices to compare', 'Set-up takes too long', 'Hard to know what fits'];
const target = 10000;
const ads = [];
for (let p = 0; ads.length < target; p++) {
	const b = BRANDS[p % BRANDS.length];
	const id = `p${p}`;
	const keywords = [0, 1, 2].map((k) => b.keywords[(p + k) % b.keywords.length]);
	const one = persona(id, `seg-${(p % 4) + 1}`, { motivations: [MOTIVES[p % MOTIVES.length]], painPoints: [PAINS[p % PAINS.length]], keywords });
	const brief = { brand: b.brand, product: b.product, offer: b.offer, goal: ['sales', 'traffic', 'leads', 'awareness'][p % 4], landingUrl: 'https://shop.example.com/', variantsPerPersona: 3, channels: [...AD_CHANNELS] };
	for (const v of generateAds([one], brief, { seed: p, now: '2025-01-01T00:00:00.000Z' }).variants) if (ads.length < target) ads.push(v);
}
const personaCount = new Set(ads.map((a) => a.personaId)).size;
const distinctTexts = new Set(ads.flatMap((a) => Object.values(a.fields).flat())).size;
const bands = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
const genders = ['female', 'male', 'non-binary'];
// attributes independent of the segment (a fixed linear congruential sequence), so the fairness tables do real work
let state = 12345;
const next = (n) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
const customers = Array.from({ length: 2000 }, () => ({ segmentId: `seg-${next(4) + 1}`, attributes: { age_band: bands[next(6)], gender: genders[next(3)], plan: 'plus' } }));
const input = { ads, customers, brief: { brand: BRANDS[0].brand, product: BRANDS[0].product, offer: BRANDS[0].offer } };

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
		personas: personaCount,
		distinctTexts,
		customers: customers.length,
		runs: minRuns,
		msPerRun: Math.round(elapsedMs / minRuns),
		verdicts,
		peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
	})}\n`,
);
