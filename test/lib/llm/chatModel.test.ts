import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import {
	CHAT_MODEL_BASE_URL,
	CHAT_MODEL_CLIENT_RETRIES,
	LlmClient,
	chatModelClientOptions,
	chatModelName,
	chatModelTransport,
	chatModelUsage,
	type ChatModelLike,
} from '../../../lib/llm';
import { ask, goodAnswer, recordingSleep } from './helpers';

const request = (body: Record<string, unknown>) => ({ method: 'POST' as const, url: 'http://connected-chat-model/chat/completions', body });
const plain = { model: 'm', messages: [{ role: 'developer', content: 'rules' }, { role: 'user', content: 'data' }] };
const schemaBody = { ...plain, response_format: { type: 'json_schema', json_schema: { name: 'persona', schema: { type: 'object' }, strict: true } } };

describe('a connected chat model as the LLM client transport', () => {
	it('sends the messages with LangChain roles (developer becomes system) and answers as a chat completion', async () => {
		const seen: unknown[] = [];
		const model: ChatModelLike = {
			model: 'claude-x',
			invoke: async (messages) => {
				seen.push(messages);
				return { content: [{ type: 'text', text: '{"a":' }, '1}'], usage_metadata: { input_tokens: 7, output_tokens: 3, total_tokens: 10 } };
			},
		};
		const response = await chatModelTransport(model)(request(plain));
		expect(seen).toEqual([[{ role: 'system', content: 'rules' }, { role: 'user', content: 'data' }]]);
		expect(response.statusCode).toBe(200);
		expect(response.body).toMatchObject({ model: 'claude-x', choices: [{ message: { content: '{"a":1}' } }], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } });
	});

	it('uses withStructuredOutput for a json_schema request and returns its parsed object', async () => {
		const calls: unknown[] = [];
		const model: ChatModelLike = {
			invoke: async () => ({ content: 'unused' }),
			withStructuredOutput: (schema, config) => {
				calls.push({ schema, config });
				return { invoke: async () => ({ raw: { content: '', response_metadata: { model_name: 'gpt-x', tokenUsage: { promptTokens: 5, completionTokens: 2, totalTokens: 7 } } }, parsed: { a: 2 } }) };
			},
		};
		const response = await chatModelTransport(model)(request(schemaBody));
		expect(calls).toEqual([{ schema: { type: 'object' }, config: { name: 'persona', includeRaw: true } }]);
		expect(response.body).toMatchObject({ model: 'gpt-x', choices: [{ message: { content: '{"a":2}' } }], usage: { prompt_tokens: 5, completion_tokens: 2 } });
	});

	it('answers a json_schema request with a 400 about response_format when the model has no structured output', async () => {
		const without = await chatModelTransport({ invoke: async () => ({ content: '' }) })(request(schemaBody));
		expect(without.statusCode).toBe(400);
		expect(JSON.stringify(without.body)).toMatch(/response_format/);
		const throwing: ChatModelLike = { invoke: async () => ({ content: '' }), withStructuredOutput: () => { throw new Error('not implemented'); } };
		expect((await chatModelTransport(throwing)(request(schemaBody))).statusCode).toBe(400);
	});

	it('turns a provider error with an HTTP status into that response, and rejects on other errors', async () => {
		const limited: ChatModelLike = { invoke: async () => { throw Object.assign(new Error('Rate limit reached'), { status: 429 }); } };
		const response = await chatModelTransport(limited)(request(plain));
		expect(response).toMatchObject({ statusCode: 429, body: { error: { message: 'Rate limit reached' } } });
		const broken: ChatModelLike = { invoke: async () => { throw new Error('socket hang up'); } };
		await expect(chatModelTransport(broken)(request(plain))).rejects.toThrow(/socket hang up/);
	});

	it('reads usage from usage_metadata, tokenUsage or usage, and reports none when the model gives none', () => {
		expect(chatModelUsage({ response_metadata: { usage: { input_tokens: 4, output_tokens: 6 } } })).toEqual({ prompt_tokens: 4, completion_tokens: 6, total_tokens: undefined });
		expect(chatModelUsage({ content: 'x' })).toBeUndefined();
		expect(chatModelName({ invoke: async () => ({}), modelName: 'llama3' })).toBe('llama3');
		expect(chatModelName({ invoke: async () => ({}) })).toBe('connected-chat-model');
	});
});

