import { inspectPage, type PageInspection } from '../support/browser';
import { produceDemoReport } from '../support/demo-report';
import { readWorkflow } from '../support/engine';

// The report `npm run demo` writes, opened in a real headless Chromium (Debian's package; install it
// with `bash scripts/install-system-deps.sh`). Without Chromium this test fails: it does not skip.
describe('the campaign report in a real browser', () => {
	let page: PageInspection;
	let html: string;

	beforeAll(async () => {
		const report = produceDemoReport();
		html = report.html;
		page = await inspectPage(report.reportFile);
	});

	it('loads without a console error, a page error or any request beyond the file itself', () => {
		expect(page.console.filter((m) => m.type === 'error' || m.type === 'warning')).toEqual([]);
		expect(page.pageErrors).toEqual([]);
		expect(page.failedRequests).toEqual([]);
		expect(page.requests).toEqual([page.url]);
		expect(page.title).toBe('Journey Ads quickstart report');
	});

	it('lays out every stage of the quickstart as a visible section with a heading', () => {
		const headings = page.sections.map((s) => s.heading);
		for (const stage of ['1 · Data collected', '2 · Customer journeys', '3 · Segments', '4 · Personas', '5 · Ads', '6 · Audit', '7 · Exports and deployments', '8 · Optimisation', 'Run']) {
			expect(headings).toContain(stage);
		}
		// Every section the page holds is laid out: on screen, with text, and charts that are drawn.
		expect(page.sections.length).toBe((html.match(/<section>/g) ?? []).length);
		for (const section of page.sections) {
			expect(section).toMatchObject({ visible: true, emptySvgs: 0 });
			expect(section.width).toBeGreaterThan(300);
			expect(section.height).toBeGreaterThan(20);
			expect(section.textLength).toBeGreaterThan(0);
		}
		expect(page.sections.reduce((n, s) => n + s.svgCount, 0)).toBeGreaterThanOrEqual(5);
	});

	it('lists every node of the quickstart in the run table', () => {
		const workflow = readWorkflow('templates/quickstart.json');
		const runSection = html.slice(html.indexOf('<h2>Run</h2>'));
		const stages = workflow.nodes.filter((n) => !/stickyNote|manualTrigger/i.test(n.type) && !n.disabled);
		expect(stages.length).toBeGreaterThan(0);
		for (const node of stages) expect(runSection).toContain(`<td>${node.name.replace(/&/g, '&amp;')}</td>`);
	});

	it('paints a screenshot that is not blank: many colours and real contrast, tall as the content', () => {
		expect(page.pixels.width).toBe(1280);
		expect(page.pixels.height).toBeGreaterThan(2000);
		expect(page.pixels.distinctColours).toBeGreaterThan(64);
		// A blank page has variance 0; text and charts on a light page give hundreds.
		expect(page.pixels.luminanceVariance).toBeGreaterThan(100);
	});
});
