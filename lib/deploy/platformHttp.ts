/**
 * What the platform clients in lib/deploy/<platform>/ need from HTTP, as plain types. The node's
 * transport implements {@link RequestFn} with n8n's authenticated request helper; tests implement it
 * with a local server. Nothing here performs I/O.
 */
import type { Sleep } from '../llm/types';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from '../llm/retry';
import { Rng } from '../util/rng';

export interface PlatformRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path below the API base URL, starting with "/". */
	path: string;
	query?: Record<string, string>;
	headers?: Record<string, string>;
	body?: unknown;
}

/**
 * The platform's answer. `status` 0 means no answer arrived (timeout, connection reset): the request
 * may or may not have been carried out, so a write must be confirmed by a look-up, never resent blind.
 */
export interface PlatformResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: unknown;
	/** Why no answer arrived (status 0 only). */
	networkError?: string;
}

export type RequestFn = (request: PlatformRequest) => Promise<PlatformResponse>;

/** A platform error, parsed: what the platform said, in its own words and codes. */
export interface PlatformError {
	/** HTTP status (0: no response). */
	status: number;
	/** The platform's own error code(s), e.g. "quotaError: RESOURCE_TEMPORARILY_EXHAUSTED" or "17/2446079". */
	code: string;
	/** The platform's message (several joined with "; "). */
	message: string;
	requestId: string | null;
	/** Worth retrying after `retryDelayMs` (rate limit, server error, no response). */
	retryable: boolean;
	/** How long the platform asked us to wait, when it said. */
	retryDelayMs: number | null;
	/** A failure of the whole request that no item can get past (auth, permission, sunset version). */
	fatal: boolean;
}

export interface RetryOptions {
	/** Attempts per request in total (first try included). Default 4. */
	maxAttempts: number;
	/** Longest single wait in ms, whatever the platform asks. Default 60,000. */
	maxDelayMs: number;
	backoff: BackoffOptions;
	sleep: Sleep;
	/** Seed for the backoff jitter (deterministic runs). */
	seed: number | string;
}

export function retryOptions(partial: Partial<RetryOptions> & { sleep: Sleep }): RetryOptions {
	const out: RetryOptions = {
		maxAttempts: 4,
		maxDelayMs: 60_000,
		backoff: DEFAULT_BACKOFF,
		seed: 'deploy',
		...partial,
	};
	if (!Number.isInteger(out.maxAttempts) || out.maxAttempts < 1) {
		throw new Error(`retry maxAttempts must be an integer of at least 1 (got ${String(out.maxAttempts)})`);
	}
	if (!(out.maxDelayMs >= 0)) throw new Error('retry maxDelayMs must be 0 or more');
	return out;
}

/** The wait before retry number `retryIndex` (0 = first retry): the platform's delay, else backoff. */
export function retryWait(error: PlatformError, retryIndex: number, rng: Rng, options: RetryOptions): number {
	const asked = error.retryDelayMs;
	const wait = asked !== null ? asked : backoffDelay(retryIndex, rng, options.backoff);
	return Math.min(options.maxDelayMs, Math.max(0, wait));
}

export function newRetryRng(options: RetryOptions): Rng {
	return new Rng(options.seed);
}

/** Thrown by a client when the whole request failed; carries the parsed error for the node. */
export class PlatformRequestError extends Error {
	readonly platformError: PlatformError;
	readonly body: unknown;

	constructor(platform: string, error: PlatformError, body: unknown) {
		super(`${platform}: ${error.message}${error.code ? ` (${error.code})` : ''}`);
		this.name = 'PlatformRequestError';
		this.platformError = error;
		this.body = body;
	}
}

/** A request that failed for good (retries spent, or not retryable). */
export interface PlatformFailure {
	failed: PlatformError;
	body: unknown;
}

export function isFailure(value: unknown): value is PlatformFailure {
	return isRecord(value) && isRecord(value.failed);
}

