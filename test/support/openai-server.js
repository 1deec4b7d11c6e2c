// A local server that speaks OpenAI's Chat Completions protocol (POST /v1/chat/completions,
// GET /v1/models) closely enough for the official SDK, with a pluggable responder, request
// recording, in-flight accounting and programmable faults. Plain CommonJS: tests import it.
'use strict';

const http = require('node:http');

const ROLES = new Set(['system', 'user', 'assistant', 'developer', 'tool']);
const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Seeded uniform [0,1) (mulberry32), so fault rates are reproducible. */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function errorBody(message, type, param, code) {
	return {
		error: {
			message,
			type,
			param: param === undefined ? null : param,
			code: code === undefined ? null : code,
		},
	};
}

function approxTokens(text) {
	return Math.max(1, Math.ceil(String(text).length / 4));
}

function messageText(message) {
	if (typeof message.content === 'string') return message.content;
	if (Array.isArray(message.content)) {
		return message.content.map((p) => (p && typeof p.text === 'string' ? p.text : '')).join('');
	}
	return '';
}

/** OpenAI's strict structured-output rules, checked recursively; returns an error message or null. */
function strictSchemaProblem(schema, path) {
	if (!schema || typeof schema !== 'object') return `${path}: schema must be an object`;
	if (Array.isArray(schema.anyOf)) {
		for (let i = 0; i < schema.anyOf.length; i++) {
			const p = strictSchemaProblem(schema.anyOf[i], `${path}.anyOf[${i}]`);
			if (p) return p;
		}
		return null;
	}
	const types = Array.isArray(schema.type) ? schema.type : [schema.type];
	if (types.includes('object')) {
		if (schema.additionalProperties !== false) {
			return `In context=(${path}), 'additionalProperties' is required to be supplied and to be false.`;
		}
		const props = Object.keys(schema.properties || {});
		const required = Array.isArray(schema.required) ? schema.required : [];
		for (const key of props) {
			if (!required.includes(key)) {
				return `In context=(${path}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${key}'.`;
			}
			const p = strictSchemaProblem(schema.properties[key], `${path}.properties.${key}`);
			if (p) return p;
		}
	}
	if (types.includes('array') && schema.items)
		return strictSchemaProblem(schema.items, `${path}.items`);
	return null;
}

