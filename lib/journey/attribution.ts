/**
 * Attribution over customer paths stored flat: `channels[offsets[p] .. offsets[p+1])` is path p, its
 * touches in time order (consecutive repeats collapsed), `times` the time of each touch, `converted[p]`
 * whether it ends in a conversion (at `conversionTimes[p]`).
 */
export interface FlatPaths {
	count: number;
	offsets: Int32Array;
	channels: Int32Array;
	times: Float64Array;
	converted: Uint8Array;
	conversionTimes: Float64Array;
}

export interface HeuristicCredit {
	firstTouch: Float64Array;
	lastTouch: Float64Array;
	linear: Float64Array;
	timeDecay: Float64Array;
	positionBased: Float64Array;
}

/**
 * Rule-based models; each converting path hands out exactly one conversion.
 * - firstTouch / lastTouch: all to the first / last touch.
 * - linear: 1/n to each touch.
 * - timeDecay: weight 2^(-(conversion time - touch time) / halfLife), normalised per path.
 * - positionBased: one touch 100%; two 50/50; more: 40% first, 40% last, 20% shared by the middle.
 */
export function heuristicCredit(
	paths: FlatPaths,
	channelCount: number,
	halfLifeMs: number,
): HeuristicCredit {
	if (!(halfLifeMs > 0)) throw new Error('heuristicCredit requires a positive half-life');
	const out: HeuristicCredit = {
		firstTouch: new Float64Array(channelCount),
		lastTouch: new Float64Array(channelCount),
		linear: new Float64Array(channelCount),
		timeDecay: new Float64Array(channelCount),
		positionBased: new Float64Array(channelCount),
	};
	const { offsets, channels, times } = paths;
	for (let p = 0; p < paths.count; p++) {
		if (!paths.converted[p]) continue;
		const s = offsets[p];
		const e = offsets[p + 1];
		const n = e - s;
		if (n === 0) continue;
		out.firstTouch[channels[s]] += 1;
		out.lastTouch[channels[e - 1]] += 1;
		let wSum = 0;
		const tConv = paths.conversionTimes[p];
		for (let i = s; i < e; i++) {
			out.linear[channels[i]] += 1 / n;
			wSum += 2 ** (-(tConv - times[i]) / halfLifeMs);
		}
		for (let i = s; i < e; i++)
			out.timeDecay[channels[i]] += 2 ** (-(tConv - times[i]) / halfLifeMs) / wSum;
		if (n === 1) out.positionBased[channels[s]] += 1;
		else if (n === 2) {
			out.positionBased[channels[s]] += 0.5;
			out.positionBased[channels[s + 1]] += 0.5;
		} else {
			out.positionBased[channels[s]] += 0.4;
			out.positionBased[channels[e - 1]] += 0.4;
			for (let i = s + 1; i < e - 1; i++) out.positionBased[channels[i]] += 0.2 / (n - 2);
		}
	}
	return out;
}

/** Solve A x = b in place (Gaussian elimination, partial pivoting); A is n x n row-major. */
export function solveLinear(a: Float64Array, b: Float64Array, n: number): Float64Array {
	for (let col = 0; col < n; col++) {
		let pivot = col;
		let best = Math.abs(a[col * n + col]);
		for (let r = col + 1; r < n; r++) {
			const v = Math.abs(a[r * n + col]);
			if (v > best) {
				best = v;
				pivot = r;
			}
		}
		if (best < 1e-300) continue;
		if (pivot !== col) {
			for (let k = 0; k < n; k++) {
				const t = a[col * n + k];
				a[col * n + k] = a[pivot * n + k];
				a[pivot * n + k] = t;
			}
			const t = b[col];
			b[col] = b[pivot];
			b[pivot] = t;
		}
		const d = a[col * n + col];
		for (let r = col + 1; r < n; r++) {
			const f = a[r * n + col] / d;
			if (f === 0) continue;
			for (let k = col; k < n; k++) a[r * n + k] -= f * a[col * n + k];
			b[r] -= f * b[col];
		}
	}
	const x = new Float64Array(n);
	for (let r = n - 1; r >= 0; r--) {
		let s = b[r];
		for (let k = r + 1; k < n; k++) s -= a[r * n + k] * x[k];
		const d = a[r * n + r];
		x[r] = Math.abs(d) < 1e-300 ? 0 : s / d;
	}
	return x;
}

