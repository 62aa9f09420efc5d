/* eslint-disable @n8n/community-nodes/no-restricted-globals -- reads GENERIC_TIMEZONE from the test process environment; tests are never published */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { applyQuietHours } from '../../nodes/Ip1Sms/actions/sms/1-read/schedule';
import { countSegments } from '../../nodes/Ip1Sms/actions/sms/gsm';
import { useSandbox } from '../harness/sandbox';
import { SEND, expectInputError, jsonOf, postCount, run, sentBodies } from './helpers';

/*
 * Send options "Append Opt-Out Text" and "Quiet Hours", through the engine against the sandbox.
 * The Send output's shape is being reworked; these tests find the fields they need wherever the
 * output puts them (first match, depth first).
 */

const fixture = useSandbox();
const OPT_OUT = 'Svara STOPP för att avsluta';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeEach(() => fixture.sandbox.control.clearRequests());
afterEach(() => fixture.sandbox.control.setVariants({ windowZone: 'any', windowCloses: 'optional' }));

/** The first value under `key` anywhere in the output item. */
/** Quiet hours from 21:00 to 08:00 UTC, as the Quiet Hours option takes them. */
const NIGHTS_UTC = { hours: { from: '21:00', until: '08:00', timeZone: 'UTC' } };

/** A one-recipient "Hello" send with these options. */
function hello(options: INodeParameters): INodeParameters {
	return { ...SEND, recipients: '46701234567', message: 'Hello', options };
}

function find(value: unknown, key: string): unknown {
	if (Array.isArray(value)) {
		for (const entry of value) {
			const found = find(entry, key);
			if (found !== undefined) return found;
		}
		return undefined;
	}
	if (!value || typeof value !== 'object') return undefined;
	const object = value as IDataObject;
	if (key in object) return object[key];
	for (const entry of Object.values(object)) {
		const found = find(entry, key);
		if (found !== undefined) return found;
	}
	return undefined;
}

const lastStatus = (messageId: string) =>
	fixture.sandbox.control.state(fixture.sandbox.token).messages.find((message) => message.id === messageId)?.statuses.at(-1)?.code;
const statusesOf = (messageId: string) =>
	fixture.sandbox.control.state(fixture.sandbox.token).messages.find((message) => message.id === messageId)?.statuses ?? [];

describe('Append Opt-Out Text', () => {
	test('appended on a new line, sent, and counted in the encoding and parts shown', async () => {
		const message = 'A'.repeat(140);
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '46701234567', message, options: { optOutText: ` ${OPT_OUT} ` } },
		});
		expect(result.error).toBeUndefined();
		const expected = `${message}\n${OPT_OUT}`;
		expect(sentBodies(fixture).map((body) => [body.body, body.datacoding])).toEqual([[expected, 0]]);
		const [output] = jsonOf(result);
		// 140 characters are one SMS; with the opt-out line they are 169 GSM characters: two parts.
		expect(countSegments(message, 'gsm').segments).toBe(1);
		expect(find(output, 'text')).toBe(expected);
		expect(find(output, 'segments')).toBe(2);
		expect(find(output, 'encoding')).toBe('gsm');
		expect(find(output, 'optOutText')).toBe(OPT_OUT);
	});

	test('an opt-out text GSM cannot carry makes Auto choose Unicode, and the parts follow', async () => {
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '46701234567', message: 'Sale today', options: { optOutText: 'Reply STOP ✋' } },
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.datacoding)).toEqual([2]);
		expect(find(jsonOf(result)[0], 'encoding')).toBe('ucs');
	});

	test('personalised: every recipient\'s text ends with it, and the template sent carries it once', async () => {
		const result = await run(fixture, {
			parameters: {
				...SEND,
				mode: 'personalised',
				recipients: '={{ $json.phone }}',
				message: 'Hi {firstName}',
				personalisation: { values: [{ name: 'firstName', value: '={{ $json.name }}' }] },
				options: { optOutText: OPT_OUT },
			},
			items: [
				{ phone: '46701234567', name: 'Ada' },
				{ phone: '46701234568', name: 'Bo' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.body)).toEqual([`Hi {firstName}\n${OPT_OUT}`]);
		expect(jsonOf(result).map((output) => find(output, 'text'))).toEqual([`Hi Ada\n${OPT_OUT}`, `Hi Bo\n${OPT_OUT}`]);
		const texts = fixture.sandbox.control.state(fixture.sandbox.token).messages.map((message) => message.body);
		expect(texts).toEqual(expect.arrayContaining([`Hi Ada\n${OPT_OUT}`, `Hi Bo\n${OPT_OUT}`]));
	});

	test('a message that already ends with the opt-out text does not get it twice', async () => {
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '46701234567', message: `Hello\n${OPT_OUT}`, options: { optOutText: OPT_OUT } },
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture).map((body) => body.body)).toEqual([`Hello\n${OPT_OUT}`]);
	});

	test('refused before any request when the message and the opt-out text exceed 2,000 characters', async () => {
		const error = await expectInputError(fixture, {
			parameters: { ...SEND, recipients: '46701234567', message: 'a'.repeat(1990), options: { optOutText: OPT_OUT } },
		});
		expect(error.message).toBe(`Item 0: "Append Opt-Out Text" makes the message 2018 characters long; at most 2000 are allowed (got "${OPT_OUT}")`);
		expect(error.description).toMatch(/Shorten the message or the opt-out text/);
	});

	test('refused before any request when Encoding is GSM and the opt-out text needs other characters', async () => {
		const error = await expectInputError(fixture, {
			parameters: { ...SEND, recipients: '46701234567', message: 'Hi', options: { encoding: 'gsm', optOutText: 'Reply STOP ✋' } },
		});
		expect(error.message).toBe('Item 0: "Append Opt-Out Text" contains characters GSM cannot encode: "✋" (got "Reply STOP ✋")');
	});
});

