/**
 * The approval and verdict gate every Ad Deployer operation applies before anything leaves:
 *
 * 1. an ad the Bias Auditor blocked (`audit.verdict === 'block'`) is always refused, whatever the
 *    approval says, with the auditor's findings as the reason;
 * 2. an ad the auditor sent for review (`audit.verdict === 'review'`) goes out only with a human
 *    approval, even when the approval requirement is off: "review" means a person must look;
 * 3. otherwise, when approval is required (the default), an ad goes out only when approved;
 * 4. an ad that failed its channel's format rules (`validation.ok === false`) is refused: the
 *    platform would reject it.
 */
import type { AdVariant } from '../contracts/adVariant';
import type { DeployReason } from '../contracts/deployment';

export interface GateOptions {
	/** The item's "Approved" value (by default read from `approval.approved`). */
	approved: boolean;
	/** Whether an approval is required before anything is exported or deployed. */
	requireApproval: boolean;
}

export type GateDecision =
	| { admit: true }
	| { admit: false; status: 'skipped' | 'failed'; reason: DeployReason; message: string };

/** A finding's message cut at a word boundary: results carry the gist, the audit carries the rest. */
function short(message: string, max = 160): string {
	if (message.length <= max) return message;
	const cut = message.slice(0, max);
	const space = cut.lastIndexOf(' ');
	return `${cut.slice(0, space > max / 2 ? space : max)}…`;
}

function findingsText(ad: AdVariant): string {
	const findings = ad.audit?.findings ?? [];
	const serious = findings.filter((f) => f.severity !== 'info');
	const shown = (serious.length ? serious : findings).slice(0, 3).map((f) => `${f.rule}: ${short(f.message)}`);
	return shown.length ? ` (${shown.join('; ')})` : '';
}

/** Decide whether one ad may be exported or deployed; the reason says why not. */
export function gateAd(ad: AdVariant, options: GateOptions): GateDecision {
	if (typeof options.approved !== 'boolean') {
		throw new Error(`"Approved" must be true or false, got ${JSON.stringify(options.approved)}`);
	}
	const verdict = ad.audit?.verdict;
	if (verdict === 'block') {
		return {
			admit: false,
			status: 'skipped',
			reason: 'blocked',
			message: `Refused: the Bias Auditor blocked this ad${findingsText(ad)}. Blocked ads are never deployed; fix the copy and audit it again.`,
		};
	}
	if (verdict === 'review' && !options.approved) {
		return {
			admit: false,
			status: 'skipped',
			reason: 'needsReview',
			message: `Skipped: the Bias Auditor asked for a human review${findingsText(ad)} and the ad is not approved.`,
		};
	}
	if (options.requireApproval && !options.approved) {
		return {
			admit: false,
			status: 'skipped',
			reason: 'notApproved',
			message: 'Skipped: not approved. Approve it in the approval step (or set "Approved"), or turn off "Require Approval".',
		};
	}
	if (!ad.validation.ok) {
		const issues = ad.validation.issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`);
		return {
			admit: false,
			status: 'failed',
			reason: 'invalid',
			message: `Refused: the ad breaks its channel's format rules (${issues.join('; ') || 'validation failed'}); the platform would reject it.`,
		};
	}
	return { admit: true };
}
