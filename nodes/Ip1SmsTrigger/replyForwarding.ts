import { sleep, type IDataObject, type IWebhookFunctions } from 'n8n-workflow';

import { questionMayWait, type QuestionsMark } from '../shared/callbackSetting';
import { messageOf } from '../shared/errors/notes';
import { normaliseBatch, normaliseMessage, readField } from '../shared/dialect/documents';
import { rememberQuestionUrl, rememberedQuestionUrl } from '../shared/questionUrls';
import { redactUrl } from '../shared/redaction';
import { collectionItems, DOCUMENTED_PAGE_SIZE } from '../shared/dialect/paging';
import { ip1ApiRequest, ip1PaginatedRequest } from '../shared/transport';
import { isPlainObject } from '../shared/values';
import {
	ANSWERED_MESSAGE_KEY,
	FORWARDED_REPLY_KEY,
	MAX_QUESTION_AGE_MS,
	WAIT_ANSWER_KEY,
	isWaitReference,
	waitKindOf,
} from '../shared/waitProtocol';

/**
 * The first read: the 100 newest outgoing messages to the number, which almost always decides. A page shorter
 * than the documented 50 is the whole list; longer ones are read further, newest first, in growing reads, while
 * no question turned up among messages younger than MAX_QUESTION_AGE_MS.
 */
const FIRST_READ = 100;
const LATER_READS = [1000, 10_000, 100_000];
/** n8n answers 409 while the asking execution still saves itself as waiting: asked again once a second, this often. */
const RUNNING_ATTEMPTS = 15;

/**
 * Hands an inbound SMS to the execution waiting for it (docs/twoway.md, "Routing"): the newest Send and Wait
 * question to the number (`n8n-wait-` reference, younger than MAX_QUESTION_AGE_MS) has the execution's resume
 * URL as its batch's delivery-report URL; the reply is posted there. True only when that execution took it
 * (resumed, or kept waiting with a hint); otherwise the SMS starts the workflow as before: nothing is lost.
 * Where `mark` (of the URL iP.1 posted to) says no question can wait, nothing is read.
 */
export async function forwardToWaitingExecution(context: IWebhookFunctions, inbound: IDataObject, mark: QuestionsMark): Promise<boolean> {
	const from = readField(inbound, 'sender');
	if (typeof from !== 'string' || !/^\d{1,15}$/.test(from)) return false;
	const receivedAt = timeOf(inbound) || Date.now();
	if (!questionMayWait(mark, receivedAt)) return false;
	let url: string | null = null;
	try {
		// Questions asked more than MAX_QUESTION_AGE_MS before iP.1 received the reply are not reached.
		const question = await newestQuestionTo(context, from, receivedAt - MAX_QUESTION_AGE_MS);
		const batchId = question ? readField(question, 'batchId') : undefined;
		if (!question || typeof batchId !== 'string') return false;
		url = await replyUrlOf(context, batchId);
		if (url === null) return false;
		const answered = Object.fromEntries(
			['id', 'batchId', 'reference', 'recipient', 'sender'].map((key) => [key, readField(question, key) ?? null]),
		);
		return await postReply(context, url, { [FORWARDED_REPLY_KEY]: inbound, [ANSWERED_MESSAGE_KEY]: answered });
	} catch (error) {
		const failed = url
			? `the reply could not be handed to the waiting execution at ${redactUrl(url)}`
			: `could not look for a Send and Wait question to ${from}`;
		context.logger.warn(`iP.1 SMS Trigger: ${failed} (${messageOf(error)}); the SMS starts this workflow`);
		return false;
	}
}

/** The newest message to the number with a Send and Wait reference, not older than `oldest` (see FIRST_READ). */
async function newestQuestionTo(context: IWebhookFunctions, from: string, oldest: number): Promise<IDataObject | undefined> {
	const path = `/v2/conversations/${from}/mt`;
	const first = collectionItems<IDataObject>(
		await ip1ApiRequest.call(context, { method: 'GET', path, qs: { start: 0, limit: FIRST_READ, order: 'DESC' } }),
	);
	let found = questionAmong(first, oldest);
	if (found.decided || first.length < DOCUMENTED_PAGE_SIZE) return found.question;
	for (const size of LATER_READS) {
		const { items } = await ip1PaginatedRequest.call(context, { path, returnAll: false, limit: size, order: 'DESC' });
		found = questionAmong(items, oldest);
		if (found.decided || items.length < size) return found.question;
	}
	return undefined;
}

/** The newest question among `messages`; decided when found or when the messages reach back past `oldest`. */
function questionAmong(messages: IDataObject[], oldest: number): { question?: IDataObject; decided: boolean } {
	const newestFirst = messages.map(normaliseMessage).sort((a, b) => timeOf(b) - timeOf(a));
	const recent = newestFirst.filter((message) => timeOf(message) >= oldest);
	const question = recent.find((message) => isWaitReference(readField(message, 'reference')));
	return { question, decided: question !== undefined || recent.length < newestFirst.length };
}

/** The batch's resume URL when it is a reply wait (else null): remembered in this process, or read. */
async function replyUrlOf(context: IWebhookFunctions, batchId: string): Promise<string | null> {
	const remembered = rememberedQuestionUrl(batchId);
	if (remembered !== undefined) return remembered;
	const batch = normaliseBatch((await ip1ApiRequest.call(context, { method: 'GET', path: `/v2/batches/${encodeURIComponent(batchId)}` })) as IDataObject);
	const found = readField(batch, 'deliveryReportUrl');
	const url = typeof found === 'string' && waitKindOf(found) === 'reply' ? found : null;
	rememberQuestionUrl(batchId, url);
	return url;
}

/** When the message was created: its first status (lists are newest first already; this is a guard). */
function timeOf(message: IDataObject): number {
	const statuses = readField(message, 'statuses');
	const first = Array.isArray(statuses) && isPlainObject(statuses[0]) ? statuses[0].created : undefined;
	const time = Date.parse(String(first ?? readField(message, 'created') ?? ''));
	return Number.isNaN(time) ? 0 : time;
}

async function postReply(context: IWebhookFunctions, url: string, body: IDataObject): Promise<boolean> {
	for (let attempt = 1; ; attempt++) {
		const response = (await context.helpers.httpRequest({
			method: 'POST',
			url,
			body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		})) as { statusCode: number; body: unknown };
		if (response.statusCode === 409 && attempt < RUNNING_ATTEMPTS && /running/i.test(JSON.stringify(response.body))) {
			await sleep(1000);
			continue;
		}
		const answer = isPlainObject(response.body) ? response.body[WAIT_ANSWER_KEY] : undefined;
		return response.statusCode === 200 && (answer === 'resumed' || answer === 'kept');
	}
}
