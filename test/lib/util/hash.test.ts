import { isPseudonym, pseudonymize } from '../../../lib/util/hash';

describe('isPseudonym', () => {
	it('recognises what pseudonymize returns', () => {
		expect(isPseudonym(pseudonymize('custom:42', 'a-secret-of-some-length'))).toBe(true);
		expect(isPseudonym(pseudonymize('42', 'a-secret-of-some-length', 'x_'), 'x_')).toBe(true);
	});

	it('refuses raw IDs, other lengths, upper-case hex and non-strings', () => {
		expect(isPseudonym('cust-17')).toBe(false);
		expect(isPseudonym('c_0123456789abcdef012')).toBe(false);
		expect(isPseudonym('c_0123456789abcdef01234')).toBe(false);
		expect(isPseudonym('c_0123456789ABCDEF0123')).toBe(false);
		expect(isPseudonym(42)).toBe(false);
	});
});
