import { Persona } from '../../../lib/contracts/persona';
import { buildOfflinePersona, buildPersonas } from '../../../lib/persona';
import {
	emailDealSeekers,
	frictionResearcher,
	highValueLoyalists,
	journeyMap,
	lapsedBuyers,
	quickstartJourneyMap,
	socialBrowsers,
	lapsing,
	makeSegment,
	premiumLoyalist,
	valueSeeker,
	df,
} from './fixtures';

const LISTS = ['motivations', 'goals', 'painPoints', 'objections', 'keyMessages'] as const;

function evidenceFor(persona: Persona, feature: string) {
	return persona.evidence.filter((e) => e.feature === feature);
}

function claimsBackedBy(persona: Persona, feature: string): string[] {
	return evidenceFor(persona, feature).map((e) => e.claim);
}

describe('buildOfflinePersona', () => {
	it('names a high-spend, frequent segment as the premium loyalist and backs the claims with monetary and frequency', () => {
		const p = buildOfflinePersona(premiumLoyalist);
		expect(Persona.parse(p)).toBeTruthy();
		expect(p.personaId).toBe('persona-seg-premium');
		expect(p.segmentId).toBe('seg-premium');
		expect(p.name).toBe('Devoted Dana — the premium loyalist');
		expect(p.summary).toMatch(/^Dana stands for 1,240 customers \(18% of the base\)/);
		expect(p.summary).toContain(
			'spend $412 each on average, 2.3x the typical customer (vs $180 overall)',
		);
		expect(p.motivations).toContain('Wants quality and service that match what they spend');
		const monetary = evidenceFor(p, 'monetary');
		expect(monetary.length).toBeGreaterThan(0);
		for (const e of monetary) {
			expect(e.value).toBe(412);
			expect(e.baseline).toBe(180);
		}
		expect(claimsBackedBy(p, 'monetary')).toContain(
			'Wants quality and service that match what they spend',
		);
		expect(claimsBackedBy(p, 'frequency')).toContain(
			'Enjoys keeping up with the brand and what is new',
		);
		expect(p.keywords).toEqual(expect.arrayContaining(['premium', 'reorder', 'loyalty']));
		expect(p.keywords).not.toContain('members');
	});

	it('lists channels by share with channel_<name> evidence and never describes protected attributes', () => {
		const p = buildOfflinePersona(premiumLoyalist);
		expect(p.preferredChannels).toEqual(['email', 'paid_search', 'direct']);
		expect(evidenceFor(p, 'channel_email')[0]).toMatchObject({ value: 0.45 });
		expect(p.demographics).toBe('Plan: mostly Pro (72%); region: mostly North (64%).');
		const all = JSON.stringify(p).toLowerCase();
		expect(all).not.toContain('female');
		expect(all).not.toContain('35-44');
		expect(all).not.toContain('gender');
		expect(all).not.toContain('ageband');
		expect(evidenceFor(p, 'attributes.plan')[0]).toMatchObject({ value: 0.72 });
	});

	it('describes protected attributes only when explicitly allowed', () => {
		const p = buildOfflinePersona(premiumLoyalist, { allowProtectedAttributes: ['ageBand'] });
		expect(p.demographics).toContain('age band: mostly 35-44 (50%)');
		expect(p.demographics).not.toContain('female');
	});

	it('backs summary figures with size, share, conversionRate and revenue', () => {
		const p = buildOfflinePersona(premiumLoyalist);
		expect(evidenceFor(p, 'size')[0].value).toBe(1240);
		expect(evidenceFor(p, 'share')[0].value).toBe(0.18);
		expect(evidenceFor(p, 'conversionRate')[0].value).toBe(0.62);
		expect(evidenceFor(p, 'revenue')[0].value).toBe(510880);
		expect(p.summary).toContain(
			'62% of them have bought, bringing in $510,880 in revenue ($412 per customer).',
		);
	});

	it('turns a long recency and a churn-risk majority into a lapsing persona with a win-back message', () => {
		const p = buildOfflinePersona(lapsing);
		expect(p.name).toBe('Drifting Devon — the lapsing customer');
		expect(p.painPoints).toContain(
			'Has gone inactive: last active 96 days ago on average (vs 35 days overall)',
		);
		expect(claimsBackedBy(p, 'recencyDays')).toContain(
			'Has gone inactive: last active 96 days ago on average (vs 35 days overall)',
		);
		expect(p.keyMessages.join(' ')).toMatch(/welcome back/i);
		expect(claimsBackedBy(p, 'stage_churn-risk')).toContain(
			'At risk of leaving: 48% are in the churn-risk stage (vs 12% overall)',
		);
		expect(p.tone).toMatch(/warm and low-pressure/i);
	});

	it('turns pain points, few conversions and slow decisions into friction and proof-seeking claims', () => {
		const p = buildOfflinePersona(frictionResearcher, { journeyMap });
		expect(p.name).toBe('Frustrated Flynn — the friction-hit shopper');
		expect(claimsBackedBy(p, 'painPoints')[0]).toMatch(
			/2\.3 pain points per customer \(vs 0\.8 overall\)/,
		);
		expect(claimsBackedBy(p, 'conversions')).toContain(
			'Needs more proof, such as reviews and comparisons, before committing',
		);
		expect(claimsBackedBy(p, 'daysToConvert').join(' ')).toMatch(/21 days to convert/);
		expect(p.painPoints).toContain('Checkout abandonment: 34% leave at checkout');
		expect(evidenceFor(p, 'journeyMap.painPoints.checkoutAbandon')[0].value).toBe(0.34);
		expect(p.painPoints.join(' ')).not.toContain('Slow delivery');
		expect(p.preferredChannels).toEqual(['organic_search', 'support', 'paid_search']);
	});

	it('reads channel shares from channel_<name> profile features when there is no channelMix', () => {
		const p = buildOfflinePersona(valueSeeker);
		expect(p.name).toBe('Thrifty Theo — the value seeker');
		expect(p.preferredChannels).toEqual(['paid_social', 'email', 'direct']);
		expect(p.objections).toContain('Is it worth the price compared with cheaper alternatives?');
		expect(claimsBackedBy(p, 'monetary')).toContain(
			'Price-sensitive: spends $45 on average (vs $180 overall)',
		);
		expect(p.summary).not.toMatch(/converted|revenue/);
	});

	it('gives every list item an evidence entry whose claim is the item itself', () => {
		for (const seg of [premiumLoyalist, lapsing, frictionResearcher, valueSeeker]) {
			const p = buildOfflinePersona(seg, { journeyMap });
			const claims = new Set(p.evidence.map((e) => e.claim));
			for (const item of [
				...p.motivations,
				...p.goals,
				...p.painPoints,
				...p.objections,
				...p.keyMessages,
			]) {
				expect(claims).toContain(item);
			}
		}
	});

	it('is deterministic and does not mutate its input', () => {
		const frozen = JSON.parse(JSON.stringify(premiumLoyalist));
		const a = buildOfflinePersona(premiumLoyalist, { journeyMap });
		const b = buildOfflinePersona(premiumLoyalist, { journeyMap });
		expect(a).toEqual(b);
		expect(premiumLoyalist).toEqual(frozen);
	});

	it('falls back to the everyday customer when nothing stands out', () => {
		const p = buildOfflinePersona(makeSegment('seg-plain', [df('monetary', 181, 180, 0.05)]));
		expect(p.name).toBe('Steady Sky — the everyday customer');
		// nothing stands out, yet every list has evidence-backed items from the plain figures
		for (const field of LISTS) {
			expect(p[field].length).toBeGreaterThanOrEqual(2);
			for (const item of p[field]) expect(p.evidence.some((e) => e.claim === item)).toBe(true);
		}
		expect(Persona.safeParse(p).success).toBe(true);
	});

	it('gives preferred times only from timing features, with their evidence', () => {
		expect(buildOfflinePersona(premiumLoyalist).preferredTimes).toEqual([]);
		const seg = makeSegment('seg-evening', [df('frequency', 8, 4, 1)], {
			profileMeans: { daypart_evening: 0.52, daypart_morning: 0.18, weekend: 0.31 },
		});
		const p = buildOfflinePersona(seg);
		expect(p.preferredTimes).toEqual(['Evenings', 'Weekends']);
		expect(evidenceFor(p, 'daypart_evening')[0]).toEqual({
			claim: 'Active evenings: 52% of their activity',
			feature: 'daypart_evening',
			value: 0.52,
		});
	});

	it('leaves out attribute values that look like personal data', () => {
		const seg = makeSegment('seg-pii', [df('monetary', 300, 180, 1)], {
			attributes: {
				city: { value: '221B Baker Street', share: 0.4 },
				contact: { value: 'dana@example.com', share: 0.3 },
				plan: { value: 'Pro', share: 0.6 },
			},
		});
		const p = buildOfflinePersona(seg);
		expect(p.demographics).toBe('Plan: mostly Pro (60%).');
		expect(JSON.stringify(p)).not.toMatch(/Baker|example\.com/);
	});
});

