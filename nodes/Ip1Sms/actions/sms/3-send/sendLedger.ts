import { createHash, randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isPlainObject } from '../../../../shared/values';

/*
 * Exactly once across tries: Retry On Fail, a retried execution (mode `retry`, which carries the
 * failed one's run data AND execution context over), a worker taking over. The ledger tells a later
 * try what an earlier one sent:
 * - it lives in n8n's node context, kept in the execution's data (in memory between tries, saved
 *   with a failed execution, so its retry gets it back);
 * - one entry per run of the node (`$runIndex`): a loop running the node on new items is no retry;
 * - references derive from the entry's key and what the request carries, so every try plans the
 *   same ones, and tomorrow's identical alert (a new execution, a new key) does not collide;
 * - a request is `pending` from just before its POST until the answer is clear, `taken` once iP.1
 *   took it. A later try skips what was taken and looks up what was pending.
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

export interface SendLedger {
	/** `n8n-` and 16 hex digits: the same on every try of this run for the same request. */
	referenceFor(identity: unknown): string;
	/** The batch id of a request iP.1 already took in an earlier try ('' when unknown), else undefined. */
	takenBatch(reference: string): string | undefined;
	/** When an earlier try started this request's POST without learning its outcome, else undefined. */
	pendingSince(reference: string): number | undefined;
	markPending(reference: string, at: number): void;
	markTaken(reference: string, batchId: string | undefined): void;
	/** iP.1 certainly did not take it (a refusal): a later try sends it again. */
	markNotTaken(reference: string): void;
}

/** The ledger of this run of the node (see the module comment). */
export function openSendLedger(context: IExecuteFunctions): SendLedger {
	const entry = ledgerEntry(context);
	const { pending, taken } = entry;
	return {
		referenceFor: (identity) => `n8n-${digest(entry.key, identity)}`,
		takenBatch: (reference) => (typeof taken[reference] === 'string' ? (taken[reference] as string) : undefined),
		pendingSince: (reference) => (typeof pending[reference] === 'number' ? (pending[reference] as number) : undefined),
		markPending: (reference, at) => {
			pending[reference] = at;
		},
		markTaken: (reference, batchId) => {
			delete pending[reference];
			taken[reference] = batchId ?? '';
		},
		markNotTaken: (reference) => {
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
