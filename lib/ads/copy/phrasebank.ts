/**
 * The offline copywriter's phrase bank: plain tables a copywriter can edit. The engine
 * (`phrases.ts`) fills the slots and drops any entry whose slot it cannot fill; nothing else writes
 * copy.
 *
 * Slots:
 * - `{brand}`: the brief's brand, as written ("Juniper & Oak").
 * - `{product}`: the brief's product, as written ("handmade home goods", "Trailhead 2"); always used
 *   as an object or after a preposition, so it reads whether it is singular, plural or a name.
 * - `{offer}`: the brief's offer, as written ("free shipping on orders over $50"); entries with it
 *   are used only when the brief has an offer.
 * - `{keyword}`: one of the persona's keywords, in the tables for its part of speech only.
 *
 * Rules every entry keeps (the truthfulness rules of the generator): no numbers, no superlatives
 * ("best", "#1", "perfect"), no scarcity or deadlines ("only 3 left", "ends tonight"), no claim the
 * brief does not make. Social proof lives in its own table and is written only when the persona's
 * evidence backs that kind of proof. Persona fields are never copied into copy: they choose the
 * theme and the angle, these tables write the words.
 *
 * `heads` are headlines (no end punctuation, sentence case: the engine applies title case where a
 * channel or the brand's house style wants it); `lines` are complete sentences.
 */
import type { AdGoal } from '../brief';

/** What a persona cares about, read from its motivations, goals, pain points and objections. */
export const THEMES = [
	'quality',
	'value',
	'newness',
	'convenience',
	'confidence',
	'inspiration',
	'comeback',
	'recognition',
] as const;
export type Theme = (typeof THEMES)[number];

/**
 * Words in the persona's analysis that point at each theme (matched as word starts, so "craft"
 * also finds "craftsmanship").
 */
export const THEME_SIGNALS: Readonly<Record<Theme, readonly string[]>> = {
	quality: ['quality', 'craft', 'material', 'to last', 'that last', 'lasting', 'durab', 'wear out', 'worn', 'premium', 'hand finished', 'handmade', 'made for'],
	value: ['value', 'price', 'cost', 'deal', 'discount', 'budget', 'cheap', 'afford', 'save', 'shipping', 'fees', 'full price', 'offer'],
	newness: ['new', 'fresh', 'latest', 'keeping up', 'arrivals'],
	convenience: ['speed', 'quick', 'fast', 'simpl', 'easy', 'friction', 'saves time', 'routine', 'reorder', 'straight to', 'time', 'manual', 'effort'],
	confidence: ['compare', 'review', 'proof', 'sure', 'worth', 'confident', 'size', 'fit', 'decide', 'choos', 'options', 'alternatives', 'trust'],
	inspiration: ['idea', 'inspir', 'discover', 'browse', 'scroll', 'catch the eye', 'visual', 'look around'],
	comeback: ['come back', 'welcome back', 'drift', 'lapsed', 'inactive', 'gone quiet', 'last active', 'return', 'left off', 'remember'],
	recognition: ['loyal', 'recognition', 'appreciat', 'thank', 'relationship', 'spend'],
};

/** Lines for one theme, per angle it can argue. */
export interface ThemeCopy {
	benefit: { heads: readonly string[]; lines: readonly string[] };
	pain: { heads: readonly string[]; lines: readonly string[] };
	objection: { heads: readonly string[]; lines: readonly string[] };
}

