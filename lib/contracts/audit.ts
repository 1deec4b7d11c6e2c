import { z } from 'zod';

export const VERDICTS = ['pass', 'review', 'block'] as const;
export const Verdict = z.enum(VERDICTS);

export const Finding = z.object({
	rule: z.string().min(1),
	severity: z.enum(['info', 'warning', 'critical']),
	message: z.string().min(1),
	evidence: z.string(),
});
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
