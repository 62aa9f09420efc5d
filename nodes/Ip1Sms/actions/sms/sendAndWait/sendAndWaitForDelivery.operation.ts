import { WAIT_INDEFINITELY, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../../shared/errors/inputErrors';
import { forOperations } from '../../common/display';
import { readDefaultCountryCode } from '../../common/fields';
import { checkedId } from '../../common/ids';
import { getParameter } from '../../common/parameters';
import { SENDER_RULE } from '../../sender/senders';
import { readRecipients } from '../1-read/items';
import { MAX_TEXT_LENGTH } from '../1-read/settings';
import { maskOutputSecrets } from '../4-report/output';
import { callAtLimit, COUNT_PARAM, deliveryItems, deliveryState, pendingState, UNTIL_PARAM } from './deliveryWebhook';
import { sendAndWaitForDeliveryFields, WAIT } from './fields';
import { goOnWithWhenTimedOut, resumeUrlFor, sendWaitSms, waitTillOf } from './wait';

/** How long after the time limit n8n itself resumes a wait the node did not resume at the limit. */
const LIMIT_BACKSTOP_MS = 60_000;

export const description: INodeProperties[] = forOperations('sms', ['sendAndWaitForDelivery'], sendAndWaitForDeliveryFields);

/**
 * SMS → Send and Wait for Delivery: one batch (the first item's parameters), then the execution
 * waits until every recipient's status is final (deliveryWebhook.ts) or the time limit passes,
 * when it goes on with the statuses iP.1 knows then (`timedOut: true`, deliveryWebhook.ts).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const now = Date.now();
	const sender = checkedId(node, 0, getParameter(this, WAIT.sender, 0), SENDER_RULE);
	const { msisdns } = readRecipients(node, 0, getParameter(this, WAIT.recipients, 0), readDefaultCountryCode(this, 0));
	const text = String(getParameter(this, WAIT.message, 0) ?? '');
	if (text.trim() === '' || text.length > MAX_TEXT_LENGTH) {
		throw inputError(node, 0, {
			field: 'Message',
			rule: `must have 1–${MAX_TEXT_LENGTH} characters (it has ${text.trim() === '' ? 0 : text.length})`,
			fix: 'Enter the text of the SMS.',
		});
	}
	const limit = waitTillOf(this, now);
	const limited = limit.getTime() !== WAIT_INDEFINITELY.getTime();
	const resumeUrl = resumeUrlFor(this, 'delivery', now, {
		[COUNT_PARAM]: String(msisdns.length),
		...(limited ? { [UNTIL_PARAM]: String(limit.getTime()) } : {}),
	});
	const sent = await sendWaitSms(this, { sender, msisdns, text, resumeUrl });
	const learnt = deliveryState([...sent.messagesByRecipient.values()]);
	const known = learnt.recipients.length === msisdns.length ? learnt : pendingState(msisdns);
	// Refused at once (every status already final): nothing to wait for.
	const waiting = !known.allFinal;
	if (waiting) {
		// The node resumes itself at the limit (callAtLimit); n8n's own limit is the backstop.
		await this.putExecutionToWait(limited ? new Date(limit.getTime() + LIMIT_BACKSTOP_MS) : limit);
		if (limited) callAtLimit(this, `${this.getExecutionId()}/${node.id}`, resumeUrl, { until: limit.getTime(), batchId: sent.batchId, reference: sent.reference });
	}
	const items = deliveryItems(known, { batchId: sent.batchId, reference: sent.reference, sentAt: now, endedAt: waiting ? limit.getTime() : now, timedOut: waiting });
	const warnings = sent.warnings.length > 0 ? { warnings: sent.warnings } : {};
	const output = maskOutputSecrets(items.map((json) => ({ json: { ...json, ...warnings }, pairedItem: { item: 0 } })));
	if (!waiting) return output;
	// The per-recipient items are what n8n's own limit goes on with (the stack entry it passes on). While
	// waiting the node shows one summary item: n8n loads the waiting execution for every delivery report,
	// so it stays small (a 1,000-recipient wait without a limit holds no per-recipient items at all).
	if (limited) goOnWithWhenTimedOut(this, output);
	const summary = { waitingForDelivery: true, recipientCount: msisdns.length, batchId: sent.batchId ?? null, reference: sent.reference, sentAt: new Date(now).toISOString() };
	return maskOutputSecrets([{ json: { ...summary, limit: limited ? limit.toISOString() : null, ...warnings }, pairedItem: { item: 0 } }]);
}
