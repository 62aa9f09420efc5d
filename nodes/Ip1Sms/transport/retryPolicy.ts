/**
 * How safe it is to repeat a request whose outcome is unclear.
 * - `repeatable`: reads and idempotent writes (GET, PUT, DELETE, PATCH of given values).
 *   Repeating them cannot create anything twice.
 * - `onceOnly`: writes that create something each time (POST of contacts, sub-accounts...).
 * - `send`: POST /v2/batches. Like `onceOnly`, and a failure tells the user how to check the batch.
 */
export type RetryClass = 'repeatable' | 'onceOnly' | 'send';

export const MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;

/** Gateway answers that mean "try again later" for requests that may be repeated. */
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

/**
 * Network failures where the request certainly never reached the API: the connection was never
 * made, so nothing was written. Only these make it safe to repeat a send.
 */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface NetworkFailure {
	code: string;
	/** True when the request was certainly not received by the API. */
	notReceived: boolean;
}

export function describeNetworkFailure(code: string): NetworkFailure {
	return { code, notReceived: NOT_CONNECTED_CODES.has(code) };
}

export function shouldRetryStatus(retryClass: RetryClass, status: number, attempt: number): boolean {
	if (attempt >= MAX_ATTEMPTS) return false;
	// 429 is the API refusing the request before taking it: safe to repeat for every class.
	if (status === 429) return true;
	return retryClass === 'repeatable' && TRANSIENT_STATUSES.has(status);
}

export function shouldRetryNetworkFailure(
	retryClass: RetryClass,
	failure: NetworkFailure,
	attempt: number,
): boolean {
	if (attempt >= MAX_ATTEMPTS) return false;
	return retryClass === 'repeatable' || failure.notReceived;
}

/** Exponential backoff with jitter, bounded: 250 ms, 500 ms, 1 s ... at most 8 s. */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Retry-After is either delta-seconds or an HTTP date. Without it (iP.1 does not document one),
 * fall back to the backoff curve, starting at one full second: the limit is per second.
 */
export function retryAfterMs(header: unknown, attempt: number, now = Date.now()): number {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value === 'string' || typeof value === 'number') {
		const text = String(value).trim();
		if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
		const date = Date.parse(text);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	return Math.max(1000, backoffDelayMs(attempt + 2));
}
