import type { SandboxVariants } from '../../sandbox';
import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { useSandbox } from '../harness/sandbox';
import { useWebhookServer } from '../trigger/harness/fixtures';
import { activeTrigger, ASKED, newWait, reply } from './helpers';

/*
 * The reply route under the API's readings that touch it (sandbox/README.md "Readings"): what the send
 * answers, enum and timestamp forms, the settings endpoints, list paging; and a reply that reaches
 * n8n while the asking execution is still saving itself (409 "running").
 */
const fixture = useSandbox();
const web = useWebhookServer();

beforeEach(() => forgetSeenEvents());
afterEach(() => fixture.sandbox.control.setVariants({ ...DEFAULTS }));

let DEFAULTS: Partial<SandboxVariants> = {};
beforeAll(() => (DEFAULTS = fixture.sandbox.control.variants));

const READINGS: Array<Partial<SandboxVariants>> = [
	{ sendResponse: 'empty' },
	{ sendResponse: 'idOnly', requestEnums: 'integers' },
	{ responseEnums: 'integers', timestamps: 'zoneless' },
	{ timestamps: 'milliseconds', requestEnums: 'strings' },
	{ settingsBody: 'pascalArray', settingsPath: 'unversioned' },
	{ linkHeader: 'none', pageSizeCap: 100, overCap: 'clamp', pagedLists: 'core' },
	{ statusDuration: 'elapsedSeconds', dlrIdKey: 'messageId' },
];

test.each(READINGS)('under %j a reply resumes the waiting execution and the trigger starts nothing', async (reading) => {
	fixture.sandbox.control.setVariants(reading);
	const account = fixture.newAccount();
	const trigger = await activeTrigger(web.server, account);
	const wait = newWait(web.server, account, { approvalOptions: { values: { retryHint: 'Svara JA eller NEJ.' } } });
	await wait.start();
	expect(wait.status).toBe('waiting');
	await reply(fixture.sandbox, account, ASKED, 'hmm', [trigger, wait]);
	expect(wait.status).toBe('waiting');
	await reply(fixture.sandbox, account, ASKED, 'JA', [trigger, wait]);
	expect(wait.collected).toEqual([expect.objectContaining({ approved: true, sentMessageId: expect.any(String), from: ASKED })]);
	expect(trigger.executions).toHaveLength(0);
	await trigger.deactivate();
});

test('a reply that arrives while the asking execution still saves itself (409 "running") is handed over once it waits', async () => {
	const account = fixture.newAccount();
	const trigger = await activeTrigger(web.server, account);
	const wait = newWait(web.server, account);
	await wait.start();
	wait.answerRunning = 2;
	await reply(fixture.sandbox, account, ASKED, 'JA', [trigger, wait]);
	expect(wait.collected).toEqual([expect.objectContaining({ approved: true })]);
	expect(trigger.executions).toHaveLength(0);
	const answers = web.server.answered.filter((answer) => answer.path === wait.waitingPath).map((answer) => answer.status);
	expect(answers).toEqual([409, 409, 200]);
	await trigger.deactivate();
});
