import type { IDataObject } from 'n8n-workflow';

import { offsetMs, toEpochMs, toIsoUtc } from '../../../../shared/dateTimes';

/* When messages may be delivered: Options → Send At, Delivery Windows and Quiet Hours. */

/** When the items are read: the workflow's time zone (for zone-less times) and one "now" for all. */
export interface Clock {
	timeZone: string;
	now: number;
}

/** An input error of this item: field, broken rule, offending value, fix. */
export type Problem = (field: string, rule: string, value: unknown, fix: string) => Error;

const DAY_MS = 24 * 3600 * 1000;
/** Send At's window (iP.1's sample client closes one a week after it opens) and Quiet Hours' alone. */
const WEEK_MS = 7 * DAY_MS;

export interface DeliveryWindow {
	opens: string;
	closes: string;
}

/** Send At (one window, a week long) or Delivery Windows (a fixedCollection), in UTC; never both, never already over. */
export function readDeliveryWindows(sendAt: unknown, windows: unknown, clock: Clock, problem: Problem): DeliveryWindow[] {
	const given = (windows as { windows?: IDataObject[] } | undefined)?.windows ?? [];
	const rows = given.filter((row) => row && (row.opens || row.closes));
	const hasSendAt = isGiven(sendAt);
	if (hasSendAt && rows.length > 0) {
		throw problem(
			'Send At',
			'cannot be combined with "Delivery Windows"',
			undefined,
			'Use "Send At" for one start time, or "Delivery Windows" for one or more periods, not both.',
		);
	}
	if (hasSendAt) return [deliveryWindow(sendAt, undefined, 'Send At', clock, problem)];
	return rows.map((row, index) => deliveryWindow(row.opens, row.closes, `Delivery Windows (window ${index + 1})`, clock, problem));
}

