/**
 * Text length as each platform counts it.
 *
 * Counting, per platform:
 * - Google Ads (search and display) and Microsoft Advertising: dynamic keyword insertion
 *   `{KeyWord:default text}` (any casing of "keyword") is expanded to its default text first; then
 *   each code point counts 1, except double-width characters (East Asian Wide / Fullwidth: CJK,
 *   Hangul, kana, fullwidth forms) which count 2. Sources: Google Ads Help "About dynamic keyword
 *   insertion" and "Character limits for ads" ("double-width languages ... count as 2 characters").
 *   Microsoft Advertising Help "Dynamic text: Keyword insertion"; Microsoft's own double-width rule
 *   is treated like Google's (the stricter reading).
 * - X: weighted length as twitter-text v3 computes it (X Developer Platform "Counting characters"):
 *   text is NFC-normalised, every URL (with or without scheme) counts 23 ("How to post links":
 *   t.co shortening), code points in U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F and
 *   U+2032-U+2037 count 1, everything else (CJK, most symbols, emoji) counts 2, and an emoji
 *   sequence (ZWJ, skin tone, flag, keycap) counts once, as 2.
 * - Meta, LinkedIn, email: Unicode code points (not UTF-16 units), so a simple emoji counts 1 and a
 *   ZWJ or skin-tone sequence counts each of its code points; that is how those platforms' input
 *   counters behave and it never undercounts.
 */
import type { CountingMode } from './registry';
import { X_URL_LENGTH } from './registry';

const DKI_RE = /\{\s*keyword\s*:([^{}]*)\}/gi;

/** Expand dynamic keyword insertion `{KeyWord:default}` (any casing) to its default text. */
export function expandDki(text: string): string {
	if (text.indexOf('{') < 0) return text;
	return text.replace(DKI_RE, (_m, def: string) => def);
}

/** East Asian Wide (W) and Fullwidth (F) code points: counted 2 by Google Ads. */
export function isDoubleWidth(cp: number): boolean {
	if (cp < 0x1100) return false;
	return (
		(cp >= 0x1100 && cp <= 0x115f) ||
		(cp >= 0x2e80 && cp <= 0x303e) ||
		(cp >= 0x3041 && cp <= 0x33ff) ||
		(cp >= 0x3400 && cp <= 0x4dbf) ||
		(cp >= 0x4e00 && cp <= 0x9fff) ||
		(cp >= 0xa000 && cp <= 0xa4cf) ||
		(cp >= 0xa960 && cp <= 0xa97f) ||
		(cp >= 0xac00 && cp <= 0xd7a3) ||
		(cp >= 0xf900 && cp <= 0xfaff) ||
		(cp >= 0xfe10 && cp <= 0xfe19) ||
		(cp >= 0xfe30 && cp <= 0xfe6f) ||
		(cp >= 0xff00 && cp <= 0xff60) ||
		(cp >= 0xffe0 && cp <= 0xffe6) ||
		(cp >= 0x1f300 && cp <= 0x1f64f) ||
		(cp >= 0x1f900 && cp <= 0x1f9ff) ||
		(cp >= 0x20000 && cp <= 0x3fffd)
	);
}

/** Number of Unicode code points (a surrogate pair counts once). */
export function codePointLength(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			const d = text.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) i++;
		}
		n++;
	}
	return n;
}

/** Google Ads length: DKI expanded, double-width characters count 2. */
export function googleLength(text: string): number {
	const t = expandDki(text);
	let n = 0;
	for (let i = 0; i < t.length; i++) {
		let cp = t.charCodeAt(i);
		if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < t.length) {
			const d = t.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				cp = (cp - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
				i++;
			}
		}
		n += isDoubleWidth(cp) ? 2 : 1;
	}
	return n;
}

const X_TOKEN_RE = new RegExp(
	[
		// URLs with a scheme, or bare domains with a common TLD (twitter-text also links those)
		String.raw`(?:https?:\/\/[^\s<>"]+|(?<![\w@.\/-])(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|io|co|ai|app|dev|shop|store|uk|de|fr|eu|us|ca|au|info|biz)(?:\/[^\s<>"]*)?(?![\w-]))`,
		// emoji sequences: flags, keycaps, pictographs with modifiers / ZWJ chains
		String.raw`(?:\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*)*)`,
	].join('|'),
	'giu',
);
const X_URL_TRAILING = /[.,;:!?)\]'"]+$/;

function xWeight(cp: number): number {
	return cp <= 0x10ff ||
		(cp >= 0x2000 && cp <= 0x200d) ||
		(cp >= 0x2010 && cp <= 0x201f) ||
		(cp >= 0x2032 && cp <= 0x2037)
		? 1
		: 2;
}

function weightedPlain(text: string, from: number, to: number): number {
	let n = 0;
	for (let i = from; i < to; i++) {
		let cp = text.charCodeAt(i);
		if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < to) {
			const d = text.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				cp = (cp - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
				i++;
			}
		}
		n += xWeight(cp);
	}
	return n;
}

/** X weighted length (twitter-text v3 rules, see the file header). */
export function xWeightedLength(input: string): number {
	const text = input.normalize('NFC');
	let n = 0;
	let last = 0;
	// A copy per call: a global regex carries its position (lastIndex) from one use to the next.
	const tokens = new RegExp(X_TOKEN_RE);
	let m: RegExpExecArray | null;
	while ((m = tokens.exec(text)) !== null) {
		const token = m[0];
		const c0 = token.charCodeAt(0);
		// keycaps are at most 3 UTF-16 units and flags start with a surrogate: neither is a URL
		const isUrl = token.length > 3 && c0 < 0x80;
		let end = m.index + token.length;
		if (isUrl) {
			const trail = X_URL_TRAILING.exec(token);
			if (trail) end -= trail[0].length;
			n += weightedPlain(text, last, m.index) + X_URL_LENGTH;
		} else {
			n += weightedPlain(text, last, m.index) + 2;
		}
		last = end;
		tokens.lastIndex = end;
	}
	return n + weightedPlain(text, last, text.length);
}

/** Length of a text the way the given counting mode (platform) counts it. */
export function measureText(text: string, counting: CountingMode): number {
	switch (counting) {
		case 'google':
			return googleLength(text);
		case 'x':
			return xWeightedLength(text);
		default:
			return codePointLength(text);
	}
}
