import type { AdAudit, AdVariant, Segment, SpecialAdCategory, Targeting, Verdict } from '../contracts';
import { SPECIAL_AD_CATEGORIES } from '../contracts';
import { DEFAULT_FAIRNESS_THRESHOLDS, noVerdict, selectionFairness, type FairnessResult, type FairnessThresholds, type SelectionRow } from '../governance/fairness';
import { contentHash } from '../util/hash';
import { adTexts, createCopyChecker, effectiveSeverity, type RuleSettings } from './engine';
import { isProtectedAttribute, isSensitiveAttribute, piiSpans } from './governanceRules';
import { categoryFindings, compileCategoryDetectors, detectCategories } from './policy';
import { AUDIT_RULES_VERSION, COPY_RULES, OTHER_RULES, PII_RULE } from './rules';
import { CATEGORY_DETECTORS } from './specialCategories';
import type { AuditBrief, AuditFindingDetail, RuleFamily, Severity } from './types';

/** A reviewer's decision to clear a finding: recorded on the ad, the finding no longer counts. */
export interface AuditOverride {
	/** The ad, or `*` for every ad. */
	adId: string;
	/** A rule id (`claims.unverifiedSuperlative`) or a whole family (`claims`). */
	rule: string;
	by: string;
	why: string;
}

