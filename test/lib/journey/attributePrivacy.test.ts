import type { JourneyMap } from '../../../lib/contracts';
import { JourneyMap as JourneyMapSchema } from '../../../lib/contracts';
import { mapJourneys } from '../../../lib/journey';

const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);
const iso = (days: number) => new Date(T0 + days * 86_400_000).toISOString();

const PARAGRAPH =
	'Called about the delivery twice. She runs a bakery on the high street and wants invoices monthly.';

/** A CRM export as a new user sends it: e-mail in `plan`, a paragraph in `region`, a name in `lifecyclestage`. */
const hubspot = (id: number, props: Record<string, unknown>) => ({
	id: String(id),
	properties: {
		email: `c${id}@example.com`,
		firstname: 'Zebedee',
		lastname: 'Quackenbush',
		createdate: iso(-id),
		hs_analytics_source: 'PAID_SEARCH',
		marketing_consent: 'granted',
		plan: 'plus',
		region: 'West',
		lifecyclestage: 'customer',
		...props,
	},
});

describe('Journey Mapper: attribute values are scanned', () => {
	const records = [
		hubspot(1, { plan: 'zebedee.q@example.org', region: PARAGRAPH }),
		hubspot(2, { lifecyclestage: 'call +44 20 7946 0958' }),
		hubspot(3, { region: 'Zebedee Quackenbush' }),
		hubspot(4, {}),
	];
	const { journeys, journeyMap } = mapJourneys(records, { pseudonymize: false });
	const attrs = (id: string) => journeys.find((j) => j.customerId === `hubspot:${id}`)?.attributes;

	it('replaces a PII value by a marker naming its kind, and free text by the free-text marker', () => {
		expect(attrs('1')).toEqual({
			plan: '[email removed]',
			region: '[free text removed]',
			lifecyclestage: 'customer',
		});
		expect(attrs('2')).toEqual({ plan: 'plus', region: 'West', lifecyclestage: '[phone removed]' });
		// The customer's own name from firstname / lastname, found in another column.
		expect(attrs('3')?.region).toBe('[name removed]');
		expect(attrs('4')).toEqual({ plan: 'plus', region: 'West', lifecyclestage: 'customer' });
	});

	it('counts the replacements in the journey map, with the field named', () => {
		const m = journeyMap as JourneyMap & Required<Pick<JourneyMap, 'privacy'>>;
		expect(m.privacy).toEqual({
			attributeValuesRedacted: 3,
			redactedByField: { plan: { email: 1 }, lifecyclestage: { phone: 1 }, region: { name: 1 } },
			freeTextValuesRemoved: 1,
			freeTextByField: { region: 1 },
		});
		expect(JourneyMapSchema.safeParse(journeyMap).success).toBe(true);
	});

	it('emits none of the planted values anywhere', () => {
		const out = JSON.stringify({ journeys, journeyMap });
		for (const planted of ['zebedee.q@example.org', 'bakery', '7946', 'Zebedee', 'Quackenbush'])
			expect(out).not.toContain(planted);
	});

	it('scans mapped attributes of custom records too, and counts zero when all is clean', () => {
		const mapping = {
			customerId: 'user',
			timestamp: 'at',
			event: 'event',
			attributes: ['tier', 'segment.code'],
		};
		const dirty = mapJourneys(
			[
				{
					user: 'u1',
					at: iso(0),
					event: 'page_view',
					tier: '4111 1111 1111 1111',
					segment: { code: 'B2' },
				},
				{
					user: 'u2',
					at: iso(0),
					event: 'page_view',
					tier: 'gold',
					segment: { code: 'SSN 123-45-6789' },
				},
			],
			{ source: 'custom', mapping, pseudonymize: false },
		);
		expect(dirty.journeys.map((j) => j.attributes)).toEqual([
			{ tier: '[payment card removed]', code: 'B2' },
			{ tier: 'gold', code: '[national id removed]' },
		]);
		expect(dirty.journeyMap.privacy?.redactedByField).toEqual({
			tier: { payment_card: 1 },
			code: { national_id: 1 },
		});
		const clean = mapJourneys([{ user: 'u1', at: iso(0), event: 'x', tier: 'gold' }], {
			source: 'custom',
			mapping,
			pseudonymize: false,
		});
		expect(clean.journeyMap.privacy).toEqual({
			attributeValuesRedacted: 0,
			redactedByField: {},
			freeTextValuesRemoved: 0,
			freeTextByField: {},
		});
	});

	it('refuses a mapped attribute whose name is personal data, by the governance rule', () => {
		for (const name of ['customer_email', 'contactPhone', 'notes', 'user_id']) {
			expect(() =>
				mapJourneys([], {
					source: 'custom',
					mapping: { customerId: 'u', timestamp: 't', attributes: [name] },
					pseudonymize: false,
				}),
			).toThrow(/looks like personal data/);
		}
	});
});
