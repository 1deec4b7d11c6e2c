import { ingestPerformance } from '../../../lib/optimize';
import { rows, variant } from './fixtures';

const A = variant('A');
const B = variant('B');

describe('performance ingest: every row accounted for', () => {
	const good = rows(A.adId, 2, { impressions: 1000, clicks: 50, conversions: 5 });
	const input: unknown[] = Object.freeze([
		...good,
		{ ...good[0] }, // duplicate of row 0
		{ ...good[0], date: '2026-03-05', impressions: -1 }, // negative
		{ ...good[0], date: '2026-03-06', clicks: 2000 }, // clicks > impressions
		{ ...good[0], date: '2026-03-07', conversions: 60 }, // conversions > clicks
		{ ...good[0], date: '2026-03-08', currency: 'XYZ' }, // unknown currency
		{ ...good[0], date: '2026-03-09', currency: undefined }, // missing currency
		{ ...good[0], date: '2026-03-10', impressions: 'many' }, // not a number
		'a string',
		{ hello: 'world' }, // not a performance row
		{ ...good[0], adId: 'ad_someone_else', date: '2026-03-11' }, // unmatched
		{ ...good[0], adId: null, date: '2026-03-12' }, // no id at all
		{ ...good[0], date: '2026-03-13', currency: 'EUR' }, // other currency
		{ ...good[0], date: 'March 3rd' }, // bad date
	]) as unknown[];

	const result = ingestPerformance(input, [A, B]);

	it('used + rejected + unmatched = in', () => {
		const c = result.counts;
		expect(c.in).toBe(input.length);
		expect(c.used + c.rejected + c.unmatched).toBe(c.in);
		expect(c.used).toBe(2);
		expect(c.unmatched).toBe(2);
		expect(c.duplicates).toBe(1);
		const indexes = [...result.rows.map((r) => r.index), ...result.rejected.map((r) => r.index), ...result.unmatched.map((r) => r.index)].sort((a, b) => a - b);
		expect(indexes).toEqual(input.map((_, i) => i));
	});

	it('gives each bad row its own error naming the field', () => {
		const errorsOf = (i: number) => result.rejected.find((r) => r.index === i)!.errors.map((e) => `${e.field}: ${e.message}`);
		expect(result.rejected.find((r) => r.index === 2)!.reason).toBe('duplicate');
		expect(errorsOf(3)).toEqual(['impressions: is negative (-1)', 'clicks: (50) exceed impressions (-1)']);
		expect(errorsOf(4)).toEqual(['clicks: (2000) exceed impressions (1000)']);
		expect(errorsOf(5)).toEqual(['conversions: (60) exceed clicks (50)']);
		expect(errorsOf(6)[0]).toContain('currency: is unknown: "XYZ"');
		expect(errorsOf(7)[0]).toContain('currency: is missing');
		expect(errorsOf(8)[0]).toContain('impressions: is not a number: "many"');
		expect(errorsOf(9)[0]).toContain('is not an object');
		expect(errorsOf(10)[0]).toContain('is not a performance row');
		expect(errorsOf(13)[0]).toContain('EUR differs from the report currency USD');
		expect(errorsOf(14)[0]).toContain('date: is not a day');
	});

	it('says which ids an unmatched row carried', () => {
		expect(result.unmatched[0]).toMatchObject({ index: 11, adId: 'ad_someone_else' });
		expect(result.unmatched[0].reason).toContain('ad id ad_someone_else');
		expect(result.unmatched[1].reason).toContain('carries no ad id');
	});
});

describe('performance ingest: sources', () => {
	it('reads Google Ads search rows (cost in micros, int64 as strings) joined by stored remote id or utm_content', () => {
		const byRemote = { adGroupAd: { ad: { id: '777' } }, segments: { date: '2026-03-01' }, metrics: { impressions: '1200', clicks: '60', conversions: 3.5, costMicros: '4500000', conversionsValue: 140.5 }, customer: { currencyCode: 'USD' } };
		const byUtm = { adGroupAd: { ad: { id: '888', finalUrls: [B.finalUrl] } }, segments: { date: '2026-03-01' }, metrics: { impressions: '900', clicks: '30', conversions: 1, costMicros: '2000000', conversionsValue: 40 }, customer: { currencyCode: 'USD' } };
		const r = ingestPerformance([byRemote, byUtm], [A, B], [{ adId: A.adId, remoteIds: { ad: '777', adGroup: '55' } }]);
		expect(r.counts).toMatchObject({ in: 2, used: 2, rejected: 0, unmatched: 0 });
		expect(r.rows[0]).toMatchObject({ adId: A.adId, platform: 'google_ads', impressions: 1200, clicks: 60, conversions: 3.5, cost: 4.5, revenue: 140.5, remoteAdId: '777' });
		expect(r.rows[1].adId).toBe(B.adId);
	});

	it('reads Meta insights rows: purchases from actions, delivery breakdowns kept apart from the totals', () => {
		const meta = (gender: string | undefined, impressions: number) => ({
			ad_id: '99',
			date_start: '2026-03-02',
			date_stop: '2026-03-02',
			impressions: String(impressions),
			inline_link_clicks: '40',
			spend: '12.30',
			actions: [{ action_type: 'link_click', value: '40' }, { action_type: 'purchase', value: '4' }],
			action_values: [{ action_type: 'purchase', value: '180' }],
			account_currency: 'USD',
			...(gender ? { gender } : {}),
		});
		const variants = [{ ...A, remoteIds: { ad: '99' } } as typeof A];
		const r = ingestPerformance([meta(undefined, 2000), meta('female', 1200), meta('male', 800)], variants);
		expect(r.counts).toMatchObject({ in: 3, used: 3, breakdown: 2 });
		expect(r.rows).toHaveLength(1);
		expect(r.rows[0]).toMatchObject({ adId: A.adId, platform: 'meta', impressions: 2000, clicks: 40, conversions: 4, cost: 12.3, revenue: 180 });
		expect(r.breakdownRows.map((x) => x.breakdown)).toEqual([{ gender: 'female' }, { gender: 'male' }]);
	});

	it('reads spreadsheet rows through a field mapping, with a default currency', () => {
		const sheet = [{ Day: '2026-03-03T00:00:00Z', 'Ad ID': A.adId, Impr: '1,500', Clicks: 75, Conv: 6, Spend: 9.5, Revenue: 230 }];
		const r = ingestPerformance(sheet, [A], [], {
			source: 'custom',
			defaultCurrency: 'GBP',
			mapping: { date: 'Day', adId: 'Ad ID', impressions: 'Impr', clicks: 'Clicks', conversions: 'Conv', cost: 'Spend', revenue: 'Revenue' },
		});
		expect(r.rows[0]).toMatchObject({ adId: A.adId, date: '2026-03-03', impressions: 1500, cost: 9.5, currency: 'GBP' });
		expect(r.currency).toBe('GBP');
	});

	it('asks for a mapping when the source is custom without one', () => {
		expect(() => ingestPerformance([{}], [A], [], { source: 'custom' })).toThrow('needs a field mapping');
	});
});
