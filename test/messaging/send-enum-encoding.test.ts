import type { INodeParameters } from 'n8n-workflow';

import type { SandboxCredentials } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, postCount, run, sentBodies } from './helpers';

// The sandbox of this file accepts both encodings; an API that takes only one of them is imitated
// by 400 answers in its words (faults act before the request is carried out: nothing is created).
// test/messaging/send-readings.test.ts runs the same flows against the sandbox's own readings.
const fixture = useSandbox();

const PER_ITEM: INodeParameters = { ...SEND, recipients: '46705000001', message: 'Enum test' };
const PERSONALISED: INodeParameters = {
	...SEND,
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {name}',
	personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
};

/** ASP.NET without a string enum converter, given "sms": the conversion error of System.Text.Json. */
const STRINGS_REFUSED = problem({
	'$.type': ['The JSON value could not be converted to Ip1.Sms.SmsType. Path: $.type | LineNumber: 0 | BytePositionInLine: 61.'],
});
/** An API that validates the documented names only, given 1. */
const INTEGERS_REFUSED = problem({ type: ["type must be 'sms' or 'flash'."], datacoding: ["datacoding must be 'gsm' or 'ucs'."] });
const SENDER_REFUSED = problem({ sender: ["Sender 'Acme' is not registered on this account."] });

function problem(errors: Record<string, string[]>): string {
	return JSON.stringify({ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400, errors });
}

function refuseNextSend(body: string): void {
	fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 400, body, contentType: 'application/problem+json' });
}

function batchCount(credentials: SandboxCredentials): number {
	return fixture.sandbox.control.state(credentials.apiToken).batches.length;
}

beforeEach(() => {
	fixture.sandbox.control.clearFaults();
	fixture.sandbox.control.clearRequests();
});

describe('enum encoding of POST /v2/batches (integers or lowercase strings)', () => {
	test('an API that takes only strings: the refused send is repeated once with strings; later sends of the credential go out as strings at once', async () => {
		const credentials = fixture.newAccount();
		refuseNextSend(INTEGERS_REFUSED);
		const first = await run(fixture, { parameters: PER_ITEM, credentials });
		expect(first.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => [body.type, body.datacoding, body.priority])).toEqual([
			[1, 0, 1],
			['sms', 'gsm', 1],
		]);
		// The repeat is the same request in the other form: same reference, nothing else changed.
		const [refused, repeated] = sentBodies(fixture);
		expect({ ...repeated, type: 1, datacoding: 0 }).toEqual(refused);
		expect(batchCount(credentials)).toBe(1);
		expect(jsonOf(first)[0].batchId).toEqual(expect.any(String));

		fixture.sandbox.control.clearRequests();
		const later = await run(fixture, { parameters: { ...PER_ITEM, options: { type: 'flash' } }, credentials });
		expect(later.error).toBeUndefined();
		const personalised = await run(fixture, { parameters: PERSONALISED, items: [{ phone: '46705000002', name: 'Zoë 😀' }], credentials });
		expect(personalised.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => [body.type, body.datacoding])).toEqual([
			['flash', 'gsm'],
			['sms', 'ucs'],
		]);
		expect(batchCount(credentials)).toBe(3);
	});

	test('an API that takes only integers: integers go out first, nothing is repeated', async () => {
		const credentials = fixture.newAccount();
		const result = await run(fixture, { parameters: PER_ITEM, credentials });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => [body.type, body.datacoding])).toEqual([[1, 0]]);
	});

	test('both forms refused, the enum complaint first: the error is the API\'s other words, and says both forms were tried', async () => {
		const credentials = fixture.newAccount();
		refuseNextSend(STRINGS_REFUSED);
		refuseNextSend(SENDER_REFUSED);
		const result = await run(fixture, { parameters: PER_ITEM, credentials });
		expect(postCount(fixture)).toBe(2);
		expect(batchCount(credentials)).toBe(0);
		const shown = `${result.error?.message}\n${result.error?.description}`;
		expect(shown).toContain("Sender 'Acme' is not registered on this account.");
		expect(shown).not.toContain('could not be converted');
		expect(result.error?.description).toMatch(/both as integers and as strings/);
	});

	test('both forms refused, the enum complaint second: the first answer (about the sender) is reported', async () => {
		const credentials = fixture.newAccount();
		refuseNextSend(SENDER_REFUSED);
		refuseNextSend(INTEGERS_REFUSED);
		const result = await run(fixture, { parameters: PER_ITEM, credentials });
		expect(postCount(fixture)).toBe(2);
		const shown = `${result.error?.message}\n${result.error?.description}`;
		expect(shown).toContain("Sender 'Acme' is not registered on this account.");
		expect(shown).not.toContain("type must be 'sms'");
		// The integers were understood: the next refusal of this credential is not repeated.
		fixture.sandbox.control.clearRequests();
		refuseNextSend(SENDER_REFUSED);
		const again = await run(fixture, { parameters: PER_ITEM, credentials });
		expect(postCount(fixture)).toBe(1);
		expect(String(again.error?.description)).toContain('not registered');
	});

	test('once a form worked for a credential, a 400 is reported at once, never repeated', async () => {
		const credentials = fixture.newAccount();
		expect((await run(fixture, { parameters: PER_ITEM, credentials })).error).toBeUndefined();
		fixture.sandbox.control.clearRequests();
		refuseNextSend(SENDER_REFUSED);
		const result = await run(fixture, { parameters: PER_ITEM, credentials });
		expect(postCount(fixture)).toBe(1);
		expect(result.error?.message).toMatch(/iP\.1 API error 400/);
	});

	test.each([403, 409])('a %i is never an occasion to repeat a send in the other form', async (status) => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status, body: INTEGERS_REFUSED, contentType: 'application/problem+json' });
		const result = await run(fixture, { parameters: PER_ITEM, credentials });
		expect(postCount(fixture)).toBe(1);
		expect(result.error?.message).toContain(`iP.1 API error ${status}`);
	});

	test('a 500 (an unclear answer) is looked up, then sent again in the SAME form once iP.1 certainly did not take it', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'status', status: 500, body: INTEGERS_REFUSED, contentType: 'application/problem+json' });
		const result = await run(fixture, { parameters: PER_ITEM, credentials });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.type)).toEqual([1, 1]);
		expect(fixture.sandbox.control.state(credentials.apiToken).batches).toHaveLength(1);
	}, 30_000);

	test('personalised, Continue On Fail: the repeat in strings serves every item of the request', async () => {
		const credentials = fixture.newAccount();
		refuseNextSend(INTEGERS_REFUSED);
		const items = [
			{ phone: '46705000011', name: 'Ann' },
			{ phone: '46705000012', name: 'Bo' },
		];
		const result = await run(fixture, { parameters: PERSONALISED, items, credentials, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.type)).toEqual([1, 'sms']);
		const outputs = jsonOf(result);
		expect(outputs.map((output) => output.error)).toEqual([undefined, undefined]);
		expect(outputs[1].batchId).toBe(outputs[0].batchId);
		const state = fixture.sandbox.control.state(credentials.apiToken);
		expect(state.messages.map((message) => message.body).sort()).toEqual(['Hi Ann', 'Hi Bo']);
	});
});
