import type { IDataObject } from 'n8n-workflow';

/**
 * iP.1 writes timestamps in several forms (ip1-api.md §1.3 and ambiguity 24): UTC with `Z`, with
 * milliseconds, with no zone at all (`2019-11-01T16:32:18.253`, meant as UTC) or, plausibly, with an
 * offset. Outputs always carry UTC with `Z`, so that a later node (or a person) never reads a
 * zone-less time in the workflow's own time zone and gets the wrong instant.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const CANONICAL_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

/** Fields that hold an instant in iP.1's documents (messages, statuses, batches, windows, blacklist, senders, landing pages). */
const TIMESTAMP_FIELDS = new Set(['created', 'modified', 'lastModified', 'opens', 'closes', 'received', 'updated']);

/** `2019-11-01T16:32:18.253` → `2019-11-01T16:32:18.253Z`; `…18:00:01+01:00` → `…17:00:01Z`; anything else unchanged. */
export function toUtcTimestamp(value: unknown): unknown {
	// Already UTC to the second (what most documents carry): unchanged, without parsing a date per field.
	if (typeof value === 'string' && CANONICAL_UTC.test(value)) return value;
	if (typeof value !== 'string' || !ISO_DATE_TIME.test(value.trim())) return value;
	const text = value.trim().replace(' ', 'T');
	const ms = Date.parse(HAS_ZONE.test(text) ? text : `${text}Z`);
	if (Number.isNaN(ms)) return value;
	const iso = new Date(ms).toISOString();
	// Milliseconds only when the API gave a fraction: `…:01Z` stays `…:01Z`.
	return /\.\d/.test(text) ? iso : iso.replace('.000Z', 'Z');
}

/**
 * The known timestamp fields of a document, its `statuses[]` and `deliveryWindows[]`, in UTC. User
 * data (contact properties) is never touched: only these field names, at these places.
 */
export function utcTimestamps<T extends IDataObject>(document: T): T {
	for (const key of Object.keys(document)) {
		const value = document[key];
		if (TIMESTAMP_FIELDS.has(key)) (document as IDataObject)[key] = toUtcTimestamp(value) as IDataObject[string];
		else if ((key === 'statuses' || key === 'deliveryWindows') && Array.isArray(value)) {
			for (const entry of value) if (entry && typeof entry === 'object' && !Array.isArray(entry)) utcTimestamps(entry as IDataObject);
		}
	}
	return document;
}
