import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readField } from '../../../../shared/dialect/documents';
import { isPlainObject } from '../../../../shared/values';
import { ANSWERED_MESSAGE_KEY, FORWARDED_REPLY_KEY, SENT_AT_PARAM, WAIT_ANSWER_KEY, type WaitAnswer } from '../../../../shared/waitProtocol';
import { ANSWER_RECORDED_PAGE, answerFormPage } from './answerPage';
import { verdictOf } from './keywords';
import { answerOutput, type Answer, type SentQuestion } from './outputs';
import { rulesOfQuery, type QuestionRules, type ResponseType } from './questionRules';
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
	// The rules the question was sent with (questionRules.ts), not the parameters read again now.
	const rules = rulesOfQuery(request.query);

	if (request.method === 'GET') return showAnswerForm(this, rules.responseType);
	const body = isPlainObject(request.body) ? request.body : {};
	if (isPlainObject(body[FORWARDED_REPLY_KEY])) {
		return await onForwardedReply(this, body, question, rules);
	}
	const linkAnswer = rules.responseType === 'approval' ? body.answer : body.text;
	if (typeof linkAnswer === 'string' && body.code === undefined) {
		return onLinkAnswer(linkAnswer, question, rules.responseType);
	}
	return waitAnswer('waiting');
}

async function onForwardedReply(
	context: IWebhookFunctions,
	body: IDataObject,
	question: SentQuestion,
	rules: QuestionRules,
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
	if (rules.responseType === 'approval') {
		const verdict = verdictOf(text, rules);
		if (verdict === 'other') {
			if (rules.retryHint !== '' && from !== undefined) {
				await sendRetryHint(context, { sender: stringOrUndefined(answered.sender), to: from, text: rules.retryHint });
			}
			return waitAnswer('kept');
		}
		answer.approved = verdict === 'approve';
	}
	return { webhookResponse: { [WAIT_ANSWER_KEY]: 'resumed' }, workflowData: [[{ json: answerOutput(answer, asked) }]] };
}

function onLinkAnswer(value: string, question: SentQuestion, responseType: ResponseType): IWebhookResponseData {
	const answer: Answer = { answeredBy: 'link', text: value, receivedAt: Date.now() };
	if (responseType === 'approval') {
		if (value !== 'yes' && value !== 'no') return waitAnswer('waiting');
		answer.approved = value === 'yes';
	}
	return { webhookResponse: ANSWER_RECORDED_PAGE, workflowData: [[{ json: answerOutput(answer, question) }]] };
}

/**
 * The form's kind (Yes/No or a text box) is the question's own response type. Its words are the
 * Message parameter when that is plain text; a Message made by an expression cannot be evaluated
 * for the question's item here, so the page then asks without repeating it (the SMS shows it).
 */
function showAnswerForm(context: IWebhookFunctions, responseType: ResponseType): IWebhookResponseData {
	const raw = context.getNode().parameters.message;
	const question = typeof raw === 'string' && !raw.startsWith('=') ? raw : 'Your answer to the SMS you received:';
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
