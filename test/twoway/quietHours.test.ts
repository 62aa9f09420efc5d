import { forgetSeenEvents } from '../../nodes/Ip1SmsTrigger/dedupe';
import { useSandbox } from '../harness/sandbox';
import { useWebhookServer } from '../trigger/harness/fixtures';
import { activeTrigger, ASKED, newWait, reply, sentBatches } from './helpers';

/*
 * Send and Wait for Response with Quiet Hours (the Send operation's field and rules): a question asked
 * during quiet hours goes out when they end, and its time limit counts from then.
 */
const fixture = useSandbox();
const web = useWebhookServer();

beforeEach(() => forgetSeenEvents());

/** HH:MM in UTC, `minutes` from now. */
function utcClock(minutes: number): string {
	const at = new Date(Date.now() + minutes * 60_000);
	return `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
}

describe('Quiet Hours for the question', () => {
	test('asked during quiet hours: sent with delivery windows that open when they end; the limit counts from then; a reply still resumes it', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, {
			options: {
				quietHours: { hours: { from: utcClock(-60), until: utcClock(120), timeZone: 'UTC' } },
				limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 30, resumeUnit: 'minutes' } },
			},
		});
		await wait.start();
		expect(wait.status).toBe('waiting');
		const [batch] = sentBatches(fixture.sandbox, account);
		const opens = Date.parse(String(batch.deliveryWindows[0].opens));
		expect(Math.abs(opens - (Date.now() + 120 * 60_000))).toBeLessThan(61_000);
		expect(wait.waitOutput).toEqual([
			expect.objectContaining({ quietHours: expect.stringMatching(/^\d\d:\d\d–\d\d:\d\d UTC$/), nextSendingAt: batch.deliveryWindows[0].opens }),
		]);
		expect(wait.waitTill!.getTime()).toBe(Date.parse(String(wait.waitOutput[0].nextSendingAt)) + 30 * 60_000);

		await reply(fixture.sandbox, account, ASKED, 'JA', [trigger, wait]);
		expect(wait.collected).toEqual([expect.objectContaining({ approved: true })]);
		await trigger.deactivate();
	});

	test('outside quiet hours the question goes out at once (windows start now)', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { options: { quietHours: { hours: { from: utcClock(60), until: utcClock(120), timeZone: 'UTC' } } } });
		await wait.start();
		const [batch] = sentBatches(fixture.sandbox, account);
		expect(Math.abs(Date.parse(String(batch.deliveryWindows[0].opens)) - Date.now())).toBeLessThan(5_000);
		await trigger.deactivate();
	});

	test('an unknown time zone is refused before anything is sent', async () => {
		const account = fixture.newAccount();
		const trigger = await activeTrigger(web.server, account);
		const wait = newWait(web.server, account, { options: { quietHours: { hours: { from: '21:00', until: '08:00', timeZone: 'Mars/Olympus' } } } });
		await wait.start();
		expect(wait.status).toBe('error');
		expect(wait.error).toMatch(/Quiet Hours.*unknown time zone/);
		expect(sentBatches(fixture.sandbox, account)).toHaveLength(0);
		await trigger.deactivate();
	});
});
