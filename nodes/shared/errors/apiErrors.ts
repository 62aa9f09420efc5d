import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { MAX_RATE_LIMITED_MS, type NetworkFailure } from '../transport/retryPolicy';
import { extractApiMessage, joinSentences } from '../dialect/errorBody';

export { extractApiMessage } from '../dialect/errorBody';

/** Field reasons shown in the message itself; all of them are in the description. */
const DETAILS_IN_MESSAGE = 10;
const MAX_MESSAGE = 1000;

const INVALID_HINT =
	'iP.1 refused the request as invalid, so nothing was done. Correct what its reasons name (in the message) and run it again.';

const STATUS_HINTS: Record<number, string> = {
	400: INVALID_HINT,
	422: INVALID_HINT,
	401: 'iP.1 refused the API token. Check the "iP.1 SMS API" credential: copy the key again from the iP.1 portal.',
	403: 'The API token is valid but may not do this (IP restriction, or a feature not enabled on the account).',
	404: 'iP.1 found nothing with this ID on this account. Check the ID, and that the credential is for the right account.',
	409: 'iP.1 refused the request because of the current state of the object.',
	429: `iP.1 rate limit (30 requests per second per account) was still exceeded after waiting and retrying for ${MAX_RATE_LIMITED_MS / 60_000} minutes: something else is using this account's requests (another workflow, n8n instance or application).`,
};

const HTML_NOTE =
	'The answer was an HTML page, not the API\'s JSON: a proxy, a gateway or a wrong Base URL in the "iP.1 SMS API" credential answered instead of the iP.1 API.';

export interface FailedRequest {
	method: string;
	path: string;
	itemIndex?: number;
	/** Extra advice to add, e.g. how to check a send whose outcome is unclear. */
	hint?: string;
	redact: (text: string) => string;
}

/** An answer outside 2xx: a NodeApiError whose MESSAGE carries the API's words and field reasons (what users read). */
export function apiError(node: INode, input: FailedRequest & { status: number; body: unknown; contentType?: string }) {
	const { message, details, html } = extractApiMessage(input.body, input.contentType);
	const where = `${input.method} ${input.path}`;
	let text: string;
	if (html) text = `iP.1 API error ${input.status} on ${where}: HTML page${html.title ? ` "${html.title}"` : ''}`;
	else if (message || details.length > 0) text = `iP.1 API error ${input.status}: ${apiWords(message, details)}`;
	else text = `iP.1 API error ${input.status} on ${where}`;
	const summary = clip(input.redact(text));
	const redactedDetails = details.map((detail) => clip(input.redact(detail)));
	const notes = [redactedDetails.join('\n'), html ? htmlNote(html.text) : '', input.hint ?? STATUS_HINTS[input.status] ?? ''];
	const description = input.redact(notes.filter(Boolean).join('\n'));
	// Only our own plain summary goes in: the raw response (and the request with its headers) never does.
	const response: JsonObject = { status: input.status, message: summary, details: redactedDetails };
	return ownWords(node, response, {
		message: summary,
		description: description || undefined,
		httpCode: String(input.status),
		itemIndex: input.itemIndex,
	});
}

function htmlNote(pageText: string | undefined): string {
	return pageText ? `${HTML_NOTE} The page says: "${pageText}"` : HTML_NOTE;
}

function apiWords(message: string | undefined, details: string[]): string {
	const shown = details.slice(0, DETAILS_IN_MESSAGE);
	const more = details.length - shown.length;
	return joinSentences([message ?? '', ...shown, more > 0 ? `(and ${more} more)` : '']);
}

