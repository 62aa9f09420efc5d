/**
 * How many requests per second this n8n process allows itself on one account.
 *
 * The account's limit (30/s) is shared by every process that sends with it: in n8n's queue mode,
 * several workers run executions with the same credential and share no memory. Each process learns
 * its share from the API's refusals, the way TCP shares a link (AIMD):
 * - a 429 halves the budget (multiplicative decrease), once per window: the other requests refused
 *   in the same window were sent under the same budget and say nothing new;
 * - every second without a 429 gives back a request per second (additive increase), up to the limit.
 * Processes sending at once converge on shares whose sum stays around the account's limit, refused
 * now and then as they probe upward; a process alone is back at the full limit within seconds.
 */
export interface AdaptiveBudgetOptions {
	/** The documented limit: the budget never goes above it. */
	ceiling: number;
	/** The budget never goes below it: a process always makes progress. */
	floor?: number;
	/** What a 429 keeps of the budget. */
	decreaseFactor?: number;
	/** Requests per second given back per second without a 429. */
	increasePerSecond?: number;
	/** 429s within this long after a decrease do not decrease again (one window). */
	holdMs?: number;
}

export const DEFAULT_DECREASE_FACTOR = 0.5;
export const DEFAULT_INCREASE_PER_SECOND = 1;

export class AdaptiveBudget {
	private budget: number;
	/** When the budget was last brought up to date (a decrease, or growth counted in `current`). */
	private updatedAt: number;
	private lastDecreaseAt = Number.NEGATIVE_INFINITY;
	private readonly floor: number;
	private readonly decreaseFactor: number;
	private readonly increasePerSecond: number;
	private readonly holdMs: number;

	constructor(
		private readonly options: AdaptiveBudgetOptions,
		private readonly now: () => number = Date.now,
	) {
		this.budget = options.ceiling;
		this.updatedAt = now();
		this.floor = Math.min(options.floor ?? 1, options.ceiling);
		this.decreaseFactor = options.decreaseFactor ?? DEFAULT_DECREASE_FACTOR;
		this.increasePerSecond = options.increasePerSecond ?? DEFAULT_INCREASE_PER_SECOND;
		this.holdMs = options.holdMs ?? 1000;
	}

	/** Requests this process may start per window now (a whole number, at least the floor). */
	current(): number {
		const now = this.now();
		if (this.budget < this.options.ceiling && now > this.updatedAt) {
			this.budget = Math.min(this.options.ceiling, this.budget + ((now - this.updatedAt) / 1000) * this.increasePerSecond);
		}
		this.updatedAt = Math.max(this.updatedAt, now);
		return Math.max(this.floor, Math.floor(this.budget));
	}

	/** The API refused a request with 429: this process is over its share. */
	refused(): void {
		const now = this.now();
		this.current();
		if (now - this.lastDecreaseAt < this.holdMs) return;
		this.lastDecreaseAt = now;
		this.budget = Math.max(this.floor, this.budget * this.decreaseFactor);
	}
}
