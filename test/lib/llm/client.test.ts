import {
	backoffDelay,
	DEFAULT_BACKOFF,
	LlmClient,
	LlmHttpError,
	LlmNetworkError,
	LlmOutputError,
	PiiError,
} from '../../../lib/llm';
import { Rng } from '../../../lib/util/rng';
import { createHttpTransport } from '../../support/http-transport';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { ask, clientFor, goodAnswer, recordingSleep } from './helpers';

let server: OpenAiServer;

beforeAll(async () => {
	server = await startOpenAiServer({ responder: () => goodAnswer });
});
afterAll(async () => {
	await server.close();
});
beforeEach(() => {
	server.setFaults(null);
	server.setResponder(() => goodAnswer);
	server.setLatency(0);
	server.setRejectJsonSchema(false);
	server.reset();
});

describe('LlmClient: structured answers', () => {
	it('sends json_schema structured output and returns data, usage, cost, hash and attempts', async () => {
		const { client, sleep } = clientFor(server, { temperature: 0.2, seed: 42 });
		const result = await client.complete(ask());
		expect(result.data).toEqual(goodAnswer);
		expect(result.attempts).toBe(1);
		expect(result.cached).toBe(false);
		expect(result.repaired).toBe(false);
		expect(result.structuredOutput).toBe('jsonSchema');
		expect(result.model).toBe('gpt-4o-mini');
		expect(result.promptHash).toMatch(/^[0-9a-f]{16}$/);
		expect(result.usage.promptTokens).toBeGreaterThan(0);
		expect(result.usage.totalTokens).toBe(
			result.usage.promptTokens + result.usage.completionTokens,
		);
		const expected =
			(result.usage.promptTokens * 0.15 + result.usage.completionTokens * 0.6) / 1_000_000;
		expect(result.costUsd).toBeCloseTo(expected, 12);
		expect(sleep.waits).toEqual([]);
		const [req] = server.chatRequests;
		expect(req.body).toMatchObject({
			model: 'gpt-4o-mini',
			temperature: 0.2,
			seed: 42,
			response_format: {
				type: 'json_schema',
				json_schema: {
					name: 'greeting',
					strict: true,
					schema: {
						type: 'object',
						properties: { greeting: { type: 'string' }, count: { type: 'integer' } },
						required: ['greeting', 'count'],
						additionalProperties: false,
					},
				},
			},
		});
		expect(req.headers['content-type']).toBe('application/json');
		expect(req.headers.authorization).toBe('Bearer test-key');
	});

	it('reports cost null for a model missing from the price table, and uses an edited table', async () => {
		const unknown = clientFor(server, { model: 'my-local-llama' }).client;
		expect((await unknown.complete(ask())).costUsd).toBeNull();
		const priced = clientFor(server, {
			model: 'my-local-llama',
			prices: { 'my-local-llama': { inputPer1M: 1, outputPer1M: 2 } },
		}).client;
		const r = await priced.complete(ask());
		expect(r.costUsd).toBeCloseTo((r.usage.promptTokens + 2 * r.usage.completionTokens) / 1e6, 12);
		expect(priced.stats.costUsd).toBeCloseTo(r.costUsd as number, 12);
	});

	it('refuses to send a prompt with personal data, before any request', async () => {
		const { client } = clientFor(server);
		await expect(client.complete(ask('Write to dana.smith@example.com'))).rejects.toBeInstanceOf(
			PiiError,
		);
		await expect(
			client.complete({ ...ask('A note about Dana and her order'), piiNames: ['Dana'] }),
		).rejects.toThrow(/a name from the input \(D\*\*\*\)/);
		expect(server.requests).toHaveLength(0);
	});

	it('builds Azure deployment URLs with the api-version query', () => {
		const sleep = recordingSleep();
		const transport = async () => ({ statusCode: 200, headers: {}, body: {} });
		const azure = new LlmClient({
			transport,
			sleep,
			baseUrl: 'https://contoso.openai.azure.com/',
			azure: { deployment: 'gpt4o mini', apiVersion: '2024-10-21' },
		});
		expect(azure.chatCompletionsUrl()).toBe(
			'https://contoso.openai.azure.com/openai/deployments/gpt4o%20mini/chat/completions?api-version=2024-10-21',
		);
		const v1 = new LlmClient({
			transport,
			sleep,
			baseUrl: 'https://contoso.openai.azure.com/openai/v1',
		});
		expect(v1.chatCompletionsUrl()).toBe(
			'https://contoso.openai.azure.com/openai/v1/chat/completions',
		);
	});
});

