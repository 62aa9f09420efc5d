/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the sandbox is a Node dev tool (never published in dist/), not a node run by n8n */
import * as http from 'node:http';
import * as https from 'node:https';
import { isoMillis, type SandboxClock } from './clock';
import type { Scheduler } from './scheduler';
import type { WebhookDelivery } from './types';

// Documented rule for delivery reports (section 6), applied to inbound SMS too: only a 200 answer
// counts; otherwise retry every interval (sandbox clock) up to the attempt limit, then discard.
// Reports of one message form a queue, so a report never overtakes an earlier one.

export interface RetryRule {
	intervalMs: number;
	maxAttempts: number;
}

type Kind = WebhookDelivery['kind'];

interface PendingItem {
	kind: Kind;
	url: string;
	payload: unknown;
	attempts: number;
	onFirstAttempt: (() => void) | null;
}

interface Stream {
	items: PendingItem[];
	busy: boolean;
}

const ATTEMPT_TIMEOUT_MS = 10_000;

export class WebhookDispatcher {
	readonly deliveries: WebhookDelivery[] = [];
	private streams = new Map<string, Stream>();
	private readonly inFlight = new Set<Promise<void>>();
	private readonly activeRequests = new Set<http.ClientRequest>();
	// Bumped by reset()/close() so callbacks of an earlier generation do nothing.
	private generation = 0;

	/** POSTs in flight and those waiting for a free slot (webhookConcurrency). */
	private running = 0;
	private readonly waitingForSlot: Array<() => void> = [];

	constructor(
		private readonly clock: SandboxClock,
		private readonly scheduler: Scheduler,
		private readonly rule: () => RetryRule,
		private readonly concurrency: number | null = null,
	) {}

	/** Runs a POST when fewer than `concurrency` are in flight; resolves with its result and when it started. */
	private async inSlot<T>(post: () => Promise<T>): Promise<{ result: T; started: number }> {
		while (this.concurrency !== null && this.running >= this.concurrency) await new Promise<void>((resolve) => this.waitingForSlot.push(resolve));
		this.running++;
		const started = Date.now();
		try {
			return { result: await post(), started };
		} finally {
			this.running--;
			this.waitingForSlot.shift()?.();
		}
	}

	/** Queues a POST behind earlier ones of the same stream; resolves after this item's first attempt. */
	enqueue(streamKey: string, kind: Kind, url: string, payload: unknown): Promise<void> {
		return new Promise((resolve) => {
			let stream = this.streams.get(streamKey);
			if (!stream) {
				stream = { items: [], busy: false };
				this.streams.set(streamKey, stream);
			}
			stream.items.push({ kind, url, payload, attempts: 0, onFirstAttempt: resolve });
			if (!stream.busy) this.attemptHead(streamKey, stream);
		});
	}

	get busy(): boolean {
		return this.inFlight.size > 0;
	}

	/** Resolves when no POST is in flight (POSTs started meanwhile included). */
	async settle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all(Array.from(this.inFlight));
	}

	/** Forgets queued reports and recorded deliveries; in-flight POSTs are aborted. */
	reset(): void {
		this.generation++;
		for (const stream of this.streams.values()) for (const item of stream.items) item.onFirstAttempt?.();
		this.streams = new Map();
		this.deliveries.length = 0;
		for (const request of this.activeRequests) request.destroy();
	}

	close(): void {
		this.reset();
	}

	private attemptHead(key: string, stream: Stream): void {
		const item = stream.items[0];
		if (!item) {
			stream.busy = false;
			this.streams.delete(key);
			return;
		}
		stream.busy = true;
		item.attempts++;
		const attempt = item.attempts;
		const at = this.clock.nowMs();
		const generation = this.generation;
		const task = this.inSlot(() => postJson(item.url, item.payload, this.activeRequests)).then(({ result: status, started }) => {
			if (generation !== this.generation) return;
			const ms = Date.now() - started;
			this.deliveries.push({ kind: item.kind, url: item.url, payload: item.payload, attempt, status, at: isoMillis(at), ms, answeredAt: started + ms });
			item.onFirstAttempt?.();
			item.onFirstAttempt = null;
			const rule = this.rule();
			if (status === 200 || attempt >= rule.maxAttempts) {
				stream.items.shift();
				this.attemptHead(key, stream);
				return;
			}
			this.scheduler.schedule(at + rule.intervalMs, () => {
				if (generation === this.generation) this.attemptHead(key, stream);
			});
		});
		this.inFlight.add(task);
		void task.finally(() => this.inFlight.delete(task));
	}
}

function postJson(url: string, payload: unknown, active: Set<http.ClientRequest>): Promise<number | 'error'> {
	return new Promise((resolve) => {
		let settled = false;
		const done = (result: number | 'error'): void => {
			if (!settled) {
				settled = true;
				resolve(result);
			}
		};
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			done('error');
			return;
		}
		const data = Buffer.from(JSON.stringify(payload));
		const transport = target.protocol === 'https:' ? https : http;
		// agent: false + Connection: close, so no pooled socket outlives the attempt.
		const request = transport.request(
			target,
			{
				method: 'POST',
				agent: false,
				headers: {
					'content-type': 'application/json; charset=utf-8',
					'content-length': data.length,
					'user-agent': 'ip1-sandbox-webhooks',
					connection: 'close',
				},
			},
			(response) => {
				response.resume();
				done(response.statusCode ?? 'error');
			},
		);
		active.add(request);
		request.setTimeout(ATTEMPT_TIMEOUT_MS, () => request.destroy(new Error('webhook attempt timed out')));
		request.on('error', () => done('error'));
		request.on('close', () => {
			active.delete(request);
			done('error');
		});
		request.end(data);
	});
}
