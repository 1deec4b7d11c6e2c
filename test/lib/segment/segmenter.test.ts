import { Segment } from '../../../lib/contracts/segment';
import {
	describeSegment,
	distinctLabels,
	featureFact,
	labelSegment,
} from '../../../lib/segment/describe';
import { segmentCustomers } from '../../../lib/segment/segmenter';
import { allFinite, customerRows, journey } from './fixtures';

const idsByCustomer = (r: ReturnType<typeof segmentCustomers>) =>
	new Map(r.customers.map((c) => [c.customerId, c.segmentId]));

describe('segmentCustomers with k-means', () => {
	const rows = customerRows(1, 40);
	const result = segmentCustomers(rows, { seed: 7 });

	it('finds the planted groups, with contract-valid segments largest first', () => {
		expect(result.segments).toHaveLength(3);
		for (const s of result.segments) expect(Segment.safeParse(s).success).toBe(true);
		expect(result.segments.map((s) => s.size)).toEqual([40, 40, 40]);
		expect(result.segments.map((s) => s.segmentId)).toEqual(['seg-1', 'seg-2', 'seg-3']);
		expect(result.counts).toMatchObject({ rows: 120, customers: 120, segments: 3, features: 2 });
		const shares = result.segments.reduce((s, seg) => s + seg.share, 0);
		expect(shares).toBeCloseTo(1, 12);
		expect(result.segments[0].quality.kReason).toMatch(/^k = 3 chosen/);
		expect(result.segments[0].quality.silhouette).toBeGreaterThan(0.7);
	});

	it('describes each segment: profile, distinguishing features, label, attributes', () => {
		const big = result.segments.find((s) => s.profile.spend.mean > 500) as Segment;
		expect(big.distinguishingFeatures[0]).toMatchObject({ direction: 'higher' });
		expect(big.label).toBe('High spend, high visits');
		expect(big.description).toMatch(/^High spend, high visits: 33% of customers \(40\), higher spend: 9\d\d on average \(overall: \d{3}\)/);
		expect(big.description).not.toMatch(/z |z-score|rule/i);
		expect(big.attributes).toEqual({ region: { value: 'west', share: 1 } });
		expect(big.profile.spend.q1).toBeLessThanOrEqual(big.profile.spend.median);
		expect(big.protectedAttributesUsed).toEqual([]);
		expect(result.diagnostics.protectedAttributesExcluded.sort()).toEqual(['age', 'gender']);
	});

	it('tags customers and gives a capped projection; no NaN anywhere', () => {
		expect(result.customers[0]).toMatchObject({ index: 0, customerId: 'g0-0' });
		expect(Object.keys(result.customers[0].features)).toEqual(['spend', 'visits']);
		expect(result.projection.length).toBe(120);
		expect(segmentCustomers(rows, { seed: 7, projectionSampleSize: 30 }).projection).toHaveLength(
			30,
		);
		expect(allFinite(result)).toBe(true);
	});

	it('is deterministic for a seed', () => {
		expect(JSON.stringify(segmentCustomers(rows, { seed: 7 }))).toBe(JSON.stringify(result));
	});

	it('records a protected attribute used on explicit opt-in', () => {
		const r = segmentCustomers(rows, {
			numericFields: ['spend', 'visits', 'age'],
			allowProtectedAttributes: ['age'],
			k: 3,
		});
		expect(r.model.featureNames).toEqual(['spend', 'visits', 'age']);
		for (const s of r.segments) expect(s.protectedAttributesUsed).toEqual(['age']);
	});
});

