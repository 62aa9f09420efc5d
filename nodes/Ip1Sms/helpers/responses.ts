import type { IDataObject } from 'n8n-workflow';

/**
 * iP.1 documents few response bodies for writes (PATCH, DELETE, PUT of senders and blacklist
 * entries...). A JSON object is a document; anything else (empty body, 204, plain text) is not.
 */
export function isDocument(body: unknown): body is IDataObject {
	return Boolean(body) && typeof body === 'object' && !Array.isArray(body) && Object.keys(body as object).length > 0;
}

/** The response document, or what the node knows about the result when the API sent none. */
export function documentOr(body: unknown, fallback: IDataObject): IDataObject {
	return isDocument(body) ? body : fallback;
}

/** Plain objects only (not arrays, not null). */
export function isPlainObject(value: unknown): value is IDataObject {
	return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}
