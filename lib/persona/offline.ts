import type { Evidence, Persona } from '../contracts/persona';
import type { JourneyMap } from '../contracts/journeyMap';
import type { Segment } from '../contracts/segment';
import { capitalise, channelLabel, money, pct } from '../util/format';
import { contentHash } from '../util/hash';
import {
	attributeLabel,
	evidenceNumber,
	fmt,
	safeText,
	SegmentSignals,
	type Signal,
} from './signals';

export const OFFLINE_GENERATOR = 'offline-rules';
export const PERSONA_RULE_VERSION = 'persona-rules-2';
export const PERSONA_NODE_VERSION = '1';

export interface OfflinePersonaOptions {
	/** Journey-map summary: its pain points are attached to segments that report friction. */
	journeyMap?: JourneyMap | null;
	/** Protected attributes (e.g. `ageBand`) that may be described; none by default. */
	allowProtectedAttributes?: readonly string[];
	/** Names from the input: customer-derived strings containing them are left out. */
	piiNames?: readonly string[];
	/** Which of the archetype's names to use (0 = first); buildPersonas uses it to avoid duplicates. */
	nameIndex?: number;
	/** Stamped on provenance when given (left out by default so output is deterministic). */
	createdAt?: string;
	/** z-score from which a distinguishing feature counts as a trait. Default 0.5. */
	minZScore?: number;
}

type ListField = 'motivations' | 'goals' | 'painPoints' | 'objections' | 'keyMessages';

const LIST_FIELDS: readonly ListField[] = [
	'motivations',
	'goals',
	'painPoints',
	'objections',
	'keyMessages',
];
/** Every list gets at least this many evidence-backed items when the segment has the numbers... */
const MIN_ITEMS = 2;
/** ... generic statements stop once a list has this many ... */
const FILL_TO = 3;
/** ... and no list grows beyond this. */
const MAX_ITEMS = 4;

interface Statement {
	field: ListField;
	text: string;
}

type ArchetypeId =
	| 'premiumLoyalist'
	| 'bigTicket'
	| 'valueSeeker'
	| 'emailDealHunter'
	| 'socialBrowser'
	| 'searchResearcher'
	| 'directRegular'
	| 'regular'
	| 'occasional'
	| 'lapsing'
	| 'atRisk'
	| 'frustrated'
	| 'researcher'
	| 'decisive'
	| 'advocate'
	| 'newcomer'
	| 'engaged'
	| 'everyday';

const ARCHETYPES: Record<ArchetypeId, { names: string[]; title: string }> = {
	premiumLoyalist: {
		names: ['Devoted Dana', 'Loyal Logan', 'Faithful Frankie'],
		title: 'the premium loyalist',
	},
	bigTicket: {
		names: ['Selective Sam', 'Discerning Drew', 'Particular Pat'],
		title: 'the big-ticket buyer',
	},
	valueSeeker: {
		names: ['Thrifty Theo', 'Savvy Sasha', 'Frugal Finley'],
		title: 'the value seeker',
	},
	emailDealHunter: {
		names: ['Inbox Ivy', 'Offer-savvy Olive', 'Mailbox Maddie'],
		title: 'the email-driven deal hunter',
	},
	socialBrowser: {
		names: ['Scrolling Scout', 'Swiping Sydney', 'Browsing Bree'],
		title: 'the social-first browser',
	},
	searchResearcher: {
		names: ['Searching Sloane', 'Query Quincy', 'Research-minded Rory'],
		title: 'the search-led researcher',
	},
	directRegular: {
		names: ['Direct Del', 'Bookmark Bo', 'Return-visit Remy'],
		title: 'the direct-to-site regular',
	},
	regular: {
		names: ['Regular Riley', 'Routine Robin', 'Habitual Hayden'],
		title: 'the habitual repeat buyer',
	},
	occasional: {
		names: ['Occasional Ollie', 'Sometime Sage', 'Seasonal Skyler'],
		title: 'the occasional shopper',
	},
	lapsing: {
		names: ['Drifting Devon', 'Distant Dallas', 'Faded Fern'],
		title: 'the lapsing customer',
	},
	atRisk: {
		names: ['Wavering Wren', 'Uncertain Umi', 'Restless Reese'],
		title: 'the at-risk customer',
	},
	frustrated: {
		names: ['Frustrated Flynn', 'Hassled Harper', 'Bothered Blake'],
		title: 'the friction-hit shopper',
	},
	researcher: {
		names: ['Curious Casey', 'Careful Cameron', 'Thorough Taylor'],
		title: 'the careful researcher',
	},
	decisive: {
		names: ['Decisive Dakota', 'Quick Quinn', 'Brisk Bailey'],
		title: 'the quick decider',
	},
	advocate: {
		names: ['Advocate Avery', 'Champion Charlie', 'Ambassador Alex'],
		title: 'the brand champion',
	},
	newcomer: {
		names: ['Newcomer Nico', 'Fresh Finn', 'Explorer Emery'],
		title: 'the first-time explorer',
	},
	engaged: {
		names: ['Engaged Ellis', 'Active Ari', 'Attentive Aspen'],
		title: 'the currently engaged customer',
	},
	everyday: {
		names: ['Steady Sky', 'Everyday Eden', 'Balanced Billie'],
		title: 'the everyday customer',
	},
};

/**
 * What a segment's label (from the Customer Segmenter) hints at: a small bonus for traits whose
 * archetype matches, so ties between similar-sized traits follow the label. Never decisive alone.
 */
