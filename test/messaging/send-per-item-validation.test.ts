import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { SEND, expectInputError, jsonOf, pairedIndexes, postCount, run, sentBodies } from './helpers';

const fixture = useSandbox();

beforeEach(() => {
	fixture.sandbox.control.clearFaults();
	fixture.sandbox.control.clearRequests();
});

const PER_ITEM: INodeParameters = {
	...SEND,
	sender: '={{ $json.sender ?? "iP1" }}',
	recipients: '={{ $json.phone }}',
	message: '={{ $json.text ?? "Hello" }}',
	// Separate batches per item (Combine Items off): what one item's refusal does to the others.
	options: { encoding: '={{ $json.encoding ?? "auto" }}', combineItems: false },
};

type BadItem = [label: string, item: Record<string, string>, message: RegExp, fix: RegExp];

const badLastItems: BadItem[] = [
	['an invalid sender', { sender: 'My Shop!' }, /^Item 2: "Sender" may only contain/, /3–11 letters or digits/],
	['an invalid number', { phone: '12' }, /^Item 2: "Recipients" has an invalid phone number: "12"/, /country code/],
	['a text GSM cannot encode with GSM chosen', { text: 'Olá', encoding: 'gsm' }, /^Item 2: "Message" contains characters GSM cannot encode: "á"/, /set "Encoding" to Unicode/],
	['a text over 2000 characters', { text: 'x'.repeat(2001) }, /^Item 2: "Message" may have at most 2000 characters/, /Shorten the text/],
	['an empty text', { text: ' ' }, /^Item 2: "Message" must not be empty/, /Enter the text/],
];

describe('One Batch per Item validates every item before the first request', () => {
	test.each(badLastItems)('no Continue On Fail, %s on the last item: nothing is sent, the error names item, field, rule and fix', async (...row: BadItem) => {
		const [, bad, message, fix] = row;
		const items = [{ phone: '46708000001' }, { phone: '46708000002' }, { phone: '46708000003', ...bad }];
		const error = await expectInputError(fixture, { parameters: PER_ITEM, items });
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(fix);
		expect(postCount(fixture)).toBe(0);
	});

	test('re-running after fixing the bad item sends each item exactly once', async () => {
		const items = [{ phone: '46708000011' }, { phone: '46708000012' }, { phone: 'oops' }];
		const failed = await run(fixture, { parameters: PER_ITEM, items });
		expect(failed.error?.message).toMatch(/^Item 2: "Recipients"/);
		const fixed = await run(fixture, { parameters: PER_ITEM, items: [items[0], items[1], { phone: '46708000013' }] });
		expect(fixed.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.recipients)).toEqual([['46708000011'], ['46708000012'], ['46708000013']]);
	});

	test('Continue On Fail: the bad items are error items paired with their input, the good ones are sent', async () => {
		const items = [{ phone: '46708000021' }, { phone: 'abc' }, { phone: '46708000023' }, { phone: '46708000024', text: 'Olá', encoding: 'gsm' }];
		const result = await run(fixture, { parameters: PER_ITEM, items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.recipients)).toEqual([['46708000021'], ['46708000023']]);
		const outputs = jsonOf(result);
		expect(pairedIndexes(result)).toEqual([0, 1, 2, 3]);
		expect(outputs[0].batchId).toEqual(expect.any(String));
		expect(outputs[1].error).toMatch(/^Item 1: "Recipients"/);
		expect(outputs[1].errorDescription).toMatch(/country code/);
		expect(outputs[2].batchId).toEqual(expect.any(String));
		expect(outputs[3].error).toMatch(/^Item 3: "Message" contains characters GSM cannot encode/);
	});

	test('an API refusal of one item (no Continue On Fail) stops the node and names the items that went out and those that did not', async () => {
		// Sends run several at once: the refusal goes to the second request to arrive, whichever item it carries.
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'latency', ms: 1 });
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 403, body: JSON.stringify({ title: 'Forbidden', detail: 'Account is locked.' }), contentType: 'application/problem+json' });
		const items = [{ phone: '46708000031' }, { phone: '46708000032' }, { phone: '46708000033' }];
		const result = await run(fixture, { parameters: PER_ITEM, items });
		expect(result.error?.message).toMatch(/iP\.1 API error 403/);
		const references = new Set(sentBodies(fixture).map((body) => body.reference));
		const batches = fixture.sandbox.control.state(fixture.sandbox.token).batches.filter((batch) => references.has(batch.reference));
		const description = String(result.error?.description);
		for (const body of sentBodies(fixture)) {
			const index = items.findIndex((item) => item.phone === (body.recipients as string[])[0]);
			const sent = batches.find((batch) => batch.reference === body.reference);
			if (sent) expect(description).toContain(`item ${index} (batch ${sent.id}`);
			else expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(index);
		}
		expect(batches.length).toBe(postCount(fixture) - 1);
	});
});
