/**
 * Personal data by value: detectors that find PII in free text. Each detector is a pattern plus a
 * check that removes what an ad reviewer would call a false positive (a year, a price, an order
 * number, a street name without a house number, a number that fails its checksum).
 */

export const PII_KINDS = [
	'email',
	'phone',
	'street_address',
	'payment_card',
	'iban',
	'national_id',
	'name',
] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiMatch {
	kind: PiiKind;
	/** Offsets into the scanned text: `text.slice(start, end) === match.text`. */
	start: number;
	end: number;
	text: string;
}

export interface FindPiiOptions {
	/** Names taken from the input (the record's own name fields, customer first/last names ...). */
	names?: readonly string[];
	/**
	 * `any` (default): a name matches in any letter case (customer data). `capitalized`: only an
	 * occurrence starting with a capital letter matches, so a customer called "Will" does not trip on
	 * the word "will" in our own instructions.
	 */
	nameCase?: 'any' | 'capitalized';
}

// When two detections overlap, the one earlier in this list wins (a card number is not a phone).
const PRIORITY: Record<PiiKind, number> = {
	email: 0,
	payment_card: 1,
	iban: 2,
	national_id: 3,
	phone: 4,
	street_address: 5,
	name: 6,
};

// ---------------------------------------------------------------------------------------------
// e-mail

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function findEmails(text: string, out: PiiMatch[]): void {
	if (!text.includes('@')) return;
	for (const m of text.matchAll(EMAIL)) push(out, 'email', m.index, m[0]);
}

// ---------------------------------------------------------------------------------------------
// numbers: cards, IBANs, national ids, phones

