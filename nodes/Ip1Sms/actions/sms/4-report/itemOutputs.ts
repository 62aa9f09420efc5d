import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toItems } from '../../common/items';
import type { PerItemSend } from '../1-read/items';
import type { PlannedItem } from '../2-plan/requests';
import type { Encoding } from '../gsm';
import { readableRequest, recipientOutputs, textFacts } from './output';
import type { SentBatch } from '../3-send/sentBatch';

/** "One SMS per Item": the item's outputs, one per recipient, each with the batch that carried it. */
export function perItemOutput(item: PerItemSend, datacoding: Encoding, sent: SentBatch[], batchByRecipient: Map<string, SentBatch>): IDataObject[] {
	return recipientOutputs({
		sent,
		recipients: item.msisdns,
		batchByRecipient,
		request: readableRequest(item.settings, item.msisdns.length, sent[0].reference, datacoding),
		...textFacts(item.settings.text, datacoding),
		text: item.settings.text,
		duplicatesRemoved: item.duplicatesRemoved,
		simplify: item.settings.simplify,
	});
}

/** What a personalised send learnt per input item: its error item, and the batches that carried its numbers. */
export interface Outcome {
	failures: Map<number, INodeExecutionData>;
	delivered: Map<number, SentBatch[]>;
}

/** "One Personalised Batch for All Items": the outputs (one per recipient) or error item of each input item, in input order. */
export function personalisedOutputs(
	context: IExecuteFunctions,
	itemCount: number,
	items: PlannedItem[],
	outcome: Outcome,
): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	const byIndex = new Map(items.map((item) => [item.itemIndex, item]));
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const failure = outcome.failures.get(itemIndex);
		const sent = outcome.delivered.get(itemIndex) ?? [];
		if (failure) {
			// Some of this item's numbers may have gone out in another request: say so.
			const sentIds = sent.map((batch) => batch.batchId).filter(Boolean);
			if (sentIds.length > 0) failure.json.sentBatchIds = sentIds as string[];
			output.push(failure);
			continue;
		}
		const item = byIndex.get(itemIndex);
		if (item) output.push(...toItems(context, personalisedOutput(item, sent), itemIndex));
	}
	return output;
}

function personalisedOutput(item: PlannedItem, sent: SentBatch[]): IDataObject[] {
	const request = readableRequest(item.settings, item.msisdns.length, sent[0]?.reference ?? '', item.datacoding);
	request.values = item.values;
	if (Object.keys(item.defaults).length > 0) request.defaults = item.defaults;
	return recipientOutputs({
		sent,
		recipients: item.msisdns,
		request,
		text: item.text,
		...textFacts(item.text, item.datacoding),
		simplify: item.settings.simplify,
	});
}
