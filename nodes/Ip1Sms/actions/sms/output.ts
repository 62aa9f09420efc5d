import type { IDataObject } from 'n8n-workflow';

import type { TextFacts } from '../../helpers/batchRequest';
import type { SentBatch } from './postBatch';

export interface SendOutputInput extends TextFacts {
	/** The batches that carried this item's recipients, in sending order. */
	sent: SentBatch[];
	recipients: string[];
	request: IDataObject;
	text: string;
}

/**
 * One output item of a send: the batch and message IDs first (what the next node needs), then the
 * local text facts, the request as sent (readable, no token) and the API's answer normalised —
 * restricted to this item's own recipients, so a 1,000-recipient batch is not copied 1,000 times.
 */
export function sendOutput(input: SendOutputInput): IDataObject {
	const { sent, recipients } = input;
	const batchIds = unique(sent.map((batch) => batch.batchId).filter((id): id is string => Boolean(id)));
	const messageIds: IDataObject = {};
	const messages: IDataObject[] = [];
	const warnings = unique(sent.flatMap((batch) => batch.warnings));
	for (const recipient of recipients) {
		const batch = sent.find((candidate) => candidate.messagesByRecipient.has(recipient));
		const message = batch?.messagesByRecipient.get(recipient);
		if (message) {
			messageIds[recipient] = message.id as string;
			messages.push(message);
		} else if (sent.some((candidate) => candidate.messagesByRecipient.size > 0)) {
			warnings.push(`iP.1 returned no message for ${recipient}. Check the batch with Message → Get Many.`);
		}
	}
	const batches = sent.map((batch) => batch.batch).filter((batch): batch is IDataObject => batch !== undefined);
	const output: IDataObject = {
		batchId: batchIds[0] ?? null,
		batchIds,
		reference: sent[0]?.reference ?? null,
		references: unique(sent.map((batch) => batch.reference)),
		recipients,
		messageIds,
		text: input.text,
		encoding: input.encoding,
		characters: input.characters,
		segments: input.segments,
		totalSegments: input.totalSegments,
		request: input.request,
		response: {
			shape: sent[0]?.shape ?? 'empty',
			...(batches.length > 0 ? { batches } : {}),
			messages,
		},
	};
	if (warnings.length > 0) output.warnings = warnings;
	return output;
}

function unique<T>(list: T[]): T[] {
	return Array.from(new Set(list));
}
