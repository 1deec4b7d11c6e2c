import { parse } from 'csv-parse/sync';
import fc from 'fast-check';

import {
	assetLinks,
	csvField,
	startsLikeFormula,
	exportBulkFiles,
	GOOGLE_ADS_EDITOR_COLUMNS,
	googleAdsEditorCsv,
	META_SHEET_COLUMNS,
	metaSheetCsv,
	MICROSOFT_BULK_COLUMNS,
	microsoftBulkCsv,
	normalizeExportSettings,
	writeCsv,
} from '../../../lib/deploy';
import { ad, exportAd } from './fixtures';

type Row = Record<string, string>;
const rowsOf = (csv: string): Row[] => parse(csv, { columns: true }) as Row[];
const headerOf = (csv: string): string[] => (parse(csv, { to_line: 1 }) as string[][])[0];
const settings = normalizeExportSettings();

describe('CSV writing (RFC 4180)', () => {
	it('quotes a field only when it holds a comma, a quote, a line break or edge spaces, doubling quotes', () => {
		expect(csvField('plain text')).toBe('plain text');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('line\nbreak')).toBe('"line\nbreak"');
		expect(csvField(' padded')).toBe('" padded"');
		expect(csvField(-111)).toBe('-111');
		expect(csvField(null)).toBe('');
	});

	it('ends records with CRLF and writes every column of every row', () => {
		expect(writeCsv(['a', 'b'], [{ a: '1' }, { b: 'x,y' }])).toBe('a,b\r\n1,\r\n,"x,y"\r\n');
	});

	it('refuses a value for a column the file does not have, and non-finite numbers', () => {
		expect(() => writeCsv(['a'], [{ a: '1' }, { b: '2' }])).toThrow(/row 2 has a value for "b"/);
		expect(() => writeCsv(['a'], [{ a: Number.NaN }])).toThrow(/finite/);
	});

	it('parses back to the same table with a real CSV parser, whatever text a spreadsheet would not run', () => {
		const text = fc.string({ unit: 'grapheme' }).filter((t) => !startsLikeFormula(t));
		fc.assert(
			fc.property(fc.array(fc.array(text, { minLength: 3, maxLength: 3 }), { maxLength: 8 }), (table) => {
				const header = ['x', 'y', 'z'];
				const csv = writeCsv(header, table.map(([x, y, z]) => ({ x, y, z })));
				const back = parse(csv, { columns: true, relax_column_count: false }) as Row[];
				expect(back).toEqual(table.map(([x, y, z]) => ({ x, y, z })));
			}),
			{ numRuns: 200 },
		);
	});

	it('refuses text that a spreadsheet would run as a formula, naming the row and column', () => {
		for (const start of ['=', '+', '-', '@', '\t', '\r']) {
			expect(startsLikeFormula(`${start}HYPERLINK("x")`)).toBe(true);
		}
		expect(() => writeCsv(['headline', 'url'], [{ headline: 'Oak shelves', url: 'https://x.test' }, { headline: '=HYPERLINK("http://x.test","Win")' }])).toThrow(
			'CSV row 2, column "headline": Cannot write "=HYPERLINK("http://x.test","Win")" to a CSV file: it starts with "=", which spreadsheet programs run as a formula; reword it',
		);
		expect(() => writeCsv(['h'], [{ h: '@SUM(1)' }])).toThrow('column "h"');
	});

	it('writes plain signed numbers and percentages, which spreadsheets read as numbers', () => {
		expect(startsLikeFormula('-12.5')).toBe(false);
		expect(startsLikeFormula('+20%')).toBe(false);
		expect(writeCsv(['bid'], [{ bid: '-0.25' }, { bid: -3 }])).toBe('bid\r\n-0.25\r\n-3\r\n');
	});
});

