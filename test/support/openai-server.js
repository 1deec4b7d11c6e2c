// A local server that speaks OpenAI's Chat Completions protocol (POST /v1/chat/completions,
// GET /v1/models) closely enough for the official SDK, with a pluggable responder, request
// recording, in-flight accounting and programmable faults. Plain CommonJS: tests import it.
'use strict';

const http = require('node:http');

const ROLES = new Set(['system', 'user', 'assistant', 'developer', 'tool']);
const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** Function (tool) names the API accepts. */
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The request fields the Chat Completions API knows; any other is refused, as the real API does. */
const REQUEST_FIELDS = new Set([
	'model', 'messages', 'temperature', 'top_p', 'n', 'stream', 'stream_options', 'stop', 'max_tokens',
	'max_completion_tokens', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'logprobs',
	'top_logprobs', 'user', 'seed', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format',
	'functions', 'function_call', 'service_tier', 'store', 'metadata', 'modalities', 'audio',
	'prediction', 'reasoning_effort', 'web_search_options', 'prompt_cache_key', 'safety_identifier',
	'verbosity',
]);

/** The fields each message role may carry. */
const MESSAGE_FIELDS = {
	system: new Set(['role', 'content', 'name']),
	developer: new Set(['role', 'content', 'name']),
	user: new Set(['role', 'content', 'name']),
	assistant: new Set(['role', 'content', 'name', 'tool_calls', 'refusal', 'audio', 'function_call']),
	tool: new Set(['role', 'content', 'tool_call_id']),
};

/**
 * An answer of the responder that calls tools instead of writing content: the server sends it as
 * `tool_calls` with `finish_reason: "tool_calls"`. Made by `toolCalls([{ name, arguments }])`.
 */
class ToolCallsAnswer {
	constructor(calls) {
		this.calls = calls;
	}
}

/** @param {Array<{ name: string, arguments: object | string, id?: string }>} calls */
function toolCalls(calls) {
	return new ToolCallsAnswer(calls);
}

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

/**
 * The tool-calling rules of the Chat Completions API: `tools` are functions with a valid name and
 * an object schema, `tool_choice` names one of them, every assistant `tool_calls` entry is well
 * formed, every `role: tool` message answers a tool call of the assistant message before it (by
 * `tool_call_id`), and every tool call is answered before the conversation goes on.
 */
