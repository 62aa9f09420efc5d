import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { readSendResponse } from '../../nodes/shared/dialect/sendAnswer';
import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, run } from './helpers';

const batchShape = useSandbox({ batchResponseShape: 'batch' });
const integers = useSandbox({ enumStyle: 'integers' });
const batchWithMessages = useSandbox({ variants: { sendResponse: 'batchWithMessages' } });

const PERSONALISED: INodeParameters = {
	...SEND,
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {name}',
	personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
};

describe('POST /v2/batches answering with the batch document', () => {
	beforeEach(() => {
		batchShape.sandbox.control.clearRequests();
		batchShape.sandbox.control.clearFaults();
	});

	test('one batch per item: message ids are read from the batch messages (GETs only, one POST)', async () => {
		const result = await run(batchShape, { parameters: { ...SEND, recipients: '46704000001, 46704000002', message: 'Hello' } });
		expect(result.error).toBeUndefined();
		const outputs = jsonOf(result);
		const [output] = outputs;
		const state = batchShape.sandbox.control.state(batchShape.sandbox.token);
		const messages = state.messages.filter((message) => message.batchId === output.batchId);
		expect(outputs.map((entry) => [entry.to, entry.messageId, entry.batchId])).toEqual(messages.map((message) => [message.recipient, message.id, output.batchId]));
		// One read, asking for exactly as many messages as recipients (no confirming empty page).
		const reads = batchShape.sandbox.control.requests.filter((request) => request.method === 'GET');
		expect(reads.map((request) => request.query.limit)).toEqual(['2']);
		expect(reads.every((request) => request.path === `/v2/batches/${output.batchId as string}/messages`)).toBe(true);
		expect(batchShape.sandbox.control.countRequests({ method: 'POST' })).toBe(1);
		const responses = outputs.map((entry) => (entry.detail as IDataObject).response as IDataObject);
		expect(responses.map((response) => response.shape)).toEqual(['batch', 'batch']);
		const batch = responses[0].batch as IDataObject;
		expect(batch).toMatchObject({ id: output.batchId, type: 'sms', direction: 'mt', datacoding: 'gsm', templated: false });
		expect((batch.messageSummaryDecoded as IDataObject).totalMessages).toBe(2);
		expect(responses.map((response) => (response.message as IDataObject).recipient)).toEqual(['46704000001', '46704000002']);
	});

	test('personalised: one POST and reads of that one batch\'s messages for all items; each item gets its own message', async () => {
		const items = [
			{ phone: '46704000011', name: 'Ann' },
			{ phone: '46704000012', name: 'Bo' },
			{ phone: '46704000013', name: 'Cy' },
		];
		const result = await run(batchShape, { parameters: PERSONALISED, items });
		expect(result.error).toBeUndefined();
		expect(batchShape.sandbox.control.countRequests({ method: 'POST' })).toBe(1);
		const state = batchShape.sandbox.control.state(batchShape.sandbox.token);
		const [batch] = state.batches.slice(-1);
		const reads = batchShape.sandbox.control.requests.filter((request) => request.method === 'GET');
		expect(reads.map((request) => request.query.limit)).toEqual(['3']);
		expect(reads.every((request) => request.path === `/v2/batches/${batch.id}/messages`)).toBe(true);
		jsonOf(result).forEach((output, index) => {
			expect(output.to).toBe(items[index].phone);
			expect(state.messages.find((message) => message.id === output.messageId)?.body).toBe(`Hi ${items[index].name}`);
		});
	});

	test('when the messages cannot be read after the send, the item still succeeds with a warning (never a re-send)', async () => {
		batchShape.sandbox.control.addFault({ method: 'GET', path: /\/messages$/, kind: 'status', status: 500, times: Infinity });
		const result = await run(batchShape, { parameters: { ...SEND, recipients: '46704000021', message: 'Hello' } });
		batchShape.sandbox.control.clearFaults();
		expect(result.error).toBeUndefined();
		expect(batchShape.sandbox.control.countRequests({ method: 'POST' })).toBe(1);
		const [output] = jsonOf(result);
		expect(output.batchId).toEqual(expect.any(String));
		expect(output).toMatchObject({ to: '46704000021', messageId: null, status: null });
		expect(output.warnings).toEqual([expect.stringMatching(/^The batch \w+ was sent, but its messages could not be read .*Do not send again\.$/)]);
	});
});

