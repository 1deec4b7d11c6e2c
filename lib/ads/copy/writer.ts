/**
 * Choosing phrases for one ad: within a length (as the channel counts it), never repeating a
 * sentence or headline the ad already holds, preferring what sibling variants have not used, in
 * an order the seed decides. One writer per ad; it holds only that ad's state.
 */
import type { Rng } from '../../util/rng';
import { measureText } from '../measure';
import type { ChannelFormat } from '../registry';
import { matchForm } from '../text';
import type { Phrase, Ranked } from './phrases';
import { joinPhrases } from './phrases';

/**
 * A slot of a body text: its options in preference order; required slots are filled first. A
 * `phrase` slot holds a required phrase of the brief: added only when the text does not already
 * contain it, and exempt from the one-brand-mention rule.
 */
export interface BodySlot {
	options: readonly Phrase[];
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

	private namesBrand(p: Phrase): boolean {
		return this.brandForm !== ' ' && p.form.includes(this.brandForm);
	}

	measure(text: string): number {
		return measureText(text, this.format.counting);
	}

	/** Whether none of the phrase's sentences is in the ad yet. */
	fresh(p: Phrase): boolean {
		return p.forms.every((f) => !this.used.has(f));
	}

	take(p: Phrase): string {
		for (const f of p.forms) this.used.add(f);
		return p.text;
	}

	/**
	 * Ranked groups flattened, each group shuffled by the seed, siblings' phrases last. Each list is
	 * ordered once per ad, so asking again gives the same order.
	 */
	order(ranked: Ranked | readonly Phrase[]): Phrase[] {
		const known = this.orders.get(ranked);
		if (known) return known;
		const groups = (ranked.length > 0 && Array.isArray(ranked[0]) ? ranked : [ranked]) as Ranked;
		const fresh: Phrase[] = [];
		const avoided: Phrase[] = [];
		for (const g of groups) for (const p of this.rng.shuffled(g)) (this.avoid.has(p.form) ? avoided : fresh).push(p);
		const ordered = fresh.concat(avoided);
		this.orders.set(ranked, ordered);
		return ordered;
	}

	private readonly orders = new Map<unknown, Phrase[]>();

	/**
	 * The first option that is fresh and measures within [min, max] once shaped (casing and end
	 * punctuation only, so its words stay the phrase's), taken.
	 */
	pick(options: readonly Phrase[], max: number, min = 0, shape: (s: string) => string = (s) => s): string | null {
		for (const p of options) {
			if (!this.fresh(p)) continue;
			const text = shape(p.text);
			const n = this.measure(text);
			if (n <= max && n >= min) {
				this.take(p);
				return text;
			}
		}
		return null;
	}

	/**
	 * A body text of sentences within `max`: required slots first, then the others in order; each slot
	 * gets its first fresh option that still fits (in length and in `maxSentences`), naming the brand
	 * only if no other sentence does.
	 */
	body(slots: readonly BodySlot[], max: number, maxSentences = Infinity): string | null {
		const chosen: (Phrase | null)[] = slots.map(() => null);
		const joined = () => joinPhrases(chosen.filter((c): c is Phrase => c !== null));
		// room for the brief's required phrases, added at the end where the text lacks them
		const phraseSlots = slots.filter((s) => s.phrase);
		let reserve = 0;
		for (const s of phraseSlots) reserve += this.measure(s.options[0]?.text ?? '') + 1;
		let phrases = phraseSlots.length;
		const fits = () => {
			const j = joined();
			return this.measure(j.text) <= max - reserve && j.forms.length <= maxSentences - phrases;
		};
		const indexes = slots.map((_, i) => i).filter((i) => !slots[i].phrase);
		const order = [...indexes.filter((i) => slots[i].required), ...indexes.filter((i) => !slots[i].required)];
		for (const i of order) {
			for (const option of slots[i].options) {
				if (!this.fresh(option) || chosen.some((c) => c !== null && c.forms.some((f) => option.forms.includes(f)))) continue;
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
			if (s.phrase && phrase !== undefined && !joined().form.includes(phrase.form)) chosen[i] = phrase;
		});
		const text = joined();
		if (text.text.length === 0 || !fits()) return null;
		return this.take(text);
	}
}
