import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { markNeededAt, questionsMarkOf, readCallbackUrl, withQuestionsMark, writeCallbackUrl } from '../../../../shared/callbackSetting';
import { inputError } from '../../../../shared/errors/inputErrors';
import { rememberQuestionUrl } from '../../../../shared/questionUrls';
import { isTriggerUrl } from '../../../../shared/triggerUrls';
import { isPlainObject } from '../../../../shared/values';
import { MAX_QUESTION_AGE_MS } from '../../../../shared/waitProtocol';
import { forOperations } from '../../common/display';
import { readDefaultCountryCode } from '../../common/fields';
import { checkedId, checkedMsisdn } from '../../common/ids';
import { getParameter } from '../../common/parameters';
import { SENDER_RULE } from '../../sender/senders';
import { textOf } from '../1-read/items';
import { applyQuietHours } from '../1-read/schedule';
import { MAX_TEXT_LENGTH } from '../1-read/settings';
import { maskOutputSecrets, quietHoursFacts } from '../4-report/output';
import { SEND_OPTIONS } from '../fields';
import { sendAndWaitFields, WAIT, WAIT_OPTIONS } from './fields';
import { questionRulesOf, rulesQuery, timeoutOutput, type Keywords } from './webhook';
import { goOnWithWhenTimedOut, resumeUrlFor, sendWaitSms, waitTillOf } from './wait';

export const description: INodeProperties[] = forOperations('sms', ['sendAndWait'], sendAndWaitFields);

/**
 * SMS → Send and Wait for Response: one SMS to one number; the execution waits until the reply resumes it through
 * `webhook()` (webhook.ts), or until the time limit (30 days without one), then goes on with the output prepared
 * here (`timedOut: true`). As n8n's own Send and Wait operations, it reads the first item's parameters and sends one
 * message per run. How replies find it: docs/twoway.md.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const now = Date.now();
	const ask = readQuestion(this, now);
	const routeWarning = await checkReplyRoute(this, now);

	const resumeUrl = resumeUrlFor(this, 'reply', now, rulesQuery(ask.rules));
	const text = ask.options[WAIT_OPTIONS.answerLink.name] === true ? `${ask.question}\n${resumeUrl}` : ask.question;
	if (text.length > MAX_TEXT_LENGTH) {
		throw inputError(this.getNode(), 0, {
			field: 'Message',
			rule: `may have at most ${MAX_TEXT_LENGTH} characters with the answer link (it has ${text.length})`,
			fix: 'Shorten the question.',
		});
	}
	const sent = await sendWaitSms(this, { sender: ask.sender, msisdns: [ask.recipient], text, resumeUrl, deliveryWindows: ask.quiet?.deliveryWindows });
	// The trigger in this process then finds the question's URL without reading the batch.
	if (sent.batchId) rememberQuestionUrl(sent.batchId, resumeUrl);
	await this.putExecutionToWait(ask.waitTill);
	const message = sent.messagesByRecipient.get(ask.recipient);
	const output: IDataObject = timeoutOutput({
		recipient: ask.recipient,
		sentMessageId: typeof message?.id === 'string' ? message.id : undefined,
		batchId: sent.batchId,
		reference: sent.reference,
		sentAt: now,
		waitTill: ask.waitTill,
		warnings: [...(routeWarning ? [routeWarning] : []), ...ask.warnings, ...sent.warnings],
	});
	const items = maskOutputSecrets([{ json: { ...output, ...quietHoursFacts(ask.quiet) }, pairedItem: { item: 0 } }]);
	goOnWithWhenTimedOut(this, items);
	return items;
}

/** Everything the question needs, read for the first item and checked before anything is sent. */
function readQuestion(context: IExecuteFunctions, now: number) {
	const node = context.getNode();
	const sender = checkedId(node, 0, getParameter(context, WAIT.sender, 0), SENDER_RULE);
	const options = getParameter(context, WAIT.options, 0) ?? {};
	const recipient = checkedMsisdn(node, 0, getParameter(context, WAIT.sendTo, 0), readDefaultCountryCode(context, 0), {
		field: 'To',
		fix: 'Enter one phone number with its country code, for example 46701234567 or +46 70 123 45 67.',
	});
	const rules = questionRulesOf(context);
	// As the human-review tool with n8n's default message: what the agent wants to run and how to answer.
	const call = rules.responseType === 'approval' ? toolCallUnderReview(context) : undefined;
	const question = call
		? reviewRequestSms(call.name, call.parameters, rules)
		: String(getParameter(context, WAIT.message, 0) ?? '');
	if (question.trim() === '') {
		throw inputError(node, 0, { field: 'Message', rule: 'must not be empty', fix: 'Write the question, and how to answer it.' });
	}
	// Send's Quiet Hours: a question asked in them waits at iP.1 until they end; the time limit counts from then.
	const clock = { timeZone: context.getTimezone(), now };
	const quiet = applyQuietHours(options[SEND_OPTIONS.quietHours.name], [], clock, (field, rule, value, fix) =>
		inputError(node, 0, { field, rule, value, fix }),
	);
	// Without a limit a question waits as long as a reply can reach it (no question left behind).
	const waitTill = waitTillOf(context, now, {
		startsAt: quiet ? Date.parse(quiet.nextSendingAt) : now,
		withoutLimit: new Date(now + MAX_QUESTION_AGE_MS),
	});
	const warnings = waitTill.getTime() - now > MAX_QUESTION_AGE_MS ? [BEYOND_ROUTING_WARNING] : [];
	return { sender, options, recipient, question, rules, quiet, waitTill, warnings };
}

