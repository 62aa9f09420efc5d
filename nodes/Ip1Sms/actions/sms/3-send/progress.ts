import { messageOf } from '../../../../shared/errors/notes';
import type { SentBatch } from './sentBatch';

/* A failed send's error says what had gone out and what had not: nobody re-runs blind and sends twice. */

/** What a note needs of a batch that went out. */
type SentRef = Pick<SentBatch, 'batchId' | 'reference'>;

/** "One SMS per Item": what became of one item: its batches, each recipient's, its first failure, whether all its requests ran. */
export interface ItemFate {
	sent: SentBatch[];
	batchByRecipient: Map<string, SentBatch>;
	failure?: Error;
	complete: boolean;
}

/** "One SMS per Item": the batches one item had already sent when a later one of its requests failed. */
export function alreadySentNote(sent: SentRef[]): string {
	if (sent.length === 0) return '';
	return `Already sent for this item, do not send these again: ${sent.map(describeBatch).join(', ')}.`;
}

/**
 * "One SMS per Item", without Continue On Fail: the node stopped at the failed item. What became of the others:
 * sent (before it or, already on their way, after it), failed too while on their way, never started.
 */
export function itemsProgressNote(fates: Map<number, ItemFate>, failedIndex: number): string {
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

/** `3, 5–9, 12`: item indexes, consecutive runs as ranges. */
function describeIndexes(indexes: number[]): string {
	const sorted = [...indexes].sort((a, b) => a - b);
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
export function requestsProgressNote(
	sent: SentRef[],
	requests: Array<{ entries: unknown[] }>,
	failedIndex: number,
	reference: string,
): string {
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

function describeBatch(batch: SentRef): string {
	return `batch ${batch.batchId ?? '(unknown id)'}, reference "${batch.reference}"`;
}
