/**
 * Google Ads Editor import CSV (Google Ads Editor Help "Import a CSV file" / "CSV file columns"):
 * one campaign row, one ad group row, one row per keyword and one row per responsive search ad,
 * parents first. Column names are the ones Editor exports and recognises; Editor matches rows to
 * their campaign and ad group by name, so the deterministic names are the join keys.
 */
import { writeCsv, type CsvCell } from '../csv';
import { assertChannels, groupByCampaign, groupKeywords, listField, money, NO_KEYWORDS_WARNING, textField } from './settings';
import type { ExportAd, ExportFile, ExportSettings, MatchType } from './types';

const HEADLINES = 15;
const DESCRIPTIONS = 4;

export const GOOGLE_ADS_EDITOR_COLUMNS: readonly string[] = [
	'Campaign',
	'Campaign Type',
	'Campaign Status',
	'Networks',
	'Languages',
	'Budget',
	'Budget type',
	'Bid Strategy Type',
	'Ad Group',
	'Ad Group Status',
	'Max CPC',
	'Keyword',
	'Criterion Type',
	'Ad type',
	...Array.from({ length: HEADLINES }, (_, i) => [`Headline ${i + 1}`, `Headline ${i + 1} position`]).flat(),
	...Array.from({ length: DESCRIPTIONS }, (_, i) => [`Description ${i + 1}`, `Description ${i + 1} position`]).flat(),
	'Path 1',
	'Path 2',
	'Final URL',
	'Status',
];

const MATCH: Record<MatchType, string> = { broad: 'Broad', phrase: 'Phrase', exact: 'Exact' };

/** Editor's status words. */
function status(s: ExportSettings['status']): string {
	return s === 'paused' ? 'Paused' : 'Enabled';
}

function rsaRow(a: ExportAd, s: ExportSettings): Record<string, CsvCell> {
	const headlines = listField(a.ad, 'headlines');
	const descriptions = listField(a.ad, 'descriptions');
	if (headlines.length > HEADLINES || descriptions.length > DESCRIPTIONS) {
		throw new Error(`Ad ${a.ad.adId} has ${headlines.length} headlines and ${descriptions.length} descriptions; a responsive search ad takes at most ${HEADLINES} and ${DESCRIPTIONS}`);
	}
	const headlinePins = listField(a.ad, 'headlinePins');
	const descriptionPins = listField(a.ad, 'descriptionPins');
	const row: Record<string, CsvCell> = {
		Campaign: a.names.campaign,
		'Ad Group': a.names.adGroup,
		'Ad type': 'Responsive search ad',
		'Path 1': textField(a.ad, 'path1'),
		'Path 2': textField(a.ad, 'path2'),
		'Final URL': a.ad.finalUrl,
		Status: status(s.status),
	};
	headlines.forEach((h, i) => {
		row[`Headline ${i + 1}`] = h;
		row[`Headline ${i + 1} position`] = headlinePins[i] || '';
	});
	descriptions.forEach((d, i) => {
		row[`Description ${i + 1}`] = d;
		row[`Description ${i + 1} position`] = descriptionPins[i] || '';
	});
	return row;
}

/** Google Ads Editor CSV for responsive search ads (channel `google_search`). */
export function googleAdsEditorCsv(ads: readonly ExportAd[], settings: ExportSettings): ExportFile {
	assertChannels(ads, ['google_search'], 'Google Ads Editor file');
	const rows: Array<Record<string, CsvCell>> = [];
	const warnings: Record<string, string[]> = {};
	for (const group of groupByCampaign(ads)) {
		rows.push({
			Campaign: group.campaign,
			'Campaign Type': 'Search',
			'Campaign Status': status(settings.status),
			Networks: 'Google search',
			Languages: settings.languages.join(';'),
			Budget: money(settings.dailyBudget),
			'Budget type': 'Daily',
			'Bid Strategy Type': 'Manual CPC',
		});
		rows.push({ Campaign: group.campaign, 'Ad Group': group.adGroup, 'Ad Group Status': status(settings.status), 'Max CPC': money(settings.maxCpc) });
		const keywords = groupKeywords(group.ads);
		for (const keyword of keywords) {
			rows.push({ Campaign: group.campaign, 'Ad Group': group.adGroup, Keyword: keyword, 'Criterion Type': MATCH[settings.matchType], Status: status(settings.status) });
		}
		for (const a of group.ads) {
			rows.push(rsaRow(a, settings));
			if (keywords.length === 0) {
				(warnings[a.ad.adId] ??= []).push(NO_KEYWORDS_WARNING);
			}
		}
	}
	return {
		format: 'googleAdsEditor',
		platform: 'google_ads',
		fileName: 'google-ads-editor.csv',
		mimeType: 'text/csv',
		content: writeCsv(GOOGLE_ADS_EDITOR_COLUMNS, rows),
		rows: rows.length,
		adIds: ads.map((a) => a.ad.adId),
		warnings,
	};
}
