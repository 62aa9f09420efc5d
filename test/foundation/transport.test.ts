import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { jsonOf, runNode, type SandboxCredentials } from '../harness/engine';
import { PROBE_TYPE } from '../harness/probeNode';
import { VARIANT_VALUES } from '../../sandbox';
import { useSandbox } from '../harness/sandbox';

const fixture = useSandbox({ rateLimitPerSecond: 30 });

async function probe(parameters: INodeParameters, credentials: SandboxCredentials, items?: IDataObject[]) {
	return await runNode({ nodeType: PROBE_TYPE, parameters, credentials, items });
}

/** Fills an account with blacklist entries: a cheap /v2 collection to paginate over. */
async function fillBlacklist(credentials: SandboxCredentials, count: number) {
	const items = Array.from({ length: count }, (_, index) => ({ msisdn: String(46700100000 + index) }));
	const result = await probe(
		{ method: 'PUT', path: '={{ "/v2/blacklist/" + $json.msisdn }}' },
		credentials,
		items,
	);
	expect(result.error).toBeUndefined();
}

const batch = { sender: 'iP1', recipients: ['46701234567'], body: 'Hello' };

describe('pagination', () => {
	const credentials = () => ownAccount;
	let ownAccount: SandboxCredentials;
	beforeAll(async () => {
		ownAccount = fixture.newAccount();
		await fillBlacklist(ownAccount, 120);
	});

	test('Return All asks for the largest page; a short first page is confirmed by one more (empty) request', async () => {
		fixture.sandbox.control.clearRequests();
		const result = await probe({ mode: 'paginate', path: '/v2/blacklist', returnAll: true }, credentials());
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].count).toBe(120);
		const pages = fixture.sandbox.control.requests.filter((request) => request.path === '/v2/blacklist');
		// 120 of 1,000 may be the API's cap or the end: the second request (start 120) comes back empty.
		expect(pages.map((request) => [request.query.start, request.query.limit])).toEqual([
			['0', '1000'],
			['120', '120'],
		]);
	});

	test('Limit mode asks for no more than needed', async () => {
		fixture.sandbox.control.clearRequests();
		const result = await probe({ mode: 'paginate', path: '/v2/blacklist', returnAll: false, limit: 70 }, credentials());
		expect(jsonOf(result)[0].count).toBe(70);
		const pages = fixture.sandbox.control.requests.filter((request) => request.path === '/v2/blacklist');
		expect(pages.map((request) => request.query.limit)).toEqual(['70']);
	});
});

describe('rate limit', () => {
	test('100 rapid requests with the 30/s limit enforced: no 429 reaches the user', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		const started = Date.now();
		const result = await probe({ path: '/api/me' }, credentials, Array.from({ length: 100 }, () => ({})));
		const seconds = (Date.now() - started) / 1000;
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(100);
		expect(jsonOf(result).every((item) => item.status === 200)).toBe(true);
		// The limiter spaces requests itself: the API should not have needed to refuse any.
		const refused = fixture.sandbox.control.requests.filter((request) => request.status === 429).length;
		expect(refused).toBe(0);
		// 100 requests at ≤30 per ~1.1 s window take at least three windows.
		expect(seconds).toBeGreaterThan(3);
	});

	test('a 429 from the API is honoured with Retry-After and retried', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({ path: '/api/me', kind: 'status', status: 429, headers: { 'Retry-After': '1' }, times: 2 });
		const started = Date.now();
		const result = await probe({ path: '/api/me' }, credentials);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].attempts).toBe(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	test('a 429 without Retry-After backs off and is retried', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({ path: '/api/me', kind: 'status', status: 429, times: 1 });
		const result = await probe({ path: '/api/me' }, credentials);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].attempts).toBe(2);
	});
});

