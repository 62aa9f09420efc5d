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

describe('approval replies', () => {
	test('"NEJ" resumes it declined', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account);
		await wait.start();
		await reply(fixture.sandbox, account, ASKED, 'NEJ', [trigger, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ timedOut: false, approved: false, text: 'NEJ' })]);
		expect(trigger.executions).toHaveLength(0);
		await trigger.deactivate();
	});

	test('any other reply is answered "please answer YES or NO" once, the execution keeps waiting, and the next keyword resumes it', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, {
			approvalOptions: { values: { approveKeywords: 'OK, JA', declineKeywords: 'NEJ', retryHint: 'Svara OK eller NEJ.' } },
		});
		await wait.start();
		await reply(fixture.sandbox, account, ASKED, 'kanske imorgon?', [trigger, wait]);

		expect(wait.status).toBe('waiting');
		expect(trigger.executions).toHaveLength(0);
		const hints = sentBatches(fixture.sandbox, account).filter((batch) => batch.body === 'Svara OK eller NEJ.');
		expect(hints).toHaveLength(1);
		expect(fixture.sandbox.control.state(account.apiToken).messages.filter((m) => m.batchId === hints[0].id).map((m) => m.recipient)).toEqual([ASKED]);

		await reply(fixture.sandbox, account, ASKED, 'ok', [trigger, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ approved: true, text: 'ok' })]);
		expect(trigger.executions).toHaveLength(0);
		await trigger.deactivate();
	});

	test('with an empty hint, another reply is ignored without an SMS back', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { approvalOptions: { values: { retryHint: '' } } });
		await wait.start();
		const before = fixture.sandbox.control.countRequests({ method: 'POST', path: '/v2/batches' });
		await reply(fixture.sandbox, account, ASKED, 'vem är detta?', [trigger, wait]);
		expect(wait.status).toBe('waiting');
		expect(fixture.sandbox.control.countRequests({ method: 'POST', path: '/v2/batches' })).toBe(before);
		await trigger.deactivate();
	});

	test('Free Text: any reply resumes it with the text and no "approved"', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { responseType: 'freeText', message: 'Which day suits you?' });
		await wait.start();
		await reply(fixture.sandbox, account, ASKED, 'Torsdag efter 14', [trigger, wait]);
		expect(wait.collected).toHaveLength(1);
		expect(wait.collected[0]).toMatchObject({ timedOut: false, answeredBy: 'sms', text: 'Torsdag efter 14' });
		expect(wait.collected[0]).not.toHaveProperty('approved');
		await trigger.deactivate();
	});
});

describe('time limit', () => {
	test('reaching the limit is an output (timedOut: true), and a later reply starts the trigger workflow as before', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, {
			options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 30, resumeUnit: 'minutes' } } },
		});
		const before = Date.now();
		await wait.start();
		expect(wait.waitTill!.getTime()).toBeGreaterThanOrEqual(before + 30 * 60_000);
		expect(wait.waitTill!.getTime()).toBeLessThan(Date.now() + 30 * 60_000 + 1000);

		await wait.timeOut();
		expect(wait.status).toBe('success');
		expect(wait.collected).toEqual([
			expect.objectContaining({ timedOut: true, approved: null, text: null, answeredBy: null, recipient: ASKED, waitedSeconds: 1800 }),
		]);

		await reply(fixture.sandbox, account, ASKED, 'JA', [trigger, wait]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].collected).toEqual([expect.objectContaining({ event: 'inboundSms', body: 'JA', sender: ASKED })]);
		await trigger.deactivate();
	});

	test('without a limit it waits 30 days, as long as a reply can reach it (no question left behind), then goes on timed out', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account);
		const before = Date.now();
		await wait.start();
		expect(wait.waitTill!.getTime()).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
		expect(wait.waitTill!.getTime()).toBeLessThan(Date.now() + 30 * 86_400_000 + 1000);
		expect(wait.waitOutput).toEqual([expect.objectContaining({ timedOut: true, waitedSeconds: 30 * 86_400 })]);
		await wait.timeOut();
		expect(wait.collected).toEqual([expect.objectContaining({ timedOut: true, approved: null, waitedSeconds: 30 * 86_400 })]);
		await trigger.deactivate();
	});

	test('a limit beyond 30 days is kept, with a warning that SMS replies reach the question for 30 days', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'days' } } } });
		await wait.start();
		expect(wait.waitOutput).toEqual([expect.objectContaining({ waitedSeconds: 45 * 86_400, warnings: [expect.stringContaining('30 days')] })]);
		await trigger.deactivate();
	});

	test('a limit in the past is refused before anything is sent', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, {
			options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2020-01-01T00:00:00Z' } } },
		});
		await wait.start();
		expect(wait.status).toBe('error');
		expect(wait.error).toMatch(/Limit Wait Time.*must end in the future/);
		expect(sentBatches(fixture.sandbox, account)).toHaveLength(0);
		await trigger.deactivate();
	});
});

