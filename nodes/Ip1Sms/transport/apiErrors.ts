import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/** The API's own words, found in whichever shape the error body comes. */
export interface ApiMessage {
	message?: string;
	/** Per-field validation messages, e.g. `sender: Sender must be 3-11 characters`. */
	details: string[];
}

const MESSAGE_KEYS = ['message', 'Message', 'error_description', 'errorMessage', 'detail', 'Detail'];
const MAX_TEXT = 500;

/**
 * iP.1 documents no error body. Seen or plausible: ASP.NET problem details (`title`, `detail`,
 * `errors: { field: [messages] }`), `{ message }` / `{ Message }`, `{ error: "..." }`,
 * `{ error: { message } }`, `{ errors: [...] }` and plain text.
 */
export function extractApiMessage(body: unknown): ApiMessage {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '' || /^<(!doctype|html)/i.test(text)) return { details: [] };
		return { message: truncate(text), details: [] };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { details: [] };
	const record = body as Record<string, unknown>;
	const details = fieldErrors(record.errors ?? record.Errors);
	const title = stringOf(record.title ?? record.Title);
	let message = MESSAGE_KEYS.map((key) => stringOf(record[key])).find(Boolean);
	const nested = record.error ?? record.Error;
	if (!message && typeof nested === 'string') message = nested;
	if (!message && nested && typeof nested === 'object') message = stringOf((nested as JsonObject).message);
	if (title && message && title !== message) message = `${title} ${message}`;
	return { message: truncate(message ?? title ?? details[0] ?? ''), details };
}

function fieldErrors(errors: unknown): string[] {
	if (Array.isArray(errors)) {
		return errors
			.map((entry) => (typeof entry === 'string' ? entry : stringOf((entry as JsonObject)?.message)))
			.filter((entry): entry is string => Boolean(entry));
	}
	if (!errors || typeof errors !== 'object') return [];
	return Object.entries(errors as Record<string, unknown>).flatMap(([field, messages]) => {
		const list = Array.isArray(messages) ? messages : [messages];
		return list.filter((entry) => typeof entry === 'string').map((entry) => `${field}: ${entry}`);
	});
}

function stringOf(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function truncate(text: string): string | undefined {
	if (!text) return undefined;
	return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

const STATUS_HINTS: Record<number, string> = {
	400: 'iP.1 refused the request as invalid. The details above name the field to correct.',
	401: 'iP.1 refused the API token. Check the "iP.1 SMS API" credential: copy the key again from the iP.1 portal.',
	403: 'The API token is valid but may not do this (IP restriction, or a feature not enabled on the account).',
	404: 'iP.1 found nothing with this ID on this account. Check the ID, and that the credential is for the right account.',
	409: 'iP.1 refused the request because of the current state of the object.',
	429: 'iP.1 rate limit (30 requests per second per account) was still exceeded after waiting and retrying.',
};

export interface ApiErrorInput {
	status: number;
	body: unknown;
	method: string;
	path: string;
	itemIndex?: number;
	/** Extra advice to add, e.g. how to check a send whose outcome is unclear. */
	hint?: string;
	redact: (text: string) => string;
}

/** An HTTP answer outside 2xx becomes a NodeApiError with the API's message and status. */
export function apiError(node: INode, input: ApiErrorInput): NodeApiError {
	const { message, details } = extractApiMessage(input.body);
	const summary = input.redact(
		message
			? `iP.1 API error ${input.status}: ${message}`
			: `iP.1 API error ${input.status} on ${input.method} ${input.path}`,
	);
	const description = input.redact(
		[details.join('; '), input.hint ?? STATUS_HINTS[input.status]].filter(Boolean).join('\n'),
	);
	// Only our own plain summary goes in: the raw response (and the request with its headers) never does.
	const response: JsonObject = { status: input.status, message: summary, details };
	return new NodeApiError(node, response, {
		message: summary,
		description: description || undefined,
		httpCode: String(input.status),
		itemIndex: input.itemIndex,
	});
}

/** A request that got no HTTP answer. */
export function networkError(
	node: INode,
	input: { code: string; method: string; path: string; itemIndex?: number; hint?: string },
): NodeApiError {
	const summary = `Could not reach the iP.1 API (${input.code}) on ${input.method} ${input.path}`;
	const description =
		input.hint ??
		'Check the Base URL of the "iP.1 SMS API" credential and the network of the n8n server. The request was retried where that was safe.';
	return new NodeApiError(node, { message: summary, code: input.code } as JsonObject, {
		message: summary,
		description,
		itemIndex: input.itemIndex,
	});
}

/** Finds the Node.js error code (ECONNREFUSED ...) anywhere in an error's cause chain. */
export function findNetworkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const record = current as { code?: unknown; cause?: unknown; errno?: unknown };
		if (typeof record.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(record.code)) return record.code;
		current = record.cause;
	}
	if (error instanceof Error) {
		if (/timeout/i.test(error.message)) return 'ETIMEDOUT';
		if (/socket hang up/i.test(error.message)) return 'ECONNRESET';
	}
	return undefined;
}

/** Errors that already speak n8n pass through; anything else is wrapped so the UI shows its context. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}
