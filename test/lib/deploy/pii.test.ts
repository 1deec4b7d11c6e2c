import { findPayloadPii, outgoingAdPayload, piiRefusal } from '../../../lib/deploy';
import { ad } from './fixtures';

describe('the privacy check on outgoing ads', () => {
	it('passes ad copy, calls to action and UTM-tagged links that hold no personal data', () => {
		expect(findPayloadPii(outgoingAdPayload(ad()))).toEqual([]);
		expect(piiRefusal(outgoingAdPayload(ad({ channel: 'meta_feed' })))).toBeNull();
	});

	it('names the field and the kind of data it found, in nested fields and lists', () => {
		const leaky = ad({
			fields: { headlines: ['Oak Shelves', 'Call 020 7946 0958', 'Order Today'], descriptions: ['Free delivery.', 'Ask dana@example.com'] },
			finalUrl: 'https://juniper-oak.example/shop?email=dana@example.com',
		});
		expect(findPayloadPii(outgoingAdPayload(leaky))).toEqual([
			{ field: 'fields.headlines.1', kinds: ['phone'] },
			{ field: 'fields.descriptions.1', kinds: ['email'] },
			{ field: 'finalUrl', kinds: ['email'] },
		]);
	});

	it('refuses with a message that says where, never what', () => {
		const message = piiRefusal(outgoingAdPayload(ad({ fields: { headlines: ['Call 020 7946 0958', 'b', 'c'], descriptions: ['d', 'e'] } })));
		expect(message).toMatch(/personal data in fields\.headlines\.0 \(phone\)/);
		expect(message).not.toContain('7946');
	});
});
