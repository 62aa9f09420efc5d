import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { messageOf, withNote } from '../../../shared/errors/notes';
import { cancelSignalOf } from '../../../shared/transport/cancellation';
import { forOperations } from '../common/display';
import { errorItem, toItems, withItemIndex } from '../common/items';
import { runInOrder } from '../common/inOrderPool';
import { getParameter } from '../common/parameters';
import { validateEveryItem, validatePerItem, validatePersonalised } from './1-read/items';
import { planItemRequests, planPersonalisedRequests, type ItemsRequest, type PersonalisedRequest } from './2-plan/requests';
import { openSendLedger, sendExactlyOnce, type SendLedger } from './3-send/exactlyOnce';
import type { SentBatch } from './3-send/sentBatch';
import { itemOutputs, maskErrorSecrets, maskOutputSecrets } from './4-report/output';
import { SEND, sendFields } from './fields';

export const description: INodeProperties[] = forOperations('sms', ['send'], sendFields);

/**
 * The send pipeline, folders numbered in calling order: 1-read (parameters → checked settings, recipients,
 * texts, before the first request), 2-plan (requests, chunks, datacoding, references), 3-send (each request
 * exactly once: POST /v2/batches, a lookup when the answer was unclear → SentBatch), 4-report (SentBatch →
 * output items, URL secrets masked; no API call).
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const mode = String(getParameter(this, SEND.mode, 0));
	// One place for both modes: nothing a send shows — outputs, error items, errors — carries a URL secret.
	try {
		const output = mode === 'personalised' ? await sendPersonalised(this, items) : await sendPerItem(this, items);
		return maskOutputSecrets(output);
	} catch (error) {
		throw maskErrorSecrets(asNodeError(this.getNode(), error));
	}
}

/**
 * Requests that may be on their way at once. The shared rate limiter holds the account to 30/s
 * whatever this is; it only covers the round trip: 10 in flight keep 30/s busy up to ~330 ms each.
 */
export const SENDS_IN_FLIGHT = 10;

type RequestResult = { sent: SentBatch } | { failure: Error };

/** "One SMS per Item": what became of one item: its batches, each recipient's, its first failure, whether all its requests ran. */
interface ItemFate {
	sent: SentBatch[];
	batchByRecipient: Map<string, SentBatch>;
	failure?: Error;
	complete: boolean;
}

/**
 * Mode "One SMS per Item": every item's own text to its own recipients. Items that agree on the batch options share
 * requests (Combine Items), each sent exactly once, up to SENDS_IN_FLIGHT at once, in order; outputs in input order.
 * Without Continue On Fail the first failure starts nothing more, waits for the requests on their way, and names
 * every item that went out and every one that did not.
 */
async function sendPerItem(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const valid = validateEveryItem(context, items.length, validatePerItem);
	const combine = Array.from(valid.values.values()).every((item) => item.settings.combineItems);
	const ledger = openSendLedger(context);
	const { datacodings, requests } = planItemRequests(valid.values, ledger.referenceFor, combine);
	const results = await sendConcurrently(context, ledger, requests, continueOnFail);
	const fates = fatesOfItems(requests, results);

	if (!continueOnFail) {
		const firstFailed = Array.from(fates.keys()).sort((a, b) => a - b).find((index) => fates.get(index)?.failure);
		if (firstFailed !== undefined) throw stoppedError(context, fates, firstFailed);
	}
	return items.flatMap((_, itemIndex) => {
		const invalid = valid.errors.get(itemIndex);
		if (invalid) return [errorItem(asNodeError(context.getNode(), invalid), itemIndex)];
		const fate = fates.get(itemIndex);
		const item = valid.values.get(itemIndex);
		if (fate?.failure) return [failedItem(fate, itemIndex)];
		// Not sent: only after a cancellation, whose error n8n shows instead of these outputs.
		if (!fate?.complete || !item) return [];
		const output = itemOutputs(item, datacodings.get(itemIndex) ?? 'ucs', fate.sent, fate.batchByRecipient);
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

async function sendConcurrently(
	context: IExecuteFunctions,
	ledger: SendLedger,
	requests: ItemsRequest[],
	continueOnFail: boolean,
): Promise<Map<number, RequestResult>> {
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
				results.set(index, { failure: asNodeError(context.getNode(), error) });
				failed = true;
			}
		},
		() => (failed && !continueOnFail) || cancelled?.aborted === true,
	);
	return results;
}

/** Each item's fate, its batches in sending order. */
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
function stoppedError(context: IExecuteFunctions, fates: Map<number, ItemFate>, failedIndex: number): Error {
	const fate = fates.get(failedIndex) as ItemFate;
	const note = [alreadySentNote(fate.sent), itemsProgressNote(fates, failedIndex)].filter(Boolean).join(' ');
	return withItemIndex(context, withNote(fate.failure as Error, note), failedIndex);
}

/**
 * Mode "One Personalised Batch for All Items": every item is a recipient of one templated request
 * (split by "Recipients per Request"). Without Continue On Fail the first bad item stops the node
 * before any request; with it, bad items come back as errors paired to their input.
 */
