import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { messageOf, withNote } from '../../../shared/errors/notes';
import { cancelSignalOf } from '../../../shared/transport/cancellation';
import { errorItem, toItems, withItemIndex } from '../common/items';
import { runInOrder } from '../common/inOrderPool';
import { validateEveryItem, validatePerItem } from './1-read/items';
import { planItemRequests, type ItemsRequest } from './2-plan/requests';
import { alreadySentNote, itemsProgressNote } from './3-send/progress';
import { openSendLedger, type SendLedger } from './3-send/sendLedger';
import { perItemOutput } from './4-report/itemOutputs';
import type { SentBatch } from './3-send/sentBatch';
import { sendExactlyOnce } from './3-send/exactlyOnce';

/**
 * Requests that may be on their way at once. The shared rate limiter holds the account to its 30
 * requests/second whatever this is; it only has to cover the round trip: at 30/s, 10 in flight keep
 * the limit busy up to ~330 ms per request, where one at a time reached 10/s at 100 ms.
 */
export const SENDS_IN_FLIGHT = 10;

type RequestResult = { sent: SentBatch } | { failure: Error };

/** What became of one item: its batches, each recipient's batch, the first failure among its requests, whether all of them ran. */
interface ItemFate {
	sent: SentBatch[];
	batchByRecipient: Map<string, SentBatch>;
	failure?: Error;
	complete: boolean;
}

/**
 * Mode "One SMS per Item": every item's own text to its own recipients, after every item was
 * composed and validated. Items that agree on the batch options share requests (2-plan, Combine
 * Items); requests are sent exactly once each (exactlyOnce.ts), up to SENDS_IN_FLIGHT at once,
 * started in order. Outputs come back in input order, each paired to its item. Without Continue On
 * Fail the first failure starts nothing more, waits for the requests already on their way, and names
 * every item that went out and every one that did not.
 */
export async function sendPerItem(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const valid = validateEveryItem(context, items.length, validatePerItem);
	const combine = Array.from(valid.values.values()).every((item) => item.settings.combineItems);
	const ledger = openSendLedger(context);
	const { datacodings, requests } = planItemRequests(valid.values, ledger.referenceFor, combine);
	const results = await sendAll(context, ledger, requests, continueOnFail);
	const fates = fatesOfItems(requests, results);

	if (!continueOnFail) {
		const firstFailed = Array.from(fates.keys()).sort((a, b) => a - b).find((index) => fates.get(index)?.failure);
		if (firstFailed !== undefined) throw stoppedError(context, fates, firstFailed, items.length);
	}
	return items.flatMap((_, itemIndex) => {
		const invalid = valid.errors.get(itemIndex);
		if (invalid) return [errorItem(asNodeError(context.getNode(), invalid), itemIndex)];
		const fate = fates.get(itemIndex);
		const item = valid.values.get(itemIndex);
		if (fate?.failure) return [failedItem(fate, itemIndex)];
		// Not sent: only after a cancellation, whose error n8n shows instead of these outputs.
		if (!fate?.complete || !item) return [];
		const output = perItemOutput(item, datacodings.get(itemIndex) ?? 'ucs', fate.sent, fate.batchByRecipient);
		return toItems(context, output, itemIndex);
	});
}

/** The error item of an item whose request failed (other items of that request share the error: the note is its own). */
function failedItem(fate: ItemFate, itemIndex: number): INodeExecutionData {
	const failed = errorItem(fate.failure, itemIndex);
	const note = alreadySentNote(fate.sent);
	if (note) failed.json.errorDescription = [failed.json.errorDescription, note].filter(Boolean).join('\n');
	return failed;
}

async function sendAll(
	context: IExecuteFunctions,
	ledger: SendLedger,
	requests: ItemsRequest[],
	continueOnFail: boolean,
): Promise<Map<number, RequestResult>> {
	const node = context.getNode();
	const cancelled = cancelSignalOf(context);
	const results = new Map<number, RequestResult>();
	let failed = false;
	await runInOrder(
		requests.length,
		SENDS_IN_FLIGHT,
		async (index) => {
			try {
				results.set(index, { sent: await sendExactlyOnce(context, ledger, requests[index]) });
			} catch (error) {
				results.set(index, { failure: asNodeError(node, error) });
				failed = true;
			}
		},
		() => (failed && !continueOnFail) || cancelled?.aborted === true,
	);
	return results;
}

/** Per item: the batches that carried its recipients (in sending order), its first failure, whether every request of it ran. */
function fatesOfItems(requests: ItemsRequest[], results: Map<number, RequestResult>): Map<number, ItemFate> {
	const fates = new Map<number, ItemFate>();
	requests.forEach((request, index) => {
		const result = results.get(index);
		for (const { itemIndex, msisdn } of request.entries) {
			let fate = fates.get(itemIndex);
			if (!fate) fates.set(itemIndex, (fate = { sent: [], batchByRecipient: new Map(), complete: true }));
			if (!result) fate.complete = false;
			else if ('failure' in result) fate.failure ??= result.failure;
			else {
				fate.batchByRecipient.set(msisdn, result.sent);
				if (!fate.sent.includes(result.sent)) fate.sent.push(result.sent);
			}
		}
	});
	return fates;
}

/** The first failed item's error, with what every other item became: sent (never again), failed, not sent. */
function stoppedError(context: IExecuteFunctions, fates: Map<number, ItemFate>, failedIndex: number, itemCount: number): Error {
	const sentItems: Array<{ itemIndex: number; sent: SentBatch[] }> = [];
	const otherFailures: Array<{ itemIndex: number; message: string }> = [];
	const notStarted: number[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const fate = fates.get(itemIndex);
		if (!fate) continue;
		if (fate.failure) {
			if (itemIndex !== failedIndex) otherFailures.push({ itemIndex, message: messageOf(fate.failure) });
		} else if (fate.complete) sentItems.push({ itemIndex, sent: fate.sent });
		else notStarted.push(itemIndex);
	}
	const fate = fates.get(failedIndex) as ItemFate;
	const error = withNote(fate.failure as Error, [alreadySentNote(fate.sent), itemsProgressNote({ sentItems, otherFailures, notStarted })].filter(Boolean).join(' '));
	return withItemIndex(context, error, failedIndex);
}
