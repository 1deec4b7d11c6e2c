/**
 * What identifies an ad and joins its performance back: ad ids, A/B/C group labels and the final
 * URL with UTM parameters (`utm_content` = ad id).
 */
import type { AdChannel } from '../contracts/adVariant';
import { contentHash } from '../util/hash';
import type { AdGoal, NormalizedBrief } from './brief';
import type { ChannelFormat } from './registry';
import { slugify } from './text';

/** A, B, ... Z, then AA, AB ... */
export function variantGroupLabel(index: number): string {
	let n = index;
	let s = '';
	do {
		s = String.fromCharCode(65 + (n % 26)) + s;
		n = Math.floor(n / 26) - 1;
	} while (n >= 0);
	return s;
}

/** The index of an A/B label ({@link variantGroupLabel}'s inverse); -1 for anything else. */
export function labelIndex(label: string): number {
	if (!/^[A-Z]+$/.test(label)) return -1;
	let n = 0;
	for (const ch of label) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n - 1;
}

/** Deterministic ad id from persona, channel, variant index and brief hash. */
export function makeAdId(
	personaId: string,
	channel: AdChannel,
	index: number,
	briefHashValue: string,
): string {
	return `ad_${contentHash({ personaId, channel, index, brief: briefHashValue }, 16)}`;
}

/** `utm_campaign` value: slug of brand, product and goal. */
export function campaignSlug(brief: {
	brand: string;
	product: string;
	goal: AdGoal | string;
}): string {
	return slugify(`${brief.brand} ${brief.product} ${brief.goal}`, 80);
}

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'];

/**
 * Add UTM parameters to a URL, keeping its other query parameters (in order) and its fragment; an
 * existing utm_source/medium/campaign/content is replaced.
 */
export function withUtm(
	url: string,
	utm: { source: string; medium: string; campaign: string; content: string },
): string {
	const hashAt = url.indexOf('#');
	const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
	const beforeHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
	const qAt = beforeHash.indexOf('?');
	const base = qAt >= 0 ? beforeHash.slice(0, qAt) : beforeHash;
	const query = qAt >= 0 ? beforeHash.slice(qAt + 1) : '';
	const kept = query
		.split('&')
		.filter((p) => p.length > 0 && !UTM_KEYS.includes(p.split('=', 1)[0].toLowerCase()));
	const ours = [
		`utm_source=${encodeURIComponent(utm.source)}`,
		`utm_medium=${encodeURIComponent(utm.medium)}`,
		`utm_campaign=${encodeURIComponent(utm.campaign)}`,
		`utm_content=${encodeURIComponent(utm.content)}`,
	];
	return `${base}?${[...kept, ...ours].join('&')}${fragment}`;
}

/** The brief's landing page tagged for one ad on one channel. */
export function finalUrlFor(brief: NormalizedBrief, format: ChannelFormat, adId: string): string {
	return withUtm(brief.landingUrl, {
		source: format.utmSource,
		medium: format.utmMedium,
		campaign: campaignSlug(brief),
		content: adId,
	});
}
