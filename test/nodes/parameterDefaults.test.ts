import type { INodeProperties } from 'n8n-workflow';

import { JOURNEY_DEFAULTS } from '../../lib/journey';
import { FEATURE_DEFAULTS, SEGMENTER_DEFAULTS } from '../../lib/segment';
import { customerSegmenterProperties } from '../../nodes/CustomerSegmenter/v1/properties';
import { journeyMapperProperties } from '../../nodes/JourneyMapper/v1/properties';

/** Every parameter by name, options inside collections included. */
function defaults(properties: INodeProperties[]): Map<string, unknown> {
	const out = new Map<string, unknown>();
	for (const p of properties) {
		out.set(p.name, p.default);
		if (p.type === 'collection') for (const o of (p.options ?? []) as INodeProperties[]) out.set(o.name, o.default);
	}
	return out;
}

describe("node parameter defaults are lib's defaults", () => {
	it('Journey Mapper: every option lib has a default for shows that default', () => {
		const shown = defaults(journeyMapperProperties);
		const { conversionEvents, ...scalars } = JOURNEY_DEFAULTS;
		for (const [name, value] of Object.entries(scalars)) expect({ name, value: shown.get(name) }).toEqual({ name, value });
		expect(shown.get('conversionEvents')).toBe(conversionEvents.join(', '));
	});

	it('Customer Segmenter: seed, initialisations, iterations, k range and feature options', () => {
		const shown = defaults(customerSegmenterProperties);
		for (const name of ['seed', 'nInit', 'maxIterations', 'kMin', 'kMax', 'topFeatures', 'anonymousVisitors'] as const) {
			expect({ name, value: shown.get(name) }).toEqual({ name, value: SEGMENTER_DEFAULTS[name] });
		}
		for (const name of ['idField', 'impute', 'nonNumeric', 'channelSmoothing'] as const) {
			expect({ name, value: shown.get(name) }).toEqual({ name, value: FEATURE_DEFAULTS[name] });
		}
	});
});
