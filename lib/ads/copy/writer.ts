/**
 * Choosing phrases for one ad: within a length (as the channel counts it), never repeating a
 * sentence or headline the ad already holds, preferring what sibling variants have not used, in
 * an order the seed decides. One writer per ad; it holds only that ad's state.
 */
import type { Rng } from '../../util/rng';
import { measureText } from '../measure';
import type { ChannelFormat } from '../registry';
import { matchForm } from '../text';
import type { Ranked } from './phrases';

const SENTENCE_SPLIT_RE = /(?<=[.?!])\s+/;

/** The sentences of a text, each as a {@link matchForm} (what "already used" compares). */
export function sentenceForms(text: string): string[] {
	return text
		.split(SENTENCE_SPLIT_RE)
		.map((s) => matchForm(s))
		.filter((f) => f !== ' ');
}

/**
 * A slot of a body text: its options in preference order; required slots are filled first. A
 * `phrase` slot holds a required phrase of the brief: added only when the text does not already
 * contain it, and exempt from the one-brand-mention rule.
 */
export interface BodySlot {
	options: readonly string[];
	required?: boolean;
	phrase?: boolean;
}

export class AdWriter {
	private readonly used = new Set<string>();

	constructor(
		readonly format: ChannelFormat,
		readonly rng: Rng,
		/** Headline and lead forms sibling variants already use: chosen last. */
		private readonly avoid: ReadonlySet<string>,
		/** The brand: named at most once per body text. */
		brand: string,
	) {
		this.brandForm = matchForm(brand);
	}

	private readonly brandForm: string;

	private namesBrand(text: string): boolean {
		return this.brandForm !== ' ' && matchForm(text).includes(this.brandForm);
	}

	measure(text: string): number {
		return measureText(text, this.format.counting);
	}

	/** Whether none of the text's sentences is in the ad yet. */
	fresh(text: string): boolean {
		return sentenceForms(text).every((f) => !this.used.has(f));
	}

	take(text: string): string {
		for (const f of sentenceForms(text)) this.used.add(f);
		return text;
	}

	/** Ranked groups flattened, each group shuffled by the seed, siblings' phrases last. */
	order(ranked: Ranked | readonly string[]): string[] {
		const groups = (ranked.length > 0 && Array.isArray(ranked[0]) ? ranked : [ranked]) as readonly (readonly string[])[];
		const all = groups.flatMap((g) => this.rng.shuffled(g));
		return [...all.filter((t) => !this.avoid.has(matchForm(t))), ...all.filter((t) => this.avoid.has(matchForm(t)))];
	}

	/** The first option (in {@link order}) that is fresh and measures within [min, max], taken. */
	pick(options: readonly string[], max: number, min = 0, shape: (s: string) => string = (s) => s): string | null {
		for (const raw of options) {
			const text = shape(raw);
			const n = this.measure(text);
			if (n <= max && n >= min && this.fresh(text)) return this.take(text);
		}
		return null;
	}

	/**
	 * A body text of sentences within `max`: required slots first, then the others in order; each slot
	 * gets its first fresh option that still fits (in length and in `maxSentences`), naming the brand
	 * only if no other sentence does. Sentences keep the slots' order. Null when a
	 * required slot cannot be filled.
	 */
	body(slots: readonly BodySlot[], max: number, maxSentences = Infinity): string | null {
		const chosen: (string | null)[] = slots.map(() => null);
		const joined = () => chosen.filter((c): c is string => c !== null).join(' ');
		// room for the brief's required phrases, added at the end where the text lacks them
		const phraseSlots = slots.filter((s) => s.phrase);
		let reserve = 0;
		for (const s of phraseSlots) reserve += this.measure(s.options[0] ?? '') + 1;
		let phrases = phraseSlots.length;
		const fits = () => this.measure(joined()) <= max - reserve && sentenceForms(joined()).length <= maxSentences - phrases;
		const indexes = slots.map((_, i) => i).filter((i) => !slots[i].phrase);
		const order = [...indexes.filter((i) => slots[i].required), ...indexes.filter((i) => !slots[i].required)];
		for (const i of order) {
			for (const option of slots[i].options) {
				if (!this.fresh(option) || chosen.some((c) => c !== null && !freshAgainst(option, c))) continue;
				if (this.namesBrand(option) && chosen.some((c) => c !== null && this.namesBrand(c))) continue;
				chosen[i] = option;
				if (fits()) break;
				chosen[i] = null;
			}
			if (chosen[i] === null && slots[i].required) return null;
		}
		reserve = 0;
		phrases = 0;
		slots.forEach((s, i) => {
			const phrase = s.options[0];
			if (s.phrase && phrase !== undefined && !matchForm(joined()).includes(matchForm(phrase))) chosen[i] = phrase;
		});
		const text = joined();
		if (text.length === 0 || !fits()) return null;
		return this.take(text);
	}
}

function freshAgainst(a: string, b: string): boolean {
	const forms = new Set(sentenceForms(b));
	return sentenceForms(a).every((f) => !forms.has(f));
}
