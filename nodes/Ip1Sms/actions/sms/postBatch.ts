import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { messageOf } from '../../../shared/errors/notes';
import { normaliseBatch, normaliseMessage, readField } from '../../helpers/normalise';
import { readSendResponse, type SendResponseShape } from '../../helpers/sendResponse';
import type { EnumForm } from '../../helpers/sendSettings';
import { ip1ApiRequest, ip1PaginatedRequest } from '../../transport';
import { sendInWorkingForm } from './enumEncoding';

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

/** How many of the newest batches are searched for our reference when a send returned no batch id. */
const REFERENCE_SEARCH_DEPTH = 50;

/** `n8n-` and 16 random hex digits: lets a user find a batch whose send outcome was unclear. */
export function newReference(): string {
	return `n8n-${randomBytes(8).toString('hex')}`;
}

export function unclearSendHint(reference: string): string {
	return (
		`iP.1 may or may not have accepted this SMS batch (reference "${reference}"). It was NOT sent again, so that no ` +
		`recipient gets it twice. Look for the batch with Batch → Get Many (reference "${reference}") before sending again.`
	);
}

/**
 * Sends one batch, never twice (`retry: 'send'`; a 400 refusal may be repeated once with its enums
 * in the other documented form, see enumEncoding.ts), and reads what it became. The response body is
 * undocumented: when it carries no message documents, the messages are read with
 * GET /v2/batches/{id}/messages (a read, safe to retry) so every recipient gets its message id;
 * when it carries no batch id either, the newest batches are searched for our reference.
 * Once the POST succeeded nothing else may fail the item — a failure would invite a re-run and a
 * duplicate send — so problems with these reads become warnings on the output.
 */
export async function postBatch(
	context: IExecuteFunctions,
	bodyIn: (form: EnumForm) => IDataObject,
	reference: string,
	itemIndex: number,
): Promise<SentBatch> {
	const responseBody = await sendInWorkingForm(context, async (form) =>
		await ip1ApiRequest.call(context, {
			method: 'POST',
			path: '/v2/batches',
			body: bodyIn(form),
			retry: 'send',
			itemIndex,
			unclearOutcomeHint: unclearSendHint(reference),
		}),
	);
	const response = readSendResponse(responseBody);
	const warnings: string[] = [];
	let batchId = response.batchId;
	let messages = response.messages;

	if (!batchId) {
		batchId = await findBatchByReference(context, reference, itemIndex, warnings);
	}
	if (!messages && batchId) {
		messages = await readBatchMessages(context, batchId, recipientCount(bodyIn('integers')), itemIndex, warnings);
	}

	const messagesByRecipient = new Map<string, IDataObject>();
	for (const raw of messages ?? []) {
		const message = normaliseMessage(raw);
		const recipient = readField(message, 'recipient');
		if (typeof recipient === 'string' || typeof recipient === 'number') messagesByRecipient.set(String(recipient), message);
	}
	return {
		batchId,
		reference,
		shape: response.shape,
		batch: response.batch ? normaliseBatch(response.batch) : undefined,
		messagesByRecipient,
		warnings,
	};
}

/** One message per recipient: the templating dictionary's `default` entry is no recipient. */
function recipientCount(body: IDataObject): number {
	const recipients = body.recipients;
	if (Array.isArray(recipients)) return recipients.length;
	if (recipients && typeof recipients === 'object') return Object.keys(recipients).filter((key) => key !== 'default').length;
	return 0;
}

async function readBatchMessages(
	context: IExecuteFunctions,
	batchId: string,
	expected: number,
	itemIndex: number,
	warnings: string[],
): Promise<IDataObject[] | undefined> {
	try {
		// Asking for exactly as many messages as recipients ends the read in one request: Return All
		// would confirm a short page with a second, empty one.
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

async function findBatchByReference(
	context: IExecuteFunctions,
	reference: string,
	itemIndex: number,
	warnings: string[],
): Promise<string | undefined> {
	try {
		const { items } = await ip1PaginatedRequest.call(context, {
			path: '/v2/batches',
			returnAll: false,
			limit: REFERENCE_SEARCH_DEPTH,
			order: 'DESC',
			itemIndex,
		});
		const match = items.find((batch) => readField(batch, 'reference') === reference);
		const id = match ? readField(match, 'id') : undefined;
		if (typeof id === 'string' && id !== '') return id;
		warnings.push(
			`iP.1 accepted the send but returned no batch ID, and no recent batch has the reference "${reference}" yet. ` +
				'Look for it later with Batch → Get Many. Do not send again.',
		);
	} catch (error) {
		warnings.push(
			`iP.1 accepted the send but returned no batch ID, and the batch list could not be read (${messageOf(error)}). ` +
				`Look for the reference "${reference}" with Batch → Get Many. Do not send again.`,
		);
	}
	return undefined;
}
