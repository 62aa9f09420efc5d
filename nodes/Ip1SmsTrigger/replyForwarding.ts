import { sleep, type IDataObject, type IWebhookFunctions } from 'n8n-workflow';

import { messageOf } from '../shared/errors/notes';
import { normaliseBatch, normaliseMessage, readField } from '../shared/normalise';
import { redactUrl } from '../shared/redaction';
import { ip1ApiRequest, ip1PaginatedRequest } from '../shared/transport';
import { isPlainObject } from '../shared/values';
import {
	ANSWERED_MESSAGE_KEY,
	FORWARDED_REPLY_KEY,
	WAIT_ANSWER_KEY,
	isWaitReference,
	waitKindOf,
} from '../shared/waitProtocol';

/** How many of the newest outgoing messages to the number are searched for a question. */
const RECENT_OUTGOING = 20;
/**
 * n8n answers 409 while the execution that sent the question is still saving itself as waiting (a
 * reply can be that fast): asked again once a second, for up to this many attempts.
 */
const RUNNING_ATTEMPTS = 15;

/**
 * Hands an inbound SMS to the execution waiting for it, if any (docs/twoway.md, "Routing"):
 * the newest SMS → Send and Wait question sent to the number (found by its `n8n-wait-` reference
 * among the newest outgoing messages of the conversation) names, as its batch's delivery-report
 * URL, the execution's resume URL. The reply is posted there. True only when that execution took
 * it (it resumed, or it answered the reply with a hint and keeps waiting): the trigger then starts
 * nothing. Every other outcome — no question, an execution that no longer waits, a failure on the
 * way — returns false and the inbound SMS starts the trigger's workflow as before; nothing is lost.
 */
export async function forwardToWaitingExecution(context: IWebhookFunctions, inbound: IDataObject): Promise<boolean> {
	const from = readField(inbound, 'sender');
	if (typeof from !== 'string' || !/^\d{1,15}$/.test(from)) return false;
	let target: { url: string; question: IDataObject } | undefined;
	try {
		target = await findWaitingQuestion(context, from);
	} catch (error) {
		context.logger.warn(`iP.1 SMS Trigger: could not look for a Send and Wait question to ${from} (${messageOf(error)}); the SMS starts this workflow`);
		return false;
	}
	if (!target) return false;
	const body = { [FORWARDED_REPLY_KEY]: inbound, [ANSWERED_MESSAGE_KEY]: target.question };
	try {
		return await postReply(context, target.url, body);
	} catch (error) {
		context.logger.warn(
			`iP.1 SMS Trigger: the reply could not be handed to the waiting execution at ${redactUrl(target.url)} (${messageOf(error)}); the SMS starts this workflow`,
		);
		return false;
	}
}

async function findWaitingQuestion(context: IWebhookFunctions, from: string): Promise<{ url: string; question: IDataObject } | undefined> {
	const { items } = await ip1PaginatedRequest.call(context, {
		path: `/v2/conversations/${from}/mt`,
		returnAll: false,
		limit: RECENT_OUTGOING,
		order: 'DESC',
	});
	const newestFirst = items.map(normaliseMessage).sort((a, b) => timeOf(b) - timeOf(a));
	const question = newestFirst.find((message) => isWaitReference(readField(message, 'reference')));
	const batchId = question ? readField(question, 'batchId') : undefined;
	if (!question || typeof batchId !== 'string') return undefined;
	const batch = normaliseBatch((await ip1ApiRequest.call(context, { method: 'GET', path: `/v2/batches/${encodeURIComponent(batchId)}` })) as IDataObject);
	const url = readField(batch, 'deliveryReportUrl');
	if (typeof url !== 'string' || waitKindOf(url) !== 'reply') return undefined;
	const facts: IDataObject = {};
	for (const key of ['id', 'batchId', 'reference', 'recipient', 'sender']) facts[key] = readField(question, key) ?? null;
	return { url, question: facts };
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
