import { createHash, randomBytes } from 'crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { sendInWorkingForm } from '../../../../shared/dialect/enums';
import { asNodeError } from '../../../../shared/errors/apiErrors';
import { withNote } from '../../../../shared/errors/notes';
import { ip1ApiRequest, isUnclearOutcome } from '../../../../shared/transport';
import { cancelSignalOf, waitUnlessCancelled } from '../../../../shared/transport/cancellation';
import { CREDENTIAL_TYPE } from '../../../../shared/transport/context';
import { deriveDeliveryReportSecret, plainTriggerWebhookId, withSecret } from '../../../../shared/triggerUrls';
import { isPlainObject } from '../../../../shared/values';
import type { Priority } from '../1-read/settings';
import type { PlannedRequest } from '../2-plan/requests';
import { learnBatch, lookUpBatch, type Lookup, type PostedBatch, type SentBatch } from './sentBatch';

/** How long after an unclear answer a taken batch may be missing from iP.1's lists (looked up at 0.5, 1.5, 3.5, 7.5 s). */
const SETTLE_MS = 7_500;
const FIRST_LOOKUP_DELAY_MS = 500;
/** POSTs of one request at most, each answered unclearly and not found afterwards. */
const MAX_SENDS = 3;

/**
 * One planned request, sent exactly once whatever retries it (the send ledger below):
 * 1. taken by an earlier try of this run → not sent again, reported from iP.1's records;
 * 2. started by an earlier try without a clear answer → looked up by its reference first;
 * 3. sent; an unclear answer (no answer, a 5xx) is looked up: found → sent, certainly not listed →
 *    sent again (at most MAX_SENDS POSTs), cannot tell → the error, saying it was not sent again.
 * A refusal (4xx) means iP.1 took nothing: the error as it is.
 */
export async function sendExactlyOnce(context: IExecuteFunctions, ledger: SendLedger, request: PlannedRequest): Promise<SentBatch> {
	const reference = ledgerKey(request);
	const earlier = ledger.takenBatch(reference);
	if (earlier !== undefined) return await learnBatch(context, { request, body: undefined, found: { shape: 'sentInEarlierTry', batchId: earlier } });

	const startedBefore = ledger.pendingSince(reference);
	const lookup = startedBefore === undefined ? undefined : await settledLookup(context, request, startedBefore, startedBefore);
	if (lookup && 'unknown' in lookup) throw unknownOutcomeError(context, request, lookup.unknown);
	const posted: PostedBatch =
		lookup?.taken === true
			? { request, body: undefined, found: { shape: 'foundByReference', batchId: lookup.batchId } }
			: await postUntilClear(context, ledger, request, startedBefore ?? Date.now());
	// Taken from this moment on, whatever happens while its outcome is read.
	ledger.markTaken(reference, posted.found?.batchId);
	const sent = await learnBatch(context, posted);
	ledger.markTaken(reference, sent.batchId);
	return sent;
}

/** The request in the ledger: our derived reference (the tag, when the reference is the user's and others share it). */
function ledgerKey(request: PlannedRequest): string {
	return request.idempotencyTag ?? request.reference;
}

async function postUntilClear(context: IExecuteFunctions, ledger: SendLedger, request: PlannedRequest, since: number): Promise<PostedBatch> {
	const key = ledgerKey(request);
	for (let sends = 1; ; sends++) {
		ledger.markPending(key, since);
		let failure: unknown;
		try {
			return await postBatch(context, request);
		} catch (error) {
			failure = error;
		}
		if (!isUnclearOutcome(failure)) {
			ledger.markNotTaken(key);
			throw asNodeError(context.getNode(), failure);
		}
		const lookup = await settledLookup(context, request, since, Date.now());
		if ('unknown' in lookup) {
			const note = `Looking the batch up by its reference could not tell whether iP.1 took it (${lookup.unknown}).`;
			throw withNote(asNodeError(context.getNode(), failure), note);
		}
		if (lookup.taken) return { request, body: undefined, found: { shape: 'foundByReference', batchId: lookup.batchId } };
		if (sends >= MAX_SENDS) {
			ledger.markNotTaken(key);
			throw withNote(asNodeError(context.getNode(), failure), `Sent ${sends} times, each answered unclearly, and iP.1 lists none of them: nothing was sent.`);
		}
	}
}

