import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../values';
import { readField } from './documents';

/**
 * The undocumented body of POST /v2/batches: `messages` (message documents, one per recipient, each with
 * `batchId`), `batch` (the batch document), `batchWithMessages` (it with `messages`), `object` (an envelope
 * with `messages` and/or `batchId`), `empty`. Two without an answer of the send's own (3-send/exactlyOnce.ts):
 * `foundByReference` (found by reference after an unclear answer) and `sentInEarlierTry` (Retry On Fail).
 */
export type SendResponseShape = 'messages' | 'batch' | 'batchWithMessages' | 'object' | 'empty' | 'foundByReference' | 'sentInEarlierTry';

export interface SendResponse {
	shape: SendResponseShape;
	batchId?: string;
	batch?: IDataObject;
	messages?: IDataObject[];
}

export function readSendResponse(body: unknown): SendResponse {
	if (Array.isArray(body)) {
		const messages = body.filter(isPlainObject);
		return { shape: 'messages', batchId: idOf(messages[0], 'batchId'), messages };
	}
	if (!isPlainObject(body)) return { shape: 'empty' };
	const listed = readField(body, 'messages');
	const messages = Array.isArray(listed) ? listed.filter(isPlainObject) : undefined;
	const ownId = idOf(body, 'id');
	const nested = readField(body, 'batch');
	if (messages && ownId !== undefined && idOf(body, 'batchId') === undefined && !isPlainObject(nested)) {
		return { shape: 'batchWithMessages', batchId: ownId, batch: withoutMessages(body), messages };
	}
	const batchId = idOf(body, 'batchId') ?? (messages ? idOf(messages[0], 'batchId') : undefined);
	if (messages || batchId) {
		return { shape: 'object', batchId: batchId ?? idOf(isPlainObject(nested) ? nested : undefined, 'id'), messages, ...(isPlainObject(nested) ? { batch: nested } : {}) };
	}
	if (ownId) return { shape: 'batch', batchId: ownId, batch: body };
	return { shape: 'empty' };
}

function withoutMessages(document: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(document).filter(([key]) => key.toLowerCase() !== 'messages'));
}

function idOf(document: IDataObject | undefined, name: string): string | undefined {
	if (!document) return undefined;
	const value = readField(document, name);
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