/** `HH:MM` of an instant in UTC. */
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const toMinute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;

describe('Quiet Hours against the sandbox', () => {
	/** A send with quiet hours from an hour ago until two hours from now (UTC): its request's windows and output. */
	async function sendDuringQuietHours() {
		const now = Date.now();
		const from = hhmm(now - HOUR);
		const until = hhmm(now + 2 * HOUR);
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '46701234567', message: 'Good morning', options: { quietHours: { hours: { from, until, timeZone: 'UTC' } } } },
		});
		expect(result.error).toBeUndefined();
		const windows = sentBodies(fixture)[0].deliveryWindows as Array<{ opens: string; closes: string }>;
		return { now, from, until, output: jsonOf(result)[0], windows, firstOpens: toMinute(now + 2 * HOUR) };
	}

	// First in this file to move the sandbox clock: its manual clock stands at the sandbox's start
	// (a little before now), and the node reads the real clock.
	test('sent during quiet hours: nothing is delivered until they end, then it is', async () => {
		const { output, firstOpens } = await sendDuringQuietHours();
		const messageId = String(find(output, 'messageId') ?? Object.values(find(output, 'messageIds') as IDataObject)[0]);
		await fixture.sandbox.control.advance(HOUR);
		await fixture.sandbox.control.settle();
		expect(lastStatus(messageId)).toBe(101);
		await fixture.sandbox.control.advance(HOUR + 5 * MINUTE);
		await fixture.sandbox.control.settle();
		expect(lastStatus(messageId)).toBe(201);
		const sending = statusesOf(messageId).find((status) => status.code === 110);
		expect(Date.parse(String(sending?.created))).toBeGreaterThanOrEqual(firstOpens);
	});

	test.each([
		['every reading of windows accepted', { windowZone: 'any', windowCloses: 'optional' }],
		['only UTC with Z, closes required', { windowZone: 'utc', windowCloses: 'required' }],
	] as const)('the windows sent: daily from the end to the start of quiet hours, in UTC with Z and closes (%s)', async (_, readings) => {
		fixture.sandbox.control.setVariants(readings);
		const { now, from, until, output, windows, firstOpens } = await sendDuringQuietHours();
		expect(windows[0]).toEqual({ opens: new Date(firstOpens).toISOString().replace('.000Z', 'Z'), closes: expect.any(String) });
		for (const window of windows) {
			expect(window.opens).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
			expect(window.closes).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
			expect(hhmm(Date.parse(window.opens))).toBe(until);
		}
		for (const window of windows.slice(0, -1)) expect(hhmm(Date.parse(window.closes))).toBe(from);
		expect(windows.length).toBeGreaterThanOrEqual(6);
		expect(Date.parse(windows.at(-1)!.closes)).toBeLessThanOrEqual(now + 7 * 24 * HOUR + 1000);
		expect(find(find(output, 'detail'), 'quietHours')).toEqual({ from, until, timeZone: 'UTC', nextSendingAt: windows[0].opens });
		// At a glance too, on the flat part of the item.
		expect(find(output, 'quietHours')).toBe(`${from}–${until} UTC`);
		expect(find(output, 'nextSendingAt')).toBe(windows[0].opens);
		expect(find(output, 'deliveryWindows')).toEqual(windows);
		const batch = fixture.sandbox.control.state(fixture.sandbox.token).batches.find((entry) => entry.id === find(output, 'batchId'));
		expect(batch?.deliveryWindows).toEqual(windows);
	});

	test('sent outside quiet hours: the first window opens now and closes when they begin', async () => {
		const now = Date.now();
		const from = hhmm(now + HOUR);
		const until = hhmm(now + 3 * HOUR);
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '46701234567', message: 'Hello', options: { quietHours: { hours: { from, until, timeZone: 'UTC' } } } },
		});
		expect(result.error).toBeUndefined();
		const windows = sentBodies(fixture)[0].deliveryWindows as Array<{ opens: string; closes: string }>;
		expect(Math.abs(Date.parse(windows[0].opens) - now)).toBeLessThan(5000);
		expect(Date.parse(windows[0].closes)).toBe(toMinute(now + HOUR));
		expect(Date.parse(windows[1].opens)).toBe(toMinute(now + 3 * HOUR));
	});

	test('personalised: every item gets the same windows, and the items still share one request', async () => {
		const result = await run(fixture, {
			parameters: {
				...SEND,
				mode: 'personalised',
				recipients: '={{ $json.phone }}',
				message: 'Hi {firstName}',
				personalisation: { values: [{ name: 'firstName', value: '={{ $json.name }}' }] },
				options: { optOutText: OPT_OUT, quietHours: { hours: { from: '21:00', until: '08:00', timeZone: 'Europe/Stockholm' } } },
			},
			items: [
				{ phone: '46701234567', name: 'Ada' },
				{ phone: '46701234568', name: 'Bo' },
			],
		});
		expect(result.error).toBeUndefined();
		const bodies = sentBodies(fixture);
		expect(bodies).toHaveLength(1);
		const windows = bodies[0].deliveryWindows as Array<{ opens: string; closes: string }>;
		expect(windows.length).toBeGreaterThanOrEqual(7);
		for (const output of jsonOf(result)) {
			expect(find(output, 'deliveryWindows')).toEqual(windows);
			expect(find(find(output, 'detail'), 'quietHours')).toMatchObject({ from: '21:00', until: '08:00', timeZone: 'Europe/Stockholm' });
		}
	});

	test('without a zone of their own, quiet hours are in the workflow\'s time zone', async () => {
		const timeZone = process.env.GENERIC_TIMEZONE ?? 'America/New_York';
		const result = await run(fixture, {
			parameters: { ...SEND, recipients: '46701234567', message: 'Hello', options: { quietHours: { hours: { from: '21:00', until: '08:00' } } } },
		});
		expect(result.error).toBeUndefined();
		expect(find(find(jsonOf(result)[0], 'detail'), 'quietHours')).toMatchObject({ from: '21:00', until: '08:00', timeZone });
		const windows = sentBodies(fixture)[0].deliveryWindows as Array<{ opens: string; closes: string }>;
		const local = (iso: string) =>
			new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
		for (const window of windows.slice(1)) expect(local(window.opens)).toBe('08:00');
		for (const window of windows.slice(0, -1)) expect(local(window.closes)).toBe('21:00');
	});

	test('Delivery Windows are cut to the time outside quiet hours; Send At at night moves to the morning', async () => {
		const day = new Date(Date.now() + 3 * 24 * HOUR).toISOString().slice(0, 10);
		const result = await run(fixture, {
			parameters: hello({
					deliveryWindows: { windows: [{ opens: `${day}T18:00:00Z`, closes: `${day}T23:30:00Z` }] },
					quietHours: NIGHTS_UTC,
				}),
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies(fixture)[0].deliveryWindows).toEqual([{ opens: `${day}T18:00:00Z`, closes: `${day}T21:00:00Z` }]);

		fixture.sandbox.control.clearRequests();
		const sendAt = await run(fixture, {
			parameters: hello({ sendAt: `${day}T23:00:00Z`, quietHours: NIGHTS_UTC }),
		});
		expect(sendAt.error).toBeUndefined();
		const windows = sentBodies(fixture)[0].deliveryWindows as Array<{ opens: string; closes: string }>;
		const next = new Date(Date.parse(`${day}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
		expect(windows[0]).toEqual({ opens: `${next}T08:00:00Z`, closes: `${next}T21:00:00Z` });
		expect(windows).toHaveLength(7);
		expect(find(find(jsonOf(sendAt)[0], 'detail'), 'quietHours')).toMatchObject({ nextSendingAt: `${next}T08:00:00Z` });
	});

	test('refused before any request: a delivery window wholly inside quiet hours, bad times, an unknown zone', async () => {
		const day = new Date(Date.now() + 3 * 24 * HOUR).toISOString().slice(0, 10);
		const inside = await expectInputError(fixture, {
			parameters: hello({
					deliveryWindows: { windows: [{ opens: `${day}T22:00:00Z`, closes: `${day}T23:00:00Z` }] },
					quietHours: NIGHTS_UTC,
				}),
		});
		expect(inside.message).toBe(
			`Item 0: "Quiet Hours" cover the whole of delivery window 1 (${day}T22:00:00Z – ${day}T23:00:00Z): nothing could be delivered in it (got {"from":"21:00","until":"08:00","timeZone":"UTC"})`,
		);
		const quiet = (hours: Record<string, string>) => ({ ...SEND, recipients: '46701234567', message: 'Hi', options: { quietHours: { hours } } });
		expect((await expectInputError(fixture, { parameters: quiet({ from: '25:00', until: '08:00' }) })).message).toBe(
			'Item 0: "Quiet Hours → From" must be a time of day as HH:MM (00:00–23:59) (got "25:00")',
		);
		expect((await expectInputError(fixture, { parameters: quiet({ from: '8:00', until: '08' }) })).message).toMatch(
			/"Quiet Hours" "From" and "Until" must differ/,
		);
		expect((await expectInputError(fixture, { parameters: quiet({ from: '21:00', until: '08:00', timeZone: 'Europe/Stockholmm' }) })).message).toBe(
			'Item 0: "Quiet Hours" has an unknown time zone (got "Europe/Stockholmm")',
		);
		expect(postCount(fixture)).toBe(0);
	});
});

describe('Quiet Hours across DST (Europe/Stockholm, fixed clocks)', () => {
	const problem = (field: string, rule: string) => new Error(`${field} ${rule}`);
	const windowsAt = (nowIso: string, from: string, until: string) =>
		applyQuietHours({ hours: { from, until, timeZone: 'Europe/Stockholm' } }, [], { timeZone: 'UTC', now: Date.parse(nowIso) }, problem)
			?.deliveryWindows;

	test('21:00–08:00 over the night the clocks go forward (29 March 2026): 08:00 CEST is 06:00Z', () => {
		expect(windowsAt('2026-03-28T12:00:00Z', '21:00', '08:00')?.slice(0, 3)).toEqual([
			{ opens: '2026-03-28T12:00:00Z', closes: '2026-03-28T20:00:00Z' },
			{ opens: '2026-03-29T06:00:00Z', closes: '2026-03-29T19:00:00Z' },
			{ opens: '2026-03-30T06:00:00Z', closes: '2026-03-30T19:00:00Z' },
		]);
	});

	test('21:00–08:00 over the night the clocks go back (25 October 2026): 08:00 CET is 07:00Z', () => {
		expect(windowsAt('2026-10-24T12:00:00Z', '21:00', '08:00')?.slice(0, 2)).toEqual([
			{ opens: '2026-10-24T12:00:00Z', closes: '2026-10-24T19:00:00Z' },
			{ opens: '2026-10-25T07:00:00Z', closes: '2026-10-25T20:00:00Z' },
		]);
	});

	test('an end the clocks skip (02:30 on 29 March) ends quiet hours at the jump, 03:00 CEST', () => {
		expect(windowsAt('2026-03-28T12:00:00Z', '01:00', '02:30')?.slice(0, 2)).toEqual([
			{ opens: '2026-03-28T12:00:00Z', closes: '2026-03-29T00:00:00Z' },
			{ opens: '2026-03-29T01:00:00Z', closes: '2026-03-29T23:00:00Z' },
		]);
	});

	test('times that happen twice (25 October): quiet from the first 02:30, until the second 02:30', () => {
		// Quiet 02:30–04:00: starts 02:30 CEST (00:30Z), not 02:30 CET (01:30Z).
		expect(windowsAt('2026-10-24T12:00:00Z', '02:30', '04:00')?.[0]).toEqual({ opens: '2026-10-24T12:00:00Z', closes: '2026-10-25T00:30:00Z' });
		// Quiet 23:00–02:30: ends 02:30 CET (01:30Z), the later of the two.
		expect(windowsAt('2026-10-24T12:00:00Z', '23:00', '02:30')?.slice(0, 2)).toEqual([
			{ opens: '2026-10-24T12:00:00Z', closes: '2026-10-24T21:00:00Z' },
			{ opens: '2026-10-25T01:30:00Z', closes: '2026-10-25T22:00:00Z' },
		]);
	});

	test('quiet hours within one day (12:00–13:00) leave the rest of each day; a tail under 5 minutes waits', () => {
		expect(windowsAt('2026-06-01T08:00:00Z', '12:00', '13:00')?.slice(0, 2)).toEqual([
			{ opens: '2026-06-01T08:00:00Z', closes: '2026-06-01T10:00:00Z' },
			{ opens: '2026-06-01T11:00:00Z', closes: '2026-06-02T10:00:00Z' },
		]);
		// 18:58 CEST with quiet hours from 19:00: two minutes left today are skipped.
		expect(windowsAt('2026-06-01T16:58:00Z', '19:00', '08:00')?.[0]).toEqual({ opens: '2026-06-02T06:00:00Z', closes: '2026-06-02T17:00:00Z' });
	});
});
