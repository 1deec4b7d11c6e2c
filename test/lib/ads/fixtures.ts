import type { Persona } from '../../../lib/contracts/persona';
import type { CampaignBrief } from '../../../lib/ads/brief';
import type { AdChannel } from '../../../lib/contracts';
import { mapJourneys } from '../../../lib/journey';
import { buildOfflinePersona } from '../../../lib/persona/offline';
import { generateSampleData } from '../../../lib/sample';
import { segmentCustomers } from '../../../lib/segment';

type PersonaInput = Omit<Persona, 'kind' | 'generator' | 'preferredTimes' | 'demographics'>;

function persona(p: PersonaInput): Persona {
	return {
		kind: 'persona',
		generator: 'test',
		preferredTimes: [],
		demographics: '',
		...p,
	} as unknown as Persona;
}

/** High spend, buys often, values craft. */
export const premiumLoyalist: Persona = persona({
	personaId: 'p_premium',
	segmentId: 's_premium',
	name: 'Premium Paula',
	summary: 'Premium Paula buys often and spends well above the typical customer.',
	motivations: [
		'Values craftsmanship and materials that last',
		'Wants a fit that feels made for them',
	],
	goals: ['Replace worn gear with something better'],
	painPoints: ['Shoes that wear out within a season', 'Generic mass-market designs'],
	objections: [
		'Worried the upgrade is not worth the price',
		'Expects recognition for their loyalty',
	],
	preferredChannels: ['email', 'paid_social'],
	tone: 'polished and appreciative',
	keyMessages: ['Hand-finished leather uppers', 'Resoled for free within 2 years'],
	keywords: ['leather boots', 'handmade boots', 'premium'],
	evidence: [
		{
			claim: 'Orders again far more often than average',
			feature: 'frequency',
			value: 4.2,
			baseline: 1.6,
		},
		{ claim: 'Spends more than average', feature: 'monetary', value: 410, baseline: 120 },
	],
});

/** Price-sensitive, responds to offers. */
export const dealSeeker: Persona = persona({
	personaId: 'p_deal',
	segmentId: 's_deal',
	name: 'Deal Dana',
	summary: 'Deal Dana waits for offers and compares prices.',
	motivations: ['Looks for clear value for money', 'Prefers free shipping'],
	goals: ['Stretch the budget further'],
	painPoints: ['Shipping costs add up at checkout', 'Hidden fees'],
	objections: ['Is it worth the price compared with cheaper alternatives?', 'Too expensive'],
	preferredChannels: ['paid_social', 'email'],
	tone: 'straightforward and value-focused',
	keyMessages: [
		'Upfront pricing and clear value, with no hidden costs',
		'A direct call to action with a clear offer',
	],
	keywords: ['running shoes', 'save', 'deal', 'cheap trainers'],
	evidence: [{ claim: 'Spends less than average', feature: 'monetary', value: 45, baseline: 120 }],
});

/** Visits a lot, rarely buys. */
export const browser: Persona = persona({
	personaId: 'p_browser',
	segmentId: 's_browser',
	name: 'Browsing Blake',
	summary: 'Browsing Blake visits often and compares before deciding.',
	motivations: ['Values speed and simplicity when buying', 'Cares about honest reviews'],
	goals: ['Compare options thoroughly before choosing'],
	painPoints: ['Too many options to compare', 'Not sure which size fits'],
	objections: [
		'Needs more proof, such as reviews and comparisons, before committing',
		'Not ready to decide yet',
	],
	preferredChannels: ['organic_search', 'paid_search'],
	tone: 'informative and reassuring',
	keyMessages: [
		'Proof that it works: reviews, comparisons and an easy first step',
		'Free size exchanges',
	],
	keywords: ['trail running shoes', 'reviews', 'compare', 'easy'],
	evidence: [
		{
			claim: 'Rates products highly after purchase',
			feature: 'reviewRating',
			value: 4.6,
			baseline: 4.1,
		},
	],
});

/** Used to buy, has drifted away. */
export const lapsedBuyer: Persona = persona({
	personaId: 'p_lapsed',
	segmentId: 's_lapsed',
	name: 'Lapsed Lee',
	summary: 'Lapsed Lee has not bought in months.',
	motivations: ['Enjoys a routine that saves time'],
	goals: ['Reorder or return quickly, without friction'],
	painPoints: ['Has drifted away: last active 140 days ago on average (vs 40 days overall)'],
	objections: ['Why come back now, and what has changed?'],
	preferredChannels: ['email'],
	tone: 'warm and low-pressure',
	keyMessages: [
		"A warm welcome back, with what's new since their last visit",
		'Fast reorders from your saved sizes',
	],
	keywords: ['welcome back', "what's new", 'walking shoes', 'reorder'],
	evidence: [{ claim: 'Last active long ago', feature: 'recencyDays', value: 140, baseline: 40 }],
});

export const PERSONAS: Persona[] = [premiumLoyalist, dealSeeker, browser, lapsedBuyer];

export const BRIEF: CampaignBrief = {
	brand: 'Northwind',
	product: 'Trailhead 2',
	offer: '15% off your first order',
	goal: 'sales',
	landingUrl: 'https://shop.example.com/trailhead?ref=nav#top',
	bannedWords: ['cheap', 'guaranteed'],
	requiredPhrases: ['Free returns'],
	variantsPerPersona: 3,
};

/** The model-mode case of the node tests: two personas, three channels, three variants each. */
export const MODEL_CASE = {
	channels: ['google_search', 'meta_feed', 'email'] as AdChannel[],
	personas: PERSONAS.slice(0, 2),
	brief: { brand: 'Juniper & Oak', product: 'handmade home goods', goal: 'sales' as const, landingUrl: 'https://juniper-oak.example/shop', channels: ['google_search', 'meta_feed', 'email'] as AdChannel[], variantsPerPersona: 3 },
};

export const NOW = '2025-03-01T12:00:00.000Z';

/**
 * The Persona Builder's offline personas for the quickstart's Sample Data (500 customers, seed 42):
 * sample data -> journeys -> segments -> offline personas.
 */
export function samplePersonas(): Persona[] {
	const data = generateSampleData({ seed: 42, customers: 500 });
	const { journeys, journeyMap } = mapJourneys(data.records, { pseudonymize: false });
	const { segments } = segmentCustomers(journeys, { seed: 42 });
	return segments.map((segment, i) => buildOfflinePersona(segment, { journeyMap, nameIndex: i % 2 }));
}
