/**
 * Seeded pseudo-random numbers (xoshiro128**, seeded through splitmix32).
 * Deterministic across platforms: the same seed gives the same sequence.
 */

/** Math functions bound once: a global lookup per call is slow in sandboxed runtimes (such as a vm context). */
const { PI, cos, floor, imul, log, sin, sqrt } = Math;

export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;
	private spareNormal: number | null = null;

	constructor(seed: number | string) {
		let s = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
		const next = () => {
			s = (s + 0x9e3779b9) | 0;
			let z = s;
			z = imul(z ^ (z >>> 16), 0x85ebca6b);
			z = imul(z ^ (z >>> 13), 0xc2b2ae35);
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.a = next();
		this.b = next();
		this.c = next();
		this.d = next();
	}

	/** Uniform in [0, 1). */
	next(): number {
		const result = imul(rotl(imul(this.b, 5), 7), 9) >>> 0;
		const t = this.b << 9;
		this.c ^= this.a;
		this.d ^= this.b;
		this.b ^= this.c;
		this.a ^= this.d;
		this.c ^= t;
		this.d = rotl(this.d, 11);
		return result / 4294967296;
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return floor(this.next() * n);
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(values: readonly T[]): T {
		if (values.length === 0) throw new Error('pick requires at least one value');
		return values[this.int(values.length)];
	}

	/** Pick by weight; weights need not sum to 1. */
	weighted<T>(values: readonly T[], weights: readonly number[]): T {
		if (values.length === 0 || values.length !== weights.length) {
			throw new Error('weighted requires as many weights as values, and at least one');
		}
		let total = 0;
		for (const w of weights) total += w;
		let r = this.next() * total;
		for (let i = 0; i < values.length; i++) {
			r -= weights[i];
			if (r < 0) return values[i];
		}
		return values[values.length - 1];
	}

	/** Standard normal (Box-Muller). */
	normal(mean = 0, sd = 1): number {
		if (this.spareNormal !== null) {
			const v = this.spareNormal;
			this.spareNormal = null;
			return mean + sd * v;
		}
		let u = 0;
		while (u === 0) u = this.next();
		const v = this.next();
		const r = sqrt(-2 * log(u));
		this.spareNormal = r * sin(2 * PI * v);
		return mean + sd * r * cos(2 * PI * v);
	}

	/** Exponential with the given mean. */
	exponential(mean: number): number {
		let u = 0;
		while (u === 0) u = this.next();
		return -log(u) * mean;
	}

	/** Fisher-Yates shuffle of a copy. */
	shuffled<T>(values: readonly T[]): T[] {
		const out = values.slice();
		for (let i = out.length - 1; i > 0; i--) {
			const j = this.int(i + 1);
			const tmp = out[i];
			out[i] = out[j];
			out[j] = tmp;
		}
		return out;
	}
}

function rotl(x: number, k: number): number {
	return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** 32-bit FNV-1a of a string: a cheap, stable seed derivation. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = imul(h, 0x01000193);
	}
	return h >>> 0;
}
