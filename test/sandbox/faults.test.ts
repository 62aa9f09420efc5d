/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node and is never published */
import * as http from 'node:http';
import { startSandbox, type SandboxHandle } from '../../sandbox';
import { call, type ProblemBody } from './helpers';

const SEND = { sender: 'iP1', recipients: ['46700000001'], body: 'Hi' };

type Outcome = { response: Response } | { failed: true; code: string | undefined };

/** fetch, resolving to the failure instead of throwing (fetch's errors come from another realm than jest's Error). */
async function tryFetch(url: string, init: RequestInit): Promise<Outcome> {
	try {
		return { response: await fetch(url, init) };
	} catch (error) {
		const cause = (error as { cause?: { code?: string } }).cause;
		return { failed: true, code: cause?.code };
	}
}

describe('sandbox: faults', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());
	beforeEach(() => sb.control.reset());

	it('answers an injected status once (times defaults to 1), without carrying out the request', async () => {
		sb.control.addFault({ kind: 'status', status: 503, method: 'POST', path: '/v2/batches' });
		const failed = await call<ProblemBody>(sb, 'POST', '/v2/batches', { body: SEND });
		expect(failed.status).toBe(503);
		expect(failed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		expect(failed.body.status).toBe(503);
		expect(sb.control.state(sb.token).batches).toHaveLength(0);
		expect((await call(sb, 'POST', '/v2/batches', { body: SEND })).status).toBe(201);
		expect(sb.control.requests.map((r) => [r.status, r.fault])).toEqual([
			[503, 'status 503'],
			[201, undefined],
		]);
	});

	it('matches method and path prefix or regex, and honours times', async () => {
		sb.control.addFault({ kind: 'status', status: 500, path: /^\/v2\/me\/senders\/[^/]+$/, times: 2 });
		sb.control.addFault({ kind: 'status', status: 502, method: 'GET', path: '/v2/black' });
		expect((await call(sb, 'GET', '/v2/me/senders')).status).toBe(200);
		expect((await call(sb, 'GET', '/v2/me/senders/iP1')).status).toBe(500);
		expect((await call(sb, 'PUT', '/v2/me/senders/Acme')).status).toBe(500);
		expect((await call(sb, 'GET', '/v2/me/senders/iP1')).status).toBe(200);
		expect((await call(sb, 'PUT', '/v2/blacklist/46700000001')).status).toBe(201);
		expect((await call(sb, 'GET', '/v2/blacklist')).status).toBe(502);
		expect((await call(sb, 'GET', '/v2/blacklist')).status).toBe(200);
	});

	it('uses a custom body, content type and headers', async () => {
		sb.control.addFault({ kind: 'status', status: 429, body: 'slow down', contentType: 'text/plain', headers: { 'retry-after': '7' } });
		const res = await call(sb, 'GET', '/v2/batches');
		expect(res.status).toBe(429);
		expect(res.text).toBe('slow down');
		expect(res.headers.get('content-type')).toBe('text/plain');
		expect(res.headers.get('retry-after')).toBe('7');
	});

	it('process=true carries out the request and still answers the error (batch created, client sees 500)', async () => {
		sb.control.addFault({ kind: 'status', status: 500, method: 'POST', path: '/v2/batches', process: true });
		const res = await call(sb, 'POST', '/v2/batches', { body: SEND });
		expect(res.status).toBe(500);
		expect(sb.control.state(sb.token).batches).toHaveLength(1);
		expect(sb.control.requests[0]).toMatchObject({ status: 500, fault: 'status 500 after processing (201)' });
	});

	it('drop destroys the connection without an answer, before processing by default', async () => {
		sb.control.addFault({ kind: 'drop', method: 'POST', path: '/v2/batches' });
		const result = await tryFetch(`${sb.url}/v2/batches`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' },
			body: JSON.stringify(SEND),
		});
		expect(result).toMatchObject({ failed: true });
		expect(sb.control.state(sb.token).batches).toHaveLength(0);
		expect(sb.control.requests[0]).toMatchObject({ status: 0, fault: 'drop' });
	});

	it('drop with process=true creates the batch, then drops the connection', async () => {
		sb.control.addFault({ kind: 'drop', process: true });
		const result = await tryFetch(`${sb.url}/v2/batches`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' },
			body: JSON.stringify(SEND),
		});
		expect(result).toMatchObject({ failed: true });
		expect(sb.control.state(sb.token).batches).toHaveLength(1);
	});

	it('latency delays the answer, then answers normally', async () => {
		sb.control.addFault({ kind: 'latency', ms: 300 });
		const started = Date.now();
		const res = await call(sb, 'GET', '/v2/batches');
		expect(res.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(sb.control.requests[0].fault).toBe('latency 300ms');
	});

	it('clearFaults removes pending faults', async () => {
		sb.control.addFault({ kind: 'status', status: 500, times: 10 });
		sb.control.clearFaults();
		expect((await call(sb, 'GET', '/v2/batches')).status).toBe(200);
	});

	it('refuses invalid fault specs', () => {
		expect(() => sb.control.addFault({ kind: 'status', status: 42 })).toThrow();
		expect(() => sb.control.addFault({ kind: 'latency', ms: 10, times: 0 })).toThrow();
	});

	it('refuseConnectionsFor gives real ECONNREFUSED, then listens again on the same port', async () => {
		const port = new URL(sb.url).port;
		await sb.control.refuseConnectionsFor(300);
		const refused = await tryFetch(`${sb.url}/v2/batches`, { headers: { authorization: `Bearer ${sb.token}` } });
		expect(refused).toEqual({ failed: true, code: 'ECONNREFUSED' });
		await new Promise((resolve) => setTimeout(resolve, 500));
		const res = await call(sb, 'GET', '/v2/batches');
		expect(res.status).toBe(200);
		expect(new URL(sb.url).port).toBe(port);
	});
});

