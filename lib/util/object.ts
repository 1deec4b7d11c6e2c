/**
 * The keys of `o` whose value is not undefined, so `{ ...DEFAULTS, ...stripUndefined(options) }`
 * keeps a default where the caller passed `undefined` (as n8n does for an unset option).
 */
export function stripUndefined<T extends object>(o: T): Partial<T> {
	const out: Partial<T> = {};
	for (const key of Object.keys(o) as Array<keyof T>) if (o[key] !== undefined) out[key] = o[key];
	return out;
}
