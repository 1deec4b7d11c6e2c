import { FORMULA_CELL_PATTERN } from '../../util/spreadsheet';
import type { CopyRule } from '../types';

const GOOGLE_EDITORIAL = 'Google Ads policy "Editorial"';
const GOOGLE_EDITORIAL_SRC = 'support.google.com/adspolicy/answer/6021546 (Editorial: punctuation and symbols, capitalization, style and spelling)';
const MS_EDITORIAL_SRC = 'Microsoft Advertising policies "Editorial guidelines" (punctuation, capitalization, phone numbers)';

/**
 * Platform editorial rules. Rules with `whereRegistry` apply only where the ads format registry
 * applies the validator's rule of that name to the field (emoji and "!" in Google and Microsoft
 * headlines); the others apply to every text. Capitals and phone numbers need code (the brand's own
 * capitals are allowed; a phone number is counted in digits), see the engine's `special` checks.
 */
export const EDITORIAL_RULES: readonly CopyRule[] = [
	{
		id: 'editorial.spreadsheetFormula',
		family: 'editorial',
		patterns: [FORMULA_CELL_PATTERN],
		severity: 'critical',
		message: 'The text starts with a character that spreadsheet programs run as a formula (=, +, -, @); bulk-file exports refuse it.',
		suggestion: 'Start the text with a word or a number.',
		policy: 'OWASP "CSV Injection" (bulk upload files are opened in spreadsheets)',
		source: 'owasp.org/www-community/attacks/CSV_Injection',
	},
	{
		id: 'editorial.repeatedPunctuation',
		family: 'editorial',
		patterns: ['[!?]{2,}', '([,;:])\\1', '([.*#@$%&~^+=_])\\1{2,}'],
		severity: 'warning',
		message: 'Repeated or gimmicky punctuation ("!!", "?!", "***").',
		suggestion: 'Use one punctuation mark.',
		policy: `${GOOGLE_EDITORIAL}: punctuation and symbols`,
		source: GOOGLE_EDITORIAL_SRC,
	},
	{
		id: 'editorial.exclamationInHeadline',
		family: 'editorial',
		patterns: ['!'],
		severity: 'critical',
		message: 'Exclamation marks are not allowed in this headline.',
		suggestion: 'End the headline without "!".',
		policy: `${GOOGLE_EDITORIAL}: no exclamation mark in headlines; Microsoft Advertising the same`,
		source: `${GOOGLE_EDITORIAL_SRC}; ${MS_EDITORIAL_SRC}`,
		whereRegistry: 'noExclamation',
	},
	{
		id: 'editorial.emoji',
		family: 'editorial',
		patterns: ['(?![\\u00a9\\u00ae\\u2122])\\p{Extended_Pictographic}'],
		severity: 'critical',
		message: 'Emoji are not allowed in this format.',
		suggestion: 'Say it in words.',
		policy: `${GOOGLE_EDITORIAL}: symbols and emoji`,
		source: GOOGLE_EDITORIAL_SRC,
		whereRegistry: 'noEmoji',
	},
	{
		id: 'editorial.symbolSubstitution',
		family: 'editorial',
		patterns: ['(?<![\\p{L}\\p{N}])\\p{L}+[0134$]+\\p{L}+(?![\\p{L}\\p{N}])', '(?<![\\p{L}\\p{N}$])\\$\\p{L}{2,}', '(?<![\\p{L}\\p{N}])\\p{L}{2,}(?:00|33)(?![\\p{L}\\p{N}])'],
		severity: 'warning',
		message: 'Numbers or symbols stand in for letters ("fr33", "$ave", "c0mpany").',
		suggestion: 'Spell the word out.',
		policy: `${GOOGLE_EDITORIAL}: style and spelling (gimmicky use of numbers, symbols or punctuation)`,
		source: GOOGLE_EDITORIAL_SRC,
		except: ['b2b', 'b2c', 'mp3', 'mp4', 'h2o', 'co2', 'a4', 'g4'],
	},
	{
		id: 'editorial.gimmickySpacing',
		family: 'editorial',
		patterns: ['(?<![\\p{L}\\p{N}])(?:\\p{L}[ .*_-]){3,}\\p{L}(?![\\p{L}\\p{N}])'],
		caseSensitive: true,
		severity: 'warning',
		message: 'Letters spaced or separated for effect ("F R E E").',
		suggestion: 'Write the word normally.',
		policy: `${GOOGLE_EDITORIAL}: style and spelling`,
		source: GOOGLE_EDITORIAL_SRC,
	},
	{
		id: 'editorial.clickHere',
		family: 'editorial',
		patterns: ['\\bclick (?:here|this link|the link|below)\\b', '\\bclick now\\b'],
		severity: 'warning',
		message: '"Click here" style text says nothing about the offer.',
		suggestion: 'Name the action and its benefit ("Shop the autumn range").',
		policy: `${GOOGLE_EDITORIAL}: unidentified or generic calls to action ("click here")`,
		source: GOOGLE_EDITORIAL_SRC,
	},
	{
		id: 'editorial.capitalization',
		family: 'editorial',
		patterns: [],
		severity: 'warning',
		message: 'Words in capitals for emphasis (other than acronyms, the brand or the product).',
		suggestion: 'Use sentence or title case.',
		policy: `${GOOGLE_EDITORIAL}: capitalization`,
		source: GOOGLE_EDITORIAL_SRC,
	},
	{
		id: 'editorial.phoneNumber',
		family: 'editorial',
		patterns: [],
		severity: 'warning',
		message: 'A phone number in the ad text; platforms want it in a call asset or extension.',
		suggestion: 'Move the number to a call asset.',
		policy: `${GOOGLE_EDITORIAL}: phone numbers in ad text; Microsoft Advertising the same`,
		source: `${GOOGLE_EDITORIAL_SRC}; ${MS_EDITORIAL_SRC}`,
	},
];