export const THEME_COPY: Readonly<Record<Theme | 'general', ThemeCopy>> = {
	quality: {
		benefit: {
			heads: ['Made to last', 'Quality you can feel', 'Crafted with care', 'Care in every detail'],
			lines: [
				'{brand} puts care into every detail.',
				'Choose {product} made with care and built to last.',
				'Good materials and careful work, from {brand}.',
			],
		},
		pain: {
			heads: ['Less replacing, more enjoying', 'Buy once, enjoy for longer'],
			lines: [
				'Tired of things that wear out too soon? {brand} makes {product} to last.',
				'Skip the cycle of buying the same thing twice.',
			],
		},
		objection: {
			heads: ['Quality that earns its place', 'Worth it for the long run'],
			lines: [
				'Wondering if it is worth it? Look closely at the details.',
				'Careful work and good materials are what you pay for.',
			],
		},
	},
	value: {
		benefit: {
			heads: ['More for your money', 'Good value, every order'],
			lines: ['Get more for your money with {product} from {brand}.', 'Good value from {brand}, order after order.'],
		},
		pain: {
			heads: ['Keep your budget on track', 'Spend less time hunting deals'],
			lines: ['Watching what you spend? {brand} keeps it simple.', 'Stop hunting for a better price and start enjoying {product}.'],
		},
		objection: {
			heads: ['See the value for yourself', 'Value you can check'],
			lines: ['Compare the price with what you get, and decide for yourself.', 'Check what you get before you spend a penny.'],
		},
	},
	newness: {
		benefit: {
			heads: ['Something new to discover', 'Fresh picks are in', 'New this season at {brand}'],
			lines: ['There is always something new to discover at {brand}.', 'Fresh picks from {brand} are ready for you.'],
		},
		pain: {
			heads: ['Seen it all before?', 'Time for something fresh'],
			lines: ['Feel like you have seen it all? Take a fresh look at {brand}.', 'Swap the same old routine for something fresh.'],
		},
		objection: {
			heads: ['New since you last looked', 'More to see than last time'],
			lines: ['There is more to see than last time you visited.', '{brand} keeps adding new picks for you to find.'],
		},
	},
	convenience: {
		benefit: {
			heads: ['Quick and simple', 'Less effort, more done', 'Simple from start to finish'],
			lines: ['{brand} makes it quick and simple.', 'Get what you need from {brand} in a few easy steps.'],
		},
		pain: {
			heads: ['Short on time?', 'Skip the busywork'],
			lines: ['Short on time? {brand} keeps every step simple.', 'Spend less time on the busywork and more on what matters.'],
		},
		objection: {
			heads: ['Simple to start', 'Easy to get going'],
			lines: ['Getting started with {product} takes very little effort.', 'Start whenever it suits you, at your own pace.'],
		},
	},
	confidence: {
		benefit: {
			heads: ['Choose with confidence', 'Know what you are getting', 'Clear details, easy choices'],
			lines: ['Choose {product} with confidence, with every detail clear.', 'Clear details help you choose with confidence.'],
		},
		pain: {
			heads: ['Too many options?', 'Make the choice simple'],
			lines: ['Too many options to weigh up? {brand} makes the choice clearer.', 'Skip the guesswork and find what suits you.'],
		},
		objection: {
			heads: ['Look before you decide', 'Take your time to decide'],
			lines: ['Not sure yet? Take your time and look at the details.', 'See exactly what you get before you decide.'],
		},
	},
	inspiration: {
		benefit: {
			heads: ['Find something that stands out', 'Worth a closer look', 'Made to catch the eye'],
			lines: ['Find something that stands out at {brand}.', 'Take a closer look at {product} from {brand}.'],
		},
		pain: {
			heads: ['Nothing catching your eye?', 'Bored of the same old?'],
			lines: ['Nothing catching your eye lately? {brand} has plenty to see.', 'Swap endless scrolling for something you will enjoy.'],
		},
		objection: {
			heads: ['Just looking? Look around', 'Browse at your own pace'],
			lines: ['Just looking? Browse at your own pace, with no pressure.', 'Look around first; decide when you are ready.'],
		},
	},
	comeback: {
		benefit: {
			heads: ['Good to see you again', 'Pick up where you left off'],
			lines: ['Good to see you again: {brand} has plenty to show you.', 'Pick up where you left off at {brand}.'],
		},
		pain: {
			heads: ['It has been a while', 'Been a while?'],
			lines: ['It has been a while, and {brand} has been busy.', 'Been a while? Catch up on {product} from {brand}.'],
		},
		objection: {
			heads: ['Ready for another look?', 'Plenty has changed'],
			lines: ['Plenty is new at {brand} since your last visit.', 'Come back to {brand} and see how much has changed.'],
		},
	},
	recognition: {
		benefit: {
			heads: ['Made for regulars', 'Thank you for coming back'],
			lines: ['Thank you for choosing {brand} again.', '{brand} is glad to have you back.'],
		},
		pain: {
			heads: ['More than a generic offer', 'Not one size fits all'],
			lines: ['You deserve more than a generic offer.', '{brand} writes to you as a regular, not a stranger.'],
		},
		objection: {
			heads: ['Service to match', 'Looked after, every time'],
			lines: ['Expect service that matches your standards.', '{brand} looks after the people who come back.'],
		},
	},
	general: {
		benefit: {
			heads: ['Discover {brand}', '{product} by {brand}', 'Made with you in mind'],
			lines: ['Discover {product} from {brand}.', '{brand} makes {product} with you in mind.'],
		},
		pain: {
			heads: ['Make it easier', 'A simpler way to choose'],
			lines: ['Make life a little easier with {product} from {brand}.', 'Find a simpler way to get what you need.'],
		},
		objection: {
			heads: ['See it for yourself', 'Decide in your own time'],
			lines: ['See {product} for yourself and decide in your own time.', 'Take a look first: there is no pressure to decide.'],
		},
	},
};