/** Looks the request up until found, the lookup cannot tell, or SETTLE_MS have passed since `settleFrom`. */
async function settledLookup(context: IExecuteFunctions, request: PlannedRequest, sentSince: number, settleFrom: number): Promise<Lookup> {
	const signal = cancelSignalOf(context);
	for (let delay = FIRST_LOOKUP_DELAY_MS; ; delay *= 2) {
		const wait = Math.min(delay, settleFrom + SETTLE_MS - Date.now());
		if (wait > 0) await waitUnlessCancelled(wait, signal);
		const lookup = await lookUpBatch(context, request, sentSince);
		if (!('taken' in lookup) || lookup.taken || Date.now() >= settleFrom + SETTLE_MS) return lookup;
	}
}

function unknownOutcomeError(context: IExecuteFunctions, request: PlannedRequest, why: string): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`An earlier try sent the SMS batch with reference "${request.reference}" without a clear answer, and looking it up could not tell whether iP.1 took it`,
		{ itemIndex: request.itemIndex, description: `${why}. ${notSentAgain(request.reference)}` },
	);
}

/** What every error of a batch iP.1 may or may not have taken advises. */
function notSentAgain(reference: string): string {
	const advice = `Look for the batch with Batch → Get Many (reference "${reference}") before sending again.`;
	return `It was NOT sent again, so that no recipient gets it twice. ${advice}`;
}

const WIRE_PRIORITY: Record<Priority, number> = { normal: 1, high: 2 };

/** One POST, never sent twice (`retry: 'send'`); a 400 may be repeated once in the other enum form (shared/dialect/enums.ts). */
async function postBatch(context: IExecuteFunctions, request: PlannedRequest): Promise<PostedBatch> {
	const onTheWire = await withDeliveryReportSecret(context, request);
	const { reference } = request;
	const unclearOutcomeHint =
		`iP.1 may or may not have accepted this SMS batch (reference "${reference}"). ` + notSentAgain(reference);
	const body = await sendInWorkingForm(context, wireBody(onTheWire), async (wire) =>
		await ip1ApiRequest.call(context, {
			method: 'POST',
			path: '/v2/batches',
			body: wire,
			retry: 'send',
			itemIndex: request.itemIndex,
			unclearOutcomeHint,
		}),
	);
	return { request, body };
}

/**
 * A Delivery Report URL that is an iP.1 SMS Trigger's plain Production or Test URL gets the trigger's
 * delivery-report secret, derived from this send's credential (as the trigger derives it). Only the
 * wire body holds it: outputs and errors keep the plain URL. Any other URL is sent as given.
 */
async function withDeliveryReportSecret(context: IExecuteFunctions, request: PlannedRequest): Promise<PlannedRequest> {
	const url = request.settings.deliveryReportUrl;
	const webhookId = url ? plainTriggerWebhookId(url) : undefined;
	if (!url || !webhookId) return request;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, request.itemIndex);
	const token = typeof credentials.apiToken === 'string' ? credentials.apiToken : '';
	if (token.trim() === '') return request;
	const deliveryReportUrl = withSecret(url, deriveDeliveryReportSecret(token, webhookId));
	return { ...request, settings: { ...request.settings, deliveryReportUrl } };
}

/** The JSON body: `type` and `datacoding` lowercase (the dialect writes the API's form), `priority` an integer. */
function wireBody(request: PlannedRequest): IDataObject {
	const { settings } = request;
	const body: IDataObject = {
		sender: settings.sender,
		recipients: request.recipients as IDataObject,
		body: settings.text,
		type: settings.type,
		datacoding: request.datacoding,
		priority: WIRE_PRIORITY[settings.priority],
		reference: request.reference,
	};
	if (settings.deliveryWindows.length > 0) body.deliveryWindows = settings.deliveryWindows.map((window) => ({ ...window }));
	if (settings.deliveryReportUrl) body.deliveryReportUrl = settings.deliveryReportUrl;
	const tags = request.idempotencyTag ? [...settings.tags, request.idempotencyTag] : settings.tags;
	if (tags.length > 0) body.tags = [...tags];
	return body;
}

