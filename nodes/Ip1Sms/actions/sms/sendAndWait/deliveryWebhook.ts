import { sleep, type IDataObject, type IExecuteFunctions, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { readField } from '../../../../shared/dialect/documents';
import { messageOf } from '../../../../shared/errors/notes';
import { scrubUrls } from '../../../../shared/redaction';
import { ip1PaginatedRequest } from '../../../../shared/transport';
import { isPlainObject } from '../../../../shared/values';
import { SENT_AT_PARAM, WAIT_ANSWER_KEY } from '../../../../shared/waitProtocol';
import { deliveryItems, DeliveryTally, type DeliveryState } from './deliveryTally';
import type { WaitRequest } from './replyWebhook';

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
 * Send and Wait for Delivery: iP.1 posts each delivery report of the batch to the resume URL. Each
 * is answered at once and counted from its own payload (deliveryTally.ts); the batch's messages are
 * read only when needed: the first report this process receives, a report it cannot place, and the
 * time limit (deliveryWaits.ts). The one report that completes the tally resumes the execution;
 * reports arriving with it keep waiting (n8n refuses a second resume). A failed read answers 503,
 * which iP.1 retries (every 10 minutes, up to 10 times).
 */
export async function deliveryWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as WaitRequest;
	const body = isPlainObject(request.body) ? request.body : {};
	const batchId = readField(body, 'batchId');
	if (request.method !== 'POST' || typeof batchId !== 'string' || batchId === '') return waiting();
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
		const response = this.getResponseObject() as unknown as { status(code: number): { json(body: unknown): unknown } };
		response.status(503).json({ [WAIT_ANSWER_KEY]: 'waiting', error: 'The batch could not be read; send the report again later' });
		return { noWebhookResponse: true };
	}
}

async function onReport(context: IWebhookFunctions, call: Call): Promise<IWebhookResponseData> {
	let tally = call.wait.tally ?? (await readInto(call.wait, call.expected, readMessages(context, call)));
	if (!tally.place(call.body)) {
		tally = await readInto(call.wait, call.expected, readMessages(context, call));
		tally.place(call.body);
	}
	// From here to the answer nothing awaits: one report alone can see the tally complete first.
	if (!tally.complete || tally.resumed) return waiting();
	tally.resumed = true;
	return resumeWith(tally.state(), call, false);
}

/** The node's own call at the time limit: what iP.1 knows now, read, is the output. */
async function atLimit(context: IWebhookFunctions, call: Call): Promise<IWebhookResponseData> {
	const until = Number(call.query[UNTIL_PARAM]);
	if (!Number.isFinite(until) || Date.now() < until - 1000 || call.wait.tally?.resumed) return waiting();
	const tally = await readInto(call.wait, call.expected, readMessages(context, call));
	if (tally.resumed) return waiting();
	tally.resumed = true;
	return resumeWith(tally.state(), call, !tally.complete);
}

function resumeWith(state: DeliveryState, call: Call, timedOut: boolean): IWebhookResponseData {
	const sentAt = Number(call.query[SENT_AT_PARAM]);
	const items = deliveryItems(state, {
		batchId: call.batchId,
		reference: String(readField(call.body, 'reference') ?? ''),
		sentAt: Number.isFinite(sentAt) && sentAt > 0 ? sentAt : Date.now(),
		endedAt: Date.now(),
		timedOut,
	});
	return { webhookResponse: { [WAIT_ANSWER_KEY]: 'resumed' }, workflowData: [items.map((json) => ({ json }))] };
}

/** The batch's messages; asking for exactly as many as it has ends the read on a full page (one request up to 1,000). */
function readMessages(context: IWebhookFunctions, call: Call): () => Promise<IDataObject[]> {
	const path = `/v2/batches/${encodeURIComponent(call.batchId)}/messages`;
	return async () => (await ip1PaginatedRequest.call(context, { path, returnAll: !call.counted, limit: call.expected })).items;
}

function waiting(): IWebhookResponseData {
	return { webhookResponse: { [WAIT_ANSWER_KEY]: 'waiting' } };
}

/**
 * The Send and Wait for Delivery waits this n8n process has seen: their tallies (deliveryTally.ts)
 * and the read of the batch that may be on its way. Keyed by execution and node. Kept in memory
 * only: another process (queue mode, a restart) starts its own tally with one read of the batch.
 */
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

/** Reads the batch's messages into the wait's tally; calls arriving meanwhile share the one read. */
async function readInto(wait: DeliveryWait, expected: number, read: () => Promise<IDataObject[]>): Promise<DeliveryTally> {
	wait.reading ??= (async () => {
		try {
			const tally = wait.tally ?? new DeliveryTally(expected);
			tally.learn(await read());
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
 * n8n runs no node code when a wait reaches its time limit (it passes the node's prepared output
 * on). So that the output at the limit says what iP.1 knows then, the process that sent the batch
 * calls the execution's resume URL at the limit itself; the webhook reads the batch's messages and
 * resumes with them (deliveryWebhook.ts). n8n's own limit is set a little later, as a backstop for a
 * process that restarted meanwhile (its output: what was known at sending).
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
