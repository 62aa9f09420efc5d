/**
 * Date-times for delivery windows. n8n's date picker gives a zone-less wall-clock time meant in the
 * workflow's zone; expressions may give zoned ISO strings, epoch milliseconds, Date or Luxon objects.
 * iP.1 gets ISO-8601 in UTC ("…Z").
 */
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

export function toEpochMs(value: unknown, timeZone: string): number | undefined {
	if (value instanceof Date) return valid(value.getTime());
	if (typeof value === 'number') return valid(value);
	if (value && typeof value === 'object') {
		const toISO = (value as { toISO?: unknown }).toISO;
		return typeof toISO === 'function' ? toEpochMs(String(toISO.call(value)), timeZone) : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	if (ZONED.test(text)) return valid(Date.parse(text));
	const match = WALL_CLOCK.exec(text);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
	const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
	const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
	return valid(wallClockToUtc(wallClockAsUtc, timeZone));
}

/** `2025-11-12T17:00:00Z` (milliseconds only when there are some). */
export function toIsoUtc(epochMs: number): string {
	return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

function valid(ms: number): number | undefined {
	return Number.isFinite(ms) ? ms : undefined;
}

/** The instant at which the clocks of `timeZone` show the given wall-clock time. */
function wallClockToUtc(wallClockAsUtc: number, timeZone: string): number {
	const first = wallClockAsUtc - offsetMs(wallClockAsUtc, timeZone);
	return wallClockAsUtc - offsetMs(first, timeZone);
}

/** How far the clocks of `timeZone` are ahead of UTC at the instant `epochMs` (0 for an unknown zone). */
export function offsetMs(epochMs: number, timeZone: string): number {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(epochMs));
	} catch {
		return 0;
	}
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
	const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return shown - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}
