import { sleep } from 'n8n-workflow';

import type { Ip1Context } from './context';

/** A cancelled execution: each wait of ours (rate limiter, Retry-After, backoff) ends at once; no request starts. */
export class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was cancelled: no further request to iP.1 was started.');
		this.name = 'ExecutionCancelledError';
	}
}

/** The execution's cancel signal; n8n offers it to executing nodes (not to hooks or webhooks). */
export function cancelSignalOf(context: Ip1Context): AbortSignal | undefined {
	if (!('getExecutionCancelSignal' in context) || typeof context.getExecutionCancelSignal !== 'function') return undefined;
	return context.getExecutionCancelSignal() ?? undefined;
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new ExecutionCancelledError();
}

/** n8n's `sleep` cannot be cut short: a long wait is slept in slices, so no timer outlives a cancellation by more. */
const SLICE_MS = 250;

/** Waits `ms`, or rejects with ExecutionCancelledError as soon as `signal` aborts. */
export async function waitUnlessCancelled(ms: number, signal?: AbortSignal): Promise<void> {
	throwIfCancelled(signal);
	if (!signal) return await sleep(Math.max(0, ms));
	const until = Date.now() + ms;
	for (let left = ms; left > 0; left = until - Date.now()) {
		await unlessCancelled(sleep(Math.min(left, SLICE_MS)), signal);
	}
}

/** `promise`, or ExecutionCancelledError as soon as `signal` aborts (the promise itself runs on). */
export async function unlessCancelled<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
	if (!signal) return await promise;
	throwIfCancelled(signal);
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(new ExecutionCancelledError());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}
