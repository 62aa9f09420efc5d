import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { normaliseBatch, normaliseMessage, readField, toUtcTimestamp } from '../../../../shared/dialect/documents';
import { readSendResponse, type SendResponseShape } from '../../../../shared/dialect/sendAnswer';
import { messageOf } from '../../../../shared/errors/notes';
import { ip1ApiRequest, ip1PaginatedRequest } from '../../../../shared/transport';
import { recipientsOf, type PlannedRequest } from '../2-plan/requests';

/** A batch as we learnt it from one POST /v2/batches (and the reads that completed it). */
export interface SentBatch {
	batchId?: string;
	reference: string;
	shape: SendResponseShape;
	/** The batch document, normalised, when the API returned one. */
	batch?: IDataObject;
	/** Normalised message documents by recipient MSISDN. */
	messagesByRecipient: Map<string, IDataObject>;
	warnings: string[];
}

/** A request iP.1 took, with its answer (posted by exactlyOnce.ts). */
export interface PostedBatch {
	request: PlannedRequest;
	body: unknown;
	/** Taken without this try's answer: found by reference after an unclear one, or sent by an earlier try. */
	found?: { shape: 'foundByReference' | 'sentInEarlierTry'; batchId?: string };
}

/**
 * What a posted batch became. The answer is undocumented: without message documents they are read (GET
 * /v2/batches/{id}/messages, unless "Look Up Missing Message IDs" is off); without a batch id, it is looked up by
 * reference (lookUpBatch). Once the POST succeeded nothing may fail the item (that would invite a re-run and a
 * duplicate send): problems with these reads become warnings.
 */
export async function learnBatch(context: IExecuteFunctions, posted: PostedBatch): Promise<SentBatch> {
	const { reference, itemIndex } = posted.request;
	const { found } = posted;
	const response = found ? { ...found, batchId: found.batchId || undefined } : readSendResponse(posted.body);
	const warnings: string[] = [];
	const batchId = response.batchId || (await findBatchByReference(context, posted.request, warnings));
	let messages = 'messages' in response ? response.messages : undefined;
	if (!messages && batchId) {
		if (posted.request.settings.lookUpMessageIds) {
			messages = await readBatchMessages(context, batchId, recipientsOf(posted.request.recipients).length, itemIndex, warnings);
		} else {
			warnings.push(
				`iP.1's answer carried no message IDs and "Look Up Missing Message IDs" is off: use Message → Get Many with the batch ID ${batchId} to get them.`,
			);
		}
	}
	return {
		batchId,
		reference,
		shape: response.shape,
		batch: 'batch' in response && response.batch ? normaliseBatch(response.batch) : undefined,
		messagesByRecipient: byRecipient(messages ?? []),
		warnings,
	};
}

function byRecipient(messages: IDataObject[]): Map<string, IDataObject> {
	const messagesByRecipient = new Map<string, IDataObject>();
	for (const raw of messages) {
		const message = normaliseMessage(raw);
		const recipient = readField(message, 'recipient');
		if (typeof recipient === 'string' || typeof recipient === 'number') messagesByRecipient.set(String(recipient), message);
	}
	return messagesByRecipient;
}

async function readBatchMessages(
	context: IExecuteFunctions,
	batchId: string,
	expected: number,
	itemIndex: number,
	warnings: string[],
): Promise<IDataObject[] | undefined> {
	try {
		// Exactly as many as recipients ends the read in one request (Return All confirms with an empty page).
		const { items } = await ip1PaginatedRequest.call(context, {
			path: `/v2/batches/${encodeURIComponent(batchId)}/messages`,
			returnAll: expected === 0,
			limit: expected,
			itemIndex,
		});
		return items;
	} catch (error) {
		warnings.push(
			`The batch ${batchId} was sent, but its messages could not be read (${messageOf(error)}). ` +
				'Use Message → Get Many with this batch ID to get the message IDs. Do not send again.',
		);
		return undefined;
	}
}

async function findBatchByReference(context: IExecuteFunctions, request: PlannedRequest, warnings: string[]): Promise<string | undefined> {
	const lookup = await lookUpBatch(context, request, Date.now());
	if ('taken' in lookup && lookup.taken && lookup.batchId !== '') return lookup.batchId;
	const why = 'unknown' in lookup ? lookup.unknown : `no SMS with the reference "${request.reference}" is listed yet`;
	warnings.push(`iP.1 took the send but returned no batch ID, and looking it up failed (${why}). Look for the reference "${request.reference}" with Batch → Get Many later. Do not send again.`);
	return undefined;
}

