/**
 * Channel format registry: every length, count and editorial rule the Ad Generator checks, in one
 * place, with the page each rule comes from (platform help pages, by title). Nothing else in the
 * package hard-codes a platform limit.
 *
 * Counting, per platform:
 * - Google Ads (search and display) and Microsoft Advertising: dynamic keyword insertion
 *   `{KeyWord:default text}` (any casing of "keyword") is expanded to its default text first; then
 *   each code point counts 1, except double-width characters (East Asian Wide / Fullwidth: CJK,
 *   Hangul, kana, fullwidth forms) which count 2. Sources: Google Ads Help "About dynamic keyword
 *   insertion" and "Character limits for ads" ("double-width languages ... count as 2 characters").
 *   Microsoft Advertising Help "Dynamic text: Keyword insertion"; Microsoft's own double-width rule
 *   is treated like Google's (the stricter reading).
 * - X: weighted length as twitter-text v3 computes it (X Developer Platform "Counting characters"):
 *   text is NFC-normalised, every URL (with or without scheme) counts 23 ("How to post links":
 *   t.co shortening), code points in U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F and
 *   U+2032-U+2037 count 1, everything else (CJK, most symbols, emoji) counts 2, and an emoji
 *   sequence (ZWJ, skin tone, flag, keycap) counts once, as 2.
 * - Meta, LinkedIn, email: Unicode code points (not UTF-16 units), so a simple emoji counts 1 and a
 *   ZWJ or skin-tone sequence counts each of its code points; that is how those platforms' input
 *   counters behave and it never undercounts.
 */
import type { AdChannel } from '../contracts/adVariant';
import { TextMemo } from './memo';
import { hasPhrase, matchForm, matchFormCached } from './text';

/** Version of the rules in this file; goes into every variant's provenance. */
export const FORMAT_RULES_VERSION = 'ad-formats-2025.1';

export type CountingMode = 'google' | 'x' | 'codePoints';

export type AdFields = Record<string, string | string[]>;

export interface FieldRule {
	/** Key in `AdVariant.fields`. */
	name: string;
	label: string;
	kind: 'text' | 'list';
	required: boolean;
	/** Hard limit: exceeding it is a validation issue. */
	maxLength: number;
	/** Platform recommendation: exceeding it is a warning (text is truncated in the placement). */
	recommendedLength?: number;
	/** Lower bound (a warning-free length floor, e.g. email preheader). */
	minLength?: number;
	/** For lists: item count bounds. */
	minItems?: number;
	maxItems?: number;
	/** Role the generator fills this field with. */
	role: 'headline' | 'body' | 'short' | 'path' | 'name' | 'subject' | 'preheader';
	/** Editorial rules that apply to this field (names from {@link EDITORIAL_RULES}). */
	editorial: readonly EditorialRuleName[];
}

export interface CtaRule {
	/** 'none': the format has no button (value ignored, generator leaves it empty). */
	mode: 'none' | 'enum' | 'free';
	required: boolean;
	allowed?: readonly string[];
	maxLength?: number;
	source: string;
}

export interface PinRule {
	/** Field holding the pin positions, parallel to `target` ('' = unpinned). */
	field: string;
	target: string;
	positions: readonly string[];
}

export interface ChannelFormat {
	channel: AdChannel;
	/** Value of `AdVariant.format`. */
	format: string;
	platform: string;
	counting: CountingMode;
	/** Whether `{KeyWord:default}` is allowed (and expanded before counting). */
	dki: boolean;
	fields: readonly FieldRule[];
	cta: CtaRule;
	pins?: readonly PinRule[];
	/** Max weighted length of the whole post (X only). */
	totalMaxLength?: number;
	utmSource: string;
	utmMedium: 'cpc' | 'paid_social' | 'email' | 'social';
	sources: readonly string[];
}

export type EditorialRuleName =
	| 'noEmoji'
	| 'noExclamation'
	| 'oneExclamation'
	| 'repeatedPunctuation'
	| 'excessiveCapitalization'
	| 'gimmickySpacing'
	| 'phoneNumber'
	| 'unfilledPlaceholder';

export interface EditorialRule {
	name: EditorialRuleName;
	severity: 'error' | 'warning';
	message: string;
	source: string;
}

const GOOGLE_EDITORIAL_SRC =
	'Google Ads Help "Editorial" policy: "Punctuation and symbols", "Capitalization", "Repetition", "Emoji"';

/** Editorial rules; which apply where is set per field in the registry. */
export const EDITORIAL_RULES: Readonly<Record<EditorialRuleName, EditorialRule>> = {
	noEmoji: {
		name: 'noEmoji',
		severity: 'error',
		message: 'emoji are not allowed in this format',
		source: GOOGLE_EDITORIAL_SRC,
	},
	noExclamation: {
		name: 'noExclamation',
		severity: 'error',
		message: 'exclamation marks are not allowed in headlines',
		source: `${GOOGLE_EDITORIAL_SRC}; Microsoft Advertising Policies "Editorial guidelines: punctuation"`,
	},
	oneExclamation: {
		name: 'oneExclamation',
		severity: 'error',
		message: 'at most one exclamation mark per text',
		source: GOOGLE_EDITORIAL_SRC,
	},
	repeatedPunctuation: {
		name: 'repeatedPunctuation',
		severity: 'error',
		message: 'repeated or gimmicky punctuation (e.g. "!!", "?!", "***")',
		source: GOOGLE_EDITORIAL_SRC,
	},
	excessiveCapitalization: {
		name: 'excessiveCapitalization',
		severity: 'error',
		message: 'words in all capitals (other than acronyms, the brand or required phrases)',
		source: GOOGLE_EDITORIAL_SRC,
	},
	gimmickySpacing: {
		name: 'gimmickySpacing',
		severity: 'error',
		message: 'letters spaced or separated for effect (e.g. "F R E E")',
		source: GOOGLE_EDITORIAL_SRC,
	},
	phoneNumber: {
		name: 'phoneNumber',
		severity: 'error',
		message: 'phone numbers belong in call assets, not ad text',
		source: 'Google Ads Help "Editorial": "Phone numbers in ad text"',
	},
	unfilledPlaceholder: {
		name: 'unfilledPlaceholder',
		severity: 'error',
		message: 'unfilled template placeholder (e.g. "{keyword}", "[brand]", "{{name}}")',
		source: 'Google Ads Help "About dynamic keyword insertion" (syntax); generator hygiene elsewhere',
	},
};