const LABEL_HINTS: ReadonlyArray<{ re: RegExp; archetypes: readonly ArchetypeId[] }> = [
	{ re: /lapsed|lapsing|inactive|gone quiet|dormant/i, archetypes: ['lapsing'] },
	{ re: /churn/i, archetypes: ['atRisk', 'lapsing'] },
	{ re: /high-value|loyalist|big spender|vip/i, archetypes: ['premiumLoyalist', 'bigTicket'] },
	{ re: /deal|bargain|discount|coupon/i, archetypes: ['emailDealHunter', 'valueSeeker'] },
	{
		re: /browser|not buying|window/i,
		archetypes: ['socialBrowser', 'searchResearcher'],
	},
	{ re: /repeat buyer|regular/i, archetypes: ['regular', 'directRegular'] },
	{ re: /quick converter/i, archetypes: ['decisive'] },
	{ re: /frustrat/i, archetypes: ['frustrated'] },
	{ re: /advocate|champion/i, archetypes: ['advocate'] },
	{ re: /new prospect|newcomer/i, archetypes: ['newcomer'] },
	{ re: /evaluator|slow decider|research/i, archetypes: ['researcher', 'searchResearcher'] },
	{ re: /light, infrequent|occasional/i, archetypes: ['occasional'] },
	{ re: /email/i, archetypes: ['emailDealHunter'] },
	{ re: /social/i, archetypes: ['socialBrowser'] },
	{ re: /search/i, archetypes: ['searchResearcher'] },
	{ re: /direct/i, archetypes: ['directRegular'] },
];
const LABEL_HINT_BONUS = 0.5;

interface Trait {
	id: string;
	score: number;
	signal: Signal;
	summary: string;
	statements: Statement[];
	keywords: string[];
	tone?: string;
	archetype?: ArchetypeId;
}


/** Counts and days: whole numbers from 10, one decimal below. */
function num(value: number): string {
	return Math.abs(value) >= 10 ? fmt(Math.round(value)) : fmt(Math.round(value * 10) / 10);
}

function ratio(signal: Signal): string {
	if (signal.baseline === undefined || signal.baseline === 0) return '';
	const r = signal.value / signal.baseline;
	return r >= 1.2 ? `${fmt(Math.round(r * 10) / 10)}x` : '';
}

/** " (vs 18 days overall)" */
function vs(signal: Signal, format: (v: number) => string, unit = ''): string {
	return signal.baseline === undefined ? '' : ` (vs ${format(signal.baseline)}${unit} overall)`;
}

/** Comparison for use inside parentheses: " vs 4.1 overall". */
function vsBare(signal: Signal, format: (v: number) => string, unit = ''): string {
	return signal.baseline === undefined ? '' : ` vs ${format(signal.baseline)}${unit} overall`;
}

/** Purchases per customer, readable: "5 purchases per 100 customers" below one, else "2.4 purchases each". */
function purchases(value: number): string {
	return value < 1
		? `${Math.round(value * 100)} purchases per 100 customers`
		: `${num(value)} purchases each`;
}

function purchasesBaseline(signal: Signal): string {
	if (signal.baseline === undefined) return '';
	return signal.value < 1
		? ` vs ${Math.round(signal.baseline * 100)} overall`
		: ` vs ${num(signal.baseline)} overall`;
}

function z(signal: Signal): number {
	return Math.abs(signal.zScore ?? 0);
}

type ChannelFamily = 'email' | 'social' | 'search' | 'direct';

function channelFamily(channel: string): ChannelFamily | null {
	if (channel === 'email' || channel === 'sms') return 'email';
	if (/social|facebook|instagram|tiktok|pinterest|meta/.test(channel)) return 'social';
	if (/search|google|bing|sem\b|seo\b/.test(channel)) return 'search';
	if (channel === 'direct' || channel === 'referral') return 'direct';
	return null;
}

/** What the numeric traits and channel traits can see of each other. */
interface Context {
	s: SegmentSignals;
	minZ: number;
	monetaryHigh: Signal | null;
	freqHigh: Signal | null;
	convHigh: Signal | null;
	convLow: Signal | null;
	conversionRate: number | null;
	/** Buyers come back: frequent and mostly converted (what backs reorder / loyalty words). */
	loyal: boolean;
}

