/**
 * Meta Graph / Marketing API errors: `{ error: { message, type, code, error_subcode, fbtrace_id,
 * error_user_title, error_user_msg, is_transient } }`. Rate limits are codes 4 (app), 17 (user),
 * 32 (page), 613 (custom rate limit) and 80000-80099 (business use case); for those the
 * `X-Business-Use-Case-Usage` header says, per business, how long until access returns
 * (`estimated_time_to_regain_access`, minutes).
 */
import { field, header, isRecord, type PlatformError, type PlatformResponse } from '../platformHttp';

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

export function isMetaRateLimitCode(code: number): boolean {
	return RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80099);
}

export interface BusinessUseCaseUsage {
	/** Highest of call_count, total_cputime, total_time over all entries (percent of the limit). */
	maxPercent: number;
	/** Longest estimated_time_to_regain_access in ms (0 when none). */
	regainMs: number;
}

/** Reads `X-Business-Use-Case-Usage` ({ "<business id>": [{ type, call_count, ... }] }). */
export function parseBusinessUseCaseUsage(headers: Record<string, string>): BusinessUseCaseUsage | null {
	const raw = header(headers, 'x-business-use-case-usage');
	if (!raw) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return null;
	}
	if (!isRecord(parsed)) return null;
	let maxPercent = 0;
	let regainMs = 0;
	for (const entries of Object.values(parsed)) {
		if (!Array.isArray(entries)) continue;
		for (const e of entries) {
			for (const key of ['call_count', 'total_cputime', 'total_time']) {
				const v = Number(field(e, key));
				if (Number.isFinite(v)) maxPercent = Math.max(maxPercent, v);
			}
			const minutes = Number(field(e, 'estimated_time_to_regain_access'));
			if (Number.isFinite(minutes)) regainMs = Math.max(regainMs, minutes * 60_000);
		}
	}
	return { maxPercent, regainMs };
}

/** The error in a Graph API response, or null for a 2xx without an `error` object. */
export function metaError(response: PlatformResponse): PlatformError | null {
	const err = isRecord(response.body) ? response.body.error : undefined;
	if (response.status >= 200 && response.status < 300 && !isRecord(err)) return null;
	if (response.status === 0) {
		return {
			status: 0,
			code: 'NO_RESPONSE',
			message: `no response from Meta (${response.networkError ?? 'timeout'}); the request may have been carried out`,
			requestId: null,
			retryable: true,
			retryDelayMs: null,
			fatal: false,
		};
	}
	const code = Number(field(err, 'code'));
	const subcode = field(err, 'errorSubcode');
	const fbtrace = field(err, 'fbtraceId');
	const userMsg = field(err, 'errorUserMsg');
	const rateLimited = Number.isFinite(code) && isMetaRateLimitCode(code);
	const transient = field(err, 'isTransient') === true;
	const usage = parseBusinessUseCaseUsage(response.headers);
	const message = [String(field(err, 'message') ?? `HTTP ${response.status}`), typeof userMsg === 'string' && userMsg ? userMsg : '']
		.filter((x) => x)
		.join(' ');
	const retryable = rateLimited || transient || response.status >= 500 || response.status === 429;
	return {
		status: response.status,
		code: Number.isFinite(code) ? `${code}${subcode !== undefined ? `/${String(subcode)}` : ''}` : '',
		message,
		requestId: typeof fbtrace === 'string' ? fbtrace : (header(response.headers, 'x-fb-trace-id') ?? null),
		retryable,
		retryDelayMs: rateLimited && usage && usage.regainMs > 0 ? usage.regainMs : null,
		// 190: invalid or expired token; 10 / 200-299: permission; 2635: deprecated version.
		fatal: !retryable && (code === 190 || code === 102 || code === 10 || (code >= 200 && code <= 299) || code === 2635 || response.status === 401 || response.status === 403),
	};
}
