import { useSandbox } from '../harness/sandbox';
import { expectInputError, jsonOf, pairedIndexes, requestsTo, run, runOk } from './helpers';

const fixture = useSandbox();
const BLACKLIST = { resource: 'blacklist' };

describe('Blacklist', () => {
	test('Add normalises the number to MSISDN and uses PUT /v2/blacklist/{msisdn}', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		const output = await runOk({
			credentials,
			parameters: { ...BLACKLIST, operation: 'add', phoneNumber: '={{ $json.phone }}', options: { defaultCountryCode: '46' } },
			items: [{ phone: '+46 (0)70-354 11 90' }, { phone: '070 354 11 91' }, { phone: '0047 91234567' }],
		});
		expect(output.map((entry) => entry.msisdn)).toEqual(['46703541190', '46703541191', '4791234567']);
		expect(output[0]).toEqual({ msisdn: '46703541190', created: expect.any(String), blocked: true });
		expect(requestsTo(fixture, 'PUT', /^\/v2\/blacklist\//).map((request) => request.path)).toEqual([
			'/v2/blacklist/46703541190',
			'/v2/blacklist/46703541191',
			'/v2/blacklist/4791234567',
		]);
		const state = fixture.sandbox.control.state(credentials.apiToken).blacklist.map((entry) => entry.msisdn);
		expect(state.sort()).toEqual(['46703541190', '46703541191', '4791234567']);
	});

	test('Check: a blocked number → blocked true; a 404 → blocked false (not an error)', async () => {
		const credentials = fixture.newAccount();
		await runOk({ credentials, parameters: { ...BLACKLIST, operation: 'add', phoneNumber: '+46701234567' } });
		const result = await run({
			credentials,
			parameters: { ...BLACKLIST, operation: 'check', phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '0046701234567' }, { phone: '+46701234568' }],
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ msisdn: '46701234567', created: expect.any(String), blocked: true },
			{ msisdn: '46701234568', blocked: false },
		]);
		expect(pairedIndexes(result)).toEqual([[0], [1]]);
	});

	test('Check still fails on other API errors', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({ method: 'GET', path: '/v2/blacklist/', kind: 'status', status: 403, times: 1 });
		const result = await run({ credentials, parameters: { ...BLACKLIST, operation: 'check', phoneNumber: '+46701234567' } });
		fixture.sandbox.control.clearFaults();
		expect(result.error?.message).toMatch(/iP.1 API error 403/);
	});

	test('Get returns one entry; an unknown number is an API error', async () => {
		const credentials = fixture.newAccount();
		await runOk({ credentials, parameters: { ...BLACKLIST, operation: 'add', phoneNumber: '+46701234567' } });
		const output = await runOk({ credentials, parameters: { ...BLACKLIST, operation: 'get', phoneNumber: '+46 70 123 45 67' } });
		expect(output).toEqual([{ msisdn: '46701234567', created: expect.any(String) }]);
		const missing = await run({ credentials, parameters: { ...BLACKLIST, operation: 'get', phoneNumber: '+46701234568' } });
		expect(missing.error?.message).toMatch(/iP.1 API error 404/);
	});

	test('Get Many: Return All reads every page, Limit asks for no more than needed', async () => {
		const credentials = fixture.newAccount();
		await runOk({
			credentials,
			parameters: { ...BLACKLIST, operation: 'add', phoneNumber: '={{ $json.phone }}' },
			items: Array.from({ length: 60 }, (_, index) => ({ phone: `+46702${String(100000 + index)}` })),
		});
		fixture.sandbox.control.clearRequests();
		const all = await runOk({ credentials, parameters: { ...BLACKLIST, operation: 'getAll', returnAll: true } });
		expect(all).toHaveLength(60);
		expect(all[0]).toEqual({ msisdn: '46702100000', created: expect.any(String) });
		const some = await runOk({ credentials, parameters: { ...BLACKLIST, operation: 'getAll', limit: 7 } });
		expect(some).toHaveLength(7);
		// A first page shorter than asked may be the API's cap or the end: an empty page confirms the end.
		expect(requestsTo(fixture, 'GET', '/v2/blacklist').map((request) => request.query.limit)).toEqual(['1000', '60', '7']);
	});

	test('Remove unblocks the number', async () => {
		const credentials = fixture.newAccount();
		await runOk({ credentials, parameters: { ...BLACKLIST, operation: 'add', phoneNumber: '+46701234567' } });
		const output = await runOk({ credentials, parameters: { ...BLACKLIST, operation: 'remove', phoneNumber: '46701234567' } });
		expect(output).toEqual([{ msisdn: '46701234567', created: expect.any(String), removed: true }]);
		expect(fixture.sandbox.control.state(credentials.apiToken).blacklist).toEqual([]);
	});

	test('bad numbers are input errors before any request, for every operation', async () => {
		const credentials = fixture.newAccount();
		for (const operation of ['add', 'check', 'get', 'remove']) {
			const error = await expectInputError(fixture, {
				credentials,
				parameters: { ...BLACKLIST, operation, phoneNumber: '0701234567' },
			});
			expect(error.message).toMatch(/"Phone Number" is a national number/);
			expect(error.description).toMatch(/Default Country Code/);
		}
		// n8n itself refuses a required field left empty; blanks reach the node's own check.
		const error = await expectInputError(fixture, { credentials, parameters: { ...BLACKLIST, operation: 'add', phoneNumber: '  ' } });
		expect(error.message).toMatch(/"Phone Number" is empty/);
	});

	test('Continue On Fail: the good numbers are blocked, the bad one returns its error, paired', async () => {
		const credentials = fixture.newAccount();
		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: { ...BLACKLIST, operation: 'add', phoneNumber: '={{ $json.phone }}' },
			items: [{ phone: '+46701234567' }, { phone: 'x' }, { phone: '+46701234569' }],
		});
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result)).toEqual([[0], [1], [2]]);
		const output = jsonOf(result);
		expect(output[0].msisdn).toBe('46701234567');
		expect(output[1].error).toMatch(/Item 1: "Phone Number"/);
		expect(output[2].msisdn).toBe('46701234569');
	});
});
