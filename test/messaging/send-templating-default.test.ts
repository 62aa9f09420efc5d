import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../harness/sandbox';
import { SEND, jsonOf, run, sentBodies } from './helpers';

const fixture = useSandbox();

beforeEach(() => fixture.sandbox.control.clearRequests());

const NO_DEFAULTS: INodeParameters = {
	...SEND,
	mode: 'personalised',
	recipients: '={{ $json.phone }}',
	message: 'Hi {name}, see you {day}',
	personalisation: {
		values: [
			{ name: 'name', value: '={{ $json.name }}' },
			{ name: 'day', value: '={{ $json.day }}' },
		],
	},
};

describe('the templating dictionary always carries `default`', () => {
	test('no Default Values: `default` is sent as an empty object (required by one reading, a no-op under the legacy rule)', async () => {
		const items = [
			{ phone: '46706000001', name: 'Ann', day: 'Monday' },
			{ phone: '46706000002', name: 'Bo', day: '' },
		];
		const result = await run(fixture, { parameters: NO_DEFAULTS, items });
		expect(result.error).toBeUndefined();
		const [body] = sentBodies(fixture);
		expect(body.recipients).toEqual({
			'46706000001': { name: 'Ann', day: 'Monday' },
			'46706000002': { name: 'Bo', day: '' },
			default: {},
		});
		// The texts the sandbox (legacy rule) produced are the ones the output promises.
		const state = fixture.sandbox.control.state(fixture.sandbox.token);
		for (const output of jsonOf(result)) {
			expect(state.messages.find((message) => message.id === output.messageId)?.body).toBe(output.text);
		}
		expect(jsonOf(result).map((output) => output.text)).toEqual(['Hi Ann, see you Monday', 'Hi Bo, see you ']);
		// The output shows no defaults that were not set.
		expect(((jsonOf(result)[0].detail as IDataObject).request as IDataObject).defaults).toBeUndefined();
	});

	test('a text without placeholders in personalised mode still sends the dictionary with `default`', async () => {
		const result = await run(fixture, {
			parameters: { ...NO_DEFAULTS, message: 'Shop opens at 9', personalisation: {} },
			items: [{ phone: '46706000011' }],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)[0].recipients).toEqual({ '46706000011': {}, default: {} });
	});
});
