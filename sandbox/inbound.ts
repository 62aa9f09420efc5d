import type { SandboxCore } from './core';
import { messageDocument } from './documents';
import { countSegments, smallestDatacoding } from './gsm';
import { newObjectId } from './ids';
import type { Account, BatchRecord, MessageRecord } from './state';
import type { MessageDocument } from './types';

/** The virtual number every sandbox account receives on (used when `to` is not given). */
export const VIRTUAL_NUMBER = '46700000000';
export const INBOUND_SETTING = 'IncomingCallbackUrl';

/**
 * An MO message in its own batch, as the inbound example shows (section 7). It is POSTed to the
 * account's IncomingCallbackUrl with the delivery-report retry rule: the documentation gives no
 * schedule for inbound retries (ambiguity 13), the sandbox reuses the one it has.
 */
export async function receiveInbound(
	core: SandboxCore,
	account: Account,
	input: { from: string; to?: string; body: string },
): Promise<MessageDocument> {
	if (typeof input.from !== 'string' || input.from === '') throw new Error('injectInbound: `from` is required');
	if (typeof input.body !== 'string') throw new Error('injectInbound: `body` must be a string');
	const nowMs = core.nowMs();
	const created = core.nowIso();
	const datacoding = smallestDatacoding(input.body);
	const recipient = input.to ?? VIRTUAL_NUMBER;
	const batch: BatchRecord = {
		id: newObjectId(nowMs),
		sender: input.from,
		body: input.body,
		owner: account.id,
		direction: 'mo',
		type: 'sms',
		datacoding,
		priority: 1,
		templated: false,
		deliveryWindows: [],
		deliveryReportUrl: null,
		reference: null,
		tags: [],
		created,
		messageIds: [],
	};
	const msg: MessageRecord = {
		id: newObjectId(nowMs),
		batchId: batch.id,
		owner: account.id,
		sender: input.from,
		recipient,
		body: input.body,
		direction: 'mo',
		segments: countSegments(input.body, datacoding),
		type: 'sms',
		datacoding,
		priority: 1,
		price: null,
		statuses: [{ created, code: 201, duration: 1 }],
		modified: created,
		reference: null,
		mcc: '240',
		mnc: '01',
	};
	batch.messageIds.push(msg.id);
	account.batches.set(batch.id, batch);
	account.messages.set(msg.id, msg);
	const doc = messageDocument(msg, account, core.variants, 'full');
	const url = account.settings.get(INBOUND_SETTING);
	if (url) await core.webhooks.enqueue(`inbound:${msg.id}`, 'inbound', url, doc);
	return doc;
}
