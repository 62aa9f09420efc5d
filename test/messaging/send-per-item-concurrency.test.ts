/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the test samples and times the sandbox with timers; tests are never published */
import type { INodeParameters } from 'n8n-workflow';

import { SENDS_IN_FLIGHT } from '../../nodes/Ip1Sms/actions/sms/send.operation';
import { runNode } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, pairedIndexes, postCount, run, sentBodies } from './helpers';

const fixture = useSandbox();

beforeEach(() => {
	// Each test reads what the account accepted: start from an empty account.
	fixture.sandbox.control.reset();
	fixture.sandbox.control.clearFaults();
	fixture.sandbox.control.clearRequests();
});

// Separate batches per item (Combine Items off): the requests on their way at once are items.
const PER_ITEM: INodeParameters = { ...SEND, recipients: '={{ $json.phone }}', message: '=Hello {{ $json.n }}', options: { combineItems: false } };

const phoneOf = (index: number) => `4670900${String(index).padStart(4, '0')}`;
const itemsOf = (count: number) => Array.from({ length: count }, (_, n) => ({ phone: phoneOf(n), n }));

/** The batches the sandbox accepted, by the recipient they went to. */
function acceptedByRecipient(): Map<string, string[]> {
	const state = fixture.sandbox.control.state(fixture.sandbox.token);
	const byRecipient = new Map<string, string[]>();
	for (const message of state.messages) {
		byRecipient.set(message.recipient, [...(byRecipient.get(message.recipient) ?? []), message.batchId]);
	}
	return byRecipient;
}

/** Samples how many sends the sandbox is handling at once while `work` runs. */
async function peakInFlight<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
	let peak = 0;
	const timer = setInterval(() => {
		const open = fixture.sandbox.control.requests.filter((request) => request.method === 'POST' && request.status === 0).length;
		peak = Math.max(peak, open);
	}, 5);
	try {
		return { result: await work(), peak };
	} finally {
		clearInterval(timer);
	}
}

describe('One Batch per Item sends several items at once', () => {
	test('60 items with slow answers: several on their way at once (never more than the bound), each sent exactly once, outputs in input order and paired', async () => {
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'latency', ms: 150, times: Infinity });
		const items = itemsOf(60);
		const { result, peak } = await peakInFlight(async () => await run(fixture, { parameters: PER_ITEM, items }));
		expect(result.error).toBeUndefined();
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(SENDS_IN_FLIGHT);
		expect(postCount(fixture)).toBe(60);
		const accepted = acceptedByRecipient();
		for (const item of items) expect(accepted.get(item.phone)).toHaveLength(1);
		expect(pairedIndexes(result)).toEqual(items.map((_, index) => index));
		const outputs = jsonOf(result);
		// Each output is its own item's batch: the batch that went to that item's number with that item's text.
		outputs.forEach((output, index) => {
			expect(output.batchId).toBe(accepted.get(phoneOf(index))?.[0]);
		});
		const texts = new Map(sentBodies(fixture).map((body) => [String((body.recipients as string[])[0]), body.body]));
		items.forEach((item) => expect(texts.get(item.phone)).toBe(`Hello ${item.n}`));
	});

	test('no Continue On Fail: a refusal stops further sends; the error names every item that went out (also those already on their way) and every one that did not', async () => {
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'latency', ms: 100, times: 5 });
		fixture.sandbox.control.addFault({
			method: 'POST',
			path: '/v2/batches',
			kind: 'status',
			status: 403,
			body: JSON.stringify({ title: 'Forbidden', detail: 'Account is locked.' }),
			contentType: 'application/problem+json',
		});
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'latency', ms: 100, times: Infinity });
		const items = itemsOf(40);
		const result = await run(fixture, { parameters: PER_ITEM, items });

		expect(result.error?.message).toMatch(/iP\.1 API error 403/);
		const description = String(result.error?.description);
		expect(postCount(fixture)).toBeLessThan(40);
		const accepted = acceptedByRecipient();
		const sentIndexes = items.flatMap((item, index) => (accepted.has(item.phone) ? [index] : []));
		expect(sentIndexes.length).toBe(postCount(fixture) - 1);
		// The refused item: posted, not accepted; and named by the error.
		const postedPhones = new Set(sentBodies(fixture).map((body) => String((body.recipients as string[])[0])));
		const refused = items.findIndex((item) => postedPhones.has(item.phone) && !accepted.has(item.phone));
		expect(refused).toBeGreaterThanOrEqual(0);
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(refused);
		// Every sent item is named with its batch; every item never posted is listed as not sent.
		for (const index of sentIndexes.slice(0, 10)) expect(description).toContain(`item ${index} (batch ${accepted.get(phoneOf(index))?.[0]}`);
		expect(description).toMatch(/Items sent, do not send them again:/);
		const notSent = items.flatMap((item, index) => (postedPhones.has(item.phone) ? [] : [index]));
		expect(notSent.length).toBeGreaterThan(0);
		const notSentLine = /Items? ([\d, –]+) (?:was|were) not sent/.exec(description);
		expect(notSentLine).not.toBeNull();
		expect(expandIndexes(String(notSentLine?.[1]))).toEqual(notSent);
		// Nothing went out twice.
		for (const batches of accepted.values()) expect(batches).toHaveLength(1);
	});

	test('Continue On Fail: a refusal in the middle becomes that item\'s error item; every other item is sent once, in order, paired', async () => {
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'latency', ms: 50, times: 10 });
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 400, body: JSON.stringify({ message: 'Sender not allowed.' }) });
		const items = itemsOf(30);
		const result = await run(fixture, { parameters: PER_ITEM, items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result)).toEqual(items.map((_, index) => index));
		const outputs = jsonOf(result);
		const failed = outputs.flatMap((output, index) => (output.error ? [index] : []));
		expect(failed).toHaveLength(1);
		expect(String(outputs[failed[0]].error)).toMatch(/Sender not allowed/);
		const accepted = acceptedByRecipient();
		items.forEach((item, index) => {
			if (index === failed[0]) expect(accepted.has(item.phone)).toBe(false);
			else expect(outputs[index].batchId).toBe(accepted.get(item.phone)?.[0]);
		});
		for (const batches of accepted.values()) expect(batches).toHaveLength(1);
	});
});

