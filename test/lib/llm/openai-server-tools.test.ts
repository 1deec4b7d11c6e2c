/**
 * The local OpenAI-compatible server speaks the Chat Completions tool-calling protocol as strictly
 * as the real API: a model answer may call tools, and a conversation that breaks the protocol (a
 * tool result nobody asked for, a tool call left unanswered, unknown fields) is refused with 400.
 */
import OpenAI from 'openai';

import { startOpenAiServer, toolCalls, validateChatBody, type OpenAiServer } from '../../support/openai-server';

const TOOLS = [
	{
		type: 'function' as const,
		function: {
			name: 'Draft_Email',
			description: 'Writes e-mail copy for the audience',
			parameters: { type: 'object', properties: { tone: { type: 'string' } }, required: ['tone'] },
		},
	},
];

const CALL = { id: 'call_1', type: 'function', function: { name: 'Draft_Email', arguments: '{"tone":"warm"}' } };

function body(messages: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { model: 'gpt-4o-mini', messages, tools: TOOLS, ...extra };
}

const problem = (b: unknown): string | undefined => (validateChatBody(b)?.error as { message?: string } | undefined)?.message;

describe('the test server and tool calls', () => {
	let server: OpenAiServer;
	beforeAll(async () => {
		server = await startOpenAiServer({
			responder: (b: { messages: Array<{ role: string; content: unknown }> }) =>
				b.messages.some((m) => m.role === 'tool') ? 'Done: the draft is ready.' : toolCalls([{ name: 'Draft_Email', arguments: { tone: 'warm' } }]),
		});
	});
	afterAll(async () => {
		await server.close();
	});

	it('answers with tool_calls the official SDK reads, then takes the tool result and answers in text', async () => {
		const sdk = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
		const first = await sdk.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Draft an e-mail' }], tools: TOOLS });
		const choice = first.choices[0];
		expect(choice.finish_reason).toBe('tool_calls');
		expect(choice.message.content).toBeNull();
		const call = choice.message.tool_calls?.[0];
		expect(call?.type).toBe('function');
		expect(call?.type === 'function' && call.function.name).toBe('Draft_Email');
		expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ tone: 'warm' });

		const second = await sdk.chat.completions.create({
			model: 'gpt-4o-mini',
			tools: TOOLS,
			messages: [
				{ role: 'user', content: 'Draft an e-mail' },
				{ role: 'assistant', content: null, tool_calls: choice.message.tool_calls },
				{ role: 'tool', tool_call_id: call?.id ?? '', content: '{"subject":"Hello"}' },
			],
		});
		expect(second.choices[0].finish_reason).toBe('stop');
		expect(second.choices[0].message.content).toBe('Done: the draft is ready.');
	});

	it('refuses a tool message that answers no preceding tool call', () => {
		expect(problem(body([{ role: 'user', content: 'hi' }, { role: 'tool', tool_call_id: 'call_1', content: 'x' }]))).toMatch(
			/must be a response to a preceeding message with 'tool_calls'/,
		);
		expect(
			problem(body([{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [CALL] }, { role: 'tool', tool_call_id: 'call_2', content: 'x' }])),
		).toMatch(/preceeding message with 'tool_calls'/);
	});

	it('refuses a tool message without tool_call_id, and a tool call left unanswered', () => {
		expect(problem(body([{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [CALL] }, { role: 'tool', content: 'x' }]))).toMatch(
			/tool_call_id/,
		);
		expect(problem(body([{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [CALL] }, { role: 'user', content: 'and?' }]))).toMatch(
			/did not have response messages: call_1/,
		);
		expect(problem(body([{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [CALL] }]))).toMatch(/did not have response messages/);
	});

	it('refuses unknown fields on the request, a message, a tool and a tool call', () => {
		expect(problem(body([{ role: 'user', content: 'hi' }], { toolz: [] }))).toMatch(/Unrecognized request argument supplied: toolz/);
		expect(problem(body([{ role: 'user', content: 'hi', tool_call_id: 'x' }]))).toMatch(/'tool_call_id' was unexpected/);
		expect(problem(body([{ role: 'user', content: 'hi' }], { tools: [{ ...TOOLS[0], extra: 1 }] }))).toMatch(/tools\[0\]/);
		expect(problem(body([{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [{ ...CALL, index: 0 }] }, { role: 'tool', tool_call_id: 'call_1', content: 'x' }]))).toMatch(
			/'index' was unexpected/,
		);
	});

	it('refuses a malformed tool: bad name, parameters that are not an object schema, arguments that are not JSON', () => {
		expect(problem(body([{ role: 'user', content: 'hi' }], { tools: [{ type: 'function', function: { name: 'Draft Email' } }] }))).toMatch(/function.name/);
		expect(problem(body([{ role: 'user', content: 'hi' }], { tools: [{ type: 'function', function: { name: 'x', parameters: { type: 'string' } } }] }))).toMatch(
			/type: "object"/,
		);
		const broken = { ...CALL, function: { name: 'Draft_Email', arguments: '{tone:' } };
		expect(problem(body([{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [broken] }, { role: 'tool', tool_call_id: 'call_1', content: 'x' }]))).toMatch(
			/not valid JSON/,
		);
		expect(problem({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], tool_choice: 'auto' })).toMatch(/only allowed when 'tools'/);
	});

	it('accepts a well-formed conversation with two tool calls answered in turn', () => {
		const two = [CALL, { ...CALL, id: 'call_2' }];
		expect(
			validateChatBody(
				body([
					{ role: 'system', content: 'You plan campaigns.' },
					{ role: 'user', content: 'hi' },
					{ role: 'assistant', content: '', tool_calls: two },
					{ role: 'tool', tool_call_id: 'call_2', content: 'b' },
					{ role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'a' }] },
				]),
			),
		).toBeNull();
	});
});