/** Luhn (mod 10) checksum of a digit string, as card numbers carry. */
export function luhnValid(digits: string): boolean {
	if (!/^\d+$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

/** Issuer prefixes and lengths of the major card networks (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
function cardNetworkMatches(d: string): boolean {
	const n = d.length;
	const p2 = Number(d.slice(0, 2));
	const p3 = Number(d.slice(0, 3));
	const p4 = Number(d.slice(0, 4));
	if (d[0] === '4') return n === 13 || n === 16 || n === 19;
	if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
	if (p2 === 34 || p2 === 37) return n === 15;
	if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return n >= 16 && n <= 19;
	if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
	if (p2 === 36 || p2 === 38 || (p3 >= 300 && p3 <= 305)) return n >= 14 && n <= 19;
	if (p2 === 62) return n >= 16 && n <= 19;
	if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19;
	return false;
}

// 13 to 19 digits, contiguous or in groups separated by single spaces or dashes.
const CARD = /(?<![\w.,+-])\d(?:[ -]?\d){12,18}(?![\w]|[.,]\d|-\d)/g;

function findCards(text: string, out: PiiMatch[]): void {
	for (const m of text.matchAll(CARD)) {
		const digits = m[0].replace(/\D/g, '');
		if (cardNetworkMatches(digits) && luhnValid(digits)) push(out, 'payment_card', m.index, m[0]);
	}
}

/** IBAN lengths by country (ISO 13616 registry), for the countries most likely in a customer file. */
const IBAN_LENGTH: Record<string, number> = {
	AD: 24,
	AE: 23,
	AL: 28,
	AT: 20,
	AZ: 28,
	BA: 20,
	BE: 16,
	BG: 22,
	BH: 22,
	BR: 29,
	CH: 21,
	CR: 22,
	CY: 28,
	CZ: 24,
	DE: 22,
	DK: 18,
	DO: 28,
	EE: 20,
	EG: 29,
	ES: 24,
	FI: 18,
	FO: 18,
	FR: 27,
	GB: 22,
	GE: 22,
	GI: 23,
	GL: 18,
	GR: 27,
	GT: 28,
	HR: 21,
	HU: 28,
	IE: 22,
	IL: 23,
	IS: 26,
	IT: 27,
	JO: 30,
	KW: 30,
	KZ: 20,
	LB: 28,
	LI: 21,
	LT: 20,
	LU: 20,
	LV: 21,
	MC: 27,
	MD: 24,
	ME: 22,
	MK: 19,
	MR: 27,
	MT: 31,
	MU: 30,
	NL: 18,
	NO: 15,
	PK: 24,
	PL: 28,
	PS: 29,
	PT: 25,
	QA: 29,
	RO: 24,
	RS: 22,
	SA: 24,
	SE: 24,
	SI: 19,
	SK: 24,
	SM: 27,
	TN: 24,
	TR: 26,
	UA: 29,
	VG: 24,
	XK: 20,
};

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanValid(iban: string): boolean {
	const s = iban.replace(/\s+/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
	// only countries of the registry table: an unknown prefix is far likelier a code or a hash
	if (s.length !== IBAN_LENGTH[s.slice(0, 2)]) return false;
	const rearranged = s.slice(4) + s.slice(0, 4);
	let remainder = 0;
	for (const ch of rearranged) {
		const code = ch.charCodeAt(0);
		const value = code >= 65 ? String(code - 55) : ch;
		for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
	}
	return remainder === 1;
}

// Country code, check digits, then the account in groups of four (printed form) or run together.
// Upper case, as IBANs are written (ISO 13616): lower-case hex hashes and ids are not IBANs.
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

function findIbans(text: string, out: PiiMatch[]): void {
	for (const m of text.matchAll(IBAN)) {
		let candidate = m[0];
		// The last group may have swallowed a following word; shrink until the checksum holds.
		while (candidate.length >= 15) {
			if (ibanValid(candidate)) {
				push(out, 'iban', m.index, candidate);
				break;
			}
			const cut = candidate.lastIndexOf(' ');
			if (cut < 0) break;
			candidate = candidate.slice(0, cut);
		}
	}
}

// US Social Security numbers in their printed form; area 000, 666 and 900-999, group 00 and serial
// 0000 are never issued (SSA). UK National Insurance numbers: two prefix letters (D, F, I, Q, U, V
// never; O never second; BG, GB, KN, NK, NT, TN, ZZ never), six digits, suffix A-D.
const SSN = /(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w]|-\d)/g;
const SSN_LABELLED =
	/\b(?:SSN|social security(?: number| no\.?)?)\s*[:#]?\s*(\d{3})[ -]?(\d{2})[ -]?(\d{4})\b/gi;
const NINO = /\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])\b/g;
const NINO_BAD_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

function ssnParts(area: string, group: string, serial: string): boolean {
	const a = Number(area);
	return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

function findNationalIds(text: string, out: PiiMatch[]): void {
	for (const m of text.matchAll(SSN))
		if (ssnParts(m[1], m[2], m[3])) push(out, 'national_id', m.index, m[0]);
	for (const m of text.matchAll(SSN_LABELLED)) {
		if (!ssnParts(m[1], m[2], m[3])) continue;
		const at = m[0].search(/\d/);
		push(out, 'national_id', m.index + at, m[0].slice(at));
	}
	for (const m of text.matchAll(NINO))
		if (!NINO_BAD_PREFIX.has(m[1])) push(out, 'national_id', m.index, m[0]);
}

// A run of digits in groups (spaces, dots, dashes, a parenthesised area code), optionally after "+".
// Not inside a word, a decimal or a longer number. Which runs are phones is decided in code.
const NUMBER_RUN =
	/(?<![\w.,+\-/])(\+\s?)?(?:\(\d{1,5}\)\s?)?\d{1,15}(?:[ .-](?:\(\d{1,5}\)|\d{1,15})){0,5}(?![\w]|[.,]\d|-\d|\/\d)/g;

/** Words before a number that make it something else than a phone number. */
const NOT_PHONE_CUE =
	/(?:\b(?:order|invoice|ref|reference|booking|ticket|tracking|sku|item|product|model|part|serial|account|case|confirmation|transaction|customer|member)(?:\s*(?:number|no\.?|id|#))?|\bid|#|№)\s*[:#.]?\s*$/i;
const PHONE_CUE =
	/(?:call|phone|tel|telephone|mobile|cell|fax|text|sms|whatsapp|ring|dial)\b\s*[:.]?\s*(?:us\s*(?:on|at)?\s*)?$/i;
const CURRENCY_BEFORE = /[$€£¥₹]\s*$|\b(?:usd|eur|gbp|chf)\s*$/i;

function isPhone(run: string, before: string): boolean {
	const plus = run.startsWith('+');
	const groups = run
		.replace(/^\+\s?/, '')
		.split(/[ .-]/)
		.map((g) => g.replace(/[()]/g, ''))
		.filter((g) => g.length > 0);
	const digits = groups.join('');
	const n = digits.length;
	if (CURRENCY_BEFORE.test(before)) return false;
	if (!plus && NOT_PHONE_CUE.test(before)) return false;
	// International format: "+" and a country code, 8 to 15 digits in all (ITU-T E.164).
	if (plus) return n >= 8 && n <= 15;
	// A parenthesised area code: (555) 123-4567, (020) 7946 0958.
	if (run.startsWith('(')) return n >= 9 && n <= 12;
	const lengths = groups.map((g) => g.length).join(',');
	if (groups.length >= 2) {
		// A decimal such as 0.123456789 is one dot between two groups.
		if (groups.length === 2 && /^\d+\.\d+$/.test(run)) return false;
		// North American numbering: 555-123-4567, 1 555 123 4567, and the 7-digit local 555-1234.
		if (lengths === '3,3,4' || (lengths === '1,3,3,4' && digits[0] === '1'))
			return /[2-9]/.test(digits[lengths === '3,3,4' ? 0 : 1]);
		if (lengths === '3,4') return /^[2-9]/.test(digits) && /^\d{3}[.-]\d{4}$/.test(run);
		// National formats with a trunk prefix 0: 020 7946 0958, 030 1234567, 01 23 45 67 89.
		if (digits[0] === '0') return n >= 9 && n <= 12;
		return PHONE_CUE.test(before) && n >= 7 && n <= 15;
	}
	// One unbroken run: a national number with its trunk 0 (07946095812), or a number after "call".
	if (digits[0] === '0' && n >= 10 && n <= 11) return true;
	return PHONE_CUE.test(before) && n >= 7 && n <= 15;
}

function findPhones(text: string, out: PiiMatch[]): void {
	for (const m of text.matchAll(NUMBER_RUN)) {
		const run = m[0];
		if (run.replace(/\D/g, '').length < 7) continue;
		const before = text.slice(Math.max(0, m.index - 24), m.index);
		if (isPhone(run, before)) push(out, 'phone', m.index, run);
	}
}

// ---------------------------------------------------------------------------------------------
// street addresses

const STREET_TYPES = [
	'street',
	'st',
	'avenue',
	'ave',
	'road',
	'rd',
	'boulevard',
	'blvd',
	'lane',
	'ln',
	'drive',
	'dr',
	'court',
	'ct',
	'way',
	'place',
	'pl',
	'terrace',
	'parkway',
	'pkwy',
	'square',
	'sq',
	'highway',
	'hwy',
	'crescent',
	'close',
	'row',
	'mews',
]
	.map((t) => `[${t.charAt(0).toUpperCase()}${t.charAt(0)}]${t.slice(1)}`)
	.join('|');

// "221B Baker Street", "12 Elm St.", "1600 Pennsylvania Avenue NW": a house number, one to four
// capitalised words, a street type. "Hauptstraße 5", "Keizersgracht 12": the number after. "PO Box 12".
const ADDRESS = new RegExp(
	[
		`(?<![\\w$€£.,])\\d{1,5}[A-Za-z]?,?\\s+((?:\\p{Lu}[\\p{L}'-]*\\.?\\s+){1,4})(?:${STREET_TYPES})\\b\\.?`,
		`\\b\\p{Lu}[\\p{L}-]*(?:straße|strasse|gasse|allee|platz|weg|straat|laan|gracht|vej|gatan|vägen)\\s+\\d{1,5}[a-z]?\\b`,
		`\\bP\\.?\\s?O\\.?\\s+Box\\s+\\d+`,
	].join('|'),
	'gu',
);

/**
 * Title-case ad copy puts capitalised words between a number and "Drive", "Way" or "Place" ("Save 30
 * On Every Drive"): a street name does not contain these words.
 */
const NOT_STREET_NAME = new Set(
	'a an and at by for from in into of off on or our per the this to up with your you every all any more over under today now only each days day hours years months free new top best great'.split(
		' ',
	),
);

function findAddresses(text: string, out: PiiMatch[]): void {
	for (const m of text.matchAll(ADDRESS)) {
		const words = m[1];
		if (words !== undefined) {
			const list = words
				.trim()
				.split(/\s+/)
				.map((w) => w.replace(/\.$/, '').toLowerCase());
			if (list.some((w) => NOT_STREET_NAME.has(w))) continue;
		}
		push(out, 'street_address', m.index, m[0].replace(/\s+$/, ''));
	}
}

// ---------------------------------------------------------------------------------------------
// names from the input

interface Token {
	lower: string;
	start: number;
	end: number;
	capital: boolean;
}

const WORD = /[\p{L}\p{N}_]+/gu;

function tokens(text: string): Token[] {
	const out: Token[] = [];
	for (const m of text.matchAll(WORD)) {
		out.push({
			lower: m[0].toLowerCase(),
			start: m.index,
			end: m.index + m[0].length,
			capital: /^\p{Lu}/u.test(m[0]),
		});
	}
	return out;
}

/**
 * Whole-word occurrences of the given names: "Dana" matches "dana" and "DANA" but not "Danaher". A
 * name of several words matches those words in sequence ("Mary Ann", "O'Brien").
 */
function findNames(text: string, options: FindPiiOptions, out: PiiMatch[]): void {
	const names = options.names ?? [];
	if (names.length === 0) return;
	const lower = text.toLowerCase();
	const byFirst = new Map<string, string[][]>();
	for (const raw of names) {
		if (typeof raw !== 'string') continue;
		const trimmed = raw.trim();
		// Cheap rejection first: the text does not even hold the name's first two characters.
		if (trimmed.length < 2 || !lower.includes(trimmed.slice(0, 2).toLowerCase())) continue;
		const parts = Array.from(trimmed.matchAll(WORD), (m) => m[0].toLowerCase());
		// Most texts contain none of the names: skip tokenising them.
		if (parts.length === 0 || !lower.includes(parts[0])) continue;
		const list = byFirst.get(parts[0]) ?? [];
		list.push(parts);
		byFirst.set(parts[0], list);
	}
	if (byFirst.size === 0) return;
	const capitalizedOnly = options.nameCase === 'capitalized';
	const toks = tokens(text);
	for (let i = 0; i < toks.length; i++) {
		const candidates = byFirst.get(toks[i].lower);
		if (candidates === undefined) continue;
		if (capitalizedOnly && !toks[i].capital) continue;
		let best = 0;
		for (const parts of candidates) {
			if (parts.length <= best || i + parts.length > toks.length) continue;
			let ok = true;
			for (let k = 1; k < parts.length && ok; k++) ok = toks[i + k].lower === parts[k];
			if (ok) best = parts.length;
		}
		if (best === 0) continue;
		const start = toks[i].start;
		const end = toks[i + best - 1].end;
		push(out, 'name', start, text.slice(start, end));
		i += best - 1;
	}
}

// ---------------------------------------------------------------------------------------------

function push(out: PiiMatch[], kind: PiiKind, start: number, text: string): void {
	out.push({ kind, start, end: start + text.length, text });
}

function hasDigit(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) return true;
	}
	return false;
}

/**
 * Every piece of the text that is personal data, in text order, without overlaps: e-mail
 * addresses; phone numbers in international (+44 20 7946 0958) and national formats (020 7946 0958,
 * (555) 123-4567); street addresses with a house number; payment card numbers that pass the Luhn
 * check and match a card network; IBANs that pass the ISO 13616 mod-97 check; US Social Security and
 * UK National Insurance numbers; and the given names. Not flagged: years, dates, prices, order and
 * reference numbers, a street named without a number, numbers failing their checksum.
 *
 * @example findPii('write to dana@example.com') // [{ kind: 'email', start: 9, end: 25, text: 'dana@example.com' }]
 */
export function findPii(text: string, options: FindPiiOptions = {}): PiiMatch[] {
	if (typeof text !== 'string') throw new Error(`findPii requires a string, got ${typeof text}`);
	const found: PiiMatch[] = [];
	findEmails(text, found);
	if (hasDigit(text)) {
		findCards(text, found);
		findIbans(text, found);
		findNationalIds(text, found);
		findPhones(text, found);
		findAddresses(text, found);
	}
	findNames(text, options, found);
	if (found.length <= 1) return found;
	found.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start || b.end - a.end);
	const kept: PiiMatch[] = [];
	for (const m of found) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
	return kept.sort((a, b) => a.start - b.start);
}

/** True when the text holds nothing {@link findPii} reports. */
export function isPiiFree(text: string, options: FindPiiOptions = {}): boolean {
	return findPii(text, options).length === 0;
}

/** The marker that replaces a piece of personal data: `[email removed]`, `[phone removed]` ... */
export function piiMarker(kind: PiiKind | 'free_text'): string {
	return `[${kind.replace('_', ' ')} removed]`;
}

const MARKER =
	/^\[(?:email|phone|street address|payment card|iban|national id|name|free text) removed\]$/;

/** True for a value that is exactly one of our markers (what a scanned attribute holds after redaction). */
export function isPiiMarker(value: unknown): boolean {
	return typeof value === 'string' && MARKER.test(value);
}

export type PiiCounts = Partial<Record<PiiKind, number>>;

export interface Redaction {
	/** The text with every match replaced by its {@link piiMarker}. */
	text: string;
	/** Matches per kind (only kinds found). */
	counts: PiiCounts;
	matches: PiiMatch[];
}

/**
 * Replace every piece of personal data by a marker naming its kind.
 *
 * @example redactPii('call 020 7946 0958').text // 'call [phone removed]'
 */
export function redactPii(text: string, options: FindPiiOptions = {}): Redaction {
	const matches = findPii(text, options);
	const counts: PiiCounts = {};
	let out = '';
	let at = 0;
	for (const m of matches) {
		out += text.slice(at, m.start) + piiMarker(m.kind);
		at = m.end;
		counts[m.kind] = (counts[m.kind] ?? 0) + 1;
	}
	return { text: out + text.slice(at), counts, matches };
}
