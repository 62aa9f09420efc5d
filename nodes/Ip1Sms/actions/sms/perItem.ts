import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { messageOf, withNote } from '../../../shared/errors/notes';
import { cancelSignalOf } from '../../../shared/transport/cancellation';
import { errorItem, toItems, withItemIndex, type ItemResult } from '../common/items';
import { runInOrder } from '../common/inOrderPool';
import { validateEveryItem, validatePerItem } from './2-validate/items';
import { planItemRequests, type PlannedRequest } from './3-plan/requests';
import { alreadySentNote, itemsProgressNote } from './4-send/progress';
import { openSendLedger, type SendLedger } from './4-send/sendLedger';
import { perItemOutput } from './5-report/itemOutputs';
import type { SentBatch } from './5-report/sentBatch';
import { sendExactlyOnce } from './exactlyOnce';

/**
 * Items whose sends may be on their way at once. The shared rate limiter holds the account to its
 * 30 requests/second whatever this is; it only has to cover the round trip: at 30/s, 10 in flight
 * keep the limit busy up to ~330 ms per request, where one at a time reached 10/s at 100 ms.
 */
export const SENDS_IN_FLIGHT = 10;

type ItemSend = { sent: SentBatch[]; output: ItemResult } | { failure: Error };

/**
 * Mode "One Batch per Item": every item sends its own batch to its own recipients, after every
 * item was composed and validated (1, 2). Items are planned (3), sent (4) and reported (5) with up
 * to SENDS_IN_FLIGHT items on their way at once, started in input order; an item's own requests
 * (more than "Recipients per Request" recipients) go one after the other. Outputs come back in input
 * order, each paired to its item. Without Continue On Fail the first failure starts nothing more,
 * waits for the sends already on their way, and names every item that went out and every one that
 * did not.
 */
export async function sendPerItem(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const valid = validateEveryItem(context, items.length, validatePerItem);
	const cancelled = cancelSignalOf(context);
	const ledger = openSendLedger(context);
	const results = new Map<number, ItemSend>();
	let failed = false;

	await runInOrder(
		items.length,
		SENDS_IN_FLIGHT,
		async (itemIndex) => {
			const item = valid.values.get(itemIndex);
			if (!item) {
				results.set(itemIndex, { failure: asNodeError(node, valid.errors.get(itemIndex)) });
				return;
			}
			const { datacoding, requests } = planItemRequests(item, itemIndex, ledger.referenceFor);
			try {
				const sent = await sendRequests(context, ledger, requests, (error, sentForItem) =>
					withNote(asNodeError(node, error), alreadySentNote(sentForItem)),
				);
				results.set(itemIndex, { sent, output: perItemOutput(item, datacoding, sent) });
			} catch (error) {
				results.set(itemIndex, { failure: error as Error });
				failed = true;
			}
		},
		() => (failed && !continueOnFail) || cancelled?.aborted === true,
	);

	if (!continueOnFail) {
		const firstFailure = Array.from(results.keys()).sort((a, b) => a - b).find((index) => 'failure' in (results.get(index) ?? {}));
		if (firstFailure !== undefined) throw stoppedError(context, results, firstFailure, items.length);
	}
	return items.flatMap((_, itemIndex) => {
		const result = results.get(itemIndex);
		// Not started: only after a cancellation, whose error n8n shows instead of these outputs.
		if (!result) return [];
		return 'failure' in result ? [errorItem(result.failure, itemIndex)] : toItems(context, result.output, itemIndex);
	});
}

/** The first failed item's error, with what every other item became: sent (never again), failed, not sent. */
function stoppedError(context: IExecuteFunctions, results: Map<number, ItemSend>, failedIndex: number, itemCount: number): Error {
	const sentItems: Array<{ itemIndex: number; sent: SentBatch[] }> = [];
	const otherFailures: Array<{ itemIndex: number; message: string }> = [];
	for (const [itemIndex, result] of Array.from(results).sort(([a], [b]) => a - b)) {
		if ('sent' in result) sentItems.push({ itemIndex, sent: result.sent });
		else if (itemIndex !== failedIndex) otherFailures.push({ itemIndex, message: messageOf(result.failure) });
	}
	const notStarted = Array.from({ length: itemCount }, (_, index) => index).filter((index) => !results.has(index));
	const failure = (results.get(failedIndex) as { failure: Error }).failure;
	const error = withNote(asNodeError(context.getNode(), failure), itemsProgressNote({ sentItems, otherFailures, notStarted }));
	return withItemIndex(context, error, failedIndex);
}

/** The item's requests in turn; a failure is described by `describe` with what already went out. */
async function sendRequests(
	context: IExecuteFunctions,
	ledger: SendLedger,
	requests: PlannedRequest[],
	describe: (error: unknown, sentForItem: SentBatch[]) => Error,
): Promise<SentBatch[]> {
	const sent: SentBatch[] = [];
	for (const request of requests) {
		try {
			sent.push(await sendExactlyOnce(context, ledger, request));
		} catch (error) {
			throw describe(error, sent);
		}
	}
	return sent;
}
