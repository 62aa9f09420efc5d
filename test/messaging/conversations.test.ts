import type { IDataObject } from 'n8n-workflow';

import type { SandboxCredentials } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { SEND, expectInputError, jsonOf, run } from './helpers';

const fixture = useSandbox();
const PARTICIPANT = '46706000001';

/** Two messages to the participant, one from them, one to someone else; the first one delivered. */
async function converse(credentials: SandboxCredentials): Promise<void> {
	for (const [recipients, message] of [
		[PARTICIPANT, 'Your table is booked'],
		['46706000099', 'Not part of the conversation'],
	]) {
		const result = await run(fixture, { parameters: { ...SEND, recipients, message }, credentials });
		expect(result.error).toBeUndefined();
	}
	await fixture.sandbox.control.advance(15_000);
	await fixture.sandbox.control.injectInbound({ token: credentials.apiToken, from: PARTICIPANT, body: 'Thanks! Can we be 5?' });
	const reply = await run(fixture, { parameters: { ...SEND, recipients: PARTICIPANT, message: 'Yes, see you at 7' }, credentials });
	expect(reply.error).toBeUndefined();
}

async function getMessages(credentials: SandboxCredentials, extra: IDataObject): Promise<IDataObject[]> {
	const result = await run(fixture, {
		parameters: { resource: 'conversation', operation: 'getMessages', participant: PARTICIPANT, returnAll: true, ...extra },
		credentials,
	});
	expect(result.error).toBeUndefined();
	return jsonOf(result);
}

describe('Conversation', () => {
	let credentials: SandboxCredentials;
	beforeAll(async () => {
		credentials = fixture.newAccount();
		await converse(credentials);
	});

	test('Get Messages, all: both directions, newest first, statuses decoded', async () => {
		const messages = await getMessages(credentials, {});
		expect(messages.map((message) => [message.direction, message.body])).toEqual([
			['mt', 'Yes, see you at 7'],
			['mo', 'Thanks! Can we be 5?'],
			['mt', 'Your table is booked'],
		]);
		expect(messages[2].status).toMatchObject({ code: 201, name: 'DeliveredToHandset', delivered: true, final: true });
	});

	test('Get Messages: outgoing only (mt), incoming only (mo), oldest first, limit', async () => {
		expect((await getMessages(credentials, { direction: 'mt', order: 'ASC' })).map((message) => message.body)).toEqual([
			'Your table is booked',
			'Yes, see you at 7',
		]);
		expect((await getMessages(credentials, { direction: 'mo' })).map((message) => [message.direction, message.sender])).toEqual([
			['mo', PARTICIPANT],
		]);
		const limited = await getMessages(credentials, { returnAll: false, limit: 1 });
		expect(limited.map((message) => message.body)).toEqual(['Yes, see you at 7']);
		expect(fixture.sandbox.control.requests.at(-1)?.query).toMatchObject({ limit: '1', order: 'DESC' });
	});

	test('the participant may be written like any phone number; national numbers need the default country code', async () => {
		for (const participant of ['+46 70-600 00 01', '0046 (0)70 600 00 01']) {
			const messages = await getMessages(credentials, { participant });
			expect(messages).toHaveLength(3);
			expect(fixture.sandbox.control.requests.at(-1)?.path).toBe(`/v2/conversations/${PARTICIPANT}`);
		}
		expect(await getMessages(credentials, { participant: '070 600 00 01', options: { defaultCountryCode: '46' } })).toHaveLength(3);
		const error = await expectInputError(fixture, {
			parameters: { resource: 'conversation', operation: 'getMessages', participant: '070 600 00 01', returnAll: true },
			credentials,
		});
		expect(error.message).toMatch(/^Item 0: "Participant" is a national number/);
		const bad = await expectInputError(fixture, {
			parameters: { resource: 'conversation', operation: 'getSummary', participant: '../batches' },
			credentials,
		});
		expect(bad.message).toMatch(/"Participant" may only contain digits/);
	});

	test('Get Summary: totals, and outgoing/incoming counts per status decoded', async () => {
		const result = await run(fixture, { parameters: { resource: 'conversation', operation: 'getSummary', participant: PARTICIPANT }, credentials });
		expect(result.error).toBeUndefined();
		const [summary] = jsonOf(result);
		expect(summary).toMatchObject({ participant: PARTICIPANT, totalMessageCount: 3, totalSmsCount: 3 });
		expect(summary.outgoing).toMatchObject({ totalMessages: 2, delivered: 1, failed: 0, pending: 1 });
		expect((summary.outgoing as IDataObject).statuses).toEqual([
			expect.objectContaining({ code: 101, name: 'Accepted', messages: 1 }),
			expect.objectContaining({ code: 201, name: 'DeliveredToHandset', messages: 1 }),
		]);
		expect(summary.incoming).toMatchObject({ totalMessages: 1 });
		expect(summary.mobileTerminatedMessages).toEqual({ '101': { messages: 1, sms: 1 }, '201': { messages: 1, sms: 1 } });
	});

	test('an alphanumeric participant is used as it is', async () => {
		const result = await run(fixture, { parameters: { resource: 'conversation', operation: 'getSummary', participant: 'iP1sms' }, credentials });
		expect(result.error).toBeUndefined();
		expect(fixture.sandbox.control.requests.at(-1)?.path).toBe('/v2/conversations/iP1sms/summary');
		expect(jsonOf(result)[0]).toMatchObject({ participant: 'iP1sms', totalMessageCount: 0 });
	});
});
