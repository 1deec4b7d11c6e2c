/**
 * Channel format registry: every length, count and editorial rule the Ad Generator checks, in one
 * place, with the page each rule comes from (platform help pages, by title). Nothing else in the
 * package hard-codes a platform limit: the copywriter, the validator and the model prompt all read
 * them from here. How each platform counts characters is in `measure.ts`; the checks are in
 * `validate.ts`.
 */
import type { AdChannel } from '../contracts/adVariant';

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

/** Length a URL counts on X after t.co shortening (X Help "How to post links"). */
export const X_URL_LENGTH = 23;

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