function numericTraits(ctx: Context): Trait[] {
	const { s, minZ, monetaryHigh, freqHigh, convHigh, convLow } = ctx;
	const traits: Trait[] = [];
	const monetaryLow = s.notable('monetary', 'lower', minZ);
	const freqLow = s.notable('frequency', 'lower', minZ);
	const recencyHigh = s.notable('recencyDays', 'higher', minZ);
	const recencyLow = s.notable('recencyDays', 'lower', minZ);
	const dtcLow = s.notable('daysToConvert', 'lower', minZ);
	const dtcHigh = s.notable('daysToConvert', 'higher', minZ);
	const painHigh = s.notable('painPoints', 'higher', minZ);
	const buyers = ctx.conversionRate !== null && ctx.conversionRate >= 0.5;

	if (monetaryHigh) {
		const r = ratio(monetaryHigh);
		traits.push({
			id: 'highValue',
			score: z(monetaryHigh),
			signal: monetaryHigh,
			summary: `spend ${money(monetaryHigh.value)} each on average${r ? `, ${r} the typical customer` : ''}${vs(monetaryHigh, money)}`,
			statements: [
				{ field: 'motivations', text: 'Wants quality and service that match what they spend' },
				{ field: 'motivations', text: 'Values quality over the lowest price' },
				{ field: 'goals', text: 'Get full value from a premium relationship with the brand' },
				{
					field: 'objections',
					text: 'Expects recognition for their spend, not generic mass offers',
				},
				{
					field: 'keyMessages',
					text: ctx.loyal
						? 'Premium quality, and recognition for our best customers'
						: 'Premium quality that is worth the spend',
				},
			],
			keywords: ctx.loyal ? ['premium', 'quality', 'loyalty'] : ['premium', 'quality'],
			tone: 'polished and appreciative',
			archetype: freqHigh || convHigh ? 'premiumLoyalist' : 'bigTicket',
		});
	}
	if (monetaryLow) {
		traits.push({
			id: 'lowValue',
			score: z(monetaryLow),
			signal: monetaryLow,
			summary: `spend ${money(monetaryLow.value)} each on average${vs(monetaryLow, money)}`,
			statements: [
				{ field: 'motivations', text: 'Looks for clear value for money' },
				{
					field: 'painPoints',
					text: `Price-sensitive: spends ${money(monetaryLow.value)} on average${vs(monetaryLow, money)}`,
				},
				{ field: 'objections', text: 'Is it worth the price compared with cheaper alternatives?' },
				{ field: 'keyMessages', text: 'Upfront pricing and clear value, with no hidden costs' },
			],
			keywords: ['value', 'save', 'deal'],
			tone: 'straightforward and value-focused',
			archetype: 'valueSeeker',
		});
	}
	if (freqHigh) {
		traits.push({
			id: 'frequent',
			score: z(freqHigh),
			signal: freqHigh,
			summary: `keep coming back (${num(freqHigh.value)} interactions each on average${vsBare(freqHigh, num)})`,
			statements: [
				{ field: 'motivations', text: 'Enjoys keeping up with the brand and what is new' },
				{
					field: 'goals',
					text: buyers
						? 'Reorder or return quickly, without friction'
						: 'Find something new on each visit',
				},
				{
					field: 'keyMessages',
					text: ctx.loyal
						? 'Fast reorders and a thank-you for coming back'
						: 'Fresh reasons to come back: new arrivals and ideas',
				},
			],
			keywords: ctx.loyal ? ['reorder', 'favourites'] : ['new arrivals', 'favourites'],
			archetype: monetaryHigh ? 'premiumLoyalist' : 'regular',
		});
	}
	if (freqLow) {
		traits.push({
			id: 'infrequent',
			score: z(freqLow),
			signal: freqLow,
			summary: `engage only occasionally (${num(freqLow.value)} interactions each on average${vsBare(freqLow, num)})`,
			statements: [
				{ field: 'goals', text: 'Buy when there is a clear need, not out of habit' },
				{ field: 'objections', text: 'Does not need it often enough to commit to more' },
				{ field: 'keyMessages', text: 'A timely reminder at the moment it matters' },
			],
			keywords: ['when you need it'],
			archetype: 'occasional',
		});
	}
	if (recencyHigh) {
		const boughtBefore = ctx.conversionRate !== null && ctx.conversionRate >= 0.3;
		traits.push({
			id: 'lapsing',
			score: z(recencyHigh) + 0.3,
			signal: recencyHigh,
			summary: `have gone quiet (last active ${num(recencyHigh.value)} days ago on average${vsBare(recencyHigh, num, ' days')})`,
			statements: [
				{
					field: 'painPoints',
					text: `Has gone inactive: last active ${num(recencyHigh.value)} days ago on average${vs(recencyHigh, num, ' days')}`,
				},
				{
					field: 'motivations',
					text: boughtBefore
						? 'Remembers the brand and would return for the right reason'
						: 'Was curious once and could be again with the right nudge',
				},
				{ field: 'goals', text: 'Pick up where they left off, without a hard sell' },
				{ field: 'objections', text: 'Why come back now, and what has changed?' },
				{
					field: 'keyMessages',
					text: "A warm welcome back, with what's new since their last visit",
				},
			],
			keywords: ['welcome back', "what's new"],
			tone: 'warm and low-pressure',
			archetype: 'lapsing',
		});
	}
	if (recencyLow) {
		traits.push({
			id: 'recent',
			score: z(recencyLow) * 0.6,
			signal: recencyLow,
			summary: `were active recently (${num(recencyLow.value)} days ago on average${vsBare(recencyLow, num, ' days')})`,
			statements: [
				{ field: 'motivations', text: 'Currently engaged and open to a next step' },
				{ field: 'keyMessages', text: 'A timely next step while the brand is top of mind' },
			],
			keywords: ['next step'],
			archetype: 'engaged',
		});
	}
	if (convHigh) {
		traits.push({
			id: 'converter',
			score: z(convHigh) * 0.8,
			signal: convHigh,
			summary: `buy again and again (${purchases(convHigh.value)}${purchasesBaseline(convHigh)})`,
			statements: [
				{ field: 'motivations', text: 'Acts once convinced and likes a direct path to purchase' },
				{ field: 'keyMessages', text: 'A direct call to action with a clear next step' },
			],
			keywords: ['buy now'],
			archetype: 'decisive',
		});
	}
	if (convLow) {
		traits.push({
			id: 'hesitant',
			score: z(convLow) * 0.9,
			signal: convLow,
			summary: `rarely buy (${purchases(convLow.value)}${purchasesBaseline(convLow)})`,
			statements: [
				{ field: 'goals', text: 'Compare options thoroughly before choosing' },
				{
					field: 'objections',
					text: 'Needs more proof, such as reviews and comparisons, before committing',
				},
				{
					field: 'keyMessages',
					text: 'Proof that it works: reviews, comparisons and an easy first step',
				},
			],
			keywords: ['reviews', 'compare'],
			tone: 'informative and reassuring',
			archetype: 'researcher',
		});
	}
	if (dtcLow) {
		traits.push({
			id: 'quickDecider',
			score: z(dtcLow) * 0.7,
			signal: dtcLow,
			summary: `decide quickly (${num(dtcLow.value)} days to convert on average${vsBare(dtcLow, num, ' days')})`,
			statements: [
				{ field: 'motivations', text: 'Values speed and simplicity when buying' },
				{ field: 'keyMessages', text: 'Short, direct messages with an obvious next step' },
			],
			keywords: ['fast', 'simple'],
			tone: 'direct and energetic',
			archetype: 'decisive',
		});
	}
	if (dtcHigh) {
		traits.push({
			id: 'slowDecider',
			score: z(dtcHigh) * 0.7,
			signal: dtcHigh,
			summary: `take their time (${num(dtcHigh.value)} days to convert on average${vsBare(dtcHigh, num, ' days')})`,
			statements: [
				{
					field: 'painPoints',
					text: `Long decision cycle: ${num(dtcHigh.value)} days to convert on average${vs(dtcHigh, num, ' days')}`,
				},
				{ field: 'objections', text: 'Not ready to decide yet' },
				{ field: 'keyMessages', text: 'Helpful guidance that supports a considered decision' },
			],
			keywords: ['guide', 'how it works'],
			tone: 'patient and helpful',
			archetype: 'researcher',
		});
	}
	if (painHigh) {
		traits.push({
			id: 'friction',
			score: z(painHigh) + 0.2,
			signal: painHigh,
			summary: `run into more problems (${num(painHigh.value)} pain points per customer${vsBare(painHigh, num)})`,
			statements: [
				{
					field: 'painPoints',
					text: `Runs into friction along the journey: ${num(painHigh.value)} pain points per customer${vs(painHigh, num)}`,
				},
				{ field: 'objections', text: 'Worried the experience will be a hassle again' },
				{
					field: 'keyMessages',
					text: 'An easier, smoother experience, with help when it is needed',
				},
			],
			keywords: ['easy', 'hassle-free'],
			tone: 'empathetic and reassuring',
			archetype: 'frustrated',
		});
	}
	return traits;
}

