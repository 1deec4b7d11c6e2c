import type { RequestFn } from '../../lib/deploy/platformHttp';

export function createRequestFn(baseUrl: string, headers: Record<string, string>, options?: { timeoutMs?: number }): RequestFn;
