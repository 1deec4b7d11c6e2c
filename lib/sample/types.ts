import { SOURCE_NAMES, type SourceName } from '../util/sources';

/** The sources the sample company exports, each in its native shape (no Salesforce, no custom). */
export type SampleSource = Exclude<SourceName, 'salesforce' | 'custom'>;

export const SAMPLE_SOURCES: readonly SampleSource[] = SOURCE_NAMES.filter(
	(s): s is SampleSource => s !== 'salesforce' && s !== 'custom',
);

export interface SampleDataOptions {
	/** Seed of the generator (default 42). The same options always give byte-identical records. */
	seed?: number;
	/** Number of CRM customers (default 500). Anonymous web visitors come on top (about 20%). */
	customers?: number;
	/** Sources to emit (default all). The simulated world is the same whichever sources are emitted. */
	sources?: SampleSource[];
	/** End of the observed period, ISO 8601 (default 2026-10-31T23:59:59.000Z; never the clock). */
	endDate?: string;
	/** Length of the observed period in days (default 90). */
	days?: number;
}

export type SampleGroup = 'premium_loyalists' | 'deal_seekers' | 'browsers' | 'lapsed';

export const SAMPLE_GROUPS: readonly SampleGroup[] = [
	'premium_loyalists',
	'deal_seekers',
	'browsers',
	'lapsed',
];

export interface SampleGroupTruth {
	count: number;
	/** HubSpot contact ids of the group's customers. */
	customerIds: string[];
	emails: string[];
	/** Customers of the group with at least one order in the observed period. */
	convertedInPeriod: number;
	/** Orders of the group's customers (all time, as emitted by Shopify). */
	orders: number;
	revenue: number;
	/** Sessions in the observed period. */
	sessions: number;
	emailClicks: number;
}

/** What the generator planted, so tests can check that analysis finds it. */
export interface SampleTruth {
	seed: number;
	customers: number;
	anonymousVisitors: number;
	startDate: string;
	endDate: string;
	/** The channel that really drives conversion (email clicks). */
	decisiveChannel: 'email';
	/** The funnel step with the planted drop-off (shipping cost shown at checkout). */
	worstFunnelStep: { from: 'add_to_cart'; to: 'begin_checkout' };
	funnelSteps: string[];
	groups: Record<SampleGroup, SampleGroupTruth>;
	consentWithheld: { count: number; customerIds: string[]; emails: string[]; records: number };
	/** Every PII string the generator emitted: names, emails, phones, addresses, notes, free text. */
	piiValues: string[];
	/** Records that are deliberately broken (missing id, bad timestamp ...). */
	malformedRecords: number;
	malformedBySource: Record<SampleSource, number>;
	/** Exact copies of an emitted event (same customer, event, timestamp, source). */
	duplicateEvents: number;
	duplicatesBySource: Record<SampleSource, number>;
	/** In-period conversion of CRM customers by whether an email click touched them. */
	conversionByEmailClick: {
		clicked: { customers: number; converted: number; rate: number };
		notClicked: { customers: number; converted: number; rate: number };
	};
	/** Customers whose deepest in-period funnel step was each step (CRM and anonymous). */
	funnelDepth: Record<string, number>;
	/** Support tickets tagged shipping_cost (they explain the planted drop-off). */
	shippingCostTickets: number;
	orders: number;
	revenue: number;
	metaAdsSpend: number;
}

export interface SampleData {
	records: Record<string, unknown>[];
	truth: SampleTruth;
	counts: Record<SampleSource, number>;
}
