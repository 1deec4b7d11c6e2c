import { getFormat } from '../ads';
import { phoneSpans } from './governanceRules';
import type { AuditBrief, AuditFindingDetail, AuditableAd, CopyRule, RuleFamily, Severity } from './types';

/** Per-rule switches and severities (by rule id or by family); later entries win over earlier. */
export interface RuleSettings {
	disabledRules?: readonly string[];
	disabledFamilies?: readonly RuleFamily[];
	severities?: Readonly<Record<string, Severity>>;
}

/** One text of an ad: `headlines[2]`, its base field `headlines`, and the text. */
export interface AdText {
	field: string;
	base: string;
	text: string;
}

interface CompiledRule {
	rule: CopyRule;
	severity: Severity;
	regexes: RegExp[];
	except: ReadonlySet<string>;
}

/** One rule's match in a text. */
interface Hit {
	c: CompiledRule;
	start: number;
	end: number;
	detail?: string;
}

/** Distinct texts remembered per checker (one audit run); beyond it texts are checked each time. */
const MAX_CACHED_TEXTS = 200_000;

/** A matcher for one rule set and one brief, built once per audit run (no module-level caches). */
export interface CopyChecker {
	check(ad: AuditableAd): AuditFindingDetail[];
}

/** Patterns that need the `u` flag (Unicode property classes); the others run without it, several times faster. */
/** A back-reference (`\\1`): such a pattern keeps its own regular expression. */
const BACKREF = /\\[1-9]/;
const NEEDS_UNICODE = /\\[pP]\{|\\u\{/;
const CAPS_WORD = /(?<![\p{L}\p{N}])\p{Lu}{4,}(?![\p{L}\p{N}])/gu;
const LETTERS_UPPER = /\p{Lu}/gu;
const LOWER = /\p{Ll}/u;
/** Acronyms of four letters or more that are words, not shouting. */
const ACRONYMS = new Set(['ASAP', 'HTML', 'HTTP', 'JSON', 'NASA', 'NYSE', 'UNESCO', 'NATO', 'FIFA', 'USDA', 'ISBN', 'SaaS', 'LGBTQ', 'HVAC', 'CEOS', 'UEFA']);

/** Texts of an ad in field order (lists as `name[i]`), plus a free-text CTA. */
export function adTexts(ad: AuditableAd): AdText[] {
	const out: AdText[] = [];
	for (const [name, value] of Object.entries(ad.fields)) {
		if (typeof value === 'string') {
			if (value.length > 0) out.push({ field: name, base: name, text: value });
		} else if (Array.isArray(value)) {
			value.forEach((text, i) => {
				if (typeof text === 'string' && text.length > 0) out.push({ field: `${name}[${i}]`, base: name, text });
			});
		}
	}
	if (typeof ad.cta === 'string' && ad.cta.length > 0 && getFormat(ad.channel).cta.mode === 'free') {
		out.push({ field: 'cta', base: 'cta', text: ad.cta });
	}
	return out;
}

/** A compiled pattern, or the reason it does not compile. */
function compilePattern(source: string, flags: string): RegExp | string {
	try {
		return new RegExp(source, flags);
	} catch (error) {
		return (error as Error).message;
	}
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lower-case text with runs of white space as one space, for "does the brief state this" checks. */
function plain(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function effectiveSeverity(rule: { id: string; family: RuleFamily; severity: Severity }, settings: RuleSettings): Severity | null {
	if (settings.disabledFamilies?.includes(rule.family)) return null;
	if (settings.disabledRules?.includes(rule.id)) return null;
	return settings.severities?.[rule.id] ?? settings.severities?.[rule.family] ?? rule.severity;
}

export { effectiveSeverity };

function finding(rule: CopyRule, severity: Severity, t: AdText, start: number, end: number, detail?: string): AuditFindingDetail {
	const text = t.text.slice(start, end);
	return {
		rule: rule.id,
		family: rule.family,
		severity,
		message: detail ? `${rule.message} ${detail}` : rule.message,
		evidence: `${t.field}: "${text}"`,
		span: { field: t.field, start, end, text },
		...(rule.suggestion ? { suggestion: rule.suggestion } : {}),
		policy: rule.policy,
		source: rule.source,
		origin: 'rules',
	};
}

/** Where the format registry applies a validator editorial rule to a field (cached per checker). */
function registryApplies(ad: AuditableAd, base: string, name: string, memo: Map<string, boolean>): boolean {
	const key = `${ad.channel}\u0000${base}\u0000${name}`;
	let hit = memo.get(key);
	if (hit === undefined) {
		const field = getFormat(ad.channel).fields.find((f) => f.name === base);
		hit = field !== undefined && (field.editorial as readonly string[]).includes(name);
		memo.set(key, hit);
	}
	return hit;
}

/**
 * Builds the matcher: compiles each table row's patterns once, adds the brief's competitor names to
 * the comparison rule, and knows which capitals the brief itself uses.
 *
 * @example createCopyChecker(COPY_RULES, { brand: 'ACME' }).check(ad)
 */
export function createCopyChecker(rules: readonly CopyRule[], brief: AuditBrief = {}, settings: RuleSettings = {}): CopyChecker {
	const compiled: CompiledRule[] = [];
	for (const rule of rules) {
		const severity = effectiveSeverity(rule, settings);
		if (severity === null) continue;
		const flags = rule.caseSensitive ? 'g' : 'gi';
		const patterns = [...rule.patterns];
		if (rule.id === 'claims.competitorComparison') {
			for (const name of brief.competitors ?? []) if (name.trim()) patterns.push(`(?<![\\p{L}\\p{N}])${escapeRegExp(name.trim())}(?![\\p{L}\\p{N}])`);
		}
		// each pattern is checked alone (so an error names it), then patterns that share flags and
		// have no back-reference run as one alternation: one scan per rule and text
		const groups = new Map<string, string[]>();
		patterns.forEach((p, i) => {
			const f = i >= rule.patterns.length ? 'gi' : flags;
			const full = NEEDS_UNICODE.test(p) ? `${f}u` : f;
			const compiled = compilePattern(p, full);
			if (typeof compiled === 'string') throw new Error(`rule ${rule.id}: pattern ${i} is not a valid regular expression: ${compiled}`);
			const key = BACKREF.test(p) ? `${full}#${i}` : full;
			groups.set(key, [...(groups.get(key) ?? []), p]);
		});
		const regexes = [...groups].map(([key, list]) => new RegExp(list.length === 1 ? list[0] : list.map((p) => `(?:${p})`).join('|'), key.split('#')[0]));
		compiled.push({ rule, severity, regexes, except: new Set(rule.except ?? []) });
	}
	const stated = [brief.offer ?? '', ...(brief.claims ?? []).flatMap((c) => [c.claim, c.source])].map(plain).filter((s) => s.length > 0);
	const allowedCaps = new Set<string>(ACRONYMS);
	for (const src of [brief.brand ?? '', brief.product ?? '', brief.offer ?? '', ...(brief.claims ?? []).map((c) => c.claim)]) {
		for (const m of src.matchAll(CAPS_WORD)) allowedCaps.add(m[0]);
	}
	const capsRule = compiled.find((c) => c.rule.id === 'editorial.capitalization');
	const phoneRule = compiled.find((c) => c.rule.id === 'editorial.phoneNumber');
	const memo = new Map<string, boolean>();
	// Ad copy is assembled from phrase banks: the same text comes back in ad after ad. What the rules
	// find in a text does not depend on the ad, so it is computed once per text for this checker.
	const hitsByText = new Map<string, Hit[]>();

	const hitsOf = (text: string): Hit[] => {
		const cached = hitsByText.get(text);
		if (cached) return cached;
		const hits: Hit[] = [];
		for (const c of compiled) {
			if (c.regexes.length === 0) continue;
			let lastEnd = -1;
			const spans: Array<[number, number]> = [];
			for (const re of c.regexes) {
				re.lastIndex = 0;
				if (!re.test(text)) continue;
				re.lastIndex = 0;
				for (const m of text.matchAll(re)) {
					const start = m.index ?? 0;
					const end = start + m[0].length;
					if (end === start) continue;
					const lower = plain(m[0]);
					if (c.except.has(lower)) continue;
					if (c.rule.unlessBriefStates && stated.some((x) => x.includes(lower))) continue;
					spans.push([start, end]);
				}
			}
			spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
			for (const [start, end] of spans) {
				if (start < lastEnd) continue; // overlapping matches of one rule: one finding
				hits.push({ c, start, end });
				lastEnd = end;
			}
		}
		if (capsRule) {
			const letters = text.match(LETTERS_UPPER);
			if (letters && letters.length >= 6 && !LOWER.test(text)) {
				hits.push({ c: capsRule, start: 0, end: text.length, detail: 'The whole text is in capitals.' });
			} else {
				for (const m of text.matchAll(CAPS_WORD)) {
					if (allowedCaps.has(m[0])) continue;
					hits.push({ c: capsRule, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
				}
			}
		}
		if (phoneRule) {
			// one phone detector for the whole package: governance's (international and national formats)
			for (const p of phoneSpans(text)) hits.push({ c: phoneRule, start: p.start, end: p.end });
		}
		if (hitsByText.size < MAX_CACHED_TEXTS) hitsByText.set(text, hits);
		return hits;
	};

	return {
		check(ad: AuditableAd): AuditFindingDetail[] {
			const out: AuditFindingDetail[] = [];
			for (const t of adTexts(ad)) {
				for (const h of hitsOf(t.text)) {
					if (h.c.rule.whereRegistry && !registryApplies(ad, t.base, h.c.rule.whereRegistry, memo)) continue;
					out.push(finding(h.c.rule, h.c.severity, t, h.start, h.end, h.detail));
				}
			}
			return out;
		},
	};
}
