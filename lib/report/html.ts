import { money, pct } from '../util/format';
import { escapeHtml } from '../util/html';

/** Escapes any value's text for HTML element content and attribute values. */
export function esc(value: unknown): string {
	return escapeHtml(String(value ?? ''));
}

export function fmtInt(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

export function fmtPct(share: number | null | undefined, decimals = 1): string {
	if (share === null || share === undefined || !Number.isFinite(share)) return '–';
	return pct(share, decimals);
}

export function fmtMoney(n: number | null | undefined): string {
	if (n === null || n === undefined || !Number.isFinite(n)) return '–';
	return money(n);
}

export function fmtNum(n: number | null | undefined, decimals = 1): string {
	if (n === null || n === undefined || !Number.isFinite(n)) return '–';
	return n.toFixed(decimals);
}

/** Human label for a machine name: `paid_search` -> `Paid search`. */
export function humanize(name: string): string {
	const spaced = name.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
	return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}