/** Validate a chat completion body like the real API; returns [status, errorBody] or null. */
function validateChatBody(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return errorBody(
			'The request body must be a JSON object.',
			'invalid_request_error',
			null,
			null,
		);
	}
	if (typeof body.model !== 'string' || body.model.length === 0) {
		return errorBody('you must provide a model parameter', 'invalid_request_error', 'model', null);
	}
	if (!Array.isArray(body.messages) || body.messages.length === 0) {
		return errorBody(
			"Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
			'invalid_request_error',
			'messages',
			'empty_array',
		);
	}
	for (let i = 0; i < body.messages.length; i++) {
		const m = body.messages[i];
		if (!m || typeof m !== 'object' || !ROLES.has(m.role)) {
			return errorBody(
				`Invalid value for 'messages[${i}].role': must be one of system, user, assistant, developer, tool.`,
				'invalid_request_error',
				`messages[${i}].role`,
				'invalid_value',
			);
		}
		const okContent =
			typeof m.content === 'string' ||
			(Array.isArray(m.content) &&
				m.content.every((p) => p && p.type === 'text' && typeof p.text === 'string')) ||
			(m.role === 'assistant' && m.content === null && Array.isArray(m.tool_calls));
		if (!okContent) {
			return errorBody(
				`Invalid type for 'messages[${i}].content': expected a string or an array of content parts.`,
				'invalid_request_error',
				`messages[${i}].content`,
				'invalid_type',
			);
		}
	}
	if (
		body.temperature !== undefined &&
		(typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 2)
	) {
		return errorBody(
			"Invalid 'temperature': must be a number between 0 and 2.",
			'invalid_request_error',
			'temperature',
			'invalid_value',
		);
	}
	if (body.seed !== undefined && body.seed !== null && !Number.isInteger(body.seed)) {
		return errorBody(
			"Invalid type for 'seed': expected an integer.",
			'invalid_request_error',
			'seed',
			'invalid_type',
		);
	}
	if (body.stream === true) {
		return errorBody(
			'Streaming is not supported by this test server.',
			'invalid_request_error',
			'stream',
			null,
		);
	}
	const rf = body.response_format;
	if (rf !== undefined) {
		if (
			!rf ||
			typeof rf !== 'object' ||
			!['text', 'json_object', 'json_schema'].includes(rf.type)
		) {
			return errorBody(
				"Invalid value for 'response_format.type': expected one of text, json_object, json_schema.",
				'invalid_request_error',
				'response_format.type',
				'invalid_value',
			);
		}
		if (rf.type === 'json_schema') {
			const js = rf.json_schema;
			if (!js || typeof js !== 'object') {
				return errorBody(
					"Missing required parameter: 'response_format.json_schema'.",
					'invalid_request_error',
					'response_format.json_schema',
					'missing_required_parameter',
				);
			}
			if (typeof js.name !== 'string' || !SCHEMA_NAME.test(js.name)) {
				return errorBody(
					"Invalid 'response_format.json_schema.name': must match ^[a-zA-Z0-9_-]{1,64}$.",
					'invalid_request_error',
					'response_format.json_schema.name',
					'invalid_value',
				);
			}
			if (!js.schema || typeof js.schema !== 'object') {
				return errorBody(
					"Missing required parameter: 'response_format.json_schema.schema'.",
					'invalid_request_error',
					'response_format.json_schema.schema',
					'missing_required_parameter',
				);
			}
			if (js.strict === true) {
				const problem = strictSchemaProblem(js.schema, 'root');
				if (problem) {
					return errorBody(
						`Invalid schema for response_format '${js.name}': ${problem}`,
						'invalid_request_error',
						'response_format',
						null,
					);
				}
			}
		}
		if (rf.type === 'json_object') {
			const mentionsJson = body.messages.some((m) => /json/i.test(messageText(m)));
			if (!mentionsJson) {
				return errorBody(
					"'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
					'invalid_request_error',
					'messages',
					null,
				);
			}
		}
	}
	return null;
}

const DEFAULT_FAULT_KINDS = ['rate_limit', 'server_error', 'unavailable', 'malformed', 'schema'];

/**
 * Start the server on 127.0.0.1 with a random port.
 *
 * options:
 *   apiKey            bearer token to accept (default 'test-key')
 *   responder         (body, ctx) => string | object | Promise<...>; the assistant's content
 *                     (objects are JSON-serialised). Default: '{"ok":true}'.
 *   latencyMs         delay before every chat answer (default 0)
 *   rejectJsonSchema  answer 400 to response_format json_schema (JSON-mode fallback)
 *   faults            { plan?: Array<Fault|null>, rate?: number, kinds?: string[], seed?: number,
 *                       fn?: (ctx) => Fault|null, retryAfterSeconds?: number, slowMs?: number }
 *                     Fault = { kind: 'rate_limit'|'server_error'|'unavailable'|'slow'|'malformed'|'schema',
 *                               retryAfter?: string, retryAfterMs?: number, latencyMs?: number }
 *                     plan entries apply to chat requests in arrival order; then fn; then rate.
 *   models            ids listed by GET /v1/models
 */