describe('LlmClient: retries and backoff', () => {
	it('honours Retry-After in seconds on 429', async () => {
		server.setFaults({ plan: [{ kind: 'rate_limit', retryAfter: 2 }] });
		const { client, sleep } = clientFor(server);
		const r = await client.complete(ask());
		expect(r.data).toEqual(goodAnswer);
		expect(r.attempts).toBe(2);
		expect(sleep.waits).toEqual([2000]);
	});

	it('prefers retry-after-ms, and reads Retry-After as an HTTP date', async () => {
		server.setFaults({ plan: [{ kind: 'rate_limit', retryAfterMs: 1500, retryAfter: 9 }] });
		const a = clientFor(server);
		await a.client.complete(ask());
		expect(a.sleep.waits).toEqual([1500]);

		server.setFaults({
			plan: [{ kind: 'rate_limit', retryAfter: 'Wed, 21 Oct 2015 07:28:03 GMT' }],
		});
		const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
		const b = clientFor(server, { now: () => now });
		await b.client.complete(ask());
		expect(b.sleep.waits).toEqual([3000]);
	});

	it('fails with the API message when Retry-After exceeds maxRetryAfterMs', async () => {
		server.setFaults({ plan: [{ kind: 'rate_limit', retryAfter: 120 }] });
		const { client, sleep } = clientFor(server, { maxRetryAfterMs: 60_000 });
		await expect(client.complete(ask())).rejects.toThrow(/asked to wait 120 s.*Rate limit reached/);
		expect(sleep.waits).toEqual([]);
	});

	it('backs off with seeded full jitter on 500 and 503', async () => {
		server.setFaults({
			plan: [{ kind: 'server_error' }, { kind: 'unavailable' }, { kind: 'server_error' }],
		});
		const { client, sleep } = clientFor(server, {
			jitterSeed: 11,
			backoff: { baseMs: 400, maxMs: 10_000 },
		});
		const r = await client.complete(ask());
		expect(r.attempts).toBe(4);
		const rng = new Rng(11);
		const opts = { baseMs: 400, maxMs: 10_000 };
		expect(sleep.waits).toEqual([0, 1, 2].map((i) => backoffDelay(i, rng, opts)));
		sleep.waits.forEach((w, i) => {
			expect(w).toBeGreaterThanOrEqual(0);
			expect(w).toBeLessThan(400 * 2 ** i);
		});
		expect(client.stats.retries).toBe(3);
	});

	it('gives up after maxRetries with the status and the API message', async () => {
		server.setFaults({ plan: Array(5).fill({ kind: 'server_error' }) });
		const { client, sleep } = clientFor(server, { maxRetries: 2 });
		const error = await client.complete(ask()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LlmHttpError);
		expect(error).toMatchObject({ statusCode: 500, attempts: 3, type: 'server_error' });
		expect((error as Error).message).toMatch(
			/answered 500 after 3 attempt\(s\): The server had an error/,
		);
		expect(sleep.waits).toHaveLength(2);
		expect(server.chatRequests).toHaveLength(3);
	});

	it('does not retry a 401, and keeps the API message', async () => {
		const sleep = recordingSleep();
		const noKey = new LlmClient({
			transport: createHttpTransport(),
			sleep,
			baseUrl: server.baseUrl,
		});
		const error = await noKey.complete(ask()).catch((e: unknown) => e);
		expect(error).toMatchObject({ statusCode: 401, code: 'invalid_api_key', attempts: 1 });
		expect((error as Error).message).toMatch(/answered 401: Incorrect API key provided/);
		expect(sleep.waits).toEqual([]);
	});

	it('retries a timeout (slow answer) and then succeeds', async () => {
		server.setFaults({ plan: [{ kind: 'slow', latencyMs: 3000 }] });
		// 1 s: long enough that the good second answer never times out on a loaded machine
		const { client, sleep } = clientFor(server, { timeoutMs: 1000 });
		const r = await client.complete(ask());
		expect(r.data).toEqual(goodAnswer);
		expect(r.attempts).toBe(2);
		expect(sleep.waits).toHaveLength(1);
		expect(sleep.waits[0]).toBeLessThan(DEFAULT_BACKOFF.baseMs);
	});

	it('retries network errors and reports them after maxRetries', async () => {
		const sleep = recordingSleep();
		let calls = 0;
		const flaky = new LlmClient({
			transport: async () => {
				calls++;
				throw new Error('connect ECONNREFUSED 127.0.0.1:9');
			},
			sleep,
			maxRetries: 3,
		});
		const error = await flaky.complete(ask()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LlmNetworkError);
		expect((error as Error).message).toMatch(
			/could not be reached after 4 attempt\(s\): connect ECONNREFUSED/,
		);
		expect(calls).toBe(4);
		expect(sleep.waits).toHaveLength(3);
	});
});

