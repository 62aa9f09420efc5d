/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- made-up secrets and tokens of test fixtures, not credentials */
import type { IDataObject } from 'n8n-workflow';

import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { runNode } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { ApiProxy } from './harness/apiProxy';
import {
	callbackUrl,
	leaksOf,
	newHost,
	post,
	registeredSecret,
	setCallbackUrl,
	STRONG_SECRET,
	useWebhookServer,
	withSecretParam,
} from './harness/fixtures';

/*
 * Secrets (the inbound secret, the Delivery Report Secret, `?secret=`/`token=` values of other URLs,
 * the API token) never reach what users and logs see: output items, execution data, answers to
 * callers, errors and logged text.
 */

const fixture = useSandbox();
const web = useWebhookServer();
const OTHER_TOKEN = 'crm-private-token-4f9a';
const OTHER_URL = `https://crm.example.com/ip1/inbound?token=${OTHER_TOKEN}`;
const SECOND = 1000;

beforeEach(() => forgetSeenEvents());

/** Everything an error shows or serialises. */
function errorText(error: unknown): string {
	const record = error as Error & IDataObject;
	return [record.message, record.description, record.messages, record.context, record.errorResponse, String(error), JSON.stringify(record)]
		.map((part) => (typeof part === 'string' ? part : JSON.stringify(part ?? '')))
		.join('\n');
}

test('a full inbound and delivery-report round trip leaves no secret in outputs, execution data, answers or logged text', async () => {
	const account = fixture.newAccount();
	await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
	const host = newHost(web.server, account, {
		events: ['inboundSms', 'deliveryReport'],
		deliveryReportSecret: STRONG_SECRET,
		ifCallbackUrlSet: 'takeOver',
	});
	await host.activate();
	const inboundSecret = registeredSecret(fixture.sandbox, account) as string;

	// Inbound: a real delivery, its retry, a refused and a malformed request.
	await fixture.sandbox.control.injectInbound({ token: account.apiToken, from: '46712345678', body: 'Hello' });
	await fixture.sandbox.control.settle();
	const delivery = fixture.sandbox.control.webhookDeliveries.find((d) => d.kind === 'inbound');
	expect(delivery?.status).toBe(200);
	const retry = await post(delivery?.url as string, delivery?.payload);
	const refused = await post(withSecretParam(host.productionUrl, `${inboundSecret.slice(0, -2)}xx`), delivery?.payload);
	const malformed = await post(withSecretParam(host.productionUrl, inboundSecret), 'not json', 'text/plain');
	expect([retry.status, refused.status, malformed.status]).toEqual([200, 401, 400]);

	// Delivery reports of a batch sent by the action node with the trigger's URL.
	const sent = await runNode({
		parameters: {
			resource: 'sms',
			operation: 'send',
			simplify: false,
			sender: 'iP1',
			recipients: '46700000001, 46700000405',
			message: 'Round trip',
			options: { deliveryReportUrl: withSecretParam(host.productionUrl, STRONG_SECRET) },
		},
		credentials: account,
	});
	expect(sent.error).toBeUndefined();
	await fixture.sandbox.control.advance(10 * SECOND);
	await host.idle();

	// A test session borrows the callback and gives it back.
	await host.listenForTestEvent();
	const testSecret = registeredSecret(fixture.sandbox, account) as string;
	await fixture.sandbox.control.injectInbound({ token: account.apiToken, from: '46712345678', body: 'Test' });
	await fixture.sandbox.control.settle();
	await host.idle();
	await host.deactivate();
	expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);

	const events = host.executions.map((run) => `${run.mode}:${String(run.collected[0].event)}`);
	expect(events.filter((event) => event === 'production:inboundSms')).toHaveLength(1);
	expect(events.filter((event) => event === 'production:deliveryReport').length).toBeGreaterThanOrEqual(4);
	expect(events).toContain('test:inboundSms');
	const answers = web.server.answered.filter((answer) => answer.path.includes(host.webhookId));
	const haystack: Record<string, string> = {
		'trigger execution data': JSON.stringify(host.executions.map((run) => run.run)),
		'Send output items': JSON.stringify(sent.items),
		'answers to callers': JSON.stringify(answers.map((answer) => [answer.status, answer.body])),
		'logged text': host.logged.join('\n'),
	};
	expect(haystack['logged text']).toContain('refused a request without the right secret');
	expect(haystack['logged text']).toContain('refused a malformed request');
	const secrets = [inboundSecret, testSecret, STRONG_SECRET, OTHER_TOKEN, account.apiToken];
	expect(leaksOf(haystack, secrets)).toEqual([]);
});

