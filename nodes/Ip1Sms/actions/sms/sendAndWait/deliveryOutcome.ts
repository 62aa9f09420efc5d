import { WAIT_INDEFINITELY, type IDataObject } from 'n8n-workflow';

import { normaliseMessage, readField } from '../../../../shared/dialect/documents';

/** What became of one recipient's SMS, in one word. */
export type Outcome = 'delivered' | 'expired' | 'canceled' | 'failed' | 'pending';

function outcomeOf(status: IDataObject | undefined): Outcome {
	if (!status || status.final !== true) return 'pending';
	if (status.delivered === true) return 'delivered';
	if (status.code === 202) return 'expired';
	if (status.code === 203) return 'canceled';
	return 'failed';
}

export interface DeliveryState {
	/** Every recipient has a final status (nothing more will change). */
	allFinal: boolean;
	/** One entry per message, in the order iP.1 listed them. */
	recipients: IDataObject[];
}

/** Recipients whose message is not known yet (the send's answer carried no message ids). */
export function pendingState(msisdns: string[]): DeliveryState {
	return { allFinal: false, recipients: msisdns.map((recipient) => ({ recipient, messageId: null, outcome: 'pending', status: null })) };
}

/** The batch's messages (raw, as GET /v2/batches/{id}/messages lists them) as per-recipient outcomes. */
export function deliveryState(rawMessages: IDataObject[]): DeliveryState {
	const recipients = rawMessages.map((raw) => {
		const message = normaliseMessage(raw);
		const status = message.status as IDataObject | undefined;
		return {
			recipient: readField(message, 'recipient') ?? null,
			messageId: message.id ?? null,
			outcome: outcomeOf(status),
			status: status ?? null,
		};
	});
	return { allFinal: recipients.length > 0 && recipients.every((entry) => entry.outcome !== 'pending'), recipients };
}

/** One output item per recipient, with the batch facts and how long the wait took. */
export function deliveryItems(state: DeliveryState, facts: { batchId?: string; reference: string; sentAt: number; endedAt: number; timedOut: boolean }): IDataObject[] {
	// A wait without limit never ends by itself: its prepared output has no duration.
	const waitedSeconds =
		facts.endedAt >= WAIT_INDEFINITELY.getTime() ? null : Math.max(0, Math.round((facts.endedAt - facts.sentAt) / 1000));
	return state.recipients.map((entry) => ({
		...entry,
		timedOut: facts.timedOut,
		batchId: facts.batchId ?? null,
		reference: facts.reference,
		sentAt: new Date(facts.sentAt).toISOString(),
		waitedSeconds,
	}));
}
