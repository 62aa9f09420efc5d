/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the sandbox is a Node dev tool (never published in dist/), not a node run by n8n */
import { BackgroundTasks } from './background';
import { SandboxClock, isoSeconds } from './clock';
import { FaultList } from './faults';
import { MessageLifecycle } from './lifecycle';
import { RateLimiter } from './ratelimit';
import { Scheduler } from './scheduler';
import { AccountRegistry } from './state';
import type { LoggedRequest, SandboxOptions, SandboxVariants } from './types';
import { resolveVariants } from './variants';
import { WebhookDispatcher } from './webhooks';

// Everything one sandbox instance owns, shared by the HTTP layer, the routes and the control API.

export interface ResolvedOptions {
	port: number;
	rateLimitPerSecond: number | null;
	latencyMs: number;
	retryAfterHeader: boolean;
	clock: 'manual' | 'real';
	deliveryReportRetryIntervalMs: number;
	deliveryReportMaxAttempts: number;
	webhookConcurrency: number | null;
	seedDemoData: boolean;
	/** The readings at start (reset() returns to them). */
	variants: Readonly<SandboxVariants>;
	onRequest: ((entry: LoggedRequest) => void) | null;
}

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
	const resolved: ResolvedOptions = {
		port: options.port ?? 0,
		rateLimitPerSecond: options.rateLimitPerSecond ?? null,
		latencyMs: options.latencyMs ?? 0,
		retryAfterHeader: options.retryAfterHeader ?? true,
		clock: options.clock ?? 'manual',
		deliveryReportRetryIntervalMs: options.deliveryReportRetryIntervalMs ?? 600_000,
		deliveryReportMaxAttempts: options.deliveryReportMaxAttempts ?? 10,
		webhookConcurrency: options.webhookConcurrency ?? null,
		seedDemoData: options.seedDemoData ?? false,
		variants: Object.freeze(resolveVariants(options)),
		onRequest: options.onRequest ?? null,
	};
	if (!(Number.isFinite(resolved.latencyMs) && resolved.latencyMs >= 0)) throw new Error('latencyMs must be a number >= 0');
	if (!(resolved.deliveryReportRetryIntervalMs > 0)) throw new Error('deliveryReportRetryIntervalMs must be > 0');
	if (!(Number.isInteger(resolved.deliveryReportMaxAttempts) && resolved.deliveryReportMaxAttempts >= 1)) {
		throw new Error('deliveryReportMaxAttempts must be an integer >= 1');
	}
	return resolved;
}

/** How often the 'real' clock looks for due events. */
const REAL_CLOCK_TICK_MS = 100;

export class SandboxCore {
	readonly clock: SandboxClock;
	readonly scheduler = new Scheduler();
	readonly registry: AccountRegistry;
	readonly webhooks: WebhookDispatcher;
	readonly lifecycle: MessageLifecycle;
	readonly background = new BackgroundTasks();
	readonly faults = new FaultList();
	readonly rateLimiter: RateLimiter;
	readonly requestLog: LoggedRequest[] = [];
	/** The readings in force; the control API changes them at run time. */
	readonly variants: SandboxVariants;
	/**
	 * How long a new batch and its messages stay out of the lists (batches, conversations) after the
	 * send that created them: an API whose lists are fed by an index that lags its writes. Reads by
	 * id see them at once. 0 (the default) lists them at once.
	 */
	listingLagMs = 0;
	/** Wall-clock time from which a record is listed (records created while a lag was set). */
	private readonly listedFrom = new WeakMap<object, number>();
	private ticker: NodeJS.Timeout | null = null;
	private advancing: Promise<void> = Promise.resolve();

	constructor(readonly options: ResolvedOptions) {
		this.variants = { ...options.variants };
		this.clock = new SandboxClock(options.clock);
		this.registry = new AccountRegistry(() => this.nowIso());
		this.rateLimiter = new RateLimiter(options.rateLimitPerSecond);
		this.webhooks = new WebhookDispatcher(
			this.clock,
			this.scheduler,
			() => ({ intervalMs: this.options.deliveryReportRetryIntervalMs, maxAttempts: this.options.deliveryReportMaxAttempts }),
			this.options.webhookConcurrency,
		);
		this.lifecycle = new MessageLifecycle({
			scheduler: this.scheduler,
			webhooks: this.webhooks,
			variants: () => this.variants,
		});
		if (options.clock === 'real') {
			this.ticker = setInterval(() => this.scheduler.runDue(this.clock.nowMs()), REAL_CLOCK_TICK_MS);
			this.ticker.unref();
		}
	}

	nowMs(): number {
		return this.clock.nowMs();
	}

	/** Records a new batch or message under the listing lag in force. */
	holdFromLists(record: object): void {
		if (this.listingLagMs > 0) this.listedFrom.set(record, Date.now() + this.listingLagMs);
	}

	/** Whether a record shows in lists yet (see listingLagMs). */
	isListed(record: object): boolean {
		const from = this.listedFrom.get(record);
		return from === undefined || from <= Date.now();
	}

	/** Second precision, like every timestamp in the documentation's examples. */
	nowIso(): string {
		return isoSeconds(this.clock.nowMs());
	}

	/**
	 * Steps the clock from event to event so every status and retry carries its own instant, and
	 * waits for the webhook POSTs of each step before the next, because their outcome decides
	 * whether a retry falls inside the advanced span.
	 */
	advance(ms: number): Promise<void> {
		if (!(ms >= 0) || !Number.isFinite(ms)) return Promise.reject(new Error('advance(ms) needs a finite ms >= 0'));
		const run = async (): Promise<void> => {
			const target = this.clock.nowMs() + ms;
			for (;;) {
				const next = this.scheduler.nextAt();
				if (next === undefined || next > target) break;
				this.clock.moveTo(next);
				this.scheduler.runDue(next);
				await this.settle();
			}
			this.clock.moveTo(target);
			this.scheduler.runDue(this.clock.nowMs());
			await this.settle();
		};
		const result = this.advancing.then(run);
		this.advancing = result.catch(() => undefined);
		return result;
	}

	async settle(): Promise<void> {
		do {
			await this.background.settle();
			await this.webhooks.settle();
		} while (this.webhooks.busy || this.background.busy);
	}

	close(): void {
		if (this.ticker) clearInterval(this.ticker);
		this.ticker = null;
		this.scheduler.clear();
		this.webhooks.close();
		this.background.cancelAll();
	}
}