describe('routing', () => {
	test('two executions waiting on different numbers each get their own reply', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const first = newWait(web.server, account, { sendTo: '46701111111' });
		const second = newWait(web.server, account, { sendTo: '+46 70 222 22 22' });
		await Promise.all([first.start(), second.start()]);
		await reply(fixture.sandbox, account, '46702222222', 'NEJ', [trigger, first, second]);
		expect(first.status).toBe('waiting');
		expect(second.collected).toEqual([expect.objectContaining({ approved: false, recipient: '46702222222' })]);
		await reply(fixture.sandbox, account, '46701111111', 'ja', [trigger, first, second]);
		expect(first.collected).toEqual([expect.objectContaining({ approved: true, recipient: '46701111111' })]);
		expect(trigger.executions).toHaveLength(0);
		await trigger.deactivate();
	});

	test('two executions waiting on the same number: the newest question gets the reply, never both; the older keeps waiting', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const older = newWait(web.server, account, { message: 'Question one: reply JA or NEJ' });
		await older.start();
		await fixture.sandbox.control.advance(1000);
		const newer = newWait(web.server, account, { message: 'Question two: reply JA or NEJ' });
		await newer.start();

		await reply(fixture.sandbox, account, ASKED, 'JA', [trigger, older, newer]);
		expect(newer.collected).toEqual([expect.objectContaining({ approved: true })]);
		expect(older.status).toBe('waiting');
		expect(trigger.executions).toHaveLength(0);

		// The newest question is answered: a second reply is no answer to it and starts the trigger workflow.
		await reply(fixture.sandbox, account, ASKED, 'NEJ', [trigger, older, newer]);
		expect(older.status).toBe('waiting');
		expect(trigger.executions.map((run) => run.collected[0]?.body)).toEqual(['NEJ']);
		await trigger.deactivate();
	});

	test('an SMS from a number nobody waits for starts the trigger workflow as before (one conversation read while a question may wait, none before any)', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const reads = () => fixture.sandbox.control.countRequests({ method: 'GET', path: /\/v2\/conversations\/46709999999\/mt/ });
		await reply(fixture.sandbox, account, '46709999999', 'Hej', [trigger]);
		expect(trigger.executions).toHaveLength(1);
		expect(reads()).toBe(0);
		const wait = newWait(web.server, account, { sendTo: '46709999000' });
		await wait.start();
		await reply(fixture.sandbox, account, '46709999999', 'Hej igen', [trigger, wait]);
		expect(trigger.executions).toHaveLength(2);
		expect(reads()).toBe(1);
		await trigger.deactivate();
	});

	test('n8n restarts while the execution waits: the reply still resumes it (nothing was kept in memory)', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account);
		await wait.start();
		wait.restart();
		forgetSeenEvents();
		await reply(fixture.sandbox, account, ASKED, 'ja', [trigger, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ approved: true })]);
		await trigger.deactivate();
	});

	test('without any inbound route (no IncomingCallbackUrl) it refuses before sending, saying what to do', async () => {
		const account = fixture.newAccount();
		const wait = newWait(web.server, account);
		await wait.start();
		expect(wait.status).toBe('error');
		expect(wait.error).toMatch(/No inbound SMS route/);
		// Refused before sending: this account made no send request at all.
		const { accountId } = fixture.sandbox.control.state(account.apiToken);
		const sends = fixture.sandbox.control.requests.filter((request) => request.accountId === accountId && request.method === 'POST' && request.path === '/v2/batches');
		expect(sends).toHaveLength(0);
		expect(sentBatches(fixture.sandbox, account)).toHaveLength(0);
	});
});

describe('answer link', () => {
	test('the SMS carries the link; opening it changes nothing; its form answers', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { options: { answerLink: true } });
		await wait.start();
		const [batch] = sentBatches(fixture.sandbox, account);
		const link = batch.body.split('\n').pop()!;
		expect(link).toBe(batch.deliveryReportUrl);

		const page = await fetch(link);
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain('Reply JA to confirm');
		expect(html).toContain('name="answer" value="yes"');
		expect(wait.status).toBe('waiting');

		const answered = await fetch(link, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'answer=no',
		});
		expect(answered.status).toBe(200);
		expect(await answered.text()).toContain('Thank you');
		await wait.idle();
		expect(wait.collected).toEqual([expect.objectContaining({ answeredBy: 'link', approved: false, timedOut: false })]);
		await trigger.deactivate();
	});

	test('a link whose signature was changed is refused (n8n checks it before the node runs)', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account);
		await wait.start();
		const [batch] = sentBatches(fixture.sandbox, account);
		const forged = batch.deliveryReportUrl!.replace(/sentAt=\d+/, 'sentAt=1');
		const answered = await fetch(forged, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'answer=yes' });
		expect(answered.status).toBe(401);
		expect(wait.status).toBe('waiting');
		await trigger.deactivate();
	});
});

describe('input checks before anything is sent', () => {
	test.each([
		[{ sendTo: '12' }, /"To"/],
		[{ message: '   ' }, /"Message" must not be empty/],
		[{ approvalOptions: { values: { approveKeywords: 'JA, OK', declineKeywords: 'nej, ok' } } }, /both contain "ok"/],
		[{ approvalOptions: { values: { approveKeywords: ' , ' } } }, /"Approve Keywords" needs at least one keyword/],
	])('%j is refused', async (overrides, message) => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, overrides);
		await wait.start();
		expect(wait.status).toBe('error');
		expect(wait.error).toMatch(message);
		expect(sentBatches(fixture.sandbox, account)).toHaveLength(0);
		await trigger.deactivate();
	});
});
