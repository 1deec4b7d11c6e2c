/**
 * Minimum-cost assignment (Hungarian algorithm, Kuhn-Munkres with potentials, O(n^2 m)).
 * `cost` is rows x cols with rows <= cols; returns for each row the column assigned to it.
 *
 * @example hungarian([[4, 1], [2, 3]]) // [1, 0]
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
	const n = cost.length;
	if (n === 0) return [];
	const m = cost[0].length;
	if (m < n) throw new Error(`hungarian needs rows <= columns, got ${n} x ${m}`);
	const u = new Float64Array(n + 1);
	const v = new Float64Array(m + 1);
	const p = new Int32Array(m + 1); // p[j]: row (1-based) matched to column j
	const way = new Int32Array(m + 1);
	for (let i = 1; i <= n; i++) {
		p[0] = i;
		let j0 = 0;
		const minv = new Float64Array(m + 1).fill(Infinity);
		const used = new Uint8Array(m + 1);
		do {
			used[j0] = 1;
			const i0 = p[j0];
			let delta = Infinity;
			let j1 = 0;
			for (let j = 1; j <= m; j++) {
				if (used[j]) continue;
				const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (let j = 0; j <= m; j++) {
				if (used[j]) {
					u[p[j]] += delta;
					v[j] -= delta;
				} else {
					minv[j] -= delta;
				}
			}
			j0 = j1;
		} while (p[j0] !== 0);
		do {
			const j1 = way[j0];
			p[j0] = p[j1];
			j0 = j1;
		} while (j0 !== 0);
	}
	const assignment = new Array<number>(n).fill(-1);
	for (let j = 1; j <= m; j++) if (p[j] > 0) assignment[p[j] - 1] = j - 1;
	return assignment;
}
