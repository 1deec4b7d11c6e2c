import type { JsonObject, RecordedRequest } from './google-ads-server';

export type MetaFault =
	| { on: 'get' | 'post' | 'any'; kind: 'rateLimit'; code?: number; regainMinutes?: number; times?: number }
	| { on: 'get' | 'post' | 'any'; kind: 'serverError' | 'drop'; times?: number }
	| { on: 'post'; kind: 'commitThenDrop'; times?: number };

export interface MetaAccountState {
	id: string;
	currency: string;
	campaigns: JsonObject[];
	adsets: JsonObject[];
	adcreatives: JsonObject[];
	ads: JsonObject[];
}

export interface MetaServer {
	start(): Promise<string>;
	stop(): Promise<void>;
	requests: RecordedRequest[];
	inject(fault: MetaFault): void;
	account(id: string): MetaAccountState;
	addInsights(accountId: string, adId: string, date: string, metrics: JsonObject): void;
	duplicates(accountId: string): string[];
}

export function createMetaServer(options?: {
	accessToken?: string;
	accounts?: Array<{ id: string; name?: string; currency?: string }>;
	versions?: string[];
	pages?: string[];
}): MetaServer;