/** Traits led by a channel the segment uses far more than the base does (one per channel family). */
function channelTraits(ctx: Context): Trait[] {
	const { s, minZ, monetaryHigh, freqHigh, convHigh, convLow } = ctx;
	const best = new Map<ChannelFamily, { channel: string; signal: Signal }>();
	for (const c of s.channels()) {
		const family = channelFamily(c.channel);
		if (!family) continue;
		const signal = s.notable(`channel_${c.channel}`, 'higher', minZ);
		if (!signal) continue;
		const seen = best.get(family);
		if (!seen || z(signal) > z(seen.signal)) best.set(family, { channel: c.channel, signal });
	}
	const premium: ArchetypeId | null = monetaryHigh
		? freqHigh || convHigh
			? 'premiumLoyalist'
			: 'bigTicket'
		: null;
	const traits: Trait[] = [];
	for (const [family, { channel, signal }] of best) {
		const label = channelLabel(channel);
		const share = `${pct(signal.value)} of their touchpoints${signal.baseline === undefined ? '' : ` vs ${pct(signal.baseline)} overall`}`;
		const base = { id: `channel:${family}`, score: z(signal) * 0.9, signal };
		switch (family) {
			case 'email': {
				const dealish = !monetaryHigh && !convLow;
				traits.push({
					...base,
					summary: `respond to email (${share})`,
					statements: dealish
						? [
								{ field: 'motivations', text: 'Responds to email offers and timely deals' },
								{ field: 'goals', text: 'Catch a good deal on something they already want' },
								{
									field: 'objections',
									text: 'Would rather wait for the next email offer than pay full price',
								},
								{ field: 'keyMessages', text: 'Timely, relevant emails worth opening' },
							]
						: [
								{ field: 'motivations', text: 'Likes hearing from the brand by email' },
								{ field: 'goals', text: 'Stay up to date without having to go looking' },
								{ field: 'objections', text: 'Ignores emails that feel generic or too frequent' },
								{ field: 'keyMessages', text: 'Timely, relevant emails worth opening' },
							],
					keywords: dealish ? ['deals', 'newsletter', 'new arrivals'] : ['newsletter', 'updates'],
					tone: dealish ? 'upbeat and timely' : 'friendly and timely',
					archetype: premium ?? (convLow ? 'researcher' : 'emailDealHunter'),
				});
				break;
			}
			case 'social':
				traits.push({
					...base,
					summary: `find us on social media (${label}: ${share})`,
					statements: [
						{
							field: 'motivations',
							text: 'Looks for ideas and inspiration while scrolling social feeds',
						},
						{
							field: 'goals',
							text: 'Discover things that catch the eye, without pressure to buy',
						},
						{
							field: 'objections',
							text: convLow
								? 'Just browsing: not ready to buy from a social ad yet'
								: 'Wants to see it in real life before trusting an ad',
						},
						{
							field: 'keyMessages',
							text: 'Eye-catching visuals that show the product in everyday use',
						},
					],
					keywords: ['ideas', 'inspiration', 'trending'],
					tone: 'visual, casual and upbeat',
					archetype: premium === 'premiumLoyalist' ? premium : 'socialBrowser',
				});
				break;
			case 'search':
				traits.push({
					...base,
					summary: `search before they buy (${label}: ${share})`,
					statements: [
						{ field: 'motivations', text: 'Searches with a specific need in mind' },
						{ field: 'goals', text: 'Find the right option quickly and compare the details' },
						{
							field: 'objections',
							text: 'Will this beat the other options in the search results?',
						},
						{
							field: 'keyMessages',
							text: 'Clear answers and product details that match what they search for',
						},
					],
					keywords: ['compare', 'reviews', 'how to choose'],
					tone: 'clear and informative',
					archetype: premium ?? 'searchResearcher',
				});
				break;
			case 'direct':
				traits.push({
					...base,
					summary: `come straight to us (${label}: ${share})`,
					statements: [
						{
							field: 'motivations',
							text: 'Comes straight to the site: already knows the brand and what they like',
						},
						{ field: 'goals', text: 'Get straight to favourites and what is new' },
						{ field: 'objections', text: 'Already knows the range: what is new this time?' },
						{ field: 'keyMessages', text: 'Fresh picks for people who already know us' },
					],
					keywords: ['favourites', 'new arrivals'],
					tone: 'familiar and personal',
					archetype: premium ?? 'directRegular',
				});
				break;
		}
	}
	return traits;
}

