import { ContractError } from '../../../lib/contracts/validate';
import { applyScaling, buildFeatures, fitScaling } from '../../../lib/segment/features';
import { isProtectedAttribute } from '../../../lib/governance';
import { customerRows, journey } from './fixtures';

describe('features from journeys', () => {
	const journeys = Object.freeze([
		journey('a', {
			lastSeen: '2025-06-11T00:00:00.000Z',
			converted: true,
			conversions: 2,
			revenue: 120,
			daysToConvert: 4,
			stage: 'retention',
			painPoints: ['slow_checkout'],
		}),
		journey('b', { engagement: { byChannel: { paid_social: 2 }, byEvent: {} }, touchpoints: 2 }),
		journey('c', {
			converted: true,
			conversions: 1,
			revenue: 30,
			daysToConvert: 10,
			stage: 'retention',
		}),
	]);

	it('engineers the default features with exact names', () => {
		const t = buildFeatures(journeys, { channelSmoothing: 0 });
		expect(t.source).toBe('journeys');
		// No stage one-hots (the stage is derived from the same behaviour) and no daysToConvert
		// (undefined for non-buyers) unless asked for.
		expect(t.featureNames).toEqual([
			'recencyDays',
			'frequency',
			'monetary',
			'conversions',
			'painPoints',
			'channel_email',
			'channel_paid_search',
			'channel_paid_social',
		]);
		const row = (i: number) => Array.from(t.values.subarray(i * t.cols, (i + 1) * t.cols));
		// asOf = latest lastSeen (June 11): a is 0 days back, b and c 10. Email share 3/4, paid search 1/4.
		expect(row(0)).toEqual([0, 4, 120, 2, 1, 0.75, 0.25, 0]);
		expect(row(1)).toEqual([10, 2, 0, 0, 0, 0, 0, 1]);
		expect(t.imputed).toEqual({});
		expect(t.transforms).toEqual(['none', 'log1p', 'log1p', 'log1p', 'none', 'none', 'none', 'none']);
		expect(t.scaleGroups).toEqual([null, null, null, null, null, 'channel', 'channel', 'channel']);
		expect(Array.from(t.anonymous ?? [])).toEqual([0, 0, 0]);
		expect(t.asOf).toBe('2025-06-11T00:00:00.000Z');
		// age_band is a protected attribute: never a feature, never summarised, reported as left out.
		expect(t.protectedAttributesExcluded).toEqual(['age_band']);
		expect(t.categories[0]).toEqual({ region: 'north', plan: 'basic' });
	});

	it('rejects an invalid journey naming item and field', () => {
		const bad = [journey('a'), journey('b', { touchpoints: -1 })];
		expect(() => buildFeatures(bad, { input: 'journeys' })).toThrow(ContractError);
		expect(() => buildFeatures(bad, { input: 'journeys' })).toThrow(/Item 1 .*"touchpoints"/);
	});

	it('adds stage one-hots and daysToConvert on request', () => {
		const t = buildFeatures(journeys, { journeyFeatures: ['stage', 'daysToConvert'], channelSmoothing: 0 });
		expect(t.featureNames).toEqual([
			'recencyDays',
			'frequency',
			'monetary',
			'conversions',
			'daysToConvert',
			'painPoints',
			'channel_email',
			'channel_paid_search',
			'channel_paid_social',
			'stage_consideration',
			'stage_retention',
		]);
		// b never converted: daysToConvert imputed with the median of 4 and 10 = 7.
		expect(Array.from(t.values.subarray(t.cols, 2 * t.cols))).toEqual([10, 2, 0, 0, 7, 0, 0, 0, 1, 1, 0]);
		expect(t.imputed).toEqual({ daysToConvert: 1 });
		expect(() => buildFeatures(journeys, { journeyFeatures: ['gender' as 'stage'] })).toThrow(
			/journeyFeatures must be one of/,
		);
	});

	it('smooths channel shares toward the overall mix, so a single touch is not a 100% preference', () => {
		// 10 touches overall: email 6, paid search 2, paid social 2. b has 2 paid social touches.
		const t = buildFeatures(journeys, { channelSmoothing: 10 });
		const b = Array.from(t.values.subarray(t.cols + 5, 2 * t.cols));
		expect(b[0]).toBeCloseTo((0 + 10 * 0.6) / 12, 12);
		expect(b[2]).toBeCloseTo((2 + 10 * 0.2) / 12, 12);
		expect(b.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
	});

	it('honours the impute policy', () => {
		const opts = { journeyFeatures: ['daysToConvert' as const] };
		expect(buildFeatures(journeys, { ...opts, impute: 'mean' }).imputationValues).toEqual({
			daysToConvert: 7,
		});
		expect(buildFeatures(journeys, { ...opts, impute: 'zero' }).imputationValues).toEqual({
			daysToConvert: 0,
		});
	});
});

describe('features from plain rows', () => {
	it('auto-detects numeric fields and leaves protected ones out', () => {
		const t = buildFeatures(customerRows(1, 5));
		expect(t.source).toBe('rows');
		expect(t.featureNames).toEqual(['spend', 'visits']);
		expect(t.protectedAttributesExcluded.sort()).toEqual(['age', 'gender']);
		expect(t.protectedAttributesUsed).toEqual([]);
	});

	it('uses a protected field only when explicitly allowed, and records it', () => {
		const t = buildFeatures(customerRows(1, 5), {
			numericFields: ['spend', 'age'],
			allowProtectedAttributes: ['age'],
		});
		expect(t.featureNames).toEqual(['spend', 'age']);
		expect(t.protectedAttributesUsed).toEqual(['age']);
		const denied = buildFeatures(customerRows(1, 5), { numericFields: ['spend', 'age'] });
		expect(denied.featureNames).toEqual(['spend']);
		expect(denied.protectedAttributesExcluded).toEqual(['age']);
	});

	it('one-hot encodes categorical fields and counts missing values', () => {
		const rows = [
			{ id: 1, spend: 1, plan: 'pro' },
			{ id: 2, spend: 2, plan: 'free' },
			{ id: 3, spend: 3 },
		];
		const t = buildFeatures(rows, {
			numericFields: ['spend'],
			categoricalFields: ['plan'],
			idField: 'id',
		});
		expect(t.featureNames).toEqual(['spend', 'plan_free', 'plan_pro']);
		expect(Array.from(t.values)).toEqual([1, 0, 1, 2, 1, 0, 3, 0, 0]);
		expect(t.imputed).toEqual({ plan: 1 });
		expect(t.customerIds).toEqual(['1', '2', '3']);
	});

	it('a string in a numeric field is an error naming item and field', () => {
		const rows = [{ spend: 1 }, { spend: '2.5' }, { spend: 'lots' }];
		expect(() => buildFeatures(rows, { numericFields: ['spend'] })).toThrow(
			`Item 2: field "spend" is the string "lots", not a number (set nonNumeric to 'impute' to treat it as missing)`,
		);
	});

	it("with nonNumeric 'impute', bad values are imputed and counted; numeric strings are converted", () => {
		const rows = [
			{ spend: 1 },
			{ spend: '2.5' },
			{ spend: 'lots' },
			{ spend: Number.NaN },
			{ spend: null },
		];
		const t = buildFeatures(rows, { numericFields: ['spend'], nonNumeric: 'impute' });
		// Present: 1 and 2.5 -> median 1.75 fills the three others.
		expect(Array.from(t.values)).toEqual([1, 2.5, 1.75, 1.75, 1.75]);
		expect(t.imputed).toEqual({ spend: 3 });
		expect(t.coerced).toEqual({ spend: 1 });
	});

	it('NaN and non-objects are errors naming the item', () => {
		expect(() =>
			buildFeatures([{ spend: 1 }, { spend: Number.NaN }], { numericFields: ['spend'] }),
		).toThrow(/Item 1: field "spend" is NaN/);
		expect(() => buildFeatures([{ spend: 1 }, 'x'], { numericFields: ['spend'] })).toThrow(
			'Item 1 is not an object (got the string "x")',
		);
		expect(() => buildFeatures([])).toThrow('no input rows: at least one customer is required');
		expect(() => buildFeatures([{ name: 'x' }])).toThrow(/no features to segment on/);
	});
});

describe('protected attribute names', () => {
	it.each([
		'gender',
		'age',
		'ageBand',
		'age_band',
		'attributes.age-band',
		'agegroup',
		'ethnicity',
		'race',
		'religion',
		'healthCondition',
		'disability',
		'sexual_orientation',
		'pregnancy',
		'maritalStatus',
		'nationalOrigin',
		'dateOfBirth',
	])('%s is protected', (name) => expect(isProtectedAttribute(name)).toBe(true));

	it.each([
		'usage',
		'page_views',
		'average',
		'accountAgeDays',
		'healthScore',
		'customerHealth',
		'region',
		'plan',
		'trace',
	])('%s is not', (name) => expect(isProtectedAttribute(name)).toBe(false));
});

describe('scaling', () => {
	const values = Float64Array.of(1, 5, 2, 5, 3, 5, 10, 5); // 4 rows x 2 columns; column 2 constant

	it('standard, minMax and robust; a constant feature scales to 0, never NaN', () => {
		const s = fitScaling(values, 4, 2, 'standard');
		expect(s.center).toEqual([4, 5]);
		expect(s.scale[0]).toBeCloseTo(Math.sqrt((9 + 4 + 1 + 36) / 4), 12);
		expect(s.scale[1]).toBe(1);
		expect(Array.from(applyScaling(values, 4, 2, s)).every(Number.isFinite)).toBe(true);
		expect(fitScaling(values, 4, 2, 'minMax')).toEqual({
			method: 'minMax',
			center: [1, 5],
			scale: [9, 1],
		});
		// Column 1 sorted 1, 2, 3, 10: median 2.5, q1 1.75, q3 4.75 -> IQR 3.
		expect(fitScaling(values, 4, 2, 'robust')).toEqual({
			method: 'robust',
			center: [2.5, 5],
			scale: [3, 1],
		});
	});

	it('applies log1p before scaling, pools a scale group and fits on chosen rows', () => {
		const v = Float64Array.of(0, 0.1, 9, 0.3, 99, 0.5, 999, 0.7); // 4 rows x 2 columns
		const s = fitScaling(v, 4, 2, 'minMax', { transforms: ['log1p', 'none'] });
		expect(s.transform).toEqual(['log1p', 'none']);
		expect(s.center[0]).toBe(0);
		expect(s.scale[0]).toBeCloseTo(Math.log(1000), 12);
		expect(applyScaling(v, 4, 2, s)[2]).toBeCloseTo(Math.log(10) / Math.log(1000), 12);
		// Two columns in one group share the root mean square of their scales (9 and 0.6).
		const g = fitScaling(v, 4, 2, 'minMax', { groups: ['g', 'g'], rowsToFit: [0, 1] });
		expect(g.center).toEqual([0, 0.1]);
		expect(g.scale[0]).toBeCloseTo(Math.sqrt((81 + 0.04) / 2), 12);
		expect(g.scale[1]).toBe(g.scale[0]);
		expect(g.transform).toBeUndefined();
	});
});
