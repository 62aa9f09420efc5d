/**
 * A per-process memory of which resume URL each Send and Wait question's batch carries (batch id →
 * its `deliveryReportUrl`, or null when the batch is no reply wait). A batch's URL never changes,
 * so a remembered one is always right; forgetting only costs a read. The action node remembers the
 * questions it sends, the trigger what it read: in one n8n process a reply then needs no batch
 * read. Nothing depends on it (queue mode, restarts: the trigger reads the batch as before).
 */
const MOST_REMEMBERED = 5000;
const urls = new Map<string, string | null>();

export function rememberQuestionUrl(batchId: string, url: string | null): void {
	urls.delete(batchId);
	urls.set(batchId, url);
	if (urls.size > MOST_REMEMBERED) urls.delete(urls.keys().next().value as string);
}

/** The remembered URL (null: known to be no reply wait), or undefined when not known here. */
export function rememberedQuestionUrl(batchId: string): string | null | undefined {
	return urls.get(batchId);
}

/** Tests: start from an empty memory (as a new process would). */
export function forgetQuestionUrls(): void {
	urls.clear();
}
