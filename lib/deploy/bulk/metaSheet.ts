/**
 * Meta Ads Manager import sheet (Meta Business Help "Import ads in bulk" / "Export and import
 * ads"): one row per ad, with its campaign and ad set columns repeated, as Ads Manager exports and
 * re-imports them. Rows that share a campaign name and an ad set name land in the same campaign
 * and ad set. Campaigns carry the special ad categories the Bias Auditor found (Meta restricts
 * their targeting); the image is left to the marketer (the creative brief says what it should
 * show), so Ads Manager asks for it before the ad can be published.
 */
import { writeCsv, type CsvCell } from '../csv';
import { metaSpecialAdCategories } from '../specialCategories';
import type { SpecialAdCategory } from '../../contracts/audit';
import { assertChannels, groupByCampaign, money, textField } from './settings';
import type { ExportAd, ExportFile, ExportSettings } from './types';

export const META_SHEET_COLUMNS: readonly string[] = [
	'Campaign Name',
	'Campaign Status',
	'Campaign Objective',
	'Buying Type',
	'Special Ad Categories',
	'Campaign Daily Budget',
	'Ad Set Name',
	'Ad Set Run Status',
	'Optimization Goal',
	'Billing Event',
	'Countries',
	'Ad Name',
	'Ad Status',
	'Title',
	'Body',
	'Link Description',
	'Link',
	'Call to Action',
];

function status(s: ExportSettings['status']): string {
	return s === 'paused' ? 'PAUSED' : 'ACTIVE';
}

/** Meta Ads Manager import sheet for feed ads (channel `meta_feed`). */
export function metaSheetCsv(ads: readonly ExportAd[], settings: ExportSettings): ExportFile {
	assertChannels(ads, ['meta_feed'], 'Meta Ads Manager sheet');
	const rows: Array<Record<string, CsvCell>> = [];
	const warnings: Record<string, string[]> = {};
	for (const group of groupByCampaign(ads)) {
		const categories = metaSpecialAdCategories(group.ads.flatMap((a) => (a.ad.audit?.specialAdCategories ?? []) as SpecialAdCategory[]));
		for (const a of group.ads) {
			rows.push({
				'Campaign Name': group.campaign,
				'Campaign Status': status(settings.status),
				'Campaign Objective': settings.metaObjective,
				'Buying Type': 'AUCTION',
				'Special Ad Categories': categories.length ? categories.join(', ') : 'None',
				'Campaign Daily Budget': money(settings.dailyBudget),
				'Ad Set Name': group.adGroup,
				'Ad Set Run Status': status(settings.status),
				'Optimization Goal': 'LINK_CLICKS',
				'Billing Event': 'IMPRESSIONS',
				Countries: settings.countries.join(', '),
				'Ad Name': a.names.ad,
				'Ad Status': status(settings.status),
				Title: textField(a.ad, 'headline'),
				Body: textField(a.ad, 'primaryText'),
				'Link Description': textField(a.ad, 'description'),
				Link: a.ad.finalUrl,
				'Call to Action': a.ad.cta,
			});
			(warnings[a.ad.adId] ??= []).push('Add the image in Ads Manager before publishing (see the creative brief).');
			if (categories.length) {
				(warnings[a.ad.adId] ??= []).push(`Special ad categories ${categories.join(', ')}: Meta limits age, gender and location targeting for this campaign.`);
			}
		}
	}
	return {
		format: 'metaSheet',
		platform: 'meta',
		fileName: 'meta-ads-manager-import.csv',
		mimeType: 'text/csv',
		content: writeCsv(META_SHEET_COLUMNS, rows),
		rows: rows.length,
		adIds: ads.map((a) => a.ad.adId),
		warnings,
	};
}
