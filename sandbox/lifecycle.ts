import type { Scheduler } from './scheduler';
import { deliveryReport, isFinalCode, latestStatus } from './documents';
import type { Account, BatchRecord, DeliveryWindowRecord, MessageRecord } from './state';
import { roundMoney } from './state';
import { isoSeconds } from './clock';
import type { SandboxVariants } from './types';
import type { WebhookDispatcher } from './webhooks';

// Status progression of an outgoing message on the sandbox clock. Offsets are seconds from the
// start of sending (creation, or the opening of the delivery window if that is later).

const SECOND = 1000;

const NORMAL_STEPS: Array<[number, number]> = [
	[1, 102], // Queued
	[2, 103], // Funded
	[3, 110], // Sending
	[5, 112], // DeliveredToCarrier
];
const SENDING_OFFSET = 3;
const FINAL_OFFSET = 10;

/** Test numbers 4670000…NNN end in code NNN. */
const SPECIAL_CODES = new Set([114, 202, 203, 402, 403, 404, 405, 406, 501, 502, 503]);

export function specialOutcome(msisdn: string): number | null {
	if (!msisdn.startsWith('4670000') || msisdn.length < 10) return null;
	const code = Number(msisdn.slice(-3));
	return SPECIAL_CODES.has(code) ? code : null;
}

export interface LifecycleDeps {
	scheduler: Scheduler;
	webhooks: WebhookDispatcher;
	/** Read at each status change, so a switch changed at run time applies to the next report. */
	variants: () => SandboxVariants;
}

/** The first window that has not closed yet; 'closed' when every window closed already. */
function chooseWindow(windows: DeliveryWindowRecord[], nowMs: number): DeliveryWindowRecord | 'closed' | null {
	if (windows.length === 0) return null;
	const open = [...windows].sort((a, b) => a.opensMs - b.opensMs).find((w) => w.closesMs > nowMs);
	return open ?? 'closed';
}

export class MessageLifecycle {
	constructor(private readonly deps: LifecycleDeps) {}

	/** `rejection`: a code decided at acceptance (403 unregistered sender, 405 blacklisted). */
	plan(account: Account, batch: BatchRecord, msg: MessageRecord, createdMs: number, rejection: number | null): void {
		const at = (ms: number, code: number): void => {
			this.deps.scheduler.schedule(ms, (when) => this.applyStatus(account, batch, msg, code, when));
		};
		const special = specialOutcome(msg.recipient);
		const immediate = rejection ?? (special !== null && special >= 400 && special < 500 ? special : null);
		if (immediate !== null) {
			at(createdMs + SECOND, immediate);
			return;
		}
		const window = chooseWindow(batch.deliveryWindows, createdMs);
		if (window === 'closed') {
			at(createdMs + SECOND, 202);
			return;
		}
		const base = window ? Math.max(createdMs, window.opensMs) : createdMs;
		if (window && base + SENDING_OFFSET * SECOND > window.closesMs) {
			for (const [offset, code] of NORMAL_STEPS) {
				if (offset < SENDING_OFFSET && base + offset * SECOND < window.closesMs) at(base + offset * SECOND, code);
			}
			at(window.closesMs, 202);
			return;
		}
		for (const [offset, code] of NORMAL_STEPS) at(base + offset * SECOND, code);
		// `…114` (QueuedAtGateway) stays there: a message that never gets a final status.
		at(base + FINAL_OFFSET * SECOND, special ?? 201);
	}

	/** Appends a status unless the message already reached a final one (e.g. it was canceled). */
	applyStatus(account: Account, batch: BatchRecord, msg: MessageRecord, code: number, atMs: number): void {
		if (isFinalCode(latestStatus(msg).code)) return;
		const status = { created: isoSeconds(atMs), code, duration: isFinalCode(code) ? 1 : 0 };
		msg.statuses.push(status);
		msg.modified = status.created;
		if (batch.deliveryReportUrl) {
			const payload = deliveryReport(msg, status, account, this.deps.variants());
			void this.deps.webhooks.enqueue(msg.id, 'deliveryReport', batch.deliveryReportUrl, payload);
		}
	}

	/** Cancels (203) every message not final yet and refunds it; returns how many were canceled. */
	cancel(account: Account, batch: BatchRecord, nowMs: number): number {
		let canceled = 0;
		for (const id of batch.messageIds) {
			const msg = account.messages.get(id);
			if (!msg || isFinalCode(latestStatus(msg).code)) continue;
			this.applyStatus(account, batch, msg, 203, nowMs);
			account.balance = roundMoney(account.balance + (msg.price ?? 0));
			canceled++;
		}
		return canceled;
	}
}
