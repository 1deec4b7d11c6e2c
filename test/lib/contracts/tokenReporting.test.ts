import { z } from 'zod';

import { addRunSummaries, adRunSummary } from '../../../lib/ads';
import { RunSummary, addTokenCounts, tokenCounts, tokenReporting } from '../../../lib/contracts';
import { LlmClient, chatModelTransport, type ChatModelLike, type ChatModelMessage } from '../../../lib/llm';
import { arbitrage } from '../../../lib/optimize/arbitrage';

/**
 * Token counts in a run summary are what the model reported. A model that reports no usage leaves
 * the tokens unknown (null, never 0); a run where only some answers reported usage is "partial".
 */
const base = {
	kind: 'runSummary' as const,
	mode: 'llm' as const,
	model: 'some-model',
	units: 2,
	calls: 2,
	repairCalls: 0,
	costUsd: 0,
	fallbacks: 0,
	outputs: 2,
	createdAt: '2026-12-01T00:00:00.000Z',
};
const reported: RunSummary = { ...base, node: 'personaBuilder', promptTokens: 700, completionTokens: 300, answersWithoutUsage: 0, costUsd: 0.0003 };
const unknown: RunSummary = { ...base, node: 'adGenerator', promptTokens: null, completionTokens: null, answersWithoutUsage: 2 };

/** A chat model that answers `{"ok":true}` and reports usage 7 + 3 only for the answers `withUsage` picks. */
function model(withUsage: (answer: number) => boolean): ChatModelLike {
	let answers = 0;
	return {
		model: 'no-usage-model',
		invoke: async (): Promise<ChatModelMessage> => {
			answers++;
			const message: ChatModelMessage = { content: '{"ok":true}' };
			if (withUsage(answers)) message.usage_metadata = { input_tokens: 7, output_tokens: 3, total_tokens: 10 };
			return message;
		},
	};
}
const Answer = z.object({ ok: z.boolean() });
const ask = (text: string) => ({ messages: [{ role: 'user' as const, content: text }], schema: Answer, schemaName: 'answer' });
const clientFor = (m: ChatModelLike) =>
	new LlmClient({ transport: chatModelTransport(m), sleep: async () => undefined, baseUrl: 'http://connected-chat-model', model: 'gpt-4o-mini', structuredOutput: 'jsonObject' });

describe('the LLM client counts reported tokens and answers without usage', () => {
	it('gives the numbers when the model reports usage', async () => {
		const client = clientFor(model(() => true));
		const a = await client.complete(ask('a'));
		await client.complete(ask('b'));
		expect(a).toMatchObject({ usage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 }, usageReported: true });
		expect(client.stats).toMatchObject({ promptTokens: 14, completionTokens: 6, answersWithoutUsage: 0 });
	});

	it('marks an answer without usage as unreported and counts no tokens for it', async () => {
		const client = clientFor(model((n) => n === 1));
		await client.complete(ask('a'));
		const b = await client.complete(ask('b'));
		expect(b).toMatchObject({ usage: { promptTokens: 0, completionTokens: 0 }, usageReported: false, costUsd: null });
		expect(client.stats).toMatchObject({ promptTokens: 7, completionTokens: 3, answersWithoutUsage: 1 });
		// a cached answer spent nothing: its zero is known
		const again = await client.complete(ask('b'));
		expect(again).toMatchObject({ cached: true, usageReported: true });
		expect(client.stats.answersWithoutUsage).toBe(1);
	});
});

describe('RunSummary token counts', () => {
	it('are null when no answer reported usage, a lower bound when some did not', () => {
		expect(tokenCounts(0, 0, 3)).toEqual({ promptTokens: null, completionTokens: null, answersWithoutUsage: 3 });
		expect(tokenCounts(7, 3, 1)).toEqual({ promptTokens: 7, completionTokens: 3, answersWithoutUsage: 1 });
		// offline (no model answer): a known zero
		expect(tokenCounts(0, 0, 0)).toEqual({ promptTokens: 0, completionTokens: 0, answersWithoutUsage: 0 });
		expect(tokenReporting(reported)).toBe('reported');
		expect(tokenReporting(unknown)).toBe('unknown');
		expect(tokenReporting({ promptTokens: 7, completionTokens: 3, answersWithoutUsage: 1 })).toBe('partial');
	});

	it('add up: unknown only when no part reported a token', () => {
		expect(addTokenCounts([reported, unknown])).toEqual({ promptTokens: 700, completionTokens: 300, answersWithoutUsage: 2 });
		expect(addTokenCounts([unknown, unknown])).toEqual({ promptTokens: null, completionTokens: null, answersWithoutUsage: 4 });
		const offline = adRunSummary({ mode: 'offline', model: null, units: 4, outputs: 12, createdAt: base.createdAt });
		expect(addTokenCounts([offline, unknown])).toMatchObject({ promptTokens: null, answersWithoutUsage: 2 });
	});

	it('read older summaries without the field as fully reported, and refuse a negative count', () => {
		const older: Record<string, unknown> = { ...reported };
		delete older.answersWithoutUsage;
		expect(RunSummary.parse(older).answersWithoutUsage).toBe(0);
		expect(RunSummary.safeParse({ ...reported, answersWithoutUsage: -1 }).success).toBe(false);
		expect(RunSummary.parse(unknown).promptTokens).toBeNull();
	});
});

describe('the Ad Generator run summary carries unknown tokens', () => {
	const stats = { units: 2, calls: 2, repairCalls: 0, fallbacks: 0, invalidDropped: 0, costUsd: 0 };
	it('says unknown for a model without usage, the numbers for one with it, and partial when added up', () => {
		const none = adRunSummary({ mode: 'llm', model: 'm', units: 2, outputs: 6, createdAt: base.createdAt, stats: { ...stats, promptTokens: 0, completionTokens: 0, answersWithoutUsage: 2 } });
		const some = adRunSummary({ mode: 'llm', model: 'm', units: 2, outputs: 6, createdAt: base.createdAt, stats: { ...stats, promptTokens: 40, completionTokens: 20, answersWithoutUsage: 0 } });
		expect(none).toMatchObject({ promptTokens: null, completionTokens: null, answersWithoutUsage: 2 });
		expect(some).toMatchObject({ promptTokens: 40, completionTokens: 20, answersWithoutUsage: 0 });
		const both = addRunSummaries(some, none);
		expect(both).toMatchObject({ promptTokens: 40, completionTokens: 20, answersWithoutUsage: 2, calls: 4 });
		expect(tokenReporting(both)).toBe('partial');
		expect(RunSummary.safeParse(both).success).toBe(true);
	});
});

describe('the cost view of several runs', () => {
	const counts = { personas: 1, variants: 2, tests: 1 };
	it('gives the numbers when every run reported usage', () => {
		expect(arbitrage([reported], counts).ai).toMatchObject({ promptTokens: 700, completionTokens: 300, tokens: 'reported' });
	});
	it('says unknown (no saving claimed) when no run reported usage', () => {
		const view = arbitrage([unknown], counts);
		expect(view.ai).toMatchObject({ promptTokens: null, completionTokens: null, answersWithoutUsage: 2, tokens: 'unknown' });
		expect(view.savingsUsd).toBeNull();
	});
	it('says partially unknown for mixed runs', () => {
		const view = arbitrage([reported, unknown], counts);
		expect(view.ai).toMatchObject({ promptTokens: 700, completionTokens: 300, answersWithoutUsage: 2, tokens: 'partial' });
	});
});
