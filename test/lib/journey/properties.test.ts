import fc from 'fast-check';

import { mapJourneys } from '../../../lib/journey';
import { generateSampleData } from '../../../lib/sample';

const valid = generateSampleData({ seed: 5, customers: 30 }).records;

/** Records that look like a source's but carry wrong types in random fields. */
const mutated = fc
	.tuple(
		fc.integer({ min: 0, max: valid.length - 1 }),
		fc.string({ maxLength: 20 }),
		fc.oneof(fc.anything(), fc.constant(undefined), fc.constant(null), fc.string(), fc.double()),
	)
	.map(([i, key, value]) => {
		const base = JSON.parse(JSON.stringify(valid[i])) as Record<string, unknown>;
		const keys = Object.keys(base);
		const k = keys.length && key.length % 2 === 0 ? keys[key.length % keys.length] : key;
		base[k] = value;
		return base as unknown;
	});

const anyRecord = fc.oneof(
	fc.anything(),
	mutated,
	fc.constantFrom(...valid.slice(0, 200)),
	fc.record({
		event_name: fc.anything(),
		event_timestamp: fc.anything(),
		user_pseudo_id: fc.anything(),
	}),
	fc.record({ email_address: fc.anything(), action: fc.anything(), timestamp: fc.anything() }),
	fc.record({ properties: fc.anything(), id: fc.anything() }),
	fc.record({
		line_items: fc.anything(),
		email: fc.anything(),
		created_at: fc.anything(),
		total_price: fc.anything(),
	}),
	fc.record({ date_start: fc.anything(), spend: fc.anything() }),
	fc.record({ requester_email: fc.anything(), created_at: fc.anything(), tags: fc.anything() }),
);

describe('mapJourneys properties', () => {
	it('never throws for bad records and accounts for every record', () => {
		fc.assert(
			fc.property(fc.array(anyRecord, { maxLength: 60 }), (records) => {
				const r = mapJourneys(records, { secret: 'p' });
				const c = r.journeyMap.counts;
				expect(c.recordsIn).toBe(records.length);
				expect(c.recordsUsed + c.recordsRejected).toBe(c.recordsIn);
				expect(r.rejected).toHaveLength(c.recordsRejected);
				const idx = r.rejected.map((x) => x.index);
				expect(new Set(idx).size).toBe(idx.length);
				for (const i of idx) expect(i >= 0 && i < records.length).toBe(true);
				const total = r.journeyMap.attribution.totalConversions;
				for (const model of Object.values(r.journeyMap.attribution.models)) {
					expect(Object.values(model).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
				}
			}),
			{ numRuns: 150 },
		);
	});

	it('custom mappings survive arbitrary rows', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
						t: fc.oneof(
							fc.integer(),
							fc.double(),
							fc.string(),
							fc.date().map((d) => d.toString()),
						),
						e: fc.oneof(fc.constantFrom('page_view', 'purchase'), fc.anything()),
						v: fc.anything(),
					}),
					{ maxLength: 40 },
				),
				(rows) => {
					const r = mapJourneys(rows, {
						source: 'custom',
						mapping: { customerId: 'id', timestamp: 't', event: 'e', value: 'v', channel: 'e' },
						pseudonymize: false,
					});
					expect(r.journeyMap.counts.recordsUsed + r.journeyMap.counts.recordsRejected).toBe(
						rows.length,
					);
				},
			),
			{ numRuns: 150 },
		);
	});
});
