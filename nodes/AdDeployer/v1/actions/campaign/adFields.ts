import type { AdVariant } from '../../../../../lib/contracts';
import { findPayloadPii, outgoingAdPayload } from '../../../../../lib/deploy/pii';

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
	const hits = findPayloadPii({ ...outgoingAdPayload(ad), keywords: extra });
	return [...new Set(hits.flatMap((h) => h.kinds))];
}
