import type { IDataObject } from 'n8n-workflow';

import { toEpochMs, toIsoUtc } from '../../../../shared/dateTimes';

/** When the items are read: the workflow's time zone (for zone-less times) and one "now" for all. */
export interface Clock {
	timeZone: string;
	now: number;
}

/** An input error of this item: field, broken rule, offending value, fix. */
export type Problem = (field: string, rule: string, value: unknown, fix: string) => Error;

/** iP.1's own sample client closes a window a week after it opens when no end is given. */
const DEFAULT_WINDOW_MS = 7 * 24 * 3600 * 1000;

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
	const pairs = hasSendAt
		? [{ opens: sendAt, closes: undefined, field: 'Send At' }]
		: rows.map((row, index) => ({ opens: row.opens, closes: row.closes, field: `Delivery Windows (window ${index + 1})` }));
	return pairs.map(({ opens, closes, field }) => deliveryWindow(opens, closes, field, clock, problem));
}

function isGiven(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

function deliveryWindow(opens: unknown, closes: unknown, field: string, clock: Clock, problem: Problem): DeliveryWindow {
	const opensMs = toEpochMs(opens, clock.timeZone);
	if (opensMs === undefined) {
		throw problem(field, 'needs a valid date and time to open', opens, 'Pick a date and time, or map an ISO-8601 value such as 2025-11-12T17:00:00Z.');
	}
	const closesMs = isGiven(closes) ? toEpochMs(closes, clock.timeZone) : opensMs + DEFAULT_WINDOW_MS;
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
