import type { Persona } from '../../../lib/contracts';
import { Persona as PersonaSchema } from '../../../lib/contracts';
import { fencedBlocks } from '../../../lib/llm/guard';

interface DataBlock {
	evidence: Array<{ id: string; claim: string; feature: string }>;
	draft: Record<string, string | string[]>;
}

/** The data the prompt fenced (first user message), as the model would read it. */
export function readPromptData(body: {
	messages: Array<{ role: string; content: string }>;
}): DataBlock {
	const user = body.messages.find((m) => m.role === 'user');
	if (!user) throw new Error('no user message');
	const blocks = fencedBlocks(user.content);
	if (blocks.length !== 1) throw new Error(`expected one fenced block, found ${blocks.length}`);
	return JSON.parse(blocks[0]) as DataBlock;
}

/**
 * A stand-in model: rewrites each draft statement ("Sharper: ..."), cites the evidence whose claim
 * is that statement, and adds one statement without evidence (which must be dropped).
 */
export function personaResponder(body: { messages: Array<{ role: string; content: string }> }) {
	const data = readPromptData(body);
	const idFor = (text: string) => data.evidence.filter((e) => e.claim === text).map((e) => e.id);
	const list = (field: string) =>
		((data.draft[field] as string[]) ?? []).map((text) => ({
			text: `Sharper: ${text}`,
			evidence: idFor(text),
		}));
	return {
		name: 'Tested Tess — the model-written persona',
		summary: {
			text: `Model summary. ${String(data.draft.summary)}`,
			evidence: data.evidence.slice(0, 2).map((e) => e.id),
		},
		motivations: [...list('motivations'), { text: 'Loves surprise parties', evidence: [] }],
		goals: list('goals'),
		painPoints: list('painPoints'),
		objections: [...list('objections'), { text: 'Distrusts everything', evidence: ['E999'] }],
		keyMessages: list('keyMessages'),
		tone: { text: 'Warm and concise', evidence: data.evidence.slice(0, 1).map((e) => e.id) },
		keywords: ['Premium', 'rewards', 'premium'],
	};
}

/**
 * The Persona Builder's personas of a model run (output 0): every one valid, written by `generator`
 * without an llmError, and without the claim this responder adds with no evidence behind it.
 */
export function expectModelPersonas(items: Array<{ json: unknown }>, generator: string): Persona[] {
	const personas = items.map((i) => i.json as Persona & { llmError?: string });
	expect(personas.length).toBeGreaterThan(1);
	for (const p of personas) {
		PersonaSchema.parse(p);
		expect(p.llmError).toBeUndefined();
		expect(p.generator).toBe(generator);
		// the model's claim without evidence is dropped
		expect(p.motivations).not.toContain('Loves surprise parties');
	}
	return personas;
}
