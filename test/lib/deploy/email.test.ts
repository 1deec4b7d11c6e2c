import { deploymentNames, prepareEmail } from '../../../lib/deploy';
import { ad } from './fixtures';

describe('prepareEmail', () => {
	const email = ad({ channel: 'email', adId: 'ad_e_1', cta: 'Shop <now>' });
	const prepared = prepareEmail(email, deploymentNames(email).ad, { senderName: 'Juniper & Oak', footer: 'Unsubscribe: *|UNSUB|*' });

	it('carries the segment, subject and preheader as written, and the deterministic name', () => {
		expect(prepared).toMatchObject({
			kind: 'preparedEmail',
			adId: 'ad_e_1',
			segmentId: 'seg-1',
			name: 'JA | seg-1 | email | ad_e_1',
			subject: 'Your shelves, made to last',
			preheader: 'Handmade oak shelves, finished by hand in our workshop.',
		});
	});

	it('links the call to action to the landing page tagged with the ad id as utm_content, other parameters kept', () => {
		const url = new URL(prepared.cta.url);
		expect(url.searchParams.get('ref')).toBe('nav');
		expect(url.searchParams.get('utm_content')).toBe('ad_e_1');
		expect(url.searchParams.get('utm_campaign')).toBe('spring');
		expect(prepared.utm).toEqual({ source: 'x', medium: 'y', campaign: 'spring', content: 'ad_e_1' });
	});

	it('fills in the email source and medium when the link has no UTM tags', () => {
		const bare = prepareEmail(ad({ channel: 'email', adId: 'ad_e_2', finalUrl: 'https://juniper-oak.example/shop' }), 'n');
		expect(bare.utm).toEqual({ source: 'email', medium: 'email', campaign: 'journey-ads-seg-1', content: 'ad_e_2' });
		expect(bare.cta.url).toBe('https://juniper-oak.example/shop?utm_source=email&utm_medium=email&utm_campaign=journey-ads-seg-1&utm_content=ad_e_2');
	});

	it('writes a plain-text body: the paragraphs, then the call to action with its link, then the footer', () => {
		expect(prepared.text).toBe(
			`Hi there,\n\nOur oak shelves are finished by hand.\n\nThe Juniper & Oak team\n\nShop <now>: ${prepared.cta.url}\n\nJuniper & Oak\nUnsubscribe: *|UNSUB|*\n`,
		);
	});

	it('writes an HTML body with the preheader as hidden preview text, escaped paragraphs and a button', () => {
		const html = prepared.html;
		expect(html.startsWith('<!doctype html>')).toBe(true);
		expect(html).toMatch(/<div style="display:none[^"]*">Handmade oak shelves, finished by hand in our workshop\.<\/div>/);
		expect(html).toContain('>The Juniper &amp; Oak team</p>');
		expect(html).toContain(`href="${prepared.cta.url.replace(/&/g, '&amp;')}"`);
		expect(html).toContain('>Shop &lt;now&gt;</a>');
		expect(html).not.toContain('<now>');
		expect(html.indexOf('display:none')).toBeLessThan(html.indexOf('Hi there'));
	});

	it('refuses an ad that is not an email, or lacks a subject, naming the ad and field', () => {
		expect(() => prepareEmail(ad(), 'n')).toThrow(/google_search ad, not an email ad/);
		expect(() => prepareEmail(ad({ channel: 'email', adId: 'ad_x', fields: { subject: '', preheader: 'p', body: 'b' } }), 'n')).toThrow(/ad_x has no subject/);
		expect(() => prepareEmail(ad({ channel: 'email', adId: 'ad_y', fields: { subject: 'a\nBcc: x', preheader: 'p', body: 'b' } }), 'n')).toThrow(/line break in its subject/);
	});
});
