/**
 * A connected chat model (n8n's Chat Model sub-nodes hand out LangChain chat models) as the
 * {@link Transport} of an {@link LlmClient}: the client keeps building the same prompts, applying
 * the same PII guard, validation, repair and cache; only the last hop, "send this chat completion
 * request", goes to the model's `invoke` instead of HTTP. Retrying a failed request is the model's
 * own business there (see {@link CHAT_MODEL_CLIENT_RETRIES}).
 *
 * The model is described structurally (no LangChain import): anything with `invoke(messages)`
 * resolving to `{ content }` works, and `withStructuredOutput(schema, { includeRaw: true })` is used
 * for json_schema requests when the model has it. A model without it answers a json_schema request
 * with a 400 about response_format, so the client falls back to JSON mode (schema in the prompt),
 * parses and repairs as it does for any OpenAI-compatible server that lacks structured output.
 */
import type { LlmClientOptions } from './client';
import { LlmNetworkError } from './errors';
import type { ChatCompletion, HttpRequest, HttpResponse, Transport } from './types';

/** What LangChain's `BaseMessage.content` may be: text or a list of content parts. */
export type ChatModelContent = string | Array<{ type?: string; text?: string } | string>;

/** The parts of a LangChain AIMessage this package reads. */
export interface ChatModelMessage {
	content?: ChatModelContent;
	/** LangChain's provider-independent usage. */
	usage_metadata?: { input_tokens?: number; output_tokens?: number; total_tokens?: number };
	/** Provider-specific metadata; token usage under `tokenUsage` or `usage` on some providers. */
	response_metadata?: Record<string, unknown>;
}

export interface ChatModelInputMessage {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

/** A LangChain chat model, structurally. */
export interface ChatModelLike {
	invoke(messages: ChatModelInputMessage[], options?: unknown): Promise<ChatModelMessage>;
	withStructuredOutput?: (
		schema: Record<string, unknown>,
		config?: { name?: string; includeRaw?: boolean; strict?: boolean },
	) => { invoke(messages: ChatModelInputMessage[], options?: unknown): Promise<unknown> };
	/** Model name, when the object carries one (LangChain: `model` or `modelName`). */
	model?: unknown;
	modelName?: unknown;
}

/** True for objects that can be used as a chat model. */
export function isChatModelLike(value: unknown): value is ChatModelLike {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { invoke?: unknown }).invoke === 'function'
	);
}

/** The name the connected model gives itself, or a generic label. */
export function chatModelName(model: ChatModelLike): string {
	for (const candidate of [model.model, model.modelName]) {
		if (typeof candidate === 'string' && candidate.length > 0) return candidate;
	}
	return 'connected-chat-model';
}

/** The base URL the client names in its messages for a connected model: a label, never requested. */
export const CHAT_MODEL_BASE_URL = 'http://connected-chat-model';

/**
 * The retry rule for a connected chat model: the client sends each request to the model once and
 * does not retry its transport failures (an error with an HTTP status such as 429 or 500, a
 * network error, a timeout). A LangChain chat model already retries those itself: its AsyncCaller
 * retries 429, 5xx and network errors with exponential backoff, `maxRetries` times (LangChain's
 * default 6; n8n's OpenAI Chat Model sets it from its own "Max Retries" option, default 2). Retrying
 * again here would turn one failing request into (client retries + 1) x (model retries + 1) calls
 * and make the user wait through both backoffs, so the sub-node's setting is the only one that
 * governs this path. Not transport retries, and so still done by the client: the fallback from
 * json_schema to JSON mode when the model has no structured output, and the one repair request
 * after an answer that is not valid JSON or breaks the schema.
 */
export const CHAT_MODEL_CLIENT_RETRIES = 0;

/**
 * The {@link LlmClientOptions} that make an {@link LlmClient} write with a connected chat model:
 * its transport, the label base URL, the model's own name and the retry rule
 * ({@link CHAT_MODEL_CLIENT_RETRIES}). Callers add concurrency, prices, sleep and the like, not
 * `maxRetries`.
 */
export function chatModelClientOptions(
	model: ChatModelLike,
): Required<Pick<LlmClientOptions, 'transport' | 'baseUrl' | 'model' | 'maxRetries'>> {
	return {
		transport: chatModelTransport(model),
		baseUrl: CHAT_MODEL_BASE_URL,
		model: chatModelName(model),
		maxRetries: CHAT_MODEL_CLIENT_RETRIES,
	};
}

function textOf(content: ChatModelContent | undefined): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : ''))
		.join('');
}

function num(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Token usage from `usage_metadata` (LangChain), else `response_metadata.tokenUsage` (OpenAI in
 * LangChain) or `response_metadata.usage` (OpenAI / Anthropic shapes); undefined when the model
 * reports none, so the client counts the answer's usage as unknown (no cost estimate).
 */
export function chatModelUsage(message: ChatModelMessage | undefined): ChatCompletion['usage'] {
	if (!message) return undefined;
	const u = message.usage_metadata;
	if (u && num(u.input_tokens) !== undefined && num(u.output_tokens) !== undefined) {
		return {
			prompt_tokens: u.input_tokens,
			completion_tokens: u.output_tokens,
			total_tokens: num(u.total_tokens) ?? (u.input_tokens as number) + (u.output_tokens as number),
		};
	}
	const meta = message.response_metadata ?? {};
	const tu = meta.tokenUsage as Record<string, unknown> | undefined;
	if (tu && num(tu.promptTokens) !== undefined && num(tu.completionTokens) !== undefined) {
		return {
			prompt_tokens: tu.promptTokens as number,
			completion_tokens: tu.completionTokens as number,
			total_tokens: num(tu.totalTokens),
		};
	}
	const usage = meta.usage as Record<string, unknown> | undefined;
	if (usage) {
		const prompt = num(usage.prompt_tokens) ?? num(usage.input_tokens);
		const completion = num(usage.completion_tokens) ?? num(usage.output_tokens);
		if (prompt !== undefined && completion !== undefined) {
			return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: num(usage.total_tokens) };
		}
	}
	return undefined;
}

