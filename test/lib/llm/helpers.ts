import { z } from 'zod';

import { LlmClient, type LlmClientOptions } from '../../../lib/llm';
import type { Sleep, Transport } from '../../../lib/llm/types';
import { createHttpTransport } from '../../support/http-transport';
import type { OpenAiServer } from '../../support/openai-server';

/** A sleep that records what it was asked to wait and returns at once. */
export function recordingSleep(): Sleep & { waits: number[] } {
	const waits: number[] = [];
	const sleep = async (ms: number) => {
		waits.push(ms);
	};
	return Object.assign(sleep, { waits });
}

export const Answer = z.object({ greeting: z.string().min(1), count: z.number().int() });

export const goodAnswer = { greeting: 'hello', count: 3 };

export function clientFor(
	server: OpenAiServer,
	options: Partial<LlmClientOptions> = {},
): { client: LlmClient; sleep: ReturnType<typeof recordingSleep>; transport: Transport } {
	const sleep = recordingSleep();
	const transport = createHttpTransport({ apiKey: server.apiKey });
	const client = new LlmClient({
		transport,
		sleep,
		baseUrl: server.baseUrl,
		model: 'gpt-4o-mini',
		jitterSeed: 7,
		...options,
	});
	return { client, sleep, transport };
}

export function ask(text = 'Say hello as JSON') {
	return {
		messages: [
			{ role: 'system' as const, content: 'You answer with a greeting and a count.' },
			{ role: 'user' as const, content: text },
		],
		schema: Answer,
		schemaName: 'greeting',
	};
}
