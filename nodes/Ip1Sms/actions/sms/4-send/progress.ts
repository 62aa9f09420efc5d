/*
 * When a send fails, the error says what had already gone out (do not send it again) and what had
 * not, so nobody re-runs a workflow blind and sends an SMS twice.
 */

/** What a note needs of a batch that went out. */
export interface SentRef {
	batchId?: string;
	reference: string;
}

/** "One Batch per Item": the batches one item had already sent when a later one of its requests failed. */
export function alreadySentNote(sent: SentRef[]): string {
	if (sent.length === 0) return '';
	return `Already sent for this item, do not send these again: ${sent.map(describeBatch).join(', ')}.`;
}

/** "One Batch per Item", without Continue On Fail: the node stops at this item. */
export function itemsProgressNote(sentItems: Array<{ itemIndex: number; sent: SentRef[] }>, failedIndex: number, itemCount: number): string {
	const lines: string[] = [];
	if (sentItems.length > 0) {
		const shown = sentItems.slice(0, 10).map(({ itemIndex, sent }) => `item ${itemIndex} (${sent.map(describeBatch).join(', ')})`);
		const more = sentItems.length > 10 ? ` and ${sentItems.length - 10} more items` : '';
		lines.push(`Items sent before this one, do not send them again: ${shown.join(', ')}${more}.`);
	}
	const notSent = itemCount - failedIndex - 1;
	if (notSent === 1) lines.push(`Item ${failedIndex + 1} was not sent.`);
	if (notSent > 1) lines.push(`Items ${failedIndex + 1}–${itemCount - 1} were not sent.`);
	return lines.join(' ');
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
