import type { JourneyMap } from '../../../lib/contracts/journeyMap';
import type { Segment } from '../../../lib/contracts/segment';

type Feature = Segment['distinguishingFeatures'][number];

function df(feature: string, segmentMean: number, overallMean: number, zScore: number): Feature {
	return { feature, zScore, direction: zScore >= 0 ? 'higher' : 'lower', segmentMean, overallMean };
}

function stat(mean: number) {
	return { mean, q1: mean * 0.8, median: mean, q3: mean * 1.2 };
}

export function makeSegment(
	segmentId: string,
	features: Feature[],
	extra: Partial<Segment> & { profileMeans?: Record<string, number> } = {},
): Segment {
	const { profileMeans, ...rest } = extra;
	const profile: Segment['profile'] = {};
	for (const f of features) profile[f.feature] = stat(f.segmentMean);
	for (const [k, v] of Object.entries(profileMeans ?? {})) profile[k] = stat(v);
	return {
		kind: 'segment',
		segmentId,
		label: `Segment ${segmentId}`,
		description: 'A cluster of customers',
		size: 1000,
		share: 0.2,
		method: 'kmeans',
		profile,
		distinguishingFeatures: features,
		conversionRate: 0.3,
		revenue: 100000,
		quality: { k: 4, kReason: 'silhouette' },
		protectedAttributesUsed: [],
		...rest,
	};
}

/** High spend, frequent, recent; mostly Pro plan; protected attributes present but not allowed. */
export const premiumLoyalist = makeSegment(
	'seg-premium',
	[
		df('monetary', 412, 180, 1.8),
		df('frequency', 9.5, 4.1, 1.2),
		df('recencyDays', 12, 35, -0.9),
		df('stage_retention', 0.55, 0.3, 0.8),
	],
	{
		size: 1240,
		share: 0.18,
		conversionRate: 0.62,
		revenue: 510880,
		channelMix: { email: 0.45, paid_search: 0.3, direct: 0.15, paid_social: 0.1 },
		attributes: {
			plan: { value: 'Pro', share: 0.72 },
			region: { value: 'North', share: 0.64 },
			gender: { value: 'female', share: 0.8 },
			ageBand: { value: '35-44', share: 0.5 },
		},
	},
);

/** Long since last activity, buys rarely, mostly churn-risk. */
export const lapsing = makeSegment(
	'seg-lapsing',
	[
		df('recencyDays', 96, 35, 1.6),
		df('frequency', 1.6, 4.1, -0.8),
		df('stage_churn-risk', 0.48, 0.12, 1.3),
	],
	{ channelMix: { email: 0.6, display: 0.25, organic_search: 0.15 }, conversionRate: 0.1 },
);

/** Friction-heavy researchers: many pain points, few conversions, slow to decide. */
export const frictionResearcher = makeSegment(
	'seg-friction',
	[
		df('painPoints', 2.3, 0.8, 1.4),
		df('conversions', 0.2, 0.9, -1.1),
		df('daysToConvert', 21, 9, 0.9),
	],
	{ channelMix: { organic_search: 0.5, support: 0.3, paid_search: 0.2 } },
);

/** Low spenders. */
export const valueSeeker = makeSegment('seg-value', [df('monetary', 45, 180, -1.2)], {
	profileMeans: { channel_paid_social: 0.55, channel_email: 0.25, channel_direct: 0.2 },
	revenue: null,
	conversionRate: null,
});

export const journeyMap: JourneyMap = {
	kind: 'journeyMap',
	funnel: [],
	timeToConvert: { windowDays: 30, medianDays: 7, meanDays: 9, convertedInWindow: 10 },
	topPaths: [],
	entryTouchpoints: [],
	exitTouchpoints: [],
	channelEffectiveness: [],
	attribution: { totalConversions: 0, models: {}, markovRemovalEffects: {}, markovOrder: 1 },
	painPoints: [
		{
			type: 'checkoutAbandon',
			label: 'Checkout abandonment',
			value: 0.34,
			detail: '34% leave at checkout',
		},
		{ type: 'supportContacts', label: 'Support contacts before buying', value: 0.21, detail: '' },
		{ type: 'slowDelivery', label: 'Slow delivery complaints', value: 0.05, detail: '' },
	],
	counts: {
		recordsIn: 0,
		recordsUsed: 0,
		recordsRejected: 0,
		duplicates: 0,
		customers: 0,
		droppedForConsent: 0,
	},
};

export { df };

// Segments shaped like the quickstart's (Sample Data seed 42, 500 customers): the four planted groups.
const QUICKSTART_CHANNELS = [
	'direct',
	'email',
	'organic_search',
	'organic_social',
	'paid_search',
	'paid_social',
];

