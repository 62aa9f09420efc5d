import { startSandbox, type DeliveryReportPayload, type MessageDocument, type SandboxHandle } from '../../sandbox';
import { call, startReceiver, type Receiver } from './helpers';

const SECOND = 1000;

describe('sandbox: delivery reports', () => {
	let sb: SandboxHandle;
	let receiver: Receiver;
	beforeAll(async () => {
		sb = await startSandbox({ deliveryReportRetryIntervalMs: 50, deliveryReportMaxAttempts: 4 });
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await sb.close();
		await receiver.close();
	});
	beforeEach(() => {
		sb.control.reset();
		receiver.received.length = 0;
		receiver.failFirst(0);
		receiver.dropFirst(0);
	});

	const send = async (recipients: string[], extra: Record<string, unknown> = {}): Promise<MessageDocument[]> => {
		const res = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', {
			body: { sender: 'iP1', recipients, body: 'Hi', reference: 'ref-1', deliveryReportUrl: `${receiver.url}/dlr`, ...extra },
		});
		expect(res.status).toBe(201);
		return res.body;
	};

	it('POSTs one report per status change, in order, with the documented payload', async () => {
		const [msg] = await send(['46700000001']);
		await sb.control.advance(10 * SECOND);
		const bodies = receiver.received.map((r) => r.body as DeliveryReportPayload);
		expect(bodies.map((b) => b.code)).toEqual([102, 103, 110, 112, 201]);
		expect(bodies.map((b) => b.duration)).toEqual([0, 0, 0, 0, 1]);
		expect(receiver.received.every((r) => r.path === '/dlr')).toBe(true);
		expect(bodies[4]).toEqual({
			id: msg.id,
			batchId: msg.batchId,
			recipient: '46700000001',
			code: 201,
			duration: 1,
			created: new Date(Date.parse(msg.statuses[0].created) + 10 * SECOND).toISOString().replace('.000Z', 'Z'),
			segments: 1,
			price: 0.0416,
			currency: 'eur',
			reference: 'ref-1',
		});
		expect(sb.control.webhookDeliveries).toHaveLength(5);
		expect(sb.control.webhookDeliveries.every((d) => d.kind === 'deliveryReport' && d.status === 200 && d.attempt === 1)).toBe(true);
	});

	it('sends nothing for a batch without deliveryReportUrl (or with an empty one)', async () => {
		await send(['46700000001'], { deliveryReportUrl: '' });
		await sb.control.advance(10 * SECOND);
		expect(receiver.received).toHaveLength(0);
		expect(sb.control.webhookDeliveries).toHaveLength(0);
	});

	it('retries a failed report every interval until it gets 200, and keeps later reports behind it', async () => {
		receiver.failFirst(2, 503);
		await send(['46700000404']); // one report only: 404 at +1 s
		await sb.control.advance(SECOND);
		expect(receiver.received).toHaveLength(1);
		const first = sb.control.webhookDeliveries[0];
		expect(first).toMatchObject({ kind: 'deliveryReport', attempt: 1, status: 503, url: `${receiver.url}/dlr` });
		await sb.control.advance(49);
		expect(receiver.received).toHaveLength(1);
		await sb.control.advance(1);
		expect(receiver.received).toHaveLength(2);
		await sb.control.advance(50);
		expect(sb.control.webhookDeliveries.map((d) => [d.attempt, d.status])).toEqual([
			[1, 503],
			[2, 503],
			[3, 200],
		]);
		const times = sb.control.webhookDeliveries.map((d) => Date.parse(d.at));
		expect(times[1] - times[0]).toBe(50);
		expect(times[2] - times[1]).toBe(50);
	});

	it('preserves the order of one message while a report is being retried', async () => {
		receiver.failFirst(3);
		await send(['46700000001']);
		// 102 fails at +1 s, retried at +1.05, +1.10 (fail), +1.15 (ok); 103..201 follow in order.
		await sb.control.advance(20 * SECOND);
		const delivered = sb.control.webhookDeliveries.filter((d) => d.status === 200).map((d) => (d.payload as DeliveryReportPayload).code);
		expect(delivered).toEqual([102, 103, 110, 112, 201]);
		expect(receiver.received.map((r) => (r.body as DeliveryReportPayload).code)).toEqual([102, 102, 102, 102, 103, 110, 112, 201]);
	});

	it('gives up after the maximum number of attempts (connection errors count) and moves on', async () => {
		receiver.dropFirst(100);
		await send(['46700000402']);
		await sb.control.advance(10 * SECOND);
		expect(sb.control.webhookDeliveries.map((d) => [d.attempt, d.status])).toEqual([
			[1, 'error'],
			[2, 'error'],
			[3, 'error'],
			[4, 'error'],
		]);
		expect(receiver.received).toHaveLength(4);
	});

	it('treats any answer but 200 as a failure (204 too)', async () => {
		receiver.failFirst(1, 204);
		await send(['46700000404']);
		await sb.control.advance(SECOND + 50);
		expect(sb.control.webhookDeliveries.map((d) => d.status)).toEqual([204, 200]);
	});

	it('counts an unreachable URL as a failed attempt', async () => {
		const closed = await startReceiver();
		const url = closed.url;
		await closed.close();
		await call(sb, 'POST', '/v2/batches', { body: { sender: 'iP1', recipients: ['46700000404'], body: 'Hi', deliveryReportUrl: url } });
		await sb.control.advance(5 * SECOND);
		expect(sb.control.webhookDeliveries.map((d) => d.status)).toEqual(['error', 'error', 'error', 'error']);
	});

	it('reports a cancel (203) as well', async () => {
		const [msg] = await send(['46700000001']);
		await sb.control.advance(SECOND);
		await call(sb, 'DELETE', `/v2/batches/${msg.batchId}`);
		await sb.control.settle();
		expect(receiver.received.map((r) => (r.body as DeliveryReportPayload).code)).toEqual([102, 203]);
	});
});