describe('retries', () => {
	afterEach(() => fixture.sandbox.control.clearFaults());

	test.each([502, 503, 504])('reads are retried after %i', async (status) => {
		fixture.sandbox.control.addFault({ path: '/api/me', kind: 'status', status, times: 2 });
		const result = await probe({ path: '/api/me' }, fixture.newAccount());
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].attempts).toBe(3);
	});

	test('reads are retried after 500', async () => {
		fixture.sandbox.control.addFault({ path: '/api/me', kind: 'status', status: 500, times: 2 });
		const result = await probe({ path: '/api/me' }, fixture.newAccount());
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].attempts).toBe(3);
	});

	test('a read that keeps getting 500 gives up after 3 attempts with the API\'s words', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		fixture.sandbox.control.addFault({ path: '/api/me', kind: 'status', status: 500, times: 10, body: '{"message":"Database unavailable"}', contentType: 'application/json' });
		const result = await probe({ path: '/api/me' }, credentials);
		expect(result.error?.message).toBe('iP.1 API error 500: Database unavailable');
		expect(fixture.sandbox.control.countRequests({ path: '/api/me' })).toBe(3);
	});

	test('a write (PUT) answered 500 is not repeated', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		fixture.sandbox.control.addFault({ method: 'PUT', path: '/v2/blacklist/', kind: 'status', status: 500, times: 3 });
		const result = await probe({ method: 'PUT', path: '/v2/blacklist/46700100999' }, credentials);
		expect(result.error?.message).toMatch(/^iP\.1 API error 500/);
		expect(fixture.sandbox.control.countRequests({ method: 'PUT', path: '/v2/blacklist/46700100999' })).toBe(1);
	});

	test('reads are retried after a dropped connection', async () => {
		fixture.sandbox.control.addFault({ path: '/api/me', kind: 'drop', times: 1 });
		const result = await probe({ path: '/api/me' }, fixture.newAccount());
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].attempts).toBe(2);
	});

	const sendFaults: Array<[string, Parameters<typeof fixture.sandbox.control.addFault>[0]]> = [
		['502 after the batch was created', { method: 'POST', path: '/v2/batches', kind: 'status', status: 502, process: true }],
		['503 after the batch was created', { method: 'POST', path: '/v2/batches', kind: 'status', status: 503, process: true }],
		['504 after the batch was created', { method: 'POST', path: '/v2/batches', kind: 'status', status: 504, process: true }],
		['500 after the batch was created', { method: 'POST', path: '/v2/batches', kind: 'status', status: 500, process: true }],
		['a dropped connection after the batch was created', { method: 'POST', path: '/v2/batches', kind: 'drop', process: true }],
	];

	test.each(sendFaults)('a send is never repeated after %s', async (_label, fault) => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault(fault);
		const result = await probe({ method: 'POST', path: '/v2/batches', body: JSON.stringify(batch), retry: 'send' }, credentials);
		expect(result.error?.description).toMatch(/NOT sent again/);
		expect(fixture.sandbox.control.state(credentials.apiToken).batches).toHaveLength(1);
	});

	test.each([
		['a 503 before processing', { method: 'POST', path: '/v2/batches', kind: 'status', status: 503 }],
		['a dropped connection before processing', { method: 'POST', path: '/v2/batches', kind: 'drop' }],
	] as Array<[string, Parameters<typeof fixture.sandbox.control.addFault>[0]]>)(
		'a send is not repeated after %s either (the client cannot know), and nothing was created',
		async (_label, fault) => {
			const credentials = fixture.newAccount();
			fixture.sandbox.control.addFault(fault);
			const result = await probe({ method: 'POST', path: '/v2/batches', body: JSON.stringify(batch), retry: 'send' }, credentials);
			expect(result.error).toBeDefined();
			expect(fixture.sandbox.control.state(credentials.apiToken).batches).toHaveLength(0);
		},
	);

	test('a send refused with 429 is retried and goes out exactly once', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 429, headers: { 'Retry-After': '0' }, times: 2 });
		const result = await probe({ method: 'POST', path: '/v2/batches', body: JSON.stringify(batch), retry: 'send' }, credentials);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].attempts).toBe(3);
		expect(fixture.sandbox.control.state(credentials.apiToken).batches).toHaveLength(1);
	});

	test('a send refused with 429 more often than the error retries allow (10 times) still goes out exactly once: 429s are bounded in time', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 429, headers: { 'Retry-After': '0.05' }, times: 10 });
		const result = await probe({ method: 'POST', path: '/v2/batches', body: JSON.stringify(batch), retry: 'send' }, credentials);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].attempts).toBe(11);
		expect(fixture.sandbox.control.state(credentials.apiToken).batches).toHaveLength(1);
	});

	test('a send is retried when the connection was refused (nothing was written)', async () => {
		const credentials = fixture.newAccount();
		const refusing = fixture.sandbox.control.refuseConnectionsFor(600);
		await refusing;
		const result = await probe({ method: 'POST', path: '/v2/batches', body: JSON.stringify(batch), retry: 'send' }, credentials);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].attempts).toBeGreaterThan(1);
		expect(fixture.sandbox.control.state(credentials.apiToken).batches).toHaveLength(1);
	});
});

