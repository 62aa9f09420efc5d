import type { IDataObject } from 'n8n-workflow';

export function isPlainObject(value: unknown): value is IDataObject {
	return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/** iP.1 documents few bodies of writes: a JSON object is a document; anything else (empty, 204, text) is not. */
export function isDocument(body: unknown): body is IDataObject {
	return isPlainObject(body) && Object.keys(body).length > 0;
}

/** An http(s) URL with a host: what iP.1 can call back (delivery reports, IncomingCallbackUrl). */
export function isAbsoluteHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}
