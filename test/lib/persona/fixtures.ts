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
