import { throwIfCancelled, unlessCancelled, waitUnlessCancelled } from './cancellation';

/** The documented account limit. */
const REQUESTS_PER_SECOND = 30;
/** Over a second, and a slot is dated when its request COMPLETES: the API counts it on arrival, never later. */
const WINDOW_MS = 1050;
/** A Retry-After longer than this is not honoured by waiting inside one execution. */
const MAX_RETRY_AFTER_MS = 60_000;

interface LimiterState {
	/** Times of the requests inside the current window, oldest first. */
	starts: Array<{ time: number }>;
	/** No request may start before this time (set by a 429). */
	pausedUntil: number;
	/** Requests per window this process allows itself: lowered by 429s, regained slowly (AdaptiveBudget). */
	budget: AdaptiveBudget;
	/** Serialises acquire() so concurrent callers queue in order. */
	queue: Promise<void>;
}

/**
 * A sliding-window limiter shared by every execution in this n8n process, keyed per credential: two
 * workflows sending with the same account must share the budget. Other processes (queue-mode workers)
 * share the account but not this memory: the budget adapts to the API's 429s (AdaptiveBudget).
 */
export class RateLimiter {
	private readonly states = new Map<string, LimiterState>();

	constructor(
		private readonly perSecond = REQUESTS_PER_SECOND,
		private readonly windowMs = WINDOW_MS,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void> = waitUnlessCancelled,
	) {}

	/**
	 * Resolves when one more request may start; call the returned function when it completed, to re-date
	 * its slot. A cancelled execution (`signal`) stops waiting at once, takes no slot and leaves the queue.
	 */
	async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
		const state = this.state(key);
		const turn = state.queue.then(async () => await this.waitForSlot(state, signal));
		state.queue = turn.then(() => undefined, () => undefined);
		const slot = await unlessCancelled(turn, signal);
		return () => {
			slot.time = Math.max(slot.time, this.now());
			// Re-dating may put a slot after a younger one; the window logic needs them ordered.
			state.starts.sort((a, b) => a.time - b.time);
		};
	}

	/** A 429: hold every request of this credential for the Retry-After, and lower this process's share. */
	pause(key: string, ms: number): void {
		const state = this.state(key);
		state.budget.refused();
		state.pausedUntil = Math.max(state.pausedUntil, this.now() + Math.min(ms, MAX_RETRY_AFTER_MS));
	}

	private async waitForSlot(state: LimiterState, signal?: AbortSignal): Promise<{ time: number }> {
		for (;;) {
			throwIfCancelled(signal);
			const now = this.now();
			while (state.starts.length > 0 && now - state.starts[0].time >= this.windowMs) state.starts.shift();
			const pauseLeft = state.pausedUntil - now;
			if (pauseLeft > 0) {
				await this.wait(pauseLeft, signal);
				continue;
			}
			if (state.starts.length < state.budget.current()) {
				const slot = { time: now };
				state.starts.push(slot);
				return slot;
			}
			await this.wait(state.starts[0].time + this.windowMs - now, signal);
		}
	}

	/** Requests per window this process currently allows itself for `key`. */
	budget(key: string): number {
		return this.state(key).budget.current();
	}

	private state(key: string): LimiterState {
		let state = this.states.get(key);
		if (!state) {
			const budget = new AdaptiveBudget({ ceiling: this.perSecond, holdMs: this.windowMs }, this.now);
			state = { starts: [], pausedUntil: 0, budget, queue: Promise.resolve() };
			this.states.set(key, state);
		}
		return state;
	}
}

export const sharedRateLimiter = new RateLimiter();

/**
 * How many requests per second this process allows itself on one account. Every process sending with it shares the
 * account's limit (queue-mode workers share no memory), so each learns its share from the API's refusals, as TCP
 * shares a link (AIMD): a 429 halves the budget, once per window (the window's other refusals were sent under the
 * same budget); each second without one gives back a request per second, up to the limit. Processes converge on
 * shares that sum to about the limit; one alone is back at the full limit within seconds.
 */
export class AdaptiveBudget {
	private budget: number;
	/** When the budget was last brought up to date (a decrease, or growth counted in `current`). */
	private updatedAt: number;
	private lastDecreaseAt = Number.NEGATIVE_INFINITY;
	/** The budget never goes below it: a process always makes progress. */
	private readonly floor: number;

	/** `ceiling`: the documented limit; `holdMs`: 429s within this long after a decrease do not decrease again. */
	constructor(
		private readonly options: { ceiling: number; holdMs?: number },
		private readonly now: () => number = Date.now,
	) {
		this.budget = options.ceiling;
		this.updatedAt = now();
		this.floor = Math.min(1, options.ceiling);
	}

	/** Requests this process may start per window now (a whole number, at least the floor). */
	current(): number {
		const now = this.now();
		if (this.budget < this.options.ceiling && now > this.updatedAt) {
			this.budget = Math.min(this.options.ceiling, this.budget + (now - this.updatedAt) / 1000);
		}
		this.updatedAt = Math.max(this.updatedAt, now);
		return Math.max(this.floor, Math.floor(this.budget));
	}

	/** The API refused a request with 429: this process is over its share. */
	refused(): void {
		const now = this.now();
		this.current();
		if (now - this.lastDecreaseAt < (this.options.holdMs ?? 1000)) return;
		this.lastDecreaseAt = now;
		this.budget = Math.max(this.floor, this.budget / 2);
	}
}
