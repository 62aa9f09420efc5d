/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- test-only: prints the measured figures and waits on the wall clock for the time limit */
import { forgetDeliveryWaits } from '../../nodes/Ip1Sms/actions/sms/sendAndWait/deliveryWebhook';
import { useSandbox } from '../harness/sandbox';
import { useWebhookServer } from '../trigger/harness/fixtures';
import { newWait, sentBatches } from './helpers';

/*
 * Send and Wait for Delivery that scales: each delivery report answered at once and counted from its
 * own payload (no API read per report), the batch read only when needed, one resume; and the time
 * limit outputs what iP.1 knows then. Reads, answer times and the resume lag are measured.
 */
const fixture = useSandbox();
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

const numbers = (count: number, prefix = '4673') => Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(7, '0')}`);

function answersTo(path: string) {
	return web.server.answered.filter((answer) => answer.path === path);
}

describe('delivery reports at scale', () => {
	test('1,000 recipients: every report answered 200 at once, reads ≤ 1 % of reports, one resume within 10 s of the last final status', async () => {
		const account = fixture.newAccount();
		const wait = newWait(web.server, account, deliveryParameters(numbers(1000).join(',')));
		await wait.start();
		expect(wait.status).toBe('waiting');
		const [batch] = sentBatches(fixture.sandbox, account);
		const messageReads = () => fixture.sandbox.control.countRequests({ method: 'GET', path: `/v2/batches/${batch.id}/messages` });
		const readsBefore = messageReads();

		await fixture.sandbox.control.advance(10_000);
		await fixture.sandbox.control.settle();
		await wait.idle();

		expect(wait.status).toBe('success');
		expect(wait.collected).toHaveLength(1000);
		expect(wait.collected.every((item) => item.outcome === 'delivered' && item.timedOut === false)).toBe(true);
		expect(new Set(wait.collected.map((item) => item.recipient)).size).toBe(1000);

		const answers = answersTo(wait.waitingPath);
		const reads = messageReads() - readsBefore;
		const lastFinal = Math.max(...answers.map((answer) => answer.receivedAt ?? 0));
		const slowest = Math.max(...answers.map((answer) => answer.answerMs ?? 0));
		const figures = { reports: answers.length, reads, readsPerReport: reads / answers.length, slowestAnswerMs: slowest, resumeLagMs: wait.resumedAt[0] - lastFinal };
		console.log(`1,000-recipient delivery wait: ${JSON.stringify(figures)}`);
		expect(answers.length).toBeGreaterThanOrEqual(4000);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		expect(answers.filter((answer) => answer.body.includes('"resumed"'))).toHaveLength(1);
		expect(wait.resumedAt).toHaveLength(1);
		expect(reads).toBeLessThanOrEqual(answers.length / 100);
		expect(slowest).toBeLessThan(1000);
		expect(wait.resumedAt[0] - lastFinal).toBeLessThan(10_000);
	}, 120_000);

	test('final reports arriving together resume the execution once; none is answered an error', async () => {
		const account = fixture.newAccount();
		const wait = newWait(web.server, account, deliveryParameters(numbers(40, '4674').join(',')));
		await wait.start();
		await fixture.sandbox.control.advance(5_000);
		await fixture.sandbox.control.settle();
		await wait.idle();
		expect(wait.status).toBe('waiting');
		// All 40 final statuses (201 at +10 s) are posted at the same moment.
		await fixture.sandbox.control.advance(5_000);
		await fixture.sandbox.control.settle();
		await wait.idle();
		expect(wait.status).toBe('success');
		expect(wait.resumedAt).toHaveLength(1);
		const answers = answersTo(wait.waitingPath);
		expect(answers.filter((answer) => answer.status >= 500)).toHaveLength(0);
		expect(answers.filter((answer) => answer.body.includes('"resumed"'))).toHaveLength(1);
	});

	test('a report that cannot be placed (no message id) prompts one read of the batch; the others none', async () => {
		const account = fixture.newAccount();
		const wait = newWait(web.server, account, deliveryParameters('46701234567, 46707654321'));
		await wait.start();
		const [batch] = sentBatches(fixture.sandbox, account);
		const messageReads = () => fixture.sandbox.control.countRequests({ method: 'GET', path: `/v2/batches/${batch.id}/messages` });
		await fixture.sandbox.control.advance(2_000);
		await fixture.sandbox.control.settle();
		await wait.idle();
		const afterFirst = messageReads();
		const answer = await fetch(batch.deliveryReportUrl!, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ batchId: batch.id, code: 110 }),
		});
		expect(answer.status).toBe(200);
		expect(messageReads() - afterFirst).toBe(1);
		await fixture.sandbox.control.advance(10_000);
		await fixture.sandbox.control.settle();
		await wait.idle();
		expect(wait.collected).toHaveLength(2);
		expect(messageReads() - afterFirst).toBe(1);
	});
});

describe('the time limit', () => {
	test('outputs what iP.1 knows at the limit: a recipient delivered shortly before it is delivered, the other pending', async () => {
		const account = fixture.newAccount();
		const wait = newWait(
			web.server,
			account,
			deliveryParameters('46701234567, 46700000114', { options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.05, resumeUnit: 'minutes' } } } }),
		);
		const started = Date.now();
		await wait.start();
		expect(wait.status).toBe('waiting');
		// n8n's own limit is a backstop, a minute after the limit.
		expect(wait.waitTill!.getTime() - started).toBeGreaterThanOrEqual(63_000 - 1000);
		// While waiting the node shows one summary item (n8n loads the waiting execution for every report).
		expect(wait.waitOutput).toEqual([expect.objectContaining({ waitingForDelivery: true, recipientCount: 2, limit: expect.stringMatching(/Z$/) })]);
		await fixture.sandbox.control.advance(10_000);
		await fixture.sandbox.control.settle();
		await wait.idle();
		expect(wait.status).toBe('waiting');

		while (wait.status === 'waiting' && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 100));
		await wait.idle();
		expect(wait.status).toBe('success');
		expect(wait.collected).toEqual([
			expect.objectContaining({ recipient: '46701234567', outcome: 'delivered', timedOut: true, status: expect.objectContaining({ code: 201 }) }),
			expect.objectContaining({ recipient: '46700000114', outcome: 'pending', timedOut: true, status: expect.objectContaining({ code: 114 }) }),
		]);
		expect(wait.resumedAt[0] - started).toBeGreaterThanOrEqual(3000);
		expect(wait.resumedAt[0] - started).toBeLessThan(6000);
	});
});
