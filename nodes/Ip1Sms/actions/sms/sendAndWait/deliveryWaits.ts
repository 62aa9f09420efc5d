import { sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { messageOf } from '../../../../shared/errors/notes';
import { scrubUrls } from '../../../../shared/redaction';
import { DeliveryTally } from './deliveryTally';

/**
 * The Send and Wait for Delivery waits this n8n process has seen: their tallies (deliveryTally.ts)
 * and the read of the batch that may be on its way. Keyed by execution and node. Kept in memory
 * only: another process (queue mode, a restart) starts its own tally with one read of the batch.
 */
export interface DeliveryWait {
	tally?: DeliveryTally;
	reading?: Promise<void>;
}

const MOST_WAITS = 2000;
const waits = new Map<string, DeliveryWait>();
/** Bumped by forgetDeliveryWaits(): timers of an earlier generation stop. */
let generation = 0;

export function deliveryWaitOf(key: string): DeliveryWait {
	let wait = waits.get(key);
	if (!wait) {
		wait = {};
		waits.set(key, wait);
		if (waits.size > MOST_WAITS) waits.delete(waits.keys().next().value as string);
	}
	return wait;
}

/** Reads the batch's messages into the wait's tally; calls arriving meanwhile share the one read. */
export async function readInto(wait: DeliveryWait, expected: number, read: () => Promise<IDataObject[]>): Promise<DeliveryTally> {
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
export const LIMIT_CALL_KEY = 'ip1SmsLimit';

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
