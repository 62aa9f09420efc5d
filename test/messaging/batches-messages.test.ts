import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SandboxCredentials } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { SEND, expectInputError, jsonOf, run } from './helpers';

const fixture = useSandbox();

/** One batch sent: its ID and each recipient's message ID (the send outputs one item per recipient). */
async function send(credentials: SandboxCredentials, recipients: string, options: INodeParameters = {}): Promise<{ batchId: string; reference: string; messageIds: IDataObject }> {
	const result = await run(fixture, { parameters: { ...SEND, recipients, message: 'Batch test', options }, credentials });
	expect(result.error).toBeUndefined();
	const outputs = jsonOf(result);
	expect(new Set(outputs.map((output) => output.batchId)).size).toBe(1);
	return { batchId: String(outputs[0].batchId), reference: String(outputs[0].reference), messageIds: Object.fromEntries(outputs.map((output) => [String(output.to), output.messageId])) };
}

describe('Batch', () => {
	test('Get: price, currency and the per-status summary decoded with delivered/failed counts', async () => {
		const credentials = fixture.newAccount();
		// 46700000404 is the sandbox's number that ends in 404 ContentRejected.
		const sent = await send(credentials, '46705000001, 46705000002, 46700000404');
		await fixture.sandbox.control.advance(15_000);
		const result = await run(fixture, { parameters: { resource: 'batch', operation: 'get', batchId: sent.batchId as string }, credentials });
		expect(result.error).toBeUndefined();
		const [batch] = jsonOf(result);
		expect(batch).toMatchObject({
			id: sent.batchId,
			reference: sent.reference,
			type: 'sms',
			direction: 'mt',
			price: expect.any(Number),
			currency: 'EUR',
			totalMessages: 3,
			delivered: 2,
			failed: 1,
			pending: 0,
		});
		expect(batch.price).toBeCloseTo(3 * 0.0416, 4);
		const decoded = batch.messageSummaryDecoded as IDataObject;
		expect(decoded.statuses).toEqual([
			expect.objectContaining({ code: 201, name: 'DeliveredToHandset', group: 'success', delivered: true, final: true, messages: 2 }),
			expect.objectContaining({ code: 404, name: 'ContentRejected', group: 'rejection', delivered: false, final: true, messages: 1 }),
		]);
	});

	test('Get Many: newest first by default, limit, oldest first, return all', async () => {
		const credentials = fixture.newAccount();
		const ids: string[] = [];
		for (const number of ['46705000011', '46705000012', '46705000013']) ids.push((await send(credentials, number)).batchId as string);
		const getMany = async (extra: IDataObject) =>
			jsonOf(await run(fixture, { parameters: { resource: 'batch', operation: 'getAll', ...extra }, credentials }));

		const newest = await getMany({ limit: 2 });
		expect(newest.map((batch) => batch.id)).toEqual([ids[2], ids[1]]);
		const oldest = await getMany({ limit: 2, order: 'ASC' });
		expect(oldest.map((batch) => batch.id)).toEqual([ids[0], ids[1]]);
		const all = await getMany({ returnAll: true });
		expect(all.map((batch) => batch.id)).toEqual([ids[2], ids[1], ids[0]]);
		expect(all[0]).toMatchObject({ sender: 'iP1', type: 'sms', body: 'Batch test' });
	});

	test('Cancel: a scheduled batch is canceled (203, refunded); canceling again reports it, not an error', async () => {
		const credentials = fixture.newAccount();
		const sent = await send(credentials, '46705000021, 46705000022', { sendAt: '2035-06-01T10:00:00Z' });
		const cancel = () => run(fixture, { parameters: { resource: 'batch', operation: 'cancel', batchId: sent.batchId as string }, credentials });
		const first = await cancel();
		expect(first.error).toBeUndefined();
		expect(jsonOf(first)[0]).toMatchObject({ id: sent.batchId, canceled: true, pending: 0, delivered: 0, failed: 2 });
		expect(((jsonOf(first)[0].messageSummaryDecoded as IDataObject).statuses as IDataObject[])[0]).toMatchObject({ code: 203, name: 'Canceled' });
		const state = fixture.sandbox.control.state(credentials.apiToken);
		expect(state.messages.every((message) => message.statuses[message.statuses.length - 1].code === 203)).toBe(true);
		expect(state.balance).toBe(100); // a new sandbox account starts with 100 and got both messages refunded

		const second = await cancel();
		expect(second.error).toBeUndefined();
		expect(jsonOf(second)[0]).toMatchObject({ canceled: true, alreadyCanceled: true });
	});

	test('Cancel: a batch already delivered cannot be canceled, and the error says why', async () => {
		const credentials = fixture.newAccount();
		const sent = await send(credentials, '46705000031');
		await fixture.sandbox.control.advance(15_000);
		const result = await run(fixture, { parameters: { resource: 'batch', operation: 'cancel', batchId: sent.batchId as string }, credentials });
		expect(result.error?.message).toMatch(/iP\.1 API error 409/);
		expect(result.error?.description).toContain('Nothing left to cancel: the batch\'s messages are all final (1 delivered, 0 not delivered)');
	});

	test('an unknown batch is a 404 from the API; a malformed ID is refused before any request', async () => {
		const missing = await run(fixture, { parameters: { resource: 'batch', operation: 'get', batchId: '5bc86b6e85c7209830f96936' } });
		expect(missing.error?.message).toMatch(/iP\.1 API error 404/);
		for (const operation of ['get', 'cancel']) {
			const error = await expectInputError(fixture, { parameters: { resource: 'batch', operation, batchId: '../v2/me' } });
			expect(error.message).toMatch(/^Item 0: "Batch ID" must be an iP\.1 ID/);
		}
	});
});

