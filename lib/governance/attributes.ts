import { findPii, isPiiMarker, piiMarker, type FindPiiOptions, type PiiKind } from './pii';

/**
 * True when a value in a categorical column is free text rather than a category: a line break, a
 * sentence (four words or more ending in or containing sentence punctuation), eight words or more,
 * or more than 80 characters. "North America", "pro-annual" and "Enterprise (50 seats)" are
 * categories; a customer's paragraph about their order is not.
 */
export function isFreeText(value: string): boolean {
	const text = value.trim();
	if (text.length === 0) return false;
	if (/[\r\n]/.test(text) || text.length > 80) return true;
	const words = text.split(/\s+/).length;
	if (words >= 8) return true;
	return words >= 4 && /[.!?](?:\s|$)/.test(text);
}

export type AttributeScreen =
	| { verdict: 'clean'; value: string | number | boolean | null }
	/** The value held personal data; `value` is the marker that replaces it. */
	| { verdict: 'pii'; value: string; kinds: PiiKind[] }
	/** The value is free text in a categorical column; `value` is the marker that replaces it. */
	| { verdict: 'freeText'; value: string };

/**
 * What may be carried of one categorical attribute value: numbers, booleans and clean short labels
 * unchanged; a value holding personal data (by {@link findPii}, names from the record included) is
 * replaced whole by the marker of its first kind; free text is replaced by the free-text marker (a
 * paragraph in a categorical column can carry anything, and must not reach segment profiles or
 * prompts). Whole-value replacement, because a category with a redacted part is no category.
 *
 * @example screenAttributeValue('dana@example.com') // { verdict: 'pii', value: '[email removed]', kinds: ['email'] }
 */
export function screenAttributeValue(
	value: string | number | boolean | null,
	options: FindPiiOptions = {},
): AttributeScreen {
	if (typeof value !== 'string') return { verdict: 'clean', value };
	const found = findPii(value, options);
	if (found.length > 0) {
		const kinds = Array.from(new Set(found.map((m) => m.kind)));
		return { verdict: 'pii', value: piiMarker(kinds[0]), kinds };
	}
	if (isFreeText(value)) return { verdict: 'freeText', value: piiMarker('free_text') };
	return { verdict: 'clean', value };
}

/** What the screening of many attribute values found, per field: the journey map's `privacy` block. */
export interface AttributePrivacyCounts {
	/** Values replaced because they held personal data. */
	piiValues: number;
	/** field -> PII kind -> values. */
	piiByField: Record<string, Partial<Record<PiiKind, number>>>;
	/** Values replaced because they were free text in a categorical attribute. */
	freeTextValues: number;
	/** field -> values. */
	freeTextByField: Record<string, number>;
}

export function emptyAttributePrivacyCounts(): AttributePrivacyCounts {
	return { piiValues: 0, piiByField: {}, freeTextValues: 0, freeTextByField: {} };
}

/** Add one screening result to the counts (mutates `counts`, which the caller owns). */
export function countAttributeScreen(
	counts: AttributePrivacyCounts,
	field: string,
	screen: AttributeScreen,
	/** How many records carried this value (the warehouse mode screens a value once for all its rows). */
	times = 1,
): void {
	if (screen.verdict === 'pii') {
		counts.piiValues += times;
		const byKind = (counts.piiByField[field] ??= {});
		for (const kind of screen.kinds) byKind[kind] = (byKind[kind] ?? 0) + times;
	} else if (screen.verdict === 'freeText') {
		counts.freeTextValues += times;
		counts.freeTextByField[field] = (counts.freeTextByField[field] ?? 0) + times;
	}
}

/**
 * True when a string may be shown as a category (in a segment profile, a persona, a prompt): not
 * empty, at most 80 characters, not one of our markers, no personal data, not free text.
 */
export function isSafeCategoryValue(value: string, options: FindPiiOptions = {}): boolean {
	if (value.length === 0 || value.length > 80 || isPiiMarker(value)) return false;
	return screenAttributeValue(value, options).verdict === 'clean';
}