describe('stable segment ids', () => {
	it('keeps ids across a small shift and a reordering, via the JSON model', () => {
		const first = segmentCustomers(customerRows(1, 40), { seed: 7 });
		const model = JSON.parse(JSON.stringify(first.model)) as unknown;
		// New data: 3% drift, different noise, reversed order, different seed.
		const second = segmentCustomers(customerRows(2, 40, 0.03).reverse(), {
			seed: 99,
			previousModel: model,
		});
		const before = idsByCustomer(first);
		const after = idsByCustomer(second);
		for (const [customer, id] of before) expect(after.get(customer)).toBe(id);
		expect(second.counts.matchedPrevious).toBe(3);
		expect(
			second.segments.every((s) => (s.stability as { matchedPrevious: boolean }).matchedPrevious),
		).toBe(true);
	});

	it('gives a new cluster a fresh id and never reuses numbers', () => {
		const first = segmentCustomers(customerRows(1, 40), { seed: 7, k: 3 });
		const extra = customerRows(3, 40).concat(
			Array.from({ length: 40 }, (_, i) => ({
				customerId: `new-${i}`,
				spend: 3000 + i,
				visits: 2 + (i % 3),
			})),
		);
		const second = segmentCustomers(extra, { seed: 7, k: 4, previousModel: first.model });
		expect(second.segments.map((s) => s.segmentId).sort()).toEqual([
			'seg-1',
			'seg-2',
			'seg-3',
			'seg-4',
		]);
		expect(idsByCustomer(second).get('new-0')).toBe('seg-4');
		expect(second.model.nextSegmentNumber).toBe(5);
	});

	it('rejects a malformed previous model naming the field', () => {
		expect(() =>
			segmentCustomers(customerRows(1, 10), { previousModel: { kind: 'segmentModel' } }),
		).toThrow(/previous segment model: field "version"/);
	});

	it('names the option and the field when the sizes of a previous model disagree', () => {
		const { model } = segmentCustomers(customerRows(1, 40), { seed: 7, k: 3 });
		const bad = { ...model, scaling: { ...model.scaling, scale: model.scaling.scale.slice(1) } };
		expect(() => segmentCustomers(customerRows(2, 40), { seed: 7, k: 3, previousModel: bad })).toThrow(
			expect.objectContaining({
				name: 'InputError',
				field: 'previousModel.scaling.scale',
				message: `previous segment model: field "scaling.scale" must have ${model.featureNames.length} (one per feature), got ${model.featureNames.length - 1}`,
			}),
		);
	});

	it("a model sharing no feature gives fresh ids, or throws with previousModelMismatch 'error'", () => {
		const { model } = segmentCustomers(customerRows(1, 40), { seed: 7, k: 3 });
		const other = { ...model, featureNames: model.featureNames.map((f) => `old_${f}`) };
		const fresh = segmentCustomers(customerRows(2, 40), { seed: 7, k: 3, previousModel: other });
		expect(fresh.counts.matchedPrevious).toBe(0);
		expect(fresh.segments.map((s) => s.segmentId).sort()).toEqual(['seg-4', 'seg-5', 'seg-6']);
		expect(() =>
			segmentCustomers(customerRows(2, 40), { seed: 7, k: 3, previousModel: other, previousModelMismatch: 'error' }),
		).toThrow(expect.objectContaining({ field: 'previousModel.featureNames' }));
		// A model that fits passes the strict check.
		const kept = segmentCustomers(customerRows(2, 40), { seed: 7, k: 3, previousModel: model, previousModelMismatch: 'error' });
		expect(kept.counts.matchedPrevious).toBe(3);
	});
});

describe('segmentCustomers with RFM', () => {
	it('scores journeys and names segments with stable ids', () => {
		const journeys = [
			journey('a', {
				lastSeen: '2025-06-10T00:00:00.000Z',
				converted: true,
				conversions: 5,
				revenue: 900,
				daysToConvert: 2,
			}),
			journey('b', {
				lastSeen: '2025-06-09T00:00:00.000Z',
				converted: true,
				conversions: 3,
				revenue: 400,
				daysToConvert: 5,
			}),
			journey('c', {
				lastSeen: '2025-05-01T00:00:00.000Z',
				converted: true,
				conversions: 2,
				revenue: 150,
				daysToConvert: 9,
			}),
			journey('d', {
				lastSeen: '2025-03-01T00:00:00.000Z',
				converted: true,
				conversions: 1,
				revenue: 50,
				daysToConvert: 20,
			}),
			journey('e', { lastSeen: '2024-12-01T00:00:00.000Z' }),
		];
		const r = segmentCustomers(journeys, { method: 'rfm' });
		expect(r.customers.map((c) => c.rfm?.code)).toEqual(['555', '444', '333', '222', '111']);
		expect(r.customers.map((c) => c.label)).toEqual([
			'Champions',
			'Loyal',
			'Need Attention',
			'Hibernating',
			'Lost',
		]);
		expect(r.customers[0].segmentId).toBe('rfm-champions');
		for (const s of r.segments) {
			expect(Segment.safeParse(s).success).toBe(true);
			expect(s.method).toBe('rfm');
			expect(s.channelMix).toEqual({ email: 0.75, paid_search: 0.25 });
		}
		expect(r.segments.find((s) => s.label === 'Champions')?.conversionRate).toBe(1);
		expect(r.segments.find((s) => s.label === 'Lost')?.revenue).toBe(0);
		// A single customer can still be scored.
		expect(segmentCustomers([journeys[0]], { method: 'rfm' }).segments).toHaveLength(1);
	});
});

