import { AdVariant, PerformanceRow, RunSummary, checkContract } from '../../../lib/contracts';

const row = {
	kind: 'performanceRow',
	adId: 'ad_1',
	platform: 'google_ads',
	date: '2026-11-30',
	impressions: 1000,
	clicks: 40,
	conversions: 2.5,
	cost: 12.34,
	revenue: 80,
	currency: 'USD',
};

describe('performance, run-summary and audit contracts', () => {
	it('accepts a performance row with fractional conversions and money in major units', () => {
		expect(checkContract(PerformanceRow, row, 0).ok).toBe(true);
	});

	it('accepts a performance row not yet joined to one of our ads (adId null)', () => {
		expect(checkContract(PerformanceRow, { ...row, adId: null }, 0).ok).toBe(true);
	});

	it.each([
		['impressions', -1, 'impressions'],
		['clicks', 1.5, 'clicks'],
		['date', '30/11/2026', 'date'],
		['currency', 'usd', 'currency'],
	])('rejects a performance row whose %s is %p, naming the field', (field, value, named) => {
		const result = checkContract(PerformanceRow, { ...row, [field]: value }, 4);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issue).toMatchObject({ itemIndex: 4, field: named });
	});

	it('accepts a run summary and rejects one from an unknown node', () => {
		const summary = {
			kind: 'runSummary',
			node: 'adGenerator',
			mode: 'llm',
			model: 'gpt-4o-mini',
			units: 8,
			calls: 9,
			repairCalls: 1,
			promptTokens: 12000,
			completionTokens: 3000,
			costUsd: 0.004,
			fallbacks: 0,
			outputs: 24,
			createdAt: '2026-12-01T00:00:00.000Z',
		};
		expect(checkContract(RunSummary, summary, 0).ok).toBe(true);
		const bad = checkContract(RunSummary, { ...summary, node: 'adDeployer' }, 0);
		expect(bad.ok).toBe(false);
	});

	it('rejects an ad whose audit names a special ad category the package does not know', () => {
		const ad = {
			kind: 'adVariant',
			adId: 'a',
			personaId: 'p',
			segmentId: 's',
			channel: 'meta_feed',
			format: 'single_image',
			fields: { primaryText: 'x' },
			cta: 'SHOP_NOW',
			finalUrl: 'https://example.com/',
			creativeBrief: '',
			imagePrompt: '',
			angle: 'benefit',
			variantGroup: 'A',
			generator: 'offline',
			promptHash: 'h',
			createdAt: '2026-12-01T00:00:00.000Z',
			validation: { ok: true, issues: [] },
		};
		const audit = { verdict: 'pass', findings: [], ruleVersion: 'r1', specialAdCategories: [], explanation: '' };
		expect(checkContract(AdVariant, { ...ad, audit }, 0).ok).toBe(true);
		const bad = checkContract(AdVariant, { ...ad, audit: { ...audit, specialAdCategories: ['CREDIT'] } }, 2);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.issue.field).toBe('audit.specialAdCategories.0');
	});
});