const SEARCH_HEADLINE: readonly EditorialRuleName[] = [
	'noEmoji',
	'noExclamation',
	'repeatedPunctuation',
	'excessiveCapitalization',
	'gimmickySpacing',
	'phoneNumber',
	'unfilledPlaceholder',
];
const SEARCH_BODY: readonly EditorialRuleName[] = [
	'noEmoji',
	'oneExclamation',
	'repeatedPunctuation',
	'excessiveCapitalization',
	'gimmickySpacing',
	'phoneNumber',
	'unfilledPlaceholder',
];
const SOCIAL_TEXT: readonly EditorialRuleName[] = ['repeatedPunctuation', 'unfilledPlaceholder'];

const RSA_SRC = [
	'Google Ads Help "About responsive search ads" (3-15 headlines, 2-4 descriptions, pinning)',
	'Google Ads Help "Character limits for ads" (headline 30, description 90, path 15)',
	'Google Ads Help "About display URLs" (path fields)',
	'Google Ads Help "About dynamic keyword insertion"',
];

function rsaFields(): FieldRule[] {
	return [
		{
			name: 'headlines',
			label: 'Headline',
			kind: 'list',
			required: true,
			maxLength: 30,
			minItems: 3,
			maxItems: 15,
			role: 'headline',
			editorial: SEARCH_HEADLINE,
		},
		{
			name: 'descriptions',
			label: 'Description',
			kind: 'list',
			required: true,
			maxLength: 90,
			minItems: 2,
			maxItems: 4,
			role: 'body',
			editorial: SEARCH_BODY,
		},
		{
			name: 'path1',
			label: 'Path 1',
			kind: 'text',
			required: false,
			maxLength: 15,
			role: 'path',
			editorial: SEARCH_HEADLINE,
		},
		{
			name: 'path2',
			label: 'Path 2',
			kind: 'text',
			required: false,
			maxLength: 15,
			role: 'path',
			editorial: SEARCH_HEADLINE,
		},
	];
}

/** Pinning: headlines to positions 1-3, descriptions to 1-2 ("About responsive search ads"). */
const RSA_PINS: readonly PinRule[] = [
	{ field: 'headlinePins', target: 'headlines', positions: ['', '1', '2', '3'] },
	{ field: 'descriptionPins', target: 'descriptions', positions: ['', '1', '2'] },
];

/**
 * Meta call_to_action types (Meta Marketing API reference "Ad Creative Link Data Call To Action",
 * `type` enum; a commonly used subset).
 */
export const META_CTA_TYPES = [
	'APPLY_NOW',
	'BOOK_TRAVEL',
	'BUY_NOW',
	'BUY_TICKETS',
	'CALL_NOW',
	'CONTACT_US',
	'DONATE_NOW',
	'DOWNLOAD',
	'GET_DIRECTIONS',
	'GET_OFFER',
	'GET_QUOTE',
	'GET_SHOWTIMES',
	'INSTALL_MOBILE_APP',
	'LEARN_MORE',
	'LISTEN_NOW',
	'MESSAGE_PAGE',
	'NO_BUTTON',
	'OPEN_LINK',
	'ORDER_NOW',
	'PLAY_GAME',
	'REQUEST_TIME',
	'SEE_MENU',
	'SEND_MESSAGE',
	'SHOP_NOW',
	'SIGN_UP',
	'SUBSCRIBE',
	'USE_APP',
	'WATCH_MORE',
] as const;

/** LinkedIn Sponsored Content CTA labels (LinkedIn Help "Call-to-action buttons on Sponsored Content"). */
export const LINKEDIN_CTA_TYPES = [
	'APPLY',
	'ATTEND',
	'BUY_NOW',
	'DOWNLOAD',
	'JOIN',
	'LEARN_MORE',
	'REGISTER',
	'REQUEST_DEMO',
	'SEE_MORE',
	'SHOP_NOW',
	'SIGN_UP',
	'SUBSCRIBE',
	'VIEW_QUOTE',
] as const;

/** Google responsive display ad call-to-action texts (Google Ads Help "About responsive display ads"). */
export const GOOGLE_DISPLAY_CTAS = [
	'Apply Now',
	'Book Now',
	'Contact Us',
	'Download',
	'Get Quote',
	'Install',
	'Learn More',
	'See More',
	'Shop Now',
	'Sign Up',
	'Subscribe',
	'Visit Site',
] as const;

