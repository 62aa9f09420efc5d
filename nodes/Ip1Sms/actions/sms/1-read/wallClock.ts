import { offsetMs } from '../../../../shared/dateTimes';

/* Wall-clock arithmetic in an IANA zone for Quiet Hours: a time can happen twice (clocks go back) or never (forward). */

const DAY_MS = 24 * 3600 * 1000;

/** A calendar date; month 1–12. */
export interface LocalDate {
	year: number;
	month: number;
	day: number;
}

/** Whether `timeZone` is a zone this runtime knows (an unknown one would silently read as UTC). */
export function isKnownTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
		return true;
	} catch {
		return false;
	}
}

/** The date the clocks of `timeZone` show at the instant `epochMs`. */
export function localDateAt(epochMs: number, timeZone: string): LocalDate {
	const shown = new Date(epochMs + offsetMs(epochMs, timeZone));
	return { year: shown.getUTCFullYear(), month: shown.getUTCMonth() + 1, day: shown.getUTCDate() };
}

export function addDays(date: LocalDate, days: number): LocalDate {
	const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/**
 * The instant the clocks of `timeZone` show `minutes` past midnight of `date`: of a time that happens
 * twice, the earlier (`first`) or later (`last`); of one skipped, the jump. Quiet hours begin at the
 * `first` and end at the `last`, so DST never shortens them.
 */
export function wallClockInstant(date: LocalDate, minutes: number, timeZone: string, occurrence: 'first' | 'last'): number {
	const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
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