describe('buildOfflinePersona on the quickstart-shaped segments', () => {
	const quickstart = [socialBrowsers, emailDealSeekers, lapsedBuyers, highValueLoyalists];
	const build = (seg: typeof socialBrowsers) =>
		buildOfflinePersona(seg, { journeyMap: quickstartJourneyMap });

	it('lets a channel-led trait choose the archetype: email deal hunter, social-first browser', () => {
		const deals = build(emailDealSeekers);
		expect(deals.name).toBe('Inbox Ivy — the email-driven deal hunter');
		expect(deals.motivations[0]).toBe('Responds to email offers and timely deals');
		expect(claimsBackedBy(deals, 'channel_email')).toContain(
			'Responds to email offers and timely deals',
		);
		expect(evidenceFor(deals, 'channel_email')[0]).toMatchObject({
			value: 0.5595,
			baseline: 0.2905,
		});
		expect(deals.summary).toMatch(/respond to email \(56% of their touchpoints vs 29% overall\)/);

		const browsers = build(socialBrowsers);
		expect(browsers.name).toBe('Scrolling Scout — the social-first browser');
		expect(browsers.motivations[0]).toMatch(/social feeds/);
		expect(claimsBackedBy(browsers, 'channel_paid_social').join(' ')).toMatch(/social/);
		expect(browsers.summary).toContain('rarely buy (5 purchases per 100 customers vs 103 overall)');
		expect(browsers.painPoints).toContain(
			'Interest rarely turns into a purchase: only 4% have bought so far',
		);
	});

	it('keeps value- and recency-led segments as premium loyalist and lapsing customer', () => {
		expect(build(highValueLoyalists).name).toBe('Devoted Dana — the premium loyalist');
		const lapsed = build(lapsedBuyers);
		expect(lapsed.name).toBe('Drifting Devon — the lapsing customer');
		expect(lapsed.painPoints[0]).toBe(
			'Has gone inactive: last active 42 days ago on average (vs 18 days overall)',
		);
	});

	it('uses the segment label as a hint between traits of similar strength', () => {
		const seg = makeSegment('seg-tie', [
			df('channel_paid_search', 0.4, 0.15, 0.8),
			df('conversions', 0.4, 1, -0.85),
		]);
		expect(buildOfflinePersona(seg).name).toBe('Curious Casey — the careful researcher');
		const hinted = buildOfflinePersona({ ...seg, label: 'Paid search browsers, not buying' });
		expect(hinted.name).toBe('Searching Sloane — the search-led researcher');
	});

	it('gives every list 2-4 items, each with evidence, and no debug notation', () => {
		for (const seg of quickstart) {
			const p = build(seg);
			for (const field of LISTS) {
				expect(p[field].length).toBeGreaterThanOrEqual(2);
				expect(p[field].length).toBeLessThanOrEqual(4);
				for (const item of p[field]) {
					expect(p.evidence.some((e) => e.claim === item)).toBe(true);
					expect(item).not.toMatch(/->|channel_|[a-z]+_[a-z]+|\d\.\d{2,}/);
				}
			}
			expect(p.summary).not.toMatch(/(?<![$\d])\d\.\d{2,}|->|_/);
			expect(p.summary).toMatch(/\$\d/);
		}
	});

	it("writes the journey map's pain points in plain words with the number and the ticket topics", () => {
		const browsers = build(socialBrowsers);
		expect(browsers.painPoints).toContain(
			'46% of shoppers who add to cart never start checkout; their support tickets point to checkout problems and shipping costs',
		);
		expect(evidenceFor(browsers, 'journeyMap.painPoints.funnel_drop_off')[0].value).toBe(0.4618);
		// the email-led segment hears about unsubscribes, the lapsed one about stalled journeys
		expect(build(emailDealSeekers).painPoints).toContain(
			'Email fatigue: 13% of customers on the email list have unsubscribed',
		);
		expect(build(lapsedBuyers).painPoints).toContain(
			'12% of customers stall partway and go quiet for 14+ days without buying',
		);
		const all = quickstart.flatMap((seg) => build(seg).painPoints).join(' ');
		expect(all).not.toMatch(/Likely affected|tagged|\(0\.\d+\)/);
	});

	it('keeps keywords to what the evidence backs: no rewards or members without a loyalty theme', () => {
		for (const seg of [socialBrowsers, emailDealSeekers, lapsedBuyers]) {
			const k = build(seg).keywords;
			expect(k).not.toContain('rewards');
			expect(k).not.toContain('members');
			expect(k).not.toContain('loyalty');
			expect(k.join(' ')).not.toMatch(/free shipping|% off|discount code/);
		}
		expect(build(socialBrowsers).keywords).toEqual(expect.arrayContaining(['inspiration']));
		expect(build(emailDealSeekers).keywords).toEqual(expect.arrayContaining(['deals']));
		expect(build(highValueLoyalists).keywords).toEqual(
			expect.arrayContaining(['premium', 'loyalty']),
		);
		expect(build(highValueLoyalists).preferredChannels).toEqual([
			'direct',
			'email',
			'organic_search',
		]);
	});

	it('writes readable demographics: rounded shares, readable attribute names', () => {
		const p = build(socialBrowsers);
		expect(p.demographics).toBe(
			'Device: mostly mobile (70%); plan: mostly standard (53%); lifecycle stage: most often lead (27%).',
		);
	});
});

