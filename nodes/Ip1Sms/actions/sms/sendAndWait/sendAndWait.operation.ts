import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { rememberQuestionUrl } from '../../../../shared/questionUrls';
import { MAX_QUESTION_AGE_MS } from '../../../../shared/waitProtocol';
import { forOperations } from '../../common/display';
import { checkedId, checkedMsisdn } from '../../common/ids';
import { getParameter } from '../../common/parameters';
import { SENDER_RULE } from '../../sender/senders';
import { applyQuietHours } from '../1-read/quietHours';
import { MAX_TEXT_LENGTH } from '../1-read/settings';
import { quietHoursFacts } from '../4-report/output';
import { maskOutputSecrets } from '../4-report/urlSecrets';
import { SEND_OPTIONS } from '../fields';
import { sendAndWaitFields, WAIT, WAIT_OPTIONS } from './fields';
import { questionRulesOf, rulesQuery, type QuestionRules } from './questionRules';
import { checkReplyRoute } from './replyRoute';
import { timeoutOutput } from './replyWebhook';
import { reviewRequestSms, toolCallUnderReview, usesDefaultReviewMessage } from './reviewMessage';
import { goOnWithWhenTimedOut, resumeUrlFor, sendWaitSms, waitTillOf } from './wait';

export const description: INodeProperties[] = forOperations('sms', ['sendAndWait'], sendAndWaitFields);

/**
 * SMS → Send and Wait for Response: one SMS to one number, then the execution waits until the reply
 * resumes it through `webhook()` (webhook.ts), or until the time limit (30 days without one), when it
 * goes on with the output prepared here (`timedOut: true`). Like n8n's own Send and Wait operations it
 * reads the first item's parameters and sends one message per run. How replies find it: docs/twoway.md.
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

/**
 * The SMS text; the approval keywords are checked first. As the AI-agent human-review tool with
 * n8n's default message, the text says what the agent wants to run and how to answer (reviewMessage.ts).
 */
function questionOf(context: IExecuteFunctions, rules: QuestionRules): string {
	const call = rules.responseType === 'approval' && usesDefaultReviewMessage(context) ? toolCallUnderReview(context) : undefined;
	if (call) return reviewRequestSms(call.name, call.parameters, rules);
	return String(getParameter(context, WAIT.message, 0) ?? '');
}

/** Everything the question needs, read for the first item and checked before anything is sent. */
function readQuestion(context: IExecuteFunctions, now: number) {
	const node = context.getNode();
	const sender = checkedId(node, 0, getParameter(context, WAIT.sender, 0), SENDER_RULE);
	const options = getParameter(context, WAIT.options, 0) ?? {};
	const recipient = checkedMsisdn(node, 0, getParameter(context, WAIT.sendTo, 0), String(options.defaultCountryCode ?? '').trim(), {
		field: 'To',
		fix: 'Enter one phone number with its country code, for example 46701234567 or +46 70 123 45 67.',
	});
	const rules = questionRulesOf(context);
	const question = questionOf(context, rules);
	if (question.trim() === '') {
		throw inputError(node, 0, { field: 'Message', rule: 'must not be empty', fix: 'Write the question, and how to answer it.' });
	}
	// Send's Quiet Hours for the question: asked during them, it waits at iP.1 until they end; the time limit counts from then.
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
