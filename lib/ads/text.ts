/**
 * Small text helpers shared by the validator, the copywriter and the scoring: word matching,
 * casing, English articles and plurals, trimming at word boundaries.
 */
import { capitalise } from '../util/format';

const URL_RE = /https?:\/\/\S+/gi;

const LETTER_OR_DIGIT_RE = /^[\p{L}\p{N}]$/u;

/**
 * Lower-case text reduced to words separated by single spaces and padded with a space on each
 * side, so whole-word (and whole-phrase) matching is a plain `includes(' word ')`. A word is a run
 * of letters and digits (any script); everything else separates words. One pass over the
 * lower-cased text: ASCII is classified by its code, anything else by the Unicode classes.
 */
export function matchForm(text: string): string {
	const lower = text.toLowerCase();
	let out = ' ';
	let gap = false;
	for (let i = 0; i < lower.length; i++) {
		const c = lower.charCodeAt(i);
		let word: boolean;
		let ch: string;
		if (c < 0x80) {
			word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
			ch = lower[i];
		} else {
			const cp = lower.codePointAt(i) as number;
			ch = String.fromCodePoint(cp);
			if (cp > 0xffff) i++;
			word = LETTER_OR_DIGIT_RE.test(ch);
		}
		if (!word) {
			gap = true;
			continue;
		}
		if (gap && out.length > 1) out += ' ';
		gap = false;
		out += ch;
	}
	return out.length > 1 ? `${out} ` : ' ';
}

/** Whole-word, case-insensitive: does `haystackMatchForm` (from {@link matchForm}) hold `phrase`? */
export function hasPhrase(haystackMatchForm: string, phrase: string): boolean {
	const p = matchForm(phrase);
	if (p === ' ') return false;
	return haystackMatchForm.includes(p);
}

/** Distinct word tokens of a text (URLs removed), lower-cased. */
export function tokenSet(text: string): Set<string> {
	const form = matchForm(text.replace(URL_RE, ' ')).trim();
	return new Set(form.length === 0 ? [] : form.split(' '));
}

/** Jaccard similarity of two token sets (1 when both are empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (a.size === 0 && b.size === 0) return 1;
	let inter = 0;
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	for (const t of small) if (large.has(t)) inter++;
	return inter / (a.size + b.size - inter);
}

/** URL-safe slug: lower-case ASCII letters and digits joined by hyphens. */
export function slugify(text: string, maxLength = 60): string {
	const s = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (s.length <= maxLength) return s;
	const cut = s.slice(0, maxLength);
	const i = cut.lastIndexOf('-');
	return (i > maxLength / 2 ? cut.slice(0, i) : cut).replace(/-+$/, '');
}

/** Lower-case the first letter unless the first word looks like a name or acronym. */
export function lowerFirst(text: string): string {
	if (text.length < 2) return text.toLowerCase();
	const firstWord = text.split(' ', 1)[0];
	if (/[A-Z]/.test(firstWord.slice(1)) || firstWord === 'I' || /\d/.test(firstWord)) return text;
	return text.charAt(0).toLowerCase() + text.slice(1);
}

const SMALL_WORDS = new Set([
	'a',
	'an',
	'and',
	'as',
	'at',
	'but',
	'by',
	'for',
	'from',
	'in',
	'into',
	'nor',
	'of',
	'on',
	'or',
	'per',
	'the',
	'to',
	'vs',
	'via',
	'with',
]);

/** Title Case: capitalise words except short function words inside the text; never lower-cases anything. */
export function titleCase(text: string): string {
	const words = text.split(' ');
	for (let i = 0; i < words.length; i++) {
		const w = words[i];
		if (w.length === 0) continue;
		if (i > 0 && i < words.length - 1 && SMALL_WORDS.has(w) && !/[.:?!]$/.test(words[i - 1])) continue;
		if (w.startsWith('http') || w.includes('.') || w.includes('{')) continue;
		words[i] = capitalise(w);
		// hyphenated compounds: Long-Lasting
		if (w.includes('-')) words[i] = words[i].replace(/-(\p{Ll})/gu, (_m, c: string) => '-' + c.toUpperCase());
	}
	return words.join(' ');
}

const IRREGULAR_PLURALS = new Set([
	'people',
	'children',
	'men',
	'women',
	'feet',
	'teeth',
	'mice',
	'clothes',
	'jeans',
	'pants',
	'trousers',
	'shorts',
	'glasses',
	'leggings',
	'sneakers',
	'goods',
	'essentials',
]);
const SINGULAR_S = /(?:ss|us|is|ics|ness|ous|sis|ws)$/;

