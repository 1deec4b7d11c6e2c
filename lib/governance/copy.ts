import { findPii, type FindPiiOptions, type PiiKind, type PiiMatch } from './pii';

/** How a kind reads in a message: "an email address", "a payment card number" ... */
export const PII_KIND_LABEL: Record<PiiKind, string> = {
	email: 'an email address',
	phone: 'a phone number',
	street_address: 'a street address',
	payment_card: 'a payment card number',
	iban: 'a bank account number (IBAN)',
	national_id: 'a national id number',
	name: 'a name from the input',
};

/**
 * A match masked for messages and logs, so the message itself carries no personal data: the first
 * character, then stars (an e-mail keeps its domain).
 *
 * @example maskPii({ kind: 'email', text: 'dana@example.com' }) // 'd***@example.com'
 */
export function maskPii(match: Pick<PiiMatch, 'kind' | 'text'>): string {
	const m = match.text;
	if (match.kind === 'email') {
		const at = m.indexOf('@');
		return `${m.charAt(0)}***${at >= 0 ? m.slice(at) : ''}`;
	}
	return `${m.charAt(0)}***`;
}

/** "an email address (d***@example.com)": a finding described without repeating it. */
export function describePii(match: Pick<PiiMatch, 'kind' | 'text'>): string {
	return `${PII_KIND_LABEL[match.kind]} (${maskPii(match)})`;
}

export interface FieldPiiMatch extends PiiMatch {
	/** The field the text came from (`headlines`, `primaryText` ...). */
	field: string;
	/** Position in the field's list, for list fields (`headlines[2]`); absent for a single text. */
	item?: number;
}

/**
 * Personal data in the text fields of an artefact (an ad's `fields` and `cta`, a payload): each match
 * with its field, list position and span. The check every output that leaves the package applies.
 *
 * @example findPiiInFields({ headlines: ['Call 020 7946 0958'] }) // [{ field: 'headlines', item: 0, kind: 'phone', ... }]
 */
export function findPiiInFields(
	fields: Readonly<Record<string, string | readonly string[] | undefined | null>>,
	options: FindPiiOptions = {},
): FieldPiiMatch[] {
	const out: FieldPiiMatch[] = [];
	for (const [field, value] of Object.entries(fields)) {
		if (typeof value === 'string') {
			for (const m of findPii(value, options)) out.push({ ...m, field });
		} else if (Array.isArray(value)) {
			value.forEach((text: unknown, item) => {
				if (typeof text === 'string')
					for (const m of findPii(text, options)) out.push({ ...m, field, item });
			});
		}
	}
	return out;
}

/**
 * The same, as validation issues (`{ field, rule: 'pii', message }`, the AdVariant contract's
 * ValidationIssue shape) whose messages describe the data masked.
 */
export function piiIssues(
	fields: Readonly<Record<string, string | readonly string[] | undefined | null>>,
	options: FindPiiOptions & {
		/** Texts the advertiser supplied (brand, required phrases): a match inside one is theirs, not a customer's. */
		advertiserTexts?: readonly string[];
	} = {},
): { field: string; rule: 'pii'; message: string }[] {
	const own = (options.advertiserTexts ?? []).map((t) => t.toLowerCase());
	const isOwn = (text: string) => own.some((t) => t.includes(text.toLowerCase()));
	return findPiiInFields(fields, options)
		.filter((m) => !isOwn(m.text))
		.map((m) => ({
			field: m.item === undefined ? m.field : `${m.field}[${m.item}]`,
			rule: 'pii' as const,
			message: `contains ${describePii(m)}; personal data must not appear in ad copy`,
		}));
}
