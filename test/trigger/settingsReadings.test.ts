import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { useSandbox } from '../harness/sandbox';
import { callbackUrl, newHost, setCallbackUrl, useWebhookServer } from './harness/fixtures';
import type { SandboxHandle } from '../../sandbox';

/*
 * The settings endpoints are undocumented in path, PUT body and answer shapes (ip1-api.md §10,
 * ambiguity 14): the trigger registers, restores and receives under every reading the sandbox offers.
 */

const web = useWebhookServer();
const OTHER_URL = 'https://crm.example.com/ip1/inbound';

const readings = [
	// Each reading alone, then with the others.
	{ settingsPut: 'bareString' },
	{ settingsPath: 'unversioned' },
	{ settingsPath: 'unversioned', settingsPut: 'bareString', settingsBody: 'pascalArray', deleteResponse: 'body' },
	{ settingsPath: 'v2', settingsPut: 'valueObject', settingsBody: 'array', deleteResponse: 'noContent' },
	{ settingsPath: 'unversioned', settingsPut: 'valueObject', settingsBody: 'object', deleteResponse: 'documented' },
] as const;

beforeEach(() => forgetSeenEvents());

describe.each(readings)('settings reading %j', (variants) => {
	const fixture = useSandbox({ variants });

	async function injectAndSettle(sandbox: SandboxHandle, token: string, body: string): Promise<void> {
		await sandbox.control.injectInbound({ token, from: '46712345678', body });
		await sandbox.control.settle();
	}

	test('takes over, receives the first SMS during activation, restores on deactivation', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate('activate', {
			beforeStaticDataSaved: async () => await injectAndSettle(fixture.sandbox, account.apiToken, 'First'),
		});
		expect(callbackUrl(fixture.sandbox, account)).toMatch(new RegExp(`^${host.productionUrl}\\?secret=`));
		await host.activate('init');
		await host.idle();
		expect(host.executions.map((run) => run.collected[0].body)).toEqual(['First']);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});

	test('removes the setting it created when nothing was set before', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		expect(callbackUrl(fixture.sandbox, account)).toMatch(new RegExp(`^${host.productionUrl}\\?secret=`));
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBeUndefined();
	});
});
