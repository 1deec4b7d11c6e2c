import { chatModelName, chatModelTransport, chatModelUsage, type ChatModelLike } from '../../../lib/llm';

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
