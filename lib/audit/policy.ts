import type { SpecialAdCategory, Targeting } from '../contracts';
import { CATEGORY_DETECTORS, CATEGORY_RESTRICTIONS, type CategoryRestriction } from './specialCategories';
import type { AuditFindingDetail, EvidenceSpan, Severity } from './types';
import type { AdText } from './engine';

export interface CategoryHit {
	category: SpecialAdCategory;
	/** Where it was seen: `brief` or an ad field. */
	where: string;
	text: string;
	span?: EvidenceSpan;
}

/** Compiled category detectors, built once per audit run. */
export function compileCategoryDetectors(): Array<{ category: SpecialAdCategory; regexes: RegExp[] }> {
	// one alternation per category: its first match anywhere is the evidence
	return CATEGORY_DETECTORS.map((d) => ({ category: d.category, regexes: [new RegExp(d.patterns.map((p) => `(?:${p})`).join('|'), 'gi')] }));
}

/** Categories named in a text (the brief's or one ad field's), first evidence per category. */
export function detectCategories(
	detectors: ReturnType<typeof compileCategoryDetectors>,
	texts: ReadonlyArray<{ field: string; text: string }>,
): CategoryHit[] {
	const hits: CategoryHit[] = [];
	for (const d of detectors) {
		let found: CategoryHit | undefined;
		for (const t of texts) {
			for (const re of d.regexes) {
				re.lastIndex = 0;
				const m = re.exec(t.text);
				if (m) {
					const start = m.index;
					found = { category: d.category, where: t.field, text: m[0], span: { field: t.field, start, end: start + m[0].length, text: m[0] } };
					break;
				}
			}
			if (found) break;
		}
		if (found) hits.push(found);
	}
	return hits;
}

export function textsForCategories(texts: readonly AdText[]): Array<{ field: string; text: string }> {
	return texts.map((t) => ({ field: t.field, text: t.text }));
}

const KM_PER_MILE = 1.609344;

function radiusKm(loc: NonNullable<Targeting['locations']>[number]): number | undefined {
	if (loc.radiusKm !== undefined) return loc.radiusKm;
	if (loc.radiusMiles !== undefined) return loc.radiusMiles * KM_PER_MILE;
	return undefined;
}

/** The ways one targeting breaks one restriction, in words (empty: it complies). */
export function restrictionViolations(r: CategoryRestriction, t: Targeting): string[] {
	const out: string[] = [];
	switch (r.check) {
		case 'fullAgeRange': {
			const [lo, hi] = r.value as readonly [number, number];
			if ((t.ageMin !== undefined && t.ageMin > lo) || (t.ageMax !== undefined && t.ageMax < hi)) {
				out.push(`age ${t.ageMin ?? lo}-${t.ageMax ?? `${hi}+`} narrows the required ${lo}-${hi}+`);
			}
			break;
		}
		case 'allGenders':
			if (t.genders && t.genders.length > 0 && !t.genders.some((g) => /^(all|any|everyone)$/i.test(g))) out.push(`genders limited to ${t.genders.join(', ')}`);
			break;
		case 'noPostalCodes':
			for (const l of t.locations ?? []) if (l.type === 'postalCode') out.push(`postal code "${l.value}"`);
			break;
		case 'noLocationExclusions':
			for (const l of t.locations ?? []) if (l.exclude) out.push(`excluded location "${l.value}"`);
			break;
		case 'minRadius':
			for (const l of t.locations ?? []) {
				const km = radiusKm(l);
				if (km !== undefined && km < (r.value as number)) out.push(`radius ${km.toFixed(1)} km around "${l.value}" (at least ${r.value} km)`);
			}
			break;
		case 'noLookalikes':
			for (const a of t.audiences ?? []) if (a.type === 'lookalike') out.push(`lookalike audience "${a.name}"`);
			break;
		case 'noSavedAudiences':
			for (const a of t.audiences ?? []) if (a.type === 'saved') out.push(`saved audience "${a.name}"`);
			break;
		case 'noCustomerListAudiences':
			for (const a of t.audiences ?? []) if (a.type === 'customerList' || a.type === 'lookalike') out.push(`${a.type === 'lookalike' ? 'lookalike' : 'customer list'} audience "${a.name}"`);
			break;
		case 'noDemographicAudiences':
			for (const a of t.audiences ?? []) if (a.type === 'demographic') out.push(`demographic audience "${a.name}"`);
			break;
		case 'authorisation':
			break;
	}
	return out;
}

/** Findings for one ad's special categories against its intended targeting on its channel. */
export function categoryFindings(
	categories: readonly SpecialAdCategory[],
	channel: string,
	targeting: readonly Targeting[],
	severityOf: (ruleId: string, family: 'specialCategory') => Severity | null,
): AuditFindingDetail[] {
	const out: AuditFindingDetail[] = [];
	for (const r of CATEGORY_RESTRICTIONS) {
		if (!r.channels.includes(channel)) continue;
		const cats = r.categories.filter((c) => categories.includes(c));
		if (cats.length === 0) continue;
		if (r.check === 'authorisation') {
			const severity = severityOf('specialCategory.authorisation', 'specialCategory');
			if (severity) {
				out.push({ rule: 'specialCategory.authorisation', family: 'specialCategory', severity, message: r.message, evidence: `category ${cats.join(', ')} on ${r.platform}`, policy: `${r.platform}: ${r.id}`, source: r.source, origin: 'rules' });
			}
			continue;
		}
		const severity = severityOf('specialCategory.targeting', 'specialCategory');
		if (!severity) continue;
		for (const t of targeting) {
			for (const v of restrictionViolations(r, t)) {
				out.push({
					rule: 'specialCategory.targeting',
					family: 'specialCategory',
					severity,
					message: `${r.message} The intended targeting has ${v}.`,
					evidence: `targeting${t.adId ? ` of ${t.adId}` : t.segmentId ? ` of ${t.segmentId}` : ''}: ${v}`,
					suggestion: 'Widen the targeting to what the category allows, then declare the category.',
					policy: `${r.platform} special ad category restriction ${r.id}`,
					source: r.source,
					origin: 'rules',
				});
			}
		}
	}
	return out;
}
