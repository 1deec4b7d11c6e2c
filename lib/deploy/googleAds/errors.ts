/**
 * Google Ads API errors. A failed REST call answers with a google.rpc.Status
 * (`{ error: { code, message, status, details: [GoogleAdsFailure] } }`); a mutate with
 * `partialFailure` answers 200 and puts the same Status in `partialFailureError`. Each
 * GoogleAdsError has an `errorCode` one-of (e.g. `{ quotaError: "RESOURCE_TEMPORARILY_EXHAUSTED" }`),
 * a `message`, a `location.fieldPathElements` path and, for quota errors,
 * `details.quotaErrorDetails.retryDelay` (a Duration such as "30s"). Field names are read in
 * camelCase or snake_case.
 */
import { field, header, isRecord, type PlatformError, type PlatformResponse } from '../platformHttp';

export interface GoogleAdsErrorEntry {
	/** "quotaError: RESOURCE_TEMPORARILY_EXHAUSTED" */
	code: string;
	/** The one-of's name, e.g. "quotaError". */
	codeType: string;
	/** The one-of's value, e.g. "RESOURCE_TEMPORARILY_EXHAUSTED". */
	codeValue: string;
	message: string;
	/** Index into `mutateOperations` when the error names one. */
	operationIndex: number | null;
	/** "mutate_operations[3].ad_group_criterion_operation.create.keyword.text" */
	fieldPath: string;
	retryDelayMs: number | null;
}

export interface GoogleAdsFailure {
	errors: GoogleAdsErrorEntry[];
	requestId: string | null;
}

/** A protobuf Duration in JSON ("1.5s") or `{ seconds, nanos }`, in ms; null if unreadable. */
export function parseDuration(value: unknown): number | null {
	if (typeof value === 'string') {
		const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
		return m ? Math.ceil(Number(m[1]) * 1000) : null;
	}
	if (isRecord(value)) {
		const seconds = Number(value.seconds ?? 0);
		const nanos = Number(value.nanos ?? 0);
		if (Number.isFinite(seconds) && Number.isFinite(nanos)) return Math.ceil(seconds * 1000 + nanos / 1e6);
	}
	return null;
}

function pathOf(location: unknown): { path: string; operationIndex: number | null } {
	const elements = field(location, 'fieldPathElements');
	if (!Array.isArray(elements)) return { path: '', operationIndex: null };
	let operationIndex: number | null = null;
	const parts: string[] = [];
	for (const el of elements) {
		const name = String(field(el, 'fieldName') ?? '');
		const index = field(el, 'index');
		const snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
		if (snake === 'mutate_operations' && typeof index === 'number' && operationIndex === null) operationIndex = index;
		parts.push(typeof index === 'number' ? `${name}[${index}]` : name);
	}
	return { path: parts.join('.'), operationIndex };
}

function entryOf(raw: unknown): GoogleAdsErrorEntry {
	const errorCode = field(raw, 'errorCode');
	let codeType = '';
	let codeValue = '';
	if (isRecord(errorCode)) {
		const first = Object.entries(errorCode)[0];
		if (first) {
			codeType = first[0].replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
			codeValue = String(first[1]);
		}
	}
	const { path, operationIndex } = pathOf(field(raw, 'location'));
	const details = field(raw, 'details');
	const quota = field(details, 'quotaErrorDetails');
	return {
		code: codeType ? `${codeType}: ${codeValue}` : '',
		codeType,
		codeValue,
		message: String(field(raw, 'message') ?? ''),
		operationIndex,
		fieldPath: path,
		retryDelayMs: parseDuration(field(quota, 'retryDelay')),
	};
}

/** The GoogleAdsFailure inside a google.rpc.Status (`details[]` entry whose @type names it). */
export function parseGoogleAdsFailure(status: unknown): GoogleAdsFailure | null {
	const details = field(status, 'details');
	if (!Array.isArray(details)) return null;
	for (const detail of details) {
		const type = isRecord(detail) ? String(detail['@type'] ?? '') : '';
		const errors = field(detail, 'errors');
		if (!type.endsWith('GoogleAdsFailure') && !Array.isArray(errors)) continue;
		const requestId = field(detail, 'requestId');
		return {
			errors: Array.isArray(errors) ? errors.map(entryOf) : [],
			requestId: typeof requestId === 'string' && requestId ? requestId : null,
		};
	}
	return null;
}

/** Error codes worth retrying even though they are not HTTP 429/5xx. */
const RETRYABLE_CODES = new Set([
	'quotaError: RESOURCE_TEMPORARILY_EXHAUSTED',
	'internalError: INTERNAL_ERROR',
	'internalError: TRANSIENT_ERROR',
	'internalError: DEADLINE_EXCEEDED',
	'databaseError: CONCURRENT_MODIFICATION',
]);

/** Whole-request failures no item can get past. */
function isFatal(status: number, codes: string[]): boolean {
	if (status === 401 || status === 403 || status === 404 || status === 426) return true;
	return codes.some((c) => /^(authenticationError|authorizationError|headerError|requestError: (INVALID_CUSTOMER_ID|UNSUPPORTED_VERSION))/.test(c));
}

/**
 * The error in a Google Ads response, or null when the call succeeded (2xx). Retryable: HTTP 429,
 * 5xx, no response, RESOURCE_TEMPORARILY_EXHAUSTED and transient internal errors; never another 4xx.
 */
export function googleAdsError(response: PlatformResponse): PlatformError | null {
	if (response.status >= 200 && response.status < 300) return null;
	const requestIdHeader = header(response.headers, 'request-id') ?? null;
	if (response.status === 0) {
		return {
			status: 0,
			code: 'NO_RESPONSE',
			message: `no response from Google Ads (${response.networkError ?? 'timeout'}); the request may have been carried out`,
			requestId: null,
			retryable: true,
			retryDelayMs: null,
			fatal: false,
		};
	}
	const status = isRecord(response.body) ? response.body.error : undefined;
	const failure = parseGoogleAdsFailure(status);
	const codes = failure?.errors.map((e) => e.code).filter((c) => c) ?? [];
	const messages = failure?.errors.map((e) => (e.fieldPath ? `${e.message} [${e.fieldPath}]` : e.message)).filter((m) => m) ?? [];
	const topMessage = String(field(status, 'message') ?? '');
	let message = messages.length ? messages.join('; ') : topMessage || `HTTP ${response.status}`;
	const retryDelays = failure?.errors.map((e) => e.retryDelayMs).filter((d): d is number => d !== null) ?? [];
	const retryable =
		response.status === 429 || response.status >= 500 || codes.some((c) => RETRYABLE_CODES.has(c));
	if (response.status === 426 || codes.includes('requestError: UNSUPPORTED_VERSION')) {
		message = `${message} (this Google Ads API version is no longer served: set the node's "API Version" parameter to a current version)`;
	} else if (response.status === 404) {
		message = `${message} (Google answers 404 for a sunset API version or an unknown path: check the node's "API Version" parameter)`;
	}
	return {
		status: response.status,
		code: codes.join(', ') || String(field(status, 'status') ?? ''),
		message,
		requestId: failure?.requestId ?? requestIdHeader,
		retryable,
		retryDelayMs: retryDelays.length ? Math.max(...retryDelays) : null,
		fatal: !retryable && isFatal(response.status, codes),
	};
}