describe('error shapes', () => {
	afterEach(() => fixture.sandbox.control.clearFaults());

	test('problem details from the API: the field reasons are in the message, not only in the description', async () => {
		const result = await probe(
			{ method: 'POST', path: '/v2/batches', body: JSON.stringify({ ...batch, sender: 'x' }), retry: 'send' },
			fixture.credentials,
		);
		expect(result.error?.message).toMatch(/^iP\.1 API error 400: One or more validation errors occurred\. sender: /);
		expect(result.error?.description).toMatch(/sender/i);
	});

	const validation = 'One or more validation errors occurred.';
	const notRegistered = 'Sender "X" is not registered on this account.';
	test.each([
		['problem details, camelCase', { type: 'about:blank', title: validation, status: 400, errors: { Sender: [notRegistered] } }, `iP.1 API error 400: ${validation} sender: ${notRegistered}`],
		['problem details, PascalCase', { Type: 'about:blank', Title: validation, Status: 400, Errors: { Sender: [notRegistered] } }, `iP.1 API error 400: ${validation} sender: ${notRegistered}`],
		['problem details, a string instead of a list', { title: validation, errors: { sender: notRegistered } }, `iP.1 API error 400: ${validation} sender: ${notRegistered}`],
		['problem details, JSON paths and several fields', { title: validation, errors: { '$.recipients[0]': ['Not a number'], 'DeliveryWindows[0].Closes': ['Before opens', 'Too far'] } }, `iP.1 API error 400: ${validation} recipients[0]: Not a number. deliveryWindows[0].closes: Before opens. deliveryWindows[0].closes: Too far`],
		['problem details with title and detail', { title: 'Bad Request', detail: 'The sender is blocked.' }, 'iP.1 API error 400: Bad Request. The sender is blocked.'],
		['{ errors: [...] } of strings and objects', { errors: ['Recipient list is empty', { field: 'Body', message: 'Body is required' }] }, 'iP.1 API error 400: Recipient list is empty. body: Body is required'],
		['{ Message, ModelState } (older ASP.NET)', { Message: 'The request is invalid.', ModelState: { 'sender': [notRegistered] } }, `iP.1 API error 400: The request is invalid. sender: ${notRegistered}`],
		['{ error: { message } }', { error: { message: 'Balance too low' } }, 'iP.1 API error 400: Balance too low'],
	])('%s', async (_label, body, message) => {
		fixture.sandbox.control.addFault({ path: '/api/me', kind: 'status', status: 400, body: JSON.stringify(body), contentType: 'application/problem+json' });
		const result = await probe({ path: '/api/me' }, fixture.credentials);
		expect(result.error?.message).toBe(message);
	});

	test.each([
		['{ message }', '{"message":"Balance too low"}', 'application/json', 'iP.1 API error 402: Balance too low'],
		['{ Message }', '{"Message":"Balance too low"}', 'application/json', 'iP.1 API error 402: Balance too low'],
		['{ error: { message } }', '{"error":{"message":"Balance too low"}}', 'application/json', 'iP.1 API error 402: Balance too low'],
		['plain text', 'Balance too low', 'text/plain', 'iP.1 API error 402: Balance too low'],
		['JSON sent as plain text', '{"message":"Balance too low"}', 'text/plain', 'iP.1 API error 402: Balance too low'],
		['an HTML error page without a title', '<html><body>Error</body></html>', 'text/html', 'iP.1 API error 402 on GET /api/me: HTML page'],
		[
			'an HTML error page with a title',
			'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><h1>Bad Gateway</h1><script>x()</script></body></html>',
			'text/html; charset=utf-8',
			'iP.1 API error 402 on GET /api/me: HTML page "502 Bad Gateway"',
		],
	])('%s', async (_label, body, contentType, message) => {
		fixture.sandbox.control.addFault({ path: '/api/me', kind: 'status', status: 402, body, contentType });
		const result = await probe({ path: '/api/me' }, fixture.credentials);
		expect(result.error?.message).toBe(message);
		expect((result.error as unknown as { httpCode?: string }).httpCode).toBe('402');
	});

	test('an HTML page says in the description that something other than the API answered', async () => {
		fixture.sandbox.control.addFault({ path: '/api/me', kind: 'status', status: 503, times: 10, body: '<html><head><title>Maintenance</title></head></html>', contentType: 'text/html' });
		const result = await probe({ path: '/api/me', retry: 'onceOnly' }, fixture.credentials);
		expect(result.error?.message).toBe('iP.1 API error 503 on GET /api/me: HTML page "Maintenance"');
		expect(result.error?.description).toMatch(/not the API's JSON/);
	});

	// The sandbox's own validation answer (an unregistered sender refused per request) in each body shape.
	test.each(VARIANT_VALUES.errorBody.map((shape) => [shape]))('the sandbox answering in the %s shape: the reason reaches the user', async (errorBody) => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.setVariants({ errorBody, senderRegistration: 'request' });
		try {
			const result = await probe({ method: 'POST', path: '/v2/batches', body: JSON.stringify({ ...batch, sender: 'Unknown' }), retry: 'send' }, credentials);
			expect(result.error?.message).toMatch(/^iP\.1 API error 400/);
			const words = errorBody === 'html' ? result.error?.description : result.error?.message;
			expect(words).toMatch(/sender: .*Unknown/);
			if (errorBody === 'html') expect(result.error?.message).toBe('iP.1 API error 400 on POST /v2/batches: HTML page "400 Bad Request"');
			expect(result.error?.message).not.toMatch(/[<>]/);
		} finally {
			fixture.sandbox.control.setVariants({ errorBody: 'problem', senderRegistration: 'perMessage' });
		}
	});

	test('secret= values echoed by the API are masked in the error message and description', async () => {
		const secret = ['s3cr3t', 'value', String(Date.now())].join('-');
		const url = `https://n8n.example.com/webhook/abc/ip1sms?secret=${secret}&x=1`;
		fixture.sandbox.control.addFault({
			path: '/api/me',
			kind: 'status',
			status: 400,
			contentType: 'application/problem+json',
			body: JSON.stringify({ title: `Callback ${url} refused`, errors: { deliveryReportUrl: [`${url} did not answer`, `encoded: ${encodeURIComponent(url)}`] } }),
		});
		const result = await probe({ path: '/api/me' }, fixture.credentials);
		expect(result.error?.message).toContain('secret=***&x=1');
		expect(result.error?.message).toContain('secret%3D***');
		expect(result.error?.description).toContain('secret=***');
		expect(JSON.stringify(result.run)).not.toContain(secret);
	});

	test('a wrong token gives a 401 error that says what to do, and the token appears nowhere', async () => {
		const token = ['wrong', 'token', String(Date.now())].join('-');
		const result = await probe({ path: '/api/me' }, { apiToken: token, baseUrl: fixture.sandbox.url });
		expect(result.error?.message).toMatch(/^iP\.1 API error 401/);
		expect(result.error?.description).toMatch(/credential/);
		expect(JSON.stringify(result.run)).not.toContain(token);
	});

	test('an API that echoes the token back never gets it into the error', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({
			path: '/api/me',
			kind: 'status',
			status: 400,
			body: JSON.stringify({ message: `Bad header Authorization: Bearer ${credentials.apiToken}` }),
			contentType: 'application/json',
		});
		const result = await probe({ path: '/api/me' }, credentials);
		expect(result.error?.message).toContain('Bearer ***');
		expect(JSON.stringify(result.run)).not.toContain(credentials.apiToken);
	});
});
