import {
	findPii,
	ibanValid,
	isPiiFree,
	isPiiMarker,
	luhnValid,
	redactPii,
	type PiiKind,
} from '../../../lib/governance';

const kinds = (text: string, names?: string[]) => findPii(text, { names }).map((m) => m.kind);
const only = (text: string, kind: PiiKind) => {
	const found = findPii(text);
	expect(found.map((m) => m.kind)).toEqual([kind]);
	return found[0].text;
};

describe('findPii: e-mail addresses', () => {
	it.each([
		['mail me at dana.smith+ads@example.co.uk', 'dana.smith+ads@example.co.uk'],
		['DANA@EXAMPLE.ORG.', 'DANA@EXAMPLE.ORG'],
	])('finds %p', (text, match) => expect(only(text, 'email')).toBe(match));

	it.each(['@brand on Instagram', 'price@40', 'user@localhost'])('leaves %p alone', (text) =>
		expect(findPii(text)).toEqual([]),
	);
});

describe('findPii: phone numbers', () => {
	it.each([
		['call +1 (555) 123-4567 today', '+1 (555) 123-4567'],
		['call 555-123-4567', '555-123-4567'],
		['or 555.123.4567', '555.123.4567'],
		['(555) 123-4567', '(555) 123-4567'],
		['call 1 555 123 4567', '1 555 123 4567'],
		['ring 020 7946 0958', '020 7946 0958'],
		['+44 20 7946 0958', '+44 20 7946 0958'],
		['+447946095812', '+447946095812'],
		['mobile 07946095812', '07946095812'],
		['Büro 030 1234567', '030 1234567'],
		['tél 01 23 45 67 89', '01 23 45 67 89'],
		['+49 30 12345678', '+49 30 12345678'],
		['call 555-1234 now', '555-1234'],
		['phone: 5551234567', '5551234567'],
	])('finds %p', (text, match) => expect(only(text, 'phone')).toBe(match));

	it.each([
		'spend 412 on average, 2.29x the typical customer (vs 180 overall)',
		'{"share":0.1234,"revenue":510880.25,"zScore":-1.1}',
		'first seen 2024-01-15T10:00:00.000Z, last seen 2024-03-02',
		'takes 5 days to close the deal and 12 days to convert',
		'1,240 customers (18% of the base)',
		'ratio 12345.6789 and 0.123456789',
		'free delivery over $40',
		'now $1,299.99, was $1,499.00',
		'Prices from €19.99 in 2025',
		'Since 1998. Open 2019-2024 seasons',
		'order #4829104829 has shipped',
		'Order number 5551234567 is on its way',
		'invoice 020794609581',
		'SKU 12345678',
		'15.01.2024 to 01.02.2024',
		'sizes 36 38 40 42 44',
		'rated 4.8 by 12,000 shoppers',
	])('leaves %p alone', (text) => expect(findPii(text)).toEqual([]));
});

describe('findPii: street addresses', () => {
	it.each([
		['lives at 221B Baker Street', '221B Baker Street'],
		['12 Elm St. is the shop', '12 Elm St.'],
		['1600 Pennsylvania Avenue', '1600 Pennsylvania Avenue'],
		['Hauptstraße 5, Berlin', 'Hauptstraße 5'],
		['Keizersgracht 123', 'Keizersgracht 123'],
		['PO Box 1234', 'PO Box 1234'],
	])('finds %p', (text, match) => expect(only(text, 'street_address')).toBe(match));

	it.each([
		'find us on Elm Street',
		'Visit Our Store On Main Street',
		'Save 30 On Every Drive',
		'Get 2 For The Road',
		'Ships in 3 Days Way faster',
		'takes 5 days to close',
		'$40 Main Street Special',
	])('leaves %p alone', (text) => expect(findPii(text)).toEqual([]));
});

describe('findPii: payment cards (Luhn and card network)', () => {
	it.each([
		['card 4111 1111 1111 1111', '4111 1111 1111 1111'],
		['5555-5555-5555-4444', '5555-5555-5555-4444'],
		['amex 3782 822463 10005', '3782 822463 10005'],
		['6011111111111117', '6011111111111117'],
	])('finds %p', (text, match) => expect(only(text, 'payment_card')).toBe(match));

	it.each(['card 4111 1111 1111 1112', 'tracking 1234567890123456', 'order 9999999999999995'])(
		'leaves %p alone (checksum or network fails)',
		(text) => expect(findPii(text)).toEqual([]),
	);

	it('computes the Luhn checksum by hand-checked cases', () => {
		expect(luhnValid('79927398713')).toBe(true);
		expect(luhnValid('79927398710')).toBe(false);
		expect(luhnValid('12a4')).toBe(false);
	});
});

