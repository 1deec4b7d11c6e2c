import { Rng } from '../../../lib/util/rng';

/** A valid journey with overridable fields. */
export function journey(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		customerId: id,
		pseudonymized: true,
		firstSeen: '2025-01-01T00:00:00.000Z',
		lastSeen: '2025-06-01T00:00:00.000Z',
		stage: 'consideration',
		path: ['email'],
		touchpoints: 4,
		converted: false,
		conversions: 0,
		revenue: 0,
		daysToConvert: null,
		engagement: { byChannel: { email: 3, paid_search: 1 }, byEvent: { open: 3 } },
		painPoints: [],
		attributes: { region: 'north', plan: 'basic', age_band: '25-34' },
		sources: ['test'],
		...over,
	};
}

/** Plain customer rows in three planted groups (spend, visits), with region and protected fields. */
export function customerRows(
	seed: number,
	perGroup: number,
	shift = 0,
): Array<Record<string, unknown>> {
	const rng = new Rng(seed);
	const groups = [
		{ spend: 20, visits: 2 },
		{ spend: 200, visits: 10 },
		{ spend: 900, visits: 30 },
	];
	const rows: Array<Record<string, unknown>> = [];
	groups.forEach((g, gi) => {
		for (let i = 0; i < perGroup; i++) {
			rows.push({
				customerId: `g${gi}-${i}`,
				spend: g.spend * (1 + shift) + rng.normal(0, g.spend * 0.05),
				visits: g.visits * (1 + shift) + rng.normal(0, 1),
				region: gi === 2 ? 'west' : rng.pick(['north', 'south']),
				age: 20 + rng.int(50),
				gender: rng.int(2),
			});
		}
	});
	return rows;
}

/** Every number anywhere in a value is finite. */
export function allFinite(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value);
	if (value instanceof Float64Array || value instanceof Int32Array)
		return Array.from(value).every(Number.isFinite);
	if (Array.isArray(value)) return value.every(allFinite);
	if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
	return true;
}
