import type { AdVariant } from '../../contracts/adVariant';
import { DEFAULT_EXPORT_SETTINGS, MATCH_TYPES, type ExportAd, type ExportSettings } from './types';

/** Merge settings over the defaults and check each one, naming the setting that is wrong. */
export function normalizeExportSettings(input: Partial<ExportSettings> = {}): ExportSettings {
	const s: ExportSettings = { ...DEFAULT_EXPORT_SETTINGS, ...stripUndefined(input) };
	if (!(Number.isFinite(s.dailyBudget) && s.dailyBudget > 0)) {
		throw new Error(`Daily budget must be a number above 0, got ${String(s.dailyBudget)}`);
	}
	if (!(Number.isFinite(s.maxCpc) && s.maxCpc > 0)) throw new Error(`Max CPC must be a number above 0, got ${String(s.maxCpc)}`);
	if (s.status !== 'paused' && s.status !== 'enabled') throw new Error(`Status must be "paused" or "enabled", got "${String(s.status)}"`);
	if (!MATCH_TYPES.includes(s.matchType)) {
		throw new Error(`Match type must be one of ${MATCH_TYPES.join(', ')}, got "${String(s.matchType)}"`);
	}
	if (s.countries.some((c) => !/^[A-Z]{2}$/.test(c))) {
		throw new Error(`Countries must be two-letter ISO codes such as US, got "${s.countries.join(', ')}"`);
	}
	return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Money with two decimals, as the bulk formats write amounts. */
export function money(amount: number): string {
	return amount.toFixed(2);
}

/** Campaigns in first-seen order, each with its ads in input order. */
export function groupByCampaign(ads: readonly ExportAd[]): Array<{ campaign: string; adGroup: string; ads: ExportAd[] }> {
	const groups = new Map<string, { campaign: string; adGroup: string; ads: ExportAd[] }>();
	for (const a of ads) {
		const key = `${a.names.campaign}\u0000${a.names.adGroup}`;
		const group = groups.get(key) ?? { campaign: a.names.campaign, adGroup: a.names.adGroup, ads: [] };
		group.ads.push(a);
		groups.set(key, group);
	}
	return [...groups.values()];
}

export const NO_KEYWORDS_WARNING =
	'No keywords for this ad group: it will not serve until keywords are added (set "Keywords").';

/** Keywords of an ad group: every ad's keywords, trimmed, first spelling kept, case-insensitive unique. */
export function groupKeywords(ads: readonly ExportAd[]): string[] {
	const seen = new Map<string, string>();
	for (const a of ads) {
		for (const k of a.keywords) {
			const t = k.replace(/\s+/g, ' ').trim();
			if (t && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
		}
	}
	return [...seen.values()];
}

/** A list field of an ad (headlines, descriptions, pins), empty when absent. */
export function listField(ad: AdVariant, name: string): string[] {
	const v = ad.fields[name];
	return Array.isArray(v) ? v : typeof v === 'string' && v.length > 0 ? [v] : [];
}

/** A text field of an ad, '' when absent. */
export function textField(ad: AdVariant, name: string): string {
	const v = ad.fields[name];
	return typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : '';
}

/** Refuse ads on the wrong channel for a file, naming the ad and the channels the file takes. */
export function assertChannels(ads: readonly ExportAd[], channels: readonly string[], file: string): void {
	for (const a of ads) {
		if (!channels.includes(a.ad.channel)) {
			throw new Error(`Ad ${a.ad.adId} is a ${a.ad.channel} ad; a ${file} holds ${channels.join(' or ')} ads only`);
		}
	}
}