/** A request that got no HTTP answer: the original code and words, and whether anything left n8n. */
export function networkError(node: INode, input: FailedRequest & { failure: NetworkFailure }): NodeApiError {
	const { failure } = input;
	const cause = [failure.code, failure.message].filter(Boolean).join(': ') || 'no error code';
	const where = `${input.method} ${input.path}`;
	const headline: Record<NetworkFailure['kind'], string> = {
		tls: `Secure (TLS) connection to the iP.1 API failed (${cause}) on ${where}: the request was not sent`,
		invalidRequest: `The request to the iP.1 API could not be made (${cause}) on ${where}: it was not sent`,
		notConnected: `Could not connect to the iP.1 API (${cause}) on ${where}: the request was not sent`,
		unclear: `Could not reach the iP.1 API (${cause}) on ${where}`,
	};
	const summary = clip(input.redact(headline[failure.kind]));
	const description = input.redact(input.hint ?? NETWORK_ADVICE[failure.kind]);
	const response = { message: summary, ...(failure.code ? { code: failure.code } : {}) } as JsonObject;
	return ownWords(node, response, { message: summary, description, itemIndex: input.itemIndex });
}

const NETWORK_ADVICE: Record<NetworkFailure['kind'], string> = {
	tls:
		'Nothing reached iP.1: the secure connection could not be set up. It was not retried, because a certificate or TLS problem does not go away by itself. Check the Base URL of the "iP.1 SMS API" credential (https://api.ip1sms.com) and any proxy or TLS-inspecting firewall between n8n and iP.1.',
	invalidRequest:
		'Nothing reached iP.1: the request could not be built (often the Base URL of the "iP.1 SMS API" credential is not a valid http(s) URL). It was not retried.',
	notConnected:
		'Nothing reached iP.1: no connection could be made, even after retrying. Check the Base URL of the "iP.1 SMS API" credential and the network of the n8n server.',
	unclear:
		'Check the Base URL of the "iP.1 SMS API" credential and the network of the n8n server. The request was retried where that was safe.',
};

/** A protocol problem of the API's own answers (a pagination loop...), in the same form as API errors. */
export function protocolError(node: INode, input: { message: string; description: string; itemIndex?: number }): NodeApiError {
	const message = clip(input.message);
	return ownWords(node, { message } as JsonObject, { message, description: input.description, itemIndex: input.itemIndex });
}

type ErrorOptions = NonNullable<ConstructorParameters<typeof NodeApiError>[2]> & { message: string };

/** n8n swaps a message naming a Node.js error code (ECONNREFUSED...) for generic words: ours is put back. */
function ownWords(node: INode, response: JsonObject, options: ErrorOptions): NodeApiError {
	const error = new NodeApiError(node, response, options);
	error.message = options.message;
	return error;
}

function clip(text: string, max = MAX_MESSAGE): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Errors that already speak n8n pass through; anything else is wrapped so the UI shows its context. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}

const CODE = /^[A-Z][A-Z0-9_]{2,}$/;
const MAX_CAUSE = 200;

/**
 * The code and words (on one line) of a request that got no HTTP answer. n8n wraps the HTTP client's
 * error (`cause`, or `errorResponse` from another realm), which wraps Node's: the code is searched through
 * the whole chain, the message taken from the innermost error that carries it (n8n's wrapper may replace it).
 */
export function findNetworkFailure(error: unknown): Pick<NetworkFailure, 'code' | 'message'> {
	const chain = errorChain(error);
	const coded = chain.filter((entry) => typeof entry.code === 'string' && CODE.test(entry.code));
	const source = coded.length > 0 ? coded[coded.length - 1] : chain[chain.length - 1];
	const message = oneLine(source?.message);
	if (coded.length > 0) return { code: coded[0].code as string, message };
	// Messages some HTTP stacks give without a code.
	if (message && /timeout|timed out/i.test(message)) return { code: 'ETIMEDOUT', message };
	if (message && /socket hang up/i.test(message)) return { code: 'ECONNRESET', message };
	return { message };
}

interface ChainEntry {
	code?: unknown;
	message?: unknown;
}

function errorChain(error: unknown): ChainEntry[] {
	const chain: ChainEntry[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 8 && !chain.includes(current as ChainEntry)) {
		const entry = current as ChainEntry & { cause?: unknown; errorResponse?: unknown; reason?: unknown };
		chain.push(entry);
		current = entry.cause ?? entry.errorResponse ?? entry.reason;
	}
	return chain;
}

function oneLine(message: unknown): string | undefined {
	if (typeof message !== 'string') return undefined;
	const text = message.replace(/\s+/g, ' ').trim();
	return text === '' ? undefined : clip(text, MAX_CAUSE);
}
