import { createHash, createHmac } from 'crypto';

/** Stable JSON: object keys sorted, so equal content hashes equally. */
export function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	const keys = Object.keys(value as Record<string, unknown>).sort();
	return `{${keys
		.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
		.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
		.join(',')}}`;
}

/** SHA-256 of the stable JSON of a value, hex, truncated to `length` characters. */
export function contentHash(value: unknown, length = 16): string {
	return sha256Hex(stableStringify(value), length);
}

/** SHA-256 of a text (UTF-8), hex, truncated to `length` characters. */
export function sha256Hex(text: string, length = 64): string {
	return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Keyed pseudonym for an identifier (HMAC-SHA256). Without the secret the original id cannot be
 * recovered or re-derived; with the same secret the same id always maps to the same pseudonym.
 */
export function pseudonymize(id: string, secret: string, prefix = 'c_'): string {
	if (secret.length === 0) throw new Error('pseudonymize requires a non-empty secret');
	return prefix + createHmac('sha256', secret).update(id).digest('hex').slice(0, 20);
}

/** Whether a value has the shape of a `pseudonymize` result (prefix + 20 lower-case hex digits). */
export function isPseudonym(value: unknown, prefix = 'c_'): boolean {
	return (
		typeof value === 'string' &&
		value.length === prefix.length + 20 &&
		value.startsWith(prefix) &&
		/^[0-9a-f]{20}$/.test(value.slice(prefix.length))
	);
}
