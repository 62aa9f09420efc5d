import { forgetDeliveryWaits } from '../../nodes/Ip1Sms/actions/sms/sendAndWait/deliveryWebhook';
import { useSandbox } from '../harness/sandbox';
import { useWebhookServer } from '../trigger/harness/fixtures';
import { newWait, sentBatches } from './helpers';

/*
 * SMS → Send and Wait for Delivery: the batch's delivery reports go to the waiting execution, which
 * counts them from their payloads and resumes once every status is final (deliveryScale.test.ts: at scale).
 */
const fixture = useSandbox({ variants: { senderRegistration: 'perMessage' } });
const web = useWebhookServer();

afterEach(() => forgetDeliveryWaits());

const deliveryParameters = (recipients: string, extra = {}) => ({
	operation: 'sendAndWaitForDelivery',
	recipients,
	message: 'Your parcel is on its way.',
	sendTo: undefined,
	responseType: undefined,
	...extra,
});

describe('Send and Wait for Delivery', () => {
	test('waits through intermediate reports and resumes with one item per recipient once all are final', async () => {
		const account = fixture.newAccount();
		const wait = newWait(web.server, account, deliveryParameters('46701234567, 46707654321'));
		await wait.start();
		expect(wait.status).toBe('waiting');
		const [batch] = sentBatches(fixture.sandbox, account);
		expect(batch.deliveryReportUrl).toContain(`/webhook-waiting/${wait.executionId}/${wait.nodeId}?signature=`);
		expect(batch.deliveryReportUrl).toMatch(/ip1Wait=delivery/);

		await fixture.sandbox.control.advance(10_000);
		await wait.idle();
		expect(wait.status).toBe('success');
		expect(wait.collected).toHaveLength(2);
		for (const [index, recipient] of ['46701234567', '46707654321'].entries()) {
			expect(wait.collected[index]).toMatchObject({
				recipient,
				outcome: 'delivered',
				timedOut: false,
				batchId: batch.id,
				status: { code: 201, name: 'DeliveredToHandset', final: true, delivered: true },
				waitedSeconds: expect.any(Number),
			});
		}
		const reports = fixture.sandbox.control.webhookDeliveries.filter((d) => d.url === batch.deliveryReportUrl);
		expect(reports.length).toBeGreaterThan(2);
		expect(JSON.stringify(wait.collected)).not.toMatch(/signature=[0-9a-f]/);
	});

	test('an unregistered sender: every message fails, the outcome says so', async () => {
		const account = fixture.newAccount();
		const wait = newWait(web.server, account, deliveryParameters('46701234567', { sender: { __rl: true, mode: 'name', value: 'NotMine' } }));
		await wait.start();
		await fixture.sandbox.control.advance(10_000);
		await wait.idle();
		expect(wait.collected).toEqual([expect.objectContaining({ outcome: 'failed', status: expect.objectContaining({ code: 403, final: true }) })]);
	});

	test("n8n's own limit (the backstop, when the process that sent the batch restarted) goes on with what was known at sending", async () => {
		const account = fixture.newAccount();
		const wait = newWait(
			web.server,
			account,
			deliveryParameters('46701234567', { options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' } } } }),
		);
		await wait.start();
		expect(wait.waitOutput).toEqual([expect.objectContaining({ waitingForDelivery: true, recipientCount: 1 })]);
		await wait.timeOut();
		expect(wait.collected).toEqual([expect.objectContaining({ recipient: '46701234567', outcome: 'pending', timedOut: true, waitedSeconds: 7200 })]);
	});
});
