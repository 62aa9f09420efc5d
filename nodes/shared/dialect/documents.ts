import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../values';
import { ENUM_FIELDS, normaliseEnum } from './enums';
import { describeStatus, type StatusInfo } from './statusCodes';

/** Keys already converted: a list of 20,000 contacts repeats the same dozen keys. */
const camelCased = new Map<string, string>();
const MAX_CAMEL_CASED = 1_000;

/** `ID` → `id`, `Balance` → `balance`, `IncomingCallbackUrl` → `incomingCallbackUrl`. */
function camelCaseKey(key: string): string {
	const known = camelCased.get(key);
	if (known !== undefined) return known;
	const camel = /^[A-Z0-9_]+$/.test(key) ? key.toLowerCase() : key.charAt(0).toLowerCase() + key.slice(1);
	if (camelCased.size < MAX_CAMEL_CASED) camelCased.set(key, camel);
	return camel;
}

/** Reads a field whichever casing the API used (`batchId`, `BatchId`, `batchid`). */
export function readField(document: IDataObject, name: string): unknown {
	if (name in document) return document[name];
	const pascal = name.charAt(0).toUpperCase() + name.slice(1);
	if (pascal in document) return document[pascal];
	const lower = name.toLowerCase();
	const match = Object.keys(document).find((key) => key.toLowerCase() === lower);
	return match === undefined ? undefined : document[match];
}

/** Top-level keys in camelCase; values untouched (contact properties keep the user's own keys). */
export function camelCaseKeys(document: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(document)) result[camelCaseKey(key)] = value;
	return result;
}

export function toStatus(code: unknown): StatusInfo | undefined {
	const number = typeof code === 'string' ? Number(code) : code;
	return typeof number === 'number' && Number.isInteger(number) ? describeStatus(number) : undefined;
}

/** A `statuses[]` entry with its name, group and meaning. */
function normaliseStatusEntry(entry: unknown): IDataObject {
	if (!entry || typeof entry !== 'object') return { raw: entry as string };
	const document = utcTimestamps(camelCaseKeys(entry as IDataObject));
	const status = toStatus(document.code);
	return status ? { ...document, ...statusFields(status) } : document;
}

function statusFields({ code, name, group, delivered, final, description }: StatusInfo): IDataObject {
	return { code, name, group, delivered, final, description };
}

function normaliseEnums(document: IDataObject): IDataObject {
	for (const field of ENUM_FIELDS) {
		if (field in document) document[field] = normaliseEnum(field, document[field]) as IDataObject[string];
	}
	return document;
}

/** Message documents (batch messages, conversations, inbound SMS): `id` even when sent as `messageId`. */
export function normaliseMessage(raw: IDataObject): IDataObject {
	const document = utcTimestamps(normaliseEnums(camelCaseKeys(raw)));
	if (document.id === undefined && document.messageId !== undefined) document.id = document.messageId;
	if (Array.isArray(document.statuses)) {
		const statuses = document.statuses.map(normaliseStatusEntry);
		document.statuses = statuses;
		// Entries are chronological in every example; sort defensively by `created` when present.
		const latest = [...statuses].sort((a, b) => timeOf(a.created) - timeOf(b.created)).pop();
		if (latest) document.status = latest;
	}
	return document;
}

function timeOf(value: unknown): number {
	if (typeof value !== 'string') return 0;
	// Zone-less timestamps (the blacklist example) are UTC.
	const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
	return Number.isNaN(time) ? 0 : time;
}

