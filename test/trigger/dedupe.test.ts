import type { IDataObject } from 'n8n-workflow';

import {
	BUCKET_SIZE,
	checkAndRemember,
	DEDUPE_WINDOW_MS,
	dedupeWork,
	encodeEntry,
	ENTRY_LENGTH,
	fingerprintOf,
	forEachEntrySince,
	forgetSeenEvents,
	isPersistedSeen,
	MEMORY_MAX_KEYS,
	PERSISTED_MAX_KEYS,
	SeenEventsOfProcess,
	seenCount,
	type DedupeScope,
} from '../../nodes/Ip1SmsTrigger/dedupe';

const scope: DedupeScope = { workflowId: 'wf', nodeId: 'node', test: false };

/*
 * The limits docs/trigger.md promises, written out: a change of the product's constants must break
 * these tests (they are not read from the constants they check).
 */
const DOCUMENTED_WINDOW_MS = 24 * 60 * 60 * 1000;
const DOCUMENTED_MEMORY_KEYS = 10_000;
const DOCUMENTED_PERSISTED_KEYS = 1_000;

test('the documented limits: 24 hours, 10,000 events in memory, the newest 1,000 in static data', () => {
	expect(DEDUPE_WINDOW_MS).toBe(DOCUMENTED_WINDOW_MS);
	expect(MEMORY_MAX_KEYS).toBe(DOCUMENTED_MEMORY_KEYS);
	expect(PERSISTED_MAX_KEYS).toBe(DOCUMENTED_PERSISTED_KEYS);
});
const start = Date.UTC(2026, 0, 1);

/** What n8n does around a webhook call: a fresh copy of the database's static data in, saved if changed. */
class Database {
	staticData: IDataObject = {};
	load(): IDataObject {
		return JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
	}
	save(copy: IDataObject): void {
		this.staticData = JSON.parse(JSON.stringify(copy)) as IDataObject;
	}
	/** Fingerprints the saved record holds. */
	persisted(): Set<string> {
		const fingerprints = new Set<string>();
		const seen = this.staticData.seen;
		if (isPersistedSeen(seen)) forEachEntrySince(seen, 0, ({ fingerprint }) => fingerprints.add(fingerprint));
		return fingerprints;
	}
}

/** One webhook call of `process`: load, check, save when something new was recorded. */
function deliver(process: SeenEventsOfProcess, database: Database, key: string, nowMs: number): boolean {
	const copy = database.load();
	const { duplicate } = process.checkAndRemember(scope, copy, key, nowMs);
	if (!duplicate) database.save(copy);
	return duplicate;
}

/**
 * Many calls of one process in a row, as if each call's save landed before the next call loaded
 * (the process's record is handed to static data by reference): one copy, saved once, keeps the
 * fill cheap; the measured calls go through `deliver`.
 */
function fill(process: SeenEventsOfProcess, database: Database, keys: string[], timeOf: (index: number) => number): void {
	const copy = database.load();
	keys.forEach((key, index) => process.checkAndRemember(scope, copy, key, timeOf(index)));
	database.save(copy);
}

const keys = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, index) => `${prefix}-${from + index}`);

beforeEach(() => forgetSeenEvents());

