import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import {
	markNeededAt,
	questionMayWait,
	questionsMarkOf,
	withoutQuestionsMark,
	withQuestionsMark,
} from '../../nodes/shared/callbackSetting';
import { MAX_QUESTION_AGE_MS } from '../../nodes/shared/waitProtocol';
import { useSandbox } from '../harness/sandbox';
import { callbackUrl, markDay, newHost, setCallbackUrl, settingsRequests, useWebhookServer } from '../trigger/harness/fixtures';
import { activeTrigger, newWait, reply } from './helpers';

/*
 * Inbound SMS where no question can wait (docs/twoway.md): the account's IncomingCallbackUrl carries
 * `ip1Questions=<last day a reply can reach a question>` (or `none`). Send and Wait moves it before it
 * asks; the trigger keeps it; an inbound SMS posted to a URL that says no question can wait costs no
 * API read at all. Reads are counted on the sandbox.
 */
const fixture = useSandbox();
const web = useWebhookServer();

beforeEach(() => forgetSeenEvents());

const conversationReads = () => fixture.sandbox.control.countRequests({ method: 'GET', path: /\/v2\/conversations\/\d+\/mt/ });
const DAY_MS = 24 * 3600 * 1000;

describe('the mark in the URL', () => {
	const base = 'https://n8n.example.com/webhook/abc/ip1sms?secret=s3cr3t';

	test('written, replaced and removed without touching the rest of the URL', () => {
		expect(withQuestionsMark(base, 'none')).toBe(`${base}&ip1Questions=none`);
		const day = Math.floor(Date.parse('2027-01-07T12:00:00Z') / DAY_MS);
		const marked = withQuestionsMark(`${base}&ip1Questions=none`, day);
		expect(marked).toBe(`${base}&ip1Questions=2027-01-07`);
		expect(questionsMarkOf(marked)).toBe(day);
		expect(withoutQuestionsMark(marked)).toBe(base);
		expect(withoutQuestionsMark('https://x.example/ip1sms?ip1Questions=none&secret=s')).toBe('https://x.example/ip1sms?secret=s');
		expect(withQuestionsMark('https://x.example/ip1sms', 'none')).toBe('https://x.example/ip1sms?ip1Questions=none');
	});

	test('read: none, a day, or unknown (absent, malformed, unparsable URL)', () => {
		expect(questionsMarkOf(`${base}&ip1Questions=none`)).toBe('none');
		expect(questionsMarkOf(base)).toBe('unknown');
		expect(questionsMarkOf(`${base}&ip1Questions=soon`)).toBe('unknown');
		expect(questionsMarkOf(`${base}&ip1Questions=2027-13-45`)).toBe('unknown');
		expect(questionsMarkOf('not a url')).toBe('unknown');
	});

	test('a reply may reach a question up to and including the marked day; unknown always looks', () => {
		const day = Math.floor(Date.parse('2027-01-07T00:00:00Z') / DAY_MS);
		expect(questionMayWait(day, Date.parse('2027-01-07T23:59:59Z'))).toBe(true);
		expect(questionMayWait(day, Date.parse('2027-01-08T00:00:00Z'))).toBe(false);
		expect(questionMayWait('none', Date.parse('2027-01-01T00:00:00Z'))).toBe(false);
		expect(questionMayWait('unknown', Date.parse('2099-01-01T00:00:00Z'))).toBe(true);
	});

	test('a question asked at any time of day is covered for its full reach, with a day to spare', () => {
		for (const asked of [Date.parse('2027-01-07T00:00:00Z'), Date.parse('2027-01-07T23:59:59Z')]) {
			const needed = markNeededAt(asked, MAX_QUESTION_AGE_MS);
			expect(questionMayWait(needed, asked + MAX_QUESTION_AGE_MS)).toBe(true);
			expect(questionMayWait(needed, asked + MAX_QUESTION_AGE_MS + DAY_MS - 1000)).toBe(true);
		}
	});
});