describe('POST /v2/batches answering with the batch document and its messages', () => {
	test('the batch document is kept beside the messages, and nothing is read again', async () => {
		const result = await run(batchWithMessages, { parameters: { ...SEND, recipients: '46704000041, 46704000042', message: 'Hello' } });
		expect(result.error).toBeUndefined();
		expect(batchWithMessages.sandbox.control.countRequests({ method: 'GET' })).toBe(0);
		const outputs = jsonOf(result);
		const [output] = outputs;
		const responses = outputs.map((entry) => (entry.detail as IDataObject).response as IDataObject);
		expect(responses.map((response) => response.shape)).toEqual(['batchWithMessages', 'batchWithMessages']);
		const batch = responses[0].batch as IDataObject;
		expect(batch).toMatchObject({ id: output.batchId, sender: 'iP1', body: 'Hello', templated: false });
		expect(batch.messages).toBeUndefined();
		expect(responses.map((response) => (response.message as IDataObject).recipient)).toEqual(['46704000041', '46704000042']);
		expect(outputs.map((entry) => entry.messageId)).toEqual(responses.map((response) => (response.message as IDataObject).id));
	});
});

describe('integer enums in responses', () => {
	test('sent messages, batches and messages are output with readable enum names', async () => {
		const sent = await run(integers, { parameters: { ...SEND, recipients: '46704000031', message: 'Hello', options: { type: 'flash' } } });
		expect(sent.error).toBeUndefined();
		const [output] = jsonOf(sent);
		const message = ((output.detail as IDataObject).response as IDataObject).message as IDataObject;
		expect(message).toMatchObject({ type: 'flash', datacoding: 'gsm', direction: 'mt' });

		const batch = await run(integers, { parameters: { resource: 'batch', operation: 'get', batchId: output.batchId as string } });
		expect(jsonOf(batch)[0]).toMatchObject({ type: 'flash', datacoding: 'gsm', direction: 'mt' });
		// The sandbox really answers with integers (0 = flash, 0 = gsm, 0 = mt).
		const raw = await fetch(`${integers.sandbox.url}/v2/batches/${output.batchId as string}`, {
			headers: { authorization: `Bearer ${integers.sandbox.token}` },
		});
		expect(await raw.json()).toMatchObject({ type: 0, datacoding: 0, direction: 0 });
	});
});

describe('readSendResponse: every plausible shape of the undocumented answer', () => {
	test('an array of message documents', () => {
		expect(readSendResponse([{ id: 'm1', batchId: 'b1', recipient: '46700000001' }])).toMatchObject({ shape: 'messages', batchId: 'b1' });
	});
	test('a batch document', () => {
		expect(readSendResponse({ id: 'b1', sender: 'iP1', body: 'x' })).toEqual({ shape: 'batch', batchId: 'b1', batch: { id: 'b1', sender: 'iP1', body: 'x' } });
	});
	test('an envelope with messages and batchId (any casing)', () => {
		expect(readSendResponse({ BatchId: 'b1', Messages: [{ ID: 'm1' }] })).toMatchObject({ shape: 'object', batchId: 'b1', messages: [{ ID: 'm1' }] });
		expect(readSendResponse({ messages: [{ id: 'm1', batchId: 'b2' }] })).toMatchObject({ shape: 'object', batchId: 'b2' });
		expect(readSendResponse({ batchId: 'b3' })).toEqual({ shape: 'object', batchId: 'b3', messages: undefined });
		expect(readSendResponse({ batch: { id: 'b4' }, messages: [] })).toMatchObject({ shape: 'object', batchId: 'b4', batch: { id: 'b4' } });
	});
	test('a batch document carrying its messages', () => {
		const messages = [{ id: 'm1', batchId: 'b5', recipient: '46700000001' }];
		expect(readSendResponse({ id: 'b5', sender: 'iP1', body: 'x', messages })).toEqual({
			shape: 'batchWithMessages',
			batchId: 'b5',
			batch: { id: 'b5', sender: 'iP1', body: 'x' },
			messages,
		});
	});
	test('nothing usable', () => {
		expect(readSendResponse('')).toEqual({ shape: 'empty' });
		expect(readSendResponse(undefined)).toEqual({ shape: 'empty' });
		expect(readSendResponse({ ok: true })).toEqual({ shape: 'empty' });
	});
});
