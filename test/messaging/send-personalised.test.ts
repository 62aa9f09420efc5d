import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, pairedIndexes, postCount, run, sentBodies } from './helpers';

const fixture = useSandbox();

beforeEach(() => fixture.sandbox.control.clearRequests());

const PERSONALISED: INodeParameters = {
	...SEND,
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {firstName}, your order {orderId} has shipped.{sign}',
	personalisation: {
		values: [
			{ name: 'firstName', value: '={{ $json.firstName }}' },
			{ name: 'orderId', value: '={{ $json.orderId }}' },
		],
	},
	defaultValues: { values: [{ name: 'sign', value: ' /Shop' }] },
};

function customers(count: number, offset = 0): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		phone: `4670${String(2_000_000 + offset + index).padStart(7, '0')}`,
		firstName: `Name${offset + index}`,
		orderId: `A-${offset + index}`,
	}));
}

function messageBodiesById(): Map<string, { body: string; recipient: string; batchId: string }> {
	const state = fixture.sandbox.control.state(fixture.sandbox.token);
	return new Map(state.messages.map((message) => [message.id, message]));
}

describe('SMS → Send, one personalised batch for all items', () => {
	test('one item: one templated request, the documented dictionary form', async () => {
		const [customer] = customers(1);
		const result = await run(fixture, { parameters: PERSONALISED, items: [customer] });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)).toEqual([
			{
				sender: 'iP1',
				recipients: {
					[customer.phone as string]: { firstName: 'Name0', orderId: 'A-0' },
					default: { sign: ' /Shop' },
				},
				body: 'Hi {firstName}, your order {orderId} has shipped.{sign}',
				type: 1,
				datacoding: 0,
				priority: 1,
				reference: expect.stringMatching(/^n8n-[0-9a-f]{16}$/),
			},
		]);
		const [output] = jsonOf(result);
		expect(output.text).toBe('Hi Name0, your order A-0 has shipped. /Shop');
		expect(output.to).toBe(customer.phone);
		const message = messageBodiesById().get(output.messageId as string);
		expect(message?.body).toBe(output.text);
		expect((output.detail as IDataObject).request).toMatchObject({
			recipientCount: 1,
			body: 'Hi {firstName}, your order {orderId} has shipped.{sign}',
			values: { firstName: 'Name0', orderId: 'A-0' },
			defaults: { sign: ' /Shop' },
		});
	});

	test('three items: one request; each output paired to its item with its own message and text', async () => {
		const items = customers(3, 10);
		const result = await run(fixture, { parameters: PERSONALISED, items });
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(1);
		expect(Object.keys(sentBodies(fixture)[0].recipients as IDataObject)).toEqual([...items.map((item) => item.phone), 'default']);
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 1, 2]);
		const messages = messageBodiesById();
		outputs.forEach((output, index) => {
			const item = items[index];
			expect(output.to).toBe(item.phone);
			const message = messages.get(output.messageId as string);
			expect(message).toMatchObject({ recipient: item.phone, body: `Hi ${item.firstName}, your order ${item.orderId} has shipped. /Shop` });
			expect(output.text).toBe(message?.body);
			expect(((output.detail as IDataObject).response as IDataObject).message).toMatchObject({ id: output.messageId, recipient: item.phone });
		});
		expect(new Set(outputs.map((output) => output.batchId)).size).toBe(1);
	});

	test('missing values: the default when there is one, otherwise an explicit empty value', async () => {
		const result = await run(fixture, {
			parameters: {
				...PERSONALISED,
				message: 'Hi {firstName}{sign}! Order {orderId}',
				defaultValues: { values: [{ name: 'firstName', value: 'friend' }, { name: 'sign', value: '' }] },
			},
			items: [
				{ phone: '46702100001', firstName: 'Ann', orderId: 'X1' },
				{ phone: '46702100002', orderId: 'X2' },
				{ phone: '46702100003', firstName: '', orderId: null },
				{ phone: '46702100004', firstName: 'Dee' },
			],
		});
		expect(result.error).toBeUndefined();
		const [body] = sentBodies(fixture);
		expect(body.recipients).toEqual({
			'46702100001': { firstName: 'Ann', orderId: 'X1', sign: '' },
			'46702100002': { orderId: 'X2', sign: '' },
			'46702100003': { orderId: '', sign: '' },
			'46702100004': { firstName: 'Dee', orderId: '', sign: '' },
			default: { firstName: 'friend' },
		});
		const texts = jsonOf(result).map((output) => output.text);
		expect(texts).toEqual(['Hi Ann! Order X1', 'Hi friend! Order X2', 'Hi friend! Order ', 'Hi Dee! Order ']);
		const messages = messageBodiesById();
		for (const output of jsonOf(result)) {
			expect(messages.get(output.messageId as string)?.body).toBe(output.text);
		}
	});

	test('the same number on two items goes into separate requests: nothing merged, nothing dropped', async () => {
		const items = [
			{ phone: '46702200001', firstName: 'A1', orderId: '1' },
			{ phone: '46702200002', firstName: 'B', orderId: '2' },
			{ phone: '+46 70 220 00 01', firstName: 'A2', orderId: '3' },
			{ phone: '46702200003', firstName: 'C', orderId: '4' },
			{ phone: '0046702200001', firstName: 'A3', orderId: '5' },
		];
		const result = await run(fixture, { parameters: PERSONALISED, items });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => Object.keys(body.recipients as IDataObject).filter((key) => key !== 'default'))).toEqual([
			['46702200001', '46702200002', '46702200003'],
			['46702200001'],
			['46702200001'],
		]);
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 1, 2, 3, 4]);
		const messages = messageBodiesById();
		const names = outputs.map((output) => {
			return messages.get(output.messageId as string)?.body;
		});
		expect(names).toEqual(items.map((item) => `Hi ${item.firstName}, your order ${item.orderId} has shipped. /Shop`));
		expect(new Set(outputs.map((output) => output.messageId)).size).toBe(5);
	});

	test('"Recipients per Request" splits the items into chunks', async () => {
		const items = customers(5, 30);
		const result = await run(fixture, { parameters: { ...PERSONALISED, options: { recipientsPerRequest: 2 } }, items });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => Object.keys(body.recipients as IDataObject).length)).toEqual([3, 3, 2]);
		const outputs = jsonOf(result);
		expect(outputs.map((output) => output.batchId)).toEqual([
			outputs[0].batchId,
			outputs[0].batchId,
			outputs[2].batchId,
			outputs[2].batchId,
			outputs[4].batchId,
		]);
		expect(new Set(outputs.map((output) => output.reference)).size).toBe(3);
	});

	test('items whose message text differs are sent in separate requests, grouped by text', async () => {
		const result = await run(fixture, {
			parameters: { ...PERSONALISED, message: '={{ $json.lang === "sv" ? "Hej {firstName}" : "Hi {firstName}" }}' },
			items: [
				{ phone: '46702300001', firstName: 'A', lang: 'sv' },
				{ phone: '46702300002', firstName: 'B', lang: 'en' },
				{ phone: '46702300003', firstName: 'C', lang: 'sv' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => [body.body, Object.keys(body.recipients as IDataObject)])).toEqual([
			['Hej {firstName}', ['46702300001', '46702300003', 'default']],
			['Hi {firstName}', ['46702300002', 'default']],
		]);
		expect(jsonOf(result).map((output) => output.text)).toEqual(['Hej A', 'Hi B', 'Hej C']);
	});

	test('a bad item stops the node before any request (no Continue On Fail)', async () => {
		const before = fixture.sandbox.control.countRequests();
		const result = await run(fixture, {
			parameters: PERSONALISED,
			items: [...customers(2, 40), { phone: '123', firstName: 'X', orderId: '9' }, ...customers(2, 43)],
		});
		expect(result.error?.message).toMatch(/^Item 2: "Recipients" has an invalid phone number: "123"/);
		expect(fixture.sandbox.control.countRequests()).toBe(before);
	});

	test('Continue On Fail: good items go out in one request, bad ones come back paired with their error', async () => {
		const items = [
			{ phone: '46702400001', firstName: 'Ann', orderId: '1' },
			{ phone: 'abc', firstName: 'Bad', orderId: '2' },
			{ phone: '46702400003', firstName: 'Zoë 😀', orderId: '3' },
			{ phone: '46702400004', firstName: 'Dee', orderId: 'x'.repeat(2000) },
			{ phone: '46702400005', firstName: 'Eve', orderId: '5' },
		];
		const result = await run(fixture, {
			parameters: { ...PERSONALISED, options: { encoding: 'gsm' } },
			items,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(1);
		expect(Object.keys(sentBodies(fixture)[0].recipients as IDataObject)).toEqual(['46702400001', '46702400005', 'default']);
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 1, 2, 3, 4]);
		expect(outputs[0].batchId).toEqual(expect.any(String));
		expect(outputs[1].error).toMatch(/^Item 1: "Recipients" has an invalid phone number: "abc"/);
		expect(outputs[2].error).toMatch(/^Item 2: "Message" once personalised, contains characters GSM cannot encode: "ë" "😀"/);
		expect(outputs[3].error).toMatch(/^Item 3: "Message" is \d+ characters long once personalised; at most 2000 are allowed/);
		expect(outputs[4].batchId).toBe(outputs[0].batchId);
	});

	test('Continue On Fail with a request the API refuses: that request\'s items get the error, the others are sent', async () => {
		const longReference = 'r'.repeat(300); // over the sandbox's reference limit: refused with 400
		const result = await run(fixture, {
			parameters: { ...PERSONALISED, options: { reference: '={{ $json.ref }}' } },
			items: [
				{ ...customers(1, 50)[0], ref: 'ok-ref' },
				{ ...customers(1, 51)[0], ref: longReference },
				{ ...customers(1, 52)[0], ref: 'ok-ref' },
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(2);
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 1, 2]);
		expect(outputs[0].batchId).toEqual(expect.any(String));
		expect(outputs[2].batchId).toBe(outputs[0].batchId);
		expect(outputs[1]).toMatchObject({ httpCode: '400', reference: longReference });
		expect(outputs[1].error).toMatch(/iP\.1 API error 400/);
	});

	test('without Continue On Fail, a refused request stops the node and names the batches already sent', async () => {
		const result = await run(fixture, {
			parameters: { ...PERSONALISED, options: { reference: '={{ $json.ref }}' } },
			items: [
				{ ...customers(1, 60)[0], ref: 'first' },
				{ ...customers(1, 61)[0], ref: 'r'.repeat(300) },
				{ ...customers(1, 62)[0], ref: 'third' },
			],
		});
		expect(postCount(fixture)).toBe(2);
		const sentBatch = fixture.sandbox.control.state(fixture.sandbox.token).batches.find((batch) => batch.reference === 'first');
		expect(result.error?.message).toMatch(/iP\.1 API error 400/);
		expect(result.error?.description).toContain(`Request 2 of 3`);
		expect(result.error?.description).toContain(`Already sent before it, do not send again: ${sentBatch?.id}`);
		expect(result.error?.description).toContain('1 recipient(s) in later requests were not sent');
	});
});

describe('2,500 items', () => {
	test('personalised: 3 requests of at most 1,000, every output paired to its own recipient and text', async () => {
		const items = customers(2500, 100_000);
		const result = await run(fixture, { parameters: PERSONALISED, items });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => Object.keys(body.recipients as IDataObject).length - 1)).toEqual([1000, 1000, 500]);
		expect(result.items).toHaveLength(2500);
		expect(pairedIndexes(result)).toEqual(items.map((_, index) => index));
		const messages = messageBodiesById();
		jsonOf(result).forEach((output, index) => {
			const item = items[index];
			expect(output.to).toBe(item.phone);
			const message = messages.get(output.messageId as string);
			expect(message?.recipient).toBe(item.phone);
			expect(message?.body).toBe(`Hi ${item.firstName}, your order ${item.orderId} has shipped. /Shop`);
			expect(message?.batchId).toBe(output.batchId);
		});
	});
});
