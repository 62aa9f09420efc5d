import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox, type FaultSpec, type SandboxHandle, type SandboxVariants } from '../../sandbox';
import { jsonOf, runNode, type RunNodeResult } from '../harness/engine';

/*
 * The fault matrix of "exactly once" (issue 18): every fault a send can meet on its way to iP.1, in
 * every send mode, with n8n's Retry On Fail on and off, through n8n-core's engine. Each case has a
 * sandbox of its own (faults are sandbox-wide) and counts the SMS each recipient got there.
 */

jest.setTimeout(180_000);

type Mode = 'one' | 'many' | 'combined' | 'chunksWithReference' | 'personalised1of3' | 'personalised2of3';

const PER_ITEM: INodeParameters = { resource: 'sms', operation: 'send', sender: 'iP1', recipients: '={{ $json.phones }}', message: '={{ $json.text }}' };
const PERSONALISED: INodeParameters = {
	resource: 'sms',
	operation: 'send',
	sender: 'iP1',
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {name}',
	personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
	options: { recipientsPerRequest: 3 },
};

/** The parameters, input items and recipients of a mode; `post` is the POST the fault hits (1-based). */
function scenario(mode: Mode): { parameters: INodeParameters; items: IDataObject[]; recipients: string[]; post: number } {
	if (mode === 'chunksWithReference') {
		// One item, its recipients in three requests of two, all with the user's own reference.
		const recipients = Array.from({ length: 6 }, (_, index) => `4670340000${index}`);
		const parameters = { ...PER_ITEM, options: { recipientsPerRequest: 2, reference: 'order-7' } };
		return { parameters, items: [{ phones: recipients.join(', '), text: 'Your order' }], recipients, post: 2 };
	}
	if (mode === 'one' || mode === 'many' || mode === 'combined') {
		const count = mode === 'one' ? 1 : 3;
		const items = Array.from({ length: count }, (_, index) => ({ phones: `4670310${index}001, 4670310${index}002`, text: `Alert ${index}` }));
		// many: a batch per item; combined: the 3 items' 6 recipients in 2 requests of 3, each with two items' texts.
		const options = mode === 'many' ? { combineItems: false } : mode === 'combined' ? { recipientsPerRequest: 3 } : {};
		return { parameters: { ...PER_ITEM, options }, items, recipients: items.flatMap((item) => item.phones.split(', ')), post: mode === 'one' ? 1 : 2 };
	}
	const items = Array.from({ length: 9 }, (_, index) => ({ phone: `467032000${index + 10}`, name: `P${index}` }));
	return { parameters: PERSONALISED, items, recipients: items.map((item) => item.phone), post: mode === 'personalised1of3' ? 1 : 2 };
}

/** A fault without its target (every member of the union keeps its own fields). */
type PostFault = FaultSpec extends infer Spec ? (Spec extends FaultSpec ? Omit<Spec, 'method' | 'path'> : never) : never;

interface Fault {
	name: string;
	/** On the POST of the scenario. */
	post?: PostFault;
	/** Other faults, in order. */
	others?: FaultSpec[];
	/** Wall-clock ms the sandbox keeps a new batch out of its lists. */
	listingLagMs?: number;
}

const POST_FAULTS: Fault[] = [
	{ name: 'dropped before iP.1 took it', post: { kind: 'drop' } },
	{ name: 'dropped after iP.1 took it', post: { kind: 'drop', process: true } },
	...[500, 502, 503].flatMap((status): Fault[] => [
		{ name: `${status} before iP.1 took it`, post: { kind: 'status', status } },
		{ name: `${status} after iP.1 took it`, post: { kind: 'status', status, process: true } },
	]),
	{ name: '429', post: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } },
	{ name: 'dropped after iP.1 took it, listed 3 s later', post: { kind: 'drop', process: true }, listingLagMs: 3000 },
];

