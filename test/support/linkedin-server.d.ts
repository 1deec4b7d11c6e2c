import type { JsonObject, RecordedRequest } from './google-ads-server';

export type LinkedInFault =
	| { on: 'get' | 'post' | 'any'; kind: 'rateLimit'; retryAfter?: number; times?: number }
	| { on: 'get' | 'post' | 'any'; kind: 'serverError'; times?: number }
	| { on: 'post'; kind: 'commitThenDrop'; times?: number };

export interface LinkedInServer {
	start(): Promise<string>;
	stop(): Promise<void>;
	requests: RecordedRequest[];
	inject(fault: LinkedInFault): void;
	account(id: string): { groups: JsonObject[]; campaigns: JsonObject[]; creatives: JsonObject[] };
	addAnalytics(accountId: string, creative: string, date: string, metrics: JsonObject): void;
	duplicates(accountId: string): string[];
}

export function createLinkedInServer(options?: { accessToken?: string; accounts?: Array<string | { id: string; name?: string; status?: string }>; versions?: string[]; organizations?: string[] }): LinkedInServer;
export function parseRestli(text: string): unknown;