/*
 * Exactly once across tries: Retry On Fail, a retried execution (mode `retry`, which carries the failed one's run
 * data AND execution context over), a worker taking over. The ledger tells a later try what an earlier one sent:
 * - it lives in n8n's node context, kept in the execution's data (in memory between tries, saved with a failed
 *   execution, so its retry gets it back);
 * - one entry per run of the node (`$runIndex`): a loop running the node on new items is no retry;
 * - references derive from the entry's key and what the request carries, so every try plans the same ones, and
 *   tomorrow's identical alert (a new execution, a new key) does not collide;
 * - a request is `pending` from just before its POST until the answer is clear, `taken` once iP.1 took it.
 */

const CONTEXT_KEY = 'ip1SmsSends';
/** The hex digits of a derived reference: 64 bits, as the random references before them. */
const REFERENCE_DIGITS = 16;

interface LedgerEntry extends IDataObject {
	key: string;
	/** reference → when its POST started (ms since the epoch); no clear answer yet. */
	pending: IDataObject;
	/** reference → the batch id iP.1 gave it ('' when its answer carried none). */
	taken: IDataObject;
}

export type SendLedger = ReturnType<typeof openSendLedger>;

export function openSendLedger(context: IExecuteFunctions) {
	const entry = ledgerEntry(context);
	const { pending, taken } = entry;
	return {
		/** `n8n-` and 16 hex digits: the same on every try of this run for the same request. */
		referenceFor: (identity: unknown) => `n8n-${digest(entry.key, identity)}`,
		/** The batch id of a request iP.1 already took in an earlier try ('' when unknown), else undefined. */
		takenBatch: (reference: string) => (typeof taken[reference] === 'string' ? (taken[reference] as string) : undefined),
		/** When an earlier try started this request's POST without learning its outcome, else undefined. */
		pendingSince: (reference: string) => (typeof pending[reference] === 'number' ? (pending[reference] as number) : undefined),
		markPending: (reference: string, at: number) => {
			pending[reference] = at;
		},
		markTaken: (reference: string, batchId: string | undefined) => {
			delete pending[reference];
			taken[reference] = batchId ?? '';
		},
		/** iP.1 certainly did not take it (a refusal): a later try sends it again. */
		markNotTaken: (reference: string) => {
			delete pending[reference];
		},
	};
}

function ledgerEntry(context: IExecuteFunctions): LedgerEntry {
	const nodeContext = context.getContext('node');
	const runs = isPlainObject(nodeContext[CONTEXT_KEY]) ? (nodeContext[CONTEXT_KEY] as IDataObject) : {};
	nodeContext[CONTEXT_KEY] = runs;
	const runIndex = context.getWorkflowDataProxy(0).$runIndex;
	const run = String(typeof runIndex === 'number' ? runIndex : 0);
	const existing = runs[run];
	if (isPlainObject(existing) && typeof existing.key === 'string' && isPlainObject(existing.pending) && isPlainObject(existing.taken)) {
		return existing as LedgerEntry;
	}
	const entry: LedgerEntry = { key: runKey(context, run), pending: {}, taken: {} };
	runs[run] = entry;
	return entry;
}

/** The first try's key: from the execution's id (a process taking it over without its context agrees), else random. */
function runKey(context: IExecuteFunctions, run: string): string {
	const executionId = context.getExecutionId?.();
	if (!executionId) return randomBytes(8).toString('hex');
	const { id: nodeId, name } = context.getNode();
	return digest(String(context.getWorkflow().id ?? ''), [nodeId ?? name, executionId, run]);
}

function digest(key: string, identity: unknown): string {
	return createHash('sha256').update(key).update('\u0000').update(JSON.stringify(identity)).digest('hex').slice(0, REFERENCE_DIGITS);
}
