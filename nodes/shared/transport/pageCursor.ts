import type { IDataObject } from 'n8n-workflow';

import { parseLinkHeader } from './linkHeader';

/** Where the next page of a collection is read. */
export interface PageCursor {
	/** Below the base URL, e.g. `/v2/contacts`. */
	path: string;
	/** Query without `limit`: the page size is always ours. */
	qs: IDataObject;
	/** Offset of this page when the API pages by `start`; unknown after an opaque (cursor) link. */
	start?: number;
}

export type NextPage = { cursor?: PageCursor } | { problem: string };

/** Identifies a page request regardless of its page size and parameter order. */
export function cursorKey(cursor: PageCursor): string {
	return `${cursor.path}?${queryString(cursor.qs, true)}`;
}

/** For messages: the request as it went out (without the host). */
export function describeCursor(cursor: PageCursor, limit?: number): string {
	const qs = limit === undefined ? cursor.qs : { ...cursor.qs, limit };
	return `GET ${cursor.path}?${queryString(qs, false)}`;
}

/**
 * Where to read next, after a non-empty page of `received` items. The offset we computed from
 * what really arrived is the authority: a `next` link is followed when it agrees with it, or when
 * it is an opaque cursor (no `start`). A link that goes backwards or comes back is a loop.
 */
export function nextCursor(linkHeader: unknown, current: PageCursor, received: number, baseUrl: string, visited: Set<string>): NextPage {
	const offset = current.start === undefined ? undefined : offsetCursor(current, current.start + received);
	const link = parseLinkHeader(linkHeader).next;
	if (!link) return { cursor: offset };
	const target = linkTarget(link, current, baseUrl);
	if (!target) return { problem: `The API's Link header sends rel="next" to <${link}>, which is not a valid URL.` };
	if (target.start !== undefined && current.start !== undefined) {
		if (target.start <= current.start) {
			return { problem: `The API's Link header sends rel="next" to <${link}>, which does not advance past the page just read (start=${current.start}).` };
		}
		// A link built on the page size we asked, not the one served, would skip items.
		if (offset && target.start !== offset.start) return { cursor: offset };
	}
	if (visited.has(cursorKey(target))) {
		return { problem: `The API's Link header sends rel="next" to <${link}>, a page already read.` };
	}
	return { cursor: target };
}

/**
 * Where the list's last page starts, when the API says so (`Link: rel="last"`, a documented rel) in
 * the same offset terms as ours; undefined otherwise. Used only to bound reading ahead: the end
 * itself is still the empty page, so a wrong `last` can cost speed, never items.
 */
export function lastPageStart(linkHeader: unknown, current: PageCursor, baseUrl: string): number | undefined {
	const link = parseLinkHeader(linkHeader).last;
	if (!link || current.start === undefined) return undefined;
	return linkTarget(link, current, baseUrl)?.start;
}

function offsetCursor(current: PageCursor, start: number): PageCursor {
	return { path: current.path, qs: { ...current.qs, start }, start };
}

/**
 * The link resolved like a browser would (relative to the request it came with), then mapped onto
 * our own base URL: only its path and query are used, so the token never follows a link to another
 * host. Parameters the link leaves out (filters, order) are kept from the current request.
 */
function linkTarget(link: string, current: PageCursor, baseUrl: string): PageCursor | undefined {
	let url: URL;
	try {
		url = new URL(link, `${baseUrl}${current.path}?${queryString(current.qs, false)}`);
	} catch {
		return undefined;
	}
	const qs: IDataObject = {};
	for (const key of new Set(url.searchParams.keys())) {
		if (key === 'limit') continue;
		const values = url.searchParams.getAll(key);
		qs[key] = values.length === 1 ? values[0] : values;
	}
	const inherited = Object.fromEntries(Object.entries(current.qs).filter(([key]) => key !== 'start' && !Object.prototype.hasOwnProperty.call(qs, key)));
	const basePath = new URL(`${baseUrl}/`).pathname.replace(/\/$/, '');
	const path = basePath && url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
	const start = typeof qs.start === 'string' && /^\d+$/.test(qs.start) ? Number(qs.start) : undefined;
	return { path, qs: { ...inherited, ...qs }, start };
}

function queryString(qs: IDataObject, sorted: boolean): string {
	const params = new URLSearchParams();
	const keys = sorted ? Object.keys(qs).sort() : Object.keys(qs);
	for (const key of keys) {
		const value = qs[key];
		if (value === undefined || value === null) continue;
		for (const entry of Array.isArray(value) ? value : [value]) params.append(key, String(entry));
	}
	return params.toString();
}