function stageTrait(s: SegmentSignals): Trait | null {
	const top = s.stages()[0];
	if (!top || top.share < 0.4) return null;
	const signal: Signal = {
		feature: `stage_${top.stage}`,
		value: top.share,
		baseline: top.baseline,
	};
	const base = top.baseline === undefined ? '' : ` (vs ${pct(top.baseline)} overall)`;
	const baseBare = top.baseline === undefined ? '' : ` vs ${pct(top.baseline)} overall`;
	const score = Math.max(top.share * 1.5, Math.abs(top.zScore ?? 0));
	const share = pct(top.share);
	switch (top.stage) {
		case 'churn-risk':
			return {
				id: 'stage',
				score: score + 0.3,
				signal,
				summary: `are at risk of leaving (${share} in the churn-risk stage${baseBare})`,
				statements: [
					{
						field: 'painPoints',
						text: `At risk of leaving: ${share} are in the churn-risk stage${base}`,
					},
					{ field: 'keyMessages', text: 'Reasons to stay, and a direct line to help' },
				],
				keywords: ['stay'],
				tone: 'warm and attentive',
				archetype: 'atRisk',
			};
		case 'advocacy':
			return {
				id: 'stage',
				score,
				signal,
				summary: `speak up for the brand (${share} are advocates${baseBare})`,
				statements: [
					{
						field: 'motivations',
						text: `Likes to recommend what they love: ${share} are advocates${base}`,
					},
					{ field: 'keyMessages', text: 'Referral perks and a community to share with' },
				],
				keywords: ['refer a friend', 'community'],
				tone: 'enthusiastic and inclusive',
				archetype: 'advocate',
			};
		case 'awareness':
			return {
				id: 'stage',
				score,
				signal,
				summary: `are just discovering the brand (${share} in the awareness stage${baseBare})`,
				statements: [
					{
						field: 'goals',
						text: `Understand what the brand offers: ${share} are still in the awareness stage${base}`,
					},
					{ field: 'keyMessages', text: 'A clear, friendly introduction to what we do best' },
				],
				keywords: ['discover', 'introduction'],
				tone: 'welcoming and clear',
				archetype: 'newcomer',
			};
		case 'consideration':
			return {
				id: 'stage',
				score,
				signal,
				summary: `are weighing their options (${share} in the consideration stage${baseBare})`,
				statements: [
					{ field: 'goals', text: `Choose with confidence: ${share} are still considering${base}` },
					{ field: 'keyMessages', text: 'Side-by-side reasons to choose us' },
				],
				keywords: ['compare', 'why us'],
				tone: 'informative and reassuring',
				archetype: 'researcher',
			};
		case 'conversion':
			return {
				id: 'stage',
				score: score * 0.8,
				signal,
				summary: `have recently bought (${share} in the conversion stage${baseBare})`,
				statements: [
					{
						field: 'goals',
						text: `Get off to a good start after buying: ${share} have just converted${base}`,
					},
					{ field: 'keyMessages', text: 'Help getting started, and what to try next' },
				],
				keywords: ['getting started'],
				archetype: 'decisive',
			};
		case 'retention':
			return {
				id: 'stage',
				score: score * 0.8,
				signal,
				summary: `are retained customers (${share} in the retention stage${baseBare})`,
				statements: [
					{
						field: 'motivations',
						text: `Values a relationship that keeps delivering: ${share} are retained customers${base}`,
					},
					{ field: 'keyMessages', text: 'Loyalty rewards that grow with every visit' },
				],
				keywords: ['loyalty', 'rewards'],
				archetype: 'regular',
			};
		default:
			return null;
	}
}

// ---------------------------------------------------------------------------------------------
// Journey-map pain points, in plain words

const STEP_WORDS: Record<string, string> = {
	visit: 'visit',
	session_start: 'visit',
	page_view: 'visit',
	view_item: 'view a product',
	view_product: 'view a product',
	add_to_cart: 'add to cart',
	begin_checkout: 'start checkout',
	checkout: 'check out',
	add_payment_info: 'add payment details',
	add_shipping_info: 'add shipping details',
	purchase: 'buy',
	sign_up: 'sign up',
	lead: 'sign up',
};

const TAG_WORDS: Record<string, string> = {
	checkout: 'checkout problems',
	shipping_cost: 'shipping costs',
	shipping: 'shipping',
	delivery: 'delivery',
	order_status: 'order status',
	returns: 'returns',
	return: 'returns',
	refund: 'refunds',
	payment: 'payment problems',
	sizing: 'sizing',
	product_question: 'product questions',
	damaged: 'damaged items',
};

