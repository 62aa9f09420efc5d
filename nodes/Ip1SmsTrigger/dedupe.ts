import type { IDataObject } from 'n8n-workflow';

import { triggerData } from './staticData';

/** An event seen within this window does not start the workflow again. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Per trigger node and mode, in the memory of the n8n process. */
export const MEMORY_MAX_KEYS = 10_000;
/**
 * Copied into the workflow's static data, which n8n writes to its database after every webhook
 * call: kept small so that the write stays cheap. It bridges n8n restarts for the most recent
 * events, which is what iP.1's retries (every 10 minutes, up to 10 times) need.
 */
export const PERSISTED_MAX_KEYS = 1_000;

/**
 * Seen events in insertion order (Map order), which is time order except for entries merged from
 * static data; evicting from the front is therefore O(1) and at worst slightly early for those.
 */
class SeenEvents {
	private readonly seen = new Map<string, number>();

	has(key: string, nowMs: number): boolean {
		const at = this.seen.get(key);
		return at !== undefined && nowMs - at < DEDUPE_WINDOW_MS;
	}

	add(key: string, atMs: number): void {
		this.seen.delete(key);
		this.seen.set(key, atMs);
		this.evict(atMs);
	}

	/** Adds what static data remembers (after a restart, or from another n8n process). */
	merge(persisted: Record<string, number>, nowMs: number): void {
		for (const [key, seconds] of Object.entries(persisted)) {
			const atMs = seconds * 1000;
			if (!this.seen.has(key) && nowMs - atMs < DEDUPE_WINDOW_MS) this.seen.set(key, atMs);
		}
		this.evict(nowMs);
	}

	get size(): number {
		return this.seen.size;
	}

	/** Drops the oldest entries beyond the size bound, and expired ones at the front. */
	private evict(nowMs: number): void {
		for (const [key, at] of this.seen) {
			if (this.seen.size <= MEMORY_MAX_KEYS && nowMs - at < DEDUPE_WINDOW_MS) break;
			this.seen.delete(key);
		}
	}
}

// One store per trigger node and mode, shared by all requests this process handles. Concurrent
// requests of a burst each get their own copy of static data from n8n, so only this shared memory
// can stop a duplicate that arrives while the first copy is still being handled.
const stores = new Map<string, SeenEvents>();

export interface DedupeScope {
	workflowId: string;
	nodeId: string;
	/** Test runs and production runs never suppress each other's events. */
	test: boolean;
}

function storeFor(scope: DedupeScope): SeenEvents {
	const key = `${scope.workflowId}\u0000${scope.nodeId}\u0000${scope.test ? 'test' : 'production'}`;
	let store = stores.get(key);
	if (!store) {
		store = new SeenEvents();
		stores.set(key, store);
	}
	return store;
}

/**
 * Records the event and answers whether it was seen before within the window. Synchronous on
 * purpose: no other request can run between the check and the record. With `persist` false the
 * event is remembered in memory only and static data is left untouched, so n8n does not save it.
 */
export function checkAndRemember(
	scope: DedupeScope,
	staticData: IDataObject,
	key: string,
	nowMs: number,
	persist = true,
): { duplicate: boolean } {
	const store = storeFor(scope);
	const data = triggerData(staticData);
	const persisted = data.seen && typeof data.seen === 'object' ? data.seen : {};
	store.merge(persisted, nowMs);
	if (store.has(key, nowMs)) return { duplicate: true };
	store.add(key, nowMs);
	if (persist) data.seen = boundPersisted({ ...persisted, [key]: Math.floor(nowMs / 1000) }, nowMs);
	return { duplicate: false };
}

function boundPersisted(entries: Record<string, number>, nowMs: number): Record<string, number> {
	const fresh = Object.entries(entries).filter(
		([, seconds]) => typeof seconds === 'number' && nowMs - seconds * 1000 < DEDUPE_WINDOW_MS,
	);
	fresh.sort((a, b) => a[1] - b[1]);
	return Object.fromEntries(fresh.slice(-PERSISTED_MAX_KEYS));
}

/** For tests: forget what this process has seen (static data is the caller's to reset). */
export function forgetSeenEvents(): void {
	stores.clear();
}

export function seenCount(scope: DedupeScope): number {
	return storeFor(scope).size;
}