describe('bad input', () => {
	it('gives clear errors, never NaN', () => {
		expect(() => segmentCustomers([])).toThrow('no input rows: at least one customer is required');
		expect(() => segmentCustomers([{ spend: 1 }])).toThrow(/choosing k needs at least 3 rows/);
		expect(() => segmentCustomers(customerRows(1, 2), { k: 10 })).toThrow(
			'k = 10 is larger than the number of customers (6)',
		);
		const same = Array.from({ length: 5 }, () => ({ spend: 3, visits: 1 }));
		expect(() => segmentCustomers(same)).toThrow(/too few distinct rows|distinct rows/);
		expect(() => segmentCustomers([{ spend: 1 }, { spend: 'x' }, { spend: 3 }])).toThrow(
			/Item 1: field "spend" is the string "x"/,
		);
		expect(() => segmentCustomers(customerRows(1, 3), { method: 'x' as 'rfm' })).toThrow(
			/method must be/,
		);
	});

	it('a constant feature is harmless', () => {
		const rows = customerRows(1, 20).map((r) => ({ ...r, flat: 5 }));
		const r = segmentCustomers(rows, { numericFields: ['spend', 'visits', 'flat'], k: 3 });
		expect(allFinite(r)).toBe(true);
		for (const s of r.segments)
			expect(s.distinguishingFeatures.map((f) => f.feature)).not.toContain('flat');
	});

	it("imputes strings in numeric fields with nonNumeric 'impute' and reports the count", () => {
		const rows = customerRows(1, 20);
		rows[3].spend = 'n/a';
		const r = segmentCustomers(rows, { nonNumeric: 'impute', k: 3 });
		expect(r.counts.imputed).toEqual({ spend: 1 });
		expect(allFinite(r)).toBe(true);
	});
});

describe('labels and descriptions', () => {
	const st = (feature: string, zScore: number, segmentMean: number, overallMean: number) => ({
		feature,
		zScore,
		segmentMean,
		overallMean,
	});

	it('describes a segment in plain words, the label\'s own traits first, without z-scores', () => {
		const standings = [
			st('channel_direct', 1.6, 0.37, 0.17),
			st('monetary', 1.5, 697, 127),
			st('conversions', 1.2, 4.3, 1),
			st('frequency', 1.1, 48, 29),
		];
		const named = labelSegment(standings);
		expect(named.label).toBe('High-value loyalists');
		expect(describeSegment(named.headline, 55, 0.11, standings, named.explained)).toBe(
			'Big spenders who keep coming back: 11% of customers (55), spending $697 on average ' +
				'(5.5x the average customer), interacting 48 times on average (1.7x the average customer) ' +
				'and 37% of their interactions through direct visits (the average customer: 17%).',
		);
		expect(featureFact(st('conversions', -0.7, 0.05, 1))).toBe(
			'rarely buying (0.05 purchases each on average)',
		);
		expect(featureFact(st('recencyDays', 1.1, 42, 18))).toBe(
			'last seen 42 days ago on average (the average customer: 18 days)',
		);
	});

	it('tells segments with the same label apart by their next trait, never by a number', () => {
		const a = [st('monetary', 1.5, 700, 130), st('frequency', 1.0, 50, 30), st('channel_email', 0.9, 0.5, 0.3)];
		const b = [st('monetary', 1.2, 600, 130), st('frequency', 0.8, 45, 30), st('channel_direct', 1.1, 0.4, 0.2)];
		const names = [labelSegment(a), labelSegment(b)];
		expect(distinctLabels(names, [a, b])).toEqual([
			'High-value loyalists, mostly via email',
			'High-value loyalists, mostly via direct visits',
		]);
		const c = [st('channel_email', 0.9, 0.5, 0.3)];
		const same = [labelSegment([st('spend', 0.1, 1, 1)]), labelSegment([st('spend', 0.1, 1, 1)])];
		expect(distinctLabels(same, [c, c])).toEqual([
			'Typical customers, mostly via email',
			'Typical customers, group 2',
		]);
	});
});

describe('labels', () => {
	const z = (feature: string, zScore: number) => ({
		feature,
		zScore,
		segmentMean: 0,
		overallMean: 0,
	});
	it.each([
		[[z('monetary', 1.2), z('frequency', 0.9)], 'High-value loyalists'],
		[
			[z('channel_email', 1.5), z('channel_paid_search', 0.2), z('monetary', -0.3)],
			'Email deal seekers',
		],
		[[z('channel_paid_social', 1.1), z('conversions', -0.7)], 'Paid social browsers, not buying'],
		[[z('recencyDays', 1.4), z('conversions', 0.1)], 'Lapsed buyers'],
		[[z('recencyDays', 1.4), z('conversions', -0.9)], 'Inactive non-buyers'],
		[[z('monetary', 0.1)], 'Typical customers'],
		[[z('spend', 1.1), z('visits', -0.8)], 'High spend, low visits'],
	])('%j -> %s', (standings, label) => expect(labelSegment(standings).label).toBe(label));
});

