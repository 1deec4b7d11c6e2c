/**
 * Persona keywords, placed only where their part of speech fits. Each keyword is classified: a
 * known phrase, verb or adjective with its own templates ("welcome back", "compare", "premium"), a
 * product noun ("leather boots"), an abstract noun ("quality"), a topic ("ideas"), the people a
 * product is for ("finance teams"), or a claim the brief must back ("reviews", "loyalty"). Each
 * class has its own headline and sentence templates (`{keyword}` is the keyword, `{brand}` and
 * `{product}` as in the phrase bank). A keyword that fits no class is used in display paths only.
 */
import { isPluralPhrase } from '../text';

export type KeywordKind = 'goods' | 'abstract' | 'topic' | 'audience' | 'phrase' | 'claim' | 'unknown';

export interface KeywordTemplates {
	heads: readonly string[];
	lines: readonly string[];
}

/** Known phrases and verbs, each with its own templates (lower-case keys). */
export const PHRASE_KEYWORDS: Readonly<Record<string, KeywordTemplates>> = {
	'welcome back': { heads: ['Welcome back to {brand}', 'Welcome back'], lines: ['Welcome back to {brand}.', 'Welcome back: it is good to see you.'] },
	"what's new": { heads: ["What's new at {brand}", "See what's new"], lines: ["See what's new at {brand}.", "Come and see what's new."] },
	'what is new': { heads: ['What is new at {brand}'], lines: ['See what is new at {brand}.', 'Come and see what is new.'] },
	'when you need it': { heads: ['{product}, when you need it', 'Ready when you need it'], lines: ['{brand} is there when you need it.', 'It is all here when you need it.'] },
	'how to choose': { heads: ['Learn how to choose', 'How to choose, made simple'], lines: ['Not sure how to choose? {brand} walks you through it.', 'Not sure how to choose? We walk you through it.'] },
	'save time': { heads: ['Save time with {brand}', 'Save time every week'], lines: ['Save time with {product} from {brand}.', 'Save time on every order.'] },
	save: { heads: ['Save on {product}', 'Save with {brand}'], lines: ['Save on {product} from {brand}.', 'Save on your next order.'] },
	compare: { heads: ['Compare before you choose', 'Compare the options'], lines: ['Compare the options side by side at {brand}.', 'Compare the options side by side.'] },
	reorder: { heads: ['Reorder with ease', 'Reorder your usual'], lines: ['Reorder your usual from {brand} with ease.', 'Reorder your usual in a few steps.'] },
	shop: { heads: ['Shop {product}', 'Shop {brand}'], lines: ['Shop {product} at {brand}.'] },
	discover: { heads: ['Discover {product}', 'Discover {brand}'], lines: ['Discover {product} from {brand}.'] },
	explore: { heads: ['Explore {product}', 'Explore {brand}'], lines: ['Explore {product} from {brand}.'] },
	browse: { heads: ['Browse {product}', 'Browse {brand}'], lines: ['Browse {product} at {brand}.'] },
	upgrade: { heads: ['Upgrade to {product}', 'Time to upgrade'], lines: ['Upgrade to {product} from {brand}.'] },
	automate: { heads: ['Automate the busywork', 'Automate the routine'], lines: ['Automate the busywork with {product}.'] },
	premium: { heads: ['Premium, made with care', 'Premium quality'], lines: ['Premium quality from {brand}, made with care.', 'Premium quality, made with care.'] },
	trending: { heads: ['Trending at {brand}', 'See what is trending'], lines: ['See what is trending at {brand}.', 'See what is trending right now.'] },
	easy: { heads: ['Easy to choose', 'Easy from the start'], lines: ['Choosing {product} is easy with {brand}.', 'We make choosing easy.'] },
};