describe('buildPersonas (offline)', () => {
	it('names the four quickstart-shaped segments uniquely, each after its own archetype', async () => {
		const personas = await buildPersonas(
			[socialBrowsers, emailDealSeekers, lapsedBuyers, highValueLoyalists],
			{ journeyMap: quickstartJourneyMap },
		);
		expect(personas.map((p) => p.name.split(' — ')[1])).toEqual([
			'the social-first browser',
			'the email-driven deal hunter',
			'the lapsing customer',
			'the premium loyalist',
		]);
	});

	it('returns one valid persona per segment in order, with unique names', async () => {
		const twin = { ...premiumLoyalist, segmentId: 'seg-premium-2' };
		const personas = await buildPersonas([
			premiumLoyalist,
			lapsing,
			twin,
			frictionResearcher,
			valueSeeker,
		]);
		expect(personas.map((p) => p.personaId)).toEqual([
			'persona-seg-premium',
			'persona-seg-lapsing',
			'persona-seg-premium-2',
			'persona-seg-friction',
			'persona-seg-value',
		]);
		expect(personas[2].name).toBe('Loyal Logan — the premium loyalist');
		expect(new Set(personas.map((p) => p.name)).size).toBe(5);
		for (const p of personas) expect(Persona.safeParse(p).success).toBe(true);
	});

	it('rejects an invalid segment naming the item and field', async () => {
		await expect(
			buildPersonas([premiumLoyalist, { kind: 'segment', segmentId: '' }]),
		).rejects.toThrow(/Item 1 is not a valid Segment: field "segmentId"/);
	});
});
