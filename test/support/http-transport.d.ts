import type { Sleep, Transport } from '../../lib/llm/types';

export function createHttpTransport(options?: {
	apiKey?: string;
	headers?: Record<string, string>;
}): Transport;

export const realSleep: Sleep;