/** Templates per class for keywords not in {@link PHRASE_KEYWORDS}. */
export const KIND_TEMPLATES: Readonly<Partial<Record<KeywordKind, KeywordTemplates>>> = {
	goods: {
		heads: ['{keyword} from {brand}', 'Explore {keyword}', '{keyword} at {brand}', 'Shop {keyword}'],
		lines: ['Explore {keyword} from {brand}.', 'Take a look at our {keyword}.', 'Browse our {keyword}.', 'Explore our {keyword}.'],
	},
	abstract: {
		heads: ['{keyword} comes first', '{keyword} you can feel'],
		lines: ['{keyword} comes first at {brand}.', 'For us, {keyword} comes first.'],
	},
	audience: {
		heads: ['Made for {keyword}', 'Built for {keyword}'],
		lines: ['{brand} is made for {keyword}.', 'Made for {keyword} like yours.'],
	},
	topic: {
		heads: ['Fresh {keyword} from {brand}', 'Fresh {keyword}'],
		lines: ['Find fresh {keyword} at {brand}.', 'Find fresh {keyword} with us.'],
	},
};

/** Nouns that name a quality rather than a thing ("Quality comes first"). */
const ABSTRACT = new Set(['quality', 'value', 'comfort', 'style', 'craftsmanship', 'convenience', 'performance', 'reliability', 'design', 'service']);
/** Nouns that name people ("finance teams", "busy parents"): who the product is for, never a product. */
const AUDIENCE = new Set(['teams', 'businesses', 'parents', 'owners', 'people', 'families', 'managers', 'professionals', 'customers', 'founders', 'leaders', 'shoppers', 'buyers', 'runners', 'travellers', 'travelers', 'students', 'companies']);
/** Nouns that name a topic one reads about ("Fresh ideas"). */
const TOPICS = new Set(['ideas', 'inspiration', 'tips', 'advice', 'guides', 'insights', 'stories']);
/**
 * Nouns that would promise something the brand may not offer (a review section, a loyalty scheme,
 * a sale): written only when the brief's offer backs them.
 */
const CLAIMS = new Set(['reviews', 'review', 'rewards', 'loyalty', 'newsletter', 'trial', 'membership', 'points', 'sale', 'discount', 'discounts', 'deal', 'deals', 'coupon', 'voucher']);
/** Adjectives that describe the product: a claim unless the brief's product or offer says it. */
const PRODUCT_CLAIM_ADJECTIVES = new Set(['organic', 'sustainable', 'eco', 'vegan', 'waterproof', 'handmade', 'local', 'natural', 'recycled', 'luxury']);
/** Mass nouns that name things ("software", "furniture"): read like goods. */
const MASS_GOODS = new Set(['software', 'furniture', 'clothing', 'footwear', 'luggage', 'equipment', 'gear', 'homeware', 'decor', 'jewellery', 'jewelry', 'skincare', 'coffee', 'tea']);

export interface Keyword {
	/** As the persona wrote it, trimmed. */
	text: string;
	kind: KeywordKind;
	templates: KeywordTemplates | null;
}

/**
 * Classify one keyword. `backing` is the matchForm-style text of the brief's product and offer: a
 * claim or a product-describing adjective is usable only when it appears there.
 */
export function classifyKeyword(raw: string, backing: string): Keyword {
	const text = raw.trim().replace(/\s+/g, ' ');
	const key = text.toLowerCase();
	const backed = backing.includes(` ${key} `);
	const known = PHRASE_KEYWORDS[key];
	if (known) return { text, kind: 'phrase', templates: known };
	const words = key.split(' ');
	const head = words[words.length - 1];
	let kind: KeywordKind;
	if (words.some((w) => CLAIMS.has(w))) kind = backed ? 'goods' : 'claim';
	else if (words.length === 1 && PRODUCT_CLAIM_ADJECTIVES.has(key)) kind = backed ? 'unknown' : 'claim';
	else if (words.length === 1 && ABSTRACT.has(key)) kind = 'abstract';
	else if (words.length === 1 && TOPICS.has(key)) kind = 'topic';
	else if (!/^[a-z][a-z' -]*$/.test(key)) kind = 'unknown';
	else if (words.length > 1 && AUDIENCE.has(head)) kind = 'audience';
	else if (MASS_GOODS.has(head) || /(?:ware|tion|ment)$/.test(head) || (isPluralPhrase(key) && head.length > 3)) {
		// a thing: "leather boots", "new arrivals", "invoice automation"; an adjective-noun that makes
		// a claim ("organic tea") only when backed
		kind = words.some((w) => PRODUCT_CLAIM_ADJECTIVES.has(w)) && !backed ? 'claim' : 'goods';
	} else kind = 'unknown';
	return { text, kind, templates: KIND_TEMPLATES[kind] ?? null };
}
