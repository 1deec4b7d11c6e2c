import { generateAds } from '../../../lib/ads';
import { renderAdPreview } from '../../../lib/ads/preview';
import type { Persona } from '../../../lib/contracts';
import { mapJourneys } from '../../../lib/journey';
import { buildPersonas } from '../../../lib/persona';
import { renderReport, type ReportInput } from '../../../lib/report';
import { generateSampleData } from '../../../lib/sample';
import { segmentCustomers } from '../../../lib/segment';

async function pipelineInput(): Promise<ReportInput> {
	const { records } = generateSampleData({ seed: 42, customers: 300 });
	const journeys = mapJourneys(records, { pseudonymize: false });
	const segmented = segmentCustomers(journeys.journeys, {});
	const personas = (await buildPersonas(segmented.segments, { journeyMap: journeys.journeyMap })) as Persona[];
	const ads = generateAds(personas, {
		brand: 'Juniper & Oak',
		product: 'handmade home goods',
		goal: 'sales',
		landingUrl: 'https://juniper-oak.example/shop',
		channels: ['google_search', 'meta_feed', 'linkedin', 'email'],
	}, { now: '2026-11-01T00:00:00.000Z' });
	return {
		generatedAt: '2026-11-01T00:00:00.000Z',
		workflowName: 'test',
		sources: { total: records.length, bySource: { 'GA4 events': 100, 'HubSpot contacts': 20 } },
		journeys: { items: journeys.journeys, map: journeys.journeyMap, rejected: journeys.rejected },
		segments: { items: segmented.segments, projection: segmented.projection },
		personas,
		ads: ads.variants.map((variant) => ({ variant, previewHtml: renderAdPreview(variant) })),
	};
}

describe('the quickstart report', () => {
	let input: ReportInput;
	let html: string;

	beforeAll(async () => {
		input = await pipelineInput();
		html = renderReport(input);
	});

	it('shows every stage that produced output, with charts drawn as inline SVG', () => {
		for (const heading of ['1 · Data collected', '2 · Customer journeys', '3 · Segments', '4 · Personas', '5 · Ads']) {
			expect(html).toContain(heading);
		}
		expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
		for (const s of input.segments!.items) expect(html).toContain(s.label.replace(/&/g, '&amp;'));
		for (const p of input.personas!) expect(html).toContain(p.name.replace(/&/g, '&amp;'));
	});

	it('is self-contained: no script, stylesheet, image or font loaded from anywhere', () => {
		expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
		expect(html).not.toMatch(/\s(src|href)=["']?https?:/i);
	});

	it('grows with the pipeline: sections without data are left out', () => {
		const early = renderReport({ generatedAt: input.generatedAt, sources: input.sources });
		expect(early).toContain('1 · Data collected');
		expect(early).not.toContain('2 · Customer journeys');
		expect(early).not.toContain('5 · Ads');
	});

	it('escapes text from the data, so a name cannot inject markup', () => {
		const hostile = { ...input.personas![0], name: '<script>alert(1)</script>' };
		const out = renderReport({ generatedAt: input.generatedAt, personas: [hostile] });
		expect(out).not.toContain('<script>alert(1)</script>');
		expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('points at the biggest leak in the funnel', () => {
		const steps = input.journeys!.map.funnel.filter((s) => s.dropOff !== null);
		const worst = steps.reduce((a, b) => ((b.dropOff ?? 0) > (a.dropOff ?? 0) ? b : a));
		expect(html).toMatch(new RegExp(`Biggest leak: <b>[0-9.]+%</b> drop off before <b>${worst.step.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())}`, 'i'));
	});
});
