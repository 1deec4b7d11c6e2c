import fc from 'fast-check';

import { matchForm } from '../../../lib/ads/text';

/** The rule matchForm implements, written as the plain regular expression. */
function matchFormByRegex(text: string): string {
	const t = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
	return t.length === 0 ? ' ' : ` ${t} `;
}

describe('matchForm', () => {
	it('lower-cases words and pads them with single spaces', () => {
		expect(matchForm('Free Returns!')).toBe(' free returns ');
		expect(matchForm("What's new? 15% off")).toBe(' what s new 15 off ');
		expect(matchForm('Café — Crème')).toBe(' café crème ');
		expect(matchForm('...')).toBe(' ');
		expect(matchForm('')).toBe(' ');
	});

	it('agrees with the regular-expression rule on ASCII-heavy text (property)', () => {
		const asciiHeavy = fc.string({
			unit: fc.oneof(
				{ weight: 8, arbitrary: fc.constantFrom(...'abcXYZ09 .,!?-\'&$%\n'.split('')) },
				{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
			),
			maxLength: 80,
		});
		fc.assert(
			fc.property(asciiHeavy, (text) => {
				expect(matchForm(text)).toBe(matchFormByRegex(text));
			}),
			{ numRuns: 2000, seed: 9 },
		);
	});
});
