import type { AdVariant, Persona } from '../../../lib/contracts';

export const PERSONA: Persona = {
	kind: 'persona',
	personaId: 'p_premium',
	segmentId: 's_premium',
	name: 'Premium Paula',
	summary: 'Premium Paula buys often and spends well above the typical customer.',
	demographics: '',
	motivations: ['Values craftsmanship'],
	goals: ['Replace worn gear'],
	painPoints: ['Shoes that wear out within a season'],
	objections: ['Worried the upgrade is not worth the price'],
	preferredChannels: ['email'],
	preferredTimes: [],
	tone: 'polished',
	keyMessages: ['Hand-finished leather uppers'],
	keywords: ['leather boots', 'handmade', 'premium'],
	evidence: [{ claim: 'Spends more than average', feature: 'monetary', value: 410, baseline: 120 }],
	generator: 'test',
};

const ANGLES = ['craft', 'value', 'social proof', 'urgency'];

/** A valid ad variant for a test of `personaId` on `channel`, labelled `group` (A, B, ...). */
export function variant(group: string, over: Partial<AdVariant> = {}): AdVariant {
	const personaId = over.personaId ?? PERSONA.personaId;
	const channel = over.channel ?? 'google_search';
	const adId = over.adId ?? `ad_${personaId}_${channel}_${group.toLowerCase()}`;
	const i = group.charCodeAt(0) - 65;
	return {
		kind: 'adVariant',
		adId,
		personaId,
		segmentId: over.segmentId ?? PERSONA.segmentId,
		channel,
		format: 'responsive_search_ad',
		fields: {
			headlines: [`${group}: Handmade leather boots`, `${group}: Premium craft that lasts`],
			descriptions: [`Variant ${group} description for premium buyers.`],
		},
		cta: 'Shop now',
		finalUrl: `https://shop.example/boots?utm_source=google&utm_medium=cpc&utm_campaign=test&utm_content=${adId}`,
		creativeBrief: 'brief',
		imagePrompt: 'prompt',
		angle: ANGLES[i % ANGLES.length],
		variantGroup: group,
		generator: 'offline',
		promptHash: 'h',
		createdAt: '2026-01-01T00:00:00.000Z',
		validation: { ok: true, issues: [] },
		...over,
	} as AdVariant;
}

/** Deployer-shaped daily rows for one ad: totals spread evenly over `days` days from 2026-03-01. */
export function rows(adId: string, days: number, perDay: { impressions: number; clicks: number; conversions: number; cost?: number; revenue?: number }, start = 1) {
	return Array.from({ length: days }, (_, d) => ({
		kind: 'performanceRow',
		adId,
		platform: 'google_ads',
		date: `2026-03-${String(start + d).padStart(2, '0')}`,
		impressions: perDay.impressions,
		clicks: perDay.clicks,
		conversions: perDay.conversions,
		cost: perDay.cost ?? perDay.impressions * 0.005,
		revenue: perDay.revenue ?? perDay.conversions * 40,
		currency: 'USD',
	}));
}
