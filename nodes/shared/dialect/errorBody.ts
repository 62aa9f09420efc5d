import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../values';

/** The API's own words, found in whichever shape the error body comes. */
export interface ApiMessage {
	/** The headline: `title`, `message`, `detail`..., or a plain-text body. */
	message?: string;
	/** Per-field reasons, e.g. `sender: Sender must be 3-11 characters`. */
	details: string[];
	/** An HTML page (a proxy, a gateway, a wrong Base URL) instead of JSON: its title and visible text, never the markup. */
	html?: { title?: string; text?: string };
}

const MESSAGE_KEYS = ['message', 'Message', 'error_description', 'errorMessage', 'ErrorMessage', 'detail', 'Detail'];
const ENTRY_MESSAGE_KEYS = [...MESSAGE_KEYS, 'msg', 'description', 'Description', 'reason'];
const ENTRY_FIELD_KEYS = ['field', 'Field', 'property', 'Property', 'propertyName', 'PropertyName', 'path', 'param', 'name'];
const MAX_DETAILS = 50;
const MAX_PAGE_TEXT = 300;

/** §17.2 iP.1 documents no error body: every shape of the README table, camel or Pascal case, text or HTML. */
export function extractApiMessage(body: unknown, contentType = ''): ApiMessage {
	if (typeof body === 'string') return fromText(body, contentType);
	if (Array.isArray(body)) return { details: fieldErrors(body, '') };
	if (!isPlainObject(body)) return { details: [] };
	const details = [
		...fieldErrors(body.errors ?? body.Errors, ''),
		...fieldErrors(body.modelState ?? body.ModelState, ''),
	].slice(0, MAX_DETAILS);
	const title = stringOf(body.title ?? body.Title);
	let message = firstString(body, MESSAGE_KEYS);
	const nested = body.error ?? body.Error;
	if (!message && typeof nested === 'string') message = stringOf(nested);
	if (!message && isPlainObject(nested)) {
		message = firstString(nested, MESSAGE_KEYS);
		details.push(...fieldErrors(nested.errors ?? nested.details, ''));
	}
	if (title && message && title !== message) message = joinSentences([title, message]);
	return { message: message ?? title, details };
}

function fromText(body: string, contentType: string): ApiMessage {
	const text = body.replace(/^\uFEFF/, '').trim();
	if (text === '') return { details: [] };
	if (/html/i.test(contentType) || /^<(!doctype\s+html|html|head|body)\b/i.test(text)) {
		return { details: [], html: { title: htmlTitle(text), text: htmlText(text) } };
	}
	if (/^[[{]/.test(text)) {
		try {
			return extractApiMessage(JSON.parse(text) as unknown);
		} catch {
			// Not JSON after all: the text is the message.
		}
	}
	return { message: text.replace(/\s+/g, ' '), details: [] };
}

function htmlTitle(html: string): string | undefined {
	const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
	if (!match) return undefined;
	const title = decodeEntities(match[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
	return title === '' ? undefined : title.slice(0, 150);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", nbsp: ' ' };

function decodeEntities(text: string): string {
	return text.replace(/&(amp|lt|gt|quot|apos|#39|nbsp);/g, (_whole, name: string) => ENTITIES[name]);
}

/** What a reader of the page would see in its body, on one line. */
function htmlText(html: string): string | undefined {
	const body = html
		.replace(/<head[\s\S]*?<\/head>/gi, ' ')
		.replace(/<(script|style|template|title)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<[^>]*>/g, ' ');
	const text = decodeEntities(body).replace(/\s+/g, ' ').trim();
	if (text === '') return undefined;
	return text.length > MAX_PAGE_TEXT ? `${text.slice(0, MAX_PAGE_TEXT)}…` : text;
}

/** `{ Field: [msg] }`, `{ field: "msg" }`, `{ a: { b: [...] } }`, `[ "msg" | { field, message } ]`. */
function fieldErrors(errors: unknown, path: string): string[] {
	if (typeof errors === 'string') return stringOf(errors) ? [withField(path, errors.trim())] : [];
	if (Array.isArray(errors)) return errors.flatMap((entry) => entryErrors(entry, path));
	if (!isPlainObject(errors)) return [];
	return Object.entries(errors).flatMap(([field, value]) => fieldErrors(value, childPath(path, field)));
}

function entryErrors(entry: unknown, path: string): string[] {
	if (!isPlainObject(entry)) return fieldErrors(entry, path);
	const message = firstString(entry, ENTRY_MESSAGE_KEYS);
	const field = firstString(entry, ENTRY_FIELD_KEYS);
	const at = field ? childPath(path, field) : path;
	return message ? [withField(at, message)] : fieldErrors(entry, path);
}

function withField(path: string, message: string): string {
	return path ? `${path}: ${message}` : message;
}

/** ASP.NET names fields `Sender` or `$.deliveryWindows[0].closes`; the user knows `sender`. `$` alone is the whole body. */
function childPath(parent: string, field: string): string {
	const name = field
		.replace(/^\$\.?/, '')
		.split('.')
		.map((segment) => (/^[A-Z][a-z]/.test(segment) ? segment[0].toLowerCase() + segment.slice(1) : segment))
		.join('.');
	if (name === '') return parent;
	if (/^\d+$/.test(name)) return `${parent}[${name}]`;
	return parent ? `${parent}.${name}` : name;
}

function firstString(record: IDataObject, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = stringOf(record[key]);
		if (value) return value;
	}
	return undefined;
}

function stringOf(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Joins texts into one line, adding a full stop where a text has none. */
export function joinSentences(parts: string[]): string {
	return parts
		.filter((part) => part !== '')
		.map((part, index, all) => (index < all.length - 1 && !/[.!?:;]$/.test(part) ? `${part}.` : part))
		.join(' ');
}

export function answeredWith(error: unknown, ...statuses: string[]): error is NodeApiError {
	return error instanceof NodeApiError && statuses.includes(String(error.httpCode));
}

/** §17.2 A validation refusal, 400 or 422: nothing was created or changed, so it may go again in another reading. */
export function isRefusal(error: unknown): error is NodeApiError {
	return answeredWith(error, '400', '422');
}

type FormTaken<F, T> = { form: F; value: T } | { refusals: NodeApiError[] } | { failure: unknown };

/** `send` in each form in turn while the API refuses it: the form it took and the answer, or every refusal. */
export async function firstFormTaken<F, T>(forms: readonly F[], send: (form: F) => Promise<T>): Promise<FormTaken<F, T>> {
	const refusals: NodeApiError[] = [];
	for (const form of forms) {
		try {
			return { form, value: await send(form) };
		} catch (error) {
			// Any other failure ends the trying: the request may have been carried out.
			if (!isRefusal(error)) return { failure: error };
			refusals.push(error);
		}
	}
	return { refusals };
}
