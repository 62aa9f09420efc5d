/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node and is never published (waits on wall time for the real clock) */
import { startSandbox, type BatchDocument, type MessageDocument, type SandboxHandle } from '../../sandbox';
import { call, codes, type ProblemBody } from './helpers';

const SECOND = 1000;

describe('sandbox: status progression on the manual clock', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(() => sb.close());
	beforeEach(() => sb.control.reset());

	const send = async (body: Record<string, unknown>): Promise<MessageDocument[]> => {
		const res = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', { body: { sender: 'iP1', body: 'Hi', ...body } });
		expect(res.status).toBe(201);
		return res.body;
	};
	const message = async (msg: MessageDocument): Promise<MessageDocument> =>
		(await call<MessageDocument>(sb, 'GET', `/v2/batches/${msg.batchId}/messages/${msg.id}`)).body;
	const batch = async (batchId: string): Promise<BatchDocument> => (await call<BatchDocument>(sb, 'GET', `/v2/batches/${batchId}`)).body;

	it('goes 101 → 102 (+1 s) → 103 (+2 s) → 110 (+3 s) → 112 (+5 s) → 201 (+10 s), time moving only on advance', async () => {
		const start = sb.control.now().getTime();
		const [msg] = await send({ recipients: ['46700000001'] });
		expect(codes((await message(msg)).statuses)).toEqual([101]);

		await sb.control.advance(999);
		expect(codes((await message(msg)).statuses)).toEqual([101]);
		await sb.control.advance(1);
		expect(codes((await message(msg)).statuses)).toEqual([101, 102]);
		await sb.control.advance(9 * SECOND);
		const done = await message(msg);
		expect(done.statuses).toEqual([101, 102, 103, 110, 112, 201].map((code, i) => ({
			code,
			duration: code === 201 ? 1 : 0,
			created: new Date(start + [0, 1, 2, 3, 5, 10][i] * SECOND).toISOString().replace('.000Z', 'Z'),
		})));
		expect(done.modified).toBe(done.statuses[5].created);
		expect(sb.control.now().getTime()).toBe(start + 10 * SECOND);
	});

	it('lists messages with their latest status only, GET one with the full history', async () => {
		const [msg] = await send({ recipients: ['46700000001', '46700000002'] });
		await sb.control.advance(3 * SECOND);
		const list = await call<MessageDocument[]>(sb, 'GET', `/v2/batches/${msg.batchId}/messages`);
		expect(list.body).toHaveLength(2);
		for (const item of list.body) expect(codes(item.statuses)).toEqual([110]);
		expect(codes((await message(msg)).statuses)).toEqual([101, 102, 103, 110]);
	});

	it.each([
		[402, [101, 402]],
		[403, [101, 403]],
		[404, [101, 404]],
		[405, [101, 405]],
		[406, [101, 406]],
		[202, [101, 102, 103, 110, 112, 202]],
		[203, [101, 102, 103, 110, 112, 203]],
		[501, [101, 102, 103, 110, 112, 501]],
		[502, [101, 102, 103, 110, 112, 502]],
		[503, [101, 102, 103, 110, 112, 503]],
	])('test number 4670000…%i ends in that code', async (code, expected) => {
		const [msg] = await send({ recipients: [`46700000${code}`] });
		await sb.control.advance(SECOND);
		if (code < 500 && code >= 400) {
			const early = await message(msg);
			expect(codes(early.statuses)).toEqual(expected);
			expect(early.statuses[1].duration).toBe(1);
		}
		await sb.control.advance(20 * SECOND);
		const final = await message(msg);
		expect(codes(final.statuses)).toEqual(expected);
		expect(final.statuses[final.statuses.length - 1].created).toBe(
			new Date(Date.parse(final.statuses[0].created) + (code < 500 && code >= 400 ? 1 : 10) * SECOND).toISOString().replace('.000Z', 'Z'),
		);
	});

	it('does not treat other numbers of the range as special', async () => {
		const [msg] = await send({ recipients: ['46700000001'] });
		const [other] = await send({ recipients: ['46800000404'] });
		await sb.control.advance(10 * SECOND);
		expect(codes((await message(msg)).statuses).pop()).toBe(201);
		expect(codes((await message(other)).statuses).pop()).toBe(201);
	});

	it('rejects every message of an unregistered sender with 403 at +1 s', async () => {
		const messages = await send({ sender: 'Unknown1', recipients: ['46700000001', '46700000002'] });
		await sb.control.advance(30 * SECOND);
		for (const msg of messages) expect(codes((await message(msg)).statuses)).toEqual([101, 403]);
		expect((await batch(messages[0].batchId)).status).toBe(403);
	});

	it('sends with a sender once it is registered', async () => {
		expect((await call(sb, 'PUT', '/v2/me/senders/Acme')).status).toBe(201);
		const [msg] = await send({ sender: 'Acme', recipients: ['46700000001'] });
		await sb.control.advance(10 * SECOND);
		expect(codes((await message(msg)).statuses).pop()).toBe(201);
	});

	it('rejects a blacklisted recipient with 405 at +1 s, others in the batch go through', async () => {
		await call(sb, 'PUT', '/v2/blacklist/46700000002');
		const [ok, blocked] = await send({ recipients: ['46700000001', '46700000002'] });
		await sb.control.advance(10 * SECOND);
		expect(codes((await message(ok)).statuses).pop()).toBe(201);
		expect(codes((await message(blocked)).statuses)).toEqual([101, 405]);
	});

	it('waits for a future delivery window and counts the steps from its opening', async () => {
		const now = sb.control.now().getTime();
		const opens = new Date(now + 3600 * SECOND).toISOString();
		const [msg] = await send({ recipients: ['46700000001'], deliveryWindows: [{ opens }] });
		await sb.control.advance(3600 * SECOND);
		expect(codes((await message(msg)).statuses)).toEqual([101]);
		await sb.control.advance(SECOND);
		expect(codes((await message(msg)).statuses)).toEqual([101, 102]);
		await sb.control.advance(9 * SECOND);
		const done = await message(msg);
		expect(codes(done.statuses)).toEqual([101, 102, 103, 110, 112, 201]);
		expect(done.statuses[5].created).toBe(new Date(now + 3610 * SECOND).toISOString().replace('.000Z', 'Z'));
	});

	it('expires (202) a message whose window closes before it was sent', async () => {
		const now = sb.control.now().getTime();
		const windows = [{ opens: new Date(now + 60 * SECOND).toISOString(), closes: new Date(now + 62 * SECOND).toISOString() }];
		const [msg] = await send({ recipients: ['46700000001'], deliveryWindows: windows });
		await sb.control.advance(120 * SECOND);
		const done = await message(msg);
		expect(codes(done.statuses)).toEqual([101, 102, 202]);
		expect(done.statuses[2]).toMatchObject({ duration: 1, created: new Date(now + 62 * SECOND).toISOString().replace('.000Z', 'Z') });
	});

	it('uses the first window that is still open, and expires at +1 s when all closed already', async () => {
		const now = sb.control.now().getTime();
		const iso = (s: number) => new Date(now + s * SECOND).toISOString();
		const [later] = await send({
			recipients: ['46700000001'],
			deliveryWindows: [
				{ opens: iso(-7200), closes: iso(-3600) },
				{ opens: iso(100), closes: iso(1000) },
			],
		});
		const [closed] = await send({ recipients: ['46700000001'], deliveryWindows: [{ opens: iso(-7200), closes: iso(-3600) }] });
		await sb.control.advance(SECOND);
		expect(codes((await message(closed)).statuses)).toEqual([101, 202]);
		expect(codes((await message(later)).statuses)).toEqual([101]);
		await sb.control.advance(200 * SECOND);
		expect(codes((await message(later)).statuses).pop()).toBe(201);
	});

	it('reports the batch status as the lowest latest code and summarises messages and prices', async () => {
		const [msg] = await send({ recipients: ['46700000001', '46700000404', '46700000501'] });
		await sb.control.advance(5 * SECOND);
		let doc = await batch(msg.batchId);
		expect(doc.status).toBe(112);
		expect(doc.messageSummary).toEqual({ '112': { messages: 2, sms: 2 }, '404': { messages: 1, sms: 1 } });
		expect(doc.priceSummary).toEqual({ total: 0.1248, currency: 'EUR', average: 0.0416 });
		await sb.control.advance(5 * SECOND);
		doc = await batch(msg.batchId);
		expect(doc.status).toBe(201);
		expect(doc.messageSummary).toEqual({ '201': { messages: 1, sms: 1 }, '404': { messages: 1, sms: 1 }, '501': { messages: 1, sms: 1 } });
		const list = await call<BatchDocument[]>(sb, 'GET', '/v2/batches');
		expect(list.body[0].priceSummary).toBeUndefined();
		expect(list.body[0].messageSummary).toBeUndefined();
		expect(list.body[0].status).toBe(201);
	});

	describe('DELETE /v2/batches/{id}', () => {
		it('cancels every message not final yet (203), refunds them and answers the batch', async () => {
			const balance = sb.control.state(sb.token).balance;
			const [a, b] = await send({ recipients: ['46700000001', '46700000404'] });
			await sb.control.advance(2 * SECOND);
			const res = await call<BatchDocument>(sb, 'DELETE', `/v2/batches/${a.batchId}`);
			expect(res.status).toBe(200);
			expect(res.body.id).toBe(a.batchId);
			expect(res.body.messageSummary).toEqual({ '203': { messages: 1, sms: 1 }, '404': { messages: 1, sms: 1 } });
			expect(codes((await message(a)).statuses)).toEqual([101, 102, 103, 203]);
			expect(codes((await message(b)).statuses)).toEqual([101, 404]);
			expect(sb.control.state(sb.token).balance).toBeCloseTo(balance - 0.0416, 4);
			await sb.control.advance(60 * SECOND);
			expect(codes((await message(a)).statuses)).toEqual([101, 102, 103, 203]);
		});

		it('answers 409 when nothing is left to cancel, and 404 for an unknown batch', async () => {
			const [msg] = await send({ recipients: ['46700000001'] });
			await sb.control.advance(10 * SECOND);
			const res = await call<ProblemBody>(sb, 'DELETE', `/v2/batches/${msg.batchId}`);
			expect(res.status).toBe(409);
			expect(res.body).toMatchObject({ status: 409, title: 'Conflict' });
			expect(res.body.errors).toBeUndefined();
			expect((await call(sb, 'DELETE', '/v2/batches/0123456789abcdef01234567')).status).toBe(404);
		});

		it('cancels a scheduled batch before it starts', async () => {
			const opens = new Date(sb.control.now().getTime() + 86_400 * SECOND).toISOString();
			const [msg] = await send({ recipients: ['46700000001'], deliveryWindows: [{ opens }] });
			expect((await call(sb, 'DELETE', `/v2/batches/${msg.batchId}`)).status).toBe(200);
			await sb.control.advance(2 * 86_400 * SECOND);
			expect(codes((await message(msg)).statuses)).toEqual([101, 203]);
		});
	});

	it('answers 404 for a message of another batch', async () => {
		const [a] = await send({ recipients: ['46700000001'] });
		const [b] = await send({ recipients: ['46700000001'] });
		expect((await call(sb, 'GET', `/v2/batches/${a.batchId}/messages/${b.id}`)).status).toBe(404);
	});
});

describe('sandbox: real clock', () => {
	it('moves statuses with wall time', async () => {
		const sb = await startSandbox({ clock: 'real' });
		try {
			const res = await call<MessageDocument[]>(sb, 'POST', '/v2/batches', { body: { sender: 'iP1', recipients: ['46700000001'], body: 'Hi' } });
			await new Promise((resolve) => setTimeout(resolve, 1300));
			const msg = await call<MessageDocument>(sb, 'GET', `/v2/batches/${res.body[0].batchId}/messages/${res.body[0].id}`);
			// Wall time moved at least 1 s but nowhere near 10 s.
			expect(codes(msg.body.statuses).slice(0, 2)).toEqual([101, 102]);
			expect(codes(msg.body.statuses)).not.toContain(201);
			await sb.control.advance(10 * SECOND);
			const done = await call<MessageDocument>(sb, 'GET', `/v2/batches/${res.body[0].batchId}/messages/${res.body[0].id}`);
			expect(codes(done.body.statuses).pop()).toBe(201);
		} finally {
			await sb.close();
		}
	});
});