function isGiven(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

function deliveryWindow(opens: unknown, closes: unknown, field: string, clock: Clock, problem: Problem): DeliveryWindow {
	const opensMs = toEpochMs(opens, clock.timeZone);
	if (opensMs === undefined) {
		throw problem(field, 'needs a valid date and time to open', opens, 'Pick a date and time, or map an ISO-8601 value such as 2025-11-12T17:00:00Z.');
	}
	const closesMs = isGiven(closes) ? toEpochMs(closes, clock.timeZone) : opensMs + WEEK_MS;
	if (closesMs === undefined) {
		throw problem(field, 'has an invalid closing date and time', closes, 'Pick a date and time, or leave "Closes" empty for one week after opening.');
	}
	const window = { opens: toIsoUtc(opensMs), closes: toIsoUtc(closesMs) };
	if (closesMs <= opensMs) throw problem(field, 'must close after it opens', window, 'Set "Closes" later than "Opens".');
	if (closesMs <= clock.now) {
		throw problem(
			field,
			'is already over: every message would expire unsent',
			window,
			'Choose a time in the future (times without a zone are read in the workflow\'s time zone).',
		);
	}
	return window;
}

/*
 * Options → Quiet Hours: a daily period (e.g. 21:00–08:00) in which nothing may be delivered, as iP.1 delivery
 * windows covering only the time outside it: alone, over the next 7 days; with Send At or Delivery Windows, each
 * window cut (one wholly inside quiet hours is refused). Windows go in UTC with `Z` and `closes` (both API readings
 * accept that). Each day's boundaries are converted on their own, so DST stays right: quiet hours start at the
 * earlier and end at the later instant of a doubled time, and a skipped time counts from the jump.
 */

const FIELD = 'Quiet Hours';
/** Shorter pieces left by cutting are dropped: a message would expire in them before it went out. */
const MIN_PIECE_MS = 5 * 60 * 1000;
/** The most delivery windows one request carries (the sandbox's limit; iP.1 documents none, §17.7). */
const MAX_DELIVERY_WINDOWS = 10;
/** A longer window always makes more than 10 pieces; refused before days are counted. */
const LONGEST_CUT_WINDOW_MS = 31 * DAY_MS;

interface QuietHours {
	from: string;
	until: string;
	timeZone: string;
}

/** What the output shows: the hours, their zone, the windows sent and when sending can begin. */
export interface AppliedQuietHours extends QuietHours {
	deliveryWindows: DeliveryWindow[];
	/** The earliest moment iP.1 may deliver: now, or when the current quiet hours end. */
	nextSendingAt: string;
}

/** Options → Quiet Hours as n8n holds it (a fixedCollection with one set). */
type HoursValue = { from?: unknown; until?: unknown; timeZone?: unknown };

type Range = [number, number];

/** The same hours, windows and clock give the same answer: computed once per send, not per item. */
let lastResult: { key: string; result: AppliedQuietHours } | undefined;

/** The windows to send and the summary for the output; undefined when Quiet Hours is not set. */
export function applyQuietHours(
	value: unknown,
	windows: DeliveryWindow[],
	clock: Clock,
	problem: Problem,
): AppliedQuietHours | undefined {
	const hours = (value as { hours?: HoursValue } | undefined)?.hours;
	if (!hours || typeof hours !== 'object') return undefined;
	const quiet = readQuietHours(hours, clock, problem);
	const key = JSON.stringify([quiet, windows, clock.now]);
	if (lastResult?.key === key) return lastResult.result;
	const deliveryWindows = windows.length > 0 ? cutWindows(windows, quiet, clock, problem) : freeWindows(quiet, clock, problem);
	const firstOpens = Date.parse(deliveryWindows[0].opens);
	const result = { ...quiet, deliveryWindows, nextSendingAt: toIsoUtc(Math.max(firstOpens, secondOf(clock.now))) };
	lastResult = { key, result };
	return result;
}

function readQuietHours(hours: HoursValue, clock: Clock, problem: Problem): QuietHours {
	const from = clockTime(hours.from, '21:00', 'From', problem);
	const until = clockTime(hours.until, '08:00', 'Until', problem);
	if (from === until) {
		throw problem(FIELD, '"From" and "Until" must differ', { from, until }, 'Give the daily start and end of the quiet period, e.g. 21:00 and 08:00.');
	}
	const zone = String(hours.timeZone ?? '').trim() || clock.timeZone;
	if (!isKnownTimeZone(zone)) {
		throw problem(FIELD, 'has an unknown time zone', zone, 'Use an IANA zone name such as Europe/Stockholm, or leave "Time Zone" empty for the workflow\'s time zone.');
	}
	return { from, until, timeZone: zone };
}

/** `HH:MM` (24-hour clock), normalised; `8`, `8:00` and `08.00` are read too. */
function clockTime(value: unknown, fallback: string, part: string, problem: Problem): string {
	const text = isGiven(value) ? String(value).trim() : fallback;
	const match = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(text);
	const hour = Number(match?.[1]);
	const minute = Number(match?.[2] ?? 0);
	if (!match || hour > 23 || minute > 59) {
		throw problem(`${FIELD} → ${part}`, 'must be a time of day as HH:MM (00:00–23:59)', value, 'Write the time on the 24-hour clock, e.g. 21:00 or 08:00.');
	}
	return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function minutesOf(time: string): number {
	const [hour, minute] = time.split(':').map(Number);
	return hour * 60 + minute;
}

function secondOf(epochMs: number): number {
	return Math.floor(epochMs / 1000) * 1000;
}

/** Quiet Hours alone: the time outside them during the next 7 days. */
function freeWindows(quiet: QuietHours, clock: Clock, problem: Problem): DeliveryWindow[] {
	const start = secondOf(clock.now);
	const pieces = keptPieces(piecesOutside([start, start + WEEK_MS], quiet), WEEK_MS, clock.now);
	if (pieces.length === 0) {
		throw problem(FIELD, 'leave less than 5 minutes a day for sending', quiet, 'Shorten the quiet period.');
	}
	return pieces.slice(0, MAX_DELIVERY_WINDOWS).map(toWindow);
}

/** Send At or Delivery Windows with Quiet Hours: every window cut to the time outside them. */
function cutWindows(windows: DeliveryWindow[], quiet: QuietHours, clock: Clock, problem: Problem): DeliveryWindow[] {
	const cut: DeliveryWindow[] = [];
	windows.forEach((window, index) => {
		const range: Range = [Date.parse(window.opens), Date.parse(window.closes)];
		if (range[1] - range[0] > LONGEST_CUT_WINDOW_MS) throw tooManyWindows(problem, quiet, `more than ${MAX_DELIVERY_WINDOWS}`);
		const pieces = keptPieces(piecesOutside(range, quiet), range[1] - range[0], clock.now);
		if (pieces.length === 0) {
			throw problem(
				FIELD,
				`cover the whole of delivery window ${index + 1} (${window.opens} – ${window.closes}): nothing could be delivered in it`,
				quiet,
				'Move the window (or Send At) to a time outside quiet hours, or change or remove Quiet Hours.',
			);
		}
		cut.push(...pieces.map(toWindow));
	});
	if (cut.length > MAX_DELIVERY_WINDOWS) throw tooManyWindows(problem, quiet, String(cut.length));
	return cut;
}

function tooManyWindows(problem: Problem, quiet: QuietHours, count: string): Error {
	return problem(
		FIELD,
		`split the delivery windows into ${count} windows; at most ${MAX_DELIVERY_WINDOWS} can be sent`,
		quiet,
		'Use fewer or shorter delivery windows (each day outside quiet hours becomes one window).',
	);
}

/** Pieces that have not closed and are long enough to send in (a piece never cut is always kept). */
function keptPieces(pieces: Range[], wholeLength: number, now: number): Range[] {
	const shortest = Math.min(MIN_PIECE_MS, wholeLength);
	return pieces.filter(([opens, closes]) => closes > now && closes - Math.max(opens, now) >= shortest);
}

function toWindow([opens, closes]: Range): DeliveryWindow {
	return { opens: toIsoUtc(opens), closes: toIsoUtc(closes) };
}

/** `range` minus the quiet periods that overlap it, in time order. */
function piecesOutside(range: Range, quiet: QuietHours): Range[] {
	const pieces: Range[] = [];
	let cursor = range[0];
	for (const [quietStart, quietEnd] of quietPeriods(range, quiet)) {
		if (quietEnd <= cursor) continue;
		if (quietStart >= range[1]) break;
		if (quietStart > cursor) pieces.push([cursor, quietStart]);
		cursor = Math.max(cursor, quietEnd);
	}
	if (cursor < range[1]) pieces.push([cursor, range[1]]);
	return pieces;
}

/** The quiet periods of every day that can touch `range` (from the day before: they cross midnight). */
function quietPeriods(range: Range, { from, until, timeZone }: QuietHours): Range[] {
	const periods: Range[] = [];
	const [fromMs, untilMs] = [minutesOf(from) * 60_000, minutesOf(until) * 60_000];
	const last = localDayAt(range[1], timeZone) + DAY_MS;
	for (let day = localDayAt(range[0], timeZone) - DAY_MS; day <= last; day += DAY_MS) {
		const start = wallClockInstant(day + fromMs, timeZone, 'first');
		const end = wallClockInstant(day + (fromMs < untilMs ? 0 : DAY_MS) + untilMs, timeZone, 'last');
		if (end > start) periods.push([start, end]);
	}
	return periods;
}

/* Wall-clock arithmetic in an IANA zone for Quiet Hours: a time can happen twice (clocks go back) or never (forward). */

/** Whether `timeZone` is a zone this runtime knows (an unknown one would silently read as UTC). */
function isKnownTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
		return true;
	} catch {
		return false;
	}
}

