import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SandboxVariants } from '../../sandbox';
import { normaliseEnum } from '../../nodes/shared/dialect/enums';
import type { SandboxCredentials } from '../harness/engine';
import { useSandbox, type SandboxFixture } from '../harness/sandbox';
import { SEND, jsonOf, pairedIndexes, postCount, run, sentBodies } from './helpers';

// Both send modes under every value of the switches that change what POST /v2/batches accepts or
// answers (sandbox/README.md): each works, and shows what iP.1 stored, or fails loudly in the API's words.

type Reading = Partial<SandboxVariants>;

const SINGLE_SWITCHES: Array<[string, Reading]> = [
	...(['messages', 'batch', 'batchWithMessages', 'idOnly', 'empty'] as const).map((value): [string, Reading] => [`sendResponse=${value}`, { sendResponse: value }]),
	...([201, 200, 202] as const).map((value): [string, Reading] => [`sendStatus=${value}`, { sendStatus: value }]),
	...(['both', 'strings', 'integers'] as const).map((value): [string, Reading] => [`requestEnums=${value}`, { requestEnums: value }]),
	...(['optional', 'required'] as const).map((value): [string, Reading] => [`templatingDefault=${value}`, { templatingDefault: value }]),
	...(['perMessage', 'request'] as const).map((value): [string, Reading] => [`senderRegistration=${value}`, { senderRegistration: value }]),
	...(['smallest', 'requested'] as const).map((value): [string, Reading] => [`gsmFittingText=${value}`, { gsmFittingText: value }]),
	...(['documented', 'integers', 'lowercase', 'uppercase'] as const).map((value): [string, Reading] => [`responseEnums=${value}`, { responseEnums: value }]),
];

/** Readings that disagree with the sandbox's defaults on everything a send touches at once. */
const HOSTILE: Array<[string, Reading]> = [
	[
		'strings only, empty 202 answer, default required, requested coding, integer responses, whole-request sender check',
		{ requestEnums: 'strings', sendResponse: 'empty', sendStatus: 202, templatingDefault: 'required', gsmFittingText: 'requested', responseEnums: 'integers', senderRegistration: 'request' },
	],
	// The refusal of the first form carries no words the node can read: the repeat does not depend on them.
	['strings only, errors as HTML pages', { requestEnums: 'strings', errorBody: 'html' }],
	['strings only, errors as plain text, default required', { requestEnums: 'strings', errorBody: 'text', templatingDefault: 'required' }],
	[
		'integers only, bare {id} answer, 200, uppercase responses, default required',
		{ requestEnums: 'integers', sendResponse: 'idOnly', sendStatus: 200, responseEnums: 'uppercase', templatingDefault: 'required', gsmFittingText: 'requested' },
	],
];

// 77 characters: 1 part in GSM-7, 2 in UCS-2 once an emoji is added.
const GSM_TEXT = 'Your parcel is ready at the Main Street store. Bring ID, open 9-18 every day.';
const PERSONALISED: INodeParameters = {
	...SEND,
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {name}, your table is ready',
	personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
};
const PEOPLE = [
	{ phone: '46707100001', name: 'Ann' },
	{ phone: '46707100002', name: 'Zoë 😀' },
	{ phone: '46707100003', name: 'Åsa' },
];

/** Every output (one per recipient) matches what the sandbox stored: batch, message, text, encoding and parts. */
function expectOutputsMatchStore(fixture: SandboxFixture, credentials: SandboxCredentials, outputs: IDataObject[]): void {
	const state = fixture.sandbox.control.state(credentials.apiToken);
	for (const output of outputs) {
		expect(output.error).toBeUndefined();
		const batch = state.batches.find((entry) => entry.id === output.batchId);
		expect(batch).toBeDefined();
		const stored = state.messages.filter((message) => message.batchId === output.batchId && message.recipient === output.to);
		expect(stored).toHaveLength(1);
		const [message] = stored;
		expect(output.messageId).toBe(message.id);
		expect(message.body).toBe(output.text);
		expect(normaliseEnum('datacoding', message.datacoding)).toBe(output.encoding);
		expect(message.segments).toBe(output.segments);
		expect(output.detail).toMatchObject({ billedEncoding: output.encoding, billedSegments: output.segments });
		expect(output.warnings).toBeUndefined();
	}
}

