import type { IDataObject } from 'n8n-workflow';

import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { deriveDeliveryReportSecret, plainTriggerWebhookId } from '../../nodes/shared/triggerUrls';
import { jsonOf, runNode, type SandboxCredentials } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { newHost, post, useWebhookServer, withSecretParam } from './harness/fixtures';
import type { TriggerHost } from './harness/triggerHost';

/*
 * Delivery reports without glue: the user pastes the trigger's plain Production URL into SMS →
 * Send → Delivery Report URL; the send adds the trigger's secret (derived from the credential) on
 * the wire, the trigger derives the same one. Both nodes run through the engine; the sandbox posts
 * the reports over real HTTP to the trigger's webhook.
 */

const SECOND = 1000;
const fixture = useSandbox();
const web = useWebhookServer();

beforeEach(() => forgetSeenEvents());

async function send(credentials: SandboxCredentials, recipients: string, deliveryReportUrl: string) {
	return await runNode({
		parameters: { resource: 'sms', operation: 'send', sender: 'iP1', simplify: false, recipients, message: 'Your parcel is on its way', options: { deliveryReportUrl } },
		credentials,
		continueOnFail: false,
	});
}

/** The URL the sandbox stored for the newest batch of the account: what iP.1 posts the reports to. */
function storedUrl(credentials: SandboxCredentials): string {
	const batches = fixture.sandbox.control.state(credentials.apiToken).batches;
	return String(batches[batches.length - 1].deliveryReportUrl);
}

const deliveriesTo = (host: TriggerHost) => fixture.sandbox.control.webhookDeliveries.filter((delivery) => delivery.url.startsWith(host.productionUrl));

/** A delivery report as iP.1 documents it. */
const report = (code: number) => ({ id: '5c613848879973045cf39ac4', batchId: '5c613848879973045cf39ac3', recipient: '46700000001', code, duration: 1, created: '2018-10-23T17:43:21Z' });

describe('Delivery Report URL: the trigger\'s plain URL', () => {
	test('a send given the plain Production URL: every report reaches the trigger; the secret is on the wire only, never in the send\'s output', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'] });
		await host.activate();
		const result = await send(account, '46700000001, 46700000405', host.productionUrl);
		expect(result.error).toBeUndefined();

		const onTheWire = new URL(storedUrl(account));
		const secret = onTheWire.searchParams.get('secret') ?? '';
		expect(`${onTheWire.origin}${onTheWire.pathname}`).toBe(host.productionUrl);
		expect(secret).toHaveLength(43); // 32 bytes of HMAC-SHA256, base64url
		const outputs = jsonOf(result);
		expect(outputs.map((output) => ((output.detail as IDataObject).request as IDataObject).deliveryReportUrl)).toEqual([host.productionUrl, host.productionUrl]);
		expect(JSON.stringify(result.items)).not.toContain(secret);

		await fixture.sandbox.control.advance(10 * SECOND);
		await host.idle();
		const reports = host.executions.map((run) => run.collected[0]);
		// Executions end in any order (n8n runs them concurrently; the last of a burst may wait to save de-duplication).
		const codesOf = (recipient: string) => reports.filter((r) => r.recipient === recipient).map((r) => r.code as number).sort((a, b) => a - b);
		expect(codesOf('46700000001')).toEqual([102, 103, 110, 112, 201]);
		expect(codesOf('46700000405').at(-1)).toBe(405);
		expect(new Set(reports.map((r) => r.id))).toEqual(new Set(outputs.map((output) => output.messageId)));
		expect(deliveriesTo(host).every((delivery) => delivery.status === 200)).toBe(true);
		expect(JSON.stringify(host.executions)).not.toContain(secret);
		await host.deactivate();
	});

	test('the Test URL works the same while the trigger listens for a test event', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'] });
		await host.listenForTestEvent();
		expect((await send(account, '46700000001', host.testUrl)).error).toBeUndefined();
		await fixture.sandbox.control.advance(SECOND);
		await host.idle();
		expect(host.executions).toMatchObject([{ mode: 'test', collected: [{ event: 'deliveryReport', code: 102 }] }]);
	});

	test('forged reports are refused (401) and start nothing: no secret, a made-up one, one derived from another API key or for another trigger', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'] });
		await host.activate();
		const webhookId = plainTriggerWebhookId(host.productionUrl) as string;
		const forged = [
			host.productionUrl,
			withSecretParam(host.productionUrl, 'made-up-secret-0123456789'),
			withSecretParam(host.productionUrl, deriveDeliveryReportSecret(fixture.newAccount().apiToken, webhookId)),
			withSecretParam(host.productionUrl, deriveDeliveryReportSecret(account.apiToken, `${webhookId}x`)),
		];
		for (const url of forged) expect((await post(url, report(201))).status).toBe(401);
		// The right one, for contrast: the same request with the derived secret starts the workflow.
		expect((await post(withSecretParam(host.productionUrl, deriveDeliveryReportSecret(account.apiToken, webhookId)), report(201))).status).toBe(200);
		await host.idle();
		expect(host.executions).toHaveLength(1);
		await host.deactivate();
	});

	test('a send with another account\'s credential cannot start the trigger: its reports are refused', async () => {
		const account = fixture.newAccount();
		const host = newHost(web.server, account, { events: ['deliveryReport'] });
		await host.activate();
		expect((await send(fixture.newAccount(), '46700000404', host.productionUrl)).error).toBeUndefined();
		await fixture.sandbox.control.advance(SECOND);
		await host.idle();
		expect(deliveriesTo(host).map((delivery) => delivery.status)).toEqual([401]);
		expect(host.executions).toHaveLength(0);
		await host.deactivate();
	});

	test('URLs that are not a trigger\'s plain URL are sent as given: one with its own ?secret= (older workflows), another system\'s', async () => {
		const account = fixture.newAccount();
		const handBuilt = 'https://n8n.example.com/webhook/8f1c2d3e/ip1sms?secret=hand-built-secret-0123';
		const foreign = 'https://crm.example.com/hooks/sms-status';
		for (const url of [handBuilt, foreign]) {
			expect((await send(account, '46700000001', url)).error).toBeUndefined();
			expect(storedUrl(account)).toBe(url);
		}
	});
});