/** Whether a noun phrase reads as plural (by its head, the last word). */
export function isPluralPhrase(phrase: string): boolean {
	if (/\s(?:and|&)\s/i.test(phrase)) return true;
	const words = phrase.trim().toLowerCase().split(/\s+/);
	const head = words[words.length - 1] ?? '';
	if (IRREGULAR_PLURALS.has(head)) return true;
	if (head.length < 3 || !head.endsWith('s')) return false;
	return !SINGULAR_S.test(head);
}

/** "a" or "an" for the phrase that follows (by sound, with the common exceptions). */
export function indefiniteArticle(phrase: string): 'a' | 'an' {
	const w = phrase.trim().toLowerCase();
	if (/^(?:hour|honest|honou?r|heir)/.test(w)) return 'an';
	if (/^(?:uni|use|usu|eu|one|once|ur)/.test(w)) return 'a';
	if (/^[aeiou]/.test(w)) return 'an';
	if (/^[fhlmnrsx](?:[^a-z]|$)/.test(w)) return 'an';
	return 'a';
}

const DANGLING = new Set([
	'a',
	'an',
	'the',
	'and',
	'or',
	'but',
	'of',
	'to',
	'for',
	'with',
	'without',
	'your',
	'our',
	'my',
	'their',
	'in',
	'on',
	'at',
	'by',
	'from',
	'so',
	'that',
	'is',
	'are',
	'was',
	'be',
	'as',
	'than',
	'into',
	'&',
	'-',
	'–',
	'—',
	'+',
	'no',
	'not',
	'very',
	'more',
	'most',
]);
const TRAILING_JUNK = /[\s,;:\-–—&+(/]+$/;

/**
 * Shorten text to fit `max` (as `measure` counts) at a word boundary, never mid-word and never
 * ending on a dangling function word or separator. Returns null when what is left would be shorter
 * than `minKeep` words.
 */
export function trimToWords(
	text: string,
	max: number,
	measure: (s: string) => number,
	minKeep = 2,
): string | null {
	if (measure(text) <= max) return text;
	const words = text.split(' ');
	let end = words.length - 1;
	while (end >= minKeep) {
		const kept = words.slice(0, end);
		while (kept.length > 0 && DANGLING.has(kept[kept.length - 1].toLowerCase().replace(/[,;:]$/, ''))) {
			kept.pop();
		}
		if (kept.length >= minKeep) {
			const candidate = kept.join(' ').replace(TRAILING_JUNK, '');
			if (measure(candidate) <= max) return candidate;
		}
		end--;
	}
	return null;
}

/** Ensure a sentence ends with terminal punctuation. */
export function endSentence(text: string, mark = '.'): string {
	const t = text.trim();
	if (t.length === 0) return t;
	return /[.!?…]$/.test(t) ? t : t + mark;
}

/** Strip terminal punctuation (for headlines built from sentences). */
export function stripEnd(text: string): string {
	return text.trim().replace(/[.!;:,]+$/, '');
}

export { escapeHtml } from '../util/html';

/** Capitalise the first letter of every sentence (keeps words with inner capitals, e.g. "iPhone"). */
export function capSentences(text: string): string {
	let out = '';
	let start = true;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (start && c >= 'a' && c <= 'z') {
			// a word with an inner capital keeps its casing ("iPhone")
			let j = i + 1;
			let inner = false;
			while (j < text.length && text[j] !== ' ' && text[j] !== '\n') {
				if (text[j] >= 'A' && text[j] <= 'Z') inner = true;
				j++;
			}
			out += inner ? c : c.toUpperCase();
			start = false;
			continue;
		}
		out += c;
		if (c === '.' || c === '?' || c === '!') {
			start = i + 1 >= text.length || text[i + 1] === ' ' || text[i + 1] === '\n';
		} else if (c === '\n') {
			start = true;
		} else if (c !== ' ' && c !== '"' && c !== '(' && c !== '\u2018' && c !== '\u201c') {
			start = false;
		}
	}
	return out;
}

/** Collapse runs of spaces and remove spaces before punctuation (never across line breaks). */
export function tidySpaces(text: string): string {
	return text.replace(/ {2,}/g, ' ').replace(/ +([.,;:!?])/g, '$1').replace(/ +\n/g, '\n').replace(/\n +/g, '\n').trim();
}
