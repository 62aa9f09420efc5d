/**
 * How safe it is to repeat a request whose outcome is unclear.
 * - `repeatable`: reads and idempotent writes (GET, PUT, DELETE, PATCH of given values).
 *   Repeating them cannot create anything twice.
 * - `onceOnly`: writes that create something each time (POST of contacts, sub-accounts...).
 * - `send`: POST /v2/batches. Like `onceOnly`, and a failure tells the user how to check the batch.
 */
export type RetryClass = 'repeatable' | 'onceOnly' | 'send';

export const MAX_ATTEMPTS = 6;
/**
 * A 500 is an error inside the API: sometimes passing (a failover, a deadlock), often a bug that
 * the same request will meet again. Reads get a short second chance, not the full six.
 */
export const MAX_ATTEMPTS_AFTER_500 = 3;
/**
 * How long one request keeps being repeated while the API answers 429. A 429 is refused before
 * anything is taken, so repeating is always safe; and a 429 does not mean that anything is wrong:
 * in queue mode another n8n process may hold most of the account's 30 requests/second for as long as
 * its campaign runs (the API counts only the requests it takes, so the process that got there first
 * keeps its pace). So the bound is time, not a number of attempts: long enough for another campaign
 * to finish (measured in a simulation: a process joining one that sends flat out got its first request
 * through after 40 s), short enough that a request that can never get through fails in minutes.
 */
export const MAX_RATE_LIMITED_MS = 300_000;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;

/** Gateway answers that mean "try again later" for requests that may be repeated. */
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

/**
 * Network failures where the request certainly never reached the API: the connection was never
 * made, so nothing was written. Only these make it safe to repeat a send.
 */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/**
 * TLS handshake and certificate failures (Node and OpenSSL codes): no HTTP request was written,
 * and a certificate does not fix itself within seconds, so they are not retried either.
 */
const TLS_CODE =
	/^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(GET|VERIFY|DECRYPT|DECODE)|HOSTNAME_MISMATCH$|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|ERR_CERT_)/;

/** The request could not even be built (a bad Base URL, a bad header value): nothing left n8n. */
const INVALID_REQUEST_CODES = new Set([
	'ERR_INVALID_URL',
	'ERR_INVALID_PROTOCOL',
	'ERR_UNESCAPED_CHARACTERS',
	'ERR_INVALID_CHAR',
	'ERR_HTTP_INVALID_HEADER_VALUE',
	'ERR_INVALID_HTTP_TOKEN',
	// The HTTP client's own refusals before sending ("Unsupported protocol ftp:").
	'ERR_BAD_REQUEST',
	'ERR_BAD_OPTION',
	'ERR_BAD_OPTION_VALUE',
	'ERR_NOT_SUPPORT',
]);

export interface NetworkFailure {
	/** The original code (`ECONNRESET`, `CERT_HAS_EXPIRED`...); undefined when the error had none. */
	code?: string;
	/** The original message. */
	message?: string;
	kind: 'notConnected' | 'tls' | 'invalidRequest' | 'unclear';
	/** True when the request was certainly not received by the API. */
	notReceived: boolean;
	/** True when repeating the request cannot help. */
	permanent: boolean;
}

export function describeNetworkFailure(code: string | undefined, message?: string): NetworkFailure {
	const failure = { code, message };
	if (code && NOT_CONNECTED_CODES.has(code)) return { ...failure, kind: 'notConnected', notReceived: true, permanent: false };
	if (code && TLS_CODE.test(code)) return { ...failure, kind: 'tls', notReceived: true, permanent: true };
	if (code && INVALID_REQUEST_CODES.has(code)) return { ...failure, kind: 'invalidRequest', notReceived: true, permanent: true };
	// Anything else may have reached the API (a reset, a timeout) or is unknown: the outcome is unclear.
	return { ...failure, kind: 'unclear', notReceived: false, permanent: false };
}

/**
 * `attempt` counts the attempts that were not refused with 429; `rateLimitedForMs` is how long ago
 * this request was first refused with 429. `method` matters for 500 only: it is retried for reads,
 * never for writes.
 */
export function shouldRetryStatus(
	retryClass: RetryClass,
	status: number,
	attempt: number,
	method = 'GET',
	rateLimitedForMs = 0,
): boolean {
	// 429 is the API refusing the request before taking it: safe to repeat for every class.
	if (status === 429) return rateLimitedForMs < MAX_RATE_LIMITED_MS;
	if (attempt >= MAX_ATTEMPTS) return false;
	if (retryClass !== 'repeatable') return false;
	if (status === 500) return /^(GET|HEAD)$/i.test(method) && attempt < MAX_ATTEMPTS_AFTER_500;
	return TRANSIENT_STATUSES.has(status);
}

export function shouldRetryNetworkFailure(
	retryClass: RetryClass,
	failure: NetworkFailure,
	attempt: number,
): boolean {
	if (attempt >= MAX_ATTEMPTS || failure.permanent) return false;
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
