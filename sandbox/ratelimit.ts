// Sliding one-second window per account, in wall-clock time: the limit is about how fast a client
// really calls, whatever the sandbox clock says. Refused requests do not use up the window, so a
// client that backs off for a second always gets through again.

const WINDOW_MS = 1000;

export class RateLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(private perSecond: number | null) {}

	get limit(): number | null {
		return this.perSecond;
	}

	set(perSecond: number | null): void {
		if (perSecond !== null && !(Number.isInteger(perSecond) && perSecond > 0)) {
			throw new Error('rate limit must be a positive integer or null');
		}
		this.perSecond = perSecond;
		this.hits.clear();
	}

	/** Records the request and says whether it is within the limit. */
	allow(accountId: string, nowMs: number = performance.now()): boolean {
		if (this.perSecond === null) return true;
		const recent = (this.hits.get(accountId) ?? []).filter((t) => nowMs - t < WINDOW_MS);
		if (recent.length >= this.perSecond) {
			this.hits.set(accountId, recent);
			return false;
		}
		recent.push(nowMs);
		this.hits.set(accountId, recent);
		return true;
	}
}
