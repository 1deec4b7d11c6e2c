/**
 * The one home of the wording helpers for numbers and names in prose and reports: personas,
 * segment descriptions, the report and ad previews all format through these.
 */

/** `abc` -> `Abc`; the rest is left as it is. */
export function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function groupThousands(digits: string): string {
	return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** US dollars: whole dollars with thousands separators from $10 (`$1,234`), cents below (`$4.50`). */
export function money(value: number): string {
	const abs = Math.abs(value);
	const text = abs >= 10 ? groupThousands(String(Math.round(abs))) : abs.toFixed(2);
	return `${value < 0 ? '-' : ''}$${text}`;
}

/**
 * A share in [0, 1] as a percentage: whole percent by default, with a small positive share shown as
 * `<1%` rather than `0%`; with `decimals`, that many decimals (`12.5%`).
 */
export function pct(share: number, decimals = 0): string {
	const p = share * 100;
	if (decimals > 0) return `${p.toFixed(decimals)}%`;
	return p > 0 && p < 0.5 ? '<1%' : `${Math.round(p)}%`;
}

/** Channel names as words in a sentence. */
const CHANNEL_LABELS: Record<string, string> = {
	organic_search: 'organic search',
	paid_search: 'paid search',
	paid_social: 'paid social',
	organic_social: 'organic social',
	email: 'email',
	display: 'display ads',
	referral: 'referrals',
	direct: 'direct visits',
	affiliate: 'affiliate partners',
	support: 'customer support',
	store: 'in store',
};

/** A journey channel in words: `paid_search` -> `paid search`, `direct` -> `direct visits`. */
export function channelLabel(channel: string): string {
	return CHANNEL_LABELS[channel] ?? channel.replace(/[_-]+/g, ' ');
}