function toolProtocolProblem(body) {
	const bad = (message, param) => errorBody(message, 'invalid_request_error', param, null);
	const names = new Set();
	if (body.tools !== undefined) {
		if (!Array.isArray(body.tools) || body.tools.length === 0) {
			return bad("Invalid 'tools': expected a non-empty array of tools.", 'tools');
		}
		for (let t = 0; t < body.tools.length; t++) {
			const tool = body.tools[t];
			const unknown = tool && typeof tool === 'object' ? Object.keys(tool).find((k) => k !== 'type' && k !== 'function') : 'tool';
			if (unknown !== undefined || tool.type !== 'function' || !tool.function || typeof tool.function !== 'object') {
				return bad(`Invalid 'tools[${t}]': expected { type: "function", function: { name, description, parameters } }.`, `tools[${t}]`);
			}
			const fn = tool.function;
			const extra = Object.keys(fn).find((k) => !['name', 'description', 'parameters', 'strict'].includes(k));
			if (extra !== undefined) return bad(`Unknown parameter: 'tools[${t}].function.${extra}'.`, `tools[${t}].function.${extra}`);
			if (typeof fn.name !== 'string' || !FUNCTION_NAME.test(fn.name)) {
				return bad(`Invalid 'tools[${t}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, `tools[${t}].function.name`);
			}
			if (names.has(fn.name)) return bad(`Invalid 'tools': duplicate function name '${fn.name}'.`, 'tools');
			names.add(fn.name);
			if (fn.description !== undefined && typeof fn.description !== 'string') {
				return bad(`Invalid type for 'tools[${t}].function.description': expected a string.`, `tools[${t}].function.description`);
			}
			if (fn.parameters !== undefined && (!fn.parameters || typeof fn.parameters !== 'object' || fn.parameters.type !== 'object')) {
				return bad(`Invalid schema for function '${fn.name}': schema must be a JSON Schema of 'type: "object"'.`, `tools[${t}].function.parameters`);
			}
			if (fn.strict === true) {
				const problem = strictSchemaProblem(fn.parameters, 'root');
				if (problem) return bad(`Invalid schema for function '${fn.name}': ${problem}`, `tools[${t}].function.parameters`);
			}
		}
	}
	const choice = body.tool_choice;
	if (choice !== undefined) {
		if (body.tools === undefined) return bad("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'tool_choice');
		const named = choice && typeof choice === 'object' && choice.type === 'function' && choice.function && typeof choice.function.name === 'string';
		if (!['none', 'auto', 'required'].includes(choice) && !named) {
			return bad("Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or a named function.", 'tool_choice');
		}
		if (named && !names.has(choice.function.name)) {
			return bad(`Invalid value for 'tool_choice': no function named '${choice.function.name}' was specified in the 'tools' parameter.`, 'tool_choice');
		}
	}
	if (body.parallel_tool_calls !== undefined && body.tools === undefined) {
		return bad("Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.", 'parallel_tool_calls');
	}
	/** Tool call ids of the last assistant message still waiting for their `role: tool` answer. */
	let pending = new Set();
	let answered = new Set();
	for (let i = 0; i < body.messages.length; i++) {
		const m = body.messages[i];
		if (m.role === 'tool') {
			if (typeof m.tool_call_id !== 'string') {
				return bad(`Missing required parameter: 'messages[${i}].tool_call_id'.`, `messages[${i}].tool_call_id`);
			}
			if (!pending.has(m.tool_call_id) && !answered.has(m.tool_call_id)) {
				return bad("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", `messages.[${i}].role`);
			}
			if (answered.has(m.tool_call_id)) {
				return bad(`Invalid parameter: tool_call_id '${m.tool_call_id}' was answered twice.`, `messages.[${i}].tool_call_id`);
			}
			pending.delete(m.tool_call_id);
			answered.add(m.tool_call_id);
			continue;
		}
		if (pending.size) {
			return bad(
				`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`,
				`messages.[${i}].role`,
			);
		}
		pending = new Set();
		answered = new Set();
		if (m.role === 'assistant' && m.tool_calls !== undefined) {
			if (!Array.isArray(m.tool_calls) || m.tool_calls.length === 0) {
				return bad(`Invalid 'messages[${i}].tool_calls': empty array. Expected an array with minimum length 1.`, `messages[${i}].tool_calls`);
			}
			for (let c = 0; c < m.tool_calls.length; c++) {
				const call = m.tool_calls[c];
				const where = `messages[${i}].tool_calls[${c}]`;
				const extra = call && typeof call === 'object' ? Object.keys(call).find((k) => !['id', 'type', 'function'].includes(k)) : 'call';
				if (extra !== undefined) return bad(`Additional properties are not allowed ('${extra}' was unexpected) - '${where}'`, where);
				if (typeof call.id !== 'string' || !call.id) return bad(`Missing required parameter: '${where}.id'.`, `${where}.id`);
				if (call.type !== 'function') return bad(`Invalid value for '${where}.type': expected 'function'.`, `${where}.type`);
				const fn = call.function;
				if (!fn || typeof fn.name !== 'string' || typeof fn.arguments !== 'string' || Object.keys(fn).some((k) => k !== 'name' && k !== 'arguments')) {
					return bad(`Invalid '${where}.function': expected { name: string, arguments: string }.`, `${where}.function`);
				}
				try {
					JSON.parse(fn.arguments);
				} catch {
					return bad(`Invalid '${where}.function.arguments': not valid JSON.`, `${where}.function.arguments`);
				}
				if (pending.has(call.id)) return bad(`Invalid '${where}.id': duplicate tool call id '${call.id}'.`, `${where}.id`);
				pending.add(call.id);
			}
		}
	}
	if (pending.size) {
		return bad(
			`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`,
			'messages',
		);
	}
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
	for (const key of Object.keys(body)) {
		if (!REQUEST_FIELDS.has(key)) {
			return errorBody(`Unrecognized request argument supplied: ${key}`, 'invalid_request_error', null, null);
		}
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
		const unknown = Object.keys(m).find((key) => !MESSAGE_FIELDS[m.role].has(key));
		if (unknown !== undefined) {
			return errorBody(
				`Additional properties are not allowed ('${unknown}' was unexpected) - 'messages.${i}'`,
				'invalid_request_error',
				`messages[${i}]`,
				null,
			);
		}
		const calling = m.role === 'assistant' && m.tool_calls !== undefined;
		const okContent =
			typeof m.content === 'string' ||
			(Array.isArray(m.content) &&
				(m.content.length > 0 || calling) &&
				m.content.every((p) => p && p.type === 'text' && typeof p.text === 'string')) ||
			(calling && (m.content === null || m.content === undefined));
		if (!okContent) {
			if (Array.isArray(m.content) && m.content.length === 0) {
				return errorBody(
					`Invalid 'messages[${i}].content': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
					'invalid_request_error',
					`messages[${i}].content`,
					'empty_array',
				);
			}
			return errorBody(
				`Invalid type for 'messages[${i}].content': expected a string or an array of content parts.`,
				'invalid_request_error',
				`messages[${i}].content`,
				'invalid_type',
			);
		}
	}
	const toolProblem = toolProtocolProblem(body);
	if (toolProblem) return toolProblem;
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
		// What the server refused a request for, kept on its record for the checks to report.
		if (res.record && status >= 400 && body && body.error) res.record.errorMessage = body.error.message;
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
		let calls;
		if (fault && fault.kind === 'malformed') {
			content = '{"name": "Half an answer", "summary": ';
		} else if (fault && fault.kind === 'schema') {
			content = JSON.stringify({ unexpected: true, note: 'this answer ignores the schema' });
		} else {
			const answer = await state.responder(body, ctx);
			if (answer instanceof ToolCallsAnswer) {
				const known = new Set((body.tools || []).map((t) => t.function.name));
				const unknown = answer.calls.find((c) => !known.has(c.name));
				if (unknown) throw new Error(`the responder called '${unknown.name}', which is not among the request's tools`);
				calls = answer.calls.map((c, k) => ({
					id: c.id || `call_${ctx.chatIndex}_${k}`,
					type: 'function',
					function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
				}));
			} else {
				content = typeof answer === 'string' ? answer : JSON.stringify(answer);
			}
		}
		const promptTokens = body.messages.reduce((n, m) => n + approxTokens(messageText(m)), 0);
		const completionTokens = approxTokens(calls ? JSON.stringify(calls) : content);
		const message = calls
			? { role: 'assistant', content: null, tool_calls: calls, refusal: null, annotations: [] }
			: { role: 'assistant', content, refusal: null, annotations: [] };
		return send(res, 200, {
			id: `chatcmpl-test${ctx.chatIndex}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [
				{
					index: 0,
					message,
					logprobs: null,
					finish_reason: calls ? 'tool_calls' : 'stop',
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
				/** The error message of a refused request. */
				errorMessage: undefined,
				at: Date.now(),
			};
			state.requests.push(record);
			res.record = record;
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

module.exports = { startOpenAiServer, validateChatBody, strictSchemaProblem, toolCalls };