function words(text: string): string {
	return text
		.replace(/\s*->\s*/g, ' to ')
		.replace(/[_]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

function stepWords(step: string): string {
	return STEP_WORDS[step] ?? words(step);
}

function tagWords(tag: string): string {
	return TAG_WORDS[tag] ?? words(tag);
}

/** Support tags behind a drop-off: the structured list when present, else parsed from the detail. */
function dropOffTags(p: JourneyMap['painPoints'][number]): Array<{ tag: string; count: number }> {
	const structured = (p as Record<string, unknown>).topSupportTags;
	if (Array.isArray(structured)) {
		return structured
			.filter(
				(t): t is { tag: string; count: number } =>
					typeof t === 'object' &&
					t !== null &&
					typeof (t as { tag?: unknown }).tag === 'string' &&
					typeof (t as { count?: unknown }).count === 'number',
			)
			.map((t) => ({ tag: t.tag, count: t.count }));
	}
	const m = /support tickets:\s*(.+)$/.exec(p.detail);
	if (!m) return [];
	const out: Array<{ tag: string; count: number }> = [];
	for (const part of m[1].split(',')) {
		const t = /^\s*(.+?)\s*\((\d+)\)\s*$/.exec(part);
		if (t) out.push({ tag: t[1], count: Number(t[2]) });
	}
	return out;
}

/** A journey-map pain point as a sentence a marketer would write, or null when it cannot be shown. */
export function journeyPainText(
	p: JourneyMap['painPoints'][number],
	piiNames: readonly string[] = [],
): string | null {
	const share = p.value >= 0 && p.value <= 1 ? pct(p.value) : null;
	const rec = p as Record<string, unknown>;
	let text: string | null = null;
	switch (p.type) {
		case 'funnel_drop_off': {
			const [fromRaw, toRaw] =
				typeof rec.from === 'string' && typeof rec.to === 'string'
					? [rec.from, rec.to]
					: p.label.split(/\s*->\s*/);
			if (!share || !fromRaw || !toRaw) break;
			text = `${share} of shoppers who ${stepWords(fromRaw)} never ${stepWords(toRaw)}`;
			const tags = dropOffTags(p);
			const top = tags[0]?.count ?? 0;
			const named = tags
				.filter((t) => t.count > 0 && t.count >= top * 0.25)
				.slice(0, 2)
				.map((t) => safeText(tagWords(t.tag), piiNames, 40))
				.filter((t): t is string => t !== null);
			if (named.length > 0) text += `; their support tickets point to ${named.join(' and ')}`;
			break;
		}
		case 'support_topic': {
			const tag =
				typeof rec.tag === 'string' ? rec.tag : (/tagged\s+(.+)$/.exec(p.label)?.[1] ?? null);
			if (share && tag) text = `${share} of support tickets are about ${tagWords(tag)}`;
			break;
		}
		case 'complaint':
			if (share) text = `${share} of customers have filed a support ticket or complaint`;
			break;
		case 'unsubscribe':
			if (share) text = `Email fatigue: ${share} of customers on the email list have unsubscribed`;
			break;
		case 'email_bounce':
			if (share) text = `${share} of email addresses bounce, so some messages never arrive`;
			break;
		case 'stalled': {
			const days = /(\d+)\+?\s*days/.exec(p.detail)?.[1];
			if (share)
				text = `${share} of customers stall partway and go quiet${days ? ` for ${days}+ days` : ''} without buying`;
			break;
		}
	}
	if (text === null) {
		const label = capitalise(words(p.label));
		const detail = words(p.detail);
		text =
			detail.length > 0 && detail.length <= 120
				? `${label}: ${detail}`
				: `${label}: ${share ?? fmt(p.value)}`;
	}
	return safeText(text, piiNames, 200);
}

function journeyPainTraits(
	s: SegmentSignals,
	journeyMap: JourneyMap | null | undefined,
	hints: {
		friction: boolean;
		convLow: boolean;
		lapsing: boolean;
		email: boolean;
		support: boolean;
	},
	piiNames: readonly string[],
): Trait[] {
	if (!journeyMap || journeyMap.painPoints.length === 0) return [];
	const mean = s.mean('painPoints');
	if (!hints.friction && !(mean !== null && mean > 0)) return [];
	// Base-wide pain points, ranked by how well they fit this segment.
	const relevance = (p: JourneyMap['painPoints'][number]): number => {
		const v = p.value >= 0 && p.value <= 1 ? p.value : 0.1;
		switch (p.type) {
			case 'funnel_drop_off':
				return v + (hints.convLow ? 0.3 : 0.05);
			case 'stalled':
				return v + (hints.lapsing ? 0.45 : hints.convLow ? 0.25 : 0);
			case 'unsubscribe':
			case 'email_bounce':
				return v + (hints.email ? 0.3 : -0.05);
			case 'complaint':
			case 'support_topic':
				return v + (hints.friction || hints.support ? 0.2 : 0);
			default:
				return v;
		}
	};
	return journeyMap.painPoints
		.map((p) => ({ p, text: journeyPainText(p, piiNames), r: relevance(p) }))
		.filter(
			(x): x is { p: (typeof journeyMap.painPoints)[number]; text: string; r: number } =>
				x.text !== null,
		)
		.sort((a, b) => b.r - a.r || b.p.value - a.p.value || a.p.type.localeCompare(b.p.type))
		.slice(0, 2)
		.map(({ p, text }) => ({
			id: `journey:${p.type}`,
			score: 0,
			signal: { feature: `journeyMap.painPoints.${p.type}`, value: p.value },
			summary: '',
			statements: [{ field: 'painPoints' as const, text }],
			keywords: [],
		}));
}

/**
 * Evidence-backed statements from the segment's plain figures (conversion rate, spend, recency,
 * pain points, channel mix, size), used to fill lists the traits leave short.
 */
function fillerTraits(segment: Segment, s: SegmentSignals, ctx: Context): Trait[] {
	const out: Trait[] = [];
	const push = (signal: Signal, statements: Statement[]) =>
		out.push({
			id: `fill:${signal.feature}`,
			score: 0,
			signal,
			summary: '',
			statements,
			keywords: [],
		});
	const cr = segment.conversionRate;
	if (cr !== null) {
		const signal: Signal = { feature: 'conversionRate', value: cr };
		if (cr < 0.2) {
			push(signal, [
				{
					field: 'painPoints',
					text: `Interest rarely turns into a purchase: only ${pct(cr)} have bought so far`,
				},
				{ field: 'goals', text: 'Feel confident before making a first purchase' },
				{ field: 'objections', text: 'Not yet sure it is worth buying' },
				{ field: 'keyMessages', text: 'A simple, no-pressure first step' },
				{ field: 'motivations', text: 'Likes to browse and take their time before buying' },
			]);
		} else if (cr >= 0.45) {
			push(signal, [
				{
					field: 'motivations',
					text: `Already knows what they like: ${pct(cr)} have bought before`,
				},
				{ field: 'goals', text: 'Find the next favourite without starting from scratch' },
				{ field: 'keyMessages', text: 'New picks that build on what they already like' },
				{ field: 'objections', text: 'Needs a reason to buy again rather than wait' },
			]);
		} else {
			push(signal, [
				{ field: 'goals', text: `Make a confident choice: ${pct(cr)} have bought so far` },
				{ field: 'objections', text: 'Needs a good reason to buy now rather than later' },
				{ field: 'keyMessages', text: 'Clear reasons to choose now' },
				{
					field: 'painPoints',
					text: `Many never get to a purchase: ${pct(1 - cr)} have not bought yet`,
				},
			]);
		}
	}
	const monetary = s.mean('monetary');
	if (
		monetary !== null &&
		monetary > 0 &&
		!ctx.monetaryHigh &&
		!s.notable('monetary', 'lower', ctx.minZ)
	) {
		push({ feature: 'monetary', value: monetary }, [
			{
				field: 'goals',
				text: `Get good value from each order: about ${money(monetary)} spent per customer`,
			},
			{ field: 'motivations', text: 'Looks for good value on every order' },
		]);
	}
	const pains = s.mean('painPoints');
	if (pains !== null && pains >= 0.3) {
		push({ feature: 'painPoints', value: pains }, [
			{
				field: 'painPoints',
				text: `Hits about ${num(pains)} snags per customer, such as abandoned carts, support tickets or unsubscribes`,
			},
			{ field: 'keyMessages', text: 'A smooth, simple experience from first look to delivery' },
		]);
	}
	const recency = s.mean('recencyDays');
	if (recency !== null && recency <= 21 && !s.notable('recencyDays', 'higher', ctx.minZ)) {
		push({ feature: 'recencyDays', value: recency }, [
			{
				field: 'motivations',
				text: `Still actively engaged: last seen about ${num(recency)} days ago on average`,
			},
			{ field: 'goals', text: 'Act while the brand is top of mind' },
		]);
	}
	const top = s.channels()[0];
	if (top && top.share > 0) {
		const signal: Signal = {
			feature: `channel_${top.channel}`,
			value: top.share,
			baseline: top.baseline,
		};
		push(signal, [
			{
				field: 'keyMessages',
				text: `Meet them in ${channelLabel(top.channel)}, where ${pct(top.share)} of their touchpoints happen`,
			},
			{
				field: 'motivations',
				text: `Prefers to hear from us through ${channelLabel(top.channel)} (${pct(top.share)} of their touchpoints)`,
			},
		]);
	}
	const size: Signal = { feature: 'size', value: segment.size };
	push(size, [
		{ field: 'motivations', text: 'Wants a dependable brand that gets the basics right' },
		{ field: 'goals', text: 'Find the right product without wasting time' },
		{ field: 'painPoints', text: 'Has no time for a confusing or slow shopping experience' },
		{ field: 'objections', text: 'Needs a clear reason to choose us over alternatives' },
		{ field: 'keyMessages', text: 'Clear, honest reasons to choose us' },
	]);
	return out;
}

function labelHints(label: string): Set<ArchetypeId> {
	const out = new Set<ArchetypeId>();
	for (const h of LABEL_HINTS) if (h.re.test(label)) for (const a of h.archetypes) out.add(a);
	return out;
}

/** The archetype of the strongest trait, with a small bonus for what the segment label suggests. */
function chooseArchetype(traits: Trait[], hints: Set<ArchetypeId>): ArchetypeId {
	let best: { archetype: ArchetypeId; score: number } | null = null;
	for (const t of traits) {
		if (!t.archetype) continue;
		const score = t.score + (hints.has(t.archetype) ? LABEL_HINT_BONUS : 0);
		if (best === null || score > best.score) best = { archetype: t.archetype, score };
	}
	return best?.archetype ?? 'everyday';
}

function listJoin(parts: string[]): string {
	if (parts.length <= 1) return parts.join('');
	return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const ATTRIBUTE_LABELS: Record<string, string> = {
	lifecyclestage: 'lifecycle stage',
	lifecycle_stage: 'lifecycle stage',
	plan: 'plan',
	device: 'device',
};

interface Synthesis {
	persona: Persona;
	archetype: ArchetypeId;
}

/** Internal: the offline persona plus the archetype it was named after. */
export function synthesizeOfflinePersona(
	segment: Segment,
	options: OfflinePersonaOptions = {},
): Synthesis {
	const piiNames = options.piiNames ?? [];
	const s = new SegmentSignals(segment, options.allowProtectedAttributes ?? [], piiNames);
	const minZ = options.minZScore ?? 0.5;
	const freqHigh = s.notable('frequency', 'higher', minZ);
	const convHigh = s.notable('conversions', 'higher', minZ);
	const ctx: Context = {
		s,
		minZ,
		monetaryHigh: s.notable('monetary', 'higher', minZ),
		freqHigh,
		convHigh,
		convLow: s.notable('conversions', 'lower', minZ),
		conversionRate: segment.conversionRate,
		loyal:
			freqHigh !== null &&
			(convHigh !== null || (segment.conversionRate !== null && segment.conversionRate >= 0.5)),
	};
	const traits = [...numericTraits(ctx), ...channelTraits(ctx)];
	const stage = stageTrait(s);
	if (stage) traits.push(stage);
	traits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
	const has = (id: string) => traits.some((t) => t.id === id);
	const journeyTraits = journeyPainTraits(
		s,
		options.journeyMap,
		{
			friction: has('friction'),
			convLow: has('hesitant'),
			lapsing: has('lapsing') || stage?.archetype === 'atRisk',
			email: has('channel:email'),
			support: s.notable('channel_support', 'higher', minZ) !== null,
		},
		piiNames,
	);
	const fillers = fillerTraits(segment, s, ctx);

	const evidence: Evidence[] = [];
	const add = (claim: string, feature: string, value: number | string, baseline?: number) => {
		const e: Evidence = {
			claim,
			feature,
			value: typeof value === 'number' ? evidenceNumber(value) : value,
		};
		if (baseline !== undefined) e.baseline = evidenceNumber(baseline);
		if (!evidence.some((x) => x.claim === e.claim && x.feature === e.feature)) evidence.push(e);
	};

	const lists: Record<ListField, string[]> = {
		motivations: [],
		goals: [],
		painPoints: [],
		objections: [],
		keyMessages: [],
	};
	const take = (t: Trait, limit: number | ((field: ListField) => number)) => {
		for (const st of t.statements) {
			const list = lists[st.field];
			const max = typeof limit === 'number' ? limit : limit(st.field);
			if (list.includes(st.text) || list.length >= max) continue;
			list.push(st.text);
			add(st.text, t.signal.feature, t.signal.value, t.signal.baseline);
		}
	};
	// Traits first (strongest first), then the journey map's pain points, then plain figures to
	// bring short lists up to size.
	// Room is kept for up to two journey-map pain points.
	const traitLimit = (field: ListField) =>
		field === 'painPoints' ? MAX_ITEMS - Math.min(2, journeyTraits.length) : MAX_ITEMS;
	for (const t of traits) take(t, traitLimit);
	for (const t of journeyTraits) take(t, MAX_ITEMS);
	for (const field of LIST_FIELDS) {
		for (const t of fillers) {
			if (lists[field].length >= FILL_TO) break;
			take({ ...t, statements: t.statements.filter((x) => x.field === field) }, FILL_TO);
		}
		if (lists[field].length < MIN_ITEMS) {
			for (const t of fillers)
				take({ ...t, statements: t.statements.filter((x) => x.field === field) }, MIN_ITEMS);
		}
	}

	// Name.
	const archetype = chooseArchetype(traits, labelHints(segment.label));
	const arch = ARCHETYPES[archetype];
	const nameIndex = options.nameIndex ?? 0;
	const firstName = arch.names[nameIndex % arch.names.length];
	const round = Math.floor(nameIndex / arch.names.length);
	const name = `${firstName} — ${arch.title}${round > 0 ? ` ${round + 1}` : ''}`;

	// Summary.
	const sentences: string[] = [];
	const sizeClaim = `${fmt(segment.size)} customers (${pct(segment.share)} of the base)`;
	add(sizeClaim, 'size', segment.size);
	add(sizeClaim, 'share', segment.share);
	const phrases = traits.filter((t) => t.summary.length > 0).slice(0, 3);
	for (const t of phrases)
		add(capitalise(t.summary), t.signal.feature, t.signal.value, t.signal.baseline);
	const who = phrases.length > 0 ? ` who ${listJoin(phrases.map((t) => t.summary))}` : '';
	const nick = firstName.split(' ').slice(-1)[0] ?? firstName;
	sentences.push(`${nick} stands for ${sizeClaim}${who}.`);
	if (segment.conversionRate !== null) {
		const claim = `${pct(segment.conversionRate)} of them have bought`;
		add(capitalise(claim), 'conversionRate', segment.conversionRate);
		let sentence = capitalise(claim);
		if (segment.revenue !== null && segment.revenue > 0) {
			const perCustomer =
				segment.size > 0 ? ` (${money(segment.revenue / segment.size)} per customer)` : '';
			const revenueClaim = `bringing in ${money(segment.revenue)} in revenue${perCustomer}`;
			add(capitalise(revenueClaim), 'revenue', segment.revenue);
			sentence += `, ${revenueClaim}`;
		}
		sentences.push(`${sentence}.`);
	} else if (segment.revenue !== null && segment.revenue > 0) {
		const revenueClaim = `Together they bring in ${money(segment.revenue)} in revenue`;
		add(revenueClaim, 'revenue', segment.revenue);
		sentences.push(`${revenueClaim}.`);
	}

	// Channels.
	const channels = s
		.channels()
		.filter((c) => c.share >= 0.1)
		.slice(0, 3);
	const preferredChannels = channels.map((c) => c.channel);
	for (const c of channels) {
		const above =
			c.baseline !== undefined && c.share > c.baseline
				? `, more than the ${pct(c.baseline)} overall`
				: '';
		add(
			`Reached through ${channelLabel(c.channel)}: ${pct(c.share)} of their touchpoints${above}`,
			`channel_${c.channel}`,
			c.share,
			c.baseline,
		);
	}
	if (channels.length > 0) {
		sentences.push(
			`They mostly reach us through ${listJoin(channels.map((c) => `${channelLabel(c.channel)} (${pct(c.share)})`))}.`,
		);
	}

	// Times (only when the segment carries timing features).
	const preferredTimes: string[] = [];
	for (const t of s
		.timing()
		.filter((x) => x.share >= 0.2)
		.slice(0, 2)) {
		preferredTimes.push(t.label);
		add(`Active ${t.label.toLowerCase()}: ${pct(t.share)} of their activity`, t.feature, t.share);
	}

	// Demographics: non-protected attributes only.
	const demoParts: string[] = [];
	for (const a of s.attributes(piiNames).slice(0, 4)) {
		const label = ATTRIBUTE_LABELS[a.key.toLowerCase()] ?? attributeLabel(a.key);
		const part = `${label}: ${a.share >= 0.5 ? 'mostly' : 'most often'} ${a.value} (${pct(a.share)})`;
		demoParts.push(part);
		add(
			`Most common ${label} is ${a.value} (${pct(a.share)} of the segment)`,
			`attributes.${a.key}`,
			a.share,
		);
	}
	const demographics = demoParts.length > 0 ? `${capitalise(demoParts.join('; '))}.` : '';

	// Tone and keywords.
	const tones: string[] = [];
	for (const t of traits)
		if (t.tone && !tones.includes(t.tone) && tones.length < 2) tones.push(t.tone);
	const tone = tones.length > 0 ? capitalise(tones.join('; ')) : 'Friendly, clear and helpful';
	for (const t of traits) {
		if (t.tone && tones.includes(t.tone))
			add(`Tone: ${t.tone}`, t.signal.feature, t.signal.value, t.signal.baseline);
	}
	const keywords: string[] = [];
	for (const t of traits)
		for (const k of t.keywords) if (!keywords.includes(k) && keywords.length < 10) keywords.push(k);
	if (keywords.length === 0) keywords.push('customer favourites');

	const persona: Persona = {
		kind: 'persona',
		personaId: `persona-${segment.segmentId}`,
		segmentId: segment.segmentId,
		name,
		summary: sentences.join(' '),
		demographics,
		motivations: lists.motivations,
		goals: lists.goals,
		painPoints: lists.painPoints,
		objections: lists.objections,
		preferredChannels,
		preferredTimes,
		tone,
		keyMessages: lists.keyMessages,
		keywords,
		evidence,
		size: segment.size,
		generator: OFFLINE_GENERATOR,
		provenance: {
			node: 'personaBuilder',
			version: PERSONA_NODE_VERSION,
			generator: OFFLINE_GENERATOR,
			ruleVersion: PERSONA_RULE_VERSION,
			inputs: { segmentId: segment.segmentId, segmentHash: contentHash(segment) },
			...(options.createdAt ? { createdAt: options.createdAt } : {}),
		},
	};
	return { persona, archetype };
}

/**
 * A persona written from the segment's numbers alone, deterministic and offline: every motivation,
 * goal, pain point, objection, key message, channel and summary phrase has an evidence entry naming
 * the feature and the number behind it. The archetype follows the strongest distinguishing traits,
 * channel-led ones included (email deal hunter, social-first browser ...), with the segment label as
 * a tie-breaking hint. Lists the traits leave short are filled (2-4 items) from the segment's plain
 * figures and the journey map's pain points, each with its evidence. Protected attributes (age,
 * gender ...) are never described unless listed in `allowProtectedAttributes`.
 *
 * @example buildOfflinePersona(segment).name // "Devoted Dana — the premium loyalist"
 */
export function buildOfflinePersona(
	segment: Segment,
	options: OfflinePersonaOptions = {},
): Persona {
	if (!segment || typeof segment.segmentId !== 'string' || segment.segmentId.length === 0) {
		throw new Error('buildOfflinePersona requires a segment with a segmentId');
	}
	return synthesizeOfflinePersona(segment, options).persona;
}
