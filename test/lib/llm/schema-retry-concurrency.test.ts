import { z } from 'zod';

import { Persona } from '../../../lib/contracts/persona';
import {
	backoffDelay,
	createLimiter,
	estimateCost,
	findPrice,
	isRetryableStatus,
	mapConcurrent,
	parseAnswer,
	parseRetryAfter,
	zodToJsonSchema,
	DEFAULT_PRICES,
} from '../../../lib/llm';
import { PersonaEnrichment } from '../../../lib/persona';
import { Rng } from '../../../lib/util/rng';
import { strictSchemaProblem } from '../../support/openai-server';

describe('zodToJsonSchema', () => {
	it('converts the subset we use, closed and all-required (strict compatible)', () => {
		const schema = z.object({
			name: z.string().min(1).max(80),
			kind: z.literal('persona'),
			tone: z.enum(['warm', 'direct']),
			score: z.number().int().min(0).max(10),
			share: z.number().gt(0),
			tags: z.array(z.string()).min(1).max(5),
			note: z.string().nullable(),
			flag: z.boolean(),
			either: z.union([z.string(), z.number()]),
		});
		const { schema: json, strictCompatible } = zodToJsonSchema(schema);
		expect(strictCompatible).toBe(true);
		expect(json).toEqual({
			type: 'object',
			properties: {
				name: { type: 'string', minLength: 1, maxLength: 80 },
				kind: { type: 'string', enum: ['persona'] },
				tone: { type: 'string', enum: ['warm', 'direct'] },
				score: { type: 'integer', minimum: 0, maximum: 10 },
				share: { type: 'number', exclusiveMinimum: 0 },
				tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
				note: { type: ['string', 'null'] },
				flag: { type: 'boolean' },
				either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
			},
			required: ['name', 'kind', 'tone', 'score', 'share', 'tags', 'note', 'flag', 'either'],
			additionalProperties: false,
		});
		expect(zodToJsonSchema(schema, { openAiStrict: true }).schema.properties).toMatchObject({
			name: { type: 'string' },
		});
		expect(
			(zodToJsonSchema(schema, { openAiStrict: true }).schema.properties as Record<string, object>)
				.name,
		).toEqual({ type: 'string' });
	});

	it('marks optional fields, records and passthrough objects as not strict compatible', () => {
		expect(zodToJsonSchema(z.object({ a: z.string().optional() })).strictCompatible).toBe(false);
		expect(zodToJsonSchema(z.object({ a: z.record(z.number()) })).strictCompatible).toBe(false);
		const persona = zodToJsonSchema(Persona);
		expect(persona.strictCompatible).toBe(false);
		expect(persona.schema.additionalProperties).toBe(true);
	});

	it('produces a schema for the persona enrichment that OpenAI strict mode accepts', () => {
		const { schema, strictCompatible } = zodToJsonSchema(PersonaEnrichment, { openAiStrict: true });
		expect(strictCompatible).toBe(true);
		expect(strictSchemaProblem(schema, 'root')).toBeNull();
	});

	it('names the unsupported type and where it is', () => {
		expect(() => zodToJsonSchema(z.object({ when: z.date() }))).toThrow(
			/ZodDate at \(root\)\.when is not supported/,
		);
	});
});

describe('parseAnswer', () => {
	const S = z.object({ a: z.number() });
	it('parses plain, fenced and prose-wrapped JSON', () => {
		expect(parseAnswer('{"a":1}', S)).toEqual({ ok: true, value: { a: 1 } });
		expect(parseAnswer('```json\n{"a":2}\n```', S)).toEqual({ ok: true, value: { a: 2 } });
		expect(parseAnswer('Here you go: {"a":3} hope it helps', S)).toEqual({
			ok: true,
			value: { a: 3 },
		});
	});
	it('explains what is wrong', () => {
		expect(parseAnswer('{"a":', S)).toMatchObject({
			ok: false,
			issues: [expect.stringMatching(/not valid JSON/)],
		});
		expect(parseAnswer('{"a":"x"}', S)).toEqual({
			ok: false,
			issues: ['a: Expected number, received string'],
		});
	});
});

