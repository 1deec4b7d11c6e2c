/** Normalising source/medium pairs, CRM source fields and free text to the package's channel names. */

/** Sources that are social networks (compared lower-cased and trimmed). */
export const SOCIAL_SOURCES: readonly string[] = [
	'facebook',
	'fb',
	'instagram',
	'ig',
	'meta',
	'tiktok',
	'linkedin',
	'pinterest',
	'snapchat',
	'twitter',
	'x',
	'reddit',
	'youtube',
	'facebook.com',
	'm.facebook.com',
	'l.facebook.com',
	'instagram.com',
	'l.instagram.com',
	'linkedin.com',
	't.co',
	'pinterest.com',
	'tiktok.com',
];

/** Known mediums (compared lower-cased and trimmed) and their channels. */
export const MEDIUM_CHANNEL: Readonly<Record<string, string>> = {
	email: 'email',
	'e-mail': 'email',
	newsletter: 'email',
	organic: 'organic_search',
	referral: 'referral',
	social: 'organic_social',
	'social-network': 'organic_social',
	'social-media': 'organic_social',
	sm: 'organic_social',
	social_organic: 'organic_social',
	paid_social: 'paid_social',
	paidsocial: 'paid_social',
	'paid-social': 'paid_social',
	social_paid: 'paid_social',
	display: 'display',
	banner: 'display',
	cpm: 'display',
	affiliate: 'affiliate',
	affiliates: 'affiliate',
	cpc: 'paid_search',
	ppc: 'paid_search',
	paidsearch: 'paid_search',
	paid_search: 'paid_search',
	'(none)': 'direct',
	none: 'direct',
	'': 'direct',
};

/**
 * One rule of the source/medium classifier: every condition given must hold. Source and medium are
 * compared trimmed and lower-cased.
 */
export interface SourceMediumRule {
	/** The source is one of these. */
	sourceIn?: readonly string[];
	/** The source is (true) one of SOCIAL_SOURCES. */
	sourceSocial?: true;
	/** The medium is one of these. */
	mediumIn?: readonly string[];
	/** The medium contains each of these. */
	mediumContains?: readonly string[];
	channel: string;
}

const mediumsOf = (channel: string): string[] =>
	Object.keys(MEDIUM_CHANNEL).filter((m) => MEDIUM_CHANNEL[m] === channel);
const NOT_SET = ['(not set)', '(data deleted)'];

/**
 * The source/medium classifier as data, first match wins; no match: the medium, normalised
 * (normaliseChannel). The in-process classifier evaluates these rules and the warehouse SQL is
 * generated from them, so both classify alike.
 */
export const SOURCE_MEDIUM_RULES: readonly SourceMediumRule[] = [
	{ sourceIn: ['(direct)'], mediumIn: ['(none)', '', '(not set)'], channel: 'direct' },
	// Paid mediums from social sources are paid social; referrals from social sites organic social.
	{ mediumIn: mediumsOf('paid_search'), sourceSocial: true, channel: 'paid_social' },
	{ mediumIn: mediumsOf('referral'), sourceSocial: true, channel: 'organic_social' },
	...[...new Set(Object.values(MEDIUM_CHANNEL))].map((channel) => ({
		mediumIn: mediumsOf(channel),
		channel,
	})),
	{ mediumContains: ['email'], channel: 'email' },
	{ mediumContains: ['social', 'paid'], channel: 'paid_social' },
	{ mediumContains: ['social'], channel: 'organic_social' },
	{ mediumIn: NOT_SET, sourceSocial: true, channel: 'organic_social' },
	{ mediumIn: NOT_SET, channel: 'direct' },
];

const SOCIAL_SET = new Set(SOCIAL_SOURCES);
const COMPILED = SOURCE_MEDIUM_RULES.map((r) => ({
	sourceIn: r.sourceIn ? new Set(r.sourceIn) : null,
	sourceSocial: r.sourceSocial === true,
	mediumIn: r.mediumIn ? new Set(r.mediumIn) : null,
	mediumContains: r.mediumContains ?? [],
	channel: r.channel,
}));

/**
 * Channel of a session from its UTM / GA4 source and medium, by SOURCE_MEDIUM_RULES. Paid mediums
 * from social sources are paid_social; referrals from social sites are organic_social; unknown
 * mediums are kept, normalised.
 */
export function channelFromSourceMedium(source: string, medium: string): string {
	return computeChannel(source, medium);
}