describe('errors that quote what was sent', () => {
	let proxy: ApiProxy;
	beforeAll(async () => {
		proxy = new ApiProxy(fixture.sandbox.url);
		await proxy.start();
	});
	afterAll(async () => await proxy.close());
	afterEach(() => (proxy.intercept = undefined));

	/** An API that answers a settings PUT with a validation error quoting the value, and notes what was sent. */
	function echoSettingsPuts(sent: string[]): void {
		proxy.intercept = ({ method, path, body }) => {
			if (method !== 'PUT' || !path.includes('/sms/settings/')) return undefined;
			// Either documented body form: {"value": …} or a bare JSON string (settingsApi tries both).
			const parsed = JSON.parse(body) as { value: string } | string;
			const value = typeof parsed === 'string' ? parsed : parsed.value;
			sent.push(value);
			return {
				status: 400,
				body: JSON.stringify({ title: 'One or more validation errors occurred.', errors: { value: [`'${value}' could not be reached`] } }),
			};
		};
	}

	test('a refused registration names the URL without its secret', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, { apiToken: account.apiToken, baseUrl: proxy.url }, { events: ['inboundSms'] });
		const sent: string[] = [];
		echoSettingsPuts(sent);
		const error = await host.activate().then(
			() => undefined,
			(failure: unknown) => failure,
		);
		expect(new Set(sent).size).toBe(1); // the same URL in each body form tried
		const secret = new URL(sent[0]).searchParams.get('secret') as string;
		const text = errorText(error);
		expect(text).toContain('could not be reached');
		expect(text).toContain(`${host.productionUrl}?secret=`); // named, with its value masked
		expect(leaksOf({ error: text, logged: host.logged.join('\n') }, [secret, account.apiToken])).toEqual([]);
	});

	test('a refused restore names the earlier URL without its token', async () => {
		const account = fixture.newAccount();
		await setCallbackUrl(fixture.sandbox, account, OTHER_URL);
		const host = newHost(web.server, { apiToken: account.apiToken, baseUrl: proxy.url }, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await host.activate();
		const sent: string[] = [];
		echoSettingsPuts(sent);
		const error = await host.deactivate().then(
			() => undefined,
			(failure: unknown) => failure,
		);
		expect([...new Set(sent)]).toEqual([OTHER_URL]);
		const text = errorText(error);
		expect(text).toContain('https://crm.example.com/ip1/inbound?token='); // named, with its value masked
		expect(leaksOf({ error: text, logged: host.logged.join('\n') }, [OTHER_TOKEN, account.apiToken])).toEqual([]);
		proxy.intercept = undefined;
		await host.deactivate();
		expect(callbackUrl(fixture.sandbox, account)).toBe(OTHER_URL);
	});
});

describe('payloads that carry a secret back', () => {
	test('a URL field with the secret (e.g. a report echoing its deliveryReportUrl) is masked in the output; the SMS text is left as sent', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms', 'deliveryReport'], deliveryReportSecret: STRONG_SECRET });
		await host.activate();
		const inboundUrl = callbackUrl(fixture.sandbox, account) as string;
		const reportUrl = withSecretParam(host.productionUrl, STRONG_SECRET);
		const text = 'See https://shop.example.com/o/1?token=customer-link-77';
		const report = { id: 'e1', batchId: 'b1', code: 201, deliveryReportUrl: reportUrl, Batch: { DeliveryReportUrl: reportUrl } };
		expect((await post(reportUrl, report)).status).toBe(200);
		expect((await post(inboundUrl, { id: 'e2', direction: 'mo', body: text, callbackUrl: inboundUrl })).status).toBe(200);
		await host.idle();
		await host.deactivate();
		const [reportItem, inboundItem] = host.executions.map((run) => run.collected[0]);
		expect(reportItem.deliveryReportUrl).toBe(`${host.productionUrl}?secret=…`);
		expect((reportItem.batch as IDataObject).DeliveryReportUrl).toBe(`${host.productionUrl}?secret=…`);
		expect(inboundItem.callbackUrl).toBe(`${host.productionUrl}?secret=…&ip1Questions=none`);
		expect(inboundItem.body).toBe(text);
		const inboundSecret = new URL(inboundUrl).searchParams.get('secret') as string;
		const outputs = { 'execution data': JSON.stringify(host.executions.map((run) => run.run)) };
		expect(leaksOf(outputs, [STRONG_SECRET, inboundSecret])).toEqual([]);
	});
});
