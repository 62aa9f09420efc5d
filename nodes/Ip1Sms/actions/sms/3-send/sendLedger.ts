import { createHash, randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isPlainObject } from '../../../../shared/values';

/*
 * Exactly once across tries. n8n may run the node again on the same input: Retry On Fail (another
 * try in the same execution), a retried execution (the executions list's Retry: a new execution in
 * mode `retry` that carries the failed one's run data AND its execution context over), a worker that
 * takes over an execution. The ledger is what lets a later try know what an earlier one sent:
 *
 * - it lives in n8n's node context (`getContext('node')`), which n8n keeps in the execution's data:
 *   in memory between tries, and saved with a failed execution, so its retry gets it back;
 * - one entry per run of the node (`$runIndex`): a loop that runs the node again on new items is a
 *   new run, not a retry;
 * - each request's reference is derived from the entry's key and what the request carries (item,
 *   recipients, text), so every try plans the same references, and tomorrow's identical alert (a
 *   new execution, a new key) does not collide with today's;
 * - a request is `pending` from just before its POST until the answer is clear, and `taken` once iP.1
 *   took it (with its batch id). A later try skips what was taken and looks up what was pending.
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
	const run = String(runIndexOf(context));
	const existing = runs[run];
	if (isPlainObject(existing) && typeof existing.key === 'string' && isPlainObject(existing.pending) && isPlainObject(existing.taken)) {
		return existing as LedgerEntry;
	}
	const entry: LedgerEntry = { key: runKey(context, run), pending: {}, taken: {} };
	runs[run] = entry;
	return entry;
}

/**
 * The first try's key. From the execution's id where there is one, so that a process taking over the
 * same execution without its saved context still derives the same references; random otherwise.
 */
function runKey(context: IExecuteFunctions, run: string): string {
	const executionId = context.getExecutionId?.();
	if (!executionId) return randomBytes(8).toString('hex');
	const { id: nodeId, name } = context.getNode();
	return digest(String(context.getWorkflow().id ?? ''), [nodeId ?? name, executionId, run]);
}

function runIndexOf(context: IExecuteFunctions): number {
	const runIndex = context.getWorkflowDataProxy(0).$runIndex;
	return typeof runIndex === 'number' ? runIndex : 0;
}

function digest(key: string, identity: unknown): string {
	return createHash('sha256').update(key).update('\u0000').update(JSON.stringify(identity)).digest('hex').slice(0, REFERENCE_DIGITS);
}
