import {
	NodeOperationError,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { apiError, asNodeError, findNetworkFailure, networkError, protocolError } from '../errors/apiErrors';
import { parseUrl } from '../values';
import { cancelSignalOf, ExecutionCancelledError, waitUnlessCancelled } from './cancellation';
import { CREDENTIAL_TYPE, getConnection, type Ip1Connection, type Ip1Context } from './context';
import { sharedRateLimiter } from './rateLimiter';
import {
	backoffDelayMs,
	describeNetworkFailure,
	retryAfterMs,
	shouldRetryNetworkFailure,
	shouldRetryStatus,
	type RetryClass,
} from './retryPolicy';

export interface Ip1Request {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/v2/batches`; an absolute URL only of the base URL's own origin. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	/** Defaults to `repeatable` for GET, PUT, DELETE and PATCH, `onceOnly` for POST. */
	retry?: RetryClass;
	itemIndex?: number;
	/** Shown when a send's outcome is unclear: how to find out whether it went out. */
	unclearOutcomeHint?: string;
	timeoutMs?: number;
}

export interface Ip1Response<T = unknown> {
	status: number;
	headers: IDataObject;
	body: T;
	/** How many HTTP attempts the call took (1 = no retry). */
	attempts: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

const unclearOutcomes = new WeakSet<Error>();

/**
 * Whether the API may have carried out the failed request (no answer, or a 5xx), for requests not repeated
 * blindly (POSTs): a caller that can find out (a send, by its reference) looks before it repeats.
 */
export function isUnclearOutcome(error: unknown): boolean {
	return error instanceof Error && unclearOutcomes.has(error);
}

function markedUnclear<E extends Error>(error: E, unclear: boolean): E {
	if (unclear) unclearOutcomes.add(error);
	return error;
}

/** The one door to the iP.1 API: rate limited, retried only where that duplicates nothing, failing in the API's words. */
export async function ip1Request<T = unknown>(this: Ip1Context, request: Ip1Request): Promise<Ip1Response<T>> {
	try {
		return await requestWithRetries<T>(this, request);
	} catch (error) {
		if (error instanceof ExecutionCancelledError) {
			throw new NodeOperationError(this.getNode(), error.message, { itemIndex: request.itemIndex });
		}
		throw asNodeError(this.getNode(), error);
	}
}

async function requestWithRetries<T>(context: Ip1Context, request: Ip1Request): Promise<Ip1Response<T>> {
	const signal = cancelSignalOf(context);
	const connection = await getConnection(context);
	const retryClass = request.retry ?? (request.method === 'POST' ? 'onceOnly' : 'repeatable');
	const url = requestUrl(request.path, connection.baseUrl);
	if (!url) throw foreignUrlError(context, request, connection);
	const options = httpOptions(request, url);

	// `attempt` counts towards the retry bounds of errors; 429s are bounded in time, `httpAttempts` counts every exchange.
	let attempt = 1;
	let httpAttempts = 0;
	let firstRefusedAt: number | undefined;
	for (;;) {
		httpAttempts++;
		const answer = await attemptOnce(context, request, options, { connection, retryClass, attempt, signal });
		if (answer === RETRY) {
			attempt++;
			continue;
		}
		const status = answer.statusCode;
		if (status >= 200 && status < 300) {
			return { status, headers: answer.headers, body: answer.body as T, attempts: httpAttempts };
		}
		const now = Date.now();
		if (status === 429) firstRefusedAt ??= now;
		const rateLimitedForMs = now - (firstRefusedAt ?? now);
		if (shouldRetryStatus(retryClass, status, attempt, request.method, rateLimitedForMs)) {
			if (status === 429) {
				sharedRateLimiter.pause(connection.limiterKey, retryAfterMs(answer.headers['retry-after'], httpAttempts));
			} else {
				await waitUnlessCancelled(backoffDelayMs(attempt), signal);
				attempt++;
			}
			continue;
		}
		const where = failedRequest(request, retryClass, connection, status >= 500);
		const contentType = headerText(answer.headers['content-type']);
		const error = apiError(context.getNode(), { ...where, status, body: answer.body, contentType });
		throw markedUnclear(error, where.hint !== undefined);
	}
}

const RETRY = Symbol('retry');

interface Attempt {
	connection: Ip1Connection;
	retryClass: RetryClass;
	attempt: number;
	/** The execution's cancel signal: waits end with it; a request already on its way completes. */
	signal?: AbortSignal;
}

/** One HTTP exchange under the rate limiter: the answer (any status), RETRY (backoff waited), or the error. */
async function attemptOnce(
	context: Ip1Context,
	request: Ip1Request,
	options: IHttpRequestOptions,
	{ connection, retryClass, attempt, signal }: Attempt,
): Promise<IN8nHttpFullResponse | typeof RETRY> {
	const completed = await sharedRateLimiter.acquire(connection.limiterKey, signal);
	try {
		const http = context.helpers.httpRequestWithAuthentication;
		const response = (await http.call(context, CREDENTIAL_TYPE, { ...options })) as IN8nHttpFullResponse;
		completed();
		return response;
	} catch (error) {
		completed();
		// n8n's own refusals (a credential it cannot find) are no network failure: no retry, no rewording.
		if (error instanceof NodeOperationError) throw asNodeError(context.getNode(), error);
		const cause = findNetworkFailure(error);
		const failure = describeNetworkFailure(cause.code, cause.message);
		if (shouldRetryNetworkFailure(retryClass, failure, attempt)) {
			await waitUnlessCancelled(backoffDelayMs(attempt), signal);
			return RETRY;
		}
		const where = failedRequest(request, retryClass, connection, !failure.notReceived);
		throw markedUnclear(networkError(context.getNode(), { ...where, failure }), where.hint !== undefined);
	}
}

/** Shorthand for calls that only need the parsed body. */
export async function ip1ApiRequest<T = unknown>(this: Ip1Context, request: Ip1Request): Promise<T> {
	return (await ip1Request.call<Ip1Context, [Ip1Request], Promise<Ip1Response<T>>>(this, request)).body;
}

/**
 * What an error tells of the failed request. `mayHaveHappened` (no answer, or a 5xx): a request not repeated
 * blindly gets the hint that its outcome is unclear, and only such an error is marked unclear.
 */
function failedRequest(request: Ip1Request, retryClass: RetryClass, connection: Ip1Connection, mayHaveHappened: boolean) {
	const hint = mayHaveHappened ? unclearHint(retryClass, request) : undefined;
	const { method, itemIndex } = request;
	return { method, path: pathOf(request.path), itemIndex, hint, redact: connection.redact };
}

function unclearHint(retryClass: RetryClass, request: Ip1Request): string | undefined {
	if (retryClass === 'repeatable') return undefined;
	if (retryClass === 'send') {
		return (
			request.unclearOutcomeHint ??
			'The API may or may not have accepted this SMS batch. It was NOT sent again, so that no recipient gets it twice. Look for it with Batch → Get Many before sending again.'
		);
	}
	return 'The API may or may not have carried out this request. It was NOT repeated automatically, so that nothing is created twice. Check the result before running it again.';
}

function foreignUrlError(context: Ip1Context, request: Ip1Request, connection: Ip1Connection) {
	return protocolError(context.getNode(), {
		message: connection.redact(`Refused to send the iP.1 token to ${request.path.split('?')[0]}: it is not below the credential's Base URL`),
		description: `The token only ever goes to ${connection.baseUrl}. Nothing was sent.`,
		itemIndex: request.itemIndex,
	});
}

/** The URL for a path below the base URL, or an absolute URL of the same origin; undefined otherwise. */
function requestUrl(path: string, baseUrl: string): string | undefined {
	if (!/^[a-z][a-z0-9+.-]*:/i.test(path) && !path.startsWith('//')) return `${baseUrl}${path}`;
	const origin = parseUrl(path)?.origin;
	return origin !== undefined && origin === parseUrl(baseUrl)?.origin ? path : undefined;
}

function httpOptions(request: Ip1Request, url: string): IHttpRequestOptions {
	return {
		method: request.method,
		url,
		qs: request.qs,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		headers: { Accept: 'application/json' },
		// Repeated parameters go out as iP.1 documents them (`labels=a&labels=b`), not as n8n's `labels[0]=a`.
		arrayFormat: 'repeat',
		...(request.body === undefined ? {} : { body: request.body as IDataObject }),
	};
}

function headerText(value: unknown): string | undefined {
	return Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : undefined;
}

function pathOf(path: string): string {
	return path.replace(/^https?:\/\/[^/]+/i, '').split('?')[0];
}