function answeredModelName(message: ChatModelMessage | undefined, fallback: string): string {
	const meta = message?.response_metadata ?? {};
	for (const key of ['model_name', 'model', 'modelName']) {
		const value = meta[key];
		if (typeof value === 'string' && value.length > 0) return value;
	}
	return fallback;
}

/**
 * An HTTP status carried by a provider SDK error (`status`, `statusCode` or `response.status`), or
 * by n8n's NodeApiError (`httpCode`, a string) that n8n's Chat Model sub-nodes throw once their own
 * retries are spent, looking through the `cause` chain.
 */
function statusOf(error: unknown): number | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (typeof current === 'object' && current !== null && !seen.has(current)) {
		seen.add(current);
		const e = current as {
			status?: unknown;
			statusCode?: unknown;
			httpCode?: unknown;
			response?: { status?: unknown };
			cause?: unknown;
		};
		const httpCode = typeof e.httpCode === 'string' && /^\d{3}$/.test(e.httpCode) ? Number(e.httpCode) : e.httpCode;
		for (const candidate of [e.status, e.statusCode, httpCode, e.response?.status]) {
			if (typeof candidate === 'number' && candidate >= 400 && candidate < 600) return candidate;
		}
		current = e.cause;
	}
	return undefined;
}

function completionResponse(content: string, message: ChatModelMessage | undefined, model: string): HttpResponse {
	const body: ChatCompletion = {
		object: 'chat.completion',
		model: answeredModelName(message, model),
		choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
	};
	const usage = chatModelUsage(message);
	if (usage) body.usage = usage;
	return { statusCode: 200, headers: {}, body };
}

function errorResponse(statusCode: number, message: string, code?: string): HttpResponse {
	return { statusCode, headers: {}, body: { error: { message, type: 'chat_model_error', code: code ?? null } } };
}

function toModelMessages(messages: unknown): ChatModelInputMessage[] {
	if (!Array.isArray(messages)) return [];
	return messages.map((m: { role?: string; content?: unknown }) => ({
		// LangChain knows system / user (human) / assistant (ai); OpenAI's developer role is a system message.
		role: m.role === 'assistant' ? 'assistant' : m.role === 'user' ? 'user' : 'system',
		content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
	}));
}

/**
 * A transport that answers the client's chat completion requests with the connected model.
 * Sampling options in the request (temperature, seed, max_tokens) are not applied: the model's own
 * sub-node settings decide them. Errors the model throws with an HTTP status come back as that
 * status (the client's error mapping applies); others reject like a network failure. Either way
 * the model has already retried as its settings say: use {@link chatModelClientOptions}, so the
 * client does not retry them again.
 */
export function chatModelTransport(model: ChatModelLike): Transport {
	const name = chatModelName(model);
	return async (req: HttpRequest): Promise<HttpResponse> => {
		const body = (req.body ?? {}) as {
			messages?: unknown;
			response_format?: { type?: string; json_schema?: { name?: string; schema?: Record<string, unknown>; strict?: boolean } };
		};
		const messages = toModelMessages(body.messages);
		const format = body.response_format;
		let failure: unknown;
		try {
			if (format?.type === 'json_schema') {
				if (typeof model.withStructuredOutput !== 'function') {
					return errorResponse(400, 'This chat model does not support response_format json_schema (no withStructuredOutput)', 'unsupported_response_format');
				}
				let structured: ReturnType<NonNullable<ChatModelLike['withStructuredOutput']>>;
				try {
					structured = model.withStructuredOutput(format.json_schema?.schema ?? {}, {
						name: format.json_schema?.name,
						includeRaw: true,
					});
				} catch (error) {
					// LangChain's base class throws when a model has no tool calling: JSON mode then.
					const reason = error instanceof Error ? error.message : String(error);
					return errorResponse(400, `This chat model does not support response_format json_schema: ${reason}`, 'unsupported_response_format');
				}
				const answer = (await structured.invoke(messages)) as
					| { raw?: ChatModelMessage; parsed?: unknown }
					| undefined;
				const raw = answer?.raw;
				// A parsed object is the answer; without one the raw text goes to validation and repair.
				const content =
					answer?.parsed !== undefined && answer.parsed !== null
						? JSON.stringify(answer.parsed)
						: textOf(raw?.content);
				return completionResponse(content, raw, name);
			}
			const answer = await model.invoke(messages);
			return completionResponse(textOf(answer?.content), answer, name);
		} catch (error) {
			failure = error;
		}
		const status = statusOf(failure);
		const message = failure instanceof Error ? failure.message : String(failure);
		// Without a status it is a connection-level failure, reported as one.
		if (status === undefined) throw new LlmNetworkError(`The connected chat model failed: ${message}`, 1);
		return errorResponse(status, message);
	};
}