export interface MarkovResult {
	/** Probability of reaching conversion from the start state. */
	conversionProbability: number;
	/** Removal effect per channel code: 1 - P(conv without the channel) / P(conv). */
	removalEffects: Float64Array;
	/** Channel codes present in the chain. */
	present: Uint8Array;
	states: number;
}

/**
 * Markov-chain attribution of the given order (1 or 2), solved exactly: the absorption probability
 * into `conversion` from `start` is the solution of (I - Q) x = r over the transient states, with
 * transition probabilities estimated from the paths' transition counts. Removing a channel makes
 * every state whose current channel is that channel lead to `null` (no conversion).
 */
export function markovAttribution(
	paths: FlatPaths,
	channelCount: number,
	order: 1 | 2,
): MarkovResult {
	const START = channelCount; // pseudo-channel for "before the first touch"
	// State ids: 0 = start; others by key prev * (C + 1) + cur (order 1: prev = START always).
	const stateOf = new Map<number, number>();
	const stateChannel: number[] = [-1];
	const state = (prev: number, cur: number): number => {
		const key = (order === 2 ? prev : START) * (channelCount + 1) + cur;
		let s = stateOf.get(key);
		if (s === undefined) {
			s = stateChannel.length;
			stateOf.set(key, s);
			stateChannel.push(cur);
		}
		return s;
	};
	// Transition counts: from -> (to | CONV | NULL), sparse.
	const trans = new Map<number, Map<number, number>>();
	const CONV = -1;
	const NULL = -2;
	const add = (from: number, to: number) => {
		let row = trans.get(from);
		if (row === undefined) {
			row = new Map();
			trans.set(from, row);
		}
		row.set(to, (row.get(to) ?? 0) + 1);
	};
	const present = new Uint8Array(channelCount);
	for (let p = 0; p < paths.count; p++) {
		const s = paths.offsets[p];
		const e = paths.offsets[p + 1];
		if (e === s) continue;
		let from = 0;
		let prev = START;
		for (let i = s; i < e; i++) {
			const cur = paths.channels[i];
			present[cur] = 1;
			const to = state(prev, cur);
			add(from, to);
			from = to;
			prev = cur;
		}
		add(from, paths.converted[p] ? CONV : NULL);
	}
	const n = stateChannel.length;
	const q = new Float64Array(n * n);
	const r = new Float64Array(n);
	for (const [from, row] of trans) {
		let total = 0;
		for (const c of row.values()) total += c;
		for (const [to, c] of row) {
			if (to === CONV) r[from] += c / total;
			else if (to >= 0) q[from * n + to] += c / total;
		}
	}
	const solve = (removed: number): number => {
		const a = new Float64Array(n * n);
		const b = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			a[i * n + i] = 1;
			if (removed >= 0 && stateChannel[i] === removed) continue; // absorbs into null
			b[i] = r[i];
			for (let j = 0; j < n; j++) a[i * n + j] -= q[i * n + j];
		}
		return solveLinear(a, b, n)[0];
	};
	const base = n > 1 ? solve(-1) : 0;
	const removalEffects = new Float64Array(channelCount);
	for (let c = 0; c < channelCount; c++) {
		if (!present[c] || base <= 0) continue;
		const without = solve(c);
		removalEffects[c] = Math.min(1, Math.max(0, 1 - without / base));
	}
	return { conversionProbability: base, removalEffects, present, states: n - 1 };
}
