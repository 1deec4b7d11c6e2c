/**
 * How alike ads are, one implementation for offline and model-written copy: the ad's words as a
 * token set, keyword relevance, the near-duplicate rule and the diversity score within a group.
 */
import type { AdFields } from './registry';
import { jaccard, matchForm, tokenSet } from './text';

/** Variants at or above this token Jaccard similarity to a sibling are near duplicates. */
export const NEAR_DUPLICATE_JACCARD = 0.8;

/** All text of an ad's fields, one string (lists joined; pin fields left out). */
export function adText(fields: AdFields): string {
	const parts: string[] = [];
	for (const key of Object.keys(fields)) {
		if (key.endsWith('Pins')) continue;
		const v = fields[key];
		if (Array.isArray(v)) parts.push(...v);
		else parts.push(v);
	}
	return parts.join(' \n ');
}

/** The distinct words of an ad (links removed), what similarity is measured on. */
export function adTokens(fields: AdFields): Set<string> {
	return tokenSet(adText(fields));
}

/**
 * Share of the keywords found (whole phrase, case-insensitive) in the ad's text, 0..1. A plural
 * keyword also counts in the singular ("running shoes" in "a running shoe").
 */
export function keywordRelevance(fields: AdFields, keywords: readonly string[]): number {
	if (keywords.length === 0) return 0;
	const form = matchForm(adText(fields));
	let hit = 0;
	for (const k of keywords) {
		const kf = matchForm(k);
		if (kf !== ' ' && (form.includes(kf) || form.includes(kf.replace(/([a-z]{3,})s $/, '$1 ')))) hit++;
	}
	return hit / keywords.length;
}

/** The first sibling whose words overlap `tokens` at or above {@link NEAR_DUPLICATE_JACCARD}. */
export function nearDuplicateOf<T extends { tokens: ReadonlySet<string> }>(
	tokens: ReadonlySet<string>,
	siblings: readonly T[],
): T | undefined {
	return siblings.find((s) => jaccard(s.tokens, tokens) >= NEAR_DUPLICATE_JACCARD);
}

/** 1 - mean Jaccard similarity to the siblings (1 with no siblings). */
export function diversityScore(own: ReadonlySet<string>, siblings: readonly ReadonlySet<string>[]): number {
	if (siblings.length === 0) return 1;
	let s = 0;
	for (const other of siblings) s += jaccard(own, other);
	return 1 - s / siblings.length;
}

/** {@link diversityScore} of each member of a group against the others, rounded to 3 places. */
export function groupDiversity(group: readonly ReadonlySet<string>[]): number[] {
	return group.map((own, i) => round3(diversityScore(own, group.filter((_, j) => j !== i))));
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
