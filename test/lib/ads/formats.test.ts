import {
	CHANNEL_FORMATS,
	expandDki,
	googleLength,
	measureText,
	validateAd,
	xWeightedLength,
} from '../../../lib/ads';
import { AD_CHANNELS } from '../../../lib/contracts/adVariant';
import { phoneSpans } from '../../../lib/audit/governanceRules';

const rsa = (headlines: string[], extra: Record<string, string | string[]> = {}) => ({
	headlines,
	descriptions: ['Comfortable trail shoes for long days.', 'Order online and try them at home.'],
	...extra,
});
const x = (n: number) => 'x'.repeat(n);
const words = (n: number) => {
	// n characters of real words, so editorial rules stay quiet
	let s = 'Trail shoes for';
	while (s.length < n) s += ' long days';
	return s.slice(0, n).replace(/\s$/, 'a');
};

describe('channel format registry', () => {
	it('has exactly the contract channels', () => {
		expect(Object.keys(CHANNEL_FORMATS).sort()).toEqual([...AD_CHANNELS].sort());
		for (const f of Object.values(CHANNEL_FORMATS)) expect(f.sources.length).toBeGreaterThan(0);
	});

	it.each([
		[29, true],
		[30, true],
		[31, false],
	])('Google search headline of %i characters passes: %s', (n, ok) => {
		const r = validateAd('google_search', rsa([words(n), 'Shop trail shoes', 'Northwind outdoors']));
		expect(r.ok).toBe(ok);
		if (!ok) expect(r.issues).toContainEqual(expect.objectContaining({ field: 'headlines[0]', rule: 'maxLength' }));
	});

	it.each([
		[89, true],
		[90, true],
		[91, false],
	])('Google description of %i characters passes: %s', (n, ok) => {
		const r = validateAd('google_search', {
			headlines: ['Trail shoes', 'Shop trail shoes', 'Northwind outdoors'],
			descriptions: [words(n), 'Order online today.'],
		});
		expect(r.ok).toBe(ok);
	});

	it.each([
		[14, true],
		[15, true],
		[16, false],
	])('path1 of %i characters passes: %s', (n, ok) => {
		expect(validateAd('google_search', rsa(['Trail shoes', 'Shop trail shoes', 'Northwind'], { path1: x(n).replace(/x/g, 'a') })).ok).toBe(ok);
	});

	it('counts headlines: 3 to 15, descriptions: 2 to 4', () => {
		expect(validateAd('google_search', rsa(['One', 'Two'])).issues).toContainEqual(
			expect.objectContaining({ rule: 'minItems' }),
		);
		const sixteen = Array.from({ length: 16 }, (_, i) => `Headline number ${String.fromCharCode(65 + i)}`);
		expect(validateAd('google_search', rsa(sixteen)).issues).toContainEqual(expect.objectContaining({ rule: 'maxItems' }));
		const fifteen = sixteen.slice(0, 15);
		expect(validateAd('google_search', rsa(fifteen)).ok).toBe(true);
		expect(
			validateAd('microsoft_search', {
				headlines: ['Trail shoes', 'Shop trail shoes', 'Northwind'],
				descriptions: ['Only one description.'],
			}).issues,
		).toContainEqual(expect.objectContaining({ rule: 'minItems', field: 'descriptions' }));
	});

	it('expands dynamic keyword insertion, any casing, before counting', () => {
		expect(expandDki('Buy {KeyWord:Running Shoes} Today')).toBe('Buy Running Shoes Today');
		expect(expandDki('{keyword:Boots}')).toBe('Boots');
		expect(expandDki('{KEYWORD:Boots}')).toBe('Boots');
		expect(googleLength('Buy {KeyWord:Running Shoes} Today')).toBe(23);
		// 14 characters of default text: fits although the raw string is longer than 30
		const h = 'Top {KeyWord:Running Shoes} for Trails';
		expect(h.length).toBeGreaterThan(30);
		expect(validateAd('google_search', rsa([h, 'Shop trail shoes', 'Northwind'])).ok).toBe(true);
		const long = '{KeyWord:Running Shoes For Long Trail Days}';
		expect(validateAd('google_search', rsa([long, 'Shop trail shoes', 'Northwind'])).ok).toBe(false);
	});

	it('rejects keyword insertion outside search and empty defaults', () => {
		expect(validateAd('google_search', rsa(['{KeyWord:}', 'Shop trail shoes', 'Northwind'])).ok).toBe(false);
		const meta = validateAd('meta_feed', { primaryText: 'Buy {KeyWord:Shoes} now.', headline: 'Shoes' }, {}, { cta: 'SHOP_NOW' });
		expect(meta.issues).toContainEqual(expect.objectContaining({ rule: 'unfilledPlaceholder' }));
	});

	it('counts double-width characters as 2 for Google', () => {
		expect(googleLength('日本語')).toBe(6);
		expect(googleLength('ＡＢＣ')).toBe(6);
		expect(googleLength('abc')).toBe(3);
		const fifteenWide = '靴'.repeat(15);
		const sixteenWide = '靴'.repeat(16);
		expect(validateAd('google_search', rsa([fifteenWide, 'Shop trail shoes', 'Northwind'])).ok).toBe(true);
		expect(validateAd('google_search', rsa([sixteenWide, 'Shop trail shoes', 'Northwind'])).ok).toBe(false);
		// Meta counts code points: 16 CJK characters are 16
		expect(measureText(sixteenWide, 'codePoints')).toBe(16);
	});

	it('weights X posts: URLs 23, CJK and emoji 2', () => {
		expect(xWeightedLength('hello')).toBe(5);
		expect(xWeightedLength('see https://example.com/a/very/long/path?with=query&and=more')).toBe(4 + 23);
		expect(xWeightedLength('go to example.com now')).toBe(6 + 23 + 4);
		expect(xWeightedLength('日本')).toBe(4);
		expect(xWeightedLength('👍')).toBe(2);
		expect(xWeightedLength('👩‍👩‍👧')).toBe(2);
		const text = `${x(256)} https://example.com/${x(100)}`;
		expect(xWeightedLength(text)).toBe(280);
		expect(validateAd('x_post', { text }).ok).toBe(true);
		expect(validateAd('x_post', { text: `a${text}` }).ok).toBe(false);
	});

	it('counts code points, not UTF-16 units, for Meta', () => {
		const emoji = '😀'.repeat(40);
		expect(emoji.length).toBe(80);
		expect(validateAd('meta_feed', { primaryText: 'Hello there.', headline: emoji }, {}, { cta: 'SHOP_NOW' }).ok).toBe(true);
	});

	it('checks Meta, LinkedIn and email limits at their boundaries', () => {
		const meta = (p: number, h: number, d: number) =>
			validateAd('meta_feed', { primaryText: words(p), headline: words(h), description: words(d) }, {}, { cta: 'LEARN_MORE' }).ok;
		expect(meta(125, 40, 30)).toBe(true);
		expect(meta(126, 40, 30)).toBe(false);
		expect(meta(125, 41, 30)).toBe(false);
		expect(meta(125, 40, 31)).toBe(false);
		const li = validateAd('linkedin', { introText: words(151), headline: words(71) }, {}, { cta: 'LEARN_MORE' });
		expect(li.ok).toBe(true);
		expect(li.warnings.map((w) => w.rule)).toEqual(['recommendedLength', 'recommendedLength']);
		expect(validateAd('linkedin', { introText: words(601), headline: 'Hi there' }, {}, { cta: 'LEARN_MORE' }).ok).toBe(false);
		expect(validateAd('linkedin', { introText: 'Hi there', headline: words(201) }, {}, { cta: 'LEARN_MORE' }).ok).toBe(false);
		const email = (s: number, p: number) =>
			validateAd('email', { subject: words(s), preheader: words(p), body: 'Hello.' }, {}, { cta: 'Shop now' }).ok;
		expect(email(50, 40)).toBe(true);
		expect(email(51, 40)).toBe(false);
		expect(email(50, 39)).toBe(false);
		expect(email(50, 70)).toBe(true);
		expect(email(50, 71)).toBe(false);
	});

	it('checks display ad fields', () => {
		const ok = {
			headlines: ['Trail shoes'],
			longHeadline: words(90),
			descriptions: ['Comfortable shoes.'],
			businessName: words(25),
		};
		expect(validateAd('google_display', ok, {}, { cta: 'Shop Now' }).ok).toBe(true);
		expect(validateAd('google_display', { ...ok, longHeadline: words(91) }).ok).toBe(false);
		expect(validateAd('google_display', { ...ok, businessName: words(26) }).ok).toBe(false);
		expect(validateAd('google_display', { ...ok, headlines: ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'] }).ok).toBe(false);
		expect(validateAd('google_display', ok, {}, { cta: 'Buy It' }).issues[0].rule).toBe('ctaType');
	});

	it('applies Google editorial rules', () => {
		const rules = (h: string, d = 'Comfortable trail shoes.') =>
			validateAd('google_search', rsa([h, 'Shop trail shoes', 'Northwind'], { descriptions: [d, 'Order online.'] }), {
				brand: 'NORTHWIND Co',
			}).issues.map((i) => i.rule);
		expect(rules('Great shoes!')).toContain('noExclamation');
		expect(rules('Great shoes', 'Great!! Shoes.')).toContain('repeatedPunctuation');
		expect(rules('Great shoes', 'Great! Shoes! Now.')).toContain('oneExclamation');
		expect(rules('Great shoes', 'Great shoes! Order now.')).toEqual([]);
		expect(rules('FREE trail shoes')).toContain('excessiveCapitalization');
		expect(rules('NORTHWIND trail shoes')).toEqual([]);
		expect(rules('Trail shoes 👟')).toContain('noEmoji');
		expect(rules('F R E E shoes')).toContain('gimmickySpacing');
		expect(rules('Call 0800 123 4567')).toContain('phoneNumber');
		expect(rules('Shoes for [persona]')).toContain('unfilledPlaceholder');
	});

	it('finds phone numbers with the governance detector, so it agrees with the Auditor', () => {
		const rules = (h: string) =>
			validateAd('google_search', rsa([h, 'Shop trail shoes', 'Northwind'], { descriptions: ['Comfortable trail shoes.', 'Order online.'] })).issues.map((i) => i.rule);
		for (const text of ['Call +44 20 7946 0958', 'Call (555) 123-4567']) {
			expect(rules(text)).toContain('phoneNumber');
			expect(phoneSpans(text).length).toBe(1);
		}
		for (const text of ['Since 2019, 20% off', 'Open 9-5 daily']) {
			expect(rules(text)).not.toContain('phoneNumber');
			expect(phoneSpans(text)).toEqual([]);
		}
	});

	it('checks banned words (whole word, any case), required phrases, duplicates and pins', () => {
		const brief = { bannedWords: ['cheap'], requiredPhrases: ['Free returns'] };
		const base = rsa(['Trail shoes', 'Shop trail shoes', 'Free returns']);
		expect(validateAd('google_search', base, brief).ok).toBe(true);
		expect(validateAd('google_search', rsa(['CHEAP shoes', 'Shop trail shoes', 'Free returns']), brief).issues.map((i) => i.rule)).toContain('bannedWord');
		// whole word only: "cheaply" is not "cheap"
		expect(validateAd('google_search', rsa(['Cheaply made? No', 'Shop trail shoes', 'Free returns']), brief).ok).toBe(true);
		expect(validateAd('google_search', rsa(['Trail shoes', 'Shop trail shoes', 'Northwind']), brief).issues).toContainEqual(
			expect.objectContaining({ rule: 'requiredPhrase' }),
		);
		expect(validateAd('google_search', rsa(['Trail shoes', 'trail  shoes', 'Northwind'])).issues).toContainEqual(
			expect.objectContaining({ rule: 'duplicate', field: 'headlines[1]' }),
		);
		expect(validateAd('google_search', { ...base, headlinePins: ['1', '', '4'] }, brief).issues).toContainEqual(
			expect.objectContaining({ rule: 'pinPosition' }),
		);
		expect(validateAd('google_search', { ...base, headlinePins: ['1', '2', ''] }, brief).ok).toBe(true);
		expect(validateAd('google_search', { ...base, path2: 'Boots' }).issues).toContainEqual(
			expect.objectContaining({ rule: 'pathOrder' }),
		);
		expect(validateAd('google_search', { ...base, headline: 'typo' }).issues).toContainEqual(
			expect.objectContaining({ rule: 'unknownField' }),
		);
	});

	it('checks CTAs against the platform lists', () => {
		const meta = { primaryText: 'Trail shoes for long days.', headline: 'Trail shoes' };
		expect(validateAd('meta_feed', meta, {}, { cta: 'SHOP_NOW' }).ok).toBe(true);
		expect(validateAd('meta_feed', meta, {}, { cta: 'Shop now' }).ok).toBe(false);
		expect(validateAd('linkedin', { introText: 'Hi there.', headline: 'Trail shoes' }, {}, { cta: 'REQUEST_DEMO' }).ok).toBe(true);
		expect(validateAd('email', { subject: 'Trail shoes', preheader: words(45), body: 'Hi.' }, {}, { cta: '' }).ok).toBe(false);
	});
});