/** The registry, keyed by the contract's channel ids. */
export const CHANNEL_FORMATS: Readonly<Record<AdChannel, ChannelFormat>> = {
	google_search: {
		channel: 'google_search',
		format: 'responsive_search_ad',
		platform: 'Google Ads',
		counting: 'google',
		dki: true,
		fields: rsaFields(),
		cta: { mode: 'none', required: false, source: 'Responsive search ads have no CTA button' },
		pins: RSA_PINS,
		utmSource: 'google',
		utmMedium: 'cpc',
		sources: RSA_SRC,
	},
	microsoft_search: {
		channel: 'microsoft_search',
		format: 'responsive_search_ad',
		platform: 'Microsoft Advertising',
		counting: 'google',
		dki: true,
		fields: rsaFields(),
		cta: { mode: 'none', required: false, source: 'Responsive search ads have no CTA button' },
		pins: RSA_PINS,
		utmSource: 'bing',
		utmMedium: 'cpc',
		sources: [
			'Microsoft Advertising Help "What are responsive search ads?" (same limits as Google)',
			'Microsoft Advertising Policies "Editorial guidelines"',
			'Microsoft Advertising Help "Dynamic text: Keyword insertion"',
		],
	},
	google_display: {
		channel: 'google_display',
		format: 'responsive_display_ad',
		platform: 'Google Ads',
		counting: 'google',
		dki: false,
		fields: [
			{
				name: 'headlines',
				label: 'Headline',
				kind: 'list',
				required: true,
				maxLength: 30,
				minItems: 1,
				maxItems: 5,
				role: 'headline',
				editorial: SEARCH_HEADLINE,
			},
			{
				name: 'longHeadline',
				label: 'Long headline',
				kind: 'text',
				required: true,
				maxLength: 90,
				role: 'headline',
				editorial: SEARCH_HEADLINE,
			},
			{
				name: 'descriptions',
				label: 'Description',
				kind: 'list',
				required: true,
				maxLength: 90,
				minItems: 1,
				maxItems: 5,
				role: 'body',
				editorial: SEARCH_BODY,
			},
			{
				name: 'businessName',
				label: 'Business name',
				kind: 'text',
				required: true,
				maxLength: 25,
				role: 'name',
				editorial: SEARCH_HEADLINE,
			},
		],
		cta: {
			mode: 'enum',
			required: false,
			allowed: GOOGLE_DISPLAY_CTAS,
			source: 'Google Ads Help "About responsive display ads" (call to action text)',
		},
		utmSource: 'google',
		utmMedium: 'cpc',
		sources: [
			'Google Ads Help "About responsive display ads" (up to 5 headlines of 30, long headline 90, up to 5 descriptions of 90, business name 25)',
			GOOGLE_EDITORIAL_SRC,
		],
	},
	meta_feed: {
		channel: 'meta_feed',
		format: 'feed_single_image',
		platform: 'Meta',
		counting: 'codePoints',
		dki: false,
		// Meta publishes recommended counts only; text past them is cut off behind "See more" in feed,
		// so the registry enforces them as limits.
		fields: [
			{
				name: 'primaryText',
				label: 'Primary text',
				kind: 'text',
				required: true,
				maxLength: 125,
				recommendedLength: 125,
				role: 'body',
				editorial: SOCIAL_TEXT,
			},
			{
				name: 'headline',
				label: 'Headline',
				kind: 'text',
				required: true,
				maxLength: 40,
				recommendedLength: 40,
				role: 'headline',
				editorial: SOCIAL_TEXT,
			},
			{
				name: 'description',
				label: 'Description',
				kind: 'text',
				required: false,
				maxLength: 30,
				recommendedLength: 30,
				role: 'short',
				editorial: SOCIAL_TEXT,
			},
		],
		cta: {
			mode: 'enum',
			required: true,
			allowed: META_CTA_TYPES,
			source: 'Meta Marketing API "Ad Creative Link Data Call To Action" (type)',
		},
		utmSource: 'meta',
		utmMedium: 'paid_social',
		sources: [
			'Meta Business Help "Meta Ads Guide: Facebook Feed, Image" (primary text 125, headline 40, description 30: recommended)',
			'Meta Marketing API "Ad Creative Link Data Call To Action"',
		],
	},
	linkedin: {
		channel: 'linkedin',
		format: 'sponsored_content_single_image',
		platform: 'LinkedIn',
		counting: 'codePoints',
		dki: false,
		fields: [
			{
				name: 'introText',
				label: 'Introductory text',
				kind: 'text',
				required: true,
				maxLength: 600,
				recommendedLength: 150,
				role: 'body',
				editorial: SOCIAL_TEXT,
			},
			{
				name: 'headline',
				label: 'Headline',
				kind: 'text',
				required: true,
				maxLength: 200,
				recommendedLength: 70,
				role: 'headline',
				editorial: SOCIAL_TEXT,
			},
		],
		cta: {
			mode: 'enum',
			required: true,
			allowed: LINKEDIN_CTA_TYPES,
			source: 'LinkedIn Help "Call-to-action buttons on Sponsored Content"',
		},
		utmSource: 'linkedin',
		utmMedium: 'paid_social',
		sources: [
			'LinkedIn Help "Single image ads advertising specifications" (intro text 150 recommended / 600 max, headline 70 recommended / 200 max)',
		],
	},
	x_post: {
		channel: 'x_post',
		format: 'post',
		platform: 'X',
		counting: 'x',
		dki: false,
		fields: [
			{
				name: 'text',
				label: 'Post text',
				kind: 'text',
				required: true,
				maxLength: 280,
				role: 'body',
				editorial: SOCIAL_TEXT,
			},
		],
		cta: { mode: 'none', required: false, source: 'A post has no CTA button' },
		totalMaxLength: 280,
		utmSource: 'x',
		utmMedium: 'social',
		sources: [
			'X Developer Platform "Counting characters" (weighted length, 280)',
			'X Help "How to post links" (URLs count 23 after t.co shortening)',
		],
	},
	email: {
		channel: 'email',
		format: 'email',
		platform: 'Email',
		counting: 'codePoints',
		dki: false,
		fields: [
			{
				name: 'subject',
				label: 'Subject line',
				kind: 'text',
				required: true,
				maxLength: 50,
				role: 'subject',
				editorial: ['repeatedPunctuation', 'unfilledPlaceholder', 'excessiveCapitalization'],
			},
			{
				name: 'preheader',
				label: 'Preheader',
				kind: 'text',
				required: true,
				maxLength: 70,
				minLength: 40,
				role: 'preheader',
				editorial: SOCIAL_TEXT,
			},
			{
				name: 'body',
				label: 'Body',
				kind: 'text',
				required: true,
				maxLength: 5000,
				role: 'body',
				editorial: SOCIAL_TEXT,
			},
		],
		cta: {
			mode: 'free',
			required: true,
			maxLength: 30,
			source: 'Button label, kept short (Mailchimp Help "Best practices for email buttons")',
		},
		utmSource: 'email',
		utmMedium: 'email',
		sources: [
			'Mailchimp Help "Best practices for email subject lines" (about 50 characters or fewer, shown in full on most clients)',
			'Litmus "The ultimate guide to preview text" (40-70 characters shown next to the subject)',
		],
	},
};

/** Look up a channel's format; throws a precise error for an unknown channel. */
export function getFormat(channel: string): ChannelFormat {
	const format = (CHANNEL_FORMATS as Record<string, ChannelFormat | undefined>)[channel];
	if (!format) {
		throw new Error(
			`Unknown ad channel "${channel}": expected one of ${Object.keys(CHANNEL_FORMATS).join(', ')}`,
		);
	}
	return format;
}

