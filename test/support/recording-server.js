// The plumbing the local platform servers share: an HTTP server on 127.0.0.1 that records every
// request (method, url, headers, JSON body parsed when it parses) before its handler answers, a
// queue of injected faults, and start / stop.
'use strict';

const http = require('node:http');

/**
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, record: any) => void} handle
 */
function createRecordingServer(handle) {
	/** @type {any[]} */
	const requests = [];
	/** @type {any[]} */
	const faults = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			const record = { method: req.method, url: req.url, headers: req.headers, body: undefined };
			try {
				record.body = raw ? JSON.parse(raw) : undefined;
			} catch {
				record.body = raw;
			}
			requests.push(record);
			handle(req, res, record);
		});
	});
	return {
		requests,
		faults,
		/** @returns {Promise<string>} base URL */
		async start() {
			await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
			const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
			return `http://127.0.0.1:${addr.port}`;
		},
		async stop() {
			server.closeAllConnections?.();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
		/** Queue a fault for the next matching request(s). */
		inject(fault) {
			faults.push({ times: 1, ...fault });
		},
	};
}

module.exports = { createRecordingServer };
