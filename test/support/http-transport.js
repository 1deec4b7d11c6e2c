// A Transport for lib/llm over node:http(s), standing in for n8n's httpRequestWithAuthentication
// (the Authorization header plays the credential's part). Also a real sleep for scripts.
'use strict';

const http = require('node:http');
const https = require('node:https');

/**
 * createHttpTransport({ apiKey, headers }) => (req) => Promise<{ statusCode, headers, body }>
 * Resolves for every status; rejects on network errors and on timeouts (req.timeoutMs).
 */
function createHttpTransport(options = {}) {
	const auth = {};
	if (options.apiKey) auth.Authorization = `Bearer ${options.apiKey}`;
	const extra = options.headers || {};
	return (req) =>
		new Promise((resolve, reject) => {
			const url = new URL(req.url);
			const lib = url.protocol === 'https:' ? https : http;
			const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
			const headers = Object.assign({}, req.headers || {}, extra, auth);
			if (payload !== undefined) headers['Content-Length'] = Buffer.byteLength(payload);
			let settled = false;
			let timer = null;
			const r = lib.request(url, { method: req.method, headers }, (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					if (timer) clearTimeout(timer);
					if (settled) return;
					settled = true;
					const text = Buffer.concat(chunks).toString('utf8');
					let body = text;
					if (String(res.headers['content-type'] || '').includes('json')) {
						try {
							body = JSON.parse(text);
						} catch (e) {
							body = text;
						}
					}
					resolve({ statusCode: res.statusCode, headers: res.headers, body });
				});
				res.on('error', (e) => {
					if (settled) return;
					settled = true;
					reject(e);
				});
			});
			r.on('error', (e) => {
				if (timer) clearTimeout(timer);
				if (settled) return;
				settled = true;
				reject(e);
			});
			if (req.timeoutMs) {
				timer = setTimeout(() => {
					if (settled) return;
					settled = true;
					const e = new Error(`timeout of ${req.timeoutMs}ms exceeded`);
					e.code = 'ETIMEDOUT';
					r.destroy(e);
					reject(e);
				}, req.timeoutMs);
			}
			if (payload !== undefined) r.write(payload);
			r.end();
		});
}

/** A real sleep (scripts only; tests use a recorder). */
function realSleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { createHttpTransport, realSleep };
