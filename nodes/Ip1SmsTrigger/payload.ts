import type { IDataObject } from 'n8n-workflow';

import { messageIdOf, normaliseDeliveryReport, normaliseMessage, readField } from '../shared/dialect/documents';
import { normaliseEnum } from '../shared/dialect/enums';
import { isPlainObject } from '../shared/values';
import type { TriggerEvent } from './events';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** What the trigger reads of n8n's request object (an Express request with `rawBody`). */
export interface IncomingWebhookRequest {
	body?: unknown;
	rawBody?: unknown;
	query?: unknown;
	/** n8n's raw-body reader (its rawBodyReader middleware): fills `rawBody` from the request stream. */
	readRawBody?: () => Promise<void>;
}

/**
 * For version 2 of the trigger n8n leaves the body of a content type it does not parse unread
 * (iP.1 does not document the content type of its callbacks): read it raw, so every content type is
 * read as version 1 reads it.
 */
export async function readUnparsedBody(request: IncomingWebhookRequest): Promise<void> {
	if (request.rawBody !== undefined || typeof request.readRawBody !== 'function') return;
	if (isJsonObject(request.body) && Object.keys(request.body).length > 0) return;
	await request.readRawBody();
}

export interface ClassifiedEvent {
	event: TriggerEvent;
	/** Same message and status (delivery report) or same message (inbound SMS) = same key. */
	dedupeKey: string;
	/** The normalised output item. */
	json: IDataObject;
}

/** A JSON object, not the raw bytes n8n may hand over for other content types. */
function isJsonObject(value: unknown): value is IDataObject {
	return isPlainObject(value) && !Buffer.isBuffer(value);
}

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (Buffer.isBuffer(value)) return value.toString('utf8');
	return undefined;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return `a ${typeof value}`;
}

/**
 * The JSON object iP.1 posted. n8n parses JSON bodies itself; for other content types the body is
 * empty or text and the raw bytes are in `rawBody`, so those are parsed here.
 */
export function readPayload(request: IncomingWebhookRequest): Parsed<IDataObject> {
	const { body } = request;
	if (isJsonObject(body) && Object.keys(body).length > 0) return { ok: true, value: body };
	if (Array.isArray(body)) {
		return { ok: false, problem: 'The body is a JSON array; iP.1 posts one JSON object per request.' };
	}
	const text = textOf(request.rawBody) ?? textOf(body) ?? (isJsonObject(body) ? '{}' : undefined);
	if (text === undefined || text.trim() === '') return { ok: false, problem: 'The body is empty.' };
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { ok: false, problem: 'The body is not valid JSON.' };
	}
	if (!isJsonObject(parsed)) {
		return { ok: false, problem: `The body is JSON but ${describe(parsed)}, not an object.` };
	}
	return { ok: true, value: parsed };
}

function statusCodeOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

/**
 * iP.1 posts both kinds of event the same way, so the shape tells them apart:
 * - inbound SMS = a message document: `direction` "mo", or a `body` / `statuses` list and no `code`;
 * - delivery report = `code` and `id` (newer docs) or `messageId` (older docs), usually `batchId`, no `body`.
 */
export function classifyPayload(document: IDataObject): Parsed<ClassifiedEvent> {
	const direction = normaliseEnum('direction', readField(document, 'direction'));
	const hasText = readField(document, 'body') !== undefined;
	const hasStatuses = Array.isArray(readField(document, 'statuses'));
	const code = readField(document, 'code');
	const id = messageIdOf(document);

	if (direction === 'mo' || ((hasText || hasStatuses) && code === undefined)) {
		if (!id) return { ok: false, problem: 'The inbound SMS has no message id ("id").' };
		const message = normaliseMessage(document);
		return {
			ok: true,
			value: {
				event: 'inboundSms',
				dedupeKey: `inboundSms:${id}`,
				json: { event: 'inboundSms', ...message, id, messageId: id },
			},
		};
	}

	if (code !== undefined && !hasText) {
		if (!id) return { ok: false, problem: 'The delivery report has no message id ("id" or "messageId").' };
		const statusCode = statusCodeOf(code);
		if (statusCode === undefined) {
			return { ok: false, problem: `The delivery report's status code is not a whole number (${JSON.stringify(code)}).` };
		}
		const report = normaliseDeliveryReport(document);
		const delivered = report.delivered === true;
		const final = report.final === true;
		return {
			ok: true,
			value: {
				event: 'deliveryReport',
				dedupeKey: `deliveryReport:${id}:${statusCode}`,
				json: { event: 'deliveryReport', ...report, id, messageId: id, code: statusCode, failed: final && !delivered },
			},
		};
	}

	return {
		ok: false,
		problem:
			'The body is neither an inbound SMS (direction "mo", body, statuses) nor a delivery report (code and id or messageId).',
	};
}
