import { sleep, WAIT_INDEFINITELY, type IDataObject, type IExecuteFunctions, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { normaliseDeliveryReport, normaliseMessage, readField } from '../../../../shared/dialect/documents';
import { messageOf } from '../../../../shared/errors/notes';
import { scrubUrls } from '../../../../shared/redaction';
import { ip1PaginatedRequest } from '../../../../shared/transport';
import { isPlainObject } from '../../../../shared/values';
import { SENT_AT_PARAM, WAIT_ANSWER_KEY, type WaitAnswer } from '../../../../shared/waitProtocol';

/** Query parameters of the delivery wait's resume URL: how many messages the batch has, when the limit is. */
export const COUNT_PARAM = 'ip1Count';
export const UNTIL_PARAM = 'ip1Until';

interface Call {
	batchId: string;
	query: Record<string, unknown>;
	body: IDataObject;
	wait: DeliveryWait;
	/** How many messages the batch has (1 for a URL of an earlier version, which did not say: read them all). */
	expected: number;
	counted: boolean;
}

/**
 * Send and Wait for Delivery: iP.1 posts each delivery report to the resume URL, answered at once and counted from
 * its own payload (DeliveryTally); the batch's messages are read only for the first report this process gets, one
 * it cannot place, and the time limit. The report that completes the tally resumes the execution; others keep
 * waiting (n8n refuses a second resume). A failed read answers 503: iP.1 retries (every 10 minutes, up to 10 times).
 */
export async function deliveryWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const body = isPlainObject(request.body) ? request.body : {};
	const batchId = readField(body, 'batchId');
	if (request.method !== 'POST' || typeof batchId !== 'string' || batchId === '') return waitAnswer('waiting');
	const query = request.query ?? {};
	const expected = Number(query[COUNT_PARAM]);
	const call: Call = {
		batchId,
		query,
		body,
		wait: deliveryWaitOf(`${this.getExecutionId()}/${this.getNode().id}`),
		expected: Number.isInteger(expected) && expected > 0 ? expected : 1,
		counted: Number.isInteger(expected) && expected > 0,
	};
	try {
		return body[LIMIT_CALL_KEY] === true ? await atLimit(this, call) : await onReport(this, call);
	} catch (error) {
		this.logger.warn(`iP.1 SMS Send and Wait for Delivery: the batch's messages could not be read (${messageOf(error)}); still waiting`);
		const answer = { [WAIT_ANSWER_KEY]: 'waiting', error: 'The batch could not be read; send the report again later' };
		this.getResponseObject().status(503).json(answer);
		return { noWebhookResponse: true };
	}
}

async function onReport(context: IWebhookFunctions, call: Call): Promise<IWebhookResponseData> {
	let tally = call.wait.tally ?? (await readInto(context, call));
	if (!tally.place(call.body)) {
		tally = await readInto(context, call);
		tally.place(call.body);
	}
	// From here to the answer nothing awaits: one report alone can see the tally complete first.
	return tally.complete ? resumeOnce(tally, call, false) : waitAnswer('waiting');
}

/** The node's own call at the time limit: what iP.1 knows now, read, is the output. */
async function atLimit(context: IWebhookFunctions, call: Call): Promise<IWebhookResponseData> {
	const until = Number(call.query[UNTIL_PARAM]);
	if (!Number.isFinite(until) || Date.now() < until - 1000 || call.wait.tally?.resumed) return waitAnswer('waiting');
	const tally = await readInto(context, call);
	return resumeOnce(tally, call, !tally.complete);
}

/** Only the first call to get here resumes the execution (n8n refuses a second resume): others keep waiting. */
function resumeOnce(tally: DeliveryTally, call: Call, timedOut: boolean): IWebhookResponseData {
	if (tally.resumed) return waitAnswer('waiting');
	tally.resumed = true;
	const items = deliveryItems(tally.state(), {
		batchId: call.batchId,
		reference: String(readField(call.body, 'reference') ?? ''),
		sentAt: sentAtOf(call.query),
		endedAt: Date.now(),
		timedOut,
	});
	return { webhookResponse: { [WAIT_ANSWER_KEY]: 'resumed' }, workflowData: [items.map((json) => ({ json }))] };
}

/** When the waiting SMS was sent, as its resume URL says (else now). */
export function sentAtOf(query: Record<string, unknown> | undefined): number {
	const sentAt = Number(query?.[SENT_AT_PARAM]);
	return Number.isFinite(sentAt) && sentAt > 0 ? sentAt : Date.now();
}

/** The answer that keeps the execution waiting: `waiting` (not for us, or not yet), `kept` (a reply that answers nothing). */
export function waitAnswer(answer: WaitAnswer): IWebhookResponseData {
	return { webhookResponse: { [WAIT_ANSWER_KEY]: answer } };
}

