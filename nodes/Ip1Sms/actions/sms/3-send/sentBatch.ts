import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { normaliseBatch, normaliseMessage, readField } from '../../../../shared/dialect/documents';
import { readSendResponse, type SendResponseShape } from '../../../../shared/dialect/sendAnswer';
import { messageOf } from '../../../../shared/errors/notes';
import { ip1PaginatedRequest } from '../../../../shared/transport';
import { recipientsOf, type PlannedRequest } from '../2-plan/requests';
import { lookUpBatch } from './batchLookup';

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
	found?: { by: 'lookup' | 'earlierTry'; batchId?: string };
}

/**
 * What a posted batch became. The answer is undocumented: without message documents they are read
 * (GET /v2/batches/{id}/messages, unless "Look Up Missing Message IDs" is off); without a batch id, it
 * is looked up by reference (batchLookup.ts). Once the POST succeeded nothing may fail the item (that
 * would invite a re-run and a duplicate send): problems with these reads become warnings.
 */
export async function learnBatch(context: IExecuteFunctions, posted: PostedBatch): Promise<SentBatch> {
	const { reference, itemIndex } = posted.request;
	const response = posted.found
		? { shape: posted.found.by === 'lookup' ? ('foundByReference' as const) : ('sentInEarlierTry' as const), batchId: posted.found.batchId || undefined }
		: readSendResponse(posted.body);
	const warnings: string[] = [];
	let batchId = response.batchId;
	let messages = 'messages' in response ? response.messages : undefined;

	if (!batchId) {
		batchId = await findBatchByReference(context, posted.request, warnings);
	}
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
