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

describe('a send is never duplicated (the fault matrix is send-exactly-once.test.ts)', () => {
	test.each([502, 503, 504])('%i after the API processed the send: one request, one batch, found by its reference', async (status) => {
		const before = batchCount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status, process: true });
		const result = await run(fixture, { parameters: PER_ITEM });
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(1);
		expect(batchCount()).toBe(before + 1);
		const reference = sentBodies(fixture)[0].reference as string;
		const sent = fixture.sandbox.control.state(fixture.sandbox.token).batches.find((batch) => batch.reference === reference);
		expect(jsonOf(result)[0]).toMatchObject({ batchId: sent?.id, reference, detail: { response: { shape: 'foundByReference' } } });
	});

	test('when the lookup cannot tell, the error names the reference and says nothing was sent again', async () => {
		const before = batchCount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'drop', process: true });
		fixture.sandbox.control.addFault({ method: 'GET', path: /^\/v2\/conversations\//, kind: 'status', status: 500, times: 3 });
		const result = await run(fixture, { parameters: PER_ITEM });
		expect(postCount(fixture)).toBe(1);
		expect(batchCount()).toBe(before + 1);
		// n8n's NodeApiError replaces the message of a reset connection with its own wording; the hint stays ours.
		expect(result.error?.message).toMatch(/Could not reach the iP\.1 API|connection to the server was closed/);
		expect(result.error?.description).toContain('It was NOT sent again');
		expect(result.error?.description).toContain(`reference "${sentBodies(fixture)[0].reference as string}"`);
		expect(result.error?.description).toContain('Looking the batch up by its reference could not tell whether iP.1 took it');
		expect(result.error?.description).toContain('iP.1 API error 500');
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

	test('personalised: a 502 after processing is found by its reference; every item gets its batch', async () => {
		const before = batchCount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 502, process: true });
		const result = await run(fixture, { parameters: PERSONALISED, items: PEOPLE, continueOnFail: true });
		expect(postCount(fixture)).toBe(1);
		expect(batchCount()).toBe(before + 1);
		const reference = sentBodies(fixture)[0].reference as string;
		const outputs = jsonOf(result);
		expect(outputs).toHaveLength(2);
		for (const output of outputs) expect(output).toMatchObject({ batchId: expect.any(String), reference });
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