async function sendPersonalised(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const valid = validateEveryItem(context, items.length, validatePersonalised);
	const failures = new Map(Array.from(valid.errors, ([itemIndex, error]) => [itemIndex, errorItem(error, itemIndex)]));
	const ledger = openSendLedger(context);
	const plan = planPersonalisedRequests(Array.from(valid.values.values()), ledger.referenceFor);
	const delivered = await sendInTurn(context, ledger, plan.requests, failures);
	const planned = new Map(plan.items.map((item) => [item.itemIndex, item]));
	return items.flatMap((_, itemIndex) => {
		const failure = failures.get(itemIndex);
		const sent = delivered.get(itemIndex) ?? [];
		if (failure) {
			// Some of this item's numbers may have gone out in another request: say so.
			const sentIds = sent.map((batch) => batch.batchId).filter(Boolean);
			if (sentIds.length > 0) failure.json.sentBatchIds = sentIds as string[];
			return [failure];
		}
		const item = planned.get(itemIndex);
		return item ? toItems(context, itemOutputs(item, item.datacoding, sent), itemIndex) : [];
	});
}

/** Each request in turn; a failure becomes its items' error items (`failures`). Returns each item's batches. */
async function sendInTurn(
	context: IExecuteFunctions,
	ledger: SendLedger,
	requests: PersonalisedRequest[],
	failures: Map<number, INodeExecutionData>,
): Promise<Map<number, SentBatch[]>> {
	const delivered = new Map<number, SentBatch[]>();
	const sentSoFar: SentBatch[] = [];
	for (const [index, request] of requests.entries()) {
		let batch: SentBatch;
		try {
			batch = await sendExactlyOnce(context, ledger, request);
		} catch (error) {
			const nodeError = asNodeError(context.getNode(), error);
			if (!context.continueOnFail()) throw withNote(nodeError, requestsProgressNote(sentSoFar, requests, index));
			for (const { item } of request.entries) {
				const failed = errorItem(nodeError, item.itemIndex);
				failed.json.reference = request.reference;
				failures.set(item.itemIndex, failed);
			}
			continue;
		}
		sentSoFar.push(batch);
		for (const { item } of request.entries) {
			const batches = delivered.get(item.itemIndex) ?? [];
			if (!batches.includes(batch)) delivered.set(item.itemIndex, [...batches, batch]);
		}
	}
	return delivered;
}

/* A failed send's error says what had gone out and what had not: nobody re-runs blind and sends twice. */

/** "One SMS per Item": the batches one item had already sent when a later one of its requests failed. */
function alreadySentNote(sent: SentBatch[]): string {
	if (sent.length === 0) return '';
	return `Already sent for this item, do not send these again: ${sent.map(describeBatch).join(', ')}.`;
}

/**
 * "One SMS per Item", without Continue On Fail: the node stopped at the failed item. What became of the others:
 * sent (before it or, already on their way, after it), failed too while on their way, never started.
 */
function itemsProgressNote(fates: Map<number, ItemFate>, failedIndex: number): string {
	const indexes = Array.from(fates.keys()).sort((a, b) => a - b);
	const fateOf = (itemIndex: number) => fates.get(itemIndex) as ItemFate;
	const sentItems = indexes.filter((itemIndex) => !fateOf(itemIndex).failure && fateOf(itemIndex).complete);
	const otherFailures = indexes.filter((itemIndex) => itemIndex !== failedIndex && fateOf(itemIndex).failure);
	const notStarted = indexes.filter((itemIndex) => !fateOf(itemIndex).failure && !fateOf(itemIndex).complete);
	const lines: string[] = [];
	if (sentItems.length > 0) {
		const shown = sentItems.slice(0, 10).map((itemIndex) => `item ${itemIndex} (${fateOf(itemIndex).sent.map(describeBatch).join(', ')})`);
		const more = sentItems.length > 10 ? ` and ${sentItems.length - 10} more items (${describeIndexes(sentItems.slice(10))})` : '';
		lines.push(`Items sent, do not send them again: ${shown.join(', ')}${more}.`);
	}
	for (const itemIndex of otherFailures.slice(0, 5)) lines.push(`Item ${itemIndex} failed too: ${messageOf(fateOf(itemIndex).failure)}`);
	if (otherFailures.length > 5) lines.push(`Items ${describeIndexes(otherFailures.slice(5))} failed too.`);
	if (notStarted.length === 1) lines.push(`Item ${notStarted[0]} was not sent.`);
	if (notStarted.length > 1) lines.push(`Items ${describeIndexes(notStarted)} were not sent.`);
	return lines.join(' ');
}

/** `3, 5–9, 12`: item indexes (ascending), consecutive runs as ranges. */
function describeIndexes(sorted: number[]): string {
	const runs: string[] = [];
	for (let start = 0; start < sorted.length; ) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		runs.push(end === start ? String(sorted[start]) : `${sorted[start]}–${sorted[end]}`);
		start = end + 1;
	}
	return runs.join(', ');
}

/** "One Personalised Batch for All Items", without Continue On Fail: the send stops at this request. */
function requestsProgressNote(sent: SentBatch[], requests: PersonalisedRequest[], failedIndex: number): string {
	const { reference } = requests[failedIndex];
	const notSent = requests.slice(failedIndex + 1).reduce((total, request) => total + request.entries.length, 0);
	const lines = [`Request ${failedIndex + 1} of ${requests.length} (reference "${reference}") failed.`];
	if (sent.length > 0) {
		const shown = sent.slice(0, 10).map((batch) => batch.batchId ?? `reference "${batch.reference}"`);
		const more = sent.length > 10 ? ` and ${sent.length - 10} more` : '';
		lines.push(`Already sent before it, do not send again: ${shown.join(', ')}${more}.`);
	}
	if (notSent > 0) lines.push(`${notSent} recipient(s) in later requests were not sent.`);
	return lines.join(' ');
}

function describeBatch(batch: SentBatch): string {
	return `batch ${batch.batchId ?? '(unknown id)'}, reference "${batch.reference}"`;
}
