import { startSandbox, DEMO_TOKEN, type LoggedRequest, type MessageDocument, type SandboxHandle, type WebhookDelivery } from '../../sandbox';
import { call, startReceiver, type Receiver } from './helpers';

/** Control requests need no bearer. */
async function control<T = unknown>(sb: SandboxHandle, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
	const res = await fetch(`${sb.url}/_sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

describe('sandbox: HTTP control API and demo data', () => {
	let sb: SandboxHandle;
	let receiver: Receiver;
	beforeAll(async () => {
		sb = await startSandbox({ seedDemoData: true, deliveryReportRetryIntervalMs: 1000 });
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await sb.close();
		await receiver.close();
	});

	it('seeds the demo account: fixed token, senders, 12 labelled contacts, a landing page with two elements', async () => {
		expect(sb.token).toBe(DEMO_TOKEN);
		const state = sb.control.state(DEMO_TOKEN);
		expect(state.senders.map((s) => s.sender)).toEqual(['Acme', 'iP1', 'iP1sms']);
		expect(state.contacts).toHaveLength(12);
		expect(state.contacts.every((c) => c.labels.includes('all'))).toBe(true);
		expect(state.contacts.filter((c) => c.labels.includes('customers')).length).toBeGreaterThan(3);
		expect(state.contacts.filter((c) => c.labels.includes('vip')).length).toBeGreaterThan(1);
		expect(state.contacts.every((c) => c.metadata?.phoneNumber?.isValidPhoneNumber === 'true')).toBe(true);
		expect(state.landings).toHaveLength(1);
		expect(state.landings[0].elements).toHaveLength(2);
	});

	it('answers health without a token and keeps control requests out of the log', async () => {
		const health = await control<{ status: string; now: string }>(sb, 'GET', '/health');
		expect(health.status).toBe(200);
		expect(health.body.status).toBe('ok');
		expect(sb.control.requests).toHaveLength(0);
	});

	it('creates accounts, advances the clock, injects inbound SMS', async () => {
		const account = await control<{ token: string; accountId: string }>(sb, 'POST', '/accounts', { name: 'E2E', balance: 5 });
		expect(account.status).toBe(201);
		const me = await call(sb, 'GET', '/api/me', { token: account.body.token });
		expect(me.body).toMatchObject({ Account: account.body.accountId, Balance: 5 });

		const before = sb.control.now().getTime();
		const advanced = await control<{ now: string }>(sb, 'POST', '/clock/advance', { ms: 60_000 });
		expect(Date.parse(advanced.body.now)).toBe(before + 60_000);
		expect((await control(sb, 'POST', '/clock/advance', { ms: -1 })).status).toBe(400);

		await call(sb, 'PUT', '/v2/me/sms/settings/IncomingCallbackUrl', { token: account.body.token, body: { value: receiver.url } });
		const inbound = await control<MessageDocument>(sb, 'POST', '/inbound', { token: account.body.token, from: '46701234567', body: 'Hi!' });
		expect(inbound.status).toBe(201);
		expect(inbound.body).toMatchObject({ owner: account.body.accountId, direction: 'mo', body: 'Hi!' });
		expect(receiver.received.map((r) => r.body)).toEqual([inbound.body]);
		const byId = await control<MessageDocument>(sb, 'POST', '/inbound', { accountId: account.body.accountId, from: 'Shop', body: 'x' });
		expect(byId.body.owner).toBe(account.body.accountId);
		expect((await control(sb, 'POST', '/inbound', { from: '1' })).status).toBe(400);
		expect((await control(sb, 'POST', '/inbound', { token: 'nope', from: '1', body: 'x' })).status).toBe(400);

		const webhooks = await control<WebhookDelivery[]>(sb, 'GET', '/webhooks');
		expect(webhooks.body.map((d) => [d.kind, d.status])).toEqual([
			['inbound', 200],
			['inbound', 200],
		]);
	});

	it('reads and clears the request log', async () => {
		await call(sb, 'GET', '/v2/batches?limit=2');
		const log = await control<LoggedRequest[]>(sb, 'GET', '/requests');
		expect(log.body.at(-1)).toMatchObject({ method: 'GET', path: '/v2/batches', query: { limit: '2' }, status: 200, authorization: 'valid' });
		expect(JSON.stringify(log.body)).not.toContain(DEMO_TOKEN);
		expect((await control(sb, 'DELETE', '/requests')).status).toBe(204);
		expect((await control<LoggedRequest[]>(sb, 'GET', '/requests')).body).toEqual([]);
	});

	it('adds and clears faults (path prefix, pathRegex, times null = unlimited)', async () => {
		expect((await control(sb, 'POST', '/faults', { kind: 'status', status: 503, path: '/v2/blacklist' })).status).toBe(201);
		expect((await call(sb, 'GET', '/v2/blacklist')).status).toBe(503);
		expect((await call(sb, 'GET', '/v2/blacklist')).status).toBe(200);

		await control(sb, 'POST', '/faults', { kind: 'status', status: 500, pathRegex: '^/v2/me/senders$', times: null });
		for (let i = 0; i < 3; i++) expect((await call(sb, 'GET', '/v2/me/senders')).status).toBe(500);
		expect((await control(sb, 'DELETE', '/faults')).status).toBe(204);
		expect((await call(sb, 'GET', '/v2/me/senders')).status).toBe(200);

		await control(sb, 'POST', '/faults', { kind: 'status', status: 500, method: 'POST', path: '/v2/batches', process: true });
		const res = await call(sb, 'POST', '/v2/batches', { body: { sender: 'iP1', recipients: ['46700000001'], body: 'x' } });
		expect(res.status).toBe(500);
		expect(sb.control.state(DEMO_TOKEN).batches).toHaveLength(1);

		expect((await control(sb, 'POST', '/faults', { kind: 'explode' })).status).toBe(400);
		expect((await control(sb, 'POST', '/faults', { kind: 'status' })).status).toBe(400);
		expect((await control(sb, 'POST', '/faults', { kind: 'drop', pathRegex: '(' })).status).toBe(400);
	});

	it('sets the rate limit', async () => {
		expect((await control(sb, 'POST', '/rate-limit', { perSecond: 1 })).body).toEqual({ perSecond: 1 });
		const statuses = await Promise.all([1, 2, 3].map(async () => (await call(sb, 'GET', '/v2/batches')).status));
		expect(statuses.filter((s) => s === 429)).toHaveLength(2);
		expect((await control(sb, 'POST', '/rate-limit', { perSecond: 'off' })).body).toEqual({ perSecond: null });
		expect((await control(sb, 'POST', '/rate-limit', { perSecond: 0 })).status).toBe(400);
	});

	it('refuses malformed control JSON and unknown control endpoints', async () => {
		const bad = await fetch(`${sb.url}/_sandbox/accounts`, { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } });
		expect(bad.status).toBe(400);
		expect((await control(sb, 'GET', '/nothing')).status).toBe(404);
	});

	it('resets everything but the handle account, which is emptied', async () => {
		const other = sb.control.createAccount();
		await call(sb, 'PUT', '/v2/me/senders/Extra');
		expect((await control(sb, 'POST', '/reset')).status).toBe(204);
		const state = sb.control.state(DEMO_TOKEN);
		expect(state.contacts).toEqual([]);
		expect(state.batches).toEqual([]);
		expect(state.landings).toEqual([]);
		expect(state.senders.map((s) => s.sender)).toEqual(['iP1', 'iP1sms']);
		expect(state.balance).toBe(100);
		expect(sb.control.requests).toHaveLength(0);
		expect(sb.control.webhookDeliveries).toHaveLength(0);
		expect((await call(sb, 'GET', '/api/me', { token: other.token })).status).toBe(401);
		expect((await call(sb, 'GET', '/api/me')).status).toBe(200);
	});

	it('reset drops scheduled status changes and pending webhook retries', async () => {
		receiver.failFirst(5);
		await call(sb, 'POST', '/v2/batches', {
			body: { sender: 'iP1', recipients: ['46700000404'], body: 'x', deliveryReportUrl: receiver.url },
		});
		await sb.control.advance(1000);
		expect(sb.control.webhookDeliveries).toHaveLength(1);
		sb.control.reset();
		await sb.control.advance(60_000);
		expect(sb.control.webhookDeliveries).toHaveLength(0);
	});
});
