import type { SandboxVariants } from './types';

// Timestamps are stored as UTC strings with `Z` (seconds, or milliseconds where the documentation
// shows them) and take the form of the `timestamps` reading only on the wire (ambiguity 24).

export type TimestampStyle = SandboxVariants['timestamps'];

const HOUR_MS = 3_600_000;
/** The 'offset' reading shows Central European Time without daylight saving: iP.1 is Swedish. */
const OFFSET_HOURS = 1;

export function formatTimestamp(stored: string, style: TimestampStyle): string {
	if (style === 'seconds') return stored;
	const ms = Date.parse(stored);
	if (Number.isNaN(ms)) return stored;
	const utc = new Date(ms).toISOString();
	switch (style) {
		case 'milliseconds':
			return utc;
		case 'zoneless':
			return utc.slice(0, -1);
		case 'offset': {
			const local = new Date(ms + OFFSET_HOURS * HOUR_MS).toISOString().slice(0, -1);
			const precise = stored.includes('.') ? local : local.replace(/\.\d+$/, '');
			return `${precise}+${String(OFFSET_HOURS).padStart(2, '0')}:00`;
		}
	}
}
