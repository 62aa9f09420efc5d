import type { IDataObject } from 'n8n-workflow';

import { normaliseDeliveryReport, normaliseMessage, readField } from '../../../../shared/dialect/documents';
import { deliveryState, type DeliveryState } from './deliveryOutcome';

/**
 * What this n8n process knows of one Send and Wait for Delivery batch, counted from the delivery
 * reports' own payloads (message id, recipient, code): no API read per report. It starts from one
 * read of the batch's messages (the first report this process receives: reports answered 409 while
 * the execution still saved itself as waiting are in that read) and is read again only for a report
 * it cannot place. A final status never goes back (reports may come out of order or twice).
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
