import { randomBytes } from 'crypto';

import {
	BUCKET_SIZE,
	bucketOf,
	encodeEntry,
	fingerprintOf,
	forEachEntrySince,
	isPersistedSeen,
	type PersistedSeen,
} from './seenFormat';

/** An event seen within this window does not start the workflow again. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Per trigger node and mode, in the memory of the n8n process. */
export const MEMORY_MAX_KEYS = 10_000;
/**
 * Static data keeps at least the newest this many (at most one bucket more), which bridges n8n
 * restarts for what iP.1's retries (every 10 minutes, up to 10 times) need.
 */
export const PERSISTED_MAX_KEYS = 1_000;
const KEPT_FULL_BUCKETS = Math.ceil(PERSISTED_MAX_KEYS / BUCKET_SIZE);

/** Entries read, written or dropped by de-duplication since the process started (tests count work with it). */
export const dedupeWork = { entries: 0 };

/**
 * One trigger's seen events in this process: a Map (fingerprint → when, in insertion order, so
 * evicting from the front is O(1)) and the compact record it puts into static data, kept up to date
 * entry by entry. Every call that records an event hands static data this same record, so whichever
 * of several concurrent calls' saves lands last, it writes everything recorded so far.
 */
export class SeenEvents {
	/** Random per process: a record with this mark holds nothing this memory lacks. */
	readonly writer = randomBytes(6).toString('base64url');
	readonly record: PersistedSeen = { v: 2, by: this.writer, n: 0 };
	private readonly memory = new Map<string, number>();
	/** Of each other writer (another process, or this one before a restart): entries already taken. */
	private readonly takenFrom = new Map<string, number>();
	private oldestBucket = 0;
	private readonly newestInBucket = new Map<number, number>();

	get size(): number {
		return this.memory.size;
	}

	/** Whether the event (by de-duplication key) was seen within the window; records it if not. */
	checkAndRecord(key: string, nowMs: number): { duplicate: boolean } {
		const fingerprint = fingerprintOf(key);
		if (this.knows(fingerprint, nowMs)) return { duplicate: true };
		this.remember(fingerprint, nowMs, nowMs);
		return { duplicate: false };
	}

	/**
	 * Takes in what a call's copy of static data knows that this memory does not: nothing if this
	 * memory wrote it, only the entries added since last time if another writer did.
	 */
	absorb(persisted: unknown, nowMs: number): void {
		if (isPersistedSeen(persisted)) {
			if (persisted.by === this.writer) return;
			const taken = this.takenFrom.get(persisted.by) ?? 0;
			if (persisted.n <= taken) return;
			forEachEntrySince(persisted, taken, ({ fingerprint, atMs }) => {
				dedupeWork.entries++;
				if (nowMs - atMs < DEDUPE_WINDOW_MS && !this.knows(fingerprint, nowMs)) this.remember(fingerprint, atMs, nowMs);
			});
			this.takenFrom.set(persisted.by, persisted.n);
		}
	}

	private knows(fingerprint: string, nowMs: number): boolean {
		const at = this.memory.get(fingerprint);
		return at !== undefined && nowMs - at < DEDUPE_WINDOW_MS;
	}

	private remember(fingerprint: string, atMs: number, nowMs: number): void {
		dedupeWork.entries++;
		this.memory.delete(fingerprint);
		this.memory.set(fingerprint, atMs);
		this.evictFromMemory(nowMs);
		this.append(fingerprint, atMs, nowMs);
	}

	/** Drops the oldest entries beyond the size bound, and expired ones at the front. */
	private evictFromMemory(nowMs: number): void {
		for (const [fingerprint, at] of this.memory) {
			if (this.memory.size <= MEMORY_MAX_KEYS && nowMs - at < DEDUPE_WINDOW_MS) break;
			dedupeWork.entries++;
			this.memory.delete(fingerprint);
		}
	}

	private append(fingerprint: string, atMs: number, nowMs: number): void {
		const sequence = this.record.n;
		const bucketKey = bucketOf(sequence);
		const bucket = Number(bucketKey);
		this.record[bucketKey] = (this.record[bucketKey] ?? '') + encodeEntry(fingerprint, atMs);
		this.record.n = sequence + 1;
		this.newestInBucket.set(bucket, Math.max(this.newestInBucket.get(bucket) ?? 0, atMs));
		// Whole buckets leave from the front: beyond the size bound, or when all their entries expired.
		while (
			this.oldestBucket < bucket &&
			(this.oldestBucket < bucket - KEPT_FULL_BUCKETS || nowMs - (this.newestInBucket.get(this.oldestBucket) ?? 0) >= DEDUPE_WINDOW_MS)
		) {
			dedupeWork.entries++;
			delete this.record[bucketOf(this.oldestBucket * BUCKET_SIZE)];
			this.newestInBucket.delete(this.oldestBucket);
			this.oldestBucket++;
		}
	}
}
