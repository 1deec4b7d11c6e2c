/**
 * Check one ad against its channel's format: presence and types, counts, lengths (counted as the
 * platform counts), editorial rules, banned words, required phrases, duplicates, pins and the CTA.
 * Every rule and limit comes from the registry; nothing is cached between calls.
 */
import type { AdChannel } from '../contracts/adVariant';
import { findPii, piiIssues } from '../governance';
import { codePointLength, expandDki, measureText } from './measure';
import type { AdFields, ChannelFormat, EditorialRuleName } from './registry';
import { EDITORIAL_RULES, getFormat } from './registry';
import { hasPhrase, matchForm } from './text';

/** What the checks need from a campaign brief. */
export interface ValidationBrief {
	brand?: string;
	product?: string;
	bannedWords?: readonly string[];
	requiredPhrases?: readonly string[];
}

export interface AdIssue {
	field: string;
	rule: string;
	message: string;
}

export interface AdValidation {
	/** True when there is no issue (warnings do not count). */
	ok: boolean;
	issues: AdIssue[];
	/** Recommendations not met (e.g. LinkedIn intro text over 150): shown, never blocking. */
	warnings: AdIssue[];
}

export interface ValidateOptions {
	/** The ad's call to action (`AdVariant.cta`); checked against the channel's CTA rule when given. */
	cta?: string;
}

