/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the test samples and times the sandbox with timers; tests are never published */
import { extractApiMessage, findNetworkFailure } from '../../nodes/shared/errors/apiErrors';
import { maskSecretValues } from '../../nodes/shared/redaction';
import { toConnection } from '../../nodes/shared/transport/context';
import { parseLinkHeader } from '../../nodes/shared/dialect/paging';
import { ExecutionCancelledError, waitUnlessCancelled } from '../../nodes/shared/transport/cancellation';
import { RateLimiter } from '../../nodes/shared/transport/rateLimiter';
import {
	backoffDelayMs,
	describeNetworkFailure,
	retryAfterMs,
	shouldRetryNetworkFailure,
	shouldRetryStatus,
	MAX_RATE_LIMITED_MS,
} from '../../nodes/shared/transport/retryPolicy';

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
		expect(parseLinkHeader('<https://x/a?start=3>')).toEqual({});
	});

	test('relative URLs, several rels in one value, unquoted rels, parameters before rel, repeated headers', () => {
		expect(parseLinkHeader('</v2/a?start=3>; rel="next last"')).toEqual({ next: '/v2/a?start=3', last: '/v2/a?start=3' });
		expect(parseLinkHeader('<?start=3>;rel=next')).toEqual({ next: '?start=3' });
		expect(parseLinkHeader('<https://x/a?start=3&b=1,2>; title="page, two"; rel="NEXT"')).toEqual({ next: 'https://x/a?start=3&b=1,2' });
		expect(parseLinkHeader(['<https://x/a?start=0>; rel="self"', '<https://x/a?start=3>; rel="next"'])).toEqual({
			self: 'https://x/a?start=0',
			next: 'https://x/a?start=3',
		});
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
	});

	test('429 is retried for 5 minutes from the first refusal, however many attempts that takes; other errors by attempts', () => {
		for (const retryClass of ['send', 'onceOnly', 'repeatable'] as const) {
			expect(shouldRetryStatus(retryClass, 429, 40, 'POST', 299_999)).toBe(true);
			expect(shouldRetryStatus(retryClass, 429, 1, 'POST', MAX_RATE_LIMITED_MS)).toBe(false);
		}
		expect(shouldRetryStatus('repeatable', 503, 5)).toBe(true);
		expect(shouldRetryStatus('repeatable', 503, 6)).toBe(false);
	});

	test('500 is retried for reads, a bounded number of times, never for writes', () => {
		expect(shouldRetryStatus('repeatable', 500, 1, 'GET')).toBe(true);
		expect(shouldRetryStatus('repeatable', 500, 2, 'GET')).toBe(true);
		expect(shouldRetryStatus('repeatable', 500, 3, 'GET')).toBe(false);
		expect(shouldRetryStatus('repeatable', 500, 1, 'PUT')).toBe(false);
		expect(shouldRetryStatus('repeatable', 500, 1, 'DELETE')).toBe(false);
		expect(shouldRetryStatus('send', 500, 1, 'POST')).toBe(false);
		expect(shouldRetryStatus('onceOnly', 500, 1, 'POST')).toBe(false);
	});

	test.each([
		'ERR_TLS_CERT_ALTNAME_INVALID',
		'CERT_HAS_EXPIRED',
		'CERT_NOT_YET_VALID',
		'DEPTH_ZERO_SELF_SIGNED_CERT',
		'SELF_SIGNED_CERT_IN_CHAIN',
		'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
		'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
		'ERR_SSL_WRONG_VERSION_NUMBER',
		'EPROTO',
	])('%s is a TLS failure: not received, not retried for any class', (code) => {
		const failure = describeNetworkFailure(code, 'original words');
		expect(failure).toMatchObject({ code, message: 'original words', kind: 'tls', notReceived: true, permanent: true });
		for (const retryClass of ['repeatable', 'onceOnly', 'send'] as const) {
			expect(shouldRetryNetworkFailure(retryClass, failure, 1)).toBe(false);
		}
	});

	test.each(['ERR_INVALID_URL', 'ERR_INVALID_CHAR', 'ERR_BAD_REQUEST'])('%s: the request could not be built, nothing left, not retried', (code) => {
		const failure = describeNetworkFailure(code);
		expect(failure).toMatchObject({ kind: 'invalidRequest', notReceived: true, permanent: true });
		expect(shouldRetryNetworkFailure('repeatable', failure, 1)).toBe(false);
	});

	test('an error without a code is unclear: not "not received", retried only where repeating is safe', () => {
		const failure = describeNetworkFailure(undefined, 'Something odd');
		expect(failure).toMatchObject({ code: undefined, message: 'Something odd', kind: 'unclear', notReceived: false });
		expect(shouldRetryNetworkFailure('send', failure, 1)).toBe(false);
		expect(shouldRetryNetworkFailure('repeatable', failure, 1)).toBe(true);
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

	test('cancelling the execution ends a wait for a slot at once; it takes no slot and the queue goes on', async () => {
		// A real clock: the second request would wait a whole minute for its slot.
		const limiter = new RateLimiter(1, 60_000);
		(await limiter.acquire('a'))();
		const cancel = new AbortController();
		const waiting = limiter.acquire('a', cancel.signal);
		const queuedBehind = limiter.acquire('b');
		cancel.abort();
		await expect(waiting).rejects.toBeInstanceOf(ExecutionCancelledError);
		// Another key was never held up by it.
		await expect(queuedBehind).resolves.toEqual(expect.any(Function));
	});

	test('cancelling ends a 429 pause at once, and an execution already cancelled waits for nothing', async () => {
		const limiter = new RateLimiter(30, 1000);
		limiter.pause('a', 60_000);
		const cancel = new AbortController();
		const waiting = limiter.acquire('a', cancel.signal);
		setTimeout(() => cancel.abort(), 20);
		await expect(waiting).rejects.toBeInstanceOf(ExecutionCancelledError);
		await expect(limiter.acquire('a', cancel.signal)).rejects.toBeInstanceOf(ExecutionCancelledError);
		await expect(waitUnlessCancelled(60_000, cancel.signal)).rejects.toBeInstanceOf(ExecutionCancelledError);
	});
});

