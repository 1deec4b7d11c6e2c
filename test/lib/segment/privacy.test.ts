import { segmentCustomers } from '../../../lib/segment';

/** Plain customer rows (not journeys), as a CRM export feeds the segmenter directly. */
function rows() {
	const out: Record<string, unknown>[] = [];
	for (let i = 0; i < 40; i++) {
		const big = i % 2 === 0;
		out.push({
			customerId: `c${i}`,
			orders: big ? 10 + (i % 3) : 1 + (i % 2),
			revenue: big ? 900 + i : 40 + i,
			// Every value of `plan` is an e-mail, of `region` a sentence, of `tier` a clean label.
			plan: big ? 'sales@example.com' : 'help@example.com',
			region: big
				? 'She asked about delivery. Wants a call back.'
				: 'Asked for an invoice again today.',
			tier: big ? 'gold' : 'basic',
			phone: 5551230000 + i,
			notes: 'vip',
		});
	}
	return out;
}

describe('segment profiles carry no personal data from attribute values', () => {
	const result = segmentCustomers(rows(), { method: 'kmeans', k: 2, seed: 1 });

	it('summarises clean categories and leaves out e-mails, free text and PII-named fields', () => {
		const attributeFields = new Set(
			result.segments.flatMap((s) => Object.keys(s.attributes ?? {})),
		);
		expect(attributeFields.has('tier')).toBe(true);
		for (const field of ['plan', 'region', 'notes']) expect(attributeFields.has(field)).toBe(false);
		const text = JSON.stringify(result.segments);
		expect(text).not.toMatch(/@example\.com|delivery|invoice/);
	});

	it('does not take a numeric phone column as a feature', () => {
		expect(result.model.featureNames).toEqual(expect.arrayContaining(['orders', 'revenue']));
		expect(result.model.featureNames).not.toContain('phone');
		expect(JSON.stringify(result.segments)).not.toContain('555123');
	});
});
