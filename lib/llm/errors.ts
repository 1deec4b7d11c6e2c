/** Base class of every error the LLM client throws. */
export class LlmError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LlmError';
	}
}

/**
 * The LlmError behind `error`: the error itself or the first one in its `cause` chain (lib code that
 * adds context wraps the client's error as `cause`). Undefined when no model call is at fault.
 */
export function findLlmError(error: unknown): LlmError | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current instanceof Error && !seen.has(current)) {
		if (current instanceof LlmError) return current;
		seen.add(current);
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** The endpoint answered with an error status (after retries, where the status was retryable). */
export class LlmHttpError extends LlmError {
	readonly statusCode: number;
	readonly type: string | null;
	readonly code: string | null;
	readonly param: string | null;
	readonly attempts: number;
	/** The provider's own error message (`error.message` of the answer), when it sent one. */
	readonly providerMessage: string | null;

	constructor(
		message: string,
		details: {
			statusCode: number;
			message?: string | null;
			type?: string | null;
			code?: string | null;
			param?: string | null;
			attempts: number;
		},
	) {
		super(message);
		this.name = 'LlmHttpError';
		this.statusCode = details.statusCode;
		this.type = details.type ?? null;
		this.code = details.code ?? null;
		this.param = details.param ?? null;
		this.attempts = details.attempts;
		this.providerMessage = details.message ?? null;
	}
}

/** The endpoint could not be reached (network error or timeout), after retries. */
export class LlmNetworkError extends LlmError {
	readonly attempts: number;

	constructor(message: string, attempts: number) {
		super(message);
		this.name = 'LlmNetworkError';
		this.attempts = attempts;
	}
}

/** The model's answer was not valid JSON or did not match the schema, even after one repair. */
export class LlmOutputError extends LlmError {
	readonly issues: string[];
	/** The last answer (truncated to 2,000 characters). */
	readonly content: string;
	readonly attempts: number;

	constructor(message: string, details: { issues: string[]; content: string; attempts: number }) {
		super(message);
		this.name = 'LlmOutputError';
		this.issues = details.issues;
		this.content = details.content.slice(0, 2000);
		this.attempts = details.attempts;
	}
}
