/**
 * Special ad categories on each platform's terms. The Bias Auditor writes our names
 * (`ad.audit.specialAdCategories`); Meta takes its own enum in `special_ad_categories` (Marketing
 * API "Special Ad Categories": HOUSING, EMPLOYMENT, FINANCIAL_PRODUCTS_SERVICES, which replaced
 * CREDIT, and ISSUES_ELECTIONS_POLITICS), always sent, empty when none.
 */
import type { SpecialAdCategory } from '../contracts/audit';

export const META_SPECIAL_AD_CATEGORY: Readonly<Record<SpecialAdCategory, string>> = {
	housing: 'HOUSING',
	employment: 'EMPLOYMENT',
	financial_products_services: 'FINANCIAL_PRODUCTS_SERVICES',
	issues_elections_politics: 'ISSUES_ELECTIONS_POLITICS',
};

/** Meta's enum values for a set of categories: unique, in a fixed order. */
export function metaSpecialAdCategories(categories: readonly SpecialAdCategory[]): string[] {
	const wanted = new Set(categories);
	return (Object.keys(META_SPECIAL_AD_CATEGORY) as SpecialAdCategory[])
		.filter((c) => wanted.has(c))
		.map((c) => META_SPECIAL_AD_CATEGORY[c]);
}
