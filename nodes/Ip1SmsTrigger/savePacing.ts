/** One trigger node in one mode: what de-duplication and save pacing keep apart. */
export interface DedupeScope {
	workflowId: string;
	nodeId: string;
	/** Test runs and production runs never suppress each other's events. */
	test: boolean;
}

/*
 * How often the de-duplication record goes to n8n's database. n8n writes a workflow's whole static
 * data (the record is ~18 KB at 1,000 events) whenever a webhook call or an execution changed it; one
 * write per delivery report made a campaign's report storm queue up behind the database. Memory
 * stops duplicates in the process at once either way; static data is what survives a restart (and
 * what other processes read), so it is handed the record:
 * - by webhook calls, at most once per SAVE_INTERVAL_MS per trigger (n8n 1.x saves what a call
 *   changed; 2.41.1 does not);
 * - by executions, at most once per SAVE_INTERVAL_MS while other executions of the trigger are still
 *   to come in this process (a burst: calls answered, their executions not yet run), and always by an
 *   execution that finds none to come, which is the last of a burst and every one of a quiet stream.
 * So a storm costs about one write a second per side, and when it ends the database holds every event,
 * as before: the execution runs in the process that took the call (regular mode). Nothing waits:
 * executions are neither delayed nor reordered by this.
 * In queue mode the execution runs on a worker, which has nothing to save; there only the webhook
 * side saves (n8n 1.x; 2.41.1 saves neither, docs/queue-mode-dedupe.md), once a second, so the events
 * of a burst's last second reach the database with the next event after it.
 */
export const SAVE_INTERVAL_MS = 1_000;
/** Executions announced but never run (a crash, a queue worker running them) stop counting after this. */
const STARTED_FORGOTTEN_AFTER_MS = 60_000;

export type SavingSide = 'webhook' | 'execution';

class Pacing {
	private readonly lastHandedMs: Record<SavingSide, number> = { webhook: Number.NEGATIVE_INFINITY, execution: Number.NEGATIVE_INFINITY };
	private executionsToCome = 0;
	private lastStartedMs = Number.NEGATIVE_INFINITY;

	started(nowMs: number): void {
		this.executionsToCome++;
		this.lastStartedMs = nowMs;
	}

	executionRan(): void {
		if (this.executionsToCome > 0) this.executionsToCome--;
	}

	intervalOver(side: SavingSide, nowMs: number): boolean {
		return nowMs - this.lastHandedMs[side] >= SAVE_INTERVAL_MS;
	}

	othersToCome(nowMs: number): boolean {
		return this.executionsToCome > 0 && nowMs - this.lastStartedMs < STARTED_FORGOTTEN_AFTER_MS;
	}

	handed(side: SavingSide, nowMs: number): void {
		this.lastHandedMs[side] = nowMs;
	}
}

const pacings = new Map<string, Pacing>();

/** One trigger node of one workflow in one mode: the key of its seen events (dedupe.ts) and of its pacing. */
export function scopeKey(scope: DedupeScope): string {
	return `${scope.workflowId}\u0000${scope.nodeId}\u0000${scope.test ? 'test' : 'production'}`;
}

function pacingOf(scope: DedupeScope): Pacing {
	const key = scopeKey(scope);
	let pacing = pacings.get(key);
	if (!pacing) {
		pacing = new Pacing();
		pacings.set(key, pacing);
	}
	return pacing;
}

/** A webhook call started an execution of this trigger in this process; its execution step will come. */
export function executionStarted(scope: DedupeScope, nowMs: number): void {
	pacingOf(scope).started(nowMs);
}

/** The execution step ran. */
export function executionRan(scope: DedupeScope): void {
	pacingOf(scope).executionRan();
}

/** Whether this side last handed static data the record at least SAVE_INTERVAL_MS ago. */
export function saveDue(scope: DedupeScope, side: SavingSide, nowMs: number): boolean {
	return pacingOf(scope).intervalOver(side, nowMs);
}

/** Whether an execution of this trigger started in this process has not run its step yet. */
export function othersToCome(scope: DedupeScope, nowMs: number): boolean {
	return pacingOf(scope).othersToCome(nowMs);
}

/** This side handed static data the record (n8n saves it when the call or execution ends). */
export function recordHanded(scope: DedupeScope, side: SavingSide, nowMs: number): void {
	pacingOf(scope).handed(side, nowMs);
}

/** For tests: as after a restart. */
export function forgetSavePacing(): void {
	pacings.clear();
}
