// @ts-check
// Compares what a real n8n produced for a workflow with what the engine harness produced for the same
// workflow. Values that legitimately change from run to run (pseudonyms keyed by a per-run secret,
// creation times) are found by running the harness twice: a field that differs between those two
// runs is compared by type only; every other field must be equal, item by item, output by output.

/** A path with item positions folded, so one volatile field covers every item: `Node.0.#.customerId`. */
function pattern(/** @type {string[]} */ parts) {
	return parts.map((p, i) => (i === 2 || (i > 2 && /^\d+$/.test(p)) ? '#' : p)).join('.');
}

/**
 * Paths (as patterns) whose values differ between two runs of the same workflow.
 * @param {Record<string, any[][]>} a node -> output -> items' json
 * @param {Record<string, any[][]>} b
 */
function volatilePatterns(a, b) {
	/** @type {Set<string>} */
	const found = new Set();
	/** @param {any} x @param {any} y @param {string[]} parts */
	const walk = (x, y, parts) => {
		if (x === y) return;
		if (x && y && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
			for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], [...parts, k]);
			return;
		}
		found.add(pattern(parts));
	};
	for (const node of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[node], b[node], [node]);
	return found;
}

function typeOf(/** @type {any} */ v) {
	return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * @param {Record<string, any[][]>} expected the harness's outputs
 * @param {Record<string, any[][]>} actual the real n8n's outputs
 * @param {Set<string>} volatile
 * @returns {string[]} differences, at most `limit`
 */
function differences(expected, actual, volatile, limit = 20) {
	/** @type {string[]} */
	const out = [];
	/** @param {any} x @param {any} y @param {string[]} parts */
	const walk = (x, y, parts) => {
		if (out.length >= limit) return;
		if (volatile.has(pattern(parts))) {
			if (typeOf(x) !== typeOf(y)) out.push(`${parts.join('.')}: ${typeOf(x)} in the harness, ${typeOf(y)} in n8n`);
			return;
		}
		if (x === y) return;
		if (x && y && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
			if (Array.isArray(x) && x.length !== y.length) {
				out.push(`${parts.join('.')}: ${x.length} entries in the harness, ${y.length} in n8n`);
				return;
			}
			for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], [...parts, k]);
			return;
		}
		out.push(`${parts.join('.')}: ${JSON.stringify(x)?.slice(0, 80)} in the harness, ${JSON.stringify(y)?.slice(0, 80)} in n8n`);
	};
	for (const node of Object.keys(expected)) walk(expected[node], actual[node], [node]);
	return out;
}

module.exports = { volatilePatterns, differences, pattern };