// ---------------------------------------------------------------------------------------------
// Counting

const DKI_RE = /\{\s*keyword\s*:([^{}]*)\}/gi;

/** Expand dynamic keyword insertion `{KeyWord:default}` (any casing) to its default text. */
export function expandDki(text: string): string {
	if (text.indexOf('{') < 0) return text;
	return text.replace(DKI_RE, (_m, def: string) => def);
}

/** East Asian Wide (W) and Fullwidth (F) code points: counted 2 by Google Ads. */
export function isDoubleWidth(cp: number): boolean {
	if (cp < 0x1100) return false;
	return (
		(cp >= 0x1100 && cp <= 0x115f) ||
		(cp >= 0x2e80 && cp <= 0x303e) ||
		(cp >= 0x3041 && cp <= 0x33ff) ||
		(cp >= 0x3400 && cp <= 0x4dbf) ||
		(cp >= 0x4e00 && cp <= 0x9fff) ||
		(cp >= 0xa000 && cp <= 0xa4cf) ||
		(cp >= 0xa960 && cp <= 0xa97f) ||
		(cp >= 0xac00 && cp <= 0xd7a3) ||
		(cp >= 0xf900 && cp <= 0xfaff) ||
		(cp >= 0xfe10 && cp <= 0xfe19) ||
		(cp >= 0xfe30 && cp <= 0xfe6f) ||
		(cp >= 0xff00 && cp <= 0xff60) ||
		(cp >= 0xffe0 && cp <= 0xffe6) ||
		(cp >= 0x1f300 && cp <= 0x1f64f) ||
		(cp >= 0x1f900 && cp <= 0x1f9ff) ||
		(cp >= 0x20000 && cp <= 0x3fffd)
	);
}

/** Number of Unicode code points (a surrogate pair counts once). */
export function codePointLength(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			const d = text.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) i++;
		}
		n++;
	}
	return n;
}

/** Google Ads length: DKI expanded, double-width characters count 2. */
export function googleLength(text: string): number {
	// fast path: no keyword insertion, no double-width character, no surrogate
	let plain = true;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0x1100 || c === 123) {
			plain = false;
			break;
		}
	}
	if (plain) return text.length;
	const t = expandDki(text);
	let n = 0;
	for (let i = 0; i < t.length; i++) {
		let cp = t.charCodeAt(i);
		if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < t.length) {
			const d = t.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				cp = (cp - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
				i++;
			}
		}
		n += isDoubleWidth(cp) ? 2 : 1;
	}
	return n;
}

/** Length a URL counts on X after t.co shortening. */
export const X_URL_LENGTH = 23;

const X_TOKEN_RE = new RegExp(
	[
		// URLs with a scheme, or bare domains with a common TLD (twitter-text also links those)
		String.raw`(?:https?:\/\/[^\s<>"]+|(?<![\w@.\/-])(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|io|co|ai|app|dev|shop|store|uk|de|fr|eu|us|ca|au|info|biz)(?:\/[^\s<>"]*)?(?![\w-]))`,
		// emoji sequences: flags, keycaps, pictographs with modifiers / ZWJ chains
		String.raw`(?:\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*)*)`,
	].join('|'),
	'giu',
);
const X_URL_TRAILING = /[.,;:!?)\]'"]+$/;

function xWeight(cp: number): number {
	return cp <= 0x10ff ||
		(cp >= 0x2000 && cp <= 0x200d) ||
		(cp >= 0x2010 && cp <= 0x201f) ||
		(cp >= 0x2032 && cp <= 0x2037)
		? 1
		: 2;
}

function weightedPlain(text: string, from: number, to: number): number {
	let n = 0;
	for (let i = from; i < to; i++) {
		let cp = text.charCodeAt(i);
		if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < to) {
			const d = text.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				cp = (cp - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
				i++;
			}
		}
		n += xWeight(cp);
	}
	return n;
}

/**
 * Plain ASCII with nothing that could start a link (no "://", no "." before a letter or digit):
 * NFC leaves it as is, every character weighs 1 and no token applies, so its X length is its length.
 */
function xPlainAscii(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0x80) return false;
		if (c === 46 || c === 58) {
			// "." before [A-Za-z0-9] (a domain) or ":" before "/" (a scheme)
			const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
			if (c === 58 ? d === 47 : (d >= 48 && d <= 57) || ((d | 32) >= 97 && (d | 32) <= 122)) return false;
		}
	}
	return true;
}

/** X weighted length (twitter-text v3 rules, see the file header). */
export function xWeightedLength(input: string): number {
	if (xPlainAscii(input)) return input.length;
	const text = input.normalize('NFC');
	let n = 0;
	let last = 0;
	X_TOKEN_RE.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = X_TOKEN_RE.exec(text)) !== null) {
		const token = m[0];
		const c0 = token.charCodeAt(0);
		// keycaps are at most 3 UTF-16 units and flags start with a surrogate: neither is a URL
		const isUrl = token.length > 3 && c0 < 0x80;
		let end = m.index + token.length;
		if (isUrl) {
			const trail = X_URL_TRAILING.exec(token);
			if (trail) end -= trail[0].length;
			n += weightedPlain(text, last, m.index) + X_URL_LENGTH;
		} else {
			n += weightedPlain(text, last, m.index) + 2;
		}
		last = end;
		X_TOKEN_RE.lastIndex = end;
	}
	return n + weightedPlain(text, last, text.length);
}

/** Length of a text the way the given counting mode (platform) counts it. */
export function measureText(text: string, counting: CountingMode): number {
	switch (counting) {
		case 'google':
			return googleLength(text);
		case 'x':
			return xWeightedLength(text);
		default:
			return codePointLength(text);
	}
}

/** Length of a text as the channel's platform counts it. */
export function measureForChannel(channel: AdChannel, text: string): number {
	return measureText(text, getFormat(channel).counting);
}

// ---------------------------------------------------------------------------------------------
// Validation

/** What the checks need from a campaign brief. */
export interface ValidationBrief {
	brand?: string;
	product?: string;
	bannedWords?: readonly string[];
	requiredPhrases?: readonly string[];
}

