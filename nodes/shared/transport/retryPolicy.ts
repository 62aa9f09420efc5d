/**
 * How safe it is to repeat a request whose outcome is unclear: `repeatable` (reads and idempotent writes:
 * GET, PUT, DELETE, PATCH of given values), `onceOnly` (writes that create something each time: POST of
 * contacts, sub-accounts...), `send` (POST /v2/batches: like `onceOnly`, and a failure says how to check).
 */
export type RetryClass = 'repeatable' | 'onceOnly' | 'send';

const MAX_ATTEMPTS = 6;
/** A 500 is sometimes passing (a failover), often a bug the same request meets again: reads get a short second chance. */
const MAX_ATTEMPTS_AFTER_500 = 3;
/**
 * How long one request keeps being repeated while the API answers 429 (refused before anything is taken,
 * so always safe to repeat). In queue mode another process may hold most of the account's 30/s for as long
 * as its campaign runs, so the bound is time: long enough for that campaign to finish (simulated, a process
 * joining one that sends flat out got through after 40 s), short enough that a hopeless request fails in minutes.
 */
export const MAX_RATE_LIMITED_MS = 300_000;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;

/** Gateway answers that mean "try again later" for requests that may be repeated. */
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

/** No connection was made, so nothing was written: only these make it safe to repeat a send. */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** TLS and certificate failures (Node and OpenSSL codes): nothing was written, and no retry fixes a certificate. */
const TLS_CODE =
	/^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(GET|VERIFY|DECRYPT|DECODE)|HOSTNAME_MISMATCH$|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|ERR_CERT_)/;

/** The request could not even be built (a bad Base URL, a bad header value): nothing left n8n. */
const INVALID_REQUEST_CODES = new Set([
	'ERR_INVALID_URL', 'ERR_INVALID_PROTOCOL', 'ERR_UNESCAPED_CHARACTERS', 'ERR_INVALID_CHAR',
	'ERR_HTTP_INVALID_HEADER_VALUE', 'ERR_INVALID_HTTP_TOKEN',
	// The HTTP client's own refusals before sending ("Unsupported protocol ftp:").
	'ERR_BAD_REQUEST', 'ERR_BAD_OPTION', 'ERR_BAD_OPTION_VALUE', 'ERR_NOT_SUPPORT',
]);

export interface NetworkFailure {
	/** The original code (`ECONNRESET`, `CERT_HAS_EXPIRED`...); undefined when the error had none. */
	code?: string;
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
 * `attempt` counts the attempts not refused with 429; `rateLimitedForMs` is how long ago the first 429
 * came. `method` matters for 500 only: retried for reads, never for writes.
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

export function shouldRetryNetworkFailure(retryClass: RetryClass, failure: NetworkFailure, attempt: number): boolean {
	if (attempt >= MAX_ATTEMPTS || failure.permanent) return false;
	return retryClass === 'repeatable' || failure.notReceived;
}

/** Exponential backoff with jitter, bounded: 250 ms, 500 ms, 1 s ... at most 8 s. */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After in delta-seconds or an HTTP date; without one (undocumented) the backoff curve from a full second. */
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
