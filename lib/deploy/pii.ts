/**
 * The privacy check on what the Ad Deployer sends or writes: every text in an ad's outgoing
 * payload goes through lib/governance's `findPii` (the one detector the package has). A hit refuses
 * that ad, naming the field and the kind of data, never the data itself (results are stored in
 * execution logs).
 */
import type { AdVariant } from '../contracts/adVariant';
import { findPii, type PiiKind } from '../governance';

export interface PayloadPii {
	/** Dotted path of the field, e.g. `fields.headlines.2`. */
	field: string;
	kinds: PiiKind[];
}

/** Every string in a payload that holds personal data, with its path; nothing else is returned. */
export function findPayloadPii(payload: unknown, path = ''): PayloadPii[] {
	if (typeof payload === 'string') {
		const kinds = [...new Set(findPii(payload).map((m) => m.kind))];
		return kinds.length ? [{ field: path || '(value)', kinds }] : [];
	}
	if (Array.isArray(payload)) return payload.flatMap((v, i) => findPayloadPii(v, path ? `${path}.${i}` : String(i)));
	if (payload !== null && typeof payload === 'object') {
		return Object.entries(payload as Record<string, unknown>).flatMap(([k, v]) => findPayloadPii(v, path ? `${path}.${k}` : k));
	}
	return [];
}

/** What of an ad leaves the package: its copy, its call to action and its link. */
export function outgoingAdPayload(ad: AdVariant): Record<string, unknown> {
	return { fields: ad.fields, cta: ad.cta, finalUrl: ad.finalUrl };
}

/** A refusal message for an ad whose payload holds personal data, or null when it is clean. */
export function piiRefusal(payload: unknown): string | null {
	const hits = findPayloadPii(payload);
	if (hits.length === 0) return null;
	const where = hits.slice(0, 3).map((h) => `${h.field} (${h.kinds.join(', ').replace(/_/g, ' ')})`);
	return `Refused: personal data in ${where.join('; ')}${hits.length > 3 ? ` and ${hits.length - 3} more` : ''}. Ads never carry customer data; remove it and generate the ad again.`;
}
