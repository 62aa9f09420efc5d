import { parseUrl } from './values';

/**
 * The contract between SMS → Send and Wait and the iP.1 SMS Trigger, which forwards replies to waiting
 * executions (docs/twoway.md). The wait is recorded in iP.1 itself, on the batch Send and Wait sent: its
 * `reference` starts with WAIT_REFERENCE_PREFIX (a question shows in a conversation listing without reading
 * every batch), and its `deliveryReportUrl` is the execution's resume URL with `ip1Wait=reply` (or
 * `delivery`): iP.1 posts the batch's delivery reports there, and the trigger posts replies.
 */
export const WAIT_REFERENCE_PREFIX = 'n8n-wait-';

/** Query parameter of the resume URL: which kind of wait it is (part of the signed URL). */
export const WAIT_KIND_PARAM = 'ip1Wait';
export type WaitKind = 'reply' | 'delivery';

/** Query parameter of the resume URL: when the SMS was sent (epoch milliseconds), for waitedSeconds. */
export const SENT_AT_PARAM = 'sentAt';

/** The body the trigger posts to a waiting execution: the inbound SMS and the question it answers. */
export const FORWARDED_REPLY_KEY = 'ip1SmsReply';
export const ANSWERED_MESSAGE_KEY = 'answeredMessage';

/**
 * The key of the waiting webhook's JSON answer: `resumed` (goes on with this reply), `kept` (reply taken,
 * answered with a hint, still waiting), `waiting` (a delivery report or call that changed nothing). Any
 * other answer (n8n's "no action required" page, 404, 409): no wait any more, the reply is the trigger's again.
 */
export const WAIT_ANSWER_KEY = 'ip1SmsWait';
export type WaitAnswer = 'resumed' | 'kept' | 'waiting';

/** The oldest question a reply can reach: the trigger looks no further back, and a question waits at most this long. */
export const MAX_QUESTION_AGE_MS = 30 * 24 * 3600 * 1000;

export function isWaitReference(reference: unknown): boolean {
	return typeof reference === 'string' && reference.startsWith(WAIT_REFERENCE_PREFIX);
}

/** The kind of wait a delivery-report URL belongs to, or undefined when it is no resume URL of ours. */
export function waitKindOf(url: unknown): WaitKind | undefined {
	const kind = typeof url === 'string' ? parseUrl(url)?.searchParams.get(WAIT_KIND_PARAM) : undefined;
	return kind === 'reply' || kind === 'delivery' ? kind : undefined;
}