describe('retry helpers', () => {
	it('retries 408, 409, 429 and 5xx only', () => {
		expect(
			[400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503].filter(isRetryableStatus),
		).toEqual([408, 409, 429, 500, 502, 503]);
	});

	it('parses Retry-After seconds, HTTP dates and retry-after-ms, case-insensitively', () => {
		const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
		expect(parseRetryAfter({ 'Retry-After': '3' }, now)).toBe(3000);
		expect(parseRetryAfter({ 'retry-after': '0.5' }, now)).toBe(500);
		expect(parseRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:28:07 GMT' }, now)).toBe(7000);
		expect(parseRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, now)).toBe(0);
		expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
		expect(parseRetryAfter({ 'retry-after': ['4'] }, now)).toBe(4000);
		expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeNull();
		expect(parseRetryAfter({}, now)).toBeNull();
	});

	it('draws full-jitter delays below a doubling, capped ceiling, reproducibly', () => {
		const opts = { baseMs: 100, maxMs: 1000 };
		const a = new Rng(5);
		const b = new Rng(5);
		for (let i = 0; i < 8; i++) {
			const d = backoffDelay(i, a, opts);
			expect(d).toBe(backoffDelay(i, b, opts));
			expect(d).toBeGreaterThanOrEqual(0);
			expect(d).toBeLessThan(Math.min(1000, 100 * 2 ** i));
		}
	});
});

describe('pricing', () => {
	it('matches dated snapshots to their base model and returns null for unknown models', () => {
		expect(findPrice('gpt-4o-mini-2024-07-18', DEFAULT_PRICES)).toEqual(
			DEFAULT_PRICES['gpt-4o-mini'],
		);
		expect(findPrice('gpt-4o-2024-08-06', DEFAULT_PRICES)).toEqual(DEFAULT_PRICES['gpt-4o']);
		expect(findPrice('llama3.1:8b', DEFAULT_PRICES)).toBeNull();
		expect(estimateCost('gpt-4o-mini', 1_000_000, 1_000_000, DEFAULT_PRICES)).toBeCloseTo(0.75, 9);
		expect(estimateCost('mystery', 10, 10, DEFAULT_PRICES)).toBeNull();
	});
});

describe('createLimiter', () => {
	function deferred() {
		let resolve: () => void = () => undefined;
		const promise = new Promise<void>((r) => {
			resolve = r;
		});
		return { promise, resolve };
	}

	it('never runs more than `concurrency` tasks and starts queued ones in order', async () => {
		const limit = createLimiter(2);
		const gates = [deferred(), deferred(), deferred(), deferred()];
		const started: number[] = [];
		let peak = 0;
		const runs = gates.map((g, i) =>
			limit(async () => {
				started.push(i);
				peak = Math.max(peak, limit.active);
				await g.promise;
				return i;
			}),
		);
		await Promise.resolve();
		expect(started).toEqual([0, 1]);
		expect(limit.pending).toBe(2);
		gates[1].resolve();
		await runs[1];
		await Promise.resolve();
		expect(started).toEqual([0, 1, 2]);
		gates.forEach((g) => g.resolve());
		expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
		expect(peak).toBe(2);
		expect(limit.active).toBe(0);
	});

	it('releases the slot when a task fails', async () => {
		const limit = createLimiter(1);
		await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await limit(async () => 'next')).toBe('next');
	});

	it('maps with bounded concurrency, keeping order, and refuses a bad bound', async () => {
		expect(await mapConcurrent([3, 1, 2], 2, async (x) => x * 10)).toEqual([30, 10, 20]);
		expect(() => createLimiter(0)).toThrow(/positive integer/);
	});
});
