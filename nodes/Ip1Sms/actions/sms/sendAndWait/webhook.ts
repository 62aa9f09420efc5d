import { randomBytes } from 'crypto';
import {
	SEND_AND_WAIT_OPERATION,
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { readField } from '../../../../shared/dialect/documents';
import { inputError } from '../../../../shared/errors/inputErrors';
import { messageOf } from '../../../../shared/errors/notes';
import { ip1ApiRequest } from '../../../../shared/transport';
import { isPlainObject } from '../../../../shared/values';
import { getParameter } from '../../common/parameters';
import { ANSWERED_MESSAGE_KEY, FORWARDED_REPLY_KEY, WAIT_ANSWER_KEY } from '../../../../shared/waitProtocol';
import { deliveryWebhook, sentAtOf, waitAnswer } from './deliveryWebhook';
import { DEFAULT_APPROVE_WORDS, DEFAULT_DECLINE_WORDS, DEFAULT_RETRY_HINT, WAIT } from './fields';

/**
 * The waiting webhook of both Send and Wait operations, declared as n8n's own: `<webhook-waiting base>/<execution
 * id>/<node id>`, GET (the answer link's page) and POST (replies, answers, reports); it resumes a waiting execution.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const operation = this.getNodeParameter('operation', '') as string;
	if (operation === SEND_AND_WAIT_OPERATION) return await replyWebhook.call(this);
	if (operation === 'sendAndWaitForDelivery') return await deliveryWebhook.call(this);
	return { webhookResponse: { message: 'Nothing waits here' } };
}

/**
 * What reaches the waiting Send and Wait (n8n checked the URL's signature first): a reply the iP.1 SMS Trigger
 * forwards (`{ ip1SmsReply, answeredMessage }`), the answer link's form (GET shows it, its POST answers), iP.1's
 * delivery reports of the question (they change nothing). Only a reply that answers resumes the execution.
 */
async function replyWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const question: SentQuestion = { sentAt: sentAtOf(request.query) };
	// The rules the question was sent with (below), not the parameters read again now.
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
		answer.approved = approvalOf(text, rules);
		if (answer.approved === undefined) {
			if (rules.retryHint !== '' && from !== undefined) {
				await sendRetryHint(context, { sender: stringOrUndefined(answered.sender), to: from, text: rules.retryHint });
			}
			return waitAnswer('kept');
		}
	}
	return { webhookResponse: { [WAIT_ANSWER_KEY]: 'resumed' }, workflowData: [[{ json: questionOutput(asked, answer, answer.receivedAt) }]] };
}

function onLinkAnswer(value: string, question: SentQuestion, responseType: ResponseType): IWebhookResponseData {
	const answer: Answer = { answeredBy: 'link', text: value, receivedAt: Date.now() };
	if (responseType === 'approval') {
		if (value !== 'yes' && value !== 'no') return waitAnswer('waiting');
		answer.approved = value === 'yes';
	}
	return { webhookResponse: ANSWER_RECORDED_PAGE, workflowData: [[{ json: questionOutput(question, answer, answer.receivedAt) }]] };
}

/**
 * The form (Yes/No or a text box) follows the question's response type. It repeats the Message when that is plain
 * text: an expression cannot be evaluated for the question's item here (the SMS shows it anyway).
 */
