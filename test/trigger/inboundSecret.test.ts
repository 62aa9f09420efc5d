import type { IDataObject } from 'n8n-workflow';

import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { useSandbox } from '../harness/sandbox';
import { ApiProxy } from './harness/apiProxy';
import {
	callbackUrl,
	newHost,
	post,
	registeredSecret,
	setCallbackUrl,
	settingsRequests,
	useWebhookServer,
	withSecretParam,
} from './harness/fixtures';
import type { TriggerHost } from './harness/triggerHost';

/*
 * The inbound secret is derived from the credential's API token and the trigger's identity, so the
 * webhook can recompute it without the workflow's static data. n8n registers the production webhook
 * before create() runs and saves static data only after activation: a callback in that window sees
 * the static data of before the activation.
 */

const fixture = useSandbox();
const web = useWebhookServer();
const OTHER_URL = 'https://crm.example.com/ip1/inbound?token=crm-private-token';

beforeEach(() => forgetSeenEvents());

const inbound = (id: string) => ({ id, sender: '46712345678', recipient: '46700000000', body: 'Hi', direction: 'mo' });

async function injectAndSettle(token: string, body: string): Promise<void> {
	await fixture.sandbox.control.injectInbound({ token, from: '46712345678', body });
	await fixture.sandbox.control.settle();
}

const deliveryStatuses = (host: TriggerHost) =>
	fixture.sandbox.control.webhookDeliveries.filter((d) => d.url.startsWith(host.productionUrl)).map((d) => d.status);

describe('the first callback after activation', () => {
	test('an inbound SMS that arrives while n8n is still activating (static data not saved yet) is accepted', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate('activate', {
			beforeStaticDataSaved: async () => {
				expect(callbackUrl(fixture.sandbox, account)).toMatch(/\?secret=/);
				await injectAndSettle(account.apiToken, 'First text');
			},
		});
		await host.idle();
		expect(deliveryStatuses(host)).toEqual([200]);
		expect(host.executions).toMatchObject([{ mode: 'production', collected: [{ event: 'inboundSms', body: 'First text' }] }]);
		await host.deactivate();
	});

	test('the same holds when n8n restarts and re-registers (the setting was changed meanwhile)', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		await host.activate('init', { beforeStaticDataSaved: async () => await injectAndSettle(account.apiToken, 'Again') });
		await host.idle();
		expect(deliveryStatuses(host)).toEqual([200]);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});
});

describe('a callback during activation and the record of what was replaced', () => {
	// n8n saves each webhook call's static data when the call ends: a call that began with the static
	// data of before the activation can overwrite what the activation saved.
	test('a first SMS whose static data is saved after the activation\'s does not wipe the record: deactivation restores', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		let release: () => void = () => undefined;
		await host.activate('activate', {
			beforeStaticDataSaved: async () => {
				release = host.holdWebhookSaves();
				await injectAndSettle(account.apiToken, 'First text');
			},
		});
		release();
		await host.idle();
		expect(deliveryStatuses(host)).toEqual([200]);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});

	test('nor does an SMS arriving while n8n re-registers with a new API key', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const proxy = new ApiProxy(fixture.sandbox.url);
		await proxy.start();
		try {
			proxy.aliasToken(`${account.apiToken}-new`, account.apiToken);
			const host = newHost(web.server, { apiToken: account.apiToken, baseUrl: proxy.url }, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
			await host.activate();
			host.setCredentials({ apiToken: `${account.apiToken}-new`, baseUrl: proxy.url });
			let release: () => void = () => undefined;
			await host.activate('init', {
				beforeStaticDataSaved: async () => {
					release = host.holdWebhookSaves();
					await injectAndSettle(account.apiToken, 'During the restart');
				},
			});
			release();
			await host.idle();
			expect(deliveryStatuses(host)).toEqual([200]);
			await host.deactivate();
			expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
		} finally {
			await proxy.close();
		}
	});
});

