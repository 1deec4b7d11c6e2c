/**
 * Budget split by Thompson sampling: each arm's share is the probability, over posterior draws, that
 * it has the highest value per unit of spend, then lifted to a floor so no arm starves.
 */

/**
 * Raise every share to at least `floor`, taking the difference proportionally from the shares above
 * it; the result sums to 1.
 * @example applyFloor([0.995, 0.005], 0.01) // [0.99, 0.01]
 */
export function applyFloor(shares: readonly number[], floor: number): number[] {
	if (shares.length === 0) throw new Error('applyFloor requires at least one share');
	if (!(floor >= 0 && floor * shares.length <= 1)) throw new Error(`applyFloor: a floor of ${floor} cannot hold for ${shares.length} arms`);
	const sum = shares.reduce((s, x) => s + x, 0);
	const p = sum > 0 ? shares.map((s) => s / sum) : shares.map(() => 1 / shares.length);
	const floored = new Array<boolean>(p.length).fill(false);
	// iterate: arms pushed to the floor stay there; the rest share what is left in proportion
	for (;;) {
		const fixed = floored.reduce((n, f) => n + (f ? 1 : 0), 0);
		const freeMass = p.reduce((s, x, i) => s + (floored[i] ? 0 : x), 0);
		const left = 1 - fixed * floor;
		let changed = false;
		for (let i = 0; i < p.length; i++) {
			if (floored[i]) continue;
			const scaled = freeMass > 0 ? (p[i] / freeMass) * left : left / (p.length - fixed);
			if (scaled < floor) {
				floored[i] = true;
				changed = true;
			}
		}
		if (!changed) {
			return p.map((x, i) => (floored[i] ? floor : freeMass > 0 ? (x / freeMass) * left : left / (p.length - fixed)));
		}
	}
}

/**
 * Thompson shares: for draw d, the arm with the highest `draws[k][d]` scores one; shares are the
 * scores over the number of draws, floored by {@link applyFloor}.
 * @example thompsonShares([[1, 2, 3], [2, 1, 1]], 0) // [1/3, 2/3]
 */
export function thompsonShares(draws: ReadonlyArray<ArrayLike<number>>, floor: number): number[] {
	if (draws.length === 0) throw new Error('thompsonShares requires at least one arm');
	const n = draws[0].length;
	if (n === 0 || draws.some((d) => d.length !== n)) throw new Error('thompsonShares requires the same positive number of draws per arm');
	const wins = new Array<number>(draws.length).fill(0);
	for (let d = 0; d < n; d++) {
		let arg = 0;
		for (let k = 1; k < draws.length; k++) if (draws[k][d] > draws[arg][d]) arg = k;
		wins[arg]++;
	}
	return applyFloor(wins.map((w) => w / n), floor);
}
