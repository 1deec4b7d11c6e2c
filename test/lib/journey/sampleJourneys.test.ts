import { Journey, JourneyMap } from '../../../lib/contracts';
import { mapJourneys } from '../../../lib/journey';
import { generateSampleData } from '../../../lib/sample';

describe('mapJourneys on the generated sample company', () => {
	const data = generateSampleData({ seed: 42, customers: 600 });
	const { truth } = data;
	const result = mapJourneys(data.records, { secret: 'sample-secret' });
	const m = result.journeyMap;

	it('ranks the planted decisive channel first by Markov removal effect', () => {
		const effects = Object.entries(m.attribution.markovRemovalEffects).sort((a, b) => b[1] - a[1]);
		expect(effects[0][0]).toBe(truth.decisiveChannel);
		const eff = m.channelEffectiveness.find((c) => c.channel === 'email') as Record<
			string,
			unknown
		>;
		expect(eff.lift as number).toBeGreaterThan(3);
	});

	it('finds the planted drop-off as the worst funnel step and the top pain point', () => {
		let worst = 1;
		for (let s = 2; s < m.funnel.length; s++) {
			if ((m.funnel[s].dropOff as number) > (m.funnel[worst].dropOff as number)) worst = s;
		}
		expect([m.funnel[worst - 1].step, m.funnel[worst].step]).toEqual([
			truth.worstFunnelStep.from,
			truth.worstFunnelStep.to,
		]);
		const drop = m.painPoints.find((p) => p.type === 'funnel_drop_off');
		expect(drop?.label).toBe('add_to_cart -> begin_checkout');
		expect(drop?.detail).toContain('shipping_cost');
	});

	it('reproduces the planted funnel exactly', () => {
		const steps = truth.funnelSteps;
		const expected = steps.map((_, i) =>
			steps.slice(i).reduce((a, s) => a + truth.funnelDepth[s], 0),
		);
		expect(m.funnel.map((f) => f.customers)).toEqual(expected);
	});

	it('emits no PII string the generator produced', () => {
		const out = JSON.stringify(result);
		const leaked = truth.piiValues.filter((v) => out.includes(v));
		expect(leaked).toEqual([]);
		expect(truth.piiValues.length).toBeGreaterThan(1000);
	});

	it('drops and counts consent-withheld customers', () => {
		expect(m.counts.droppedForConsent).toBe(truth.consentWithheld.count);
		const consentRejected = result.rejected.filter((r) => r.reason === 'consent withheld').length;
		expect(consentRejected).toBe(truth.consentWithheld.records);
		// no journey carries a withheld customer's sources: every journey id differs from theirs
		const kept = mapJourneys(data.records, { secret: 'sample-secret', dropWithoutConsent: false });
		expect(kept.journeys.length - result.journeys.length).toBe(truth.consentWithheld.count);
		const keptIds = new Set(kept.journeys.map((j) => j.customerId));
		const ids = new Set(result.journeys.map((j) => j.customerId));
		const droppedIds = [...keptIds].filter((id) => !ids.has(id));
		expect(droppedIds).toHaveLength(truth.consentWithheld.count);
	});

	it('counts the planted duplicates and rejects exactly the malformed records', () => {
		expect(m.counts.duplicates).toBe(truth.duplicateEvents);
		const other = result.rejected.filter((r) => r.reason !== 'consent withheld');
		expect(other).toHaveLength(truth.malformedRecords);
		expect(m.counts.recordsIn).toBe(data.records.length);
		expect(m.counts.recordsUsed + m.counts.recordsRejected).toBe(m.counts.recordsIn);
	});

	it('stitches every CRM customer into one journey and keeps anonymous visitors apart', () => {
		const crm = result.journeys.filter((j) => j.sources.includes('hubspot'));
		expect(crm).toHaveLength(truth.customers - truth.consentWithheld.count);
		expect(result.journeys).toHaveLength(
			truth.customers - truth.consentWithheld.count + truth.anonymousVisitors,
		);
		expect((m.counts as Record<string, unknown>).identityConflicts).toBe(0);
	});

	it('gives every model shares summing to the total conversions', () => {
		const total = m.attribution.totalConversions;
		expect(total).toBeGreaterThan(0);
		for (const model of Object.values(m.attribution.models)) {
			expect(Object.values(model).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
		}
	});

	it('reports Meta Ads spend on paid social', () => {
		expect(m.spendByChannel).toEqual({ paid_social: truth.metaAdsSpend });
		const social = m.channelEffectiveness.find((c) => c.channel === 'paid_social') as Record<
			string,
			unknown
		>;
		expect(social.spend).toBe(truth.metaAdsSpend);
	});

	it('satisfies the data contracts and keeps only non-PII attributes', () => {
		expect(JourneyMap.safeParse(m).success).toBe(true);
		for (const j of result.journeys) {
			expect(Journey.safeParse(j).success).toBe(true);
			for (const k of Object.keys(j.attributes)) {
				expect([
					'age_band',
					'gender',
					'region',
					'plan',
					'lifecyclestage',
					'device',
					'country',
				]).toContain(k);
			}
		}
	});

	it('is deterministic', () => {
		const again = mapJourneys(generateSampleData({ seed: 42, customers: 600 }).records, {
			secret: 'sample-secret',
		});
		expect(JSON.stringify(again)).toBe(JSON.stringify(result));
	});
});
