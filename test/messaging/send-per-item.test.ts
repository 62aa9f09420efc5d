/* eslint-disable @n8n/community-nodes/no-restricted-globals -- reads GENERIC_TIMEZONE from the test process environment; tests are never published */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, pairedIndexes, postCount, run, sentBodies } from './helpers';

const fixture = useSandbox();

beforeEach(() => fixture.sandbox.control.clearRequests());

describe('SMS → Send, one batch per item', () => {
	test('one item, one recipient: one request with integer enums, the datacoding chosen by Auto and a generated reference; one flat output item with the ids', async () => {
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '+46 70-123 45 67', message: 'Your code is 1234' },
		});
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(1);
		const [body] = sentBodies(fixture);
		expect(body).toEqual({
			sender: 'iP1',
			recipients: ['46701234567'],
			body: 'Your code is 1234',
			type: 1,
			datacoding: 0,
			priority: 1,
			reference: expect.stringMatching(/^n8n-[0-9a-f]{16}$/),
		});

		const [output] = jsonOf(result);
		const state = fixture.sandbox.control.state(fixture.sandbox.token);
		const batch = state.batches.find((entry) => entry.id === output.batchId);
		expect(batch).toBeDefined();
		expect(output.reference).toBe(body.reference);
		expect(batch?.reference).toBe(body.reference);
		const message = state.messages.find((entry) => entry.batchId === output.batchId);
		// The flat part, in this order: what a person reads in the Table view and a next node maps.
		expect(Object.keys(output)).toEqual(['to', 'messageId', 'status', 'text', 'segments', 'encoding', 'batchId', 'reference', 'price', 'currency', 'detail']);
		expect(output).toEqual({
			to: '46701234567',
			messageId: message?.id,
			status: 'Accepted',
			text: 'Your code is 1234',
			segments: 1,
			encoding: 'gsm',
			batchId: batch?.id,
			reference: body.reference,
			price: message?.price,
			currency: expect.any(String),
			detail: expect.any(Object),
		});
		expect(output.detail).toMatchObject({
			characters: 17,
			billedEncoding: 'gsm',
			billedSegments: 1,
			request: {
				sender: 'iP1',
				recipientCount: 1,
				body: 'Your code is 1234',
				type: 'sms',
				encoding: 'gsm',
				encodingOption: 'auto',
				priority: 'normal',
				reference: body.reference,
			},
			response: { shape: 'messages' },
		});
		const sent = ((output.detail as IDataObject).response as IDataObject).message as IDataObject;
		expect(sent).toMatchObject({ id: message?.id, recipient: '46701234567', type: 'sms', datacoding: 'gsm', direction: 'mt' });
		expect(sent.status).toMatchObject({ code: 101, name: 'Accepted', group: 'info', delivered: false, final: false });
		expect(JSON.stringify(result.items)).not.toContain(fixture.sandbox.token);
		expect(pairedIndexes(result)).toEqual([0]);
	});

	test('three items with three texts share ONE request (Combine Items, the default): each recipient gets its own item\'s text, outputs paired', async () => {
		const items = [
			{ phone: '46701000001', text: 'Hi Ann' },
			{ phone: '46701000002', text: 'Hi Bo {not a placeholder}' },
			{ phone: '46701000003', text: 'Hi Cy' },
		];
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.phone }}', message: '={{ $json.text }}' },
			items,
		});
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(1);
		const [body] = sentBodies(fixture);
		expect(body.body).toBe('{n8nText}');
		expect(body.recipients).toEqual({
			'46701000001': { n8nText: 'Hi Ann' },
			'46701000002': { n8nText: 'Hi Bo {not a placeholder}' },
			'46701000003': { n8nText: 'Hi Cy' },
			default: {},
		});
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 1, 2]);
		expect(new Set(outputs.map((output) => output.batchId)).size).toBe(1);
		const state = fixture.sandbox.control.state(fixture.sandbox.token);
		outputs.forEach((output, index) => {
			expect(output).toMatchObject({ to: items[index].phone, text: items[index].text });
			const message = state.messages.find((entry) => entry.id === output.messageId);
			expect(message).toMatchObject({ recipient: items[index].phone, body: items[index].text, batchId: output.batchId });
		});
	});

	test('items that differ in a batch option (here the sender) get requests of their own; items with one text go as a plain list', async () => {
		const items = [
			{ phone: '46701000004', text: 'Same', sender: 'iP1' },
			{ phone: '46701000005', text: 'Same', sender: 'iP1' },
			{ phone: '46701000006', text: 'Same', sender: 'iP1sms' },
		];
		const result = await run(fixture, {
			parameters: { ...SEND, sender: '={{ $json.sender }}', recipients: '={{ $json.phone }}', message: '={{ $json.text }}' },
			items,
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => [body.sender, body.recipients, body.body])).toEqual([
			['iP1', ['46701000004', '46701000005'], 'Same'],
			['iP1sms', ['46701000006'], 'Same'],
		]);
		expect(pairedIndexes(result)).toEqual([0, 1, 2]);
	});

	test('Combine Items off: three items send three batches, each output paired to its item and carrying its own ids', async () => {
		const items = [
			{ phone: '46701000001', text: 'Hi Ann' },
			{ phone: '46701000002', text: 'Hi Bo' },
			{ phone: '46701000003', text: 'Hi Cy' },
		];
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.phone }}', message: '={{ $json.text }}', options: { combineItems: false } },
			items,
		});
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(3);
		expect(sentBodies(fixture).map((body) => [body.recipients, body.body])).toEqual(
			items.map((item) => [[item.phone], item.text]),
		);
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 1, 2]);
		expect(new Set(outputs.map((output) => output.batchId)).size).toBe(3);
		expect(new Set(outputs.map((output) => output.reference)).size).toBe(3);
		const state = fixture.sandbox.control.state(fixture.sandbox.token);
		outputs.forEach((output, index) => {
			expect(output.to).toBe(items[index].phone);
			const message = state.messages.find((entry) => entry.id === output.messageId);
			expect(message).toMatchObject({ recipient: items[index].phone, body: items[index].text, batchId: output.batchId });
		});
	});

	test('many recipients per item: comma/newline string or array, normalised, duplicates sent once; one output item per recipient, paired to its item', async () => {
		const result = await run(fixture, {
			parameters: {
				...SEND,
				recipients: '={{ $json.numbers }}',
				message: 'Meeting moved to 3 pm',
				options: { defaultCountryCode: '46' },
			},
			items: [
				{ numbers: '46701000011, +46 70 100 00 12\n070-100 00 13;0046701000011' },
				{ numbers: ['+46701000021', '0701000022', '46701000021', 46701000023] },
			],
		});
		expect(result.error).toBeUndefined();
		// One text, one batch option set: both items go in one request (Combine Items).
		expect(sentBodies(fixture).map((body) => body.recipients)).toEqual([
			['46701000011', '46701000012', '46701000013', '46701000021', '46701000022', '46701000023'],
		]);
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 0, 0, 1, 1, 1]);
		expect(outputs.map((output) => output.to)).toEqual(['46701000011', '46701000012', '46701000013', '46701000021', '46701000022', '46701000023']);
		const state = fixture.sandbox.control.state(fixture.sandbox.token);
		for (const output of outputs) {
			expect(state.messages.find((message) => message.id === output.messageId)).toMatchObject({ recipient: output.to, batchId: output.batchId });
			expect(output.detail).toMatchObject({ duplicatesRemoved: 1, request: { recipientCount: 3 } });
			expect(output.segments).toBe(1);
		}
		expect(new Set(outputs.slice(0, 3).map((output) => output.batchId)).size).toBe(1);
	});

	test('every option reaches the request in its documented form', async () => {
		const result = await run(fixture, {
			parameters: {
				...SEND,
				recipients: '46701000031',
				message: 'Sale starts now',
				options: {
					deliveryReportUrl: 'https://n8n.example.com/webhook/abc/ip1',
					deliveryWindows: {
						windows: [
							{ opens: '2031-03-01T08:00:00Z', closes: '2031-03-01T18:00:00Z' },
							{ opens: '2031-03-02T08:00:00+01:00' },
						],
					},
					encoding: 'gsm',
					priority: 'high',
					reference: 'campaign-7',
					tags: 'marketing, spring ,marketing',
					type: 'flash',
				},
			},
		});
		expect(result.error).toBeUndefined();
		const [body] = sentBodies(fixture);
		expect(body).toEqual({
			sender: 'iP1',
			recipients: ['46701000031'],
			body: 'Sale starts now',
			type: 0,
			datacoding: 0,
			priority: 2,
			reference: 'campaign-7',
			deliveryWindows: [
				{ opens: '2031-03-01T08:00:00Z', closes: '2031-03-01T18:00:00Z' },
				{ opens: '2031-03-02T07:00:00Z', closes: '2031-03-09T07:00:00Z' },
			],
			deliveryReportUrl: 'https://n8n.example.com/webhook/abc/ip1',
			// With the user's own reference, the send's own tag tells it from other sends with that reference (exactly once).
			tags: ['marketing', 'spring', expect.stringMatching(/^n8n-[0-9a-f]{16}$/)],
		});
		const [output] = jsonOf(result);
		expect((output.detail as IDataObject).request).toMatchObject({ type: 'flash', encoding: 'gsm', priority: 'high', reference: 'campaign-7', tags: ['marketing', 'spring'] });
		expect(output.reference).toBe('campaign-7');
		const batch = fixture.sandbox.control.state(fixture.sandbox.token).batches.find((entry) => entry.id === output.batchId);
		expect(batch).toMatchObject({ type: 'flash', priority: 2, reference: 'campaign-7', templated: false });
	});

	test('Send At is one delivery window of a week; a time without zone is in the workflow time zone', async () => {
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '46701000041', message: 'Reminder', options: { sendAt: '2031-01-15T09:00:00' } },
		});
		expect(result.error).toBeUndefined();
		const [body] = sentBodies(fixture);
		// The engine's default time zone is America/New_York (UTC-5 in January) unless GENERIC_TIMEZONE says otherwise.
		const timeZone = process.env.GENERIC_TIMEZONE ?? 'America/New_York';
		if (timeZone === 'America/New_York') {
			expect(body.deliveryWindows).toEqual([{ opens: '2031-01-15T14:00:00Z', closes: '2031-01-22T14:00:00Z' }]);
		} else {
			expect(body.deliveryWindows).toHaveLength(1);
		}
	});

	test('recipients beyond "Recipients per Request" go in further batches of the same item; each output names its own batch', async () => {
		const numbers = ['46701000051', '46701000052', '46701000053', '46701000054', '46701000055'];
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: numbers.join(','), message: 'Hello', options: { recipientsPerRequest: 2, reference: 'split' } },
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.recipients)).toEqual([numbers.slice(0, 2), numbers.slice(2, 4), numbers.slice(4)]);
		const outputs = jsonOf(result);
		expect(outputs.map((output) => output.to)).toEqual(numbers);
		expect(pairedIndexes(result)).toEqual([0, 0, 0, 0, 0]);
		const batchIds = outputs.map((output) => output.batchId);
		expect(new Set(batchIds).size).toBe(3);
		expect(batchIds[0]).toBe(batchIds[1]);
		expect(batchIds[2]).toBe(batchIds[3]);
		const state = fixture.sandbox.control.state(fixture.sandbox.token);
		for (const output of outputs) {
			expect(state.messages.find((message) => message.id === output.messageId)).toMatchObject({ recipient: output.to, batchId: output.batchId });
		}
	});

	test('segments and encoding are computed locally and agree with what iP.1 bills', async () => {
		const long = 'a'.repeat(150) + ' {curly} € ' + 'b'.repeat(20);
		const unicode = 'Cześć! Zamówienie 😀 gotowe';
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '46701000061, 46701000062', message: '={{ $json.text }}' },
			items: [{ text: long }, { text: unicode }],
		});
		expect(result.error).toBeUndefined();
		const outputs = jsonOf(result);
		expect(outputs).toHaveLength(4);
		const [gsm, , ucs] = outputs;
		expect(gsm).toMatchObject({ encoding: 'gsm', segments: 2 });
		expect(ucs).toMatchObject({ encoding: 'ucs', segments: 1, detail: { characters: Array.from(unicode).length } });
		for (const output of outputs) {
			const message = ((output.detail as IDataObject).response as IDataObject).message as IDataObject;
			expect(message.segments).toBe(output.segments);
			expect(message.datacoding).toBe(output.encoding);
		}
	});

	test('Continue On Fail: bad items come back as errors, paired; good items are sent', async () => {
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.phone }}', message: 'Hi' },
			items: [{ phone: '46701000071' }, { phone: 'not a number' }, { phone: '46701000073' }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.recipients)).toEqual([['46701000071', '46701000073']]);
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 1, 2]);
		expect(outputs[0].batchId).toEqual(expect.any(String));
		expect(outputs[1].error).toMatch(/Item 1: "Recipients" has an invalid phone number: "not a number" may only contain digits/);
		expect(outputs[1].batchId).toBeUndefined();
		expect(outputs[2].batchId).toEqual(expect.any(String));
	});

	test('without Continue On Fail a bad item stops the node before any request, earlier items included', async () => {
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.phone }}', message: 'Hi' },
			items: [{ phone: '46701000081' }, { phone: '12' }, { phone: '46701000083' }],
		});
		expect(result.error?.message).toMatch(/Item 1: "Recipients"/);
		expect(sentBodies(fixture)).toEqual([]);
	});
});

