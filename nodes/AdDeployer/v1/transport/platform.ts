import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { PlatformError, PlatformResponse, RequestFn, RetryOptions } from '../../../../lib/deploy/platformHttp';
import { retryOptions } from '../../../../lib/deploy/platformHttp';

export type PlatformContext = IExecuteFunctions | ILoadOptionsFunctions;

function lowerHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
			out[k.toLowerCase()] = Array.isArray(v) ? String(v[0]) : String(v);
		}
	}
	return out;
}

/**
 * A lib RequestFn over n8n's `httpRequestWithAuthentication` (n8n signs the request with the
 * credential). HTTP errors come back as responses for lib to parse; only a missing answer
 * (timeout, reset) becomes status 0.
 */
export function authenticatedRequestFn(
	ctx: PlatformContext,
	credentialType: string,
	baseUrl: string,
	fixedHeaders: Record<string, string>,
	timeoutMs: number,
): RequestFn {
	const root = baseUrl.replace(/\/+$/, '');
	return async (req): Promise<PlatformResponse> => {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
				method: req.method as IHttpRequestMethods,
				url: `${root}${req.path}`,
				qs: req.query,
				headers: { Accept: 'application/json', ...fixedHeaders, ...(req.headers ?? {}) },
				body: req.body as IDataObject | undefined,
				json: true,
				timeout: timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { statusCode: number; headers: unknown; body: unknown };
			return { status: response.statusCode, headers: lowerHeaders(response.headers), body: response.body };
		} catch (error) {
			// An HTTP status that n8n raised despite ignoreHttpStatusErrors (e.g. after a failed token
			// refresh) is the platform's answer; anything else means no answer arrived.
			const httpCode = Number((error as { httpCode?: unknown }).httpCode);
			if (Number.isInteger(httpCode) && httpCode >= 400) {
				return { status: httpCode, headers: {}, body: (error as { cause?: unknown }).cause ?? null };
			}
			return { status: 0, headers: {}, body: null, networkError: (error as Error).message ?? String(error) };
		}
	};
}

/** Retries wait with n8n's sleep (the lint forbids timers in what n8n loads). */
export function nodeRetryOptions(maxAttempts: number, maxDelayMs: number): RetryOptions {
	return retryOptions({ sleep: async (ms) => await sleep(ms), maxAttempts, maxDelayMs });
}

/** A parsed platform error as n8n's API error, keeping the platform's message, code and request id. */
export function platformApiError(node: INode, platform: string, error: PlatformError, itemIndex?: number): NodeApiError {
	const body: JsonObject = {
		message: error.message,
		code: error.code,
		requestId: error.requestId,
		status: error.status,
	};
	return new NodeApiError(node, body, {
		message: `${platform}: ${error.message}`,
		description: [error.code && `Code: ${error.code}`, error.requestId && `Request id: ${error.requestId}`].filter(Boolean).join('. '),
		httpCode: error.status ? String(error.status) : undefined,
		...(itemIndex !== undefined ? { itemIndex } : {}),
	});
}
