/**
 * Per process, the resume URL each Send and Wait question's batch carries (its `deliveryReportUrl`, or
 * null when no reply wait): a batch's URL never changes, so a remembered one is right, and forgetting only
 * costs the trigger a batch read. The action node remembers the questions it sends, the trigger what it read.
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