export interface AdIssue {
	field: string;
	rule: string;
	message: string;
}

export interface AdValidation {
	/** True when there is no issue (warnings do not count). */
	ok: boolean;
	issues: AdIssue[];
	/** Recommendations not met (e.g. LinkedIn intro text over 150): shown, never blocking. */
	warnings: AdIssue[];
}

export interface ValidateOptions {
	/** The ad's call to action (`AdVariant.cta`); checked against the channel's CTA rule when given. */
	cta?: string;
}

const EMOJI_RE = /(?![\u00a9\u00ae\u2122])\p{Extended_Pictographic}/u;
const REPEATED_PUNCT_RE = /[!?]{2,}|([,;:])\1|([.*#@$%&~^+=_-])\2{2,}/;
const CAPS_WORD_RE = /(?<![\p{L}\p{N}])\p{Lu}{4,}(?![\p{L}\p{N}])/gu;
const LOWER_RE = /\p{Ll}/u;
const UPPER_RE = /\p{Lu}/gu;
const SPACED_RE = /(?<![\p{L}\p{N}])(?:\p{L}[ .*_-]){3,}\p{L}(?![\p{L}\p{N}])/u;
const PHONE_RE = /\+?\d[\d ().-]{7,}\d/g;
const PLACEHOLDER_RE = /\{\{|\}\}|\{[^{}]*\}|[{}]|\[[A-Za-z _-]+\]|<[A-Za-z _-]+>|\bundefined\b|\bNaN\b/;
const DKI_VALID_RE = /\{\s*keyword\s*:[^{}]*[^\s{}][^{}]*\}/gi;
const DKI_EMPTY_RE = /\{\s*keyword\s*:\s*\}/i;

const PRINTABLE_ASCII_RE = /^[\x20-\x7e\n]*$/;
/** Cheap pre-checks: most copy is plain ASCII with nothing to flag. */
const ASCII_CAPS_RE = /[A-Z][A-Z]|^[^a-z]*$/;
const ASCII_SPACED_RE = /(?:^|[^A-Za-z0-9])[A-Za-z][ .*_-][A-Za-z][ .*_-][A-Za-z]/;
const DIGITS9_RE = /(?:\d\D{0,3}){9}/;
const PLACEHOLDER_HINT_RE = /[{}[\]<>]|undefined|NaN/;

const allowedCapsCache = new Map<string, Set<string>>();

/** What validation derives from a brief, computed once per brief object. */
interface BriefChecks {
	banned: { word: string; form: string }[];
	required: { phrase: string; form: string }[];
	caps: Set<string>;
}
const briefChecksCache = new Map<string, BriefChecks>();

interface BriefChecksEntry {
	brand: string | undefined;
	product: string | undefined;
	banned: readonly string[];
	required: readonly string[];
	checks: BriefChecks;
}
const briefChecksByObject = new WeakMap<object, BriefChecksEntry>();

function sameList(a: readonly string[], b: readonly string[] | undefined): boolean {
	const bb = b ?? [];
	if (a.length !== bb.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== bb[i]) return false;
	return true;
}

/**
 * Banned and required forms and allowed capitals of a brief, derived once per brief content. The
 * same brief object (as one generation run passes it) is recognised without building a key; its
 * content is still compared, so a brief changed in place is never checked with stale rules.
 */
function briefChecks(brief: ValidationBrief): BriefChecks {
	const entry = briefChecksByObject.get(brief);
	if (
		entry !== undefined &&
		entry.brand === brief.brand &&
		entry.product === brief.product &&
		sameList(entry.banned, brief.bannedWords) &&
		sameList(entry.required, brief.requiredPhrases)
	) {
		return entry.checks;
	}
	const checks = briefChecksByContent(brief);
	briefChecksByObject.set(brief, {
		brand: brief.brand,
		product: brief.product,
		banned: [...(brief.bannedWords ?? [])],
		required: [...(brief.requiredPhrases ?? [])],
		checks,
	});
	return checks;
}

function briefChecksByContent(brief: ValidationBrief): BriefChecks {
	const banned = brief.bannedWords ?? [];
	const required = brief.requiredPhrases ?? [];
	const key = `${brief.brand ?? ''}\u0000${brief.product ?? ''}\u0000${banned.join('\u0001')}\u0000${required.join('\u0001')}`;
	let c = briefChecksCache.get(key);
	if (!c) {
		c = {
			banned: banned.map((w) => ({ word: w, form: matchForm(w) })).filter((x) => x.form !== ' '),
			required: required.map((phrase) => ({ phrase, form: matchForm(phrase) })).filter((r) => r.form !== ' '),
			caps: allowedCaps(brief),
		};
		if (briefChecksCache.size > 256) briefChecksCache.clear();
		briefChecksCache.set(key, c);
	}
	return c;
}

function allowedCaps(brief: ValidationBrief): Set<string> {
	const key = `${brief.brand ?? ''}\u0000${brief.product ?? ''}\u0000${(brief.requiredPhrases ?? []).join('\u0000')}`;
	let set = allowedCapsCache.get(key);
	if (!set) {
		set = new Set<string>();
		for (const src of [brief.brand ?? '', brief.product ?? '', ...(brief.requiredPhrases ?? [])]) {
			for (const m of src.matchAll(CAPS_WORD_RE)) set.add(m[0]);
		}
		if (allowedCapsCache.size > 256) allowedCapsCache.clear();
		allowedCapsCache.set(key, set);
	}
	return set;
}

const BIT_EXCLAMATION = 1;
const BIT_EXCLAMATIONS = 2;
const BIT_REPEATED = 4;
const BIT_CAPS = 8;
const BIT_SPACED = 16;
const BIT_PHONE = 32;
const BIT_PLACEHOLDER = 64;

/** Which bits of {@link editorialScan} can flag each rule (0: the rule never applies to printable ASCII). */
const EDITORIAL_BITS: Readonly<Record<EditorialRuleName, number>> = {
	noEmoji: 0,
	noExclamation: BIT_EXCLAMATION,
	oneExclamation: BIT_EXCLAMATIONS,
	repeatedPunctuation: BIT_REPEATED,
	excessiveCapitalization: BIT_CAPS,
	gimmickySpacing: BIT_SPACED,
	phoneNumber: BIT_PHONE,
	unfilledPlaceholder: BIT_PLACEHOLDER,
};

function isAsciiLetter(c: number): boolean {
	return (c | 32) >= 97 && (c | 32) <= 122;
}

function isSpacer(c: number): boolean {
	// [ .*_-]
	return c === 32 || c === 46 || c === 42 || c === 95 || c === 45;
}

/**
 * One pass over a text: -1 when it is not printable ASCII (every rule then runs in full), else a
 * bit set of the editorial rules that might apply. A clear bit proves the rule finds nothing (each
 * bit is a superset of its rule's own pre-check), so only flagged rules run their full check.
 */
function editorialScan(text: string): number {
	let bangs = 0;
	let digits = 0;
	let lower = false;
	let mask = 0;
	let prev = -1;
	let prev2 = -1;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if ((c < 0x20 && c !== 10) || c > 0x7e) return -1;
		if (c >= 97 && c <= 122) lower = true;
		else if (c >= 65 && c <= 90) {
			if (prev >= 65 && prev <= 90) mask |= BIT_CAPS;
		} else if (c >= 48 && c <= 57) digits++;
		else if (c === 33) {
			bangs++;
			if (prev === 33 || prev === 63) mask |= BIT_REPEATED;
		} else if (c === 63) {
			if (prev === 33 || prev === 63) mask |= BIT_REPEATED;
		} else if (c === 44 || c === 59 || c === 58) {
			if (prev === c) mask |= BIT_REPEATED;
		} else if (c === 123 || c === 125 || c === 91 || c === 93 || c === 60 || c === 62) {
			mask |= BIT_PLACEHOLDER;
		} else if (c !== 32 && c !== 10 && c !== 39) {
			// [.*#@$%&~^+=_-] three times in a row
			if (prev === c && prev2 === c && '.*#@$%&~^+=_-'.indexOf(text[i]) >= 0) mask |= BIT_REPEATED;
		}
		// (?:^|[^A-Za-z0-9])[A-Za-z][ .*_-][A-Za-z][ .*_-][A-Za-z]
		if (
			isAsciiLetter(c) &&
			i + 4 < text.length &&
			!(prev >= 48 && prev <= 57) &&
			!isAsciiLetter(prev) &&
			isSpacer(text.charCodeAt(i + 1)) &&
			isAsciiLetter(text.charCodeAt(i + 2)) &&
			isSpacer(text.charCodeAt(i + 3)) &&
			isAsciiLetter(text.charCodeAt(i + 4))
		) {
			mask |= BIT_SPACED;
		}
		prev2 = prev;
		prev = c;
	}
	if (!lower) mask |= BIT_CAPS;
	if (bangs > 0) mask |= BIT_EXCLAMATION;
	if (bangs > 1) mask |= BIT_EXCLAMATIONS;
	if (digits >= 9) mask |= BIT_PHONE;
	if ((mask & BIT_PLACEHOLDER) === 0 && (text.includes('undefined') || text.includes('NaN'))) mask |= BIT_PLACEHOLDER;
	return mask;
}

function countChar(text: string, ch: string): number {
	let n = 0;
	for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
	return n;
}

function editorialViolation(
	rule: EditorialRuleName,
	text: string,
	format: ChannelFormat,
	brief: ValidationBrief,
	ascii = PRINTABLE_ASCII_RE.test(text),
): string | null {
	switch (rule) {
		case 'noEmoji':
			return !ascii && EMOJI_RE.test(text) ? 'contains an emoji' : null;
		case 'noExclamation':
			return text.includes('!') ? 'contains "!"' : null;
		case 'oneExclamation': {
			const n = countChar(text, '!');
			return n > 1 ? `contains ${n} exclamation marks` : null;
		}
		case 'repeatedPunctuation': {
			const m = REPEATED_PUNCT_RE.exec(text);
			return m ? `contains "${m[0]}"` : null;
		}
		case 'excessiveCapitalization': {
			if (ascii && !ASCII_CAPS_RE.test(text)) return null;
			const letters = text.match(UPPER_RE);
			if (letters && letters.length >= 6 && !LOWER_RE.test(text)) return 'is written in capitals';
			const allowed = briefChecks(brief).caps;
			for (const m of text.matchAll(CAPS_WORD_RE)) {
				if (!allowed.has(m[0])) return `"${m[0]}" is in capitals`;
			}
			return null;
		}
		case 'gimmickySpacing': {
			if (ascii && !ASCII_SPACED_RE.test(text)) return null;
			const m = SPACED_RE.exec(text);
			return m ? `contains "${m[0]}"` : null;
		}
		case 'phoneNumber': {
			if (!DIGITS9_RE.test(text)) return null;
			for (const m of text.matchAll(PHONE_RE)) {
				let digits = 0;
				for (const c of m[0]) if (c >= '0' && c <= '9') digits++;
				if (digits >= 9) return `contains what looks like a phone number ("${m[0]}")`;
			}
			return null;
		}
		case 'unfilledPlaceholder': {
			if (!PLACEHOLDER_HINT_RE.test(text)) return null;
			if (format.dki && DKI_EMPTY_RE.test(text)) return 'keyword insertion has no default text';
			const rest = format.dki ? text.replace(DKI_VALID_RE, '') : text;
			const m = PLACEHOLDER_RE.exec(rest);
			if (!m) return null;
			return format.dki || !/\{\s*keyword\s*:/i.test(text)
				? `contains "${m[0]}"`
				: 'keyword insertion is only supported on Google and Microsoft search ads';
		}
	}
}

/** What validation derives from one text alone, for one counting mode. */
interface TextFacts {
	/** Length as the counting mode counts it. */
	len: number;
	/** {@link editorialScan} of the text. */
	scan: number;
	/** {@link matchForm} (of the DKI-expanded text where the format supports keyword insertion). */
	form: string;
	/** The brief checks {@link TextFacts.banned} was computed for (null: not yet). */
	checks: BriefChecks | null;
	/** Whether the text contains any of those checks' banned words. */
	banned: boolean;
}

/**
 * Facts per text, memoised per counting mode and DKI support: ad copy is assembled from a small
 * phrase bank, so the same headline and path strings come back in ad after ad. Bounded; pure.
 */
const textFactsMemo = new Map<string, TextMemo<TextFacts>>();
const textFactsByFormat = new WeakMap<ChannelFormat, TextMemo<TextFacts>>();

function textFacts(text: string, format: ChannelFormat): TextFacts {
	let memo = textFactsByFormat.get(format);
	if (memo === undefined) {
		// formats that count alike share one memo
		const key = format.dki ? `${format.counting}+dki` : format.counting;
		memo = textFactsMemo.get(key);
		if (memo === undefined) textFactsMemo.set(key, (memo = new TextMemo<TextFacts>(8192)));
		textFactsByFormat.set(format, memo);
	}
	let facts = memo.get(text);
	if (facts === undefined) {
		facts = {
			len: measureText(text, format.counting),
			scan: editorialScan(text),
			form: matchFormCached(format.dki ? expandDki(text) : text),
			checks: null,
			banned: false,
		};
		memo.set(text, facts);
	}
	return facts;
}

const editorialMaskCache = new WeakMap<FieldRule, number>();

/** Union of the {@link editorialScan} bits of a field's editorial rules. */
function editorialMask(rule: FieldRule): number {
	let mask = editorialMaskCache.get(rule);
	if (mask === undefined) {
		mask = 0;
		for (const ed of rule.editorial) mask |= EDITORIAL_BITS[ed];
		editorialMaskCache.set(rule, mask);
	}
	return mask;
}

const itemFieldNames = new WeakMap<FieldRule, string[]>();

/** `${rule.name}[${i}]`, built once per rule and index. */
function itemField(rule: FieldRule, i: number): string {
	if (i >= 64) return `${rule.name}[${i}]`;
	let names = itemFieldNames.get(rule);
	if (!names) itemFieldNames.set(rule, (names = []));
	return (names[i] ??= `${rule.name}[${i}]`);
}

const knownFieldsCache = new WeakMap<ChannelFormat, ReadonlySet<string>>();

/** Field names a format accepts (its fields and pin fields). */
function knownFields(format: ChannelFormat): ReadonlySet<string> {
	let known = knownFieldsCache.get(format);
	if (!known) {
		const set = new Set<string>();
		for (const rule of format.fields) set.add(rule.name);
		for (const pin of format.pins ?? []) set.add(pin.field);
		knownFieldsCache.set(format, (known = set));
	}
	return known;
}

function lengthMessage(label: string, len: number, limit: number, how: string): string {
	return `${label} is ${len} characters${how}, limit ${limit}`;
}

function countingNote(format: ChannelFormat): string {
	switch (format.counting) {
		case 'google':
			return ' (keyword insertion expanded, double-width characters count 2)';
		case 'x':
			return ' (X weighted: URLs 23, CJK and emoji 2)';
		default:
			return '';
	}
}

/**
 * Check one ad's fields against its channel's format: presence and types, counts, lengths (counted
 * as the platform counts), editorial rules, banned words (whole word, case-insensitive), required
 * phrases (each must appear in at least one field), duplicates within the ad, pins, and the CTA.
 *
 * @example validateAd('meta_feed', { primaryText: 'Hi', headline: 'Shoes' }, {}, { cta: 'SHOP_NOW' })
 */
export function validateAd(
	channel: AdChannel,
	fields: AdFields,
	brief: ValidationBrief = {},
	options: ValidateOptions = {},
): AdValidation {
	const format = getFormat(channel);
	const issues: AdIssue[] = [];
	const warnings: AdIssue[] = [];
	const how = countingNote(format);
	const texts: { field: string; text: string }[] = [];
	const known = knownFields(format);

	if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
		return {
			ok: false,
			issues: [{ field: '(fields)', rule: 'type', message: 'fields must be an object' }],
			warnings,
		};
	}

	for (const rule of format.fields) {
		const value = (fields as Record<string, unknown>)[rule.name];
		if (value === undefined || value === null || value === '') {
			if (rule.required) {
				issues.push({ field: rule.name, rule: 'required', message: `${rule.label} is required` });
			}
			continue;
		}
		let items: { field: string; text: string }[];
		if (rule.kind === 'list') {
			if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
				issues.push({
					field: rule.name,
					rule: 'type',
					message: `${rule.label}s must be a list of texts`,
				});
				continue;
			}
			if (rule.minItems !== undefined && value.length < rule.minItems) {
				issues.push({
					field: rule.name,
					rule: 'minItems',
					message: `${value.length} ${rule.label.toLowerCase()}s, at least ${rule.minItems} required`,
				});
			}
			if (rule.maxItems !== undefined && value.length > rule.maxItems) {
				issues.push({
					field: rule.name,
					rule: 'maxItems',
					message: `${value.length} ${rule.label.toLowerCase()}s, at most ${rule.maxItems} allowed`,
				});
			}
			items = (value as string[]).map((text, i) => ({ field: itemField(rule, i), text }));
		} else {
			if (typeof value !== 'string') {
				issues.push({ field: rule.name, rule: 'type', message: `${rule.label} must be a text` });
				continue;
			}
			items = [{ field: rule.name, text: value }];
		}
		for (const item of items) {
			if (item.text.trim().length === 0) {
				issues.push({ field: item.field, rule: 'empty', message: `${rule.label} is empty` });
				continue;
			}
			if (item.text !== item.text.trim()) {
				issues.push({
					field: item.field,
					rule: 'whitespace',
					message: `${rule.label} starts or ends with whitespace`,
				});
			}
			texts.push(item);
			const facts = textFacts(item.text, format);
			const len = facts.len;
			if (len > rule.maxLength) {
				issues.push({
					field: item.field,
					rule: 'maxLength',
					message: lengthMessage(rule.label, len, rule.maxLength, how),
				});
			} else if (rule.recommendedLength !== undefined && len > rule.recommendedLength) {
				warnings.push({
					field: item.field,
					rule: 'recommendedLength',
					message: `${rule.label} is ${len} characters, ${rule.recommendedLength} recommended (longer text is truncated)`,
				});
			}
			if (rule.minLength !== undefined && len < rule.minLength) {
				issues.push({
					field: item.field,
					rule: 'minLength',
					message: `${rule.label} is ${len} characters, at least ${rule.minLength} expected`,
				});
			}
			const scan = facts.scan;
			// printable ASCII and nothing any of the field's rules could flag: they find nothing
			if (scan >= 0 && (scan & editorialMask(rule)) === 0) continue;
			for (const ed of rule.editorial) {
				if (scan >= 0 && (scan & EDITORIAL_BITS[ed]) === 0) continue;
				const problem = editorialViolation(ed, item.text, format, brief, scan >= 0);
				if (problem !== null) {
					const target = EDITORIAL_RULES[ed].severity === 'error' ? issues : warnings;
					target.push({
						field: item.field,
						rule: ed,
						message: `${rule.label} ${problem}: ${EDITORIAL_RULES[ed].message}`,
					});
				}
			}
		}
	}

	if (format.pins) {
		for (const pin of format.pins) {
			const value = (fields as Record<string, unknown>)[pin.field];
			if (value === undefined) continue;
			const target = (fields as Record<string, unknown>)[pin.target];
			if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
				issues.push({ field: pin.field, rule: 'type', message: `${pin.field} must be a list of texts` });
				continue;
			}
			const targetLength = Array.isArray(target) ? target.length : 0;
			if (value.length > targetLength) {
				issues.push({
					field: pin.field,
					rule: 'pinCount',
					message: `${value.length} pins for ${targetLength} ${pin.target}`,
				});
			}
			(value as string[]).forEach((p, i) => {
				if (!pin.positions.includes(p)) {
					issues.push({
						field: `${pin.field}[${i}]`,
						rule: 'pinPosition',
						message: `pin "${p}" is not a position; use one of ${pin.positions
							.map((x) => (x === '' ? '"" (unpinned)' : x))
							.join(', ')}`,
					});
				}
			});
			const positions = pin.positions.filter((x) => x !== '');
			if (targetLength > 0 && value.length === targetLength && value.every((p) => p !== '')) {
				const covered = positions.filter((pos) => value.includes(pos)).length;
				if (covered < Math.min(positions.length, targetLength)) {
					warnings.push({
						field: pin.field,
						rule: 'pinning',
						message: `every ${pin.target.slice(0, -1)} is pinned but not every position is covered`,
					});
				}
			}
		}
	}

	if (
		(format.channel === 'google_search' || format.channel === 'microsoft_search') &&
		typeof fields.path2 === 'string' &&
		fields.path2.length > 0 &&
		(typeof fields.path1 !== 'string' || fields.path1.length === 0)
	) {
		issues.push({ field: 'path2', rule: 'pathOrder', message: 'Path 2 needs Path 1' });
	}

	for (const key of Object.keys(fields)) {
		if (!known.has(key)) {
			issues.push({
				field: key,
				rule: 'unknownField',
				message: `"${key}" is not a field of ${format.format} (fields: ${format.fields
					.map((f) => f.name)
					.join(', ')})`,
			});
		}
	}

	// duplicates, banned words, required phrases
	const checks = briefChecks(brief);
	const bannedForms = checks.banned;
	const forms: string[] = [];
	for (let ti = 0; ti < texts.length; ti++) {
		const t = texts[ti];
		const facts = textFacts(t.text, format);
		const form = facts.form;
		forms.push(form);
		if (form !== ' ') {
			// the first earlier text with the same form (an ad has a few texts: a linear scan)
			let first: string | undefined;
			for (let j = 0; j < ti; j++) {
				if (forms[j] === form) {
					first = texts[j].field;
					break;
				}
			}
			if (first !== undefined) {
				issues.push({
					field: t.field,
					rule: 'duplicate',
					message: `repeats ${first} ("${t.text}")`,
				});
			}
		}
		if (facts.checks !== checks) {
			facts.checks = checks;
			facts.banned = bannedForms.some(
				(b) => form.includes(b.form) || (format.dki && t.text.includes('{') && matchForm(t.text).includes(b.form)),
			);
		}
		if (!facts.banned) continue;
		for (const b of bannedForms) {
			if (form.includes(b.form) || (format.dki && t.text.includes('{') && matchForm(t.text).includes(b.form))) {
				issues.push({
					field: t.field,
					rule: 'bannedWord',
					message: `contains the banned word "${b.word}"`,
				});
			}
		}
	}
	for (const { phrase, form } of checks.required) {
		if (!forms.some((f) => f.includes(form))) {
			issues.push({
				field: '(ad)',
				rule: 'requiredPhrase',
				message: `no field contains the required phrase "${phrase}"`,
			});
		}
	}

	if (options.cta !== undefined) {
		const cta = options.cta;
		const rule = format.cta;
		if (rule.mode === 'enum') {
			if (cta === '' && !rule.required) {
				// optional and absent
			} else if (!(rule.allowed ?? []).includes(cta)) {
				issues.push({
					field: 'cta',
					rule: 'ctaType',
					message: `CTA "${cta}" is not one of ${(rule.allowed ?? []).join(', ')}`,
				});
			}
		} else if (rule.mode === 'free') {
			if (cta.trim().length === 0) {
				if (rule.required) issues.push({ field: 'cta', rule: 'required', message: 'CTA is required' });
			} else if (rule.maxLength !== undefined && codePointLength(cta) > rule.maxLength) {
				issues.push({
					field: 'cta',
					rule: 'maxLength',
					message: `CTA is ${codePointLength(cta)} characters, limit ${rule.maxLength}`,
				});
			} else {
				for (const word of brief.bannedWords ?? []) {
					if (hasPhrase(matchForm(cta), word)) {
						issues.push({ field: 'cta', rule: 'bannedWord', message: `contains the banned word "${word}"` });
					}
				}
			}
		} else if (cta.trim().length > 0) {
			warnings.push({
				field: 'cta',
				rule: 'ctaUnused',
				message: `${format.format} has no call-to-action button; the CTA is not shown`,
			});
		}
	}

	return { ok: issues.length === 0, issues, warnings };
}
