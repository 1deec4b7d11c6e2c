/**
 * The one list of data sources the package reads, in storage order (the Journey Mapper stores a
 * source as its index here), with the name each goes by in the editor and in reports.
 */
export const SOURCE_NAMES = [
	'hubspot',
	'salesforce',
	'ga4',
	'mailchimp',
	'metaAds',
	'shopify',
	'support',
	'custom',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** What each source's records are, as a label. */
export const SOURCE_LABELS: Record<SourceName, string> = {
	hubspot: 'HubSpot Contacts',
	salesforce: 'Salesforce Contacts or Leads',
	ga4: 'GA4 Events (BigQuery Export)',
	mailchimp: 'Mailchimp Member Activity',
	metaAds: 'Meta Ads Insights',
	shopify: 'Shopify Orders',
	support: 'Support Tickets',
	custom: 'Custom Mapping',
};