/** `{ "201": { messages, sms } }` maps (batch and conversation summaries) as decoded lists with totals. */
export function normaliseStatusSummary(summary: unknown): IDataObject {
	const entries = Object.entries(isPlainObject(summary) ? summary : {}).flatMap(([key, counts]) => {
		const status = toStatus(key);
		if (!status) return [];
		const values = isPlainObject(counts) ? camelCaseKeys(counts) : {};
		const { code, name, group, delivered, final } = status;
		return [{ code, name, group, delivered, final, messages: Number(values.messages ?? 0), sms: Number(values.sms ?? 0) }];
	});
	entries.sort((a, b) => a.code - b.code);
	const count = (predicate: (entry: (typeof entries)[number]) => boolean) =>
		entries.filter(predicate).reduce((total, entry) => total + entry.messages, 0);
	return {
		statuses: entries,
		totalMessages: count(() => true),
		totalSms: entries.reduce((total, entry) => total + entry.sms, 0),
		delivered: count((entry) => entry.delivered),
		failed: count((entry) => entry.final && !entry.delivered),
		pending: count((entry) => !entry.final),
	};
}

/** Batch documents: enums, and the per-status summary decoded when present. */
export function normaliseBatch(raw: IDataObject): IDataObject {
	const document = utcTimestamps(normaliseEnums(camelCaseKeys(raw)));
	if (document.id === undefined && document.batchId !== undefined) document.id = document.batchId;
	if (document.messageSummary !== undefined) {
		document.messageSummaryDecoded = normaliseStatusSummary(document.messageSummary);
	}
	const status = toStatus(document.status);
	if (status) document.statusInfo = statusFields(status);
	return document;
}

/** §17.10 A message's id: `id` (newer pages) or `messageId` (older pages, delivery reports), trimmed. */
export function messageIdOf(document: IDataObject): string | undefined {
	for (const name of ['id', 'messageId']) {
		const value = readField(document, name);
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return undefined;
}

/** Delivery-report payloads: `id` or `messageId`, status decoded, finality from the code. */
export function normaliseDeliveryReport(raw: IDataObject): IDataObject {
	const document = utcTimestamps(camelCaseKeys(raw));
	const id = document.id ?? document.messageId;
	const status = toStatus(document.code);
	return {
		...document,
		id,
		messageId: id,
		...(status ? { status: statusFields(status) } : {}),
		delivered: status?.delivered ?? false,
		final: status?.final ?? document.duration === 1,
	};
}

/** §17.24 Timestamps in any form of the README table come out in UTC with `Z`: none is read in the workflow's zone. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const CANONICAL_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

/** Fields that hold an instant in iP.1's documents (messages, statuses, batches, windows, blacklist, senders, landing pages). */
const TIMESTAMP_FIELDS = new Set(['created', 'modified', 'lastModified', 'opens', 'closes', 'received', 'updated']);

/** `2019-11-01T16:32:18.253` → `2019-11-01T16:32:18.253Z`; `…18:00:01+01:00` → `…17:00:01Z`; anything else unchanged. */
export function toUtcTimestamp(value: unknown): unknown {
	// Already UTC to the second (what most documents carry): unchanged, without parsing a date per field.
	if (typeof value !== 'string' || CANONICAL_UTC.test(value) || !ISO_DATE_TIME.test(value.trim())) return value;
	const text = value.trim().replace(' ', 'T');
	const ms = Date.parse(HAS_ZONE.test(text) ? text : `${text}Z`);
	if (Number.isNaN(ms)) return value;
	const iso = new Date(ms).toISOString();
	// Milliseconds only when the API gave a fraction: `…:01Z` stays `…:01Z`.
	return /\.\d/.test(text) ? iso : iso.replace('.000Z', 'Z');
}

/** The known timestamp fields of a document, its `statuses[]` and `deliveryWindows[]`, in UTC; user data is never touched. */
export function utcTimestamps<T extends IDataObject>(document: T): T {
	for (const key of Object.keys(document)) {
		const value = document[key];
		if (TIMESTAMP_FIELDS.has(key)) (document as IDataObject)[key] = toUtcTimestamp(value) as IDataObject[string];
		else if ((key === 'statuses' || key === 'deliveryWindows') && Array.isArray(value)) {
			for (const entry of value) if (isPlainObject(entry)) utcTimestamps(entry);
		}
	}
	return document;
}
