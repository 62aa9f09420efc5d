import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, postCount, run, sentBodies } from './helpers';

const fixture = useSandbox();

const PER_ITEM: INodeParameters = { ...SEND, recipients: '46703000001', message: 'Fault test' };
const PERSONALISED: INodeParameters = {
	...SEND,
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {name}',
	personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
};
const PEOPLE = [
	{ phone: '46703000011', name: 'Ann' },
	{ phone: '46703000012', name: 'Bo' },
];

function batchCount(): number {
	return fixture.sandbox.control.state(fixture.sandbox.token).batches.length;
}

beforeEach(() => {
	fixture.sandbox.control.clearFaults();
	fixture.sandbox.control.clearRequests();
});

describe('a send is never duplicated', () => {
	test.each([502, 503, 504])('%i after the API processed the send: one request, one batch, an error naming the reference', async (status) => {
		const before = batchCount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status, process: true });
		const result = await run(fixture, { parameters: PER_ITEM });
		expect(postCount(fixture)).toBe(1);
		expect(batchCount()).toBe(before + 1);
		const reference = sentBodies(fixture)[0].reference as string;
		expect(result.error?.message).toContain(`iP.1 API error ${status}`);
		expect(result.error?.description).toContain(`reference "${reference}"`);
		expect(result.error?.description).toContain('It was NOT sent again');
		expect(result.error?.description).toContain('Batch → Get Many');
		// The reference really finds the batch that went out.
		const sent = fixture.sandbox.control.state(fixture.sandbox.token).batches.find((batch) => batch.reference === reference);
		expect(sent).toBeDefined();
	});

	test('a dropped connection after processing: one request, one batch, the reference in the error', async () => {
		const before = batchCount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'drop', process: true });
		const result = await run(fixture, { parameters: PER_ITEM });
		expect(postCount(fixture)).toBe(1);
		expect(batchCount()).toBe(before + 1);
		// n8n's NodeApiError replaces the message of a reset connection with its own wording; the hint stays ours.
		expect(result.error?.message).toMatch(/Could not reach the iP\.1 API|connection to the server was closed/);
		expect(result.error?.description).toContain('It was NOT sent again');
		expect(result.error?.description).toContain(`reference "${sentBodies(fixture)[0].reference as string}"`);
	});

	test('a dropped connection before processing is not retried either (the client cannot tell the difference)', async () => {
		const before = batchCount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'drop' });
		const result = await run(fixture, { parameters: PER_ITEM });
		expect(postCount(fixture)).toBe(1);
		expect(batchCount()).toBe(before);
		expect(result.error?.description).toContain('It was NOT sent again');
	});

	test('latency: a slow answer is waited for, not repeated', async () => {
		const before = batchCount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'latency', ms: 1500 });
		const started = Date.now();
		const result = await run(fixture, { parameters: PER_ITEM });
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
		expect(postCount(fixture)).toBe(1);
		expect(batchCount()).toBe(before + 1);
		expect(jsonOf(result)[0].batchId).toEqual(expect.any(String));
	});

	test('personalised: a 502 after processing is not repeated; every item gets the reference to check', async () => {
		const before = batchCount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 502, process: true });
		const result = await run(fixture, { parameters: PERSONALISED, items: PEOPLE, continueOnFail: true });
		expect(postCount(fixture)).toBe(1);
		expect(batchCount()).toBe(before + 1);
		const reference = sentBodies(fixture)[0].reference as string;
		const outputs = jsonOf(result);
		expect(outputs).toHaveLength(2);
		for (const output of outputs) {
			expect(output).toMatchObject({ httpCode: '502', reference });
			expect(output.errorDescription).toContain('It was NOT sent again');
		}
	});

	test('one batch per item: a failure on item 2 does not repeat it, and item 3 still goes with Continue On Fail', async () => {
		const result = await run(fixture, {
			parameters: { ...PER_ITEM, recipients: '={{ $json.phone }}' },
			items: [{ phone: '46703000021' }, { phone: '46703000022' }, { phone: '46703000023' }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		fixture.sandbox.control.clearRequests();
		// Item 1 passes (latency fault used up), item 2 meets a 503 after processing, item 3 is fine.
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'latency', ms: 10 });
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 503, process: true });
		const again = await run(fixture, {
			parameters: { ...PER_ITEM, recipients: '={{ $json.phone }}' },
			items: [{ phone: '46703000021' }, { phone: '46703000022' }, { phone: '46703000023' }],
			continueOnFail: true,
		});
		expect(sentBodies(fixture).map((body) => body.recipients)).toEqual([['46703000021'], ['46703000022'], ['46703000023']]);
		const outputs = jsonOf(again);
		expect(outputs[0].batchId).toEqual(expect.any(String));
		expect(outputs[1]).toMatchObject({ httpCode: '503' });
		expect(outputs[1].errorDescription).toContain(`reference "${sentBodies(fixture)[1].reference as string}"`);
		expect(outputs[2].batchId).toEqual(expect.any(String));
	});
});

describe('a send IS retried when the API certainly did not take it', () => {
	test('429: retried after Retry-After, one batch', async () => {
		const before = batchCount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 429, headers: { 'retry-after': '1' } });
		const started = Date.now();
		const result = await run(fixture, { parameters: PER_ITEM });
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(batchCount()).toBe(before + 1);
		expect(sentBodies(fixture)[0]).toEqual(sentBodies(fixture)[1]);
	});

	test('refused connections: retried until the API listens again, one batch', async () => {
		const before = batchCount();
		await fixture.sandbox.control.refuseConnectionsFor(1200);
		const result = await run(fixture, { parameters: PERSONALISED, items: PEOPLE });
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(1);
		expect(batchCount()).toBe(before + 1);
		expect(jsonOf(result).map((output) => output.batchId)).toEqual([expect.any(String), jsonOf(result)[0].batchId]);
	});
});