function showAnswerForm(context: IWebhookFunctions, responseType: ResponseType): IWebhookResponseData {
	const raw = context.getNode().parameters.message;
	const question = typeof raw === 'string' && !raw.startsWith('=') ? raw : 'Your answer to the SMS you received:';
	const response = context.getResponseObject();
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

/**
 * "Please answer YES or NO", once per reply that is no keyword (the trigger forwards each inbound SMS once), from the
 * question's sender, without `type`/`datacoding` (the API's defaults suit either enum reading). No `n8n-wait-`
 * reference: the next reply still finds the question. A failure is logged and the execution keeps waiting.
 */
async function sendRetryHint(context: IWebhookFunctions, hint: { sender?: string; to: string; text: string }): Promise<void> {
	let sender = hint.sender;
	try {
		sender ??= String(context.getNodeParameter('sender', '', { extractValue: true }));
		await ip1ApiRequest.call(context, {
			method: 'POST',
			path: '/v2/batches',
			body: { sender, recipients: [hint.to], body: hint.text, reference: `n8n-hint-${randomBytes(6).toString('hex')}` },
			retry: 'send',
		});
	} catch (error) {
		context.logger.warn(`iP.1 SMS Send and Wait: the reply was no keyword and the hint SMS could not be sent (${messageOf(error)})`);
	}
}

/** What every Send and Wait output says about the question that was sent. */
interface SentQuestion {
	recipient?: string;
	sentMessageId?: string;
	batchId?: string;
	reference?: string;
	/** Epoch milliseconds. */
	sentAt: number;
}

/** Prepared before the execution waits: at the time limit n8n goes on with the node's own output, not an error. */
export function timeoutOutput(input: SentQuestion & { waitTill: Date; warnings: string[] }): IDataObject {
	const limited = input.waitTill.getTime() !== WAIT_INDEFINITELY.getTime();
	const output = questionOutput(input, undefined, limited ? input.waitTill.getTime() : null);
	return input.warnings.length > 0 ? { ...output, warnings: input.warnings } : output;
}

interface Answer {
	answeredBy: 'sms' | 'link';
	/** Approval only; free text leaves it out. */
	approved?: boolean;
	text: string;
	receivedAt: number;
	from?: string;
	replyMessageId?: string;
}

/** The output of a question: with its answer, or (none) the time limit's. */
function questionOutput(question: SentQuestion, answer: Answer | undefined, endedAt: number | null): IDataObject {
	return {
		timedOut: answer === undefined,
		answeredBy: answer?.answeredBy ?? null,
		...(answer && answer.approved === undefined ? {} : { approved: answer?.approved ?? null }),
		text: answer?.text ?? null,
		receivedAt: answer ? new Date(answer.receivedAt).toISOString() : null,
		from: answer?.from ?? null,
		replyMessageId: answer?.replyMessageId ?? null,
		recipient: question.recipient ?? null,
		sentMessageId: question.sentMessageId ?? null,
		batchId: question.batchId ?? null,
		reference: question.reference ?? null,
		sentAt: new Date(question.sentAt).toISOString(),
		waitedSeconds: endedAt === null ? null : Math.max(0, Math.round((endedAt - question.sentAt) / 1000)),
	};
}

/* The answer link's page. Opening it (GET) changes nothing (link previews open links too): only its form, posted back, answers. */

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE =
	'body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#222}' +
	'button{font-size:1.1rem;padding:.6rem 1.4rem;margin:.3rem;border-radius:.4rem;border:1px solid #888;cursor:pointer}' +
	'textarea{width:100%;font-size:1rem}';

function page(title: string, inner: string): string {
	return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${inner}</body></html>`;
}

function answerFormPage(question: string, responseType: 'approval' | 'freeText'): string {
	const asked = `<p>${escapeHtml(question).replace(/\n/g, '<br>')}</p>`;
	const controls =
		responseType === 'approval'
			? '<button name="answer" value="yes" type="submit">Yes / Ja</button><button name="answer" value="no" type="submit">No / Nej</button>'
			: '<textarea name="text" rows="4" required></textarea><br><button type="submit">Send / Skicka</button>';
	return page('Your answer', `${asked}<form method="post">${controls}</form>`);
}

const ANSWER_RECORDED_PAGE = page('Thank you', '<h2>Thank you! / Tack!</h2><p>Your answer has been recorded. You can close this page.</p>');

/**
 * The rules a reply is judged by, evaluated for the question's item when it is sent and carried in its signed resume
 * URL (nobody can change it): the webhook cannot re-read parameters for the item. Only what differs from the defaults
 * is carried (the URL is the delivery-report URL and may be in the SMS): `ip1Type=a|f` always, `ip1Yes`, `ip1No`,
 * `ip1Hint` when changed. A URL without `ip1Type` is judged by the defaults.
 */
type ResponseType = 'approval' | 'freeText';

export interface Keywords {
	approve: string[];
	decline: string[];
}

interface QuestionRules extends Keywords {
	responseType: ResponseType;
	/** SMS answering a reply that is no keyword; '' = none. */
	retryHint: string;
}

const TYPE_PARAM = 'ip1Type';
/** The query parameter of each rule the URL carries when it differs from the default. */
const PARAMS = { approve: 'ip1Yes', decline: 'ip1No', retryHint: 'ip1Hint' } as const;

/** A keyword reply equals one but for case, spaces and punctuation around it ("ja", " JA! ", "Ja."); no guessing. */
function normaliseReply(text: string): string {
	return text
		.normalize('NFC')
		.toLocaleLowerCase('sv')
		.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
		.replace(/\s+/g, ' ');
}

/** "YES, JA, y" → ['yes', 'ja', 'y']: comma, semicolon or newline separated, normalised, each once. */
function parseKeywords(raw: unknown): string[] {
	const list = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[,;\n]/);
	const words = list.map(normaliseReply).filter((word) => word !== '');
	return [...new Set(words)];
}

/** true: an approve keyword, false: a decline keyword, undefined: no keyword. */
function approvalOf(reply: string, keywords: Keywords): boolean | undefined {
	const word = normaliseReply(reply);
	if (keywords.approve.includes(word)) return true;
	return keywords.decline.includes(word) ? false : undefined;
}

/** The rules from what is given (parameters, or a resume URL's query): the defaults for what is not. */
function rulesOf(responseType: ResponseType, given: Partial<Record<keyof typeof PARAMS, unknown>>): QuestionRules {
	return {
		responseType,
		approve: parseKeywords(given.approve ?? DEFAULT_APPROVE_WORDS),
		decline: parseKeywords(given.decline ?? DEFAULT_DECLINE_WORDS),
		retryHint: String(given.retryHint ?? DEFAULT_RETRY_HINT).trim(),
	};
}

const DEFAULT_RULES = rulesOf('approval', {});

/** The question's rules, read for the first item and checked before anything is sent: both lists non-empty, none in both. */
export function questionRulesOf(context: IExecuteFunctions): QuestionRules {
	const responseType = getParameter(context, WAIT.responseType, 0) === 'freeText' ? 'freeText' : 'approval';
	const values = (getParameter(context, WAIT.approvalOptions, 0) ?? {}) as IDataObject;
	const given = { approve: values.approveKeywords, decline: values.declineKeywords, retryHint: values.retryHint };
	const rules = rulesOf(responseType, given);
	if (responseType === 'freeText') return rules;
	const node = context.getNode();
	if (rules.approve.length === 0 || rules.decline.length === 0) {
		const field = rules.approve.length === 0 ? 'Approve Keywords' : 'Decline Keywords';
		throw inputError(node, 0, { field, rule: 'needs at least one keyword', fix: 'Enter the words, separated by commas (e.g. YES, JA).' });
	}
	const both = rules.approve.filter((word) => rules.decline.includes(word));
	if (both.length > 0) {
		throw inputError(node, 0, {
			field: 'Approve Keywords',
			rule: `and "Decline Keywords" both contain ${both.map((word) => `"${word}"`).join(', ')}`,
			fix: 'A keyword may approve or decline, not both: remove it from one list.',
		});
	}
	return rules;
}

/** The query parameters that carry the rules: only what differs from the defaults. */
export function rulesQuery(rules: QuestionRules): Record<string, string> {
	const query: Record<string, string> = { [TYPE_PARAM]: rules.responseType === 'freeText' ? 'f' : 'a' };
	if (rules.responseType === 'freeText') return query;
	for (const rule of ['approve', 'decline', 'retryHint'] as const) {
		const value = String(rules[rule]);
		if (value !== String(DEFAULT_RULES[rule])) query[PARAMS[rule]] = value;
	}
	return query;
}

/** The rules a resume URL's query carries; the defaults for a question sent before they were carried. */
function rulesOfQuery(query: Record<string, unknown> = {}): QuestionRules {
	const type = query[TYPE_PARAM];
	if (type !== 'a') return rulesOf(type === 'f' ? 'freeText' : 'approval', {});
	const carried = (rule: keyof typeof PARAMS) => (typeof query[PARAMS[rule]] === 'string' ? query[PARAMS[rule]] : undefined);
	return rulesOf('approval', { approve: carried('approve'), decline: carried('decline'), retryHint: carried('retryHint') });
}
