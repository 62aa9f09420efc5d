import type { IDataObject } from 'n8n-workflow';

import { forgetSavePacing, scopeKey, type DedupeScope } from './savePacing';
import { isPersistedSeen } from './seenFormat';
import { SeenEvents } from './seenStore';
import { triggerData } from './staticData';

export { DEDUPE_WINDOW_MS, dedupeWork, MEMORY_MAX_KEYS, PERSISTED_MAX_KEYS } from './seenStore';

export type { DedupeScope } from './savePacing';

/**
 * What one n8n process remembers: one store per trigger node and mode, shared by every request the
 * process handles. Concurrent requests of a burst each get their own copy of static data from n8n,
 * so only this shared memory can stop a duplicate that arrives while the first is being handled.
 * (A class so that tests can play two processes that share only the database.)
 */
export class SeenEventsOfProcess {
	private readonly stores = new Map<string, SeenEvents>();

	storeFor(scope: DedupeScope): SeenEvents {
		let store = this.existingStore(scope);
		if (!store) {
			store = new SeenEvents();
			this.stores.set(scopeKey(scope), store);
		}
		return store;
	}

	existingStore(scope: DedupeScope): SeenEvents | undefined {
		return this.stores.get(scopeKey(scope));
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

/** For tests: forget what this process has seen and when it last saved, as after a restart (static data is the caller's to reset). */
export function forgetSeenEvents(): void {
	thisProcess.forget();
	forgetSavePacing();
}

export function seenCount(scope: DedupeScope): number {
	return thisProcess.storeFor(scope).size;
}

/**
 * Hands an execution's static data the record of this process, when it lacks entries this process
 * recorded: n8n 2.41.1 does not save what the webhook call's static data got (it resets its change
 * flag before the save), but it does save an execution's static data when the execution ends. A
 * process that recorded nothing for the scope (a queue worker) writes nothing.
 */
export function persistFromExecution(scope: DedupeScope, staticData: IDataObject, nowMs: number): boolean {
	const store = thisProcess.existingStore(scope);
	if (!store || store.record.n === 0) return false;
	const data = triggerData(staticData);
	if (isPersistedSeen(data.seen) && data.seen.by === store.writer && data.seen.n >= store.record.n) return false;
	store.absorb(data.seen, nowMs);
	data.seen = store.record;
	return true;
}