describe('de-duplication window', () => {
	test('a key is a duplicate for 24 hours, then new again', () => {
		const staticData: IDataObject = {};
		expect(checkAndRemember(scope, staticData, 'k', start).duplicate).toBe(false);
		expect(checkAndRemember(scope, staticData, 'k', start + DOCUMENTED_WINDOW_MS - 1000).duplicate).toBe(true);
		expect(checkAndRemember(scope, staticData, 'k', start + DOCUMENTED_WINDOW_MS + 1000).duplicate).toBe(false);
	});

	test('memory keeps at most 10,000 keys, static data the newest 1,000 (at most one bucket more), compactly', () => {
		const process = new SeenEventsOfProcess();
		const database = new Database();
		fill(process, database, keys('key', MEMORY_MAX_KEYS + 1), (index) => start + index);
		expect(process.storeFor(scope).size).toBe(MEMORY_MAX_KEYS);
		const persisted = database.persisted();
		expect(persisted.size).toBeGreaterThanOrEqual(PERSISTED_MAX_KEYS);
		expect(persisted.size).toBeLessThanOrEqual(PERSISTED_MAX_KEYS + BUCKET_SIZE);
		expect(persisted.has(fingerprintOf(`key-${MEMORY_MAX_KEYS}`))).toBe(true);
		expect(persisted.has(fingerprintOf(`key-${MEMORY_MAX_KEYS - PERSISTED_MAX_KEYS - BUCKET_SIZE}`))).toBe(false);
		// What n8n writes per new event: ~17 bytes per remembered event.
		const written = JSON.stringify(database.staticData).length;
		expect(written).toBeLessThan((PERSISTED_MAX_KEYS + BUCKET_SIZE) * ENTRY_LENGTH + 1_000);
		expect(written).toBeLessThan(20_000);
		// The oldest key fell out of both: it would start the workflow again; a recent one is still known.
		expect(deliver(process, database, 'key-0', start + MEMORY_MAX_KEYS + 1)).toBe(false);
		expect(deliver(process, database, `key-${MEMORY_MAX_KEYS - 5}`, start + MEMORY_MAX_KEYS + 2)).toBe(true);
	});

	test('what was seen survives a restart through static data; expired entries are not restored', () => {
		const database = new Database();
		const before = new SeenEventsOfProcess();
		deliver(before, database, 'old', start - DEDUPE_WINDOW_MS - 120_000);
		deliver(before, database, 'recent', start - 60_000);
		const after = new SeenEventsOfProcess(); // the n8n process restarts: memory is gone, the database is not
		expect(deliver(after, database, 'recent', start)).toBe(true);
		expect(deliver(after, database, 'old', start)).toBe(false);
		expect(after.storeFor(scope).size).toBe(2);
	});

	test('a damaged record costs no more than what it holds, and an unreadable one is ignored', () => {
		const entry = encodeEntry(fingerprintOf('kept'), start - 60_000);
		const before = dedupeWork.entries;
		expect(checkAndRemember(scope, { seen: { v: 2, by: 'other', n: 1e12, '0': entry, '7': 'garbage' } }, 'kept', start).duplicate).toBe(true);
		expect(dedupeWork.entries - before).toBeLessThan(5);
		expect(checkAndRemember(scope, { seen: { v: 3, what: 'x' } }, 'new', start).duplicate).toBe(false);
	});

	test('stores are separate per workflow, node and mode', () => {
		const staticData: IDataObject = {};
		checkAndRemember(scope, staticData, 'k', start);
		expect(checkAndRemember({ ...scope, test: true }, {}, 'k', start).duplicate).toBe(false);
		expect(checkAndRemember({ ...scope, nodeId: 'other' }, {}, 'k', start).duplicate).toBe(false);
		expect(checkAndRemember(scope, {}, 'k', start).duplicate).toBe(true);
		expect(seenCount(scope)).toBe(1);
	});

	test('a duplicate and a call told not to persist leave static data untouched', () => {
		const staticData: IDataObject = {};
		checkAndRemember(scope, staticData, 'k', start);
		const untouched: IDataObject = {};
		expect(checkAndRemember(scope, untouched, 'k', start).duplicate).toBe(true);
		expect(checkAndRemember(scope, untouched, 'other', start, false).duplicate).toBe(false);
		expect(untouched).toEqual({});
	});
});