/**
 * Did iP.1 take this request? iP.1 has no look-up by reference, and its batch list is the whole
 * account's. A batch is all or nothing, so its first recipient tells: the newest SMS to that number
 * (`GET /v2/conversations/{number}/mt`) carry their batches' references. One request in practice.
 */
export type Lookup =
	| { taken: true; batchId: string }
	| { taken: false }
	/** Cannot tell: the lookup failed, or the number got too many SMS to read back to the send. */
	| { unknown: string };

/** Messages read back at most: more, and the send is older than the list reaches, or we cannot tell. */
const LOOKUP_DEPTH = 200;
/** How far iP.1's clock may run behind n8n's: a message older than the send by more is older than the send. */
const CLOCK_SKEW_MS = 15 * 60_000;
/** Batches read to check the tag when the reference is the user's own (other sends may share it). */
const MAX_TAG_CHECKS = 5;

export async function lookUpBatch(context: IExecuteFunctions, request: PlannedRequest, sentSince: number): Promise<Lookup> {
	const recipient = recipientsOf(request.recipients)[0];
	let messages: IDataObject[];
	try {
		({ items: messages } = await ip1PaginatedRequest.call(context, {
			path: `/v2/conversations/${encodeURIComponent(recipient)}/mt`,
			returnAll: false,
			limit: LOOKUP_DEPTH,
			order: 'DESC',
			itemIndex: request.itemIndex,
		}));
	} catch (error) {
		return { unknown: `reading the SMS sent to ${recipient} failed: ${messageOf(error)}` };
	}
	const candidates = batchIdsWithReference(messages, request.reference);
	const found = request.idempotencyTag ? await taggedBatch(context, request, candidates) : candidates[0];
	if (typeof found === 'object') return found;
	if (found !== undefined) return { taken: true, batchId: found };
	if (messages.length < LOOKUP_DEPTH || olderThan(messages[messages.length - 1], sentSince - CLOCK_SKEW_MS)) return { taken: false };
	return { unknown: `${recipient} got more than ${LOOKUP_DEPTH} SMS from this account since the send started` };
}

/** The batch ids of the messages that carry the reference, newest first, each once. */
function batchIdsWithReference(messages: IDataObject[], reference: string): string[] {
	const ids = new Set<string>();
	for (const message of messages) {
		if (readField(message, 'reference') !== reference) continue;
		const batchId = readField(message, 'batchId');
		ids.add(typeof batchId === 'string' || typeof batchId === 'number' ? String(batchId) : '');
	}
	return Array.from(ids);
}

/** With the user's own reference, other sends may carry it too: ours is the batch with this run's tag. */
async function taggedBatch(
	context: IExecuteFunctions,
	request: PlannedRequest,
	candidates: string[],
): Promise<string | { unknown: string } | undefined> {
	for (const batchId of candidates.filter(Boolean).slice(0, MAX_TAG_CHECKS)) {
		let batch: unknown;
		try {
			batch = await ip1ApiRequest.call(context, { method: 'GET', path: `/v2/batches/${encodeURIComponent(batchId)}`, itemIndex: request.itemIndex });
		} catch (error) {
			return { unknown: `reading batch ${batchId} failed: ${messageOf(error)}` };
		}
		const tags = batch && typeof batch === 'object' ? readField(batch as IDataObject, 'tags') : undefined;
		if (Array.isArray(tags) && tags.includes(request.idempotencyTag)) return batchId;
	}
	if (candidates.length > MAX_TAG_CHECKS) return { unknown: `more than ${MAX_TAG_CHECKS} recent batches carry the reference "${request.reference}"` };
	return undefined;
}

/** Whether the message was created before `instant` (its oldest known time: a status, or its last change). */
function olderThan(message: IDataObject, instant: number): boolean {
	const times: unknown[] = [readField(message, 'modified')];
	const statuses = readField(message, 'statuses');
	if (Array.isArray(statuses)) for (const status of statuses) if (status && typeof status === 'object') times.push(readField(status as IDataObject, 'created'));
	const parsed = times.map((time) => Date.parse(String(toUtcTimestamp(time)))).filter((ms) => !Number.isNaN(ms));
	return parsed.length > 0 && Math.min(...parsed) < instant;
}
