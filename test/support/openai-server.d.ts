export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	fault: string | null;
	at: number;
}

export type FaultKind =
	| 'rate_limit'
	| 'server_error'
	| 'unavailable'
	| 'slow'
	| 'malformed'
	| 'schema';

export interface Fault {
	kind: FaultKind;
	/** Retry-After header value (seconds or an HTTP date). */
	retryAfter?: string | number;
	/** retry-after-ms header value. */
	retryAfterMs?: number;
	/** Delay before this answer (slow faults; overrides the server latency). */
	latencyMs?: number;
}

export interface FaultContext {
	chatIndex: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	headers: Record<string, string | string[] | undefined>;
	record: RecordedRequest;
}

export interface FaultOptions {
	plan?: Array<Fault | null>;
	fn?: (ctx: FaultContext) => Fault | null | undefined;
	rate?: number;
	kinds?: FaultKind[];
	seed?: number;
	retryAfterSeconds?: number;
	slowMs?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Responder = (body: any, ctx: FaultContext) => unknown;

export interface OpenAiServerOptions {
	apiKey?: string;
	responder?: Responder;
	latencyMs?: number;
	rejectJsonSchema?: boolean;
	faults?: FaultOptions;
	models?: string[];
}

export interface OpenAiServer {
	port: number;
	origin: string;
	baseUrl: string;
	apiKey: string;
	readonly requests: RecordedRequest[];
	readonly chatRequests: RecordedRequest[];
	readonly maxInFlight: number;
	readonly inFlight: number;
	setResponder(fn: Responder): void;
	setFaults(faults: FaultOptions | null): void;
	setLatency(ms: number): void;
	setRejectJsonSchema(flag: boolean): void;
	reset(): void;
	close(): Promise<void>;
}

export function startOpenAiServer(options?: OpenAiServerOptions): Promise<OpenAiServer>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function validateChatBody(body: any): { error: Record<string, unknown> } | null;
export function strictSchemaProblem(schema: unknown, path: string): string | null;
/** A responder's answer that calls tools: sent as `tool_calls` with `finish_reason: "tool_calls"`. */
export interface ToolCallsAnswer {
	calls: Array<{ name: string; arguments: object | string; id?: string }>;
}
export function toolCalls(calls: Array<{ name: string; arguments: object | string; id?: string }>): ToolCallsAnswer;
