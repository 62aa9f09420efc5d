import { startSandbox, VIRTUAL_NUMBER, type SandboxHandle } from '../../sandbox';
import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { useSandbox } from '../harness/sandbox';
import { callbackUrl, newHost, sendBatch, STRONG_SECRET, useWebhookServer, withSecretParam } from './harness/fixtures';

/*
 * The sandbox's own dispatch (inbound SMS to the account's IncomingCallbackUrl, delivery reports to
 * each batch's deliveryReportUrl) POSTs over real HTTP to the test's webhook server on 127.0.0.1,
 * which hands them to the trigger's webhook() and runs the started workflow through the engine.
 */

const SECOND = 1000;
const RETRY_INTERVAL = 600_000; // the documented 10 minutes, on the sandbox clock
const fixture = useSandbox();
const web = useWebhookServer();

beforeEach(() => forgetSeenEvents());

const deliveriesTo = (sandbox: SandboxHandle, prefix: string) =>
	sandbox.control.webhookDeliveries.filter((delivery) => delivery.url.startsWith(prefix));

describe('inbound SMS from the sandbox', () => {
	test('a text to the virtual number starts the active workflow once, answered 200 on the first attempt', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		const message = await fixture.sandbox.control.injectInbound({ token: account.apiToken, from: '46712345678', body: 'Hello n8n' });
		await fixture.sandbox.control.settle();
		await host.idle();

		expect(host.executions).toHaveLength(1);
		expect(host.executions[0]).toMatchObject({
			mode: 'production',
			collected: [
				{
					event: 'inboundSms',
					id: message.id,
					messageId: message.id,
					sender: '46712345678',
					recipient: VIRTUAL_NUMBER,
					body: 'Hello n8n',
					direction: 'mo',
					status: { code: 201, name: 'DeliveredToHandset' },
				},
			],
		});
		expect(deliveriesTo(fixture.sandbox, host.productionUrl).map((d) => [d.kind, d.attempt, d.status])).toEqual([
			['inbound', 1, 200],
		]);

		await host.deactivate();
		await fixture.sandbox.control.injectInbound({ token: account.apiToken, from: '46712345678', body: 'After' });
		await fixture.sandbox.control.settle();
		await host.idle();
		expect(host.executions).toHaveLength(1);
		expect(deliveriesTo(fixture.sandbox, host.productionUrl)).toHaveLength(1);
	});

	test('a test event arrives on the test URL, then the callback URL is put back', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.listenForTestEvent();
		await fixture.sandbox.control.injectInbound({ token: account.apiToken, from: '46712345678', body: 'Test me' });
		await fixture.sandbox.control.settle();
		await host.idle();
		expect(host.executions).toMatchObject([{ mode: 'test', collected: [{ event: 'inboundSms', body: 'Test me' }] }]);
		expect(host.isListening).toBe(false);
		expect(callbackUrl(fixture.sandbox, account)).toBeUndefined();
	});

	test('when the 200 is lost, the sandbox retries 10 minutes later: answered 200 again, no second run', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['inboundSms'] });
		await host.activate();
		web.server.loseNextAnswers(1);
		await fixture.sandbox.control.injectInbound({ token: account.apiToken, from: '46712345678', body: 'Once only' });
		await fixture.sandbox.control.settle();
		await fixture.sandbox.control.advance(RETRY_INTERVAL);
		await host.idle();
		expect(deliveriesTo(fixture.sandbox, host.productionUrl).map((d) => [d.attempt, d.status])).toEqual([
			[1, 'error'],
			[2, 200],
		]);
		expect(host.executions).toHaveLength(1);
		await host.deactivate();
	});
});