describe('de-duplication work is O(1) per delivery (counted, not timed)', () => {
	/** Entries read, written or dropped by the calls `run` makes, per call. */
	function workPerCall(calls: number, run: (call: number) => void): number {
		const before = dedupeWork.entries;
		for (let call = 0; call < calls; call++) run(call);
		return (dedupeWork.entries - before) / calls;
	}

	test('the same work per new event with 50 or 9,000 events already remembered, and none for a duplicate', () => {
		const process = new SeenEventsOfProcess();
		const database = new Database();
		let sent = 0;
		const fillMore = (count: number) => {
			fill(process, database, keys('event', count, sent), (index) => start + sent + index);
			sent += count;
		};
		fillMore(50);
		const small = workPerCall(100, () => deliver(process, database, `event-${sent++}`, start + sent));
		fillMore(9_000);
		const large = workPerCall(100, () => deliver(process, database, `event-${sent++}`, start + sent));
		const duplicates = workPerCall(100, (call) => deliver(process, database, `event-${sent - 1 - call}`, start + sent));
		// One entry written, at most one evicted from memory, a bucket dropped every 50 events.
		expect(small).toBeLessThanOrEqual(2.1);
		expect(large).toBeLessThanOrEqual(2.1);
		expect(duplicates).toBe(0);
	});

	test('after a restart the record is read once, not on every call', () => {
		const database = new Database();
		const before = new SeenEventsOfProcess();
		fill(before, database, keys('event', 2_000), (index) => start + index);
		const after = new SeenEventsOfProcess();
		const first = workPerCall(1, () => deliver(after, database, 'new-0', start + 3_000));
		const next = workPerCall(100, (call) => deliver(after, database, `new-${call + 1}`, start + 3_000));
		expect(first).toBeGreaterThanOrEqual(PERSISTED_MAX_KEYS);
		expect(next).toBeLessThanOrEqual(2.1);
	});

	test('two processes sharing the database read only what the other added since they last looked', () => {
		const database = new Database();
		const processes = [new SeenEventsOfProcess(), new SeenEventsOfProcess()];
		for (let index = 0; index < 2_000; index++) deliver(processes[index % 2], database, `warm-${index}`, start + index);
		// Alternating writers: each call takes in the one entry the other process added.
		const perCall = workPerCall(200, (call) => deliver(processes[call % 2], database, `event-${call}`, start + 3_000));
		expect(perCall).toBeLessThanOrEqual(4.1);
	});
});

describe('several calls and processes around one database', () => {
	test("concurrent calls' saves landing out of order still leave every event in static data", () => {
		const process = new SeenEventsOfProcess();
		const database = new Database();
		const first = database.load();
		const second = database.load();
		expect(process.checkAndRemember(scope, first, 'a', start).duplicate).toBe(false);
		expect(process.checkAndRemember(scope, second, 'b', start).duplicate).toBe(false);
		database.save(second);
		database.save(first); // the older call's save lands last
		expect(database.persisted()).toEqual(new Set([fingerprintOf('a'), fingerprintOf('b')]));
	});

	test('a retry reaching another process after the first call was saved is recognised there', () => {
		const database = new Database();
		const [main, webhookProcessor] = [new SeenEventsOfProcess(), new SeenEventsOfProcess()];
		expect(deliver(main, database, 'r1', start)).toBe(false);
		expect(deliver(webhookProcessor, database, 'r1', start + 600_000)).toBe(true);
		// What a process took in from the other is written back by it too (a union, not last writer wins).
		expect(deliver(webhookProcessor, database, 'r2', start + 600_001)).toBe(false);
		expect(database.persisted()).toEqual(new Set([fingerprintOf('r1'), fingerprintOf('r2')]));
	});

	test('the limit without shared memory: a duplicate that reaches two processes before either saved runs twice', () => {
		const database = new Database();
		const [main, webhookProcessor] = [new SeenEventsOfProcess(), new SeenEventsOfProcess()];
		const [copyA, copyB] = [database.load(), database.load()];
		expect(main.checkAndRemember(scope, copyA, 'same', start).duplicate).toBe(false);
		expect(webhookProcessor.checkAndRemember(scope, copyB, 'same', start).duplicate).toBe(false);
	});
});
