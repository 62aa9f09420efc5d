import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { useSandbox } from '../harness/sandbox';
import { useWebhookServer } from '../trigger/harness/fixtures';
import { activeTrigger, ASKED, newWait, reply, sentBatches } from './helpers';

/*
 * The question carries its own rules (docs/twoway.md): keywords, hint and response type given by
 * expressions are evaluated for the item the question was sent for, and the reply is judged by them.
 */
const fixture = useSandbox();
const web = useWebhookServer();

beforeEach(() => forgetSeenEvents());

describe('rules given by expression', () => {
	test('Approve Keywords and the hint from the input item judge the reply', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, {
			message: 'Bekräfta passet i morgon: svara BEKRÄFTA eller NEJ.',
			approvalOptions: { values: { approveKeywords: '={{ $json.yes }}', retryHint: '={{ $json.hint }}' } },
		});
		await wait.start([{ yes: 'BEKRÄFTA, OK', hint: 'Svara BEKRÄFTA eller NEJ, tack.' }]);
		expect(wait.status).toBe('waiting');
		const [question] = sentBatches(fixture.sandbox, account);
		expect(question.deliveryReportUrl).toMatch(/[?&]ip1Type=a(&|$)/);
		expect(question.deliveryReportUrl).not.toMatch(/ip1No=/);

		await reply(fixture.sandbox, account, ASKED, 'ja', [trigger, wait]);
		expect(wait.status).toBe('waiting');
		expect(sentBatches(fixture.sandbox, account).map((batch) => batch.body)).toContain('Svara BEKRÄFTA eller NEJ, tack.');
		expect(sentBatches(fixture.sandbox, account).map((batch) => batch.body)).not.toContain('Please answer YES or NO. / Svara JA eller NEJ.');

		await reply(fixture.sandbox, account, ASKED, 'Bekräfta', [trigger, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ timedOut: false, approved: true, text: 'Bekräfta' })]);
		expect(trigger.executions).toHaveLength(0);
		await trigger.deactivate();
	});

	test('an empty hint by expression sends nothing back; the response type by expression decides free text', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const quiet = newWait(web.server, account, { sendTo: '46701111111', approvalOptions: { values: { retryHint: '={{ $json.hint }}' } } });
		await quiet.start([{ hint: '' }]);
		const free = newWait(web.server, account, { sendTo: '46702222222', responseType: '={{ $json.kind }}', message: 'Vilken dag passar?' });
		await free.start([{ kind: 'freeText' }]);
		const before = fixture.sandbox.control.countRequests({ method: 'POST', path: '/v2/batches' });

		await reply(fixture.sandbox, account, '46701111111', 'kanske', [trigger, quiet, free]);
		expect(quiet.status).toBe('waiting');
		expect(fixture.sandbox.control.countRequests({ method: 'POST', path: '/v2/batches' })).toBe(before);

		await reply(fixture.sandbox, account, '46702222222', 'Torsdag', [trigger, quiet, free]);
		expect(free.collected).toEqual([expect.objectContaining({ timedOut: false, text: 'Torsdag' })]);
		expect(free.collected[0]).not.toHaveProperty('approved');
		await trigger.deactivate();
	});

	test('the answer link form follows the question: a text box for free text given by expression', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { responseType: '={{ $json.kind }}', message: '={{ $json.ask }}', options: { answerLink: true } });
		await wait.start([{ kind: 'freeText', ask: 'Vilken dag passar?' }]);
		const [batch] = sentBatches(fixture.sandbox, account);
		expect(batch.body.startsWith('Vilken dag passar?\n')).toBe(true);
		const link = batch.body.split('\n').pop()!;
		const html = await (await fetch(link)).text();
		expect(html).toContain('<textarea name="text"');
		expect(html).not.toContain('value="yes"');
		const answered = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=Fredag' });
		expect(answered.status).toBe(200);
		await wait.idle();
		expect(wait.collected).toEqual([expect.objectContaining({ answeredBy: 'link', text: 'Fredag' })]);
		await trigger.deactivate();
	});

	test('the rules cannot be changed in the URL: n8n refuses an altered query', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { approvalOptions: { values: { approveKeywords: 'OK' } } });
		await wait.start();
		const [batch] = sentBatches(fixture.sandbox, account);
		expect(batch.deliveryReportUrl).toMatch(/ip1Yes=ok/);
		const forged = batch.deliveryReportUrl!.replace('ip1Yes=ok', 'ip1Yes=maybe');
		const answer = await fetch(forged, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ip1SmsReply: { sender: ASKED, body: 'maybe' } }) });
		expect(answer.status).toBe(401);
		expect(wait.status).toBe('waiting');
		await trigger.deactivate();
	});
});
