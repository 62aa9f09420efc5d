import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readField } from '../../../../shared/normalise';
import { isPlainObject } from '../../../../shared/values';
import { ANSWERED_MESSAGE_KEY, FORWARDED_REPLY_KEY, SENT_AT_PARAM, WAIT_ANSWER_KEY, type WaitAnswer } from '../../../../shared/waitProtocol';
import { ANSWER_RECORDED_PAGE, answerFormPage } from './answerPage';
import { approvalSettingsOnReply, responseTypeOnReply } from './approvalSettings';
import { verdictOf } from './keywords';
import { answerOutput, type Answer, type SentQuestion } from './outputs';
import { sendRetryHint } from './retryHint';

/** The parts of n8n's (Express) request and response the waiting webhook uses. */
export interface WaitRequest {
	method?: string;
	query?: Record<string, unknown>;
	body?: unknown;
}
export interface WaitResponse {
	status(code: number): WaitResponse;
	setHeader(name: string, value: string): unknown;
	send(body: string): unknown;
}

function waitAnswer(answer: WaitAnswer): IWebhookResponseData {
	return { webhookResponse: { [WAIT_ANSWER_KEY]: answer } };
}

/**
 * Everything that reaches the waiting Send and Wait (n8n checked the URL's signature first):
 * - a reply the iP.1 SMS Trigger forwards (`{ ip1SmsReply, answeredMessage }`);
 * - the answer form of the optional link (GET shows it, its POST answers);
 * - iP.1's delivery reports of the question (the batch's deliveryReportUrl): they change nothing.
 * Only a reply that answers resumes the execution (`workflowData`); everything else is answered
 * without it and n8n keeps the execution waiting.
 */
export async function replyWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as WaitRequest;
	const sentAt = Number(request.query?.[SENT_AT_PARAM]);
	const question: SentQuestion = { sentAt: Number.isFinite(sentAt) && sentAt > 0 ? sentAt : Date.now() };
	const responseType = responseTypeOnReply(this);

	if (request.method === 'GET') return showAnswerForm(this, responseType);
	const body = isPlainObject(request.body) ? request.body : {};
	if (isPlainObject(body[FORWARDED_REPLY_KEY])) {
		return await onForwardedReply(this, body, question, responseType);
	}
	const linkAnswer = responseType === 'approval' ? body.answer : body.text;
	if (typeof linkAnswer === 'string' && body.code === undefined) {
		return onLinkAnswer(linkAnswer, question, responseType);
	}
	return waitAnswer('waiting');
}

async function onForwardedReply(
	context: IWebhookFunctions,
	body: IDataObject,
	question: SentQuestion,
	responseType: 'approval' | 'freeText',
): Promise<IWebhookResponseData> {
	const reply = body[FORWARDED_REPLY_KEY] as IDataObject;
	const answered = isPlainObject(body[ANSWERED_MESSAGE_KEY]) ? body[ANSWERED_MESSAGE_KEY] : {};
	const text = String(readField(reply, 'body') ?? '');
	const from = stringOrUndefined(readField(reply, 'sender'));
	const asked: SentQuestion = {
		...question,
		recipient: stringOrUndefined(answered.recipient) ?? from,
		sentMessageId: stringOrUndefined(answered.id),
		batchId: stringOrUndefined(answered.batchId),
		reference: stringOrUndefined(answered.reference),
	};
	const answer: Answer = {
		answeredBy: 'sms',
		text,
		receivedAt: receivedAtOf(reply),
		from,
		replyMessageId: stringOrUndefined(readField(reply, 'id')),
	};
	if (responseType === 'approval') {
		const settings = approvalSettingsOnReply(context);
		const verdict = verdictOf(text, settings);
		if (verdict === 'other') {
			if (settings.retryHint !== '' && from !== undefined) {
				await sendRetryHint(context, { sender: stringOrUndefined(answered.sender), to: from, text: settings.retryHint });
			}
			return waitAnswer('kept');
		}
		answer.approved = verdict === 'approve';
	}
	return { webhookResponse: { [WAIT_ANSWER_KEY]: 'resumed' }, workflowData: [[{ json: answerOutput(answer, asked) }]] };
}

function onLinkAnswer(value: string, question: SentQuestion, responseType: 'approval' | 'freeText'): IWebhookResponseData {
	const answer: Answer = { answeredBy: 'link', text: value, receivedAt: Date.now() };
	if (responseType === 'approval') {
		if (value !== 'yes' && value !== 'no') return waitAnswer('waiting');
		answer.approved = value === 'yes';
	}
	return { webhookResponse: ANSWER_RECORDED_PAGE, workflowData: [[{ json: answerOutput(answer, question) }]] };
}

function showAnswerForm(context: IWebhookFunctions, responseType: 'approval' | 'freeText'): IWebhookResponseData {
	let question = '';
	try {
		question = String(context.getNodeParameter('message', ''));
	} catch {
		question = '';
	}
	const response = context.getResponseObject() as unknown as WaitResponse;
	response.setHeader('Content-Type', 'text/html; charset=utf-8');
	response.status(200).send(answerFormPage(question, responseType));
	return { noWebhookResponse: true };
}

/** When iP.1 received the reply (its first status), else now. */
function receivedAtOf(reply: IDataObject): number {
	const statuses = readField(reply, 'statuses');
	const first = Array.isArray(statuses) && isPlainObject(statuses[0]) ? statuses[0].created : undefined;
	const time = Date.parse(String(first ?? readField(reply, 'modified') ?? ''));
	return Number.isNaN(time) ? Date.now() : time;
}

function stringOrUndefined(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value !== '' ? value : undefined;
}
