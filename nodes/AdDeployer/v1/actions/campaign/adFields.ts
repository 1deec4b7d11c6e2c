import type { AdVariant } from '../../../../../lib/contracts';
import { findPii } from '../../../../../lib/llm/guard';

/** A list field of the ad (a single string becomes a one-item list). */
export function fieldList(ad: AdVariant, name: string): string[] {
	const v = ad.fields[name];
	return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
}

/** A text field of the ad, or undefined when empty. */
export function fieldText(ad: AdVariant, name: string): string | undefined {
	const v = ad.fields[name];
	return typeof v === 'string' && v ? v : undefined;
}

/** Kinds of personal data in what of the ad would leave in a request (its text, keywords, URL). */
export function piiIn(ad: AdVariant, extra: string[]): string[] {
	const texts = [...Object.values(ad.fields).flat(), ...extra, ad.finalUrl];
	return [...new Set(texts.flatMap((t) => findPii(String(t)).map((f) => f.kind)))];
}
