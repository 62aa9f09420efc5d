import { extractApiMessage, findNetworkCode } from '../../nodes/Ip1Sms/transport/apiErrors';
import { toConnection } from '../../nodes/Ip1Sms/transport/connection';
import { parseLinkHeader } from '../../nodes/Ip1Sms/transport/linkHeader';
import { RateLimiter } from '../../nodes/Ip1Sms/transport/rateLimiter';
import {
	backoffDelayMs,
	describeNetworkFailure,
	retryAfterMs,
	shouldRetryNetworkFailure,
	shouldRetryStatus,
} from '../../nodes/Ip1Sms/transport/retryPolicy';

describe('Link header', () => {
	test('RFC form with several rels', () => {
		const links = parseLinkHeader(
			'<https://api.ip1sms.com/v2/batches?start=201&limit=100&order=ASC>; rel="next", <https://api.ip1sms.com/v2/batches?start=4901&limit=100&order=ASC>; rel="last"',
		);
		expect(links.next).toBe('https://api.ip1sms.com/v2/batches?start=201&limit=100&order=ASC');
		expect(links.last).toContain('start=4901');
	});

	test('older form without ";" and the newest page\'s rel="load" typo', () => {
		expect(parseLinkHeader('<https://x/v2/a?start=1> rel="next", <https://x/v2/a?start=9> rel="load"')).toEqual({
			next: 'https://x/v2/a?start=1',
			last: 'https://x/v2/a?start=9',
		});
	});

	test('nothing usable', () => {
		expect(parseLinkHeader(undefined)).toEqual({});
		expect(parseLinkHeader('garbage')).toEqual({});
	});
});

describe('retry policy', () => {
	test('429 is retried for every class, gateway errors only for repeatable requests', () => {
		expect(shouldRetryStatus('send', 429, 1)).toBe(true);
		expect(shouldRetryStatus('onceOnly', 429, 1)).toBe(true);
		for (const status of [502, 503, 504]) {
			expect(shouldRetryStatus('repeatable', status, 1)).toBe(true);
			expect(shouldRetryStatus('send', status, 1)).toBe(false);
			expect(shouldRetryStatus('onceOnly', status, 1)).toBe(false);
		}
		expect(shouldRetryStatus('repeatable', 500, 1)).toBe(false);
		expect(shouldRetryStatus('repeatable', 429, 6)).toBe(false);
	});

	test('a send is retried after a network failure only when the request certainly never left', () => {
		expect(shouldRetryNetworkFailure('send', describeNetworkFailure('ECONNREFUSED'), 1)).toBe(true);
		expect(shouldRetryNetworkFailure('send', describeNetworkFailure('ENOTFOUND'), 1)).toBe(true);
		expect(shouldRetryNetworkFailure('send', describeNetworkFailure('ECONNRESET'), 1)).toBe(false);
		expect(shouldRetryNetworkFailure('send', describeNetworkFailure('ETIMEDOUT'), 1)).toBe(false);
		expect(shouldRetryNetworkFailure('repeatable', describeNetworkFailure('ECONNRESET'), 1)).toBe(true);
	});

	test('backoff is bounded and grows', () => {
		expect(backoffDelayMs(1, () => 1)).toBe(250);
		expect(backoffDelayMs(3, () => 1)).toBe(1000);
		expect(backoffDelayMs(20, () => 1)).toBe(8000);
		expect(backoffDelayMs(3, () => 0)).toBe(500);
	});

	test('Retry-After as seconds, as a date, or missing', () => {
		expect(retryAfterMs('2', 1)).toBe(2000);
		expect(retryAfterMs('0.5', 1)).toBe(500);
		expect(retryAfterMs(new Date(10_000).toUTCString(), 1, 7_000)).toBe(3000);
		expect(retryAfterMs(undefined, 1)).toBeGreaterThanOrEqual(1000);
	});
});

describe('rate limiter', () => {
	test('never lets more than N requests start inside one window, per key', async () => {
		let now = 0;
		const limiter = new RateLimiter(3, 1000, () => now, async (ms) => {
			now += ms;
		});
		const starts: number[] = [];
		for (let index = 0; index < 7; index++) {
			await limiter.acquire('a');
			starts.push(now);
		}
		expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
		await limiter.acquire('b');
		expect(now).toBe(2000);
	});

	test('a pause holds every request of the key until it ends', async () => {
		let now = 0;
		const limiter = new RateLimiter(30, 1000, () => now, async (ms) => {
			now += ms;
		});
		limiter.pause('a', 1500);
		await limiter.acquire('a');
		expect(now).toBe(1500);
	});
});

describe('errors', () => {
	test('problem details: title plus field errors', () => {
		expect(
			extractApiMessage({ title: 'One or more validation errors occurred.', status: 400, errors: { sender: ['Sender is invalid'] } }),
		).toEqual({ message: 'One or more validation errors occurred.', details: ['sender: Sender is invalid'] });
	});

	test('network codes are found anywhere in the cause chain', () => {
		const inner = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		expect(findNetworkCode(new Error('outer', { cause: new Error('middle', { cause: inner }) }))).toBe('ECONNREFUSED');
		expect(findNetworkCode(new Error('socket hang up'))).toBe('ECONNRESET');
	});

	test('the connection never keeps the token, only a hash of it, and redacts it', () => {
		const token = ['made', 'up', 'token', '123'].join('-');
		const connection = toConnection({ apiToken: token, baseUrl: 'http://127.0.0.1:1/' });
		expect(connection.baseUrl).toBe('http://127.0.0.1:1');
		expect(connection.limiterKey).not.toContain(token);
		expect(connection.redact(`Bearer ${token}`)).toBe('Bearer ***');
	});
});
