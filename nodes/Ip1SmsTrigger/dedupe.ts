import { createHash, randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { registrationsOf } from './lifecycle';
import { identityOf, ownerOf, selectedEvents, type TriggerIdentity } from './parameters';

/** One trigger node in one mode (test and production runs never suppress each other's events). */
export type DedupeScope = Pick<TriggerIdentity, 'workflowId' | 'nodeId' | 'test'>;

/** An event seen within this window starts nothing: memory stops it at once, static data after a restart or elsewhere. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Per trigger node and mode, in the memory of the n8n process. */
export const MEMORY_MAX_KEYS = 10_000;
/** Static data keeps at least the newest this many (one bucket more at most): iP.1's retries (10 × 10 min) across restarts. */
export const PERSISTED_MAX_KEYS = 1_000;

/** Entries read, written or dropped by de-duplication since the process started (tests count work with it). */
export const dedupeWork = { entries: 0 };

/*
 * How static data keeps seen events (format 2). n8n rewrites and re-parses the whole static data on every
 * call that changes it, so the record is compact: one fixed-width entry per event (fingerprint + minute),
 * packed into strings of BUCKET_SIZE entries; the oldest bucket goes as a whole. Entry `i` of a writer lives
 * in bucket `floor(i / BUCKET_SIZE)`, so a reader that took its first `k` entries reads only `k … n-1` next.
 */
interface PersistedSeen {
	v: 2;
	/** The process memory that wrote it (random per process and trigger): it never re-reads its own. */
	by: string;
	/** How many entries that writer has ever appended. */
	n: number;
	[bucket: `${number}`]: string;
}

export const BUCKET_SIZE = 50;
const KEPT_FULL_BUCKETS = Math.ceil(PERSISTED_MAX_KEYS / BUCKET_SIZE);
/** 64 bits of SHA-256, base64url: two different events share one with probability 2^-64. */
const FINGERPRINT_LENGTH = 11;
/** Epoch minutes, base 36, zero-padded (enough until the year 6000). */
const MINUTE_LENGTH = 6;
export const ENTRY_LENGTH = FINGERPRINT_LENGTH + MINUTE_LENGTH;
const MINUTE_MS = 60_000;

export function fingerprintOf(key: string): string {
	return createHash('sha256').update(key).digest().subarray(0, 8).toString('base64url');
}

/** The minute is rounded up: a restored entry is remembered up to a minute longer, never shorter. */
export function encodeEntry(fingerprint: string, atMs: number): string {
	return fingerprint + Math.ceil(atMs / MINUTE_MS).toString(36).padStart(MINUTE_LENGTH, '0');
}

type SeenEntry = { fingerprint: string; atMs: number };

function decodeEntry(bucket: string, index: number): SeenEntry | undefined {
	const start = index * ENTRY_LENGTH;
	if (start + ENTRY_LENGTH > bucket.length) return undefined;
	const minute = parseInt(bucket.slice(start + FINGERPRINT_LENGTH, start + ENTRY_LENGTH), 36);
	if (!Number.isFinite(minute)) return undefined;
	return { fingerprint: bucket.slice(start, start + FINGERPRINT_LENGTH), atMs: minute * MINUTE_MS };
}

export function isPersistedSeen(value: unknown): value is PersistedSeen {
	if (!value || typeof value !== 'object') return false;
	const record = value as Partial<PersistedSeen>;
	return record.v === 2 && typeof record.by === 'string' && Number.isSafeInteger(record.n) && (record.n ?? -1) >= 0;
}

/** Visits the entries `from … n-1` the record still holds, oldest first: work in proportion to those entries. */
export function forEachEntrySince(seen: PersistedSeen, from: number, visit: (entry: SeenEntry) => void): void {
	// Integer keys come first and in ascending order (ECMAScript's own-property order): oldest bucket first.
	for (const [key, bucket] of Object.entries(seen)) {
		const first = Number(key) * BUCKET_SIZE;
		if (!/^\d+$/.test(key) || typeof bucket !== 'string' || first + BUCKET_SIZE <= from) continue;
		for (let index = Math.max(0, from - first); index < BUCKET_SIZE && first + index < seen.n; index++) {
			const entry = decodeEntry(bucket, index);
			if (!entry) break;
			visit(entry);
		}
	}
}

/*
 * n8n writes the whole static data (~18 KB at 1,000 events) whenever a call or execution changed it; a write
 * per report made a storm queue up. So webhook calls hand it the record at most once per SAVE_INTERVAL_MS
 * (n8n 1.x saves it, 2.41.1 does not), executions too while others are to come in this process, and always
 * when none is: every event saved when a storm ends, nothing delayed. In queue mode only webhook calls save
 * (n8n 1.x; 2.41.1 neither, docs/queue-mode-dedupe.md).
 */
export const SAVE_INTERVAL_MS = 1_000;
/** Executions announced but never run (a crash, a queue worker running them) stop counting after this. */
const STARTED_FORGOTTEN_AFTER_MS = 60_000;

type SavingSide = 'webhook' | 'execution';

/**
 * One trigger's seen events in this process: a Map (fingerprint → when; insertion order makes evicting from the
 * front O(1)), the one record for static data (whichever concurrent save lands last holds all), and its pacing.
 */
class SeenEvents {
	/** Random per process: a record with this mark holds nothing this memory lacks. */
	readonly writer = randomBytes(6).toString('base64url');
	readonly record: PersistedSeen = { v: 2, by: this.writer, n: 0 };
	private readonly memory = new Map<string, number>();
	/** Of each other writer (another process, or this one before a restart): entries already taken. */
	private readonly takenFrom = new Map<string, number>();
	private oldestBucket = 0;
	private readonly newestInBucket = new Map<number, number>();
	private readonly lastHandedMs: Record<SavingSide, number> = { webhook: Number.NEGATIVE_INFINITY, execution: Number.NEGATIVE_INFINITY };
	private executionsToCome = 0;
	private lastStartedMs = Number.NEGATIVE_INFINITY;

	get size(): number {
		return this.memory.size;
	}

	/** Whether the event (by de-duplication key) was seen within the window; records it if not. */
	checkAndRecord(key: string, nowMs: number): boolean {
		const fingerprint = fingerprintOf(key);
		if (this.knows(fingerprint, nowMs)) return true;
		this.remember(fingerprint, nowMs, nowMs);
		return false;
	}

	/** Takes in what static data knows and this memory does not: only another writer's entries added since last time. */
	absorb(persisted: unknown, nowMs: number): void {
		if (!isPersistedSeen(persisted) || persisted.by === this.writer) return;
		const taken = this.takenFrom.get(persisted.by) ?? 0;
		if (persisted.n <= taken) return;
		forEachEntrySince(persisted, taken, ({ fingerprint, atMs }) => {
			dedupeWork.entries++;
			if (nowMs - atMs < DEDUPE_WINDOW_MS && !this.knows(fingerprint, nowMs)) this.remember(fingerprint, atMs, nowMs);
		});
		this.takenFrom.set(persisted.by, persisted.n);
	}

	/** A webhook call started an execution of this trigger in this process; its execution step will come. */
	executionStarted(nowMs: number): void {
		this.executionsToCome++;
		this.lastStartedMs = nowMs;
	}

	executionRan(): void {
		if (this.executionsToCome > 0) this.executionsToCome--;
	}

	/** Whether this side last handed static data the record at least SAVE_INTERVAL_MS ago. */
	saveDue(side: SavingSide, nowMs: number): boolean {
		return nowMs - this.lastHandedMs[side] >= SAVE_INTERVAL_MS;
	}

	/** Whether an execution of this trigger started in this process has not run its step yet. */
	othersToCome(nowMs: number): boolean {
		return this.executionsToCome > 0 && nowMs - this.lastStartedMs < STARTED_FORGOTTEN_AFTER_MS;
	}

	/** This side handed static data the record (n8n saves it when the call or execution ends). */
	recordHanded(side: SavingSide, nowMs: number): void {
		this.lastHandedMs[side] = nowMs;
	}

	private knows(fingerprint: string, nowMs: number): boolean {
		const at = this.memory.get(fingerprint);
		return at !== undefined && nowMs - at < DEDUPE_WINDOW_MS;
	}

	private remember(fingerprint: string, atMs: number, nowMs: number): void {
		dedupeWork.entries++;
		this.memory.delete(fingerprint);
		this.memory.set(fingerprint, atMs);
		// The oldest entries beyond the size bound go, and expired ones at the front.
		for (const [known, at] of this.memory) {
			if (this.memory.size <= MEMORY_MAX_KEYS && nowMs - at < DEDUPE_WINDOW_MS) break;
			dedupeWork.entries++;
			this.memory.delete(known);
		}
		this.append(fingerprint, atMs, nowMs);
	}

	private append(fingerprint: string, atMs: number, nowMs: number): void {
		const bucket = Math.floor(this.record.n++ / BUCKET_SIZE);
		this.record[`${bucket}`] = (this.record[`${bucket}`] ?? '') + encodeEntry(fingerprint, atMs);
		this.newestInBucket.set(bucket, Math.max(this.newestInBucket.get(bucket) ?? 0, atMs));
		// Whole buckets leave from the front: beyond the size bound, or when all their entries expired.
		while (
			this.oldestBucket < bucket &&
			(this.oldestBucket < bucket - KEPT_FULL_BUCKETS || nowMs - (this.newestInBucket.get(this.oldestBucket) ?? 0) >= DEDUPE_WINDOW_MS)
		) {
			dedupeWork.entries++;
			delete this.record[`${this.oldestBucket}`];
			this.newestInBucket.delete(this.oldestBucket);
			this.oldestBucket++;
		}
	}
}

type WithSeen = { seen?: PersistedSeen };

/**
 * What one n8n process remembers per trigger node and mode: concurrent requests each get their own copy of
 * static data, so only this stops a duplicate that arrives while the first is handled. (Tests play two.)
 */
export class SeenEventsOfProcess {
	private readonly stores = new Map<string, SeenEvents>();

	storeFor(scope: DedupeScope): SeenEvents {
		const key = `${scope.workflowId}\u0000${scope.nodeId}\u0000${scope.test ? 'test' : 'production'}`;
		const store = this.stores.get(key) ?? new SeenEvents();
		this.stores.set(key, store);
		return store;
	}

	/**
	 * Records the event and answers whether it was seen within the window: synchronous, so no request runs
	 * between check and record. With `persist` false static data is left untouched; the next persisting call writes it.
	 */
	checkAndRemember(scope: DedupeScope, staticData: IDataObject, key: string, nowMs: number, persist = true): { duplicate: boolean } {
		const store = this.storeFor(scope);
		const data = staticData as WithSeen;
		store.absorb(data.seen, nowMs);
		const duplicate = store.checkAndRecord(key, nowMs);
		if (!duplicate && persist) data.seen = store.record;
		return { duplicate };
	}

	forget(): void {
		this.stores.clear();
	}
}

const thisProcess = new SeenEventsOfProcess();

export const checkAndRemember = thisProcess.checkAndRemember.bind(thisProcess);

/** For tests: forget what this process has seen and when it last saved, as after a restart (static data is the caller's to reset). */
export function forgetSeenEvents(): void {
	thisProcess.forget();
}

export function seenCount(scope: DedupeScope): number {
	return thisProcess.storeFor(scope).size;
}

export function seenEventsOf(scope: DedupeScope): SeenEvents {
	return thisProcess.storeFor(scope);
}

/** Its step in the execution it started: passes the items on, hands static data the record (n8n 2.41.1 saves that). */
export async function executionStep(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const staticData = this.getWorkflowStaticData('node');
	const inbound = selectedEvents(this.getNodeParameter('events', 0, [])).has('inboundSms');
	const store = thisProcess.storeFor(identityOf(this));
	store.executionRan();
	// A copy from before an activation has no registration yet: saving it would wipe the record of what to restore.
	const current = !inbound || registrationsOf(staticData, ownerOf(this)).length > 0;
	// Paced: never by waiting, which would delay the workflow or let a later report's execution overtake it.
	const nowMs = Date.now();
	if (!current || (!store.saveDue('execution', nowMs) && store.othersToCome(nowMs))) return [items];
	// Handed only where static data lacks entries; a process that recorded nothing (a worker) writes nothing.
	const data = staticData as WithSeen;
	const holdsAll = isPersistedSeen(data.seen) && data.seen.by === store.writer && data.seen.n >= store.record.n;
	if (store.record.n === 0 || holdsAll) return [items];
	store.absorb(data.seen, nowMs);
	data.seen = store.record;
	store.recordHanded('execution', nowMs);
	return [items];
}
