import { sleep } from 'n8n-workflow';

/** The documented account limit. */
export const REQUESTS_PER_SECOND = 30;
/**
 * The window is slightly longer than a second: the API counts requests when they arrive, we count
 * them when they leave, and network jitter can bunch a few together on the way.
 */
const WINDOW_MS = 1100;
/** A Retry-After longer than this is not honoured by waiting inside one execution. */
export const MAX_RETRY_AFTER_MS = 60_000;

interface LimiterState {
	/** Start times of the requests inside the current window, oldest first. */
	starts: number[];
	/** No request may start before this time (set by a 429). */
	pausedUntil: number;
	/** Serialises acquire() so concurrent callers queue in order. */
	queue: Promise<void>;
}

/**
 * A sliding-window limiter shared by every execution in this n8n process, keyed per credential.
 * Module state is deliberate: two workflows sending with the same account must share the budget.
 */
export class RateLimiter {
	private readonly states = new Map<string, LimiterState>();

	constructor(
		private readonly perSecond = REQUESTS_PER_SECOND,
		private readonly windowMs = WINDOW_MS,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	/** Resolves when one more request may start under the limit. */
	async acquire(key: string): Promise<void> {
		const state = this.state(key);
		const turn = state.queue.then(async () => await this.waitForSlot(state));
		state.queue = turn.catch(() => undefined);
		await turn;
	}

	/** A 429 says the account is over its budget: hold every request of this credential. */
	pause(key: string, ms: number): void {
		const state = this.state(key);
		state.pausedUntil = Math.max(state.pausedUntil, this.now() + Math.min(ms, MAX_RETRY_AFTER_MS));
	}

	private async waitForSlot(state: LimiterState): Promise<void> {
		for (;;) {
			const now = this.now();
			while (state.starts.length > 0 && now - state.starts[0] >= this.windowMs) state.starts.shift();
			const pauseLeft = state.pausedUntil - now;
			if (pauseLeft > 0) {
				await this.wait(pauseLeft);
				continue;
			}
			if (state.starts.length < this.perSecond) {
				state.starts.push(now);
				return;
			}
			await this.wait(state.starts[0] + this.windowMs - now);
		}
	}

	private state(key: string): LimiterState {
		let state = this.states.get(key);
		if (!state) {
			state = { starts: [], pausedUntil: 0, queue: Promise.resolve() };
			this.states.set(key, state);
		}
		return state;
	}
}

export const sharedRateLimiter = new RateLimiter();
