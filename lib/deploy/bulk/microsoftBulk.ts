/**
 * Microsoft Advertising bulk upload CSV, Format Version 6.0 (Microsoft Advertising Bulk service
 * reference: "Bulk File Schema", and the "Campaign", "Ad Group", "Keyword" and "Responsive Search
 * Ad" records). The Format Version record comes first with 6.0 in its Name field; parents precede
 * their children; new objects carry negative reference ids (unique in the file) that children
 * name in Parent Id; a responsive search ad's Headline and Description cells hold JSON lists of
 * `{text, pinnedField}` asset links ("Headline1".."Headline3", "Description1".."Description2").
 */
import { writeCsv, type CsvCell } from '../csv';
import { assertChannels, groupByCampaign, groupKeywords, listField, money, NO_KEYWORDS_WARNING, textField } from './settings';
import type { ExportAd, ExportFile, ExportSettings, MatchType } from './types';

export const MICROSOFT_BULK_FORMAT_VERSION = '6.0';

export const MICROSOFT_BULK_COLUMNS: readonly string[] = [
	'Type',
	'Status',
	'Id',
	'Parent Id',
	'Campaign',
	'Ad Group',
	'Client Id',
	'Name',
	'Time Zone',
	'Budget',
	'Budget Type',
	'Campaign Type',
	'Language',
	'Bid Strategy Type',
	'Network Distribution',
	'Cpc Bid',
	'Keyword',
	'Match Type',
	'Final Url',
	'Headline',
	'Description',
	'Path 1',
	'Path 2',
];

const MATCH: Record<MatchType, string> = { broad: 'Broad', phrase: 'Phrase', exact: 'Exact' };

function status(s: ExportSettings['status']): string {
	return s === 'paused' ? 'Paused' : 'Active';
}

/** Asset links as the bulk file writes them: `[{"text":..,"pinnedField":"Headline1"}, ...]`. */
export function assetLinks(texts: readonly string[], pins: readonly string[], field: 'Headline' | 'Description'): string {
	return JSON.stringify(
		texts.map((text, i) => {
			if (/[\r\n]/.test(text)) throw new Error(`${field} "${text.slice(0, 40)}" contains a line break, which Microsoft Advertising does not accept`);
			const pin = pins[i];
			return pin ? { text, pinnedField: `${field}${pin}` } : { text };
		}),
	);
}

/** Microsoft Advertising bulk CSV for responsive search ads (channel `microsoft_search`). */
export function microsoftBulkCsv(ads: readonly ExportAd[], settings: ExportSettings): ExportFile {
	assertChannels(ads, ['microsoft_search'], 'Microsoft Advertising bulk file');
	const rows: Array<Record<string, CsvCell>> = [{ Type: 'Format Version', Name: MICROSOFT_BULK_FORMAT_VERSION }];
	const warnings: Record<string, string[]> = {};
	let nextId = -1;
	const newId = (): number => nextId--;
	for (const group of groupByCampaign(ads)) {
		const campaignId = newId();
		rows.push({
			Type: 'Campaign',
			Status: status(settings.status),
			Id: campaignId,
			Campaign: group.campaign,
			'Client Id': group.campaign,
			'Time Zone': settings.microsoftTimeZone,
			Budget: money(settings.dailyBudget),
			'Budget Type': 'DailyBudgetStandard',
			'Campaign Type': 'Search',
			Language: settings.microsoftLanguage,
			'Bid Strategy Type': 'ManualCpc',
		});
		const adGroupId = newId();
		rows.push({
			Type: 'Ad Group',
			Status: status(settings.status),
			Id: adGroupId,
			'Parent Id': campaignId,
			Campaign: group.campaign,
			'Ad Group': group.adGroup,
			'Network Distribution': 'OwnedAndOperatedOnly',
			'Cpc Bid': money(settings.maxCpc),
		});
		const keywords = groupKeywords(group.ads);
		for (const keyword of keywords) {
			rows.push({
				Type: 'Keyword',
				Status: status(settings.status),
				'Parent Id': adGroupId,
				Campaign: group.campaign,
				'Ad Group': group.adGroup,
				Keyword: keyword,
				'Match Type': MATCH[settings.matchType],
			});
		}
		for (const a of group.ads) {
			rows.push({
				Type: 'Responsive Search Ad',
				Status: status(settings.status),
				'Parent Id': adGroupId,
				Campaign: group.campaign,
				'Ad Group': group.adGroup,
				// Copied to the upload's result file, so each result row maps back to our ad.
				'Client Id': a.ad.adId,
				'Final Url': a.ad.finalUrl,
				Headline: assetLinks(listField(a.ad, 'headlines'), listField(a.ad, 'headlinePins'), 'Headline'),
				Description: assetLinks(listField(a.ad, 'descriptions'), listField(a.ad, 'descriptionPins'), 'Description'),
				'Path 1': textField(a.ad, 'path1'),
				'Path 2': textField(a.ad, 'path2'),
			});
			if (keywords.length === 0) {
				(warnings[a.ad.adId] ??= []).push(NO_KEYWORDS_WARNING);
			}
		}
	}
	return {
		format: 'microsoftBulk',
		platform: 'microsoft_ads',
		fileName: 'microsoft-advertising-bulk.csv',
		mimeType: 'text/csv',
		content: writeCsv(MICROSOFT_BULK_COLUMNS, rows),
		rows: rows.length - 1,
		adIds: ads.map((a) => a.ad.adId),
		warnings,
	};
}