/**
 * Sends a request that is safe to repeat (a read, or a write validated but not executed), retrying
 * what `parse` marks retryable. Returns the successful response or the failure.
 */
export async function sendIdempotent(
	request: RequestFn,
	req: PlatformRequest,
	parse: (response: PlatformResponse) => PlatformError | null,
	options: RetryOptions,
	rng: Rng,
): Promise<PlatformResponse | PlatformFailure> {
	for (let attempt = 0; ; attempt++) {
		const response = await request(req);
		const error = parse(response);
		if (error === null) return response;
		if (!error.retryable || attempt + 1 >= options.maxAttempts) return { failed: error, body: response.body };
		await options.sleep(retryWait(error, attempt, rng, options));
	}
}

/** One object to bring into being: how to find it by name, create it, and read the answer. */
export interface CreateStep {
	/** The object's id when it already exists, null when not. */
	lookup: () => Promise<string | null | PlatformFailure>;
	create: () => Promise<PlatformResponse>;
	parse: (response: PlatformResponse) => PlatformError | null;
	/** The new object's id in a successful create's answer. */
	idOf: (response: PlatformResponse) => string | null;
	platform: string;
}

/**
 * Look up, create only if missing; after a retryable failure (rate limit, server error, no answer)
 * wait and look up again, so a create the platform committed before the reply was lost is found,
 * never repeated. An object found after a lost reply counts as created by this run.
 */
export async function lookUpOrCreate(
	step: CreateStep,
	retry: RetryOptions,
	rng: Rng,
	counter: { post: number },
): Promise<{ id: string; created: boolean } | PlatformFailure> {
	let last: PlatformError | null = null;
	for (let attempt = 0; attempt < retry.maxAttempts; attempt++) {
		if (attempt > 0 && last) await retry.sleep(retryWait(last, attempt - 1, rng, retry));
		const found = await step.lookup();
		if (isFailure(found)) return found;
		if (found) return { id: found, created: attempt > 0 && last?.status === 0 };
		counter.post++;
		const res = await step.create();
		const error = step.parse(res);
		if (!error) {
			const id = step.idOf(res);
			if (id) return { id, created: true };
			const missing: PlatformError = { status: res.status, code: '', message: `${step.platform} answered without the new object's id`, requestId: null, retryable: false, retryDelayMs: null, fatal: false };
			return { failed: missing, body: res.body };
		}
		if (!error.retryable) return { failed: error, body: res.body };
		last = error;
	}
	return { failed: last as PlatformError, body: null };
}

/** A header's value (names compared case-insensitively), or undefined. */
export function header(headers: Record<string, string>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return value;
	}
	return undefined;
}

/** Our ad id from a URL's `utm_content`, or null. */
export function adIdFromUrl(url: string | undefined): string | null {
	if (!url) return null;
	const match = /[?&]utm_content=([^&#]+)/.exec(url);
	if (!match) return null;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return match[1];
	}
}

/** A JSON object's own property, by a camelCase name or its snake_case twin. */
export function field(obj: unknown, camelName: string): unknown {
	if (obj === null || typeof obj !== 'object') return undefined;
	const rec = obj as Record<string, unknown>;
	if (camelName in rec) return rec[camelName];
	const snake = camelName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
	return rec[snake];
}

/** The failure for a picked parent object (campaign, campaign group) the platform does not have. */
export function notFoundFailure(what: string, id: string, where: string): PlatformFailure {
	return {
		failed: { status: 404, code: 'NOT_FOUND', message: `${what} ${id} was not found in ${where} (or it was removed)`, requestId: null, retryable: false, retryDelayMs: null, fatal: false },
		body: null,
	};
}

/** A platform object id typed or picked by the user: digits only, else an error naming it. */
export function requireDigits(value: string, label: string): string {
	const v = String(value ?? '').trim();
	if (!/^\d+$/.test(v)) throw new Error(`${label} must be digits (got "${value}")`);
	return v;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