function quickstartSegment(
	segmentId: string,
	label: string,
	features: Feature[],
	means: Record<string, number>,
	mix: number[],
	extra: Partial<Segment>,
): Segment {
	const channelMix: Record<string, number> = {};
	QUICKSTART_CHANNELS.forEach((c, i) => (channelMix[c] = mix[i]));
	const profileMeans: Record<string, number> = { ...means };
	for (const [c, v] of Object.entries(channelMix)) profileMeans[`channel_${c}`] = v;
	return makeSegment(segmentId, features, { label, channelMix, profileMeans, ...extra });
}

export const socialBrowsers = quickstartSegment(
	'seg-1',
	'Paid social browsers, not buying',
	[
		df('channel_paid_social', 0.437, 0.2257, 1.05),
		df('channel_email', 0.1514, 0.2905, -0.78),
		df('conversions', 0.0512, 1.0323, -0.65),
		df('channel_organic_search', 0.047, 0.1086, -0.57),
		df('channel_organic_social', 0.1102, 0.0684, 0.57),
	],
	{ recencyDays: 12.05, frequency: 24.5, monetary: 5.03, painPoints: 1.27 },
	[0.113, 0.1514, 0.047, 0.1102, 0.1215, 0.437],
	{
		size: 215,
		share: 0.386,
		conversionRate: 0.0372,
		revenue: 1082,
		attributes: {
			device: { value: 'mobile', share: 0.6977 },
			plan: { value: 'standard', share: 0.5349 },
			lifecyclestage: { value: 'lead', share: 0.2744 },
		},
	},
);

export const emailDealSeekers = quickstartSegment(
	'seg-2',
	'Email deal seekers',
	[
		df('channel_email', 0.5595, 0.2905, 1.52),
		df('channel_paid_social', 0.0406, 0.2257, -0.92),
		df('frequency', 41.94, 28.59, 0.73),
		df('channel_direct', 0.1063, 0.1665, -0.47),
	],
	{ recencyDays: 11.25, monetary: 74.16, conversions: 1.36, painPoints: 0.84 },
	[0.1063, 0.5595, 0.0916, 0.0619, 0.1325, 0.0406],
	{ size: 129, share: 0.2316, conversionRate: 0.4806, revenue: 9566 },
);

export const lapsedBuyers = quickstartSegment(
	'seg-3',
	'Lapsed buyers',
	[
		df('frequency', 7.37, 28.59, -1.16),
		df('recencyDays', 42.49, 18.28, 1.13),
		df('channel_support', 0.0138, 0.0062, 0.55),
	],
	{ monetary: 126.64, conversions: 1.39, painPoints: 1.21 },
	[0.17, 0.2851, 0.1458, 0.0411, 0.1273, 0.1869],
	{ size: 123, share: 0.2208, conversionRate: 0.6098, revenue: 15577 },
);

export const highValueLoyalists = quickstartSegment(
	'seg-4',
	'High-value loyalists',
	[
		df('channel_direct', 0.3748, 0.1665, 1.64),
		df('monetary', 490.37, 126.32, 1.46),
		df('channel_organic_search', 0.2295, 0.1086, 1.13),
		df('frequency', 48.13, 28.59, 1.07),
		df('channel_paid_social', 0.0395, 0.2257, -0.93),
	],
	{ recencyDays: 10.14, conversions: 2.41, painPoints: 0.53 },
	[0.3748, 0.2447, 0.2295, 0.0151, 0.047, 0.0395],
	{ size: 90, share: 0.1616, conversionRate: 0.6778, revenue: 44133 },
);

/** The quickstart's journey-map pain points, as the Journey Mapper writes them. */
export const quickstartJourneyMap: JourneyMap = {
	...journeyMap,
	painPoints: [
		{
			type: 'funnel_drop_off',
			label: 'add_to_cart -> begin_checkout',
			value: 0.46183206106870234,
			detail:
				'121 of 262 customers who reached add_to_cart did not reach begin_checkout; their support tickets: checkout (41), shipping_cost (41), order_status (2)',
			from: 'add_to_cart',
			to: 'begin_checkout',
			customers: 121,
			topSupportTags: [
				{ tag: 'checkout', count: 41 },
				{ tag: 'shipping_cost', count: 41 },
				{ tag: 'order_status', count: 2 },
			],
			rank: 1,
		} as JourneyMap['painPoints'][number],
		{
			type: 'support_topic',
			label: 'support tickets tagged checkout',
			value: 0.352,
			detail: '44 of 125 ticket tags are checkout',
		},
		{
			type: 'complaint',
			label: 'complaint rate',
			value: 0.1364,
			detail: '76 of 557 customers filed a support ticket or spam complaint',
		},
		{
			type: 'unsubscribe',
			label: 'unsubscribe rate',
			value: 0.1336,
			detail: '58 of 434 customers with email activity unsubscribed',
		},
		{
			type: 'stalled',
			label: 'stalled journeys',
			value: 0.1221,
			detail:
				'68 of 557 customers went past the first funnel step, did not convert and were inactive for 14+ days',
		},
		{
			type: 'email_bounce',
			label: 'email bounce rate',
			value: 0.0829,
			detail: '36 of 434 customers with email activity bounced',
		},
	],
};
