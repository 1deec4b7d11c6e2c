/**
 * Governance: the one home of the privacy rules every node applies.
 *
 * By field name
 * - `isPiiFieldName(name)`: the field holds personal data (contact, name, address, free-text note,
 *   official or financial id, birth date, a person's identifier). Gates journey attributes and segment
 *   profiles alike.
 * - `isNameField(name)`, `recordNames(record)`: a record's own name fields and their values, for the
 *   name detector.
 * - `isProtectedAttribute(name)`, `protectedFamilyOf(name)`, `PROTECTED_FAMILIES`: protected and
 *   sensitive attributes, one list with its sources (GDPR Art. 9, US protected classes, Meta's and
 *   Google's personal-attribute policies).
 *
 * By value
 * - `findPii(text, { names, nameCase })` -> `PiiMatch[]` (`kind`, `start`, `end`, `text`): e-mail,
 *   phone (international and national formats), street address, payment card (Luhn + network),
 *   IBAN (mod 97), national id (US SSN, UK NINO), names from the input.
 * - `redactPii(text, options)` -> `{ text, counts, matches }` with markers such as `[email removed]`.
 * - `screenAttributeValue(value, { names })`: a categorical attribute value kept, or replaced by a
 *   marker because it holds PII or is free text; `countAttributeScreen` tallies per field;
 *   `isSafeCategoryValue(value)`: a string that may be shown as a category in profiles and prompts.
 *
 * Consent
 * - `consentOf(value)`, `consentOfOptOut(flag)`, `combineConsent(a, b)`, `consentExclusion(state, policy)`.
 */
export { nameWords, isPiiFieldName, isNameField, recordNames } from './fields';
export {
	PII_KINDS,
	findPii,
	isPiiFree,
	redactPii,
	piiMarker,
	isPiiMarker,
	luhnValid,
	ibanValid,
} from './pii';
export type { PiiKind, PiiMatch, PiiCounts, FindPiiOptions, Redaction } from './pii';
export {
	PROTECTED_FAMILIES,
	PROTECTED_WORDS,
	PROTECTED_COMPOUNDS,
	isProtectedAttribute,
	protectedFamilyOf,
} from './protected';
export type { ProtectedFamily } from './protected';
export {
	isFreeText,
	isSafeCategoryValue,
	screenAttributeValue,
	countAttributeScreen,
	emptyAttributePrivacyCounts,
} from './attributes';
export type { AttributeScreen, AttributePrivacyCounts } from './attributes';
export {
	CONSENT_GRANTED_VALUES,
	CONSENT_WITHHELD_VALUES,
	consentOf,
	consentOfOptOut,
	combineConsent,
	consentExclusion,
} from './consent';
export type { ConsentState, ConsentPolicy } from './consent';