describe('inbound SMS where no question can wait', () => {
	test('no question ever asked: 1,000 inbound SMS from 1,000 numbers start the workflow with no API read', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		expect(callbackUrl(fixture.sandbox, account)).toMatch(/&ip1Questions=none$/);
		const before = fixture.sandbox.control.countRequests();
		for (let index = 0; index < 1000; index++) {
			await fixture.sandbox.control.injectInbound({ token: account.apiToken, from: `4670${String(1_000_000 + index)}`, body: `Hej ${index}` });
		}
		await fixture.sandbox.control.settle();
		await trigger.idle();
		expect(trigger.executions).toHaveLength(1000);
		expect(new Set(trigger.executions.map((run) => run.collected[0]?.sender)).size).toBe(1000);
		expect(fixture.sandbox.control.countRequests() - before).toBe(0);
		await trigger.deactivate();
	});

	test('a mark that has passed: no read', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		await setCallbackUrl(fixture.sandbox, account, withQuestionsMark(callbackUrl(fixture.sandbox, account) as string, Math.floor(Date.now() / DAY_MS) - 1));
		const before = conversationReads();
		await reply(fixture.sandbox, account, '46709999001', 'Hej', [trigger]);
		expect(trigger.executions).toHaveLength(1);
		expect(conversationReads() - before).toBe(0);
		await trigger.deactivate();
	});

	test('a URL without the mark (set by hand to the trigger URL): every inbound SMS is looked up', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		await setCallbackUrl(fixture.sandbox, account, withoutQuestionsMark(callbackUrl(fixture.sandbox, account) as string));
		const before = conversationReads();
		await reply(fixture.sandbox, account, '46709999002', 'Hej', [trigger]);
		expect(trigger.executions).toHaveLength(1);
		expect(conversationReads() - before).toBe(1);
		await trigger.deactivate();
	});
});

describe('Send and Wait moves the mark', () => {
	test('the first question marks 32 days ahead (a reach of 30 days, a day to spare, a day before the next write), the next one the same day writes nothing; replies and other SMS are looked up', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const putsBefore = settingsRequests(fixture.sandbox, account, 'PUT').length;
		const first = newWait(web.server, account, { sendTo: '46703000001' });
		await first.start();
		expect(callbackUrl(fixture.sandbox, account)).toMatch(new RegExp(`&ip1Questions=${markDay(32)}$`));
		expect(settingsRequests(fixture.sandbox, account, 'PUT')).toHaveLength(putsBefore + 1);
		const second = newWait(web.server, account, { sendTo: '46703000002' });
		await second.start();
		expect(settingsRequests(fixture.sandbox, account, 'PUT')).toHaveLength(putsBefore + 1);

		let before = conversationReads();
		await reply(fixture.sandbox, account, '46703000002', 'JA', [trigger, first, second]);
		expect(second.collected).toEqual([expect.objectContaining({ approved: true, recipient: '46703000002' })]);
		expect(first.status).toBe('waiting');
		expect(conversationReads() - before).toBe(1);
		// A number never asked, while questions may wait: one read, and it starts the trigger's workflow.
		before = conversationReads();
		await reply(fixture.sandbox, account, '46703000099', 'Hej', [trigger, first]);
		expect(trigger.executions).toHaveLength(1);
		expect(conversationReads() - before).toBe(1);
		await trigger.deactivate();
	});

	test('a restart of n8n (checkExists) keeps the mark and writes nothing; the question still gets its reply', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { sendTo: '46703000003' });
		await wait.start();
		const marked = callbackUrl(fixture.sandbox, account);
		const puts = settingsRequests(fixture.sandbox, account, 'PUT').length;
		await trigger.activate('init');
		expect(settingsRequests(fixture.sandbox, account, 'PUT')).toHaveLength(puts);
		expect(callbackUrl(fixture.sandbox, account)).toBe(marked);
		await reply(fixture.sandbox, account, '46703000003', 'nej', [trigger, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ approved: false })]);
		await trigger.deactivate();
	});

	test('a question asked while a test session borrowed the callback: the production URL is given back with the later mark', async () => {
		const account = fixture.newAccount();
		const production = newHost(web.server, account, { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' });
		await production.activate();
		expect(callbackUrl(fixture.sandbox, account)).toMatch(/&ip1Questions=none$/);
		await production.listenForTestEvent();
		const wait = newWait(web.server, account, { sendTo: '46703000004' });
		await wait.start();
		expect(callbackUrl(fixture.sandbox, account)).toContain('/webhook-test/');
		await production.stopListening();
		const restored = callbackUrl(fixture.sandbox, account) as string;
		expect(restored).toContain('/webhook/');
		expect(restored).toMatch(new RegExp(`&ip1Questions=${markDay(32)}$`));
		await reply(fixture.sandbox, account, '46703000004', 'JA', [production, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ approved: true })]);
		await production.deactivate();
	});
});