describe('sandbox: delivery-report options and defaults', () => {
	it("dlrIdKey 'messageId' names the id key as on the older page", async () => {
		const receiver = await startReceiver();
		const sb = await startSandbox({ dlrIdKey: 'messageId' });
		try {
			const res = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', {
				body: { sender: 'iP1', recipients: ['46700000404'], body: 'Hi', deliveryReportUrl: receiver.url },
			});
			await sb.control.advance(SECOND);
			const payload = receiver.received[0].body as DeliveryReportPayload;
			expect(payload.messageId).toBe(res.body[0].id);
			expect(payload.id).toBeUndefined();
		} finally {
			await sb.close();
			await receiver.close();
		}
	});

	it('retries every 10 minutes, 10 attempts in total, by default', async () => {
		const receiver = await startReceiver();
		receiver.failFirst(1000);
		const sb = await startSandbox();
		try {
			await call(sb, 'POST', '/v2/batches', {
				body: { sender: 'iP1', recipients: ['46700000404'], body: 'Hi', deliveryReportUrl: receiver.url },
			});
			await sb.control.advance(SECOND);
			await sb.control.advance(10 * 60 * SECOND - 1);
			expect(sb.control.webhookDeliveries).toHaveLength(1);
			await sb.control.advance(1);
			expect(sb.control.webhookDeliveries).toHaveLength(2);
			await sb.control.advance(24 * 3600 * SECOND);
			expect(sb.control.webhookDeliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		} finally {
			await sb.close();
			await receiver.close();
		}
	});
});

describe('sandbox: inbound SMS', () => {
	let sb: SandboxHandle;
	let receiver: Receiver;
	beforeAll(async () => {
		sb = await startSandbox({ deliveryReportRetryIntervalMs: 100, deliveryReportMaxAttempts: 3 });
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await sb.close();
		await receiver.close();
	});

	it('creates an MO message without a callback URL and shows it in conversations', async () => {
		const msg = await sb.control.injectInbound({ from: '46701111111', body: 'Hello there' });
		expect(msg).toMatchObject({
			owner: sb.accountId,
			sender: '46701111111',
			recipient: '46700000000',
			body: 'Hello there',
			direction: 'mo',
			segments: 1,
			type: 'SMS',
			priority: 1,
			statuses: [{ code: 201, duration: 1 }],
		});
		expect(msg).not.toHaveProperty('price');
		expect(sb.control.webhookDeliveries).toHaveLength(0);
		const conv = await call<MessageDocument[]>(sb, 'GET', '/v2/conversations/46701111111/mo');
		expect(conv.body.map((m) => m.id)).toEqual([msg.id]);
		const batch = await call<{ direction: string }>(sb, 'GET', `/v2/batches/${msg.batchId}`);
		expect(batch.body.direction).toBe('MO');
	});

	it('POSTs the message document to IncomingCallbackUrl, awaiting the first attempt, retrying on failure', async () => {
		await call(sb, 'PUT', '/v2/me/sms/settings/IncomingCallbackUrl', { body: { value: `${receiver.url}/inbound` } });
		receiver.failFirst(1);
		const msg = await sb.control.injectInbound({ from: '46702222222', to: '46709999999', body: 'Stop' });
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0]).toMatchObject({ path: '/inbound', body: msg });
		expect(sb.control.webhookDeliveries.map((d) => [d.kind, d.attempt, d.status])).toEqual([['inbound', 1, 500]]);
		await sb.control.advance(100);
		expect(sb.control.webhookDeliveries.map((d) => [d.kind, d.attempt, d.status])).toEqual([
			['inbound', 1, 500],
			['inbound', 2, 200],
		]);
		expect(msg.recipient).toBe('46709999999');
	});

	it('delivers inbound for another account by token or account id only to that account', async () => {
		const other = sb.control.createAccount();
		const msg = await sb.control.injectInbound({ accountId: other.accountId, from: 'Acme', body: 'x' });
		expect(msg.owner).toBe(other.accountId);
		const byToken = await sb.control.injectInbound({ token: other.token, from: 'Acme', body: 'y' });
		expect(byToken.owner).toBe(other.accountId);
		expect(sb.control.state(other.token).messages).toHaveLength(2);
		await expect(sb.control.injectInbound({ token: 'nope', from: '1', body: 'z' })).rejects.toThrow('Unknown token');
	});
});