describe('delivery reports from the sandbox', () => {
	test('every status change of a sent message starts the workflow, in order, all answered 200', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET });
		await host.activate();
		const [message] = await sendBatch(fixture.sandbox, account, ['46700000001'], withSecretParam(host.productionUrl, STRONG_SECRET));
		await fixture.sandbox.control.advance(10 * SECOND);
		await host.idle();

		const reports = host.executions.map((run) => run.collected[0]);
		expect(reports.map((r) => r.code)).toEqual([102, 103, 110, 112, 201]);
		expect(reports.every((r) => r.event === 'deliveryReport' && r.id === message.id && r.batchId === message.batchId)).toBe(true);
		expect(reports.map((r) => r.final)).toEqual([false, false, false, false, true]);
		expect(reports[4]).toMatchObject({ delivered: true, failed: false, status: { name: 'DeliveredToHandset' } });
		expect(deliveriesTo(fixture.sandbox, host.productionUrl).every((d) => d.status === 200 && d.attempt === 1)).toBe(true);
		await host.deactivate();
	});

	test('"Only Failed" passes on the failures of a mixed batch and answers every report with 200', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, {
			events: ['deliveryReport'],
			deliveryReportSecret: STRONG_SECRET,
			deliveryReportFilter: 'failed',
		});
		await host.activate();
		// Sandbox test numbers: …001 is delivered, …405 is rejected, …202 expires.
		await sendBatch(fixture.sandbox, account, ['46700000001', '46700000405', '46700000202'], withSecretParam(host.productionUrl, STRONG_SECRET));
		await fixture.sandbox.control.advance(10 * SECOND);
		await host.idle();
		expect(host.executions.map((run) => [run.collected[0].recipient, run.collected[0].code]).sort()).toEqual([
			['46700000202', 202],
			['46700000405', 405],
		]);
		const deliveries = deliveriesTo(fixture.sandbox, host.productionUrl);
		expect(deliveries.length).toBeGreaterThan(2);
		expect(deliveries.every((d) => d.status === 200)).toBe(true);
		await host.deactivate();
	});

	test('a batch sent with the URL but without the secret is refused (401) every time and starts nothing', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET });
		await host.activate();
		await sendBatch(fixture.sandbox, account, ['46700000404'], host.productionUrl); // one report: 404 at +1 s
		await fixture.sandbox.control.advance(SECOND);
		await fixture.sandbox.control.advance(2 * RETRY_INTERVAL);
		await host.idle();
		expect(deliveriesTo(fixture.sandbox, host.productionUrl).map((d) => d.status)).toEqual([401, 401, 401]);
		expect(host.executions).toHaveLength(0);
		await host.deactivate();
	});

	test('a report whose 200 got lost is retried by the sandbox and not run twice', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET });
		await host.activate();
		web.server.loseNextAnswers(1);
		await sendBatch(fixture.sandbox, account, ['46700000403'], withSecretParam(host.productionUrl, STRONG_SECRET));
		await fixture.sandbox.control.advance(SECOND);
		await fixture.sandbox.control.advance(RETRY_INTERVAL);
		await host.idle();
		expect(deliveriesTo(fixture.sandbox, host.productionUrl).map((d) => [d.attempt, d.status])).toEqual([
			[1, 'error'],
			[2, 200],
		]);
		expect(host.executions.map((run) => run.collected[0].code)).toEqual([403]);
		await host.deactivate();
	});

	test('the Test URL works for delivery reports while listening', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET });
		await host.listenForTestEvent();
		await sendBatch(fixture.sandbox, account, ['46700000001'], withSecretParam(host.testUrl, STRONG_SECRET));
		await fixture.sandbox.control.advance(SECOND);
		await host.idle();
		expect(host.executions).toMatchObject([{ mode: 'test', collected: [{ event: 'deliveryReport', code: 102 }] }]);
		// n8n stops listening after the first test run: later reports find no test webhook (404).
		await fixture.sandbox.control.advance(SECOND);
		expect(deliveriesTo(fixture.sandbox, host.testUrl).map((d) => d.status)).toEqual([200, 404]);
	});
});

describe('the older delivery-report format (messageId)', () => {
	let sandbox: SandboxHandle;
	beforeAll(async () => (sandbox = await startSandbox({ dlrIdKey: 'messageId' })));
	afterAll(async () => await sandbox.close());

	test('reports keyed `messageId` give the same output', async () => {
		const account = { apiToken: sandbox.token, baseUrl: sandbox.url };
		const host = newHost(web.server, account, { events: ['deliveryReport'], deliveryReportSecret: STRONG_SECRET, deliveryReportFilter: 'final' });
		await host.activate();
		const [message] = await sendBatch(sandbox, account, ['46700000001'], withSecretParam(host.productionUrl, STRONG_SECRET));
		await sandbox.control.advance(10 * SECOND);
		await host.idle();
		expect(sandbox.control.webhookDeliveries.every((d) => 'messageId' in (d.payload as object))).toBe(true);
		expect(host.executions.map((run) => run.collected[0])).toMatchObject([
			{ event: 'deliveryReport', id: message.id, messageId: message.id, code: 201, delivered: true, final: true },
		]);
		await host.deactivate();
	});
});