describe('anonymous visitors', () => {
	// Two clear groups of identified customers plus anonymous visitors that look like neither.
	const known = (i: number, big: boolean) =>
		journey(`k${i}`, {
			touchpoints: big ? 40 + (i % 5) : 3 + (i % 2),
			revenue: big ? 500 + i : 0,
			conversions: big ? 3 : 0,
			converted: big,
			daysToConvert: big ? 2 : null,
		});
	const anon = (i: number) =>
		journey(`a${i}`, {
			anonymous: true,
			touchpoints: 12,
			engagement: { byChannel: { paid_social: 12 }, byEvent: {} },
		});
	const rows = [
		...Array.from({ length: 20 }, (_, i) => known(i, i % 2 === 0)),
		...Array.from({ length: 8 }, (_, i) => anon(i)),
	];

	it('fits on identified customers and places anonymous visitors in the nearest segment', () => {
		const r = segmentCustomers(rows, { k: 2 });
		expect(r.segments).toHaveLength(2);
		expect(r.segments[0].quality.kReason).toMatch(/fitted on the 20 identified customers; the 8 anonymous/);
		const anonymousTotal = r.segments.reduce((s, seg) => s + Number(seg.anonymousVisitors), 0);
		expect(anonymousTotal).toBe(8);
		expect(r.customers).toHaveLength(28);
	});

	it('clusters them with everyone on request', () => {
		const r = segmentCustomers(rows, { k: 2, anonymousVisitors: 'cluster' });
		expect(r.segments[0].quality.kReason).not.toMatch(/anonymous/);
		expect(() => segmentCustomers(rows, { anonymousVisitors: 'x' as 'cluster' })).toThrow(
			/anonymousVisitors must be/,
		);
	});
});

describe('auto input mode: one bad item among journeys is named, never a silent switch to rows', () => {
	/** Twelve journeys in two planted groups (email vs paid search, low vs high spend). */
	const journeys = () =>
		Array.from({ length: 12 }, (_, i) =>
			journey(`c${i}`, {
				touchpoints: i < 6 ? 3 : 20,
				revenue: i < 6 ? 10 : 400,
				conversions: i < 6 ? 0 : 3,
				converted: i >= 6,
				engagement: { byChannel: i < 6 ? { email: 3 } : { paid_search: 20 }, byEvent: {} },
			}),
		);

	it('segments on journey features when every item is a journey', () => {
		const r = segmentCustomers(journeys(), { k: 2 });
		expect(r.diagnostics.source).toBe('journeys');
		expect(r.rejected).toEqual([]);
	});

	it('names the item when an {error} item from continue-on-fail sits among journeys', () => {
		const rows: unknown[] = journeys();
		rows.splice(4, 0, { error: 'upstream failed' });
		// the error item has no journey fields: without this rule, every journey became a row
		expect(() => segmentCustomers(rows, { k: 2 })).toThrow(/^Item 4 is not a valid Journey: field "customerId" is missing/);
	});

	it('names the item and field when a Set node dropped engagement from one journey', () => {
		const rows = journeys();
		delete rows[7].engagement;
		expect(() => segmentCustomers(rows, { k: 2 })).toThrow(/^Item 7 is not a valid Journey: field "engagement" is missing/);
	});

	it("with invalidJourneys 'skip', segments the valid journeys and lists the bad ones, indexes into the input", () => {
		const rows: unknown[] = journeys();
		rows.splice(4, 0, { error: 'upstream failed' });
		delete (rows[9] as Record<string, unknown>).engagement;
		const r = segmentCustomers(rows, { k: 2, invalidJourneys: 'skip' });
		expect(r.diagnostics.source).toBe('journeys');
		expect(r.rejected.map((x) => [x.itemIndex, x.field])).toEqual([
			[4, 'customerId'],
			[9, 'engagement'],
		]);
		expect(r.customers).toHaveLength(11);
		expect(r.customers.map((c) => c.index)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12]);
		// each customer's index still points at its own journey
		for (const c of r.customers) expect((rows[c.index] as { customerId: string }).customerId).toBe(c.customerId);
		for (const p of r.projection) expect(r.customers.some((c) => c.index === p.index)).toBe(true);
		expect(r.counts.rows).toBe(13);
		expect(r.counts.customers).toBe(11);
		// the two planted groups still come out apart
		const seg = idsByCustomer(r);
		expect(seg.get('c0')).toBe(seg.get('c5'));
		expect(seg.get('c0')).not.toBe(seg.get('c11'));
	});

	it('still reads plain rows as rows, and a plain row carrying a lastSeen date is a row', () => {
		const rows = customerRows(1, 5).map((row) => ({ ...row, lastSeen: '2025-01-01T00:00:00.000Z' }));
		const r = segmentCustomers(rows, { k: 3 });
		expect(r.diagnostics.source).toBe('rows');
	});

	it('refuses an unknown invalidJourneys policy', () => {
		expect(() => segmentCustomers(journeys(), { invalidJourneys: 'drop' as 'skip' })).toThrow(/invalidJourneys must be 'error' or 'skip'/);
	});
});
