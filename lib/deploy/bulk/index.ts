import type { AdChannel } from '../../contracts/adVariant';
import { googleAdsEditorCsv } from './googleAdsEditor';
import { metaSheetCsv } from './metaSheet';
import { microsoftBulkCsv } from './microsoftBulk';
import { normalizeExportSettings } from './settings';
import type { BulkFormat, ExportAd, ExportFile, ExportSettings } from './types';

export * from './types';
export { normalizeExportSettings, groupKeywords } from './settings';
export { googleAdsEditorCsv, GOOGLE_ADS_EDITOR_COLUMNS } from './googleAdsEditor';
export { microsoftBulkCsv, MICROSOFT_BULK_COLUMNS, MICROSOFT_BULK_FORMAT_VERSION, assetLinks } from './microsoftBulk';
export { metaSheetCsv, META_SHEET_COLUMNS } from './metaSheet';

/** Which file takes which channel's ads. */
export const BULK_FORMAT_FOR_CHANNEL: Readonly<Partial<Record<AdChannel, BulkFormat>>> = {
	google_search: 'googleAdsEditor',
	microsoft_search: 'microsoftBulk',
	meta_feed: 'metaSheet',
};

export const BULK_FORMAT_NAMES: Readonly<Record<BulkFormat, string>> = {
	googleAdsEditor: 'Google Ads Editor CSV',
	microsoftBulk: 'Microsoft Advertising bulk CSV',
	metaSheet: 'Meta Ads Manager import sheet',
};

const WRITERS: Readonly<Record<BulkFormat, (ads: readonly ExportAd[], s: ExportSettings) => ExportFile>> = {
	googleAdsEditor: googleAdsEditorCsv,
	microsoftBulk: microsoftBulkCsv,
	metaSheet: metaSheetCsv,
};

/**
 * The bulk files for a set of admitted ads: each ad goes to the file of its channel, when that
 * file is among `formats`; a file is written only when it has at least one ad. Ads whose channel
 * has no selected file are returned in `unplaced`, for the caller to report.
 */
export function exportBulkFiles(
	ads: readonly ExportAd[],
	formats: readonly BulkFormat[],
	settings: Partial<ExportSettings> = {},
): { files: ExportFile[]; unplaced: ExportAd[] } {
	const s = normalizeExportSettings(settings);
	const byFormat = new Map<BulkFormat, ExportAd[]>();
	const unplaced: ExportAd[] = [];
	for (const a of ads) {
		const format = BULK_FORMAT_FOR_CHANNEL[a.ad.channel];
		if (!format || !formats.includes(format)) {
			unplaced.push(a);
			continue;
		}
		const list = byFormat.get(format) ?? [];
		list.push(a);
		byFormat.set(format, list);
	}
	const files = formats.filter((f) => byFormat.has(f)).map((f) => WRITERS[f](byFormat.get(f) ?? [], s));
	return { files, unplaced };
}
