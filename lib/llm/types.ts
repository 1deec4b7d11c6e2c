/** What the injected transport returns: the full HTTP response, whatever its status. */
export interface HttpResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export interface HttpRequest {
	method: 'POST' | 'GET';
	url: string;
	body?: unknown;
	headers?: Record<string, string>;
	timeoutMs?: number;
}

/**
 * Sends one HTTP request. Resolves with the response for every status code; rejects only on network
 * errors and timeouts. In a node: `httpRequestWithAuthentication` with `returnFullResponse: true,
 * ignoreHttpStatusErrors: true, json: true` (authentication comes from the credential).
 */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

/** Waits `ms` milliseconds. In a node: n8n-workflow's `sleep`; in tests: a recorder. */
export type Sleep = (ms: number) => Promise<void>;

export type ChatRole = 'system' | 'user' | 'assistant' | 'developer';

export interface ChatMessage {
	role: ChatRole;
	content: string;
}

export interface TokenUsage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
}

/** One structured answer and what it cost. */
export interface LlmResult<T> {
	data: T;
	/** The tokens the model reported for this answer (0 for a cached answer: nothing was spent). */
	usage: TokenUsage;
	/**
	 * False when the model did not report token usage for a request of this answer (its first
	 * call or its repair): `usage` then counts only what was reported, and the rest is unknown.
	 */
	usageReported: boolean;
	/** Estimated from the price table; null when the model is not in the table or usage is missing. */
	costUsd: number | null;
	/** The model the server says answered (falls back to the requested model). */
	model: string;
	/** Hash of model + messages + schema + sampling options: the cache key and provenance id. */
	promptHash: string;
	/** HTTP requests made for this answer (retries and the repair included); 0 when cached. */
	attempts: number;
	cached: boolean;
	/** How structured output was requested for the answer that was accepted. */
	structuredOutput: StructuredOutputMode;
	/** True when the first answer failed validation and the repair answer was accepted. */
	repaired: boolean;
}

/** `jsonSchema`: response_format json_schema; `jsonObject`: JSON mode with the schema in the prompt. */
export type StructuredOutputMode = 'jsonSchema' | 'jsonObject';

/** The parts of an OpenAI chat completion response we read. */
export interface ChatCompletion {
	id?: string;
	object?: string;
	created?: number;
	model?: string;
	choices: Array<{
		index?: number;
		message: { role?: string; content: string | null; refusal?: string | null };
		finish_reason?: string | null;
	}>;
	usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}
