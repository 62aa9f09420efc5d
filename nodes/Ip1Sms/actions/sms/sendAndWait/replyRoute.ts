import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import {
	markNeededAt,
	questionsMarkOf,
	readCallbackUrl,
	withQuestionsMark,
	writeCallbackUrl,
} from '../../../../shared/callbackSetting';
import { isTriggerUrl } from '../../../../shared/triggerUrls';
import { MAX_QUESTION_AGE_MS } from '../../../../shared/waitProtocol';

/**
 * Replies reach n8n only through the account's IncomingCallbackUrl, and only an active iP.1 SMS
 * Trigger (Inbound SMS) there forwards them to waiting executions (docs/twoway.md, "Routing").
 * Checked before anything is sent: with no callback at all, a reply could never arrive and the
 * execution would wait for nothing, so that is refused. A URL that is not a trigger's (another
 * system, or a proxy in front of n8n) may still forward: a warning, not a refusal.
 *
 * On a trigger's URL the questions mark is moved forward first (at most once a day per account), so
 * that the trigger looks this question's replies up (docs/twoway.md, "Inbound SMS where no question
 * can wait"); asked at `now`, its replies are routed for MAX_QUESTION_AGE_MS.
 */
export async function checkReplyRoute(context: IExecuteFunctions, now: number): Promise<string | undefined> {
	const url = await readCallbackUrl(context, 0);
	if (url === null) {
		throw new NodeOperationError(context.getNode(), 'No inbound SMS route: replies could not reach this workflow', {
			itemIndex: 0,
			description:
				"The iP.1 account has no IncomingCallbackUrl, so iP.1 posts replies nowhere. Activate a workflow that starts with the iP.1 SMS Trigger (Inbound SMS event) with this account's credential: it receives every inbound SMS, hands replies to waiting Send and Wait executions and starts its own workflow for all others. Nothing was sent.",
		});
	}
	if (!isTriggerUrl(url)) {
		return "The account's IncomingCallbackUrl is not an iP.1 SMS Trigger's webhook: replies reach this execution only if that system forwards them to an active iP.1 SMS Trigger (see docs/twoway.md).";
	}
	await markQuestionsWaiting(context, url, markNeededAt(now, MAX_QUESTION_AGE_MS));
	return undefined;
}

/**
 * Moves the mark to a day past `needed` when it is short of it, then reads it back: a trigger
 * re-registering at that moment may have written its older mark over ours. Nothing is sent while
 * the mark cannot be set: the reply would start the trigger's workflow instead of reaching the question.
 */
async function markQuestionsWaiting(context: IExecuteFunctions, url: string, needed: number): Promise<void> {
	let current = url;
	for (let writes = 0; ; writes++) {
		const mark = questionsMarkOf(current);
		if (typeof mark === 'number' && mark >= needed) return;
		if (writes === 3) break;
		await writeCallbackUrl(context, withQuestionsMark(current, needed + 1), 0);
		const reread = await readCallbackUrl(context, 0);
		if (reread === null || !isTriggerUrl(reread)) break;
		current = reread;
	}
	throw new NodeOperationError(context.getNode(), 'Could not mark the inbound SMS route for this question', {
		itemIndex: 0,
		description:
			"Send and Wait notes in the account's IncomingCallbackUrl until when questions can be answered, so that the iP.1 SMS Trigger looks replies up; iP.1 did not keep that note (the callback URL changed while it was written). Run the node again. Nothing was sent.",
	});
}
