/* A failed send's error says what had gone out and what had not: nobody re-runs blind and sends twice. */

/** What a note needs of a batch that went out. */
interface SentRef {
	batchId?: string;
	reference: string;
}

/** "One SMS per Item": the batches one item had already sent when a later one of its requests failed. */
export function alreadySentNote(sent: SentRef[]): string {
	if (sent.length === 0) return '';
	return `Already sent for this item, do not send these again: ${sent.map(describeBatch).join(', ')}.`;
}

/** What became of the other items when "One SMS per Item" stopped at a failed one. */
interface ItemsProgress {
	/** Items that went out (before or, being already on their way, after the failed one). */
	sentItems: Array<{ itemIndex: number; sent: SentRef[] }>;
	/** Other items whose send failed while they were on their way, with their errors' messages. */
	otherFailures: Array<{ itemIndex: number; message: string }>;
	/** Items never started: the node stopped before their turn. */
	notStarted: number[];
}

/** "One SMS per Item", without Continue On Fail: the node stopped at a failed item. */
export function itemsProgressNote({ sentItems, otherFailures, notStarted }: ItemsProgress): string {
	const lines: string[] = [];
	if (sentItems.length > 0) {
		const shown = sentItems.slice(0, 10).map(({ itemIndex, sent }) => `item ${itemIndex} (${sent.map(describeBatch).join(', ')})`);
		const more = sentItems.length > 10 ? ` and ${sentItems.length - 10} more items (${describeIndexes(sentItems.slice(10).map(({ itemIndex }) => itemIndex))})` : '';
		lines.push(`Items sent, do not send them again: ${shown.join(', ')}${more}.`);
	}
	for (const { itemIndex, message } of otherFailures.slice(0, 5)) lines.push(`Item ${itemIndex} failed too: ${message}`);
	if (otherFailures.length > 5) {
		lines.push(`Items ${describeIndexes(otherFailures.slice(5).map(({ itemIndex }) => itemIndex))} failed too.`);
	}
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
