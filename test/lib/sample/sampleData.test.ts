import {
	generateSampleData,
	iterateSampleRecords,
	SAMPLE_GROUPS,
	SAMPLE_SOURCES,
} from '../../../lib/sample';
import type { SampleSource } from '../../../lib/sample';

type Rec = Record<string, unknown>;

/** Which source a native record comes from, judged only by its shape. */
function shapeOf(r: Rec): SampleSource {
	if (typeof r.event_name === 'string') return 'ga4';
	if (r.properties !== undefined) return 'hubspot';
	if (r.email_address !== undefined) return 'mailchimp';
	if (r.date_start !== undefined) return 'metaAds';
	if (r.line_items !== undefined) return 'shopify';
	if (r.requester_email !== undefined) return 'support';
	throw new Error(`unknown shape: ${Object.keys(r).join(',')}`);
}

describe('generateSampleData', () => {
	const data = generateSampleData({ seed: 42, customers: 400 });
	const { records, truth, counts } = data;

	it('emits every source in its native shape, counted per source', () => {
		const seen: Record<string, number> = {};
		for (const r of records) {
			const s = shapeOf(r);
			seen[s] = (seen[s] ?? 0) + 1;
		}
		for (const s of SAMPLE_SOURCES) expect(seen[s]).toBe(counts[s]);
		expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(records.length);
	});

	it('uses the sources native field formats', () => {
		const ga4 = records.find((r) => r.event_name === 'purchase') as Rec;
		expect(ga4.event_timestamp).toMatch(/^\d{16}$/);
		expect(ga4.event_date).toMatch(/^\d{8}$/);
		expect(ga4.ecommerce).toEqual(
			expect.objectContaining({
				transaction_id: expect.any(String),
				purchase_revenue: expect.any(Number),
			}),
		);
		const hub = records.find((r) => r.properties !== undefined && r.id !== undefined) as Rec;
		const props = hub.properties as Rec;
		expect(hub).toEqual(expect.objectContaining({ id: expect.any(String), archived: false }));
		expect(['granted', 'withheld']).toContain(props.marketing_consent);
		expect([
			'ORGANIC_SEARCH',
			'PAID_SEARCH',
			'EMAIL_MARKETING',
			'SOCIAL_MEDIA',
			'PAID_SOCIAL',
			'DIRECT_TRAFFIC',
			'REFERRALS',
			'OTHER_CAMPAIGNS',
		]).toContain(props.hs_analytics_source);
		const meta = records.find((r) => r.date_start !== undefined) as Rec;
		expect(meta.spend).toMatch(/^\d+\.\d\d$/);
		expect(meta.impressions).toMatch(/^\d+$/);
		expect(Array.isArray(meta.actions)).toBe(true);
		const order = records.find((r) => r.line_items !== undefined) as Rec;
		expect(order.total_price).toMatch(/^\d+\.\d\d$/);
		expect(order.created_at).toMatch(/-05:00$/);
		const mail = records.find((r) => r.action === 'click') as Rec;
		expect(mail.url).toContain('utm_medium=email');
	});

	it('is deterministic: the same options give byte-identical JSON, another seed differs', () => {
		const again = generateSampleData({ seed: 42, customers: 400 });
		expect(JSON.stringify(again)).toBe(JSON.stringify(data));
		const other = generateSampleData({ seed: 43, customers: 400 });
		expect(JSON.stringify(other.records)).not.toBe(JSON.stringify(records));
	});

	it('streams the same records as it returns', () => {
		const streamed: string[] = [];
		for (const r of iterateSampleRecords({ seed: 42, customers: 400 }))
			streamed.push(JSON.stringify(r));
		expect(streamed).toEqual(records.map((r) => JSON.stringify(r)));
	});

	it('records groups, consent and PII in the truth', () => {
		let total = 0;
		for (const g of SAMPLE_GROUPS) {
			total += truth.groups[g].count;
			expect(truth.groups[g].customerIds).toHaveLength(truth.groups[g].count);
		}
		expect(total).toBe(400);
		expect(truth.consentWithheld.count / 400).toBeGreaterThan(0.03);
		expect(truth.consentWithheld.count / 400).toBeLessThan(0.14);
		const withheld = new Set(truth.consentWithheld.customerIds);
		for (const r of records) {
			if (r.properties !== undefined && typeof r.id === 'string') {
				const c = (r.properties as Rec).marketing_consent;
				expect(c === 'withheld').toBe(withheld.has(r.id));
			}
		}
		const pii = new Set(truth.piiValues);
		for (const r of records) {
			if (r.properties !== undefined) {
				const p = r.properties as Rec;
				expect(pii.has(p.email as string)).toBe(true);
				if (p.phone) expect(pii.has(p.phone as string)).toBe(true);
				if (p.notes) expect(pii.has(p.notes as string)).toBe(true);
			}
			if (r.line_items !== undefined) expect(pii.has(r.email as string)).toBe(true);
		}
		expect(truth.piiValues.some((v) => v.startsWith('Ignore all previous instructions'))).toBe(
			true,
		);
	});

	it('counts exact duplicates and malformed records', () => {
		const seen = new Set<string>();
		let dups = 0;
		for (const r of records) {
			const s = JSON.stringify(r);
			if (seen.has(s)) dups++;
			seen.add(s);
		}
		expect(dups).toBe(truth.duplicateEvents);
		expect(truth.duplicateEvents).toBeGreaterThan(0);
		expect(truth.malformedRecords).toBeGreaterThanOrEqual(4);
		const missingId = records.filter(
			(r) => r.properties !== undefined && r.id === undefined,
		).length;
		const badTs = records.filter(
			(r) => r.event_name !== undefined && !/^\d+$/.test(String(r.event_timestamp)),
		).length;
		const badMail = records.filter(
			(r) => r.email_address !== undefined && Number.isNaN(Date.parse(String(r.timestamp))),
		).length;
		const noCreated = records.filter(
			(r) => r.line_items !== undefined && r.created_at === undefined,
		).length;
		expect(missingId + badTs + badMail + noCreated).toBe(truth.malformedRecords);
		expect(truth.malformedBySource.hubspot).toBe(missingId);
	});

	it('plants a decisive channel: customers with an email click convert several times more', () => {
		const { clicked, notClicked } = truth.conversionByEmailClick;
		expect(clicked.customers + notClicked.customers).toBe(400);
		expect(clicked.rate).toBeGreaterThan(3 * notClicked.rate);
	});

	it('plants behavioural groups that differ', () => {
		const g = truth.groups;
		const per = (
			name: (typeof SAMPLE_GROUPS)[number],
			f: 'revenue' | 'sessions' | 'emailClicks' | 'orders',
		) => g[name][f] / Math.max(1, g[name].count);
		expect(per('premium_loyalists', 'revenue')).toBeGreaterThan(2 * per('deal_seekers', 'revenue'));
		expect(per('deal_seekers', 'emailClicks')).toBeGreaterThan(
			2 * per('premium_loyalists', 'emailClicks'),
		);
		expect(per('browsers', 'sessions')).toBeGreaterThan(per('deal_seekers', 'sessions'));
		expect(g.browsers.convertedInPeriod / g.browsers.count).toBeLessThan(0.15);
		expect(g.lapsed.convertedInPeriod / g.lapsed.count).toBeLessThan(0.1);
		expect(per('lapsed', 'orders')).toBeGreaterThan(0.9);
	});

	it('plants the add_to_cart -> begin_checkout drop-off as the worst step, with shipping tickets', () => {
		const steps = truth.funnelSteps;
		const reached = steps.map((_, i) =>
			steps.slice(i).reduce((a, s) => a + truth.funnelDepth[s], 0),
		);
		const conv = reached.slice(1).map((n, i) => n / reached[i]);
		const worst = conv.indexOf(Math.min(...conv));
		expect([steps[worst], steps[worst + 1]]).toEqual(['add_to_cart', 'begin_checkout']);
		expect(truth.shippingCostTickets).toBeGreaterThan(0);
	});

	it('emits only the requested sources, from the same simulated world', () => {
		const only = generateSampleData({ seed: 42, customers: 400, sources: ['hubspot', 'shopify'] });
		expect(only.counts.ga4).toBe(0);
		expect(only.counts.hubspot).toBe(counts.hubspot);
		expect(only.counts.shopify).toBe(counts.shopify);
		expect(only.records.every((r) => ['hubspot', 'shopify'].includes(shapeOf(r)))).toBe(true);
	});

	it('defaults to 500 customers over 90 days ending 2026-10-31, never the clock', () => {
		const d = generateSampleData();
		expect(d.truth.customers).toBe(500);
		expect(d.truth.endDate).toBe('2026-10-31T23:59:59.000Z');
		expect(d.truth.startDate).toBe('2026-08-02T23:59:59.000Z');
	});

	it('rejects bad options with precise messages', () => {
		expect(() => generateSampleData({ customers: 0 })).toThrow(/"customers" must be an integer/);
		expect(() => generateSampleData({ days: 2 })).toThrow(/"days"/);
		expect(() => generateSampleData({ endDate: 'yesterday' })).toThrow(
			/"endDate" must be an ISO 8601 date/,
		);
		expect(() => generateSampleData({ sources: ['tiktok' as SampleSource] })).toThrow(
			/unknown source "tiktok"/,
		);
		expect(() => generateSampleData({ sources: [] })).toThrow(/non-empty/);
	});

	it('scales linearly: 4000 customers give over 100k records (so 40000 give over a million)', () => {
		let n = 0;
		for (const r of iterateSampleRecords({ customers: 4000 })) if (r) n++;
		expect(n).toBeGreaterThan(100_000);
	});
});