/** The first lookup fails (a 500 on each of the transport's 3 attempts at a read), the next one works. */
const LOOKUP_FAILS_ONCE: Fault = {
	name: 'dropped after iP.1 took it, and the lookup fails',
	post: { kind: 'drop', process: true },
	others: [{ method: 'GET', path: /^\/v2\/conversations\//, kind: 'status', status: 500, times: 3 }],
};

interface Outcome {
	result: RunNodeResult;
	/** SMS per recipient at the sandbox. */
	received: Map<string, number>;
}

async function runCase(mode: Mode, fault: Fault, retryOnFail: boolean, variants: Partial<SandboxVariants> = {}): Promise<Outcome> {
	const sandbox = await startSandbox({ variants });
	try {
		const { parameters, items, post } = scenario(mode);
		applyFaults(sandbox, fault, post);
		const result = await runNode({
			parameters,
			items,
			credentials: { apiToken: sandbox.token, baseUrl: sandbox.url },
			retryOnFail: retryOnFail ? { maxTries: 3, waitBetweenTries: 1000 } : undefined,
		});
		return { result, received: receivedBy(sandbox) };
	} finally {
		await sandbox.close();
	}
}

function applyFaults(sandbox: SandboxHandle, fault: Fault, post: number): void {
	const { control } = sandbox;
	// Earlier POSTs pass (a zero latency fault is used up by each).
	for (let before = 1; before < post; before++) control.addFault({ method: 'POST', path: '/v2/batches', kind: 'latency', ms: 0 });
	if (fault.post) control.addFault({ method: 'POST', path: '/v2/batches', ...fault.post } as FaultSpec);
	for (const other of fault.others ?? []) control.addFault(other);
	if (fault.listingLagMs) control.setListingLag(fault.listingLagMs);
}

function receivedBy(sandbox: SandboxHandle): Map<string, number> {
	const received = new Map<string, number>();
	for (const message of sandbox.control.state(sandbox.token).messages) received.set(message.recipient, (received.get(message.recipient) ?? 0) + 1);
	return received;
}

function expectEachOnce(outcome: Outcome, recipients: string[]): void {
	expect(Object.fromEntries(outcome.received)).toEqual(Object.fromEntries(recipients.map((recipient) => [recipient, 1])));
}

/** Every recipient in the output once, with the batch id and message id iP.1 gave it. */
function expectOutputsComplete(outcome: Outcome, recipients: string[]): void {
	const outputs = jsonOf(outcome.result);
	expect(outputs.map((output) => output.to).sort()).toEqual([...recipients].sort());
	for (const output of outputs) {
		expect(output.batchId).toEqual(expect.any(String));
		expect(output.messageId).toEqual(expect.any(String));
	}
}

const MODES: Mode[] = ['one', 'many', 'combined', 'chunksWithReference', 'personalised1of3', 'personalised2of3'];
const CASES = MODES.flatMap((mode) => [...POST_FAULTS, LOOKUP_FAILS_ONCE].flatMap((fault) => [false, true].map((retryOnFail) => ({ mode, fault, retryOnFail }))));

/** Runs cases a few at a time (each waits out its own faults), in a stable order. */
async function runAll(cases: typeof CASES, concurrency = 6): Promise<Outcome[]> {
	const outcomes: Outcome[] = new Array(cases.length);
	let next = 0;
	const lane = async (): Promise<void> => {
		while (next < cases.length) {
			const index = next++;
			const { mode, fault, retryOnFail } = cases[index];
			outcomes[index] = await runCase(mode, fault, retryOnFail);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
	return outcomes;
}

describe('exactly once: every fault × every mode × Retry On Fail off and on', () => {
	let outcomes: Outcome[] = [];
	beforeAll(async () => {
		outcomes = await runAll(CASES);
	}, 900_000);

	test.each(CASES.map((entry, index) => [entry.mode, entry.fault.name, entry.retryOnFail ? 'on' : 'off', index] as const))(
		'%s, %s, Retry On Fail %s: each recipient gets one SMS',
		(mode, faultName, retryOnFail, index) => {
			const outcome = outcomes[index];
			const { recipients } = scenario(mode);
			const lookupFails = faultName === LOOKUP_FAILS_ONCE.name;
			if (lookupFails && retryOnFail === 'off') {
				// Cannot tell: the honest error, nothing sent twice, and the request that failed was taken.
				expect(outcome.result.error?.description).toContain('It was NOT sent again');
				expect(Math.max(...outcome.received.values())).toBe(1);
				expect(outcome.received.size).toBeGreaterThan(0);
				return;
			}
			expectEachOnce(outcome, recipients);
			expect(outcome.result.error).toBeUndefined();
			expectOutputsComplete(outcome, recipients);
		},
	);
});

describe('Retry On Fail after a clear refusal: what an earlier try sent is not sent again', () => {
	test.each(['many', 'combined', 'personalised2of3'] as const)('%s: a 400 on the second POST, then the next try sends the rest', async (mode) => {
		const sandbox = await startSandbox();
		try {
			const { parameters, items, recipients, post } = scenario(mode);
			applyFaults(sandbox, { name: '400', post: { kind: 'status', status: 400 } }, post);
			const result = await runNode({
				parameters: { ...parameters, simplify: false },
				items,
				credentials: { apiToken: sandbox.token, baseUrl: sandbox.url },
				retryOnFail: { maxTries: 3, waitBetweenTries: 200 },
			});
			expect(result.error).toBeUndefined();
			expectEachOnce({ result, received: receivedBy(sandbox) }, recipients);
			expectOutputsComplete({ result, received: new Map() }, recipients);
			const shapes = jsonOf(result).map((output) => ((output.detail as IDataObject).response as IDataObject).shape);
			// The first try's batches come from iP.1's records; the rest from the second try's own answers.
			expect(shapes).toContain('sentInEarlierTry');
			expect(shapes).toContain('messages');
			// Every batch POSTed once, the refused one twice.
			const batches = sandbox.control.state(sandbox.token).batches.length;
			expect(sandbox.control.countRequests({ method: 'POST', path: '/v2/batches' })).toBe(batches + 1);
		} finally {
			await sandbox.close();
		}
	});
});

describe('a retried execution (the executions list\'s Retry) sends nothing twice', () => {
	test.each(MODES)('%s: the failed execution sent part, its retry sends the rest, each recipient once', async (mode) => {
		const sandbox = await startSandbox();
		try {
			const { parameters, items, recipients, post } = scenario(mode);
			// The failing POST was taken, and looking it up fails for good: the execution fails, honestly.
			applyFaults(sandbox, { name: 'fails', post: { kind: 'drop', process: true } }, post);
			sandbox.control.addFault({ method: 'GET', path: /^\/v2\/conversations\//, kind: 'status', status: 500, times: 3 });
			const credentials = { apiToken: sandbox.token, baseUrl: sandbox.url };
			const failed = await runNode({ parameters, items, credentials });
			expect(failed.error?.description).toContain('It was NOT sent again');
			const sentBeforeRetry = sandbox.control.state(sandbox.token).messages.length;
			expect(sentBeforeRetry).toBeGreaterThan(0);

			const retried = await runNode({ parameters, items, credentials, retryOf: failed.run });
			expect(retried.error).toBeUndefined();
			expect(retried.run.mode).toBe('retry');
			expectEachOnce({ result: retried, received: receivedBy(sandbox) }, recipients);
			expectOutputsComplete({ result: retried, received: new Map() }, recipients);
		} finally {
			await sandbox.close();
		}
	});

	test('a new execution of the same input (tomorrow\'s identical alert) is sent again, with another reference', async () => {
		const sandbox = await startSandbox();
		try {
			const { parameters, items } = scenario('one');
			const credentials = { apiToken: sandbox.token, baseUrl: sandbox.url };
			const first = await runNode({ parameters, items, credentials });
			const second = await runNode({ parameters, items, credentials });
			expect(receivedBy(sandbox).get('46703100001')).toBe(2);
			expect(jsonOf(first)[0].reference).not.toBe(jsonOf(second)[0].reference);
		} finally {
			await sandbox.close();
		}
	});
});

describe('under every reading of the API that the lookup depends on', () => {
	const READINGS: Array<Partial<SandboxVariants>> = [
		{ sendResponse: 'batch' },
		{ sendResponse: 'batchWithMessages' },
		{ sendResponse: 'idOnly' },
		{ sendResponse: 'empty', sendStatus: 202 },
		{ pageSizeCap: 100, overCap: 'reject', linkHeader: 'none' },
		{ pageSizeCap: 100, overCap: 'clamp', linkHeader: 'relative' },
		{ timestamps: 'zoneless', responseEnums: 'integers', errorBody: 'text' },
		{ timestamps: 'offset', pagedLists: 'core' },
	];
	test.each(READINGS)('%o: a send dropped after iP.1 took it is found, each recipient once, outputs complete', async (variants) => {
		const { recipients } = scenario('many');
		const outcome = await runCase('many', POST_FAULTS[1], false, variants);
		expect(outcome.result.error).toBeUndefined();
		expectEachOnce(outcome, recipients);
		expectOutputsComplete(outcome, recipients);
	});

	test('a number with more SMS since the send than the lookup reads: it cannot tell, and says so', async () => {
		const sandbox = await startSandbox();
		try {
			const credentials = { apiToken: sandbox.token, baseUrl: sandbox.url };
			// 250 earlier SMS to the number, all within the send's clock window.
			for (let index = 0; index < 250; index++) {
				await fetch(`${sandbox.url}/v2/batches`, {
					method: 'POST',
					headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
					body: JSON.stringify({ sender: 'iP1', recipients: ['46703500001'], body: `Earlier ${index}` }),
				});
			}
			sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'drop' });
			const result = await runNode({ parameters: PER_ITEM, items: [{ phones: '46703500001', text: 'Now' }], credentials });
			expect(result.error?.description).toContain('got more than 200 SMS from this account since the send started');
			expect(result.error?.description).toContain('It was NOT sent again');
			expect(sandbox.control.state(sandbox.token).messages.filter((message) => message.body === 'Now')).toHaveLength(0);
		} finally {
			await sandbox.close();
		}
	});
});

describe('what is looked up, and what it costs', () => {
	test('a send without faults makes no lookup: one POST per batch, nothing else', async () => {
		const sandbox = await startSandbox();
		try {
			const { parameters, items } = scenario('many');
			await runNode({ parameters, items, credentials: { apiToken: sandbox.token, baseUrl: sandbox.url } });
			expect(sandbox.control.countRequests()).toBe(3);
		} finally {
			await sandbox.close();
		}
	});

	test('with the user\'s own Reference (shared by other sends), the batch is told by its tag', async () => {
		const sandbox = await startSandbox();
		try {
			const credentials = { apiToken: sandbox.token, baseUrl: sandbox.url };
			const parameters = { ...PER_ITEM, options: { reference: 'order-42' } };
			const items = [{ phones: '46703300001', text: 'Your order shipped' }];
			// Yesterday's send with the same reference to the same number.
			await runNode({ parameters, items, credentials });
			sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'drop', process: true });
			const result = await runNode({ parameters, items, credentials });
			expect(result.error).toBeUndefined();
			expect(receivedBy(sandbox).get('46703300001')).toBe(2);
			const batches = sandbox.control.state(sandbox.token).batches;
			const ours = batches[batches.length - 1];
			expect(ours.reference).toBe('order-42');
			expect(ours.tags).toEqual([expect.stringMatching(/^n8n-[0-9a-f]{16}$/)]);
			expect(jsonOf(result)[0]).toMatchObject({ batchId: ours.id, reference: 'order-42' });
		} finally {
			await sandbox.close();
		}
	});

	test('a dropped send iP.1 never took is looked up until the settle time, then sent again, once', async () => {
		const sandbox = await startSandbox();
		try {
			const { parameters, items, recipients } = scenario('one');
			sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'drop' });
			const started = Date.now();
			const result = await runNode({ parameters, items, credentials: { apiToken: sandbox.token, baseUrl: sandbox.url } });
			expect(result.error).toBeUndefined();
			expect(Date.now() - started).toBeGreaterThanOrEqual(7_000);
			expectEachOnce({ result, received: receivedBy(sandbox) }, recipients);
			expect(sandbox.control.countRequests({ method: 'POST', path: '/v2/batches' })).toBe(2);
			// Looked up at 0.5, 1.5, 3.5 and 7.5 s: one conversation read each.
			expect(sandbox.control.countRequests({ method: 'GET', path: /^\/v2\/conversations\/46703100001\/mt$/ })).toBe(4);
		} finally {
			await sandbox.close();
		}
	});
});