describe.each([...SINGLE_SWITCHES, ...HOSTILE])('reading %s', (_label, variants) => {
	const fixture = useSandbox({ variants });

	beforeEach(() => {
		fixture.sandbox.control.clearRequests();
		fixture.sandbox.control.clearFaults();
	});

	test('one batch per item: sent, and the output is what iP.1 stored', async () => {
		const credentials = fixture.newAccount();
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '={{ $json.to }}', message: '={{ $json.text }}' },
			items: [{ to: '46707000101, 46707000102', text: GSM_TEXT }, { to: '46707000103', text: `${GSM_TEXT} 👍` }],
			credentials,
		});
		expect(result.error).toBeUndefined();
		const outputs = jsonOf(result);
		expect(outputs.map((output) => [output.to, output.encoding, output.segments])).toEqual([
			['46707000101', 'gsm', 1],
			['46707000102', 'gsm', 1],
			['46707000103', 'ucs', 2],
		]);
		expect(pairedIndexes(result)).toEqual([0, 0, 1]);
		expectOutputsMatchStore(fixture, credentials, outputs);
		// Enum form: a refused first form costs one repeat on the credential's first send only.
		const types = sentBodies(fixture).map((body) => typeof body.type);
		const expectedTypes = variants.requestEnums === 'strings' ? ['number', 'string', 'string'] : ['number', 'number'];
		expect(types).toEqual(expectedTypes);
	});

	test('personalised, no Default Values: sent, and every output is what iP.1 stored', async () => {
		const credentials = fixture.newAccount();
		const result = await run(fixture, { parameters: PERSONALISED, items: PEOPLE, credentials });
		expect(result.error).toBeUndefined();
		const outputs = jsonOf(result);
		expect(outputs.map((output) => [output.text, output.encoding])).toEqual([
			['Hi Ann, your table is ready', 'gsm'],
			['Hi Zoë 😀, your table is ready', 'ucs'],
			['Hi Åsa, your table is ready', 'gsm'],
		]);
		expectOutputsMatchStore(fixture, credentials, outputs);
		for (const body of sentBodies(fixture)) expect((body.recipients as IDataObject).default).toEqual({});
	});

	test('an unregistered sender: accepted and reported per message, or refused loudly in the API\'s words', async () => {
		const credentials = fixture.newAccount();
		const result = await run(fixture, { parameters: { ...SEND, sender: 'Acme', recipients: '46707000111', message: 'Hello' }, credentials });
		const state = fixture.sandbox.control.state(credentials.apiToken);
		const wholeRequest = variants.senderRegistration === 'request';
		if (!wholeRequest) {
			expect(result.error).toBeUndefined();
			expect(state.batches).toHaveLength(1);
			return;
		}
		expect(state.batches).toHaveLength(0);
		expect(`${result.error?.message}\n${result.error?.description}`).toMatch(/Acme/);
		expect(postCount(fixture)).toBeLessThanOrEqual(2);
	});
});

describe('reading validationStatus=422 with strings only', () => {
	// A 422 is a validation refusal like a 400: nothing was carried out, so the send may go once more in the other form.
	const fixture = useSandbox({ variants: { requestEnums: 'strings', validationStatus: 422 } });

	test('the send is repeated once in strings and goes out', async () => {
		const credentials = fixture.newAccount();
		const result = await run(fixture, { parameters: { ...SEND, recipients: '46707000121', message: 'Hello' }, credentials });
		expect(result.error).toBeUndefined();
		expect(postCount(fixture)).toBe(2);
		expect(fixture.sandbox.control.state(credentials.apiToken).batches).toHaveLength(1);
	});
});
