// A RequestFn (lib/deploy/platformHttp) over Node's fetch, for tests of the pure platform clients
// against the local platform servers: JSON in and out, headers added, no response -> status 0.
'use strict';

/**
 * @param {string} baseUrl
 * @param {Record<string, string>} headers sent with every request (auth, developer token, ...)
 * @param {{ timeoutMs?: number }} [options]
 */
function createRequestFn(baseUrl, headers, options = {}) {
	return async function request(req) {
		const url = new URL(baseUrl.replace(/\/+$/, '') + req.path);
		for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
		const init = {
			method: req.method,
			headers: { accept: 'application/json', ...headers, ...(req.headers ?? {}) },
		};
		if (req.body !== undefined) {
			init.headers['content-type'] = 'application/json';
			init.body = JSON.stringify(req.body);
		}
		if (options.timeoutMs) init.signal = AbortSignal.timeout(options.timeoutMs);
		let res;
		try {
			res = await fetch(url, init);
		} catch (error) {
			return { status: 0, headers: {}, body: null, networkError: String(error && error.cause ? error.cause.code ?? error.cause : error) };
		}
		const text = await res.text();
		/** @type {Record<string, string>} */
		const out = {};
		res.headers.forEach((v, k) => (out[k.toLowerCase()] = v));
		let body = text;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			// not JSON: keep the text
		}
		return { status: res.status, headers: out, body };
	};
}

module.exports = { createRequestFn };
