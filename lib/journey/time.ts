/** Timestamps: cheap numeric paths first, then a strict ISO 8601 parser, never the local time zone. */

/** Timestamps outside [MIN_MS, MAX_MS) (1990 .. 2200) are taken as invalid. */
export const MIN_MS = Date.UTC(1990, 0, 1);
export const MAX_MS = Date.UTC(2200, 0, 1);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch number to milliseconds, its unit told by magnitude: below 1e11 seconds, below 1e14
 * milliseconds, below 1e17 microseconds, below 1e20 nanoseconds. NaN when out of 1990..2200.
 */
export function epochToMs(value: number): number {
	if (!Number.isFinite(value) || value <= 0) return Number.NaN;
	let ms: number;
	if (value < 1e11) ms = value * 1000;
	else if (value < 1e14) ms = value;
	else if (value < 1e17) ms = value / 1000;
	else if (value < 1e20) ms = value / 1e6;
	else return Number.NaN;
	return ms >= MIN_MS && ms < MAX_MS ? ms : Number.NaN;
}

function digits(s: string, from: number, count: number): number {
	let n = 0;
	for (let i = from; i < from + count; i++) {
		const c = s.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return -1;
		n = n * 10 + c;
	}
	return n;
}

/**
 * Strict ISO 8601: `YYYY-MM-DD`, optionally `THH:MM[:SS[.fraction]]` and `Z` or `±HH[:]MM`
 * (a space may replace `T`). Without an offset the time is taken as UTC. NaN when invalid.
 */
export function parseIso(s: string): number {
	const n = s.length;
	if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
	const y = digits(s, 0, 4);
	const mo = digits(s, 5, 2);
	const d = digits(s, 8, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]) return Number.NaN;
	if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return Number.NaN;
	let h = 0;
	let mi = 0;
	let sec = 0;
	let ms = 0;
	let offsetMin = 0;
	let i = 10;
	if (i < n) {
		const sep = s.charCodeAt(i);
		if (sep !== 84 && sep !== 32 && sep !== 116) return Number.NaN; // T, space, t
		if (n < i + 6 || s.charCodeAt(i + 3) !== 58) return Number.NaN;
		h = digits(s, i + 1, 2);
		mi = digits(s, i + 4, 2);
		if (h < 0 || h > 23 || mi < 0 || mi > 59) return Number.NaN;
		i += 6;
		if (i < n && s.charCodeAt(i) === 58) {
			sec = digits(s, i + 1, 2);
			if (sec < 0 || sec > 60) return Number.NaN;
			i += 3;
			if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
				i++;
				let scale = 100;
				const start = i;
				while (i < n) {
					const c = s.charCodeAt(i) - 48;
					if (c < 0 || c > 9) break;
					ms += c * scale;
					scale /= 10;
					i++;
				}
				if (i === start) return Number.NaN;
			}
		}
		if (i < n) {
			const z = s.charCodeAt(i);
			if (z === 90 || z === 122) {
				i++;
			} else if (z === 43 || z === 45) {
				const oh = digits(s, i + 1, 2);
				let j = i + 3;
				if (s.charCodeAt(j) === 58) j++;
				const om = j < n ? digits(s, j, 2) : 0;
				if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
				offsetMin = (z === 43 ? 1 : -1) * (oh * 60 + om);
				i = j < n ? j + 2 : j;
			} else return Number.NaN;
			if (i !== n) return Number.NaN;
		}
	}
	const t = Date.UTC(y, mo - 1, d, h, mi, sec) + ms - offsetMin * 60_000;
	return t >= MIN_MS && t < MAX_MS ? t : Number.NaN;
}

const ZONED = /(?:Z|GMT|UTC|[+-]\d{2}:?\d{2})\s*$/i;

/**
 * Any supported timestamp to epoch milliseconds, or NaN. Numbers and digit strings are epochs
 * (unit by magnitude); other strings are ISO 8601, or RFC 2822 style only when they name a zone.
 */
export function parseTimestamp(value: unknown): number {
	if (typeof value === 'number') return epochToMs(value);
	if (typeof value !== 'string') {
		return value instanceof Date ? epochToMs(value.getTime()) : Number.NaN;
	}
	const first = value.charCodeAt(0);
	if (first >= 48 && first <= 57 && value.length >= 9 && value.charCodeAt(4) !== 45) {
		const n = Number(value);
		if (!Number.isNaN(n)) return epochToMs(n);
	}
	const iso = parseIso(value);
	if (!Number.isNaN(iso)) return iso;
	if (value.length > 60 || !ZONED.test(value) || value.charCodeAt(4) === 45) return Number.NaN;
	const t = Date.parse(value);
	return t >= MIN_MS && t < MAX_MS ? t : Number.NaN;
}

export const DAY_MS = 86_400_000;
