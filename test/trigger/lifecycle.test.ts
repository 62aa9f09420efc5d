import { useSandbox } from '../harness/sandbox';
import {
	callbackUrl,
	markDay,
	newHost,
	registeredSecret,
	setCallbackUrl,
	settingsRequests,
	STRONG_SECRET,
	useWebhookServer,
} from './harness/fixtures';

const fixture = useSandbox();
const web = useWebhookServer();
const OTHER_URL = 'https://crm.example.com/ip1/inbound?token=crm-private-token';

describe('inbound SMS: production activation and deactivation', () => {
	test('points the callback URL at the production URL with a secret, and removes it again when nothing was set', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		const secret = registeredSecret(fixture.sandbox, account) as string;
		expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		// `ip1Questions=none`: nothing was set, so no Send and Wait question can be waiting (docs/twoway.md).
		expect(callbackUrl(fixture.sandbox, account)).toBe(`${host.productionUrl}?secret=${secret}&ip1Questions=none`);
		expect(host.warnings.join('\n')).toContain('is only reachable from this machine, so iP.1 cannot deliver inbound SMS to it');

		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBeUndefined();
		expect(settingsRequests(fixture.sandbox, account, 'DELETE')).toHaveLength(1);
		expect(host.nodeStaticData.registrations).toBeUndefined();
	});

	test('activating and deactivating again and again leaves nothing behind and keeps its secret', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		const urls = new Set<string>();
		for (let round = 0; round < 5; round++) {
			await host.activate();
			urls.add(callbackUrl(fixture.sandbox, account) as string);
			await host.deactivate();
			expect(callbackUrl(fixture.sandbox, account)).toBeUndefined();
		}
		expect(urls.size).toBe(1);
		expect(settingsRequests(fixture.sandbox, account, 'PUT')).toHaveLength(5);
		expect(settingsRequests(fixture.sandbox, account, 'DELETE')).toHaveLength(5);
	});

	test('an n8n restart finds its registration (checkExists) and writes nothing', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		const registered = callbackUrl(fixture.sandbox, account);
		const putsBefore = settingsRequests(fixture.sandbox, account, 'PUT').length;
		await host.activate('init');
		await host.activate('init');
		expect(settingsRequests(fixture.sandbox, account, 'PUT')).toHaveLength(putsBefore);
		expect(callbackUrl(fixture.sandbox, account)).toBe(registered);
		await host.deactivate();
	});

	test('checkExists is exact: the same URL with another secret is registered again', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		const registered = callbackUrl(fixture.sandbox, account) as string;
		await setCallbackUrl(fixture.sandbox, account, `${host.productionUrl}?secret=guessed-secret&ip1Questions=none`);
		await host.activate('init');
		expect(callbackUrl(fixture.sandbox, account)).toBe(registered);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBeUndefined();
	});
});

describe('inbound SMS: another callback URL is already set', () => {
	test('fails by default, naming the URL that is set (secrets masked), and changes nothing', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await expect(host.activate()).rejects.toThrow(
			'iP.1 already sends inbound SMS to another URL: https://crm.example.com/ip1/inbound?token=…',
		);
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
		expect(settingsRequests(fixture.sandbox, account, 'PUT')).toHaveLength(1); // the test's own
		expect(host.nodeStaticData.registrations).toBeUndefined();
	});

	test('"take over" replaces it and restores exactly that URL on deactivation', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate();
		expect(callbackUrl(fixture.sandbox, account)).toMatch(new RegExp(`^${host.productionUrl}\\?secret=`));
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
		// Round two restores it again.
		await host.activate();
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});

	test('a URL changed by someone else while active is left alone on deactivation', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
		expect(host.warnings.join('\n')).toContain("left the account's IncomingCallbackUrl unchanged");
		expect(host.warnings.join('\n')).not.toContain('crm-private-token');
	});
});

describe('inbound SMS: static data lost while the account points at the trigger', () => {
	test('deactivation leaves the callback URL alone (what it replaced is unknown) and says how to set it', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate();
		const registered = callbackUrl(fixture.sandbox, account) as string;
		host.productionStaticData = {}; // e.g. the workflow was restored from a backup without static data
		await host.activate('init');
		expect(callbackUrl(fixture.sandbox, account)).toBe(registered);

		const writes = settingsRequests(fixture.sandbox, account).filter((request) => request.method !== 'GET').length;
		await host.deactivate();
		expect(settingsRequests(fixture.sandbox, account, 'DELETE')).toHaveLength(0);
		expect(settingsRequests(fixture.sandbox, account).filter((request) => request.method !== 'GET')).toHaveLength(writes);
		expect(callbackUrl(fixture.sandbox, account)).toBe(registered);
		const warning = host.warnings.join('\n');
		expect(warning).toContain("left the account's IncomingCallbackUrl pointing at this trigger");
		expect(warning).toContain('Settings for incoming SMS');
		expect(warning).toContain('Setting → Set');
		expect(warning).not.toContain(new URL(registered).searchParams.get('secret') as string);
		expect(host.nodeStaticData.registrations).toBeUndefined();
	});

	test('a test session that finds its own URL left behind leaves it alone too', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.listenForTestEvent();
		const leftBehind = callbackUrl(fixture.sandbox, account) as string;
		// n8n stopped while listening: the next session starts with empty static data.
		const restarted = newHost(web.server, account, { events: ['inboundSms'] }, { webhookId: host.webhookId, workflowId: host.workflowId });
		await restarted.listenForTestEvent();
		await restarted.stopListening();
		expect(callbackUrl(fixture.sandbox, account)).toBe(leftBehind);
		expect(settingsRequests(fixture.sandbox, account, 'DELETE')).toHaveLength(0);
		expect(restarted.warnings.join('\n')).toContain("left the account's IncomingCallbackUrl pointing at this trigger");
	});
});

