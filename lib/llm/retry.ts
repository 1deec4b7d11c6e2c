import type { Rng } from '../util/rng';

export interface BackoffOptions {
	/** First backoff ceiling in ms (doubles per retry). Default 500. */
	baseMs: number;
	/** Largest backoff ceiling in ms. Default 20,000. */
	maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 20_000 };

/** Status codes worth retrying: timeout, conflict, rate limit, server errors. */
export function isRetryableStatus(statusCode: number): boolean {
	return statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(maxMs, baseMs * 2^retryIndex)).
 * `retryIndex` is 0 for the first retry.
 */
export function backoffDelay(retryIndex: number, rng: Rng, options: BackoffOptions): number {
	if (retryIndex < 0) throw new Error('backoffDelay requires a retry index of at least 0');
	const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** retryIndex);
	return Math.floor(rng.next() * ceiling);
}

function header(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== name) continue;
		const v = Array.isArray(value) ? value[0] : value;
		if (typeof v === 'string' && v.trim().length > 0) return v.trim();
	}
	return undefined;
}

/**
 * How long the server asks us to wait, in ms, or null when it does not say.
 * `retry-after-ms` (milliseconds) wins over `Retry-After` (delta-seconds or an HTTP date).
 */
export function parseRetryAfter(
	headers: Record<string, string | string[] | undefined>,
	nowMs: number,
): number | null {
	const ms = header(headers, 'retry-after-ms');
	if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
	const value = header(headers, 'retry-after');
	if (value === undefined) return null;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
	const at = Date.parse(value);
	if (Number.isNaN(at)) return null;
	return Math.max(0, at - nowMs);
}
