import type { IDataObject } from 'n8n-workflow';

export function isPlainObject(value: unknown): value is IDataObject {
	return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/** iP.1 documents few bodies of writes: a JSON object is a document; anything else (empty, 204, text) is not. */
export function isDocument(body: unknown): body is IDataObject {
	return isPlainObject(body) && Object.keys(body).length > 0;
}

/** The URL `text` names (resolved against `base`), or undefined when it names none. */
export function parseUrl(text: string, base?: string): URL | undefined {
	try {
		return new URL(text, base);
	} catch {
		return undefined;
	}
}

/** An http(s) URL with a host: what iP.1 can call back (delivery reports, IncomingCallbackUrl). */
export function isAbsoluteHttpUrl(value: string): boolean {
	const url = parseUrl(value);
	return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}