describe('inbound SMS: test URL vs production URL', () => {
	test('listening for a test event registers the test URL with its own secret, and stopping restores what was there', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.listenForTestEvent();
		const testSecret = registeredSecret(fixture.sandbox, account) as string;
		// Taken over from another URL without a questions mark: questions may have been asked through it (a proxy),
		// so replies are looked up for the full reach of a question asked now (31 days, rounded to the day).
		expect(callbackUrl(fixture.sandbox, account)).toBe(`${host.testUrl}?secret=${testSecret}&ip1Questions=${markDay(31)}`);
		expect(host.productionStaticData).toEqual({}); // the test session never touches production data
		await host.stopListening();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);

		await host.activate();
		expect(registeredSecret(fixture.sandbox, account)).not.toBe(testSecret);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});

	test('testing while the workflow is active fails by default and names the production URL', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		const production = callbackUrl(fixture.sandbox, account);
		await expect(host.listenForTestEvent()).rejects.toThrow(
			`iP.1 already sends inbound SMS to this workflow's production URL (${host.productionUrl}?secret=…&ip1Questions=none)`,
		);
		expect(callbackUrl(fixture.sandbox, account)).toBe(production);
		expect(host.isListening).toBe(false);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBeUndefined();
	});

	test('with "take over", a test borrows the callback from production and gives it back exactly', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate();
		const production = callbackUrl(fixture.sandbox, account);
		await host.listenForTestEvent();
		expect(callbackUrl(fixture.sandbox, account)).toMatch(new RegExp(`^${host.testUrl}\\?secret=`));
		await host.stopListening();
		expect(callbackUrl(fixture.sandbox, account)).toBe(production);
		// Production still owns it: a restart finds it, deactivation removes it.
		const puts = settingsRequests(fixture.sandbox, account, 'PUT').length;
		await host.activate('init');
		expect(settingsRequests(fixture.sandbox, account, 'PUT')).toHaveLength(puts);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBeUndefined();
	});

	test('a test URL left behind (n8n stopped while listening) is taken over on activation without asking, and left as it is on deactivation', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.listenForTestEvent();
		const leftBehind = callbackUrl(fixture.sandbox, account) as string;
		expect(leftBehind.startsWith(host.testUrl)).toBe(true);

		// Same node after an n8n restart: the test session and its static data are gone, and with them
		// the record of what the test replaced.
		const restarted = newHost(web.server, account, { events: ['inboundSms'] }, { webhookId: host.webhookId });
		await restarted.activate();
		const registered = callbackUrl(fixture.sandbox, account) as string;
		expect(registered).toMatch(new RegExp(`^${restarted.productionUrl}\\?secret=`));
		expect(restarted.warnings.join('\n')).toContain('already points at this trigger');
		await restarted.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(registered);
		expect(settingsRequests(fixture.sandbox, account, 'DELETE')).toHaveLength(0);
		expect(restarted.warnings.join('\n')).toContain('Setting → Set');
	});

});

describe('configuration and errors', () => {
	test('a delivery-report-only trigger never touches the account settings', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, account, { events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET });
		await host.activate();
		await host.listenForTestEvent();
		await host.stopListening();
		await host.deactivate();
		expect(settingsRequests(fixture.sandbox, account)).toHaveLength(1); // the test's own PUT
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});

	test('a weak Delivery Report Secret stops the activation before any request', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms', 'deliveryReport'], deliveryReportSecret: 'short' });
		await expect(host.activate()).rejects.toThrow('The Delivery Report Secret is too weak');
		expect(settingsRequests(fixture.sandbox, account)).toHaveLength(0);
	});

	test('deactivation goes by what was registered, even after the events were changed', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		host.setParameters({ events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET });
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBeUndefined();
	});

	test('re-activated with Inbound SMS no longer selected, it gives the callback URL back', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate();
		host.setParameters({ events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET });
		await host.activate('update'); // n8n re-adds the webhook of the new version without a delete first
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
		expect(host.nodeStaticData.registrations).toBeUndefined();
		const requests = settingsRequests(fixture.sandbox, account).length;
		await host.activate('init');
		await host.deactivate();
		expect(settingsRequests(fixture.sandbox, account)).toHaveLength(requests);
	});

	test('a failed restore surfaces as an error and is retried on the next deactivation', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate();
		fixture.sandbox.control.addFault({ kind: 'status', status: 500, method: 'PUT', path: '/v2/me/sms/settings' });
		await expect(host.deactivate()).rejects.toThrow('iP.1 API error 500');
		expect(host.nodeStaticData.registrations).toBeDefined();
		fixture.sandbox.control.clearFaults();
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});
});
