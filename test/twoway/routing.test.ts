import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { forgetQuestionUrls } from '../../nodes/shared/questionUrls';
import type { SandboxCredentials } from '../harness/engine';
import { useSandbox } from '../harness/sandbox';
import { useWebhookServer } from '../trigger/harness/fixtures';
import { activeTrigger, ASKED, newWait, reply } from './helpers';

/*
 * Routing that does not forget: a reply reaches the newest question to the number however many other
 * SMS the account sent the number since; bounded by the question's age (30 days), not by a count.
 * Reads per inbound SMS are counted on the sandbox.
 */
const fixture = useSandbox();
const web = useWebhookServer();

beforeEach(() => forgetSeenEvents());

/** Other SMS from the account to the number (a campaign, reminders): one batch each. */
async function sendOthers(account: SandboxCredentials, to: string, count: number): Promise<void> {
	for (let index = 0; index < count; index++) {
		const answer = await fetch(`${account.baseUrl.replace(/\/+$/, '')}/v2/batches`, {
			method: 'POST',
			headers: { authorization: `Bearer ${account.apiToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ sender: 'iP1', recipients: [to], body: `Reminder ${index + 1}`, reference: `campaign-${index}` }),
		});
		expect(answer.status).toBeLessThan(300);
	}
	await fixture.sandbox.control.advance(1000);
}

const conversationReads = (number: string) => fixture.sandbox.control.countRequests({ method: 'GET', path: new RegExp(`/v2/conversations/${number}/mt`) });
const batchReads = () => fixture.sandbox.control.countRequests({ method: 'GET', path: /^\/v2\/batches\/[^/]+$/ });

describe('a busy number keeps its question', () => {
	test('25 other SMS to the number after the question: "JA" still resumes it, with one conversation read and no batch read', async () => {
		const account = fixture.newAccount();
		const number = '46703333333';
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { sendTo: number });
		await wait.start();
		await sendOthers(account, number, 25);
		const [conversationBefore, batchBefore] = [conversationReads(number), batchReads()];

		await reply(fixture.sandbox, account, number, 'JA', [trigger, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ approved: true, recipient: number })]);
		expect(trigger.executions).toHaveLength(0);
		expect(conversationReads(number) - conversationBefore).toBe(1);
		expect(batchReads() - batchBefore).toBe(0);
		await trigger.deactivate();
	});

	test('in another process (nothing remembered): one conversation read and one batch read', async () => {
		const account = fixture.newAccount();
		const number = '46704444444';
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { sendTo: number });
		await wait.start();
		await sendOthers(account, number, 25);
		forgetQuestionUrls();
		const [conversationBefore, batchBefore] = [conversationReads(number), batchReads()];
		await reply(fixture.sandbox, account, number, 'nej', [trigger, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ approved: false })]);
		expect(conversationReads(number) - conversationBefore).toBe(1);
		expect(batchReads() - batchBefore).toBe(1);
		await trigger.deactivate();
	});

	test('150 other SMS since the question: the read grows (a first read of 100, then up to 1000: three requests) and the reply still reaches it', async () => {
		const account = fixture.newAccount();
		const number = '46705555555';
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { sendTo: number });
		await wait.start();
		await sendOthers(account, number, 150);
		const before = conversationReads(number);
		await reply(fixture.sandbox, account, number, 'ja', [trigger, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ approved: true })]);
		expect(conversationReads(number) - before).toBe(3);
		await trigger.deactivate();
	});

	test('an SMS from a number never asked, while a question to another number waits, costs one conversation read and starts the trigger workflow', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { sendTo: '46706666000' });
		await wait.start();
		await sendOthers(account, '46706666666', 3);
		const [conversationBefore, batchBefore] = [conversationReads('46706666666'), batchReads()];
		await reply(fixture.sandbox, account, '46706666666', 'Hej', [trigger]);
		expect(trigger.executions).toHaveLength(1);
		expect(conversationReads('46706666666') - conversationBefore).toBe(1);
		expect(batchReads() - batchBefore).toBe(0);
		await trigger.deactivate();
	});

	test('a question more than 30 days older than the reply is not reached: the SMS starts the trigger workflow', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account);
		await wait.start();
		await fixture.sandbox.control.advance(31 * 24 * 3600 * 1000);
		await reply(fixture.sandbox, account, ASKED, 'JA', [trigger, wait]);
		expect(wait.status).toBe('waiting');
		expect(trigger.executions.map((run) => run.collected[0]?.body)).toEqual(['JA']);
		await trigger.deactivate();
	});
});
