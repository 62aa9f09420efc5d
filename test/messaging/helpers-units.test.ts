import { chunk, planTemplatedRequests } from '../../nodes/Ip1Sms/actions/sms/2-plan/requests';
import { toEpochMs, toIsoUtc } from '../../nodes/shared/dateTimes';
import { personalise, placeholdersIn, readPairs, recipientValues } from '../../nodes/Ip1Sms/actions/sms/1-read/items';

describe('templating', () => {
	test('finds placeholder names once each, ignoring braces with spaces', () => {
		expect(placeholdersIn('Hi {name}, {name}! Code {code}. { not one } {}')).toEqual(['name', 'code']);
	});

	test('reads name/value pairs: braces around names are tolerated, empty values are missing, bad names reported', () => {
		expect(
			readPairs({
				values: [
					{ name: '{first}', value: 'Ann' },
					{ name: 'age', value: 42 },
					{ name: 'empty', value: '' },
					{ name: 'nothing', value: null },
					{ name: 'bad name', value: 'x' },
				],
			}),
		).toEqual({ names: ['first', 'age', 'empty', 'nothing'], values: { first: 'Ann', age: '42' }, badNames: ['bad name'] });
		expect(readPairs(undefined)).toEqual({ names: [], values: {}, badNames: [] });
	});

	test('values sent: own value, else nothing when a default covers it, else an explicit empty string', () => {
		expect(recipientValues(['a', 'b', 'c'], { a: '1' }, { b: 'B' })).toEqual({ a: '1', c: '' });
		expect(personalise('{a}-{b}-{c}-{d}', { a: '1', c: '' }, { b: 'B' })).toBe('1-B--{d}');
	});
});

describe('request planning', () => {
	test('chunk splits into pieces of at most the size', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 3)).toEqual([]);
	});

	test('templated requests never hold the same number twice; order kept; minimal count', () => {
		const entries = ['a', 'b', 'a', 'c', 'a', 'b', 'd'].map((key, index) => ({ key, index }));
		const requests = planTemplatedRequests(entries, 3, (entry) => entry.key);
		expect(requests.map((request) => request.map((entry) => entry.index))).toEqual([[0, 1, 3], [6], [2, 5], [4]]);
		for (const request of requests) expect(new Set(request.map((entry) => entry.key)).size).toBe(request.length);
		expect(requests.flat()).toHaveLength(entries.length);
		expect(planTemplatedRequests(Array.from({ length: 10_000 }, (_, index) => index), 1000, String)).toHaveLength(10);
	});
});

describe('delivery window date-times', () => {
	test('zoned strings, epoch numbers and Date objects are instants', () => {
		expect(toIsoUtc(toEpochMs('2031-03-02T08:00:00+01:00', 'UTC') as number)).toBe('2031-03-02T07:00:00Z');
		expect(toIsoUtc(toEpochMs('2031-03-02T08:00:00.250Z', 'UTC') as number)).toBe('2031-03-02T08:00:00.250Z');
		expect(toEpochMs(Date.UTC(2031, 0, 1), 'UTC')).toBe(Date.UTC(2031, 0, 1));
		expect(toEpochMs(new Date(Date.UTC(2031, 0, 1)), 'UTC')).toBe(Date.UTC(2031, 0, 1));
		expect(toEpochMs({ toISO: () => '2031-01-01T00:00:00Z' }, 'UTC')).toBe(Date.UTC(2031, 0, 1));
	});

	test('wall-clock times are read in the given time zone, daylight saving included', () => {
		expect(toIsoUtc(toEpochMs('2031-01-15T09:00:00', 'Europe/Stockholm') as number)).toBe('2031-01-15T08:00:00Z');
		expect(toIsoUtc(toEpochMs('2031-07-15T09:00:00', 'Europe/Stockholm') as number)).toBe('2031-07-15T07:00:00Z');
		expect(toIsoUtc(toEpochMs('2031-07-15T09:00', 'America/New_York') as number)).toBe('2031-07-15T13:00:00Z');
		expect(toIsoUtc(toEpochMs('2031-07-15', 'Asia/Kolkata') as number)).toBe('2031-07-14T18:30:00Z');
		expect(toIsoUtc(toEpochMs('2031-07-15 09:00:00', 'UTC') as number)).toBe('2031-07-15T09:00:00Z');
	});

	test('anything else is not a date-time', () => {
		for (const value of ['', 'tomorrow', '15/07/2031', undefined, null, true, {}]) expect(toEpochMs(value, 'UTC')).toBeUndefined();
	});
});
