import OpenAI from 'openai';

import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { Answer, ask, clientFor, goodAnswer } from './helpers';

let server: OpenAiServer;

beforeAll(async () => {
	server = await startOpenAiServer({ responder: () => goodAnswer });
});
afterAll(async () => {
	await server.close();
});
beforeEach(() => {
	server.setFaults(null);
	server.setRejectJsonSchema(false);
	server.reset();
});

function shape(value: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const key of Object.keys(value).sort()) {
		const v = value[key];
		out[key] = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
	}
	return out;
}

describe('the official openai SDK against the test server, and our client against the SDK', () => {
	it('sends the same request as the SDK for the same structured-output call', async () => {
		const { client } = clientFor(server, { temperature: 0.3, seed: 5 });
		const request = ask();
		const conversion = client.jsonSchemaFor(Answer);
		const sdk = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
		const completion = await sdk.chat.completions.create({
			model: 'gpt-4o-mini',
			messages: request.messages,
			temperature: 0.3,
			seed: 5,
			response_format: {
				type: 'json_schema',
				json_schema: {
					name: 'greeting',
					schema: conversion.schema,
					strict: conversion.strictCompatible,
				},
			},
		});
		expect(JSON.parse(completion.choices[0].message.content ?? '')).toEqual(goodAnswer);
		expect(completion.object).toBe('chat.completion');
		expect(completion.usage?.total_tokens).toBeGreaterThan(0);

		await client.complete(request);
		const [fromSdk, ours] = server.chatRequests;
		expect(ours.method).toBe(fromSdk.method);
		expect(ours.path).toBe(fromSdk.path);
		expect(ours.path).toBe('/v1/chat/completions');
		expect(ours.headers['content-type']).toBe(fromSdk.headers['content-type']);
		expect(ours.headers.accept).toBe(fromSdk.headers.accept);
		expect(ours.headers.authorization).toBe(fromSdk.headers.authorization);
		expect(shape(ours.body)).toEqual(shape(fromSdk.body));
		expect(ours.body).toEqual(fromSdk.body);
	});

	it('matches the SDK in JSON mode too', async () => {
		server.setRejectJsonSchema(true);
		const { client } = clientFor(server);
		await client.complete(ask());
		const ours = server.chatRequests[1].body;
		const sdk = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
		await sdk.chat.completions.create({
			model: ours.model,
			messages: ours.messages,
			response_format: { type: 'json_object' },
		});
		const fromSdk = server.chatRequests[2].body;
		expect(shape(ours)).toEqual(shape(fromSdk));
		expect(ours).toEqual(fromSdk);
	});

	it("gets OpenAI's error envelope for bad requests, which the SDK turns into typed errors", async () => {
		const sdk = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
		const error = await sdk.chat.completions
			.create({
				model: 'gpt-4o-mini',
				messages: [{ role: 'user', content: 'hi' }],
				response_format: { type: 'json_schema', json_schema: { name: 'bad name!', schema: {} } },
			})
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(OpenAI.BadRequestError);
		expect((error as InstanceType<typeof OpenAI.BadRequestError>).status).toBe(400);
		expect((error as Error).message).toMatch(/json_schema\.name/);

		const noJson = await sdk.chat.completions
			.create({
				model: 'm',
				messages: [{ role: 'user', content: 'hi' }],
				response_format: { type: 'json_object' },
			})
			.catch((e: unknown) => e);
		expect((noJson as Error).message).toMatch(/must contain the word 'json'/);

		const badKey = new OpenAI({ apiKey: 'wrong', baseURL: server.baseUrl, maxRetries: 0 });
		await expect(badKey.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
	});

	it('rejects a strict schema with an optional property, as OpenAI does', async () => {
		const sdk = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
		const error = await sdk.chat.completions
			.create({
				model: 'gpt-4o-mini',
				messages: [{ role: 'user', content: 'hi' }],
				response_format: {
					type: 'json_schema',
					json_schema: {
						name: 'x',
						strict: true,
						schema: {
							type: 'object',
							properties: { a: { type: 'string' } },
							required: [],
							additionalProperties: false,
						},
					},
				},
			})
			.catch((e: unknown) => e);
		expect((error as Error).message).toMatch(/Invalid schema for response_format 'x'/);
	});

	it('sends rate-limit headers the SDK honours, and lists models', async () => {
		server.setFaults({ plan: [{ kind: 'rate_limit', retryAfterMs: 5 }] });
		const sdk = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 2 });
		const completion = await sdk.chat.completions.create({
			model: 'gpt-4o-mini',
			messages: [{ role: 'user', content: 'hi' }],
		});
		expect(completion.choices[0].finish_reason).toBe('stop');
		expect(server.chatRequests.map((r) => r.fault)).toEqual(['rate_limit', null]);
		const models = await sdk.models.list();
		expect(models.data.map((m) => m.id)).toContain('gpt-4o-mini');
	});
});
