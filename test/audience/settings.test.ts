import { useSandbox } from '../harness/sandbox';
import { expectInputError, jsonOf, pairedIndexes, requestsTo, run, runOk } from './helpers';

const fixture = useSandbox();
const SETTING = { resource: 'setting' };
const URL = 'https://example.com/webhook/sms';

describe('Setting', () => {
	test('Set validates IncomingCallbackUrl, sends { value } with PUT and outputs { key, value }', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		const output = await runOk({
			credentials,
			parameters: { ...SETTING, operation: 'set', settingKey: 'IncomingCallbackUrl', value: URL },
		});
		expect(output).toEqual([{ key: 'IncomingCallbackUrl', value: URL, isSet: true }]);
		const [put] = requestsTo(fixture, 'PUT', '/v2/me/sms/settings/IncomingCallbackUrl');
		expect(put.body).toEqual({ value: URL });
		expect(fixture.sandbox.control.state(credentials.apiToken).settings).toEqual({ IncomingCallbackUrl: URL });
	});

	test('IncomingCallbackUrl must be an absolute http(s) URL: refused before any request', async () => {
		const credentials = fixture.newAccount();
		for (const value of ['example.com/sms', '/webhook/sms', 'ftp://example.com/sms', 'https://', 'mailto:a@example.com']) {
			const error = await expectInputError(fixture, {
				credentials,
				parameters: { ...SETTING, operation: 'set', settingKey: 'IncomingCallbackUrl', value },
			});
			expect(error.message).toMatch(/"Value" must be an absolute http\(s\) URL/);
		}
		const error = await expectInputError(fixture, {
			credentials,
			parameters: { ...SETTING, operation: 'set', settingKey: 'Incoming Callback', value: URL },
		});
		expect(error.message).toMatch(/"Setting" must be a setting name/);
	});

	test('Get returns { key, value, isSet }; a setting never set (404) is value null, not an error', async () => {
		const credentials = fixture.newAccount();
		const unset = await runOk({ credentials, parameters: { ...SETTING, operation: 'get', settingKey: 'IncomingCallbackUrl' } });
		expect(unset).toEqual([{ key: 'IncomingCallbackUrl', value: null, isSet: false }]);
		await runOk({ credentials, parameters: { ...SETTING, operation: 'set', settingKey: 'IncomingCallbackUrl', value: URL } });
		const set = await runOk({ credentials, parameters: { ...SETTING, operation: 'get', settingKey: 'IncomingCallbackUrl' } });
		expect(set).toEqual([{ key: 'IncomingCallbackUrl', value: URL, isSet: true }]);
	});

	test('Get Many outputs one { key, value } item per setting from the API\'s object map', async () => {
		const credentials = fixture.newAccount();
		expect(await runOk({ credentials, parameters: { ...SETTING, operation: 'getAll', returnAll: true } })).toEqual([]);
		await runOk({ credentials, parameters: { ...SETTING, operation: 'set', settingKey: 'IncomingCallbackUrl', value: URL } });
		const output = await runOk({ credentials, parameters: { ...SETTING, operation: 'getAll', returnAll: true } });
		expect(output).toEqual([{ key: 'IncomingCallbackUrl', value: URL }]);
	});

	test('Get Many accepts the array shape [{ Key, Value }] as well and outputs the same items', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.addFault({
			method: 'GET',
			path: '/v2/me/sms/settings',
			kind: 'status',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify([
				{ Key: 'IncomingCallbackUrl', Value: URL },
				{ key: 'OtherSetting', value: 'on' },
			]),
		});
		const output = await runOk({ credentials, parameters: { ...SETTING, operation: 'getAll', returnAll: true } });
		fixture.sandbox.control.clearFaults();
		expect(output).toEqual([
			{ key: 'IncomingCallbackUrl', value: URL },
			{ key: 'OtherSetting', value: 'on' },
		]);
	});

	test('Delete removes the setting (204) and outputs that it is no longer set', async () => {
		const credentials = fixture.newAccount();
		await runOk({ credentials, parameters: { ...SETTING, operation: 'set', settingKey: 'IncomingCallbackUrl', value: URL } });
		const output = await runOk({ credentials, parameters: { ...SETTING, operation: 'delete', settingKey: 'IncomingCallbackUrl' } });
		expect(output).toEqual([{ key: 'IncomingCallbackUrl', value: null, isSet: false, deleted: true }]);
		expect(fixture.sandbox.control.state(credentials.apiToken).settings).toEqual({});
	});

	test('Continue On Fail: a bad URL is returned with its error, a good one is set, paired', async () => {
		const credentials = fixture.newAccount();
		const result = await run({
			credentials,
			continueOnFail: true,
			parameters: { ...SETTING, operation: 'set', settingKey: 'IncomingCallbackUrl', value: '={{ $json.url }}' },
			items: [{ url: 'not a url' }, { url: URL }],
		});
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result)).toEqual([[0], [1]]);
		expect(jsonOf(result)[0].error).toMatch(/Item 0: "Value" must be an absolute http\(s\) URL/);
		expect(jsonOf(result)[1]).toEqual({ key: 'IncomingCallbackUrl', value: URL, isSet: true });
	});
});
