import type { AdVariant } from '../../contracts/adVariant';
import type { DeploymentNames } from '../naming';

export const BULK_FORMATS = ['googleAdsEditor', 'microsoftBulk', 'metaSheet'] as const;
export type BulkFormat = (typeof BULK_FORMATS)[number];

export const MATCH_TYPES = ['broad', 'phrase', 'exact'] as const;
export type MatchType = (typeof MATCH_TYPES)[number];

/** One ad that passed the gate, with its names and the keywords for its ad group. */
export interface ExportAd {
	ad: AdVariant;
	names: DeploymentNames;
	/** Search keywords (for search channels); empty elsewhere. */
	keywords: readonly string[];
}

/** Settings every bulk file shares; each field is checked by {@link normalizeExportSettings}. */
export interface ExportSettings {
	/** Daily budget per campaign, in the account's currency (major units, e.g. 10 = 10.00). */
	dailyBudget: number;
	/** Max CPC bid per ad group, in the account's currency (search files). */
	maxCpc: number;
	/** Status written on every campaign, ad group, keyword and ad. Paused unless set on purpose. */
	status: 'paused' | 'enabled';
	matchType: MatchType;
	/** Google Ads Editor language codes, e.g. "en". */
	languages: readonly string[];
	/** Microsoft Advertising campaign language, e.g. "English" or "All". */
	microsoftLanguage: string;
	/** Microsoft Advertising campaign time zone, e.g. "PacificTimeUSCanadaTijuana". */
	microsoftTimeZone: string;
	/** Meta campaign objective as Ads Manager writes it, e.g. "Outcome Traffic". */
	metaObjective: string;
	/** Meta ad set location targeting: ISO country codes. */
	countries: readonly string[];
}

export const DEFAULT_EXPORT_SETTINGS: Readonly<ExportSettings> = {
	dailyBudget: 10,
	maxCpc: 1,
	status: 'paused',
	matchType: 'phrase',
	languages: ['en'],
	microsoftLanguage: 'English',
	microsoftTimeZone: 'PacificTimeUSCanadaTijuana',
	metaObjective: 'Outcome Traffic',
	countries: ['US'],
};

/** A file ready to hand over: its content and which ads it holds. */
export interface ExportFile {
	format: BulkFormat;
	platform: 'google_ads' | 'microsoft_ads' | 'meta';
	fileName: string;
	mimeType: string;
	content: string;
	/** Data rows written (header and format rows not counted). */
	rows: number;
	adIds: string[];
	/** Per ad: what to fix that did not stop the export. */
	warnings: Record<string, string[]>;
}