describe('errors', () => {
	test('problem details: title plus field errors', () => {
		expect(
			extractApiMessage({ title: 'One or more validation errors occurred.', status: 400, errors: { sender: ['Sender is invalid'] } }),
		).toEqual({ message: 'One or more validation errors occurred.', details: ['sender: Sender is invalid'] });
	});

	test('network codes are found anywhere in the cause chain, with the original words', () => {
		const inner = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
		const wrapped = new Error('The service refused the connection - perhaps it is offline', { cause: new Error('middle', { cause: inner }) });
		expect(findNetworkFailure(wrapped)).toEqual({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' });
		expect(findNetworkFailure(new Error('socket hang up'))).toEqual({ code: 'ECONNRESET', message: 'socket hang up' });
	});

	test('codes that do not start with E are kept as they are (TLS), also behind n8n\'s errorResponse', () => {
		const tls = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
		expect(findNetworkFailure(new Error('wrapper', { cause: tls }))).toEqual({ code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' });
		const invalidUrl = Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' });
		expect(findNetworkFailure({ message: 'Invalid URL', errorResponse: invalidUrl })).toEqual({ code: 'ERR_INVALID_URL', message: 'Invalid URL' });
	});

	test('an error without any code keeps its message', () => {
		expect(findNetworkFailure(new Error('Something odd\n happened'))).toEqual({ message: 'Something odd happened' });
	});

	test('every error body shape gives the API\'s words', () => {
		expect(extractApiMessage({ Title: 'Invalid', Errors: { Sender: 'Not registered' } })).toEqual({ message: 'Invalid', details: ['sender: Not registered'] });
		expect(extractApiMessage({ errors: { recipients: { 0: ['Bad number'] }, $: ['Body unreadable'] } }).details).toEqual([
			'recipients[0]: Bad number',
			'Body unreadable',
		]);
		expect(extractApiMessage({ errors: [{ PropertyName: 'Sender', ErrorMessage: 'Too long' }] }).details).toEqual(['sender: Too long']);
		expect(extractApiMessage({ error: 'invalid_token', error_description: 'The token expired' }).message).toBe('The token expired');
		expect(extractApiMessage('  Service down \n for maintenance ', 'text/plain')).toEqual({ message: 'Service down for maintenance', details: [] });
		expect(extractApiMessage('<h1>Oops</h1>', 'text/html')).toEqual({ details: [], html: { title: undefined, text: 'Oops' } });
		expect(extractApiMessage('<!doctype html><title>A &amp; B</title>', '')).toEqual({ details: [], html: { title: 'A & B', text: undefined } });
		const page = '<html><head><title>T</title><style>p{}</style></head><body><script>var a = 1;</script><p>Sender &quot;X&quot;\n is   not registered</p><!-- x --></body></html>';
		expect(extractApiMessage(page, 'text/html').html).toEqual({ title: 'T', text: 'Sender "X" is not registered' });
	});

	test('the connection never keeps the token, only a hash of it, and redacts it', () => {
		const token = ['made', 'up', 'token', '123'].join('-');
		const connection = toConnection({ apiToken: token, baseUrl: 'http://127.0.0.1:1/' });
		expect(connection.baseUrl).toBe('http://127.0.0.1:1');
		expect(connection.limiterKey).not.toContain(token);
		expect(connection.redact(`Bearer ${token}`)).toBe('Bearer ***');
		expect(connection.redact(`https://n8n/webhook?a=1&secret=abc-123&b=2 (token ${token})`)).toBe('https://n8n/webhook?a=1&secret=***&b=2 (token ***)');
	});

	test('secret= values are masked in URLs and free text, also URL-encoded', () => {
		expect(maskSecretValues('https://x/hook?secret=abc&x=1')).toBe('https://x/hook?secret=***&x=1');
		expect(maskSecretValues('"deliveryReportUrl":"https://x/hook?Secret=abc"')).toBe('"deliveryReportUrl":"https://x/hook?Secret=***"');
		expect(maskSecretValues('url=https%3A%2F%2Fx%2Fhook%3Fsecret%3Dabc%26x%3D1')).toBe('url=https%3A%2F%2Fx%2Fhook%3Fsecret%3D***%26x%3D1');
		expect(maskSecretValues('secret=abc is wrong; secret=***')).toBe('secret=*** is wrong; secret=***');
		expect(maskSecretValues('no secrets here')).toBe('no secrets here');
	});
});