/**
 * channelFromSourceMedium remembered per (medium, source) pair, for a loop over millions of events.
 * One instance per run (the ingestor owns it), never one per module: a module-level cache would
 * outlive the execution and grow in a long-running n8n main or worker.
 */
export class ChannelLookup {
	private readonly byMedium = new Map<string, Map<string, string>>();

	channel(source: string, medium: string): string {
		let bySource = this.byMedium.get(medium);
		if (bySource === undefined) {
			bySource = new Map();
			if (this.byMedium.size < 10_000) this.byMedium.set(medium, bySource);
		}
		let channel = bySource.get(source);
		if (channel === undefined) {
			channel = computeChannel(source, medium);
			if (bySource.size < 10_000) bySource.set(source, channel);
		}
		return channel;
	}
}

function computeChannel(sourceRaw: string, mediumRaw: string): string {
	const source = sourceRaw.trim().toLowerCase();
	const medium = mediumRaw.trim().toLowerCase();
	const social = SOCIAL_SET.has(source);
	for (const r of COMPILED) {
		if (r.sourceIn !== null && !r.sourceIn.has(source)) continue;
		if (r.sourceSocial && !social) continue;
		if (r.mediumIn !== null && !r.mediumIn.has(medium)) continue;
		if (!r.mediumContains.every((part) => medium.includes(part))) continue;
		return r.channel;
	}
	return normaliseChannel(medium);
}

/** Lower case, runs of non-alphanumerics to `_`; empty becomes `other`. */
export function normaliseChannel(value: string): string {
	const s = value
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return s.length === 0 ? 'other' : s.slice(0, 60);
}

const HUBSPOT_SOURCES: Record<string, string> = {
	ORGANIC_SEARCH: 'organic_search',
	PAID_SEARCH: 'paid_search',
	EMAIL_MARKETING: 'email',
	SOCIAL_MEDIA: 'organic_social',
	PAID_SOCIAL: 'paid_social',
	DIRECT_TRAFFIC: 'direct',
	REFERRALS: 'referral',
	OTHER_CAMPAIGNS: 'other',
	OFFLINE: 'offline',
	AI_REFERRALS: 'referral',
};

/** HubSpot `hs_analytics_source` to a channel. */
export function channelFromHubspotSource(value: unknown): string {
	if (typeof value !== 'string' || value.length === 0) return 'other';
	return HUBSPOT_SOURCES[value.toUpperCase()] ?? normaliseChannel(value);
}

const SALESFORCE_SOURCES: Record<string, string> = {
	web: 'direct',
	website: 'direct',
	'phone inquiry': 'phone',
	'partner referral': 'referral',
	'employee referral': 'referral',
	'external referral': 'referral',
	'purchased list': 'other',
	'trade show': 'event',
	seminar: 'event',
	'seminar - internal': 'event',
	'seminar - partner': 'event',
	webinar: 'event',
	advertisement: 'display',
	'social media': 'organic_social',
	email: 'email',
	'google adwords': 'paid_search',
	'google ads': 'paid_search',
	other: 'other',
};

/** Salesforce `LeadSource` picklist value to a channel. */
export function channelFromSalesforceSource(value: unknown): string {
	if (typeof value !== 'string' || value.length === 0) return 'other';
	return SALESFORCE_SOURCES[value.toLowerCase()] ?? normaliseChannel(value);
}

function queryParam(url: string, name: string): string | null {
	const q = url.indexOf('?');
	if (q < 0) return null;
	const key = `${name}=`;
	let at = q + 1;
	while (at < url.length) {
		const amp = url.indexOf('&', at);
		const end = amp < 0 ? url.length : amp;
		if (url.startsWith(key, at)) {
			const raw = url.slice(at + key.length, end).replace(/\+/g, ' ');
			try {
				return decodeURIComponent(raw);
			} catch {
				return raw;
			}
		}
		at = end + 1;
	}
	return null;
}

/** Channel and campaign of a landing URL by its utm_ parameters; null when it has none. */
export function channelFromLandingUrl(
	url: string,
): { channel: string; campaign: string | null } | null {
	const medium = queryParam(url, 'utm_medium');
	const source = queryParam(url, 'utm_source');
	if (medium === null && source === null) {
		if (url.includes('gclid=')) return { channel: 'paid_search', campaign: null };
		if (url.includes('fbclid=')) return { channel: 'paid_social', campaign: null };
		return null;
	}
	return {
		channel: channelFromSourceMedium(source ?? '', medium ?? ''),
		campaign: queryParam(url, 'utm_campaign'),
	};
}