describe('who retries when a connected chat model answers', () => {
	const node: INode = { id: '1', name: 'OpenAI Chat Model', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', typeVersion: 1, position: [0, 0], parameters: {} };
	/** A model that fails its first `failures` invocations with `error()`, then answers `answers` in turn. */
	const flaky = (failures: number, error: () => unknown, answers: string[] = ['{"greeting":"hello","count":3}']) => {
		const model = {
			invocations: 0,
			invoke: async () => {
				model.invocations++;
				if (model.invocations <= failures) throw error();
				return { content: answers[Math.min(model.invocations - failures - 1, answers.length - 1)] };
			},
		};
		return model;
	};
	const clientWith = (model: ChatModelLike) => {
		const sleep = recordingSleep();
		// every option a node passes, and a json_object client so each request is one invoke
		const client = new LlmClient({ ...chatModelClientOptions(model), sleep, concurrency: 2, structuredOutput: 'jsonObject' });
		return { client, sleep };
	};

	it('sends each request to the model once: the client does not retry the model', () => {
		const options = chatModelClientOptions({ invoke: async () => ({}), model: 'gpt-x' });
		expect(options).toMatchObject({ baseUrl: CHAT_MODEL_BASE_URL, model: 'gpt-x', maxRetries: 0 });
		expect(CHAT_MODEL_CLIENT_RETRIES).toBe(0);
	});

	it.each([
		{ what: 'a 429', error: () => Object.assign(new Error('Rate limit reached'), { status: 429 }), expected: { name: 'LlmHttpError', statusCode: 429 } },
		{ what: 'a 500', error: () => Object.assign(new Error('Internal error'), { status: 500 }), expected: { name: 'LlmHttpError', statusCode: 500 } },
		{ what: 'a network error', error: () => new TypeError('fetch failed'), expected: { name: 'LlmNetworkError' } },
		{
			what: "n8n's NodeApiError after the sub-node's own retries (httpCode '503')",
			error: () => new NodeApiError(node, Object.assign(new Error('Service unavailable'), { status: 503 }) as unknown as JsonObject, { functionality: 'configuration-node' }),
			expected: { name: 'LlmHttpError', statusCode: 503 },
		},
	])('invokes the model once per call when it fails with $what, and waits for no backoff', async ({ error, expected }) => {
		const model = flaky(3, error);
		const { client, sleep } = clientWith(model);
		for (const text of ['first', 'second', 'third']) {
			await expect(client.complete(ask(text))).rejects.toMatchObject({ ...expected, attempts: 1 });
		}
		expect(model.invocations).toBe(3);
		// the fourth call finds the model answering again
		await expect(client.complete(ask('fourth'))).resolves.toMatchObject({ data: goodAnswer, attempts: 1 });
		expect(model.invocations).toBe(4);
		expect(sleep.waits).toEqual([]);
		expect(client.stats).toMatchObject({ requests: 4, retries: 0 });
	});

	it("leaves retries to the model's own setting: a model retrying twice is tried 3 times, not 3 x 4", async () => {
		let attempts = 0;
		// what LangChain's AsyncCaller does with maxRetries 2: the first try and two retries
		const selfRetrying: ChatModelLike = {
			invoke: async () => {
				for (let retry = 0; ; retry++) {
					attempts++;
					if (retry === 2) throw Object.assign(new Error('Rate limit reached'), { status: 429 });
				}
			},
		};
		const { client } = clientWith(selfRetrying);
		await expect(client.complete(ask())).rejects.toMatchObject({ name: 'LlmHttpError', statusCode: 429 });
		expect(attempts).toBe(3);
	});

	it('still repairs an invalid answer with one more request to the model', async () => {
		const model = flaky(0, () => null, ['not json at all', '{"greeting":"hello","count":3}']);
		const { client } = clientWith(model);
		const result = await client.complete(ask());
		expect(result).toMatchObject({ data: goodAnswer, repaired: true, attempts: 2 });
		expect(model.invocations).toBe(2);
		expect(client.stats).toMatchObject({ requests: 2, repairs: 1, retries: 0 });
	});

	it('still falls back to JSON mode when the model has no structured output, then repairs once', async () => {
		const model = flaky(0, () => null, ['{"greeting":"","count":3}', '{"greeting":"hello","count":3}']);
		const client = new LlmClient({ ...chatModelClientOptions(model), sleep: recordingSleep() });
		const result = await client.complete(ask());
		expect(result).toMatchObject({ data: goodAnswer, repaired: true, structuredOutput: 'jsonObject' });
		// the json_schema request is answered 400 without reaching the model; then two invocations
		expect(model.invocations).toBe(2);
		expect(client.stats).toMatchObject({ fallbacksToJsonMode: 1, repairs: 1, retries: 0 });
	});
});