function expandIndexes(text: string): number[] {
	return text.split(',').flatMap((part) => {
		const [from, to] = part.trim().split('–').map(Number);
		return to === undefined ? [from] : Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
	});
}

describe('requests per SMS', () => {
	afterEach(() => fixture.sandbox.control.reset());

	test('an answer that carries the message ids: one request per SMS, nothing read back', async () => {
		const result = await run(fixture, { parameters: PER_ITEM, items: itemsOf(12) });
		expect(result.error).toBeUndefined();
		expect(fixture.sandbox.control.countRequests()).toBe(12);
	});

	test('an answer without message ids: looked up by default (one read per batch), or, with "Look Up Missing Message IDs" off, one request per SMS and a warning naming the batch', async () => {
		fixture.sandbox.control.setVariants({ sendResponse: 'batch' });
		const looked = await run(fixture, { parameters: PER_ITEM, items: itemsOf(6) });
		expect(looked.error).toBeUndefined();
		expect(postCount(fixture)).toBe(6);
		expect(fixture.sandbox.control.countRequests({ method: 'GET', path: /^\/v2\/batches\/[^/]+\/messages$/ })).toBe(6);
		expect(JSON.stringify(jsonOf(looked))).not.toMatch(/Look Up Missing Message IDs/);

		fixture.sandbox.control.clearRequests();
		const parameters = { ...PER_ITEM, options: { combineItems: false, lookUpMessageIds: false } };
		const skipped = await run(fixture, { parameters, items: itemsOf(6) });
		expect(skipped.error).toBeUndefined();
		expect(fixture.sandbox.control.countRequests()).toBe(6);
		jsonOf(skipped).forEach((output) => {
			expect(output.batchId).toEqual(expect.any(String));
			expect((output.warnings as string[]).join(' ')).toContain(`"Look Up Missing Message IDs" is off: use Message → Get Many with the batch ID ${String(output.batchId)}`);
		});
	});
});

describe('cancelling the execution', () => {
	afterEach(() => fixture.sandbox.control.reset());

	test('stopping a send that waits out a 429 (Retry-After: 30) ends the wait at once: nothing more is sent, the execution ends', async () => {
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 429, headers: { 'retry-after': '30' }, body: '{"message":"Too many requests"}' });
		let cancel: () => void = () => undefined;
		const running = runNode({
			parameters: PER_ITEM,
			items: itemsOf(3),
			credentials: fixture.credentials,
			onStart: (stop) => (cancel = stop),
		});
		// The 429 came back: the node is now waiting 30 s before its retry.
		for (let tries = 0; postCount(fixture) === 0 && tries < 400; tries++) await new Promise((resolve) => setTimeout(resolve, 5));
		await new Promise((resolve) => setTimeout(resolve, 200));
		const startedAt = Date.now();
		cancel();
		const result = await running;
		// Well under the 30 s the wait would have lasted (jest's own timeout is the backstop).
		const waited = Date.now() - startedAt;
		expect(waited).toBeLessThan(15_000);
		expect(result.run.status).toBe('canceled');
		await new Promise((resolve) => setTimeout(resolve, 300));
		const accepted = fixture.sandbox.control.state(fixture.sandbox.token).batches.length;
		expect(postCount(fixture) - 1).toBe(accepted);
		expect(postCount(fixture)).toBeLessThanOrEqual(3);
	});
});
