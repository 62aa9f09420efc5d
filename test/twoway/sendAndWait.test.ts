import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { useSandbox } from '../harness/sandbox';
import { useWebhookServer } from '../trigger/harness/fixtures';
import { activeTrigger, ASKED, newWait, reply, sentBatches } from './helpers';

/*
 * SMS → Send and Wait for Response through n8n-core's engine: the question goes to the sandbox, the
 * execution waits, the sandbox's inbound SMS reaches the active iP.1 SMS Trigger over real HTTP,
 * which hands it to the waiting execution's resume URL (test/twoway/harness/waitHost.ts).
 */
const fixture = useSandbox();
const web = useWebhookServer();

beforeEach(() => forgetSeenEvents());

describe('Send and Wait for Response', () => {
	test('sends the question, waits, and an SMS reply "ja" resumes it approved; the trigger starts nothing', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account);
		await wait.start();

		expect(wait.status).toBe('waiting');
		const [batch] = sentBatches(fixture.sandbox, account);
		expect(batch).toMatchObject({ sender: 'iP1', body: expect.stringContaining('Reply JA'), reference: expect.stringMatching(/^n8n-wait-[0-9a-f]{16}$/) });
		expect(batch.deliveryReportUrl).toContain(`${web.server.baseUrl}webhook-waiting/${wait.executionId}/${wait.nodeId}?`);
		expect(batch.deliveryReportUrl).toMatch(/[?&]ip1Wait=reply(&|$)/);
		expect(batch.deliveryReportUrl).toMatch(/[?&]signature=[0-9a-f]{64}/);

		// The question's delivery reports reach the waiting execution: they change nothing.
		await fixture.sandbox.control.advance(10_000);
		await wait.idle();
		expect(wait.status).toBe('waiting');
		expect(fixture.sandbox.control.webhookDeliveries.filter((d) => d.url === batch.deliveryReportUrl).map((d) => d.status)).toContain(200);

		await reply(fixture.sandbox, account, ASKED, ' Ja! ', [trigger, wait]);
		expect(wait.status).toBe('success');
		expect(wait.collected).toEqual([
			expect.objectContaining({
				timedOut: false,
				answeredBy: 'sms',
				approved: true,
				text: ' Ja! ',
				from: ASKED,
				recipient: ASKED,
				batchId: batch.id,
				reference: batch.reference,
				sentMessageId: expect.any(String),
				replyMessageId: expect.any(String),
				receivedAt: expect.stringMatching(/Z$/),
				waitedSeconds: expect.any(Number),
			}),
		]);
		expect(trigger.executions).toHaveLength(0);
		const outputs = JSON.stringify([wait.collected, wait.waitOutput]);
		expect(outputs).not.toMatch(/signature=[0-9a-f]/);
		await trigger.deactivate();
	});
});
