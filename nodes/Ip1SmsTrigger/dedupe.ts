import type { IDataObject } from 'n8n-workflow';

import { SeenEvents } from './seenStore';
import { triggerData } from './staticData';

export { DEDUPE_WINDOW_MS, dedupeWork, MEMORY_MAX_KEYS, PERSISTED_MAX_KEYS } from './seenStore';

export interface DedupeScope {
	workflowId: string;
	nodeId: string;
	/** Test runs and production runs never suppress each other's events. */
	test: boolean;
}

/**
 * What one n8n process remembers: one store per trigger node and mode, shared by every request the
 * process handles. Concurrent requests of a burst each get their own copy of static data from n8n,
 * so only this shared memory can stop a duplicate that arrives while the first is being handled.
 * (A class so that tests can play two processes that share only the database.)
 */
export class SeenEventsOfProcess {
	private readonly stores = new Map<string, SeenEvents>();

	storeFor(scope: DedupeScope): SeenEvents {
		const key = `${scope.workflowId}\u0000${scope.nodeId}\u0000${scope.test ? 'test' : 'production'}`;
		let store = this.stores.get(key);
		if (!store) {
			store = new SeenEvents();
			this.stores.set(key, store);
		}
		return store;
	}

	/**
	 * Records the event and answers whether it was seen before within the window. Synchronous on
	 * purpose: no other request can run between the check and the record. O(1) per call: static
	 * data is read only for what another writer added since last time, and the record handed back
	 * changes by one entry. With `persist` false static data is left untouched, so n8n does not save
	 * it; the event is still remembered, and the next call that persists writes it too.
	 */
	checkAndRemember(scope: DedupeScope, staticData: IDataObject, key: string, nowMs: number, persist = true): { duplicate: boolean } {
		const store = this.storeFor(scope);
		const data = triggerData(staticData);
		store.absorb(data.seen, nowMs);
		const result = store.checkAndRecord(key, nowMs);
		// The same object every time: n8n serialises it when it saves, so the last save to land
		// holds every event recorded so far, whatever order concurrent calls' saves land in.
		if (!result.duplicate && persist) data.seen = store.record;
		return result;
	}

	forget(): void {
		this.stores.clear();
	}
}

const thisProcess = new SeenEventsOfProcess();

export function checkAndRemember(
	scope: DedupeScope,
	staticData: IDataObject,
	key: string,
	nowMs: number,
	persist = true,
): { duplicate: boolean } {
	return thisProcess.checkAndRemember(scope, staticData, key, nowMs, persist);
}

/** For tests: forget what this process has seen (static data is the caller's to reset). */
export function forgetSeenEvents(): void {
	thisProcess.forget();
}

export function seenCount(scope: DedupeScope): number {
	return thisProcess.storeFor(scope).size;
}
