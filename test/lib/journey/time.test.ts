import { parseTimestamp } from '../../../lib/journey';

const T = Date.UTC(2026, 8, 1, 12, 30, 15, 250);

describe('parseTimestamp', () => {
	it.each([
		['ISO with Z', '2026-09-01T12:30:15.250Z', T],
		['ISO with offset', '2026-09-01T07:30:15.250-05:00', T],
		['ISO with compact offset', '2026-09-01T14:30:15.250+0200', T],
		['ISO microseconds', '2026-09-01T12:30:15.250999Z', T + 0.999],
		['ISO without zone is UTC', '2026-09-01 12:30:15.250', T],
		['date only', '2026-09-01', Date.UTC(2026, 8, 1)],
		['epoch seconds', T / 1000, T],
		['epoch milliseconds', T, T],
		['epoch microseconds string', String(T * 1000), T],
		['epoch nanoseconds', T * 1e6, T],
		['RFC 2822 with zone', 'Tue, 01 Sep 2026 12:30:15 GMT', T - 250],
	])('reads %s', (_, input, expected) => {
		expect(parseTimestamp(input)).toBeCloseTo(expected, 3);
	});

	it.each([
		['Feb 30', '2026-02-30T00:00:00Z'],
		['hour 25', '2026-09-01T25:00:00Z'],
		['words', 'yesterday'],
		['zone-less free text', 'Sep 1 2026 10:00'],
		['negative', -5],
		['year 1970', 1000],
		['NaN', Number.NaN],
		['object', {}],
		['empty', ''],
		['day first', '31/02/2026 25:61'],
	])('rejects %s', (_, input) => {
		expect(parseTimestamp(input)).toBeNaN();
	});
});
