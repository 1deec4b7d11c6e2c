import { describePii, findPii, isProtectedAttribute, protectedFamilyOf, type PiiKind } from '../governance';

export { isProtectedAttribute };

/**
 * Families of protected attributes that ordinary ads may still target (age and gender selection,
 * parental status: allowed outside special ad categories, flagged for review). Every other family
 * (health, religion, ethnicity, sexual orientation, politics, union membership, criminal record,
 * national origin) is a sensitive category that Google's personalized advertising policy and Meta's
 * discriminatory-practices policy forbid as targeting.
 */
const TARGETABLE_FAMILIES: ReadonlySet<string> = new Set(['age', 'sex and gender', 'pregnancy and family status', 'veteran status']);

/** A protected attribute that platforms forbid as targeting for any ad. */
export function isSensitiveAttribute(name: string): boolean {
	const family = protectedFamilyOf(name);
	return family !== null && !TARGETABLE_FAMILIES.has(family.family);
}

/** PII kinds the PII-in-copy rule reports; phone numbers are the editorial rule's (one finding per span). */
const COPY_PII_KINDS: ReadonlySet<PiiKind> = new Set(['email', 'street_address', 'payment_card', 'iban', 'national_id', 'name']);

/** Personal data found in a text by the governance detectors (names when given). */
export function piiSpans(text: string, names: readonly string[] = []): Array<{ kind: PiiKind; start: number; end: number; description: string }> {
	return findPii(text, { names, nameCase: 'capitalized' })
		.filter((m) => COPY_PII_KINDS.has(m.kind))
		.map((m) => ({ kind: m.kind, start: m.start, end: m.end, description: describePii(m) }));
}

/** Phone numbers in a text, by the governance phone detector (international and national formats). */
export function phoneSpans(text: string): Array<{ start: number; end: number }> {
	return findPii(text).filter((m) => m.kind === 'phone').map((m) => ({ start: m.start, end: m.end }));
}
