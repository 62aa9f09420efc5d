import type { IDataObject } from 'n8n-workflow';

import { asNodeError } from '../errors/apiErrors';
import { ip1ApiRequest, type Ip1Context } from '../transport';
import { isPlainObject } from '../values';
import { camelCaseKeys, readField, utcTimestamps } from './documents';
import { answeredWith } from './errorBody';
import { collectionItems } from './paging';

/*
 * Single resources whose field names vary between iP.1's pages (§17.9, §17.20–23, the labels of contacts meta):
 * each reader accepts every name seen and outputs the canonical one.
 */

/** `{ sender, created }` whatever casing the API used; the name we sent fills in an empty answer. */
export function normaliseSender(raw: unknown, sender?: string): IDataObject {
	const document = isPlainObject(raw) ? utcTimestamps(camelCaseKeys(raw)) : {};
	const name = readField(document, 'sender') ?? readField(document, 'name') ?? sender;
	return { ...document, sender: name === undefined ? undefined : String(name) };
}

/** A blacklist entry `{ msisdn, created }` (legacy `Phone` read too); the number asked about fills in an empty answer. */
export function normaliseBlacklistEntry(raw: unknown, msisdn?: string): IDataObject {
	const entry = isPlainObject(raw) ? utcTimestamps(camelCaseKeys(raw)) : {};
	const number = readField(entry, 'msisdn') ?? readField(entry, 'phone') ?? readField(entry, 'phoneNumber') ?? msisdn;
	const result: IDataObject = { ...entry, msisdn: number === undefined ? undefined : String(number).replace(/^\+/, '') };
	delete result.phone;
	return result;
}

export function normaliseElement(raw: unknown): IDataObject {
	return utcTimestamps(camelCaseKeys(isPlainObject(raw) ? raw : {}));
}

/** A landing page with camelCase keys and its elements normalised; `views` keys (dates) untouched. */
export function normaliseLandingPage(raw: unknown): IDataObject {
	const page = utcTimestamps(camelCaseKeys(isPlainObject(raw) ? raw : {}));
	if (Array.isArray(page.elements)) page.elements = page.elements.map(normaliseElement);
	return page;
}

/** `/api/me…` answers in PascalCase; we output camelCase with lowercase enums. */
export function normaliseAccountOverview(raw: IDataObject): IDataObject {
	const overview = camelCaseKeys(raw);
	if (typeof overview.type === 'string') overview.type = overview.type.toLowerCase();
	return overview;
}

export interface ImportResult {
	/** The created contacts, when the API returned them (synchronous import). */
	contacts?: IDataObject[];
	/** How many contacts the API took. */
	accepted: number;
}

/** §17.20 The undocumented answer of `POST /v2/contacts`, in every form of the README table. */
export function readImportResult(body: unknown, submitted: number): ImportResult {
	if (Array.isArray(body)) return { contacts: body as IDataObject[], accepted: body.length };
	if (isPlainObject(body)) {
		for (const key of ['contacts', 'items', 'data', 'results']) {
			const list = readField(body, key);
			if (Array.isArray(list)) return { contacts: list as IDataObject[], accepted: list.length };
		}
		if (readField(body, 'id') !== undefined && readField(body, 'properties') !== undefined) {
			return { contacts: [body], accepted: 1 };
		}
		const accepted = countIn(body, ['accepted', 'count', 'imported']);
		if (accepted !== undefined) return { accepted };
	}
	return { accepted: submitted };
}

/** The first of `keys` that holds a whole number of at least 0. */
function countIn(body: IDataObject, keys: string[]): number | undefined {
	return keys.map((key) => Number(readField(body, key))).find((count) => Number.isInteger(count) && count >= 0);
}

/** `{ labelName, usageCount }` whatever casing the API used; the label we asked for when the body is empty. */
export function normaliseLabelSummary(body: unknown, labelName: string): IDataObject {
	if (!isPlainObject(body)) return { labelName };
	const usage = Number(readField(body, 'usageCount'));
	return {
		labelName: String(readField(body, 'labelName') ?? readField(body, 'name') ?? labelName),
		...(Number.isFinite(usage) ? { usageCount: usage } : {}),
	};
}

/** One entry per label: `{ labelName, usageCount }`. */
export function labelsFromMeta(raw: unknown): IDataObject[] {
	return (normaliseContactsMeta(raw).labels as IDataObject[])
		.map((label) => ({ ...label, labelName: String(label.labelName ?? label.name ?? ''), usageCount: Number(label.usageCount ?? 0) }))
		.filter((label) => label.labelName !== '');
}

function entries(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter(isPlainObject).map((entry) => camelCaseKeys(entry)) : [];
}

/** `GET /v2/contacts/meta`: `{ totalCount, labels: [{ labelName, usageCount }], properties: [{ propertyName, … }] }`. */
export function normaliseContactsMeta(raw: unknown): IDataObject {
	const meta = camelCaseKeys(isPlainObject(raw) ? raw : {});
	const totalCount = Number(meta.totalCount ?? 0);
	return { ...meta, totalCount, labels: entries(meta.labels), properties: entries(meta.properties) };
}

/** The mass delete returns the deleted contacts (documented); tolerate a count or an empty answer. */
export function readDeleted(body: unknown): { count: number | null; contacts: IDataObject[] } {
	const contacts = collectionItems<IDataObject>(body);
	if (Array.isArray(body) || contacts.length > 0) return { count: contacts.length, contacts };
	const count = isPlainObject(body) ? countIn(body, ['deleted', 'deletedCount', 'count', 'totalCount']) : undefined;
	return { count: count ?? null, contacts: [] };
}

/** §17.9 Registers a sender by its path; where that route is missing (404/405), in the body (README table). */
export async function registerSender(context: Ip1Context, sender: string, itemIndex: number): Promise<IDataObject> {
	try {
		const body = await ip1ApiRequest.call(context, { method: 'PUT', path: `/v2/me/senders/${encodeURIComponent(sender)}`, itemIndex });
		return normaliseSender(body, sender);
	} catch (error) {
		if (!answeredWith(error, '404', '405')) throw asNodeError(context.getNode(), error);
	}
	const body = await ip1ApiRequest.call(context, { method: 'PUT', path: '/v2/me/senders', body: { sender }, itemIndex });
	return normaliseSender(body, sender);
}

/**
 * §17.21 Blocks a number: `PUT /v2/blacklist/{msisdn}` ("add or update", so it may be retried), not the POST
 * whose body is undocumented. The body `{ msisdn }` repeats the path's number: an API needing none ignores it.
 */
export async function putOnBlacklist(context: Ip1Context, msisdn: string, itemIndex?: number, timeoutMs?: number): Promise<IDataObject> {
	const path = `/v2/blacklist/${encodeURIComponent(msisdn)}`;
	const body = await ip1ApiRequest.call(context, { method: 'PUT', path, body: { msisdn }, itemIndex, timeoutMs });
	return normaliseBlacklistEntry(body, msisdn);
}