describe('Google Ads Editor CSV', () => {
	const pinned = ad({
		adId: 'ad_pinned',
		fields: {
			headlines: ['Juniper & Oak', 'Shelves, "Made to Last"', 'Order Online Today'],
			headlinePins: ['1', '', ''],
			descriptions: ['Finished by hand, in oak.', 'Free delivery over $50.'],
			descriptionPins: ['', '2'],
			path1: 'Shelves',
			path2: 'Oak',
		},
	});
	const other = ad({ adId: 'ad_other' });
	const file = googleAdsEditorCsv([exportAd(pinned, ['oak shelves', 'handmade shelves']), exportAd(other, ['Oak Shelves', 'wall shelf'])], settings);
	const rows = rowsOf(file.content);

	it('has the Editor columns, Headline 1..15 with positions and Description 1..4 with positions', () => {
		expect(headerOf(file.content)).toEqual([...GOOGLE_ADS_EDITOR_COLUMNS]);
		for (let i = 1; i <= 15; i++) expect(GOOGLE_ADS_EDITOR_COLUMNS).toEqual(expect.arrayContaining([`Headline ${i}`, `Headline ${i} position`]));
		for (let i = 1; i <= 4; i++) expect(GOOGLE_ADS_EDITOR_COLUMNS).toEqual(expect.arrayContaining([`Description ${i}`, `Description ${i} position`]));
	});

	it('writes the campaign, then its ad group, its keywords and its ads, all paused', () => {
		const kinds = rows.map((r) => (r['Ad type'] ? 'ad' : r.Keyword ? 'keyword' : r['Ad Group'] ? 'adGroup' : 'campaign'));
		expect(kinds).toEqual(['campaign', 'adGroup', 'keyword', 'keyword', 'keyword', 'ad', 'ad']);
		expect(rows[0]).toMatchObject({ Campaign: 'JA | seg-1 | google_search', 'Campaign Type': 'Search', 'Campaign Status': 'Paused', Budget: '10.00', 'Budget type': 'Daily' });
		expect(rows[1]).toMatchObject({ 'Ad Group': 'JA | seg-1 | google_search', 'Ad Group Status': 'Paused', 'Max CPC': '1.00' });
		expect(rows.slice(2).every((r) => r.Status === 'Paused')).toBe(true);
		expect(file.rows).toBe(7);
	});

	it('writes each keyword once per ad group (case-insensitive) with the match type', () => {
		expect(rows.filter((r) => r.Keyword).map((r) => [r.Keyword, r['Criterion Type']])).toEqual([
			['oak shelves', 'Phrase'],
			['handmade shelves', 'Phrase'],
			['wall shelf', 'Phrase'],
		]);
	});

	it('puts headlines, descriptions, pin positions, paths and the final URL on the ad row, text intact', () => {
		const row = rows.find((r) => r['Final URL'] === pinned.finalUrl) as Row;
		expect(row).toMatchObject({
			'Ad type': 'Responsive search ad',
			'Headline 1': 'Juniper & Oak',
			'Headline 1 position': '1',
			'Headline 2': 'Shelves, "Made to Last"',
			'Headline 2 position': '',
			'Headline 4': '',
			'Description 2': 'Free delivery over $50.',
			'Description 2 position': '2',
			'Path 1': 'Shelves',
			'Path 2': 'Oak',
		});
	});

	it('warns, per ad, when its ad group has no keywords', () => {
		const bare = googleAdsEditorCsv([exportAd(other)], settings);
		expect(bare.warnings.ad_other?.[0]).toMatch(/No keywords/);
		expect(file.warnings).toEqual({});
	});

	it('writes Enabled only when asked to', () => {
		const live = rowsOf(googleAdsEditorCsv([exportAd(other, ['a'])], normalizeExportSettings({ status: 'enabled' })).content);
		expect(live[0]['Campaign Status']).toBe('Enabled');
		expect(live[1]['Ad Group Status']).toBe('Enabled');
		expect(live.slice(2).map((r) => r.Status)).toEqual(['Enabled', 'Enabled']);
	});

	it('refuses ads of other channels', () => {
		expect(() => googleAdsEditorCsv([exportAd(ad({ channel: 'meta_feed' }))], settings)).toThrow(/meta_feed ad; a Google Ads Editor file holds google_search ads only/);
	});
});

describe('Microsoft Advertising bulk CSV', () => {
	const pinned = ad({
		channel: 'microsoft_search',
		adId: 'ad_ms_1',
		fields: { headlines: ['Juniper & Oak', 'Oak Shelves', 'Order Today'], headlinePins: ['1', '', ''], descriptions: ['Made by hand.', 'Free delivery, always.'], descriptionPins: ['', '2'], path1: 'Shelves', path2: '' },
	});
	const second = ad({ channel: 'microsoft_search', adId: 'ad_ms_2', segmentId: 'seg-2' });
	const file = microsoftBulkCsv([exportAd(pinned, ['oak shelves']), exportAd(second, ['wall shelf'])], settings);
	const rows = rowsOf(file.content);

	it('starts with the Format Version 6.0 record', () => {
		expect(headerOf(file.content)).toEqual([...MICROSOFT_BULK_COLUMNS]);
		expect(rows[0]).toMatchObject({ Type: 'Format Version', Name: '6.0', Id: '', Status: '' });
	});

	it('writes parents before children, linked by negative ids unique in the file', () => {
		expect(rows.slice(1).map((r) => r.Type)).toEqual(['Campaign', 'Ad Group', 'Keyword', 'Responsive Search Ad', 'Campaign', 'Ad Group', 'Keyword', 'Responsive Search Ad']);
		const ids = rows.filter((r) => r.Id).map((r) => Number(r.Id));
		expect(ids.every((id) => id < 0)).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		const seen = new Set<string>();
		for (const r of rows.slice(1)) {
			if (r.Type === 'Ad Group') expect(rows.find((c) => c.Type === 'Campaign' && c.Id === r['Parent Id'])?.Campaign).toBe(r.Campaign);
			if (r.Type === 'Keyword' || r.Type === 'Responsive Search Ad') expect(rows.find((g) => g.Type === 'Ad Group' && g.Id === r['Parent Id'])?.['Ad Group']).toBe(r['Ad Group']);
			if (r['Parent Id']) expect(seen.has(r['Parent Id'])).toBe(true);
			if (r.Id) seen.add(r.Id);
		}
	});

	it('writes campaigns as paused Search campaigns with a daily budget and manual CPC', () => {
		expect(rows[1]).toMatchObject({ Status: 'Paused', Campaign: 'JA | seg-1 | microsoft_search', 'Campaign Type': 'Search', Budget: '10.00', 'Budget Type': 'DailyBudgetStandard', 'Bid Strategy Type': 'ManualCpc', 'Time Zone': 'PacificTimeUSCanadaTijuana' });
		expect(rows.slice(1).every((r) => r.Status === 'Paused')).toBe(true);
	});

	it('holds headlines and descriptions as JSON asset links with pinnedField, and our ad id as Client Id', () => {
		const ad1 = rows.find((r) => r['Client Id'] === 'ad_ms_1') as Row;
		expect(JSON.parse(ad1.Headline)).toEqual([{ text: 'Juniper & Oak', pinnedField: 'Headline1' }, { text: 'Oak Shelves' }, { text: 'Order Today' }]);
		expect(JSON.parse(ad1.Description)).toEqual([{ text: 'Made by hand.' }, { text: 'Free delivery, always.', pinnedField: 'Description2' }]);
		expect(ad1).toMatchObject({ 'Final Url': pinned.finalUrl, 'Path 1': 'Shelves', 'Path 2': '' });
	});

	it('writes the JSON cells the way the bulk reference shows, with doubled quotes', () => {
		expect(file.content).toContain('"[{""text"":""Juniper & Oak"",""pinnedField"":""Headline1""},');
	});

	it('refuses a headline with a line break, which Microsoft Advertising rejects', () => {
		expect(() => assetLinks(['a\nb'], [], 'Headline')).toThrow(/line break/);
	});
});

