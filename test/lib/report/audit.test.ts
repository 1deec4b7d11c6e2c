import { auditAds } from '../../../lib/audit';
import type { AdVariant } from '../../../lib/contracts';
import { renderReport } from '../../../lib/report';

function ad(adId: string, primaryText: string, segmentId: string): AdVariant {
	return {
		kind: 'adVariant', adId, personaId: `p-${adId}`, segmentId, channel: 'meta_feed', format: 'single_image', fields: { primaryText, headline: 'Shop' }, cta: 'SHOP_NOW',
		finalUrl: 'https://example.com/', creativeBrief: '', imagePrompt: '', angle: 'benefit', variantGroup: 'A', generator: 'test', promptHash: '', createdAt: '2026-12-01T00:00:00.000Z', validation: { ok: true, issues: [] },
	};
}

describe('the report shows the audit', () => {
	const customers = [
		...Array.from({ length: 40 }, (_, i) => ({ segmentId: i < 36 ? 's1' : 's2', attributes: { age_band: '55-64' } })),
		...Array.from({ length: 40 }, (_, i) => ({ segmentId: i < 4 ? 's1' : 's2', attributes: { age_band: '18-24' } })),
	];
	const { ads, report } = auditAds(
		{ ads: [ad('ok', 'Hand-poured candles.', 's2'), ad('bad', 'Are you struggling with debt? [Insert <b>brand</b>]', 's1'), ad('best', 'The best candles.', 's2')], customers },
		{ thresholds: { minGroupSize: 20 }, overrides: [{ adId: 'best', rule: 'claims', by: 'Sam', why: 'Source on the landing page' }] },
	);
	const html = renderReport({ generatedAt: '2026-12-01T00:00:00.000Z', ads: ads.map((variant) => ({ variant, previewHtml: '<div>preview</div>' })), audit: report });

	it('puts each ad\'s verdict and findings beside its preview, with escaped evidence', () => {
		// "ok" has clean copy but its segment is the mirror image of the skewed one: review, on fairness
		expect(html).toMatch(/<div class="preview"><div>preview<\/div><\/div><div class="audit"[^>]*><span class="chip"[^>]*>Needs review<\/span><ul[^>]*><li><b>fairness\.disparateImpact<\/b>/);
		expect(html).toContain('Blocked</span>');
		expect(html).toContain('personalAttributes.financialHardship');
		expect(html).toContain('&lt;b&gt;');
		expect(html).not.toContain('<b>brand</b>');
		expect(html).toContain('cleared by Sam: Source on the landing page');
	});

	it('adds an audit section with the counts, the findings per rule and the fairness table with its thresholds', () => {
		expect(html).toContain('6 · Audit');
		expect(html).toContain(`Rule set ${report.ruleVersion}`);
		expect(html).toContain('<td>Four-fifths (impact ratio under which a group is flagged)</td><td class="n">0.80</td>');
		expect(html).toContain('<td>Min group size for a verdict</td><td class="n">20</td>');
		expect(html).toMatch(/<td>s1<\/td><td>age_band<\/td><td[^>]*>18-24 10\.0% <b[^>]*>▼<\/b> · 55-64 90\.0%<\/td>/);
		expect(html).toContain('<b style="color:#be123c">flagged</b>');
	});

	it('leaves the section out when there is no audit', () => {
		expect(renderReport({ generatedAt: 'x', ads: [{ variant: ad('ok', 'Hand-poured candles.', 's') }] })).not.toContain('6 · Audit');
	});
});