/** A customer with its segment and attributes (the Customer Segmenter's Customers output). */
export interface AuditCustomer {
	segmentId: string;
	attributes?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface AuditInput {
	ads: readonly AdVariant[];
	segments?: readonly Segment[];
	customers?: readonly AuditCustomer[];
	targeting?: readonly Targeting[];
	brief?: AuditBrief;
}

export interface AuditOptions extends RuleSettings {
	thresholds?: Partial<FairnessThresholds>;
	overrides?: readonly AuditOverride[];
	/** Detect special ad categories in the copy as well as the brief (default true). */
	detectCategoriesInCopy?: boolean;
}

export interface FairnessTable {
	/** `campaign` (every segment that has an ad) or `segment`. */
	scope: 'campaign' | 'segment';
	segmentId?: string;
	/** Per protected attribute; `notGiven` customers had no value for it and sit out its table. */
	results: Array<FairnessResult & { notGiven: number }>;
}

export interface AuditReport {
	kind: 'auditReport';
	ruleVersion: string;
	ads: number;
	verdicts: Record<Verdict, number>;
	byRule: Array<{ rule: string; family: RuleFamily; findings: number; ads: number; overridden: number }>;
	specialCategories: Record<string, number>;
	fairness: {
		thresholds: FairnessThresholds;
		attributes: string[];
		customers: number;
		tables: FairnessTable[];
		/** Why there is no table, when there is none. */
		note?: string;
	};
	overrides: { applied: number; unmatched: AuditOverride[] };
}

export interface AuditResult {
	ads: AdVariant[];
	report: AuditReport;
}

const VERDICT_OF: Record<Severity, Verdict> = { info: 'pass', warning: 'review', critical: 'block' };
const RANK: Record<Verdict, number> = { pass: 0, review: 1, block: 2 };
export const VERDICT_LABELS: Record<Verdict, string> = { pass: 'Approved', review: 'Needs review', block: 'Blocked' };
const CATEGORY_LABEL = new Map(CATEGORY_DETECTORS.map((d) => [d.category, d.label]));

/** Verdict of a set of findings: the worst severity among those not cleared by a reviewer. */
export function verdictOf(findings: readonly AuditFindingDetail[]): Verdict {
	let v: Verdict = 'pass';
	for (const f of findings) {
		if (f.overridden) continue;
		const fv = VERDICT_OF[f.severity];
		if (RANK[fv] > RANK[v]) v = fv;
	}
	return v;
}

function validateOverrides(overrides: readonly AuditOverride[]): void {
	overrides.forEach((o, i) => {
		for (const key of ['adId', 'rule', 'by', 'why'] as const) {
			if (typeof o?.[key] !== 'string' || o[key].trim() === '') {
				throw new Error(`override ${i}: "${key}" is required (ad id, rule, who and why), got ${JSON.stringify(o?.[key])}`);
			}
		}
	});
}

/** The customer's value of an attribute; null when not given (such customers sit out that attribute's table). */
function attributeValue(c: AuditCustomer, name: string): string | null {
	const v = c.attributes && name in c.attributes ? c.attributes[name] : c[name];
	return v === undefined || v === null || v === '' ? null : String(v);
}

/** One attribute's fairness over the customers who have a value for it; the others are counted. */
function attributeFairness(attribute: string, groups: ReadonlyArray<string | null>, selected: readonly boolean[], thresholds: FairnessThresholds): FairnessResult & { notGiven: number } {
	const rows: SelectionRow[] = [];
	groups.forEach((g, i) => {
		if (g !== null) rows.push({ group: g, selected: selected[i] });
	});
	const notGiven = groups.length - rows.length;
	if (rows.length === 0) {
		return { ...noVerdict({ attribute, population: 0, selected: 0, overallRate: 0, groups: [] }, `No customer has a value for "${attribute}": no fairness verdict.`), notGiven };
	}
	const result = selectionFairness(attribute, rows, thresholds);
	return { ...result, reason: notGiven ? `${result.reason} ${notGiven} customer${notGiven === 1 ? '' : 's'} without a value for "${attribute}" left out.` : result.reason, notGiven };
}

/** Protected attributes present on the customers (attribute keys, then top-level fields). */
function protectedColumns(customers: readonly AuditCustomer[]): string[] {
	const names = new Set<string>();
	for (const c of customers) {
		for (const k of Object.keys(c.attributes ?? {})) if (isProtectedAttribute(k)) names.add(k);
		for (const k of Object.keys(c)) if (k !== 'attributes' && k !== 'segmentId' && isProtectedAttribute(k)) names.add(k);
	}
	return [...names].sort();
}

function fairnessTables(input: AuditInput, thresholds: FairnessThresholds): AuditReport['fairness'] {
	const customers = input.customers ?? [];
	const attributes = protectedColumns(customers);
	const base = { thresholds, attributes, customers: customers.length, tables: [] as FairnessTable[] };
	if (customers.length === 0) return { ...base, note: 'No customers with their segments were given: no audience fairness check.' };
	if (attributes.length === 0) return { ...base, note: 'The customers carry no protected attribute (age, gender ...): no audience fairness check.' };
	const segmentIds = [...new Set(customers.map((c) => c.segmentId))].sort();
	const targeted = new Set(input.ads.map((a) => a.segmentId));
	const groupsOf = attributes.map((a) => customers.map((c) => attributeValue(c, a)));
	const inCampaign = customers.map((c) => targeted.has(c.segmentId));
	const tables: FairnessTable[] = [{ scope: 'campaign', results: attributes.map((a, k) => attributeFairness(a, groupsOf[k], inCampaign, thresholds)) }];
	for (const s of segmentIds) {
		const inSegment = customers.map((c) => c.segmentId === s);
		tables.push({ scope: 'segment', segmentId: s, results: attributes.map((a, k) => attributeFairness(a, groupsOf[k], inSegment, thresholds)) });
	}
	return { ...base, tables };
}

function fairnessFindings(table: FairnessTable, settings: RuleSettings): AuditFindingDetail[] {
	const out: AuditFindingDetail[] = [];
	for (const r of table.results) {
		if (r.verdict !== 'flagged') continue;
		const adverse = r.groups.some((g) => g.adverse);
		const rule = OTHER_RULES.find((x) => x.id === (adverse ? 'fairness.disparateImpact' : 'fairness.parityDifference'))!;
		const severity = effectiveSeverity(rule, settings);
		if (!severity) continue;
		out.push({
			rule: rule.id,
			family: 'fairness',
			severity,
			message: `${rule.message} ${r.reason}`,
			evidence: `${table.scope === 'campaign' ? 'campaign audience' : `segment ${table.segmentId}`}, ${r.attribute}: parity difference ${r.demographicParityDifference!.toFixed(3)}, ratio ${r.demographicParityRatio!.toFixed(3)}`,
			suggestion: 'Check why the segment leaves these groups out; widen it, or record why the difference is justified.',
			policy: rule.policy,
			source: rule.source,
			origin: 'rules',
		});
	}
	return out;
}

function targetingFindings(ad: AdVariant, targeting: readonly Targeting[], segment: Segment | undefined, settings: RuleSettings): AuditFindingDetail[] {
	const out: AuditFindingDetail[] = [];
	const sensitive = OTHER_RULES.find((r) => r.id === 'targeting.sensitiveAttribute')!;
	const prot = OTHER_RULES.find((r) => r.id === 'targeting.protectedAttribute')!;
	const sevS = effectiveSeverity(sensitive, settings);
	const sevP = effectiveSeverity(prot, settings);
	const push = (attr: string, where: string): void => {
		const isSensitive = isSensitiveAttribute(attr);
		const rule = isSensitive ? sensitive : prot;
		const severity = isSensitive ? sevS : sevP;
		if (!severity) return;
		out.push({ rule: rule.id, family: 'targeting', severity, message: rule.message, evidence: `${where} selects on "${attr}"`, policy: rule.policy, source: rule.source, origin: 'rules' });
	};
	for (const t of targeting) {
		const where = `targeting${t.adId ? ` of ${t.adId}` : t.segmentId ? ` of ${t.segmentId}` : ''}`;
		if (t.ageMin !== undefined || t.ageMax !== undefined) push('age', `${where} (age ${t.ageMin ?? 18}-${t.ageMax ?? '65+'})`);
		if (t.genders && t.genders.length > 0 && !t.genders.some((g) => /^(all|any|everyone)$/i.test(g))) push('gender', `${where} (genders ${t.genders.join(', ')})`);
		for (const a of t.attributes ?? []) if (isProtectedAttribute(a)) push(a, where);
		for (const aud of t.audiences ?? []) {
			for (const a of aud.attributes ?? []) if (isProtectedAttribute(a)) push(a, `${where}, audience "${aud.name}"`);
		}
	}
	for (const a of segment?.protectedAttributesUsed ?? []) push(a, `segment ${segment!.segmentId}`);
	return out;
}

function applyOverrides(adId: string, findings: AuditFindingDetail[], overrides: readonly AuditOverride[], used: Set<number>): Array<AuditOverride & { cleared: number }> {
	const applied: Array<AuditOverride & { cleared: number }> = [];
	overrides.forEach((o, i) => {
		if (o.adId !== adId && o.adId !== '*') return;
		let cleared = 0;
		for (const f of findings) {
			if (f.overridden) continue;
			if (f.rule === o.rule || f.family === o.rule) {
				f.overridden = { by: o.by, why: o.why };
				cleared++;
			}
		}
		if (cleared > 0) {
			used.add(i);
			applied.push({ ...o, cleared });
		}
	});
	return applied;
}

function explain(verdict: Verdict, findings: readonly AuditFindingDetail[], categories: readonly SpecialAdCategory[], ruleVersion: string): string {
	const live = findings.filter((f) => !f.overridden);
	const count = (s: Severity): AuditFindingDetail[] => live.filter((f) => f.severity === s);
	const list = (fs: AuditFindingDetail[]): string =>
		fs
			.slice(0, 3)
			.map((f) => `${f.rule} (${f.evidence})`)
			.join('; ') + (fs.length > 3 ? `; and ${fs.length - 3} more` : '');
	const parts: string[] = [];
	const crit = count('critical');
	const warn = count('warning');
	const info = count('info');
	if (verdict === 'block') parts.push(`Blocked: ${crit.length} critical finding${crit.length === 1 ? '' : 's'}: ${list(crit)}.`);
	else if (verdict === 'review') parts.push(`Needs review: ${warn.length} warning${warn.length === 1 ? '' : 's'}: ${list(warn)}.`);
	else parts.push('Approved: no rule of the set raised a warning or a critical finding.');
	if (verdict === 'block' && warn.length) parts.push(`Also ${warn.length} warning${warn.length === 1 ? '' : 's'}: ${list(warn)}.`);
	if (info.length) parts.push(`${info.length} note${info.length === 1 ? '' : 's'} that do not change the verdict: ${list(info)}.`);
	const cleared = findings.filter((f) => f.overridden);
	if (cleared.length) parts.push(`${cleared.length} finding${cleared.length === 1 ? '' : 's'} cleared by a reviewer: ${cleared.map((f) => `${f.rule} by ${f.overridden!.by} ("${f.overridden!.why}")`).join('; ')}.`);
	if (categories.length) parts.push(`Special ad categor${categories.length === 1 ? 'y' : 'ies'}: ${categories.map((c) => CATEGORY_LABEL.get(c) ?? c).join(', ')}; declare ${categories.length === 1 ? 'it' : 'them'} when deploying.`);
	parts.push(`Rule set ${ruleVersion}.`);
	return parts.join(' ');
}

/**
 * Audits ad variants: copy rules, special ad categories against the intended targeting, targeting
 * on protected attributes, and audience fairness where customers with protected attributes are
 * given. Returns each ad with `audit` set (a new object; inputs are not mutated) and one report.
 * Deterministic: the same input and options give the same output.
 */
export function auditAds(input: AuditInput, options: AuditOptions = {}): AuditResult {
	if (!Array.isArray(input.ads)) throw new Error('auditAds: "ads" must be a list of ad variants');
	const overrides = options.overrides ?? [];
	validateOverrides(overrides);
	const thresholds: FairnessThresholds = { ...DEFAULT_FAIRNESS_THRESHOLDS, ...(options.thresholds ?? {}) };
	const settings: RuleSettings = { disabledRules: options.disabledRules, disabledFamilies: options.disabledFamilies, severities: options.severities };
	const ruleVersion = `${AUDIT_RULES_VERSION}+${contentHash({ settings, thresholds, brief: input.brief ?? {} }, 8)}`;
	const brief = input.brief ?? {};
	const checker = createCopyChecker(COPY_RULES, brief, settings);
	const detectors = compileCategoryDetectors();
	const briefText = [brief.brand, brief.product, brief.offer, brief.description].filter((s): s is string => typeof s === 'string' && s.length > 0).join(' \u2022 ');
	const briefCategories = detectCategories(detectors, briefText ? [{ field: 'brief', text: briefText }] : []);
	for (const c of brief.declaredCategories ?? []) {
		if (!SPECIAL_AD_CATEGORIES.includes(c)) throw new Error(`brief.declaredCategories: "${c}" is not one of ${SPECIAL_AD_CATEGORIES.join(', ')}`);
	}
	const fairness = fairnessTables(input, thresholds);
	const segmentFindings = new Map<string, AuditFindingDetail[]>();
	const campaignFindings = fairness.tables.filter((t) => t.scope === 'campaign').flatMap((t) => fairnessFindings(t, settings));
	for (const t of fairness.tables) if (t.scope === 'segment') segmentFindings.set(t.segmentId!, fairnessFindings(t, settings));
	const segments = new Map((input.segments ?? []).map((s) => [s.segmentId, s]));
	const piiSeverity = effectiveSeverity(PII_RULE, settings);
	const detectedRule = OTHER_RULES.find((r) => r.id === 'specialCategory.detected')!;
	const detectedSeverity = effectiveSeverity(detectedRule, settings);

	const piiByText = new Map<string, ReturnType<typeof piiSpans>>();
	const categoriesByText = new Map<string, ReturnType<typeof detectCategories>>();
	const usedOverrides = new Set<number>();
	const byRule = new Map<string, { rule: string; family: RuleFamily; findings: number; ads: Set<string>; overridden: number }>();
	const verdicts: Record<Verdict, number> = { pass: 0, review: 0, block: 0 };
	const categoryCounts: Record<string, number> = {};

	const ads = input.ads.map((ad) => {
		const findings = checker.check(ad);
		const texts = adTexts(ad);
		if (piiSeverity) {
			for (const t of texts) {
				let spans = piiByText.get(t.text);
				if (spans === undefined) piiByText.set(t.text, (spans = piiSpans(t.text)));
				for (const p of spans) {
					findings.push({
						rule: PII_RULE.id,
						family: 'pii',
						severity: piiSeverity,
						// the governance description masks the match: the finding never repeats the personal data
						message: `${PII_RULE.message} Found: ${p.description}.`,
						evidence: `${t.field}: ${p.description}`,
						span: { field: t.field, start: p.start, end: p.end, text: `[${p.kind}]` },
						suggestion: 'Remove the personal data; address the audience in general terms.',
						policy: PII_RULE.policy,
						source: PII_RULE.source,
						origin: 'rules',
					});
				}
			}
		}
		const hits = [...briefCategories];
		if (options.detectCategoriesInCopy !== false) {
			// per text (cached: copy repeats), the first text in field order is each category's evidence
			for (const t of texts) {
				let found = categoriesByText.get(t.text);
				if (found === undefined) categoriesByText.set(t.text, (found = detectCategories(detectors, [{ field: '', text: t.text }])));
				for (const h of found) {
					if (hits.some((x) => x.category === h.category)) continue;
					hits.push({ ...h, where: t.field, span: h.span ? { ...h.span, field: t.field } : undefined });
				}
			}
		}
		const categories = SPECIAL_AD_CATEGORIES.filter((c) => hits.some((h) => h.category === c) || (brief.declaredCategories ?? []).includes(c));
		if (detectedSeverity) {
			for (const c of categories) {
				const h = hits.find((x) => x.category === c);
				findings.push({
					rule: detectedRule.id,
					family: 'specialCategory',
					severity: detectedSeverity,
					message: `${detectedRule.message} Category: ${CATEGORY_LABEL.get(c) ?? c}.`,
					evidence: h ? `${h.where}: "${h.text}"` : 'declared in the brief',
					...(h?.span && h.where !== 'brief' ? { span: h.span } : {}),
					policy: detectedRule.policy,
					source: detectedRule.source,
					origin: 'rules',
				});
			}
		}
		const targeting = (input.targeting ?? []).filter((t) => (t.adId === undefined && t.segmentId === undefined) || t.adId === ad.adId || (t.adId === undefined && t.segmentId === ad.segmentId));
		findings.push(...categoryFindings(categories, ad.channel, targeting, (id) => effectiveSeverity(OTHER_RULES.find((r) => r.id === id)!, settings)));
		findings.push(...targetingFindings(ad, targeting, segments.get(ad.segmentId), settings));
		findings.push(...campaignFindings.map((f) => ({ ...f })));
		findings.push(...(segmentFindings.get(ad.segmentId) ?? []).map((f) => ({ ...f })));

		const applied = applyOverrides(ad.adId, findings, overrides, usedOverrides);
		const verdict = verdictOf(findings);
		verdicts[verdict]++;
		for (const c of categories) categoryCounts[c] = (categoryCounts[c] ?? 0) + 1;
		for (const f of findings) {
			const e = byRule.get(f.rule) ?? { rule: f.rule, family: f.family, findings: 0, ads: new Set<string>(), overridden: 0 };
			e.findings++;
			e.ads.add(ad.adId);
			if (f.overridden) e.overridden++;
			byRule.set(f.rule, e);
		}
		const audit: AdAudit & { overrides: typeof applied } = {
			verdict,
			findings: findings as unknown as AdAudit['findings'],
			ruleVersion,
			specialAdCategories: categories,
			explanation: explain(verdict, findings, categories, ruleVersion),
			overrides: applied,
		};
		return { ...ad, audit } as AdVariant;
	});

	return {
		ads,
		report: {
			kind: 'auditReport',
			ruleVersion,
			ads: ads.length,
			verdicts,
			byRule: [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule)).map((e) => ({ rule: e.rule, family: e.family, findings: e.findings, ads: e.ads.size, overridden: e.overridden })),
			specialCategories: categoryCounts,
			fairness,
			overrides: { applied: usedOverrides.size, unmatched: overrides.filter((_, i) => !usedOverrides.has(i)) },
		},
	};
}
