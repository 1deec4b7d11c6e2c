import type { ZodType, ZodTypeDef } from 'zod';

import { contentHash } from '../util/hash';
import { Rng } from '../util/rng';
import { createLimiter, type Limiter } from './concurrency';
import { LlmHttpError, LlmNetworkError, LlmOutputError } from './errors';
import { assertNoPii } from './guard';
import { zodToJsonSchema, type JsonSchemaConversion } from './jsonSchema';
import { DEFAULT_PRICES, estimateCost, type PriceTable } from './pricing';
import {
	backoffDelay,
	DEFAULT_BACKOFF,
	isRetryableStatus,
	parseRetryAfter,
	type BackoffOptions,
} from './retry';
import type {
	ChatCompletion,
	ChatMessage,
	HttpResponse,
	LlmResult,
	Sleep,
	StructuredOutputMode,
	TokenUsage,
	Transport,
} from './types';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_MODEL = 'gpt-4o-mini';

export interface AzureOptions {
	/** The `api-version` query parameter, e.g. `2024-10-21`. */
	apiVersion?: string;
	/**
	 * Deployment name. With it the URL is `<baseUrl>/openai/deployments/<deployment>/chat/completions`
	 * (base URL `https://<resource>.openai.azure.com`); without it the base URL is used as is
	 * (Azure's v1 API, `https://<resource>.openai.azure.com/openai/v1`).
	 */
	deployment?: string;
}

export interface LlmClientOptions {
	transport: Transport;
	sleep: Sleep;
	/** Default `https://api.openai.com/v1`; Ollama `http://localhost:11434/v1`, LM Studio `http://localhost:1234/v1`. */
	baseUrl?: string;
	/** Default `gpt-4o-mini`. */
	model?: string;
	temperature?: number;
	/** Sent as `seed` (best-effort reproducibility on servers that support it). */
	seed?: number;
	/** Sent as `max_tokens` when set. */
	maxTokens?: number;
	/** Retries after the first request on 408/409/429/5xx, timeouts and network errors. Default 3. */
	maxRetries?: number;
	/** Per-request timeout handed to the transport. Default 60,000 ms. */
	timeoutMs?: number;
	backoff?: Partial<BackoffOptions>;
	/** A server asking to wait longer than this (Retry-After) fails the call instead. Default 60,000 ms. */
	maxRetryAfterMs?: number;
	/** Requests in flight at once. Default 4. */
	concurrency?: number;
	/**
	 * `auto` (default): json_schema structured output, falling back to JSON mode for the rest of this
	 * client's life when the server rejects json_schema with a 400 about response_format.
	 */
	structuredOutput?: 'auto' | StructuredOutputMode;
	azure?: AzureOptions;
	/** Price table (USD per 1M tokens) for cost estimates. Default {@link DEFAULT_PRICES}. */
	prices?: PriceTable;
	/** Seed of the backoff jitter. Default 0. */
	jitterSeed?: number | string;
	/** Per-execution cache of answers by prompt hash. Default true. */
	cache?: boolean;
	/** Extra request headers (authentication belongs to the transport/credential). */
	headers?: Record<string, string>;
	/** Clock for HTTP-date Retry-After values. Default `Date.now`. */
	now?: () => number;
}

export interface JsonCompletionRequest<T> {
	messages: ChatMessage[];
	/** Our zod schema: sent as JSON schema and used to validate the answer either way. */
	schema: ZodType<T, ZodTypeDef, unknown>;
	/** Name of the schema for response_format (letters, digits, `_`, `-`; at most 64). */
	schemaName: string;
	model?: string;
	temperature?: number;
	seed?: number;
	maxTokens?: number;
	/** Names from the input the PII guard refuses to send. */
	piiNames?: readonly string[];
}

export interface LlmClientStats {
	/** Answers returned (cached ones included). */
	completions: number;
	cacheHits: number;
	/** HTTP requests sent. */
	requests: number;
	retries: number;
	repairs: number;
	fallbacksToJsonMode: number;
	/** Tokens the model reported, over the answers that reported them. */
	promptTokens: number;
	completionTokens: number;
	/** Answers (not cached) for which the model reported no token usage: their tokens are unknown. */
	answersWithoutUsage: number;
	/** Sum of the known cost estimates. */
	costUsd: number;
	/** Answers whose model had no price. */
	unpricedCompletions: number;
}