describe('what the secret is bound to', () => {
	test('no secret is kept in static data: only a fingerprint of what was registered', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		const secret = registeredSecret(fixture.sandbox, account) as string;
		expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(JSON.stringify(host.productionStaticData)).not.toContain(secret);
		expect(host.nodeStaticData.inboundSecret).toBeUndefined();
		await host.deactivate();
	});

	test('the test URL and the production URL get different secrets, stable across sessions, and neither opens the other', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.listenForTestEvent();
		const testSecret = registeredSecret(fixture.sandbox, account) as string;
		await host.stopListening();
		await host.listenForTestEvent();
		expect(registeredSecret(fixture.sandbox, account)).toBe(testSecret);
		await host.stopListening();

		await host.activate();
		const productionSecret = registeredSecret(fixture.sandbox, account) as string;
		expect(productionSecret).not.toBe(testSecret);
		expect((await post(withSecretParam(host.productionUrl, testSecret), inbound('x1'))).status).toBe(401);
		await host.listenForTestEvent();
		expect((await post(withSecretParam(host.testUrl, productionSecret), inbound('x2'))).status).toBe(401);
		expect((await post(withSecretParam(host.testUrl, testSecret), inbound('x3'))).status).toBe(200);
		await host.idle();
		expect(host.executions.map((run) => [run.mode, run.collected[0].id])).toEqual([['test', 'x3']]);
		expect(callbackUrl(fixture.sandbox, account)).toBe(`${withSecretParam(host.productionUrl, productionSecret)}&ip1Questions=none`);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBeUndefined();
	});

	test('a copy of the workflow (another workflow id, static data copied along) has its own secret and does not accept the original\'s', async () => {
		const account = fixture.newAccount();
		const original = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await original.activate();
		const originalSecret = registeredSecret(fixture.sandbox, account) as string;
		const exported = JSON.parse(JSON.stringify(original.productionStaticData)) as IDataObject;
		await original.deactivate();

		// Imported as a new workflow: same nodes and webhook ID, another workflow id, the exported static data.
		const copy = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' }, { webhookId: original.webhookId });
		copy.productionStaticData = exported;
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		await copy.activate();
		const copySecret = registeredSecret(fixture.sandbox, account) as string;
		expect(copySecret).not.toBe(originalSecret);
		expect((await post(withSecretParam(copy.productionUrl, originalSecret), inbound('c1'))).status).toBe(401);
		expect((await post(withSecretParam(copy.productionUrl, copySecret), inbound('c2'))).status).toBe(200);
		await copy.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});
});

describe('when the webhook cannot read the credential', () => {
	test('the secret registered with iP.1 is still accepted, and the log says why only that one', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		const registered = callbackUrl(fixture.sandbox, account) as string;
		host.setCredentials({ apiToken: ' ', baseUrl: account.baseUrl });
		expect((await post(registered, inbound('k1'))).status).toBe(200);
		expect((await post(withSecretParam(host.productionUrl, 'guess'), inbound('k2'))).status).toBe(401);
		await host.idle();
		expect(host.executions.map((run) => run.collected[0].id)).toEqual(['k1']);
		expect(host.warnings.join('\n')).toContain('could not read the iP.1 SMS API credential to check an inbound SMS (The iP.1 SMS API credential has no API token); only the secret registered with iP.1 is accepted');
		host.setCredentials(account);
		await host.deactivate();
	});

	test('activation without an API token fails before any request', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, { apiToken: '', baseUrl: account.baseUrl }, { events: ['inboundSms'] });
		const before = fixture.sandbox.control.countRequests();
		await expect(host.activate()).rejects.toThrow('The iP.1 SMS API credential has no API token');
		expect(fixture.sandbox.control.countRequests()).toBe(before);
	});
});

describe('a new API key in the credential', () => {
	let proxy: ApiProxy;
	beforeAll(async () => {
		proxy = new ApiProxy(fixture.sandbox.url);
		await proxy.start();
	});
	afterAll(async () => await proxy.close());

	test('the registered URL keeps working until n8n checks again; then it is re-registered with the new key\'s secret, what it replaced kept', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const rotatedKey = `${account.apiToken}-rotated`;
		proxy.aliasToken(rotatedKey, account.apiToken);
		const host = newHost(web.server, { apiToken: account.apiToken, baseUrl: proxy.url }, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate();
		const oldSecret = registeredSecret(fixture.sandbox, account) as string;

		host.setCredentials({ apiToken: rotatedKey, baseUrl: proxy.url });
		await injectAndSettle(account.apiToken, 'Before the restart');
		await host.idle();
		expect(deliveryStatuses(host)).toEqual([200]);

		const puts = settingsRequests(fixture.sandbox, account, 'PUT').length;
		await host.activate('init', { beforeStaticDataSaved: async () => await injectAndSettle(account.apiToken, 'During the restart') });
		expect(settingsRequests(fixture.sandbox, account, 'PUT')).toHaveLength(puts + 1);
		const newSecret = registeredSecret(fixture.sandbox, account) as string;
		expect(newSecret).not.toBe(oldSecret);
		await injectAndSettle(account.apiToken, 'After the restart');
		await host.idle();
		expect(deliveryStatuses(host)).toEqual([200, 200, 200]);
		expect(host.executions.map((run) => run.collected[0].body).sort()).toEqual(['After the restart', 'Before the restart', 'During the restart']);
		expect((await post(withSecretParam(host.productionUrl, oldSecret), inbound('r1'))).status).toBe(401);

		await host.activate('init');
		expect(settingsRequests(fixture.sandbox, account, 'PUT')).toHaveLength(puts + 1);
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});
});
