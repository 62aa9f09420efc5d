// The sandbox has its own clock so tests can cross minutes of status progression or a 10-minute
// webhook retry interval in milliseconds of wall time.

export type ClockMode = 'manual' | 'real';

export class SandboxClock {
	private offsetMs = 0;
	private readonly startMs: number;
	private readonly realStartMs: number;

	// Whole seconds at start keep timestamps in the documentation's second-precision format.
	constructor(
		readonly mode: ClockMode,
		startMs: number = Math.floor(Date.now() / 1000) * 1000,
	) {
		this.startMs = startMs;
		this.realStartMs = Date.now();
	}

	nowMs(): number {
		const wall = this.mode === 'real' ? Date.now() - this.realStartMs : 0;
		return this.startMs + wall + this.offsetMs;
	}

	now(): Date {
		return new Date(this.nowMs());
	}

	advanceBy(ms: number): void {
		this.offsetMs += ms;
	}

	/** Never moves backwards: time only runs forward in the sandbox. */
	moveTo(ms: number): void {
		const delta = ms - this.nowMs();
		if (delta > 0) this.offsetMs += delta;
	}
}

/** `2018-10-23T17:43:21Z`, the format of the documentation's examples. */
export function isoSeconds(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `2021-10-19T09:00:00.123Z`, as on the landing-page examples and in the request log. */
export function isoMillis(ms: number): string {
	return new Date(ms).toISOString();
}