interface SendOutcome {
	kind: 'ok' | 'rejectedResponseFormat';
	completion?: ChatCompletion;
	requests: number;
}

const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function zeroUsage(): TokenUsage {
	return { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
}

/** OpenAI-compatible Chat Completions client with structured output, retries, cache and costs. */
export class LlmClient {
	readonly model: string;
	readonly baseUrl: string;
	private readonly options: LlmClientOptions;
	private readonly limiter: Limiter;
	private readonly rng: Rng;
	private readonly backoff: BackoffOptions;
	private readonly prices: PriceTable;
	private readonly cache = new Map<string, Promise<LlmResult<unknown>>>();
	private readonly conversions = new WeakMap<object, JsonSchemaConversion>();
	private readonly schemaHashes = new WeakMap<object, string>();
	private mode: StructuredOutputMode;
	private readonly stats_: LlmClientStats = {
		completions: 0,
		cacheHits: 0,
		requests: 0,
		retries: 0,
		repairs: 0,
		fallbacksToJsonMode: 0,
		promptTokens: 0,
		completionTokens: 0,
		answersWithoutUsage: 0,
		costUsd: 0,
		unpricedCompletions: 0,
	};

	constructor(options: LlmClientOptions) {
		if (typeof options.transport !== 'function')
			throw new Error('LlmClient requires a transport function');
		if (typeof options.sleep !== 'function') throw new Error('LlmClient requires a sleep function');
		const maxRetries = options.maxRetries ?? 3;
		if (!Number.isInteger(maxRetries) || maxRetries < 0) {
			throw new Error(
				`maxRetries must be a non-negative integer, got ${String(options.maxRetries)}`,
			);
		}
		if (options.temperature !== undefined && (options.temperature < 0 || options.temperature > 2)) {
			throw new Error(`temperature must be between 0 and 2, got ${options.temperature}`);
		}
		this.options = options;
		this.model = options.model ?? DEFAULT_MODEL;
		this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
		if (!/^https?:\/\//.test(this.baseUrl)) {
			throw new Error(`baseUrl must start with http:// or https://, got "${this.baseUrl}"`);
		}
		this.limiter = createLimiter(options.concurrency ?? 4);
		this.rng = new Rng(options.jitterSeed ?? 0);
		this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
		this.prices = options.prices ?? DEFAULT_PRICES;
		this.mode = options.structuredOutput === 'jsonObject' ? 'jsonObject' : 'jsonSchema';
	}

	/** Running totals for this client (one per execution). */
	get stats(): Readonly<LlmClientStats> {
		return { ...this.stats_ };
	}

	/** Requests this client keeps in flight at most. */
	get concurrency(): number {
		return this.limiter.concurrency;
	}

	/** How structured output is currently requested (changes after a json_schema fallback). */
	get structuredOutputMode(): StructuredOutputMode {
		return this.mode;
	}

	/** URL of the chat completions endpoint (Azure deployment path and api-version applied). */
	chatCompletionsUrl(): string {
		const azure = this.options.azure;
		let url = `${this.baseUrl}/chat/completions`;
		if (azure?.deployment) {
			const root = this.baseUrl.replace(/\/openai$/, '');
			url = `${root}/openai/deployments/${encodeURIComponent(azure.deployment)}/chat/completions`;
		}
		if (azure?.apiVersion) url += `?api-version=${encodeURIComponent(azure.apiVersion)}`;
		return url;
	}

	/** The JSON schema sent for a zod schema (cached per schema object). */
	jsonSchemaFor(schema: ZodType<unknown, ZodTypeDef, unknown>): JsonSchemaConversion {
		let conversion = this.conversions.get(schema);
		if (!conversion) {
			conversion = zodToJsonSchema(schema, { openAiStrict: true });
			this.conversions.set(schema, conversion);
		}
		return conversion;
	}

	/** The cache key / provenance hash of a request. */
	promptHash<T>(request: JsonCompletionRequest<T>): string {
		let schemaHash = this.schemaHashes.get(request.schema);
		if (schemaHash === undefined) {
			schemaHash = contentHash(this.jsonSchemaFor(request.schema).schema, 32);
			this.schemaHashes.set(request.schema, schemaHash);
		}
		return contentHash({
			model: request.model ?? this.model,
			messages: request.messages,
			schemaName: request.schemaName,
			schemaHash,
			temperature: request.temperature ?? this.options.temperature,
			seed: request.seed ?? this.options.seed,
			maxTokens: request.maxTokens ?? this.options.maxTokens,
		});
	}

	/**
	 * One structured answer validated against `schema`. Same request twice in one client: one call.
	 * Throws {@link PiiError} before sending personal data, {@link LlmHttpError} /
	 * {@link LlmNetworkError} when the endpoint fails after retries, {@link LlmOutputError} when the
	 * answer is still invalid after one repair.
	 */
	async complete<T>(request: JsonCompletionRequest<T>): Promise<LlmResult<T>> {
		if (!Array.isArray(request.messages) || request.messages.length === 0) {
			throw new Error('complete requires at least one message');
		}
		if (!SCHEMA_NAME.test(request.schemaName)) {
			throw new Error(
				`schemaName must be 1-64 letters, digits, "_" or "-", got "${request.schemaName}"`,
			);
		}
		assertNoPii(request.messages, { names: request.piiNames });
		const hash = this.promptHash(request);
		const useCache = this.options.cache !== false;
		const existing = useCache ? this.cache.get(hash) : undefined;
		if (existing) {
			const first = (await existing) as LlmResult<T>;
			this.stats_.completions++;
			this.stats_.cacheHits++;
			return {
				...first,
				usage: zeroUsage(),
				usageReported: true,
				costUsd: first.costUsd === null ? null : 0,
				attempts: 0,
				cached: true,
			};
		}
		const promise = this.run(request, hash);
		if (useCache) {
			this.cache.set(hash, promise as Promise<LlmResult<unknown>>);
			promise.catch(() => this.cache.delete(hash));
		}
		return promise;
	}

	private async run<T>(request: JsonCompletionRequest<T>, hash: string): Promise<LlmResult<T>> {
		const model = request.model ?? this.model;
		const conversion = this.jsonSchemaFor(request.schema);
		let messages = request.messages.slice();
		let requests = 0;
		let repaired = false;
		const usage = zeroUsage();
		let usageKnown = true;
		let answeredModel = model;
		for (;;) {
			const mode = this.mode;
			const body = this.buildBody(model, messages, request, conversion, mode);
			const outcome = await this.send(body, mode, requests);
			requests = outcome.requests;
			if (outcome.kind === 'rejectedResponseFormat') {
				this.mode = 'jsonObject';
				this.stats_.fallbacksToJsonMode++;
				continue;
			}
			const completion = outcome.completion as ChatCompletion;
			if (typeof completion.model === 'string' && completion.model.length > 0) {
				answeredModel = completion.model;
			}
			const u = completion.usage;
			if (u && typeof u.prompt_tokens === 'number' && typeof u.completion_tokens === 'number') {
				usage.promptTokens += u.prompt_tokens;
				usage.completionTokens += u.completion_tokens;
				usage.totalTokens += u.total_tokens ?? u.prompt_tokens + u.completion_tokens;
			} else usageKnown = false;
			const choice = completion.choices[0];
			const content = choice.message.content;
			const parsed =
				typeof content === 'string'
					? parseAnswer(content, request.schema)
					: {
							ok: false as const,
							issues: [
								choice.message.refusal
									? `the model refused: ${choice.message.refusal}`
									: 'the answer has no content',
							],
						};
			if (parsed.ok) {
				const costUsd = usageKnown
					? (estimateCost(model, usage.promptTokens, usage.completionTokens, this.prices) ??
						estimateCost(answeredModel, usage.promptTokens, usage.completionTokens, this.prices))
					: null;
				this.stats_.completions++;
				this.stats_.promptTokens += usage.promptTokens;
				this.stats_.completionTokens += usage.completionTokens;
				if (!usageKnown) this.stats_.answersWithoutUsage++;
				if (costUsd === null) this.stats_.unpricedCompletions++;
				else this.stats_.costUsd += costUsd;
				return {
					data: parsed.value,
					usage,
					usageReported: usageKnown,
					costUsd,
					model: answeredModel,
					promptHash: hash,
					attempts: requests,
					cached: false,
					structuredOutput: mode,
					repaired,
				};
			}
			if (choice.finish_reason === 'length') {
				parsed.issues.push('the answer was cut off by the token limit (finish_reason "length")');
			}
			if (repaired) {
				throw new LlmOutputError(
					`The model's answer does not match the "${request.schemaName}" schema, even after one repair: ${parsed.issues.join('; ')}`,
					{ issues: parsed.issues, content: content ?? '', attempts: requests },
				);
			}
			repaired = true;
			this.stats_.repairs++;
			messages = [
				...request.messages,
				{ role: 'assistant', content: (content ?? '').slice(0, 4000) },
				{
					role: 'user',
					content:
						`Your previous answer could not be used: ${parsed.issues.join('; ')}. ` +
						'Reply again with only the corrected JSON object that matches the schema, keeping ' +
						'every rule from the instructions above.',
				},
			];
			assertNoPii(messages, { names: request.piiNames });
		}
	}

	private buildBody<T>(
		model: string,
		messages: ChatMessage[],
		request: JsonCompletionRequest<T>,
		conversion: JsonSchemaConversion,
		mode: StructuredOutputMode,
	): Record<string, unknown> {
		const body: Record<string, unknown> = { model };
		if (mode === 'jsonObject') {
			body.messages = [
				...messages,
				{
					role: 'system',
					content:
						'Answer with one JSON object only (no prose, no code fences) that matches this JSON Schema: ' +
						JSON.stringify(conversion.schema),
				},
			];
			body.response_format = { type: 'json_object' };
		} else {
			body.messages = messages;
			body.response_format = {
				type: 'json_schema',
				json_schema: {
					name: request.schemaName,
					schema: conversion.schema,
					strict: conversion.strictCompatible,
				},
			};
		}
		const temperature = request.temperature ?? this.options.temperature;
		if (temperature !== undefined) body.temperature = temperature;
		const seed = request.seed ?? this.options.seed;
		if (seed !== undefined) body.seed = seed;
		const maxTokens = request.maxTokens ?? this.options.maxTokens;
		if (maxTokens !== undefined) body.max_tokens = maxTokens;
		return body;
	}

	/** Send one body with retries; `requestsSoFar` counts requests of this completion. */
	private async send(
		body: Record<string, unknown>,
		mode: StructuredOutputMode,
		requestsSoFar: number,
	): Promise<SendOutcome> {
		const maxRetries = this.options.maxRetries ?? 3;
		const maxRetryAfterMs = this.options.maxRetryAfterMs ?? 60_000;
		const now = this.options.now ?? Date.now;
		let requests = requestsSoFar;
		for (let retry = 0; ; retry++) {
			let response: HttpResponse | null = null;
			let failure: unknown = null;
			requests++;
			this.stats_.requests++;
			try {
				response = await this.limiter(() =>
					this.options.transport({
						method: 'POST',
						url: this.chatCompletionsUrl(),
						body,
						headers: {
							'Content-Type': 'application/json',
							Accept: 'application/json',
							...this.options.headers,
						},
						timeoutMs: this.options.timeoutMs ?? 60_000,
					}),
				);
			} catch (error) {
				failure = error ?? new Error('transport rejected');
			}
			if (response === null) {
				const reason = failure instanceof Error ? failure.message : String(failure);
				if (retry >= maxRetries) {
					throw new LlmNetworkError(
						`The LLM endpoint ${this.chatCompletionsUrl()} could not be reached after ${requests} attempt(s): ${reason}`,
						requests,
					);
				}
				this.stats_.retries++;
				await this.options.sleep(backoffDelay(retry, this.rng, this.backoff));
				continue;
			}
			const status = response.statusCode;
			if (status >= 200 && status < 300) {
				const completion = asCompletion(response.body);
				if (completion) return { kind: 'ok', completion, requests };
				throw new LlmHttpError(
					`The LLM endpoint answered ${status} without a chat completion (no choices[0].message)`,
					{ statusCode: status, attempts: requests },
				);
			}
			const apiError = readApiError(response.body);
			if (
				status === 400 &&
				mode === 'jsonSchema' &&
				this.options.structuredOutput !== 'jsonSchema' &&
				mentionsResponseFormat(apiError)
			) {
				return { kind: 'rejectedResponseFormat', requests };
			}
			const shouldRetryHeader = headerValue(response.headers, 'x-should-retry');
			const retryable =
				shouldRetryHeader === 'true' ||
				(shouldRetryHeader !== 'false' && isRetryableStatus(status));
			if (retryable && retry < maxRetries) {
				const asked = parseRetryAfter(response.headers, now());
				if (asked !== null && asked > maxRetryAfterMs) {
					throw new LlmHttpError(
						`The LLM endpoint answered ${status} and asked to wait ${Math.ceil(asked / 1000)} s, longer than maxRetryAfterMs (${maxRetryAfterMs} ms): ${apiError.message}`,
						{ ...apiError, statusCode: status, attempts: requests },
					);
				}
				this.stats_.retries++;
				await this.options.sleep(asked ?? backoffDelay(retry, this.rng, this.backoff));
				continue;
			}
			const after = retryable ? ` after ${requests} attempt(s)` : '';
			throw new LlmHttpError(`The LLM endpoint answered ${status}${after}: ${apiError.message}`, {
				...apiError,
				statusCode: status,
				attempts: requests,
			});
		}
	}
}

function headerValue(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function asCompletion(raw: unknown): ChatCompletion | null {
	const body = parseBody(raw) as ChatCompletion | null;
	if (
		!body ||
		typeof body !== 'object' ||
		!Array.isArray(body.choices) ||
		body.choices.length === 0
	) {
		return null;
	}
	const message = body.choices[0]?.message;
	if (!message || typeof message !== 'object') return null;
	return body;
}

interface ApiError {
	message: string;
	type: string | null;
	code: string | null;
	param: string | null;
}

function readApiError(raw: unknown): ApiError {
	const body = parseBody(raw);
	if (body && typeof body === 'object' && 'error' in body) {
		const e = (body as { error: unknown }).error;
		if (e && typeof e === 'object') {
			const o = e as Record<string, unknown>;
			return {
				message: typeof o.message === 'string' ? o.message : JSON.stringify(e),
				type: typeof o.type === 'string' ? o.type : null,
				code: typeof o.code === 'string' ? o.code : null,
				param: typeof o.param === 'string' ? o.param : null,
			};
		}
		if (typeof e === 'string') return { message: e, type: null, code: null, param: null };
	}
	const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
	return { message: text.slice(0, 500), type: null, code: null, param: null };
}

function mentionsResponseFormat(error: ApiError): boolean {
	const text = `${error.message} ${error.param ?? ''} ${error.code ?? ''}`.toLowerCase();
	return /response_format|json_schema|structured output/.test(text);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/** Parse a model answer as JSON (tolerating code fences and surrounding prose) and validate it. */
export function parseAnswer<T>(
	content: string,
	schema: ZodType<T, ZodTypeDef, unknown>,
): Parsed<T> {
	let text = content.trim();
	const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(text);
	if (fenced) text = fenced[1];
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const start = text.indexOf('{');
		const end = text.lastIndexOf('}');
		let recovered = false;
		if (start >= 0 && end > start) {
			try {
				value = JSON.parse(text.slice(start, end + 1));
				recovered = true;
			} catch {
				recovered = false;
			}
		}
		if (!recovered) {
			const reason = error instanceof Error ? error.message : String(error);
			return { ok: false, issues: [`the answer is not valid JSON (${reason})`] };
		}
	}
	const result = schema.safeParse(value);
	if (result.success) return { ok: true, value: result.data };
	return {
		ok: false,
		issues: result.error.issues
			.slice(0, 10)
			.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`),
	};
}
