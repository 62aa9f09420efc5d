import { createHash } from 'crypto';

/**
 * How static data keeps recently seen events (format 2). n8n rewrites the workflow's whole static
 * data on every call that changes it, and parses it again on every call, so the record is compact:
 * one fixed-width entry per event (fingerprint + minute), packed into strings of BUCKET_SIZE entries.
 * A new event appends one entry to the newest bucket; the oldest bucket is dropped as a whole.
 *
 * Entry `i` ever appended by a writer lives in bucket `floor(i / BUCKET_SIZE)`, so a reader that has
 * already taken the writer's first `k` entries reads only entries `k … n-1` next time.
 */
export interface PersistedSeen {
	v: 2;
	/** The process memory that wrote it (random per process and trigger): it never re-reads its own. */
	by: string;
	/** How many entries that writer has ever appended. */
	n: number;
	/** Buckets of entries, keyed by bucket number. */
	[bucket: `${number}`]: string;
}

export const BUCKET_SIZE = 50;
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

export interface SeenEntry {
	fingerprint: string;
	atMs: number;
}

export function decodeEntry(bucket: string, index: number): SeenEntry | undefined {
	const start = index * ENTRY_LENGTH;
	if (start + ENTRY_LENGTH > bucket.length) return undefined;
	const minute = parseInt(bucket.slice(start + FINGERPRINT_LENGTH, start + ENTRY_LENGTH), 36);
	if (!Number.isFinite(minute)) return undefined;
	return { fingerprint: bucket.slice(start, start + FINGERPRINT_LENGTH), atMs: minute * MINUTE_MS };
}

export function bucketOf(sequence: number): `${number}` {
	return `${Math.floor(sequence / BUCKET_SIZE)}`;
}

export function isPersistedSeen(value: unknown): value is PersistedSeen {
	if (!value || typeof value !== 'object') return false;
	const record = value as Partial<PersistedSeen>;
	return record.v === 2 && typeof record.by === 'string' && Number.isSafeInteger(record.n) && (record.n ?? -1) >= 0;
}

/** The bucket numbers present, in order (a handful: the record is bounded). */
function bucketNumbers(seen: PersistedSeen): number[] {
	return Object.keys(seen)
		.filter((key) => /^\d+$/.test(key))
		.map(Number)
		.sort((a, b) => a - b);
}

/**
 * Calls `visit` for the entries numbered `from … n-1` that the record still holds, oldest first:
 * the work is proportional to the entries visited (plus the handful of buckets), not to the size
 * of the record.
 */
export function forEachEntrySince(seen: PersistedSeen, from: number, visit: (entry: SeenEntry) => void): void {
	for (const bucketNumber of bucketNumbers(seen)) {
		const bucket = seen[`${bucketNumber}`];
		const first = bucketNumber * BUCKET_SIZE;
		if (typeof bucket !== 'string' || first + BUCKET_SIZE <= from) continue;
		for (let index = Math.max(0, from - first); index < BUCKET_SIZE && first + index < seen.n; index++) {
			const entry = decodeEntry(bucket, index);
			if (!entry) break;
			visit(entry);
		}
	}
}