describe('sandbox: rate limit', () => {
	/** Fires `n` requests at once over separate connections. */
	async function burst(sb: SandboxHandle, n: number, token = sb.token): Promise<Response[]> {
		return Promise.all(
			Array.from({ length: n }, () => fetch(`${sb.url}/v2/batches`, { headers: { authorization: `Bearer ${token}` } })),
		);
	}

	it('is not enforced by default', async () => {
		const sb = await startSandbox();
		try {
			const responses = await burst(sb, 60);
			expect(responses.every((r) => r.status === 200)).toBe(true);
		} finally {
			await sb.close();
		}
	});

	it('answers 429 problem with Retry-After: 1 beyond N requests per second, per account, and logs them', async () => {
		const sb = await startSandbox({ rateLimitPerSecond: 30 });
		try {
			const responses = await burst(sb, 40);
			const statuses = responses.map((r) => r.status);
			expect(statuses.filter((s) => s === 200)).toHaveLength(30);
			expect(statuses.filter((s) => s === 429)).toHaveLength(10);
			const limited = responses.find((r) => r.status === 429) as Response;
			expect(limited.headers.get('retry-after')).toBe('1');
			const body = (await limited.json()) as ProblemBody;
			expect(body).toMatchObject({ status: 429, title: 'Too Many Requests', type: 'https://tools.ietf.org/html/rfc6585#section-4' });
			expect(sb.control.countRequests({ path: '/v2/batches' })).toBe(40);
			expect(sb.control.requests.filter((r) => r.status === 429)).toHaveLength(10);

			const other = sb.control.createAccount();
			expect((await burst(sb, 5, other.token)).every((r) => r.status === 200)).toBe(true);

			await new Promise((resolve) => setTimeout(resolve, 1050));
			expect((await call(sb, 'GET', '/v2/batches')).status).toBe(200);
		} finally {
			await sb.close();
		}
	});

	it('can omit Retry-After and be changed at run time', async () => {
		const sb = await startSandbox({ rateLimitPerSecond: 2, retryAfterHeader: false });
		try {
			const first = await burst(sb, 3);
			const limited = first.find((r) => r.status === 429) as Response;
			expect(limited).toBeDefined();
			expect(limited.headers.get('retry-after')).toBeNull();
			sb.control.setRateLimit(null);
			expect((await burst(sb, 10)).every((r) => r.status === 200)).toBe(true);
			sb.control.setRateLimit(1);
			expect((await burst(sb, 2)).map((r) => r.status).sort()).toEqual([200, 429]);
		} finally {
			await sb.close();
		}
	});

	it('does not count control requests', async () => {
		const sb = await startSandbox({ rateLimitPerSecond: 1 });
		try {
			for (let i = 0; i < 5; i++) {
				const res = await fetch(`${sb.url}/_sandbox/health`);
				expect(res.status).toBe(200);
			}
			expect((await call(sb, 'GET', '/v2/batches')).status).toBe(200);
			expect(sb.control.requests).toHaveLength(1);
		} finally {
			await sb.close();
		}
	});
});

describe('sandbox: close', () => {
	it('ends keep-alive sockets, pending webhook retries and timers', async () => {
		const receiver = http.createServer((_req, res) => res.writeHead(500).end());
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const port = (receiver.address() as { port: number }).port;
		const sb = await startSandbox({ clock: 'real', rateLimitPerSecond: 30 });
		await call(sb, 'POST', '/v2/batches', {
			body: { ...SEND, recipients: ['46700000404'], deliveryReportUrl: `http://127.0.0.1:${port}/` },
		});
		await sb.control.advance(1000);
		expect(sb.control.webhookDeliveries).toHaveLength(1);
		sb.control.addFault({ kind: 'latency', ms: 60_000 });
		const pending = tryFetch(`${sb.url}/v2/batches`, { headers: { authorization: `Bearer ${sb.token}` } });
		await new Promise((resolve) => setTimeout(resolve, 50));
		await sb.close();
		await pending;
		await sb.close(); // idempotent
		await expect(sb.control.refuseConnectionsFor(10)).rejects.toThrow();
		const after = await tryFetch(`${sb.url}/v2/batches`, {});
		expect(after).toEqual({ failed: true, code: 'ECONNREFUSED' });
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	});
});