describe('Message', () => {
	test('Get Many: one message per recipient with its latest status decoded; limit', async () => {
		const credentials = fixture.newAccount();
		const sent = await send(credentials, '46705000041, 46705000042, 46705000043');
		await fixture.sandbox.control.advance(15_000);
		const all = jsonOf(await run(fixture, { parameters: { resource: 'message', operation: 'getAll', batchId: sent.batchId as string, returnAll: true }, credentials }));
		expect(all.map((message) => message.recipient)).toEqual(['46705000041', '46705000042', '46705000043']);
		for (const message of all) {
			expect(message.statuses).toHaveLength(1);
			expect(message.status).toMatchObject({ code: 201, name: 'DeliveredToHandset', group: 'success', delivered: true, final: true });
			expect(message.id).toBe((sent.messageIds as IDataObject)[message.recipient as string]);
		}
		const limited = jsonOf(await run(fixture, { parameters: { resource: 'message', operation: 'getAll', batchId: sent.batchId as string, limit: 2 }, credentials }));
		expect(limited).toHaveLength(2);
	});

	test('Get: the full status history, every status decoded', async () => {
		const credentials = fixture.newAccount();
		const sent = await send(credentials, '46705000051, 46700000405');
		await fixture.sandbox.control.advance(15_000);
		const ids = sent.messageIds as IDataObject;
		const get = async (messageId: string) =>
			jsonOf(await run(fixture, { parameters: { resource: 'message', operation: 'get', batchId: sent.batchId as string, messageId }, credentials }))[0];

		const delivered = await get(ids['46705000051'] as string);
		expect((delivered.statuses as IDataObject[]).map((status) => status.name)).toEqual([
			'Accepted',
			'Queued',
			'Funded',
			'Sending',
			'DeliveredToCarrier',
			'DeliveredToHandset',
		]);
		expect((delivered.statuses as IDataObject[]).map((status) => status.final)).toEqual([false, false, false, false, false, true]);
		expect(delivered.status).toMatchObject({ code: 201, delivered: true });

		const rejected = await get(ids['46700000405'] as string);
		expect(rejected.status).toMatchObject({ code: 405, name: 'RecipientRejected', group: 'rejection', delivered: false, final: true });
	});

	test('a message ID that is not in the batch is a 404; malformed IDs are refused before any request', async () => {
		const credentials = fixture.newAccount();
		const sent = await send(credentials, '46705000061');
		const result = await run(fixture, {
			parameters: { resource: 'message', operation: 'get', batchId: sent.batchId as string, messageId: '5bcf4324ee47dee41a9dbb13' },
			credentials,
		});
		expect(result.error?.message).toMatch(/iP\.1 API error 404/);
		const error = await expectInputError(fixture, {
			parameters: { resource: 'message', operation: 'get', batchId: sent.batchId as string, messageId: 'a b' },
			credentials,
		});
		expect(error.message).toMatch(/"Message ID" must be an iP\.1 ID/);
	});
});
