import { useSandbox } from '../harness/sandbox';
import { expectInputError, jsonOf, pairedIndexes, requestsTo, run, runOk } from './helpers';

const fixture = useSandbox();
const SENDER = { resource: 'sender' };

describe('Sender', () => {
	test('Register puts the sender in the path with no body, and outputs the sender document', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		const output = await runOk({ credentials, parameters: { ...SENDER, operation: 'register', sender: 'MyShop' } });
		expect(output).toEqual([{ sender: 'MyShop', created: expect.any(String) }]);
		const [put] = requestsTo(fixture, 'PUT', '/v2/me/senders/MyShop');
		expect(put.body).toBeUndefined();
		expect(fixture.sandbox.control.countRequests({ method: 'PUT', path: '/v2/me/senders' })).toBe(0);
		expect(fixture.sandbox.control.state(credentials.apiToken).senders.map((entry) => entry.sender)).toContain('MyShop');
	});

	test('Register falls back to PUT /v2/me/senders { sender } when the path form does not exist (405)', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		fixture.sandbox.control.addFault({ method: 'PUT', path: '/v2/me/senders/Shop2', kind: 'status', status: 405 });
		const output = await runOk({ credentials, parameters: { ...SENDER, operation: 'register', sender: 'Shop2' } });
		fixture.sandbox.control.clearFaults();
		expect(output).toEqual([{ sender: 'Shop2', created: expect.any(String) }]);
		expect(requestsTo(fixture, 'PUT', '/v2/me/senders').map((request) => request.body)).toEqual([{ sender: 'Shop2' }]);
	});

	test('Register does not fall back on other errors (403 stays an error)', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		fixture.sandbox.control.addFault({ method: 'PUT', path: '/v2/me/senders/Shop3', kind: 'status', status: 403 });
		const result = await run({ credentials, parameters: { ...SENDER, operation: 'register', sender: 'Shop3' } });
		fixture.sandbox.control.clearFaults();
		expect(result.error?.message).toMatch(/iP.1 API error 403/);
		expect(fixture.sandbox.control.countRequests({ method: 'PUT', path: '/v2/me/senders' })).toBe(0);
	});

	test('sender names are validated before any request, for every operation', async () => {
		const credentials = fixture.newAccount();
		const cases: Array<[string, string, RegExp]> = [
			['register', 'My Shop', /may only contain the letters A–Z/],
			['register', 'ab', /must be 3 to 11 letters or digits/],
			['register', 'TwelveChars1', /must be 3 to 11 letters or digits/],
			['register', '4670123456789012', /as a number may have at most 15 digits/],
			['register', 'Bräd', /may only contain the letters A–Z/],
			['get', 'x y', /may only contain/],
			['unregister', 'a/b', /may only contain/],
		];
		for (const [operation, name, rule] of cases) {
			const parameter = operation === 'register' ? 'sender' : 'registeredSender';
			const error = await expectInputError(fixture, { credentials, parameters: { ...SENDER, operation, [parameter]: name } });
			expect(error.message).toMatch(rule);
			expect(error.description).toMatch(/Trial accounts send as iP1 or iP1sms/);
		}
	});

	test('Get, Get Many and Unregister', async () => {
		const credentials = fixture.newAccount();
		await runOk({
			credentials,
			parameters: { ...SENDER, operation: 'register', sender: '={{ $json.name }}' },
			items: [{ name: 'Zeta' }, { name: 'Alpha' }, { name: '46701234567' }],
		});
		const one = await runOk({ credentials, parameters: { ...SENDER, operation: 'get', registeredSender: 'Alpha' } });
		expect(one).toEqual([{ sender: 'Alpha', created: expect.any(String) }]);

		const all = await runOk({ credentials, parameters: { ...SENDER, operation: 'getAll', returnAll: true } });
		expect(all.map((entry) => entry.sender)).toEqual(['46701234567', 'Alpha', 'Zeta', 'iP1', 'iP1sms']);
		const two = await runOk({ credentials, parameters: { ...SENDER, operation: 'getAll', limit: 2 } });
		expect(two.map((entry) => entry.sender)).toEqual(['46701234567', 'Alpha']);

		const removed = await runOk({ credentials, parameters: { ...SENDER, operation: 'unregister', registeredSender: 'Zeta' } });
		expect(removed).toEqual([{ sender: 'Zeta', created: expect.any(String), unregistered: true }]);
		const missing = await run({ credentials, parameters: { ...SENDER, operation: 'get', registeredSender: 'Zeta' } });
		expect(missing.error?.message).toMatch(/iP.1 API error 404/);
	});

	test('Continue On Fail: valid senders are registered, invalid ones return their error, paired', async () => {
		const credentials = fixture.newAccount();
		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: { ...SENDER, operation: 'register', sender: '={{ $json.name }}' },
			items: [{ name: 'Good1' }, { name: 'bad name' }, { name: 'Good2' }],
		});
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result)).toEqual([[0], [1], [2]]);
		const output = jsonOf(result);
		expect(output.map((entry) => entry.sender ?? entry.error)).toEqual([
			'Good1',
			expect.stringMatching(/^Item 1: "Sender" may only contain/),
			'Good2',
		]);
	});
});
