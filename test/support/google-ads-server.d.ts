export interface RecordedRequest {
	method: string;
	url: string;
	headers: Record<string, string | string[] | undefined>;
	body: any;
}

export type GoogleAdsFault =
	| { on: 'search' | 'mutate' | 'any'; kind: 'rateLimit'; retryDelay?: string; times?: number }
	| { on: 'search' | 'mutate' | 'any'; kind: 'serverError'; status?: number; times?: number }
	| { on: 'search' | 'mutate' | 'any'; kind: 'drop'; times?: number }
	| { on: 'mutate'; kind: 'commitThenDrop'; times?: number }
	| { on: 'mutate'; kind: 'partial'; keyword: string; times?: number };

export interface GoogleAdsCustomerState {
	id: string;
	currencyCode: string;
	budgets: any[];
	campaigns: any[];
	adGroups: any[];
	criteria: any[];
	adGroupAds: any[];
	metrics: any[];
}

export interface GoogleAdsServer {
	start(): Promise<string>;
	stop(): Promise<void>;
	requests: RecordedRequest[];
	inject(fault: GoogleAdsFault): void;
	customer(id: string): GoogleAdsCustomerState;
	addMetrics(adGroupAd: string, date: string, metrics: Record<string, string | number>): void;
	duplicates(id: string): string[];
}

export function createGoogleAdsServer(options?: {
	accessToken?: string;
	developerToken?: string;
	loginCustomerId?: string;
	customers?: Array<{ id: string; currencyCode?: string; descriptiveName?: string }>;
	versions?: string[];
	snakeCaseErrors?: boolean;
}): GoogleAdsServer;

export function parseGaql(query: string): { select: string[]; from: string; where: Array<{ f: string; op: string; v: unknown }> };
