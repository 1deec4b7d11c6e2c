import { generateAds } from '../../../lib/ads/generate';
import { anglesByFeedback, channelsForPersona, firstNewLabelIndex } from '../../../lib/ads/feedback';
import { labelIndex, variantGroupLabel } from '../../../lib/ads/ids';
import { buildAdPrompt } from '../../../lib/ads/llmPrompt';
import type { Persona } from '../../../lib/contracts/persona';
import type { TestFeedback } from '../../../lib/contracts/feedback';
import { BRIEF, NOW, PERSONAS } from './fixtures';

const base = PERSONAS[0];
const ad = (variantGroup: string, angle: string) => ({
	adId: `ad_${variantGroup}`,
	variantGroup,
	angle,
	headlines: [`Headline ${variantGroup}`],
	texts: [`Text ${variantGroup}.`],
	cta: 'SHOP_NOW',
	metricValue: 0.01,
	ctr: 0.02,
	cvr: 0.05,
});
const test: TestFeedback = {
	channel: 'google_search',
	test: `${base.personaId}|google_search`,
	metric: 'conversionRate',
	winner: { ...ad('B', 'urgency'), chanceToBeBest: 0.97, liftVsControl: 0.2 },
	replace: [
		{ ...ad('A', 'benefit'), decision: 'regenerate', weaknesses: ['weaker hook: CTR 1.0% against the winner 2.0%'] },
		{ ...ad('C', 'objection'), decision: 'regenerate', weaknesses: ['its angle objection lost to urgency'] },
	],
	keepAngles: ['urgency'],
	avoidAngles: ['benefit', 'objection'],
	winningHeadlines: ['Headline B'],
	keywords: [],
	variantsWanted: 2,
};
const withFeedback: Persona = {
	...base,
	feedback: {
		kind: 'regenerationFeedback',
		version: 1,
		personaId: base.personaId,
		segmentId: base.segmentId,
		createdAt: '2026-12-01T00:00:00.000Z',
		tests: [test],
		channels: ['google_search'],
		summary: 'B won on Google Search; replace A and C.',
	},
};

describe('the Ad Generator reads the Ad Optimizer\'s feedback', () => {
	it('labels round-trip: A is 0, Z is 25, AA is 26', () => {
		for (const i of [0, 1, 25, 26, 27, 51]) expect(labelIndex(variantGroupLabel(i))).toBe(i);
		expect(labelIndex('a')).toBe(-1);
	});

	it('orders angles winner first, untried next, losers last', () => {
		expect(anglesByFeedback(['benefit', 'pain', 'urgency', 'objection'], test)).toEqual(['urgency', 'pain', 'benefit', 'objection']);
		expect(anglesByFeedback(['benefit', 'pain'], undefined)).toEqual(['benefit', 'pain']);
	});

	it('writes new challengers only for the tested channel, as many as arms replaced, labelled after the test', () => {
		expect(channelsForPersona(withFeedback, ['google_search', 'meta_feed', 'email'])).toEqual(['google_search']);
		expect(firstNewLabelIndex(test, labelIndex)).toBe(3);
		const round2 = generateAds([withFeedback], BRIEF, { seed: 7, now: NOW });
		expect(round2.rejected).toEqual([]);
		expect(round2.variants.map((v) => [v.channel, v.variantGroup])).toEqual([
			['google_search', 'D'],
			['google_search', 'E'],
		]);
		expect(round2.variants[0].angle).toBe('urgency');
		expect(round2.variants.every((v) => v.validation.ok)).toBe(true);
	});

	it('gives the new round ids of its own, so they never collide with the ads they replace', () => {
		const round1 = generateAds([base], BRIEF, { seed: 7, now: NOW, channels: ['google_search'] });
		const round2 = generateAds([withFeedback], BRIEF, { seed: 7, now: NOW });
		const first = new Set(round1.variants.map((v) => v.adId));
		expect(round2.variants.some((v) => first.has(v.adId))).toBe(false);
	});

	it('shows a model the winner as an example and the losers\' weaknesses', () => {
		const prompt = JSON.parse(buildAdPrompt(withFeedback, BRIEF, 'google_search', 2).user);
		expect(prompt.whatWorked.winner).toEqual({ angle: 'urgency', headlines: ['Headline B'], texts: ['Text B.'] });
		expect(prompt.whatWorked.losers.map((l: { weaknesses: string[] }) => l.weaknesses)).toEqual([
			['weaker hook: CTR 1.0% against the winner 2.0%'],
			['its angle objection lost to urgency'],
		]);
		expect(JSON.parse(buildAdPrompt(base, BRIEF, 'google_search', 2).user).whatWorked).toBeUndefined();
	});
});