/** The date the clocks of `timeZone` show at the instant `epochMs`, as its midnight read as UTC. */
function localDayAt(epochMs: number, timeZone: string): number {
	return Math.floor((epochMs + offsetMs(epochMs, timeZone)) / DAY_MS) * DAY_MS;
}

/**
 * The instant the clocks of `timeZone` show `wall` (a wall-clock time read as UTC): of a time that happens twice,
 * the earlier (`first`) or later (`last`); of one skipped, the jump. Quiet hours begin at the `first` and end at
 * the `last`, so DST never shortens them.
 */
function wallClockInstant(wall: number, timeZone: string, occurrence: 'first' | 'last'): number {
	// A change of offset within a day either side covers every DST rule in use.
	const offsets = Array.from(new Set([offsetMs(wall - DAY_MS, timeZone), offsetMs(wall + DAY_MS, timeZone)]));
	const candidates = offsets.map((offset) => wall - offset);
	const exact = candidates.filter((instant) => instant + offsetMs(instant, timeZone) === wall).sort((a, b) => a - b);
	if (exact.length > 0) return occurrence === 'first' ? exact[0] : exact[exact.length - 1];
	// Skipped: the clocks show less than `wall` at the earlier candidate and more at the later one.
	let before = Math.min(...candidates);
	let after = Math.max(...candidates);
	while (after - before > 1000) {
		const middle = before + Math.floor((after - before) / 2000) * 1000;
		if (middle + offsetMs(middle, timeZone) >= wall) after = middle;
		else before = middle;
	}
	return after;
}