describe('Meta Ads Manager import sheet', () => {
	const plain = ad({ channel: 'meta_feed', adId: 'ad_m_1' });
	const housing = ad({
		channel: 'meta_feed',
		adId: 'ad_m_2',
		segmentId: 'seg-9',
		audit: { verdict: 'pass', findings: [], ruleVersion: 'r1', specialAdCategories: ['housing', 'financial_products_services'], explanation: '' },
	});
	const file = metaSheetCsv([exportAd(plain), exportAd(housing)], normalizeExportSettings({ countries: ['US', 'CA'] }));
	const rows = rowsOf(file.content);

	it('writes one row per ad with its campaign and ad set, everything paused', () => {
		expect(headerOf(file.content)).toEqual([...META_SHEET_COLUMNS]);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({
			'Campaign Name': 'JA | seg-1 | meta_feed',
			'Campaign Status': 'PAUSED',
			'Campaign Objective': 'Outcome Traffic',
			'Buying Type': 'AUCTION',
			'Special Ad Categories': 'None',
			'Campaign Daily Budget': '10.00',
			'Ad Set Name': 'JA | seg-1 | meta_feed',
			'Ad Set Run Status': 'PAUSED',
			Countries: 'US, CA',
			'Ad Name': 'JA | seg-1 | meta_feed | ad_m_1',
			'Ad Status': 'PAUSED',
			Title: 'Oak Shelves',
			Body: 'Handmade oak shelves, finished by hand.',
			'Link Description': 'Free delivery',
			Link: plain.finalUrl,
			'Call to Action': 'SHOP_NOW',
		});
	});

	it("declares the auditor's special ad categories in Meta's names and warns about the targeting limits", () => {
		expect(rows[1]['Special Ad Categories']).toBe('HOUSING, FINANCIAL_PRODUCTS_SERVICES');
		expect(file.warnings.ad_m_2.join(' ')).toMatch(/limits age, gender and location targeting/);
	});
});

describe('exportBulkFiles', () => {
	const ads = [ad({ adId: 'g' }), ad({ channel: 'microsoft_search', adId: 'm' }), ad({ channel: 'meta_feed', adId: 'f' }), ad({ channel: 'linkedin', adId: 'l' })].map((a) => exportAd(a, ['oak']));

	it("puts each ad in its channel's file and returns the ads no selected file takes", () => {
		const { files, unplaced } = exportBulkFiles(ads, ['googleAdsEditor', 'metaSheet']);
		expect(files.map((f) => [f.format, f.adIds])).toEqual([
			['googleAdsEditor', ['g']],
			['metaSheet', ['f']],
		]);
		expect(unplaced.map((a) => a.ad.adId)).toEqual(['m', 'l']);
	});

	it('checks the settings, naming the one that is wrong', () => {
		expect(() => exportBulkFiles(ads, ['googleAdsEditor'], { dailyBudget: 0 })).toThrow(/Daily budget must be a number above 0/);
		expect(() => exportBulkFiles(ads, ['googleAdsEditor'], { countries: ['usa'] })).toThrow(/two-letter/);
	});

	it('does not change the ads it is given', () => {
		const frozen = ads.map((a) => JSON.stringify(a));
		exportBulkFiles(ads, ['googleAdsEditor', 'microsoftBulk', 'metaSheet']);
		expect(ads.map((a) => JSON.stringify(a))).toEqual(frozen);
	});
});