describe('findPii: IBANs (ISO 13616 mod 97)', () => {
	it.each([
		['pay to GB82 WEST 1234 5698 7654 32 please', 'GB82 WEST 1234 5698 7654 32'],
		['DE89370400440532013000', 'DE89370400440532013000'],
		['FR14 2004 1010 0505 0001 3M02 606', 'FR14 2004 1010 0505 0001 3M02 606'],
	])('finds %p', (text, match) => expect(only(text, 'iban')).toBe(match));

	it.each(['GB82 WEST 1234 5698 7654 33', 'DE89 3704 0044 0532 0130', 'AB12 CDEF 3456 GHIJ 78'])(
		'leaves %p alone',
		(text) => expect(kinds(text)).not.toContain('iban'),
	);

	it('leaves content hashes and ids alone, even one whose checksum happens to pass', () => {
		// "cb7588819969b6a4" is a content hash a persona prompt carried; as "CB..." it passes mod 97
		expect(kinds('{"cacheKey":"cb7588819969b6a4"}')).not.toContain('iban');
		expect(ibanValid('CB7588819969B6A4')).toBe(false);
	});

	it('checks the country length and the checksum', () => {
		expect(ibanValid('GB82WEST12345698765432')).toBe(true);
		expect(ibanValid('GB82WEST1234569876543')).toBe(false);
		expect(ibanValid('NO9386011117947')).toBe(true);
	});
});

describe('findPii: national ids', () => {
	it.each([
		['SSN 123-45-6789 on file', '123-45-6789'],
		['social security number: 078 05 1120', '078 05 1120'],
		['NI number AB 12 34 56 C', 'AB 12 34 56 C'],
		['QQ1 and JG103759A', 'JG103759A'],
	])('finds %p', (text, match) => expect(only(text, 'national_id')).toBe(match));

	it.each([
		'000-12-3456',
		'666-12-3456',
		'900-12-3456',
		'123-00-4567',
		'GB 12 34 56 A',
		'QQ 12 34 56 C',
	])('leaves %p alone (never issued)', (text) => expect(kinds(text)).not.toContain('national_id'));
});

describe('findPii: names from the input', () => {
	it('finds them as whole words, in any case by default', () => {
		expect(kinds('a note from dana about shipping', ['Dana'])).toEqual(['name']);
		expect(kinds('Danaher Corp bought', ['Dana'])).toEqual([]);
	});

	it('matches several-word names in sequence and keeps offsets', () => {
		const text = 'ask Mary Ann or mary';
		expect(findPii(text, { names: ['Mary Ann', 'Mary'] })).toEqual([
			{ kind: 'name', start: 4, end: 12, text: 'Mary Ann' },
			{ kind: 'name', start: 16, end: 20, text: 'mary' },
		]);
		expect(kinds("O'Brien wrote", ["O'Brien"])).toEqual(['name']);
	});

	it('matches only capitalised occurrences when asked (our own instructions)', () => {
		expect(findPii('we will help', { names: ['Will'], nameCase: 'capitalized' })).toEqual([]);
		expect(findPii('Will wrote in', { names: ['Will'], nameCase: 'capitalized' })).toHaveLength(1);
	});

	it('ignores one-letter names', () =>
		expect(findPii('a b c', { names: ['a', ' b '] })).toEqual([]));
});

describe('findPii: several kinds in one text', () => {
	it('returns them in text order without overlaps, a card never also a phone', () => {
		const text =
			'Dana (dana@example.com, +44 20 7946 0958) paid with 4111 1111 1111 1111 from 12 Elm St.';
		expect(
			findPii(text, { names: ['Dana'] }).map((m) => [m.kind, text.slice(m.start, m.end)]),
		).toEqual([
			['name', 'Dana'],
			['email', 'dana@example.com'],
			['phone', '+44 20 7946 0958'],
			['payment_card', '4111 1111 1111 1111'],
			['street_address', '12 Elm St.'],
		]);
	});

	it('refuses a non-string with a clear error', () => {
		expect(() => findPii(42 as unknown as string)).toThrow('findPii requires a string, got number');
	});
});

describe('redactPii', () => {
	it('replaces each match by its marker and counts per kind', () => {
		const r = redactPii('call 020 7946 0958 or 555-123-4567, mail dana@example.com');
		expect(r.text).toBe('call [phone removed] or [phone removed], mail [email removed]');
		expect(r.counts).toEqual({ phone: 2, email: 1 });
		expect(r.matches).toHaveLength(3);
		expect(isPiiFree(r.text)).toBe(true);
	});

	it('leaves clean text unchanged', () => {
		const text = 'Free delivery over $40, find us on Elm Street since 1998';
		expect(redactPii(text)).toEqual({ text, counts: {}, matches: [] });
	});

	it('recognises its own markers', () => {
		expect(isPiiMarker('[street address removed]')).toBe(true);
		expect(isPiiMarker('[free text removed]')).toBe(true);
		expect(isPiiMarker('pro')).toBe(false);
	});
});
