import { describePii, findPiiInFields, maskPii, piiIssues } from '../../../lib/governance';

describe('the output check for text fields', () => {
	const fields = {
		headlines: ['Fresh bread daily', 'Call 020 7946 0958 today'],
		primaryText: 'Questions? Write to dana@example.com.',
		description: 'Free delivery over $40. Find us on Elm Street.',
		empty: null,
	};

	it('finds each match with its field, list position and span', () => {
		const found = findPiiInFields(fields);
		expect(found).toEqual([
			{ field: 'headlines', item: 1, kind: 'phone', start: 5, end: 18, text: '020 7946 0958' },
			{ field: 'primaryText', kind: 'email', start: 20, end: 36, text: 'dana@example.com' },
		]);
	});

	it('gives validation issues whose messages mask the data', () => {
		const issues = piiIssues(fields);
		expect(issues).toEqual([
			{
				field: 'headlines[1]',
				rule: 'pii',
				message: 'contains a phone number (0***); personal data must not appear in ad copy',
			},
			{
				field: 'primaryText',
				rule: 'pii',
				message:
					'contains an email address (d***@example.com); personal data must not appear in ad copy',
			},
		]);
		for (const i of issues) expect(i.message).not.toMatch(/7946|dana@/);
	});

	it('passes clean copy and checks names from the input', () => {
		expect(piiIssues({ headlines: ['Gifts for everyone on your list', 'Since 1998'] })).toEqual([]);
		expect(piiIssues({ text: 'Hi Dana, your order is ready' }, { names: ['Dana'] })).toHaveLength(
			1,
		);
	});

	it('masks and describes', () => {
		expect(maskPii({ kind: 'email', text: 'dana@example.com' })).toBe('d***@example.com');
		expect(maskPii({ kind: 'iban', text: 'GB82WEST12345698765432' })).toBe('G***');
		expect(describePii({ kind: 'payment_card', text: '4111 1111 1111 1111' })).toBe(
			'a payment card number (4***)',
		);
	});
});
