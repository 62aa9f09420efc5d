import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../../shared/errors/apiErrors';
import { inputError } from '../../../../shared/errors/inputErrors';
import { scrubUrls } from '../../../../shared/redaction';
import { forOperations } from '../../common/display';
import { checkedId } from '../../common/ids';
import { getParameter } from '../../common/parameters';
import { SENDER_RULE } from '../../sender/senders';
import { readRecipients } from '../1-compose/recipients';
import { MAX_TEXT_LENGTH } from '../1-compose/settings';
import type { SentBatch } from '../5-report/sentBatch';
import { maskErrorSecrets, maskOutputSecrets } from '../5-report/urlSecrets';
import { deliveryItems, deliveryState, pendingState } from './deliveryOutcome';
import { sendAndWaitForDeliveryFields, WAIT } from './fields';
import { waitTillOf } from './limit';
import { resumeUrlFor } from './resumeUrl';
import { goOnWithWhenTimedOut } from './timeoutOutput';
import { sendWaitSms } from './sendWaitSms';

export const description: INodeProperties[] = forOperations('sms', ['sendAndWaitForDelivery'], sendAndWaitForDeliveryFields);

/**
 * SMS → Send and Wait for Delivery: one batch (the first item's parameters), then the execution
 * waits until every recipient's status is final (deliveryWebhook.ts) or the time limit passes,
 * when it goes on with the statuses known at sending (`timedOut: true`, outcome `pending`).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const now = Date.now();
	const sender = checkedId(node, 0, getParameter(this, WAIT.sender, 0), SENDER_RULE);
	const options = getParameter(this, WAIT.options, 0) ?? {};
	const { msisdns } = readRecipients(node, 0, getParameter(this, WAIT.recipients, 0), String(options.defaultCountryCode ?? '').trim());
	const text = String(getParameter(this, WAIT.message, 0) ?? '');
	if (text.trim() === '' || text.length > MAX_TEXT_LENGTH) {
		throw inputError(node, 0, {
			field: 'Message',
			rule: `must have 1–${MAX_TEXT_LENGTH} characters (it has ${text.trim() === '' ? 0 : text.length})`,
			fix: 'Enter the text of the SMS.',
		});
	}
	const waitTill = waitTillOf(this, now);
	const resumeUrl = resumeUrlFor(this, 'delivery', now);
	let sent: SentBatch;
	try {
		sent = await sendWaitSms(this, { sender, msisdns, text, resumeUrl });
	} catch (error) {
		const nodeError = asNodeError(node, error);
		nodeError.message = scrubUrls(nodeError.message, [resumeUrl]);
		throw maskErrorSecrets(nodeError);
	}
	const learnt = deliveryState([...sent.messagesByRecipient.values()]);
	const known = learnt.recipients.length === msisdns.length ? learnt : pendingState(msisdns);
	// Refused at once (every status already final): nothing to wait for.
	const waiting = !known.allFinal;
	if (waiting) await this.putExecutionToWait(waitTill);
	const items = deliveryItems(known, { batchId: sent.batchId, reference: sent.reference, sentAt: now, endedAt: waiting ? waitTill.getTime() : now, timedOut: waiting });
	const warnings = sent.warnings.length > 0 ? { warnings: sent.warnings } : {};
	const output = maskOutputSecrets(items.map((json) => ({ json: { ...json, ...warnings }, pairedItem: { item: 0 } })));
	if (waiting) goOnWithWhenTimedOut(this, output);
	return output;
}
