export interface JsonObject {
	[key: string]: unknown;
}

export interface RecordedRequest {
	method: string;
	url: string;
	headers: Record<string, string | string[] | undefined>;
	body: JsonObject | undefined;
}

interface Stored {
	resourceName: string;
	status: string;
	[key: string]: unknown;
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
	budgets: Array<Stored & { name: string; amountMicros: string }>;
	campaigns: Array<Stored & { name: string; campaignBudget: string }>;
	adGroups: Array<Stored & { name: string; campaign: string }>;
	criteria: Array<Stored & { adGroup: string; keyword: { text: string; matchType: string } }>;
	adGroupAds: Array<Stored & { adGroup: string; ad: { id: string; finalUrls: string[]; responsiveSearchAd: JsonObject } }>;
	metrics: Array<{ adGroupAd: string; date: string; metrics: JsonObject }>;
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

/** The Journey Ads Google Ads OAuth2 credential's data, pointed at a local server. */
export function googleAdsCredentials(baseUrl: string, accessToken?: string): Record<string, JsonObject>;