const EMOJI_RE = /(?![\u00a9\u00ae\u2122])\p{Extended_Pictographic}/u;
const REPEATED_PUNCT_RE = /[!?]{2,}|([,;:])\1|([.*#@$%&~^+=_-])\2{2,}/;
const CAPS_WORD_RE = /(?<![\p{L}\p{N}])\p{Lu}{4,}(?![\p{L}\p{N}])/gu;
const LOWER_RE = /\p{Ll}/u;
const UPPER_RE = /\p{Lu}/gu;
const SPACED_RE = /(?<![\p{L}\p{N}])(?:\p{L}[ .*_-]){3,}\p{L}(?![\p{L}\p{N}])/u;
const PLACEHOLDER_RE =
	/\{\{|\}\}|\{[^{}]*\}|[{}]|\[[A-Za-z _-]+\]|<[A-Za-z _-]+>|\bundefined\b|\bNaN\b/;
const DKI_VALID_RE = /\{\s*keyword\s*:[^{}]*[^\s{}][^{}]*\}/gi;
const DKI_EMPTY_RE = /\{\s*keyword\s*:\s*\}/i;

/** Words in capitals the brand, the product or a required phrase itself writes in capitals. */
function allowedCaps(brief: ValidationBrief): Set<string> {
	const set = new Set<string>();
	for (const src of [brief.brand ?? '', brief.product ?? '', ...(brief.requiredPhrases ?? [])]) {
		for (const m of src.matchAll(CAPS_WORD_RE)) set.add(m[0]);
	}
	return set;
}

function countChar(text: string, ch: string): number {
	let n = 0;
	for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
	return n;
}

function editorialViolation(
	rule: EditorialRuleName,
	text: string,
	format: ChannelFormat,
	allowedCapitals: () => ReadonlySet<string>,
): string | null {
	switch (rule) {
		case 'noEmoji':
			return EMOJI_RE.test(text) ? 'contains an emoji' : null;
		case 'noExclamation':
			return text.includes('!') ? 'contains "!"' : null;
		case 'oneExclamation': {
			const n = countChar(text, '!');
			return n > 1 ? `contains ${n} exclamation marks` : null;
		}
		case 'repeatedPunctuation': {
			const m = REPEATED_PUNCT_RE.exec(text);
			return m ? `contains "${m[0]}"` : null;
		}
		case 'excessiveCapitalization': {
			const letters = text.match(UPPER_RE);
			if (letters && letters.length >= 6 && !LOWER_RE.test(text)) return 'is written in capitals';
			const allowed = allowedCapitals();
			for (const m of text.matchAll(CAPS_WORD_RE)) {
				if (!allowed.has(m[0])) return `"${m[0]}" is in capitals`;
			}
			return null;
		}
		case 'gimmickySpacing': {
			const m = SPACED_RE.exec(text);
			return m ? `contains "${m[0]}"` : null;
		}
		case 'phoneNumber': {
			// The governance phone detector, so the generator and the Auditor agree on what a number is.
			const phone = findPii(text).find((m) => m.kind === 'phone');
			return phone ? `contains what looks like a phone number ("${text.slice(phone.start, phone.end)}")` : null;
		}
		case 'unfilledPlaceholder': {
			if (format.dki && DKI_EMPTY_RE.test(text)) return 'keyword insertion has no default text';
			const rest = format.dki ? text.replace(DKI_VALID_RE, '') : text;
			const m = PLACEHOLDER_RE.exec(rest);
			if (!m) return null;
			return format.dki || !/\{\s*keyword\s*:/i.test(text)
				? `contains "${m[0]}"`
				: 'keyword insertion is only supported on Google and Microsoft search ads';
		}
	}
}

/** Field names a format accepts (its fields and pin fields). */
function knownFields(format: ChannelFormat): ReadonlySet<string> {
	const set = new Set<string>();
	for (const rule of format.fields) set.add(rule.name);
	for (const pin of format.pins ?? []) set.add(pin.field);
	return set;
}

function lengthMessage(label: string, len: number, limit: number, how: string): string {
	return `${label} is ${len} characters${how}, limit ${limit}`;
}

function countingNote(format: ChannelFormat): string {
	switch (format.counting) {
		case 'google':
			return ' (keyword insertion expanded, double-width characters count 2)';
		case 'x':
			return ' (X weighted: URLs 23, CJK and emoji 2)';
		default:
			return '';
	}
}

/**
 * Check one ad's fields against its channel's format: presence and types, counts, lengths (counted
 * as the platform counts), editorial rules, banned words (whole word, case-insensitive), required
 * phrases (each must appear in at least one field), duplicates within the ad, pins, and the CTA.
 *
 * @example validateAd('meta_feed', { primaryText: 'Hi', headline: 'Shoes' }, {}, { cta: 'SHOP_NOW' })
 */
export function validateAd(
	channel: AdChannel,
	fields: AdFields,
	brief: ValidationBrief = {},
	options: ValidateOptions = {},
): AdValidation {
	const format = getFormat(channel);
	const issues: AdIssue[] = [];
	const warnings: AdIssue[] = [];
	const how = countingNote(format);
	const texts: { field: string; text: string }[] = [];
	const known = knownFields(format);
	let caps: Set<string> | null = null;
	const capitals = () => (caps ??= allowedCaps(brief));

	if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
		return {
			ok: false,
			issues: [{ field: '(fields)', rule: 'type', message: 'fields must be an object' }],
			warnings,
		};
	}

	for (const rule of format.fields) {
		const value = (fields as Record<string, unknown>)[rule.name];
		if (value === undefined || value === null || value === '') {
			if (rule.required) {
				issues.push({ field: rule.name, rule: 'required', message: `${rule.label} is required` });
			}
			continue;
		}
		let items: { field: string; text: string }[];
		if (rule.kind === 'list') {
			if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
				issues.push({
					field: rule.name,
					rule: 'type',
					message: `${rule.label}s must be a list of texts`,
				});
				continue;
			}
			if (rule.minItems !== undefined && value.length < rule.minItems) {
				issues.push({
					field: rule.name,
					rule: 'minItems',
					message: `${value.length} ${rule.label.toLowerCase()}s, at least ${rule.minItems} required`,
				});
			}
			if (rule.maxItems !== undefined && value.length > rule.maxItems) {
				issues.push({
					field: rule.name,
					rule: 'maxItems',
					message: `${value.length} ${rule.label.toLowerCase()}s, at most ${rule.maxItems} allowed`,
				});
			}
			items = (value as string[]).map((text, i) => ({ field: `${rule.name}[${i}]`, text }));
		} else {
			if (typeof value !== 'string') {
				issues.push({ field: rule.name, rule: 'type', message: `${rule.label} must be a text` });
				continue;
			}
			items = [{ field: rule.name, text: value }];
		}
		for (const item of items) {
			if (item.text.trim().length === 0) {
				issues.push({ field: item.field, rule: 'empty', message: `${rule.label} is empty` });
				continue;
			}
			if (item.text !== item.text.trim()) {
				issues.push({
					field: item.field,
					rule: 'whitespace',
					message: `${rule.label} starts or ends with whitespace`,
				});
			}
			texts.push(item);
			const len = measureText(item.text, format.counting);
			if (len > rule.maxLength) {
				issues.push({
					field: item.field,
					rule: 'maxLength',
					message: lengthMessage(rule.label, len, rule.maxLength, how),
				});
			} else if (rule.recommendedLength !== undefined && len > rule.recommendedLength) {
				warnings.push({
					field: item.field,
					rule: 'recommendedLength',
					message: `${rule.label} is ${len} characters, ${rule.recommendedLength} recommended (longer text is truncated)`,
				});
			}
			if (rule.minLength !== undefined && len < rule.minLength) {
				issues.push({
					field: item.field,
					rule: 'minLength',
					message: `${rule.label} is ${len} characters, at least ${rule.minLength} expected`,
				});
			}
			for (const ed of rule.editorial) {
				const problem = editorialViolation(ed, item.text, format, capitals);
				if (problem !== null) {
					const target = EDITORIAL_RULES[ed].severity === 'error' ? issues : warnings;
					target.push({
						field: item.field,
						rule: ed,
						message: `${rule.label} ${problem}: ${EDITORIAL_RULES[ed].message}`,
					});
				}
			}
		}
	}

	if (format.pins) {
		for (const pin of format.pins) {
			const value = (fields as Record<string, unknown>)[pin.field];
			if (value === undefined) continue;
			const target = (fields as Record<string, unknown>)[pin.target];
			if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
				issues.push({
					field: pin.field,
					rule: 'type',
					message: `${pin.field} must be a list of texts`,
				});
				continue;
			}
			const targetLength = Array.isArray(target) ? target.length : 0;
			if (value.length > targetLength) {
				issues.push({
					field: pin.field,
					rule: 'pinCount',
					message: `${value.length} pins for ${targetLength} ${pin.target}`,
				});
			}
			(value as string[]).forEach((p, i) => {
				if (!pin.positions.includes(p)) {
					issues.push({
						field: `${pin.field}[${i}]`,
						rule: 'pinPosition',
						message: `pin "${p}" is not a position; use one of ${pin.positions
							.map((x) => (x === '' ? '"" (unpinned)' : x))
							.join(', ')}`,
					});
				}
			});
			const positions = pin.positions.filter((x) => x !== '');
			if (targetLength > 0 && value.length === targetLength && value.every((p) => p !== '')) {
				const covered = positions.filter((pos) => value.includes(pos)).length;
				if (covered < Math.min(positions.length, targetLength)) {
					warnings.push({
						field: pin.field,
						rule: 'pinning',
						message: `every ${pin.target.slice(0, -1)} is pinned but not every position is covered`,
					});
				}
			}
		}
	}

	if (
		(format.channel === 'google_search' || format.channel === 'microsoft_search') &&
		typeof fields.path2 === 'string' &&
		fields.path2.length > 0 &&
		(typeof fields.path1 !== 'string' || fields.path1.length === 0)
	) {
		issues.push({ field: 'path2', rule: 'pathOrder', message: 'Path 2 needs Path 1' });
	}

	for (const key of Object.keys(fields)) {
		if (!known.has(key)) {
			issues.push({
				field: key,
				rule: 'unknownField',
				message: `"${key}" is not a field of ${format.format} (fields: ${format.fields
					.map((f) => f.name)
					.join(', ')})`,
			});
		}
	}

	// duplicates, banned words, required phrases
	const banned = (brief.bannedWords ?? [])
		.map((word) => ({ word, form: matchForm(word) }))
		.filter((x) => x.form !== ' ');
	const required = (brief.requiredPhrases ?? [])
		.map((phrase) => ({ phrase, form: matchForm(phrase) }))
		.filter((x) => x.form !== ' ');
	const forms: string[] = [];
	texts.forEach((t, ti) => {
		// keyword insertion is matched both expanded (what the ad shows) and as written
		const form = matchForm(format.dki ? expandDki(t.text) : t.text);
		const written = format.dki && t.text.includes('{') ? matchForm(t.text) : form;
		forms.push(form);
		const first = form === ' ' ? -1 : forms.indexOf(form);
		if (first >= 0 && first < ti) {
			issues.push({
				field: t.field,
				rule: 'duplicate',
				message: `repeats ${texts[first].field} ("${t.text}")`,
			});
		}
		for (const b of banned) {
			if (form.includes(b.form) || written.includes(b.form)) {
				issues.push({
					field: t.field,
					rule: 'bannedWord',
					message: `contains the banned word "${b.word}"`,
				});
			}
		}
	});
	for (const { phrase, form } of required) {
		if (!forms.some((f) => f.includes(form))) {
			issues.push({
				field: '(ad)',
				rule: 'requiredPhrase',
				message: `no field contains the required phrase "${phrase}"`,
			});
		}
	}

	if (options.cta !== undefined) {
		const cta = options.cta;
		const rule = format.cta;
		if (rule.mode === 'enum') {
			if (cta === '' && !rule.required) {
				// optional and absent
			} else if (!(rule.allowed ?? []).includes(cta)) {
				issues.push({
					field: 'cta',
					rule: 'ctaType',
					message: `CTA "${cta}" is not one of ${(rule.allowed ?? []).join(', ')}`,
				});
			}
		} else if (rule.mode === 'free') {
			if (cta.trim().length === 0) {
				if (rule.required)
					issues.push({ field: 'cta', rule: 'required', message: 'CTA is required' });
			} else if (rule.maxLength !== undefined && codePointLength(cta) > rule.maxLength) {
				issues.push({
					field: 'cta',
					rule: 'maxLength',
					message: `CTA is ${codePointLength(cta)} characters, limit ${rule.maxLength}`,
				});
			} else {
				for (const word of brief.bannedWords ?? []) {
					if (hasPhrase(matchForm(cta), word)) {
						issues.push({
							field: 'cta',
							rule: 'bannedWord',
							message: `contains the banned word "${word}"`,
						});
					}
				}
			}
		} else if (cta.trim().length > 0) {
			warnings.push({
				field: 'cta',
				rule: 'ctaUnused',
				message: `${format.format} has no call-to-action button; the CTA is not shown`,
			});
		}
	}

	issues.push(...personalDataIssues(fields, options.cta, brief));
	return { ok: issues.length === 0, issues, warnings };
}

/**
 * Personal data in the copy (lib/governance's detector: e-mail, phone, street address, card, IBAN,
 * national id): an ad never carries it. Text the brief itself supplies (the brand's own address or
 * phone in a required phrase) is the advertiser's, not a customer's, and is left to the editorial rules.
 */
function personalDataIssues(fields: AdFields, cta: unknown, brief: ValidationBrief): AdIssue[] {
	const advertiserTexts = [brief.brand, brief.product, ...(brief.requiredPhrases ?? [])].filter(
		(t): t is string => typeof t === 'string' && t.length > 0,
	);
	return piiIssues(typeof cta === 'string' ? { ...fields, cta } : fields, { advertiserTexts });
}
