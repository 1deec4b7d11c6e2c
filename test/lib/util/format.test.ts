import { capitalise, channelLabel, money, pct } from '../../../lib/util/format';
import { SOURCE_LABELS, SOURCE_NAMES } from '../../../lib/util/sources';
import { stripUndefined } from '../../../lib/util/object';

describe('formatting helpers', () => {
	it('money: whole dollars with separators from $10, cents below, sign kept', () => {
		expect(money(1234.4)).toBe('$1,234');
		expect(money(10)).toBe('$10');
		expect(money(4.5)).toBe('$4.50');
		expect(money(0)).toBe('$0.00');
		expect(money(-2500)).toBe('-$2,500');
	});

	it('pct: whole percent, <1% for a small positive share, decimals on request', () => {
		expect(pct(0.374)).toBe('37%');
		expect(pct(0.004)).toBe('<1%');
		expect(pct(0)).toBe('0%');
		expect(pct(0.125, 1)).toBe('12.5%');
	});

	it('capitalise and channel labels', () => {
		expect(capitalise('paid search')).toBe('Paid search');
		expect(capitalise('')).toBe('');
		expect(channelLabel('direct')).toBe('direct visits');
		expect(channelLabel('paid_social')).toBe('paid social');
		expect(channelLabel('podcast_ads')).toBe('podcast ads');
	});

	it('labels every source name, and stripUndefined drops only undefined values', () => {
		expect(Object.keys(SOURCE_LABELS).sort()).toEqual([...SOURCE_NAMES].sort());
		const input = Object.freeze({ a: 1, b: undefined, c: null, d: 0 });
		expect(stripUndefined(input)).toEqual({ a: 1, c: null, d: 0 });
	});
});
