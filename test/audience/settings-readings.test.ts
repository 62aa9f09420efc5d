import type { SandboxVariants } from '../../sandbox';
import { runNode } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { requestsTo, runOk } from './helpers';

const SETTING = { resource: 'setting' };
const URL = 'https://example.com/webhook/sms';
const OTHER_URL = 'https://example.com/webhook/other';

/**
 * The settings path and the PUT body are undocumented (ambiguity 14). Under every reading the four
 * operations work, and what is learnt for one credential is reused, not probed again.
 */
describe.each<[string, Partial<SandboxVariants>]>([
	['as the sandbox reads it by default', {}],
	['settingsPut=bareString', { settingsPut: 'bareString' }],
	['settingsPut=valueObject', { settingsPut: 'valueObject' }],
	['settingsPath=v2', { settingsPath: 'v2' }],
	['settingsPath=unversioned', { settingsPath: 'unversioned' }],
	['settingsPath=unversioned, settingsPut=bareString, settingsBody=pascalArray', { settingsPath: 'unversioned', settingsPut: 'bareString', settingsBody: 'pascalArray' }],
])('Settings, reading %s', (_name, variants) => {
	const fixture = useSandbox({ variants });

	test('Get (not set), Set, Get, Get Many, Set again, Delete: each works and the account holds what was set', async () => {
		const credentials = fixture.newAccount();
		const key = { settingKey: 'IncomingCallbackUrl' };
		expect(await runOk({ credentials, parameters: { ...SETTING, operation: 'get', ...key } })).toEqual([
			{ key: 'IncomingCallbackUrl', value: null, isSet: false },
		]);
		expect(await runOk({ credentials, parameters: { ...SETTING, operation: 'set', ...key, value: URL } })).toEqual([
			{ key: 'IncomingCallbackUrl', value: URL, isSet: true },
		]);
		expect(fixture.sandbox.control.state(credentials.apiToken).settings).toEqual({ IncomingCallbackUrl: URL });
		expect(await runOk({ credentials, parameters: { ...SETTING, operation: 'get', ...key } })).toEqual([
			{ key: 'IncomingCallbackUrl', value: URL, isSet: true },
		]);
		expect(await runOk({ credentials, parameters: { ...SETTING, operation: 'getAll', returnAll: true } })).toEqual([
			{ key: 'IncomingCallbackUrl', value: URL },
		]);

		fixture.sandbox.control.clearRequests();
		await runOk({ credentials, parameters: { ...SETTING, operation: 'set', ...key, value: OTHER_URL } });
		// Learnt: the second Set goes straight out in the form and on the path that worked.
		const puts = fixture.sandbox.control.requests.filter((request) => request.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0].status).toBe(200);
		expect(fixture.sandbox.control.state(credentials.apiToken).settings).toEqual({ IncomingCallbackUrl: OTHER_URL });

		expect(await runOk({ credentials, parameters: { ...SETTING, operation: 'delete', ...key } })).toEqual([
			{ key: 'IncomingCallbackUrl', value: null, isSet: false, deleted: true },
		]);
		expect(fixture.sandbox.control.state(credentials.apiToken).settings).toEqual({});
	});
});

describe('Settings: an invalid value refused under every PUT form reports both answers in the API\'s words', () => {
	const fixture = useSandbox({ variants: { settingsPut: 'bareString' } });

	test('a value the API refuses in both forms', async () => {
		const credentials = fixture.newAccount();
		fixture.sandbox.control.clearRequests();
		const rejection = { kind: 'status' as const, method: 'PUT', path: '/v2/me/sms/settings/IncomingCallbackUrl', status: 400 };
		fixture.sandbox.control.addFault({ ...rejection, body: JSON.stringify({ title: 'One or more validation errors occurred.', errors: { value: ['Send the value as a bare JSON string.'] } }), contentType: 'application/problem+json' });
		fixture.sandbox.control.addFault({ ...rejection, body: JSON.stringify({ title: 'One or more validation errors occurred.', errors: { value: ['That host is not allowed.'] } }), contentType: 'application/problem+json' });
		const result = await runNode({
			credentials,
			parameters: { ...SETTING, operation: 'set', settingKey: 'IncomingCallbackUrl', value: URL },
		});
		const text = `${result.error?.message}\n${result.error?.description}`;
		expect(text).toContain('Send the value as a bare JSON string.');
		expect(text).toContain('That host is not allowed.');
		expect(requestsTo(fixture, 'PUT', '/v2/me/sms/settings/IncomingCallbackUrl')).toHaveLength(2);
		expect(fixture.sandbox.control.state(credentials.apiToken).settings).toEqual({});
	});
});