describe('LlmClient: invalid answers', () => {
	it('repairs a malformed JSON answer once, telling the model what was wrong', async () => {
		server.setFaults({ plan: [{ kind: 'malformed' }] });
		const { client, sleep } = clientFor(server);
		const r = await client.complete(ask());
		expect(r.data).toEqual(goodAnswer);
		expect(r.repaired).toBe(true);
		expect(r.attempts).toBe(2);
		expect(sleep.waits).toEqual([]);
		const repair = server.chatRequests[1].body.messages;
		expect(repair).toHaveLength(4);
		expect(repair[2].role).toBe('assistant');
		expect(repair[3].content).toMatch(/not valid JSON/);
		expect(r.usage.promptTokens).toBeGreaterThan(server.chatRequests.length);
	});

	it('repairs a schema-violating answer, naming the failing fields', async () => {
		server.setFaults({ plan: [{ kind: 'schema' }] });
		const { client } = clientFor(server);
		const r = await client.complete(ask());
		expect(r.repaired).toBe(true);
		expect(server.chatRequests[1].body.messages[3].content).toMatch(
			/greeting: Required; count: Required/,
		);
	});

	it('throws LlmOutputError when the repair is invalid too', async () => {
		server.setFaults({ plan: [{ kind: 'schema' }, { kind: 'malformed' }] });
		const { client } = clientFor(server);
		const error = await client.complete(ask()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LlmOutputError);
		expect((error as Error).message).toMatch(
			/does not match the "greeting" schema, even after one repair: the answer is not valid JSON/,
		);
		expect(server.chatRequests).toHaveLength(2);
	});

	it('accepts JSON wrapped in a code fence, as local models often answer', async () => {
		server.setResponder(() => '```json\n{"greeting":"hi","count":1}\n```');
		const { client } = clientFor(server);
		expect((await client.complete(ask())).data).toEqual({ greeting: 'hi', count: 1 });
	});
});

describe('LlmClient: JSON-mode fallback', () => {
	it('falls back to json_object when the server rejects json_schema, and stays there', async () => {
		server.setRejectJsonSchema(true);
		const { client } = clientFor(server);
		const r = await client.complete(ask());
		expect(r.data).toEqual(goodAnswer);
		expect(r.structuredOutput).toBe('jsonObject');
		expect(r.attempts).toBe(2);
		const [first, second] = server.chatRequests;
		expect(first.body.response_format.type).toBe('json_schema');
		expect(second.body.response_format).toEqual({ type: 'json_object' });
		const last = second.body.messages[second.body.messages.length - 1];
		expect(last.role).toBe('system');
		expect(last.content).toMatch(/JSON Schema: \{"type":"object"/);
		await client.complete(ask('another question'));
		expect(server.chatRequests).toHaveLength(3);
		expect(server.chatRequests[2].body.response_format).toEqual({ type: 'json_object' });
		expect(client.stats.fallbacksToJsonMode).toBe(1);
	});

	it('still validates JSON-mode answers against our schema', async () => {
		server.setRejectJsonSchema(true);
		// The rejected json_schema request never reaches the fault plan: the first answer is faulty.
		server.setFaults({ plan: [{ kind: 'schema' }] });
		const { client } = clientFor(server);
		const r = await client.complete(ask());
		expect(r.repaired).toBe(true);
		expect(r.structuredOutput).toBe('jsonObject');
	});

	it('does not fall back when json_schema is forced', async () => {
		server.setRejectJsonSchema(true);
		const { client } = clientFor(server, { structuredOutput: 'jsonSchema' });
		await expect(client.complete(ask())).rejects.toMatchObject({
			statusCode: 400,
			param: 'response_format',
		});
	});
});

describe('LlmClient: cache and concurrency', () => {
	it('answers the same request once per client, concurrent duplicates included', async () => {
		const { client } = clientFor(server);
		const [a, b] = await Promise.all([client.complete(ask()), client.complete(ask())]);
		const c = await client.complete(ask());
		expect(server.chatRequests).toHaveLength(1);
		expect([a.cached, b.cached, c.cached]).toEqual([false, true, true]);
		expect(c.promptHash).toBe(a.promptHash);
		expect(c.data).toEqual(a.data);
		expect(c.attempts).toBe(0);
		expect(c.costUsd).toBe(0);
		expect(c.usage.totalTokens).toBe(0);
		await client.complete(ask('something else'));
		await client.complete({ ...ask(), model: 'gpt-4o' });
		expect(server.chatRequests).toHaveLength(3);
		expect(client.stats).toMatchObject({ completions: 5, cacheHits: 2, requests: 3 });
	});

	it('does not cache failures', async () => {
		server.setFaults({ plan: [{ kind: 'schema' }, { kind: 'schema' }] });
		const { client } = clientFor(server);
		await expect(client.complete(ask())).rejects.toBeInstanceOf(LlmOutputError);
		expect((await client.complete(ask())).cached).toBe(false);
	});

	it('keeps at most `concurrency` requests in flight', async () => {
		server.setLatency(80);
		const { client } = clientFor(server, { concurrency: 3 });
		await Promise.all(Array.from({ length: 10 }, (_, i) => client.complete(ask(`question ${i}`))));
		expect(server.chatRequests).toHaveLength(10);
		expect(server.maxInFlight).toBe(3);
	});
});