const BEYOND_ROUTING_WARNING =
	'The time limit is more than 30 days away: a reply by SMS reaches a question for 30 days (docs/twoway.md); after that only the answer link can answer it.';

/**
 * Replies reach n8n only through the account's IncomingCallbackUrl, and only an active iP.1 SMS Trigger there
 * forwards them (docs/twoway.md, "Routing"). Without a callback no reply could arrive: refused before anything is
 * sent. Another URL (a system or proxy in front of n8n) may still forward: a warning. On a trigger's URL the
 * questions mark is moved forward first (at most daily): the trigger looks replies up for MAX_QUESTION_AGE_MS.
 */
async function checkReplyRoute(context: IExecuteFunctions, now: number): Promise<string | undefined> {
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
 * Moves the mark a day past `needed` when short of it, then reads it back (a trigger re-registering
 * meanwhile may have written its older mark over ours). Unmarked, nothing is sent: the reply would
 * start the trigger's workflow instead of reaching the question.
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

/*
 * n8n 2.x turns this node into an AI-agent "human review" tool (`ip1SmsHitlTool`) whose Message default (below)
 * renders `{{ $tool.parameters }}` as "[object Object]": the approver would not see what to approve. While that
 * default is in place, the SMS says what the agent asked for (the input item's `tool` and `toolParameters`).
 */
const N8N_DEFAULT_MESSAGE = '=The agent wants to run this tool: {{ $tool.name }}\n\nInput:\n{{ $tool.parameters }}';
const CUT = '…';

const squashed = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The tool call under review when this node runs as the human-review tool with n8n's default message (absent or unchanged). */
function toolCallUnderReview(context: IExecuteFunctions): { name: string; parameters: IDataObject } | undefined {
	const node = context.getNode();
	const raw = node.parameters.message;
	const defaultMessage = raw === undefined || (typeof raw === 'string' && squashed(raw) === squashed(N8N_DEFAULT_MESSAGE));
	if (!node.type.endsWith('HitlTool') || !defaultMessage) return undefined;
	const json = context.getInputData()[0]?.json ?? {};
	if (typeof json.tool !== 'string' || !isPlainObject(json.toolParameters)) return undefined;
	return { name: json.tool, parameters: json.toolParameters };
}

/** "YES or JA" from the first two keywords of a list, upper case. */
function firstTwo(words: string[]): string {
	return words.slice(0, 2).map((word) => word.toUpperCase()).join(' or ');
}

/**
 * An SMS an approver can act on from a phone: what the agent wants to do, a line per parameter
 * ("Message: …"), and how to answer; at most 2,000 characters, parameters cut (with "…") first.
 */
export function reviewRequestSms(toolName: string, parameters: IDataObject, keywords: Keywords): string {
	const head = `Approve? The AI agent wants to run "${toolName.replace(/_/g, ' ')}":`;
	const answer = `Reply ${firstTwo(keywords.approve)} to approve, ${firstTwo(keywords.decline)} to refuse.`;
	const lines = Object.entries(parameters).map(([key, value]) => `${key}: ${textOf(value) ?? ''}`);
	let body = lines.length > 0 ? lines.join('\n') : '(no input)';
	const room = MAX_TEXT_LENGTH - head.length - answer.length - 2;
	if (body.length > room) body = body.slice(0, room - CUT.length) + CUT;
	return `${head}\n${body}\n${answer}`;
}
