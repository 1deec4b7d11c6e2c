import type { AdChannel, SpecialAdCategory } from '../contracts';
import type { EditorialRuleName } from '../ads';

/** Finding severities (the contract's): info never changes a verdict, warning asks for review, critical blocks. */
export type Severity = 'info' | 'warning' | 'critical';

export const RULE_FAMILIES = [
	'editorial',
	'claims',
	'personalAttributes',
	'inclusiveLanguage',
	'pii',
	'artefacts',
	'specialCategory',
	'targeting',
	'fairness',
] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/**
 * One copy rule, as data (in the manner of retext-equality's tables): what it matches, how serious
 * it is, what to tell the writer, what to write instead, and the policy it comes from.
 */
export interface CopyRule {
	/** `family.name`, stable: overrides and rule switches name it. */
	id: string;
	family: RuleFamily;
	/** Regular-expression sources; matched case-insensitively unless `caseSensitive`. */
	patterns: readonly string[];
	caseSensitive?: boolean;
	severity: Severity;
	message: string;
	/** A considerate or compliant alternative, where one exists. */
	suggestion?: string;
	/** The policy the rule enforces and where it is written. */
	policy: string;
	source: string;
	/**
	 * Only where the channel's format registry applies this editorial rule to the field
	 * (e.g. `noExclamation`: Google and Microsoft headlines only).
	 */
	whereRegistry?: EditorialRuleName;
	/** Not a finding when the brief states the matched claim (its source, or the offer itself). */
	unlessBriefStates?: boolean;
	/** A match whose text is one of these (lower-case) is no finding: the table's own exceptions. */
	except?: readonly string[];
}

/** Where a finding was seen. Offsets are UTF-16 indexes into the field's text, end exclusive. */
export interface EvidenceSpan {
	field: string;
	start: number;
	end: number;
	text: string;
}

export interface AuditFindingDetail {
	rule: string;
	family: RuleFamily;
	severity: Severity;
	message: string;
	/** Short evidence for the contract: `field: "text"` or a description. */
	evidence: string;
	span?: EvidenceSpan;
	suggestion?: string;
	policy: string;
	source: string;
	/** Who raised it: the rule set, or a model as second reviewer. */
	origin: 'rules' | 'model';
	/** Set when a reviewer cleared the finding: it stays on the ad, and no longer counts. */
	overridden?: { by: string; why: string };
}

/** What the copy rules may know of the campaign brief. */
export interface AuditBrief {
	brand?: string;
	product?: string;
	offer?: string;
	/** Free text describing the campaign (used to detect special ad categories). */
	description?: string;
	/** Claims the brief substantiates, each with its source ("best-rated" -> "Wirecutter 2025"). */
	claims?: ReadonlyArray<{ claim: string; source: string }>;
	/** Competitor names: any mention is a comparative claim. */
	competitors?: readonly string[];
	/** Special ad categories declared up front (added to those detected). */
	declaredCategories?: readonly SpecialAdCategory[];
}

/** The part of an ad the copy rules read. */
export interface AuditableAd {
	adId: string;
	channel: AdChannel;
	fields: Record<string, string | string[]>;
	cta?: string;
	segmentId?: string;
}
