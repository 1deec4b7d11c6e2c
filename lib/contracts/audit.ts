import { z } from 'zod';

export const VERDICTS = ['pass', 'review', 'block'] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

/**
 * Special ad categories that platforms restrict (housing, employment, credit and other financial
 * products, social issues / elections / politics). Our names; the Ad Deployer maps them to each
 * platform's own enum (Meta: HOUSING, EMPLOYMENT, FINANCIAL_PRODUCTS_SERVICES,
 * ISSUES_ELECTIONS_POLITICS).
 */
export const SPECIAL_AD_CATEGORIES = [
	'housing',
	'employment',
	'financial_products_services',
	'issues_elections_politics',
] as const;
export const SpecialAdCategory = z.enum(SPECIAL_AD_CATEGORIES);
export type SpecialAdCategory = z.infer<typeof SpecialAdCategory>;

export const Finding = z
	.object({
		rule: z.string().min(1),
		severity: z.enum(['info', 'warning', 'critical']),
		message: z.string().min(1),
		evidence: z.string(),
	})
	.passthrough();
export type Finding = z.infer<typeof Finding>;

/** The Bias Auditor's verdict on one ad variant. */
export const AuditFinding = z
	.object({
		adId: z.string().min(1),
		verdict: Verdict,
		findings: z.array(Finding),
		ruleVersion: z.string().optional(),
	})
	.passthrough();
export type AuditFinding = z.infer<typeof AuditFinding>;

/**
 * What the Bias Auditor writes onto an ad variant (`ad.audit`), so later nodes (approval, Ad
 * Deployer) read the verdict and the special ad categories from the ad itself.
 */
export const AdAudit = z
	.object({
		verdict: Verdict,
		findings: z.array(Finding),
		ruleVersion: z.string().min(1),
		specialAdCategories: z.array(SpecialAdCategory),
		explanation: z.string(),
	})
	.passthrough();
export type AdAudit = z.infer<typeof AdAudit>;
