import { validateAd } from '../../../lib/ads';

const meta = (primaryText: string) => ({
	primaryText,
	headline: 'Handmade home goods',
	description: 'Free shipping over $50',
});

describe('the Ad Generator output check for personal data', () => {
	it('fails an ad whose copy holds an e-mail address, naming the field and masking the address', () => {
		const r = validateAd('meta_feed', meta('Questions? Write to dana.reed@example.com and we will help.'));
		expect(r.ok).toBe(false);
		const pii = r.issues.filter((i) => i.rule === 'pii');
		expect(pii).toHaveLength(1);
		expect(pii[0].field).toBe('primaryText');
		expect(pii[0].message).not.toContain('dana.reed@example.com');
	});

	it('fails a card number in a list field, naming its position', () => {
		const r = validateAd('google_search', {
			headlines: ['Handmade Home Goods', 'Shop Juniper & Oak', 'Free Shipping Over $50'],
			descriptions: ['Pay with 4111 1111 1111 1111 at checkout today.', 'Order online and try them at home.'],
		});
		expect(r.issues.filter((i) => i.rule === 'pii').map((i) => i.field)).toEqual(['descriptions[0]']);
	});

	it('passes a street address the brief itself requires (the advertiser\'s own, not a customer\'s)', () => {
		const text = 'Visit our store at 12 Elm Street, open every day.';
		const withBrief = validateAd('meta_feed', meta(text), { requiredPhrases: ['12 Elm Street'] });
		expect(withBrief.issues.filter((i) => i.rule === 'pii')).toEqual([]);
		const withoutBrief = validateAd('meta_feed', meta(text));
		expect(withoutBrief.issues.filter((i) => i.rule === 'pii')).toHaveLength(1);
	});

	it('passes ordinary copy with prices and years', () => {
		const r = validateAd('meta_feed', meta('Since 1998, handmade home goods. Free delivery over $40.'));
		expect(r.issues.filter((i) => i.rule === 'pii')).toEqual([]);
	});
});