/** A wait this process has seen (by execution and node), in memory only: another process starts its own with one read. */
interface DeliveryWait {
	tally?: DeliveryTally;
	reading?: Promise<void>;
}

const MOST_WAITS = 2000;
const waits = new Map<string, DeliveryWait>();
/** Bumped by forgetDeliveryWaits(): timers of an earlier generation stop. */
let generation = 0;

function deliveryWaitOf(key: string): DeliveryWait {
	let wait = waits.get(key);
	if (!wait) {
		wait = {};
		waits.set(key, wait);
		if (waits.size > MOST_WAITS) waits.delete(waits.keys().next().value as string);
	}
	return wait;
}

/**
 * Reads the batch's messages into the wait's tally; calls arriving meanwhile share the one read. Asking for exactly
 * as many as the batch has ends the read on a full page (one request up to 1,000).
 */
async function readInto(context: IWebhookFunctions, { wait, batchId, expected, counted }: Call): Promise<DeliveryTally> {
	const path = `/v2/batches/${encodeURIComponent(batchId)}/messages`;
	wait.reading ??= (async () => {
		try {
			const tally = wait.tally ?? new DeliveryTally(expected);
			tally.learn((await ip1PaginatedRequest.call(context, { path, returnAll: !counted, limit: expected })).items);
			wait.tally = tally;
		} finally {
			wait.reading = undefined;
		}
	})();
	await wait.reading;
	return wait.tally as DeliveryTally;
}

/** Tests: forget every wait and stop every limit timer (as a new process would). */
export function forgetDeliveryWaits(): void {
	waits.clear();
	generation++;
}

/** The body of the call the node makes to its own resume URL when the time limit is reached. */
const LIMIT_CALL_KEY = 'ip1SmsLimit';

/**
 * n8n runs no node code at a wait's time limit (it passes the prepared output on). So that output says what iP.1
 * knows then, the sending process calls the resume URL at the limit itself and the webhook resumes with the batch
 * read then. n8n's own limit, a little later, backs up a process that restarted meanwhile (output: as sent).
 */
export function callAtLimit(context: IExecuteFunctions, key: string, url: string, call: { until: number; batchId?: string; reference: string }): void {
	const born = generation;
	const stillWanted = () => generation === born && waits.get(key)?.tally?.resumed !== true;
	void (async () => {
		while (Date.now() < call.until) {
			if (!stillWanted()) return;
			await sleep(Math.min(1000, call.until - Date.now()));
		}
		if (!stillWanted()) return;
		try {
			await context.helpers.httpRequest({
				method: 'POST',
				url,
				body: { [LIMIT_CALL_KEY]: true, batchId: call.batchId, reference: call.reference },
				json: true,
				ignoreHttpStatusErrors: true,
				timeout: 30_000,
			});
		} catch (error) {
			context.logger.warn(`iP.1 SMS Send and Wait for Delivery: the time limit could not resume the execution (${scrubUrls(messageOf(error), [url])}); n8n's own limit will`);
		}
	})();
}

/** What became of one recipient's SMS, in one word. */
function outcomeOf(status: IDataObject | undefined): 'delivered' | 'expired' | 'canceled' | 'failed' | 'pending' {
	if (!status || status.final !== true) return 'pending';
	if (status.delivered === true) return 'delivered';
	if (status.code === 202) return 'expired';
	if (status.code === 203) return 'canceled';
	return 'failed';
}

interface DeliveryState {
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
 * What this process knows of one Send and Wait for Delivery batch, counted from the delivery reports' own payloads:
 * no API read per report. It starts from one read of the batch's messages (reports answered 409 while the execution
 * still saved itself as waiting are in it), read again only for a report it cannot place. A final status never goes
 * back (reports may come out of order or twice).
 */
interface Entry {
	recipient: unknown;
	code: number;
	created?: unknown;
	final: boolean;
}

class DeliveryTally {
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
			this.set(message, status?.code, status?.created, status);
		}
	}

	/** A delivery report: false when it cannot be placed (no message id or code, or a message this batch does not have). */
	place(rawReport: IDataObject): boolean {
		const report = normaliseDeliveryReport(rawReport);
		if (report.id === '' || (typeof report.id === 'string' && !this.messages.has(report.id) && this.messages.size >= this.expected)) {
			return false;
		}
		return this.set(report, report.code, report.created, report.status as IDataObject | undefined);
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

	/** A message or report of a message: false without a message id or status code. */
	private set(document: IDataObject, statusCode: unknown, created: unknown, status: IDataObject | undefined): boolean {
		const { id } = document;
		const code = Number(statusCode);
		if (typeof id !== 'string' || !Number.isFinite(code)) return false;
		if (this.messages.get(id)?.final) return true;
		const final = status?.final === true;
		if (final) this.finals++;
		this.messages.set(id, { recipient: readField(document, 'recipient'), code, created, final });
		return true;
	}
}
