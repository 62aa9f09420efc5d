import { WAIT_INDEFINITELY, type IDataObject } from 'n8n-workflow';

import { normaliseDeliveryReport, normaliseMessage, readField } from '../../../../shared/dialect/documents';
/** What became of one recipient's SMS, in one word. */
type Outcome = 'delivered' | 'expired' | 'canceled' | 'failed' | 'pending';

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

/**
 * What this process knows of one Send and Wait for Delivery batch, counted from the delivery reports'
 * own payloads: no API read per report. It starts from one read of the batch's messages (reports
 * answered 409 while the execution still saved itself as waiting are in it), read again only for a
 * report it cannot place. A final status never goes back (reports may come out of order or twice).
 */
interface Entry {
	recipient: unknown;
	code: number;
	created?: unknown;
	final: boolean;
}

export class DeliveryTally {
	private readonly messages = new Map<string, Entry>();
	private finals = 0;
	/** Set by the one report that resumes the execution: every other one keeps waiting. */
	resumed = false;

	constructor(private readonly expected: number) {}

	/** The batch's messages as read (GET /v2/batches/{id}/messages). */
	learn(rawMessages: IDataObject[]): void {
		for (const raw of rawMessages) {
			const message = normaliseMessage(raw);
			const status = message.status as IDataObject | undefined;
			const code = Number(status?.code);
			if (typeof message.id !== 'string' || !Number.isFinite(code)) continue;
			this.set(message.id, { recipient: readField(message, 'recipient'), code, created: status?.created, final: isFinal(status) });
		}
	}

	/** A delivery report: false when it cannot be placed (no message id or code, or a message this batch does not have). */
	place(rawReport: IDataObject): boolean {
		const report = normaliseDeliveryReport(rawReport);
		const code = Number(report.code);
		if (typeof report.id !== 'string' || report.id === '' || !Number.isFinite(code)) return false;
		if (!this.messages.has(report.id) && this.messages.size >= this.expected) return false;
		const status = report.status as IDataObject | undefined;
		this.set(report.id, { recipient: readField(report, 'recipient'), code, created: report.created, final: isFinal(status) });
		return true;
	}

	get complete(): boolean {
		return this.messages.size >= this.expected && this.finals >= this.messages.size;
	}

	/** The state as outputs show it, one entry per message in the order they became known. */
	state(): DeliveryState {
		const raw = [...this.messages].map(([id, entry]) => ({
			id,
			recipient: entry.recipient,
			statuses: [{ code: entry.code, created: entry.created, duration: entry.final ? 1 : 0 }],
		}));
		return deliveryState(raw as IDataObject[]);
	}

	private set(id: string, entry: Entry): void {
		const known = this.messages.get(id);
		if (known?.final) return;
		if (entry.final) this.finals++;
		this.messages.set(id, entry);
	}
}

function isFinal(status: IDataObject | undefined): boolean {
	return status?.final === true;
}
