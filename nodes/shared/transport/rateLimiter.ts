import { AdaptiveBudget } from './adaptiveBudget';
import { throwIfCancelled, unlessCancelled, waitUnlessCancelled } from './cancellation';

/** The documented account limit. */
export const REQUESTS_PER_SECOND = 30;
/**
 * The window is slightly longer than a second, and a slot is dated when its request COMPLETES
 * (see `acquire`): the API counts a request when it arrives, which is somewhere between our start
 * and our completion, so dating by completion can never undercount, however slow the machine.
 */
const WINDOW_MS = 1050;
/** A Retry-After longer than this is not honoured by waiting inside one execution. */
export const MAX_RETRY_AFTER_MS = 60_000;

interface LimiterState {
	/** Times of the requests inside the current window, oldest first. */
	starts: Array<{ time: number }>;
	/** No request may start before this time (set by a 429). */
	pausedUntil: number;
	/** Requests per window this process allows itself: lowered by 429s, regained slowly (adaptiveBudget.ts). */
	budget: AdaptiveBudget;
	/** Serialises acquire() so concurrent callers queue in order. */
	queue: Promise<void>;
}

/**
 * A sliding-window limiter shared by every execution in this n8n process, keyed per credential.
 * Module state is deliberate: two workflows sending with the same account must share the budget.
 * Other n8n processes (queue-mode workers) share the account but not this memory: the number of
 * requests per window adapts to the API's 429s (adaptiveBudget.ts), so that they converge on shares
 * that together stay under the account's limit.
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
	 * Resolves when one more request may start under the limit. Call the returned function when
	 * the request has completed: the slot is then re-dated to that moment. A cancelled execution
	 * (`signal`) stops waiting at once, takes no slot and leaves the queue to the others.
	 */
	async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
		const state = this.state(key);
		const turn = state.queue.then(async () => await this.waitForSlot(state, signal));
		state.queue = turn.then(
			() => undefined,
			() => undefined,
		);
		const slot = await unlessCancelled(turn, signal);
		return () => {
			slot.time = Math.max(slot.time, this.now());
			// Re-dating may put a slot after a younger one; the window logic needs them ordered.
			state.starts.sort((a, b) => a.time - b.time);
		};
	}

	/**
	 * A 429 says the account is over its budget: hold every request of this credential for the
	 * Retry-After, and lower this process's share (another process may be sending on the account).
	 */
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
