import type { CopyRule, RuleFamily, Severity } from '../types';
import { ARTEFACT_RULES } from './artefacts';
import { CLAIM_RULES } from './claims';
import { EDITORIAL_RULES } from './editorial';
import { INCLUSIVE_RULES } from './inclusive';
import { PERSONAL_ATTRIBUTE_RULES } from './personalAttributes';

export { ARTEFACT_RULES, CLAIM_RULES, EDITORIAL_RULES, INCLUSIVE_RULES, PERSONAL_ATTRIBUTE_RULES };

/** Version of the rule tables; changes whenever a rule is added, removed or changed. */
export const AUDIT_RULES_VERSION = 'audit-rules-2026.12';

/** Rules that are not copy patterns: PII, special categories, targeting and fairness. */
export interface NonCopyRule {
	id: string;
	family: RuleFamily;
	severity: Severity;
	message: string;
	policy: string;
	source: string;
}

export const PII_RULE: NonCopyRule = {
	id: 'pii.inCopy',
	family: 'pii',
	severity: 'critical',
	message: 'Personal data in the ad copy (an e-mail address, a card number, a national id, a street address or a customer name).',
	policy: 'Google Ads policy "Personalized advertising" and Meta "Personal attributes" (personally identifiable information); GDPR Art. 5(1)(c) data minimisation',
	source: 'support.google.com/adspolicy/answer/143465; transparency.meta.com/policies/ad-standards/objectionable-content/personal-attributes',
};

export const OTHER_RULES: readonly NonCopyRule[] = [
	PII_RULE,
	{
		id: 'specialCategory.detected',
		family: 'specialCategory',
		severity: 'info',
		message: 'A special ad category: it must be declared on the platform, which then restricts the targeting.',
		policy: 'Meta "Special Ad Categories"; Google "Personalized advertising" (access to opportunities)',
		source: 'facebook.com/business/help/2220749868045706; support.google.com/adspolicy/answer/143465',
	},
	{
		id: 'specialCategory.targeting',
		family: 'specialCategory',
		severity: 'critical',
		message: 'The intended targeting breaks a restriction the platform places on this special ad category.',
		policy: 'Meta "Special Ad Categories"; Google "Personalized advertising"; Microsoft Advertising demographic restrictions',
		source: 'see each finding',
	},
	{
		id: 'specialCategory.authorisation',
		family: 'specialCategory',
		severity: 'warning',
		message: 'Ads about social issues, elections or politics need advertiser authorisation and a "Paid for by" disclaimer.',
		policy: 'Meta "Ads about social issues, elections or politics"; Google "Political content"',
		source: 'see each finding',
	},
	{
		id: 'targeting.sensitiveAttribute',
		family: 'targeting',
		severity: 'critical',
		message: 'The targeting selects on a sensitive attribute (health, religion, ethnicity, sexual orientation ...), which platforms forbid.',
		policy: 'Google "Personalized advertising" (sensitive interest categories); Meta "Discriminatory practices"',
		source: 'support.google.com/adspolicy/answer/143465; transparency.meta.com/policies/ad-standards/discriminatory-practices',
	},
	{
		id: 'targeting.protectedAttribute',
		family: 'targeting',
		severity: 'warning',
		message: 'The targeting or the segment selects on a protected attribute (age, gender ...): allowed outside special categories, worth a human look.',
		policy: 'Meta "Discriminatory practices"; EU AI Act and GDPR Art. 9 (special categories of data)',
		source: 'transparency.meta.com/policies/ad-standards/discriminatory-practices',
	},
	{
		id: 'fairness.disparateImpact',
		family: 'fairness',
		severity: 'warning',
		message: "The ad's audience selects one group at under four-fifths of the rate of the most-selected group.",
		policy: 'Four-fifths rule (US EEOC Uniform Guidelines, 29 CFR 1607.4(D)); demographic parity (Fairlearn)',
		source: 'ecfr.gov/current/title-29/part-1607/section-1607.4; fairlearn.org/main/user_guide/assessment',
	},
	{
		id: 'fairness.parityDifference',
		family: 'fairness',
		severity: 'warning',
		message: "The ad's audience selection rates differ between groups by more than the parity threshold.",
		policy: 'Demographic parity difference (Fairlearn)',
		source: 'fairlearn.org/main/api_reference/generated/fairlearn.metrics.demographic_parity_difference.html',
	},
];

/** Every copy rule, in evaluation order. */
export const COPY_RULES: readonly CopyRule[] = [
	...EDITORIAL_RULES,
	...CLAIM_RULES,
	...PERSONAL_ATTRIBUTE_RULES,
	...INCLUSIVE_RULES,
	...ARTEFACT_RULES,
];

/** Every rule id with its family and default severity (for parameters, reports and docs). */
export function ruleCatalogue(): Array<{ id: string; family: RuleFamily; severity: Severity; message: string; policy: string; source: string }> {
	return [...COPY_RULES, ...OTHER_RULES].map((r) => ({
		id: r.id,
		family: r.family,
		severity: r.severity,
		message: r.message,
		policy: r.policy,
		source: r.source,
	}));
}