describe('SMS → Send, sender as the editor saves it', () => {
	test('a resource-locator sender (chosen from the list) is sent as its value', async () => {
		const result = await run(fixture, {
			parameters: {
				...SEND,
				sender: { __rl: true, mode: 'list', value: 'iP1sms' },
				recipients: '46701234567',
				message: 'Hello',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)[0].sender).toBe('iP1sms');
	});

	test('a typed sender that breaks the rules is refused by n8n itself (the field\'s regex) before the node runs', async () => {
		await expect(
			run(fixture, {
				parameters: { ...SEND, sender: { __rl: true, mode: 'name', value: 'My Shop!' }, recipients: '46701234567', message: 'Hello' },
			}),
		).rejects.toThrow(/A sender is 3–11 letters or digits/);
		expect(postCount(fixture)).toBe(0);
	});

	test('a sender from an expression is validated by the node before any request', async () => {
		const result = await run(fixture, {
			parameters: { ...SEND, sender: { __rl: true, mode: 'name', value: '={{ $json.from }}' }, recipients: '46701234567', message: 'Hello' },
			items: [{ from: 'My Shop!' }],
		});
		expect(result.error?.message).toMatch(/^Item 0: "Sender" may only contain the letters/);
		expect(postCount(fixture)).toBe(0);
	});
});
