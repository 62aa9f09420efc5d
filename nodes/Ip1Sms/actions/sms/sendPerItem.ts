import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { assertEncodable, readableRequest, textFacts, wireBody, withNote } from '../../helpers/batchRequest';
import { chunk } from '../../helpers/chunking';
import { forEachItem } from '../../helpers/items';
import { cachedParameterReader } from '../../helpers/parameters';
import { readRecipients } from '../../helpers/recipients';
import { readSendSettings } from '../../helpers/sendSettings';
import { asNodeError } from '../../transport/apiErrors';
import { sendOutput } from './output';
import { newReference, postBatch, type SentBatch } from './postBatch';

/** Mode "One Batch per Item": every item sends its own batch to its own recipients. */
export async function sendPerItem(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const read = cachedParameterReader(context);
	const timeZone = context.getTimezone();
	return await forEachItem(context, items, async (itemIndex) => {
		const settings = readSendSettings(node, read, itemIndex, timeZone, Date.now());
		const { msisdns, duplicatesRemoved } = readRecipients(
			node,
			itemIndex,
			read('recipients', itemIndex, ''),
			settings.defaultCountryCode,
		);
		assertEncodable(node, itemIndex, settings.text, settings);

		const sent: SentBatch[] = [];
		for (const recipients of chunk(msisdns, settings.recipientsPerRequest)) {
			const reference = settings.reference ?? newReference();
			try {
				sent.push(await postBatch(context, wireBody(settings, recipients, reference), reference, itemIndex));
			} catch (error) {
				if (sent.length === 0) throw asNodeError(node, error);
				throw withNote(asNodeError(node, error), alreadySentNote(sent));
			}
		}

		const output: IDataObject = sendOutput({
			sent,
			recipients: msisdns,
			request: readableRequest(settings, msisdns, sent[0].reference),
			...textFacts(settings.text, msisdns.length),
			text: settings.text,
		});
		if (duplicatesRemoved > 0) output.duplicatesRemoved = duplicatesRemoved;
		return output;
	});
}

function alreadySentNote(sent: SentBatch[]): string {
	const batches = sent.map((batch) => `${batch.batchId ?? '(unknown id)'} (reference "${batch.reference}")`).join(', ');
	return `Already sent for this item, do not send these again: ${batches}.`;
}