async function startOpenAiServer(options = {}) {
	const apiKey = options.apiKey === undefined ? 'test-key' : options.apiKey;
	const state = {
		requests: [],
		inFlight: 0,
		maxInFlight: 0,
		chatCount: 0,
		responder: options.responder || (() => '{"ok":true}'),
		latencyMs: options.latencyMs || 0,
		rejectJsonSchema: options.rejectJsonSchema === true,
		faults: options.faults || {},
		models: options.models || ['gpt-4o-mini', 'gpt-4o', 'test-model'],
	};
	let random = seededRandom(state.faults.seed || 1);
	const timers = new Set();
	const sockets = new Set();

	const wait = (ms) =>
		new Promise((resolve) => {
			if (!ms) return resolve();
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, ms);
			timers.add(t);
		});

	function send(res, status, body, headers) {
		if (res.writableEnded || res.destroyed) return;
		const text = JSON.stringify(body);
		res.writeHead(
			status,
			Object.assign(
				{ 'content-type': 'application/json', 'x-request-id': `req_${state.requests.length}` },
				headers || {},
			),
		);
		res.end(text);
	}

	function pickFault(ctx) {
		const f = state.faults;
		if (Array.isArray(f.plan) && ctx.chatIndex < f.plan.length)
			return f.plan[ctx.chatIndex] || null;
		if (typeof f.fn === 'function') {
			const chosen = f.fn(ctx);
			if (chosen !== undefined) return chosen;
		}
		if (typeof f.rate === 'number' && f.rate > 0 && random() < f.rate) {
			const kinds = f.kinds || DEFAULT_FAULT_KINDS;
			return { kind: kinds[Math.floor(random() * kinds.length)] };
		}
		return null;
	}

	async function handleChat(req, res, record) {
		const body = record.body;
		const problem = validateChatBody(body);
		if (problem) return send(res, 400, problem);
		if (
			state.rejectJsonSchema &&
			body.response_format &&
			body.response_format.type === 'json_schema'
		) {
			return send(
				res,
				400,
				errorBody(
					"Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
					'invalid_request_error',
					'response_format',
					null,
				),
			);
		}
		const ctx = { chatIndex: state.chatCount++, body, headers: record.headers, record };
		const fault = pickFault(ctx);
		record.fault = fault ? fault.kind : null;
		const latency =
			fault && fault.kind === 'slow'
				? fault.latencyMs || state.faults.slowMs || 2000
				: fault && fault.latencyMs !== undefined
					? fault.latencyMs
					: state.latencyMs;
		await wait(latency);
		if (fault && fault.kind === 'rate_limit') {
			const headers = {};
			if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
			if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
			if (fault.retryAfter === undefined && fault.retryAfterMs === undefined) {
				headers['retry-after'] = String(
					state.faults.retryAfterSeconds === undefined ? 1 : state.faults.retryAfterSeconds,
				);
			}
			return send(
				res,
				429,
				errorBody(
					'Rate limit reached for requests. Please try again later.',
					'requests',
					null,
					'rate_limit_exceeded',
				),
				headers,
			);
		}
		if (fault && fault.kind === 'server_error') {
			return send(
				res,
				500,
				errorBody(
					'The server had an error while processing your request. Sorry about that!',
					'server_error',
					null,
					null,
				),
			);
		}
		if (fault && fault.kind === 'unavailable') {
			return send(
				res,
				503,
				errorBody(
					'The engine is currently overloaded, please try again later.',
					'server_error',
					null,
					null,
				),
			);
		}
		let content;
		if (fault && fault.kind === 'malformed') {
			content = '{"name": "Half an answer", "summary": ';
		} else if (fault && fault.kind === 'schema') {
			content = JSON.stringify({ unexpected: true, note: 'this answer ignores the schema' });
		} else {
			const answer = await state.responder(body, ctx);
			content = typeof answer === 'string' ? answer : JSON.stringify(answer);
		}
		const promptTokens = body.messages.reduce((n, m) => n + approxTokens(messageText(m)), 0);
		const completionTokens = approxTokens(content);
		return send(res, 200, {
			id: `chatcmpl-test${ctx.chatIndex}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [
				{
					index: 0,
					message: { role: 'assistant', content, refusal: null, annotations: [] },
					logprobs: null,
					finish_reason: 'stop',
				},
			],
			usage: {
				prompt_tokens: promptTokens,
				completion_tokens: completionTokens,
				total_tokens: promptTokens + completionTokens,
			},
			service_tier: 'default',
			system_fingerprint: 'fp_test',
		});
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			state.inFlight++;
			state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
			let done = false;
			const finish = () => {
				if (done) return;
				done = true;
				state.inFlight--;
			};
			res.on('finish', finish);
			res.on('close', finish);
			const raw = Buffer.concat(chunks).toString('utf8');
			const url = new URL(req.url, 'http://127.0.0.1');
			const record = {
				method: req.method,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: Object.assign({}, req.headers),
				rawBody: raw,
				body: undefined,
				fault: null,
				/** The HTTP status answered, once the answer is sent. */
				status: undefined,
				at: Date.now(),
			};
			state.requests.push(record);
			res.on('finish', () => {
				record.status = res.statusCode;
			});
			const auth = req.headers.authorization;
			if (auth !== `Bearer ${apiKey}`) {
				return send(
					res,
					401,
					errorBody(
						`Incorrect API key provided: ${auth ? 'sk-***' : 'none'}. You can find your API key at https://platform.openai.com/account/api-keys.`,
						'invalid_request_error',
						null,
						'invalid_api_key',
					),
				);
			}
			if (req.method === 'GET' && url.pathname === '/v1/models') {
				return send(res, 200, {
					object: 'list',
					data: state.models.map((id) => ({
						id,
						object: 'model',
						created: 1700000000,
						owned_by: 'test',
					})),
				});
			}
			if (url.pathname !== '/v1/chat/completions') {
				return send(
					res,
					404,
					errorBody(
						`Invalid URL (${req.method} ${url.pathname})`,
						'invalid_request_error',
						null,
						null,
					),
				);
			}
			if (req.method !== 'POST') {
				return send(
					res,
					405,
					errorBody(`Method ${req.method} not allowed`, 'invalid_request_error', null, null),
				);
			}
			const contentType = String(req.headers['content-type'] || '');
			if (!contentType.toLowerCase().startsWith('application/json')) {
				return send(
					res,
					400,
					errorBody(
						'Invalid content type: expected application/json.',
						'invalid_request_error',
						null,
						null,
					),
				);
			}
			try {
				record.body = JSON.parse(raw);
			} catch (e) {
				return send(
					res,
					400,
					errorBody(
						`We could not parse the JSON body of your request. (${e.message})`,
						'invalid_request_error',
						null,
						null,
					),
				);
			}
			handleChat(req, res, record).catch((e) => {
				send(
					res,
					500,
					errorBody(`test server responder failed: ${e && e.message}`, 'server_error', null, null),
				);
			});
		});
	});
	// Idle keep-alive sockets stay open longer than a test's pause between runs: with Node's default
	// (5 s) a client can reuse a socket the moment the server closes it, and its request fails as
	// "fetch failed" (a connection error the test did not ask for). close() destroys them.
	server.keepAliveTimeout = 120_000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	const origin = `http://127.0.0.1:${port}`;

	return {
		port,
		origin,
		/** Base URL as clients want it (OpenAI style, with /v1). */
		baseUrl: `${origin}/v1`,
		apiKey,
		get requests() {
			return state.requests;
		},
		/** Recorded chat completion requests only. */
		get chatRequests() {
			return state.requests.filter((r) => r.path === '/v1/chat/completions');
		},
		get maxInFlight() {
			return state.maxInFlight;
		},
		get inFlight() {
			return state.inFlight;
		},
		setResponder(fn) {
			state.responder = fn;
		},
		setFaults(faults) {
			state.faults = faults || {};
			random = seededRandom(state.faults.seed || 1);
			state.chatCount = 0;
		},
		setLatency(ms) {
			state.latencyMs = ms;
		},
		setRejectJsonSchema(flag) {
			state.rejectJsonSchema = flag === true;
		},
		reset() {
			state.requests.length = 0;
			state.maxInFlight = 0;
			state.chatCount = 0;
			random = seededRandom(state.faults.seed || 1);
		},
		close() {
			for (const t of timers) clearTimeout(t);
			timers.clear();
			return new Promise((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			});
		},
	};
}

module.exports = { startOpenAiServer, validateChatBody, strictSchemaProblem };