/** Social proof, by the kind of evidence that backs it. */
export const PROOF_COPY: Readonly<Record<'repeat' | 'rating', { heads: readonly string[]; lines: readonly string[] }>> = {
	repeat: {
		heads: ['A favourite to come back to', 'Chosen again and again'],
		lines: ['Customers come back to {brand} again and again.', 'Many customers choose {brand} again and again.'],
	},
	rating: {
		heads: ['Rated highly by customers', 'Customers rate it highly'],
		lines: ['Customers rate {product} from {brand} highly.', 'See why customers rate {brand} highly.'],
	},
};

/** Urgency without pressure: a reason to act now, never a deadline or scarcity. */
export const URGENCY_COPY: Readonly<Record<AdGoal, { heads: readonly string[]; lines: readonly string[] }>> = {
	awareness: { heads: ['Meet {brand} today', 'Start exploring today'], lines: ['Start exploring {brand} today.', 'Take a first look at {product} today.'] },
	traffic: { heads: ['Take a look today', 'See it today'], lines: ['Take a look at {brand} today.', 'See {product} from {brand} today.'] },
	leads: { heads: ['Get started today', 'Start today'], lines: ['Get started with {brand} today.', 'Start today and see the difference.'] },
	sales: { heads: ['Order today', 'Treat yourself today'], lines: ['Order {product} from {brand} today.', 'Treat yourself to {product} today.'] },
	winBack: { heads: ['Come back today', 'Come see us today'], lines: ['Come back to {brand} today.', 'Take another look at {brand} today.'] },
};

/** The offer, as a headline and as sentences ({offer} as written in the brief). */
export const OFFER_COPY = {
	heads: ['{offer}'],
	lines: ['Enjoy {offer}.', 'Get {offer}.'],
} as const;

/** Sign-off sentences that ask for the goal's action (the email's call-to-action line too). */
export const CLOSE_COPY: Readonly<Record<AdGoal, { heads: readonly string[]; lines: readonly string[] }>> = {
	awareness: { heads: ['Get to know {brand}', 'Meet {brand}'], lines: ['Get to know {brand}.', 'Discover {brand} for yourself.', 'Take a first look.', 'Come and say hello.'] },
	traffic: { heads: ['See more at {brand}', 'Have a look around'], lines: ['Take a look at {brand}.', 'See more at {brand}.', 'Have a look around.', 'See the whole range online.'] },
	leads: { heads: ['Sign up with {brand}', 'Find out more'], lines: ['Sign up to hear more from {brand}.', 'Find out more from {brand}.', 'Sign up to find out more.', 'Ask us for a demo.'] },
	sales: { heads: ['Shop {brand}', 'Shop the range'], lines: ['Shop the range at {brand}.', 'Find yours at {brand}.', 'Shop the range online.', 'Find yours today.'] },
	winBack: { heads: ['Come back to {brand}', 'Take another look'], lines: ['Come back and take another look.', 'See you soon at {brand}.', 'We would love to see you again.'] },
};

/** Headlines about the brand and product that suit any angle (fillers for long headline lists). */
export const BRAND_HEADS: readonly string[] = ['{brand}', '{product} from {brand}', 'Discover {product}', 'Shop {brand} online'];

/** Call to action per channel and goal (values from the registry's CTA lists). */
export const CTA_BY_GOAL: Readonly<Record<'meta_feed' | 'linkedin' | 'google_display' | 'email', Readonly<Record<AdGoal, string>>>> = {
	meta_feed: { awareness: 'LEARN_MORE', traffic: 'LEARN_MORE', leads: 'SIGN_UP', sales: 'SHOP_NOW', winBack: 'SHOP_NOW' },
	linkedin: { awareness: 'LEARN_MORE', traffic: 'SEE_MORE', leads: 'SIGN_UP', sales: 'SHOP_NOW', winBack: 'LEARN_MORE' },
	google_display: { awareness: 'Learn More', traffic: 'Visit Site', leads: 'Sign Up', sales: 'Shop Now', winBack: 'Shop Now' },
	email: { awareness: 'Learn more', traffic: 'Take a look', leads: 'Sign up', sales: 'Shop now', winBack: 'Come back and browse' },
};

/** Display path per goal when no keyword makes a path. */
export const GOAL_PATHS: Readonly<Record<AdGoal, string>> = {
	awareness: 'Discover',
	traffic: 'Explore',
	leads: 'Sign-Up',
	sales: 'Shop',
	winBack: 'Welcome-Back',
};
