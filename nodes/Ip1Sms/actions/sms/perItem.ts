import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { withNote } from '../../../shared/errors/notes';
import { forEachItem } from '../common/items';
import { validateEveryItem, validatePerItem } from './2-validate/items';
import { planItemRequests, type PlannedRequest } from './3-plan/requests';
import { postBatch } from './4-send/postBatch';
import { alreadySentNote, itemsProgressNote } from './4-send/progress';
import { perItemOutput } from './5-report/itemOutputs';
import { learnBatch, type SentBatch } from './5-report/sentBatch';

/**
 * Mode "One Batch per Item": every item sends its own batch to its own recipients, after every
 * item was composed and validated (1, 2). Each item's requests are planned (3), sent (4) and
 * reported (5) in turn.
 */
export async function sendPerItem(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const valid = validateEveryItem(context, items.length, validatePerItem);
	const sentItems: Array<{ itemIndex: number; sent: SentBatch[] }> = [];
	return await forEachItem(context, items, async (itemIndex) => {
		const item = valid.values.get(itemIndex);
		if (!item) throw asNodeError(node, valid.errors.get(itemIndex));
		const { datacoding, requests } = planItemRequests(item, itemIndex);
		const sent = await sendRequests(context, requests, (error, sentForItem) => {
			const nodeError = withNote(asNodeError(node, error), alreadySentNote(sentForItem));
			return continueOnFail ? nodeError : withNote(nodeError, itemsProgressNote(sentItems, itemIndex, items.length));
		});
		sentItems.push({ itemIndex, sent });
		return perItemOutput(item, datacoding, sent);
	});
}

/** The item's requests in turn; a failure is described by `describe` with what already went out. */
async function sendRequests(
	context: IExecuteFunctions,
	requests: PlannedRequest[],
	describe: (error: unknown, sentForItem: SentBatch[]) => Error,
): Promise<SentBatch[]> {
	const sent: SentBatch[] = [];
	for (const request of requests) {
		try {
			sent.push(await learnBatch(context, await postBatch(context, request)));
		} catch (error) {
			throw describe(error, sent);
		}
	}
	return sent;
}
