/**
 * A bounded memo keyed by text, for values derived from ad copy. Generated copy is assembled from a
 * small phrase bank, so the same string objects come back again and again: a direct-mapped front
 * table, indexed by the text's length and a few of its characters (no hashing of the whole text),
 * answers those with a pointer comparison; a Map behind it (up to `max` entries; none when `max`
 * is 0, so one-off texts never pile up) holds the rest. Pure and deterministic: it only ever
 * returns what `set` was given for an equal text.
 */
export class TextMemo<V> {
	private readonly frontKeys: (string | undefined)[];
	private readonly frontValues: (V | undefined)[];
	private readonly mask: number;
	private readonly map = new Map<string, V>();

	constructor(
		private readonly max: number,
		frontBits = 14,
	) {
		this.mask = (1 << frontBits) - 1;
		this.frontKeys = new Array<string | undefined>(this.mask + 1).fill(undefined);
		this.frontValues = new Array<V | undefined>(this.mask + 1).fill(undefined);
	}

	private slot(text: string): number {
		const n = text.length;
		if (n === 0) return 0;
		// copy shares its first and last characters (capitals, full stops): sample a few more
		let h = Math.imul(n, 0x9e3779b1) ^ text.charCodeAt(0);
		h = Math.imul(h ^ text.charCodeAt(n >> 1), 0x85ebca6b);
		h = Math.imul(h ^ text.charCodeAt(n >> 2), 0xc2b2ae35);
		h = Math.imul(h ^ text.charCodeAt((n * 3) >> 2), 0x27d4eb2f);
		h = Math.imul(h ^ text.charCodeAt(n - 2 > 0 ? n - 2 : 0), 0x165667b1);
		h = Math.imul(h ^ text.charCodeAt((n * 5) >> 3), 0x9e3779b1);
		h = Math.imul(h ^ text.charCodeAt(n - 24 > 0 ? n - 24 : 0), 0x85ebca6b);
		h = Math.imul(h ^ text.charCodeAt(n - 13 > 0 ? n - 13 : 0), 0xc2b2ae35);
		return (h ^ (h >>> 15)) & this.mask;
	}

	get(text: string): V | undefined {
		const slot = this.slot(text);
		if (this.frontKeys[slot] === text) return this.frontValues[slot];
		if (this.max === 0) return undefined;
		const v = this.map.get(text);
		if (v !== undefined) {
			this.frontKeys[slot] = text;
			this.frontValues[slot] = v;
		}
		return v;
	}

	set(text: string, value: V): void {
		if (this.max > 0) {
			if (this.map.size >= this.max) this.clear();
			this.map.set(text, value);
		}
		const slot = this.slot(text);
		this.frontKeys[slot] = text;
		this.frontValues[slot] = value;
	}

	clear(): void {
		this.map.clear();
		this.frontKeys.fill(undefined);
		this.frontValues.fill(undefined);
	}

	get size(): number {
		return this.map.size;
	}
}
