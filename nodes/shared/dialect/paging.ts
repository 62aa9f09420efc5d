import type { IDataObject } from 'n8n-workflow';

import { isPlainObject, parseUrl } from '../values';
import { readField } from './documents';
import { isRefusal } from './errorBody';

/*
 * §17.19 Pagination, §1.2 the Link header (README table). The loop (transport/pagination.ts) asks this file what an
 * answer means: its items (`pageOf`), whether it was the last (`PageReading`), where the next page is (`nextCursor`).
 */

/** The largest page we ask for: iP.1 documents only the default of 50; it may serve fewer (a cap) or refuse the size. */
const LARGEST_PAGE_SIZE = 1000;
export const DOCUMENTED_PAGE_SIZE = 50;
/** Page sizes tried, in order, when the API refuses a page size without naming its maximum. */
const SMALLER_PAGE_SIZES = [500, 200, 100, DOCUMENTED_PAGE_SIZE];

/**
 * What a list's answers have shown of its reading. A page shorter than asked is not the end (the API
 * may cap the page size): the list ends on an empty page, or one shorter than a page already served. A
 * list that does not honour `start` answers the whole list again.
 */
export class PageReading {
	/** What we ask for: our largest page, or the API's cap once a page came back shorter than asked. */
	size = LARGEST_PAGE_SIZE;
	/** The longest page served so far: a page shorter than this (and than asked) is the last one. */
	private largestServed = 0;
	private firstPage: { keys: string; wholeList: boolean } | undefined;

	/** After the API refused a page: whether a smaller size is worth asking for (then `size` is it). */
	refused(error: unknown, asked: number): boolean {
		const smaller = this.largestServed === 0 ? smallerPageSize(error, asked) : undefined;
		if (smaller !== undefined) this.size = smaller;
		return smaller !== undefined;
	}

	/** After a non-empty page with new items: whether it was the last one. */
	served(page: IDataObject[], asked: number): boolean {
		// A first page shorter or longer than asked may be the whole list of an API that does not paginate it.
		this.firstPage ??= { keys: keysOf(page), wholeList: page.length !== asked };
		const isLast = page.length < Math.min(asked, this.largestServed);
		this.largestServed = Math.max(this.largestServed, page.length);
		if (page.length < asked) this.size = page.length;
		return isLast;
	}

	/** A page of nothing new: the whole list again, whatever the start? Then it is not paginated, and we have it all. */
	isWholeListAgain(page: IDataObject[]): boolean {
		return this.firstPage?.wholeList === true && this.firstPage.keys === keysOf(page);
	}
}

/** A page's items: a plain array (documented), an envelope (a known key, or the one list it holds); no body is empty. */
export function pageOf(body: unknown): IDataObject[] | undefined {
	if (body === undefined || body === null || body === '') return [];
	if (Array.isArray(body)) return body as IDataObject[];
	if (typeof body !== 'object') return undefined;
	const lists = Object.values(body as IDataObject).filter((value) => Array.isArray(value));
	return enveloped(body) ?? (lists.length === 1 ? (lists[0] as IDataObject[]) : undefined);
}

const ENVELOPE_KEYS = ['items', 'data', 'results', 'Items', 'Data', 'Results'];

/** The list under the first known envelope key that holds one. */
function enveloped(body: object): IDataObject[] | undefined {
	const key = ENVELOPE_KEYS.find((name) => Array.isArray((body as IDataObject)[name]));
	return key === undefined ? undefined : ((body as IDataObject)[key] as IDataObject[]);
}

/** After a refused first page: a smaller size to ask for; a maximum the API names ("limit must be 1 to 500") as is. */
function smallerPageSize(error: unknown, asked: number): number | undefined {
	if (!isRefusal(error) || asked <= DOCUMENTED_PAGE_SIZE) return undefined;
	const text = `${error.message} ${error.description ?? ''}`.replace(/iP\.1 API error \d+/g, '');
	if (!/limit/i.test(text)) return DOCUMENTED_PAGE_SIZE;
	const named = (text.match(/\d+/g) ?? []).map(Number).filter((size) => size >= 1 && size < asked);
	if (named.length > 0) return Math.max(...named);
	return SMALLER_PAGE_SIZES.find((size) => size < asked);
}

/** Collections are plain arrays; tolerate an envelope in case the API wraps them. */
export function collectionItems<T>(body: unknown): T[] {
	if (Array.isArray(body)) return body as T[];
	return ((body && typeof body === 'object' && enveloped(body)) || []) as T[];
}

/** Where the next page of a collection is read. */
export interface PageCursor {
	/** Below the base URL, e.g. `/v2/contacts`. */
	path: string;
	/** Query without `limit`: the page size is always ours. */
	qs: IDataObject;
	/** Offset of this page when the API pages by `start`; unknown after an opaque (cursor) link. */
	start?: number;
}

type NextPage = { cursor?: PageCursor } | { problem: string };

/** Identifies a page request regardless of its page size and parameter order. */
export function cursorKey(cursor: PageCursor): string {
	return `${cursor.path}?${queryString(cursor.qs, true)}`;
}

/** For messages: the request as it went out (without the host). */
export function describeCursor(cursor: PageCursor, limit: number): string {
	return `GET ${cursor.path}?${queryString({ ...cursor.qs, limit }, false)}`;
}

/**
 * Where to read next, after a non-empty page of `received` items. The offset of what really arrived is
 * the authority: a `next` link is followed when it agrees, or is an opaque cursor (no `start`). A link
 * that goes backwards or comes back is a loop.
 */
export function nextCursor(linkHeader: unknown, current: PageCursor, received: number, baseUrl: string, visited: Set<string>): NextPage {
	const offset = current.start === undefined ? undefined : offsetCursor(current, current.start + received);
	const link = parseLinkHeader(linkHeader).next;
	if (!link) return { cursor: offset };
	const problem = (what: string) => ({ problem: `The API's Link header sends rel="next" to <${link}>, ${what}` });
	const target = linkTarget(link, current, baseUrl);
	if (!target) return problem('which is not a valid URL.');
	if (target.start !== undefined && current.start !== undefined) {
		if (target.start <= current.start) return problem(`which does not advance past the page just read (start=${current.start}).`);
		// A link built on the page size we asked, not the one served, would skip items.
		if (offset && target.start !== offset.start) return { cursor: offset };
	}
	return visited.has(cursorKey(target)) ? problem('a page already read.') : { cursor: target };
}

/** Where the last page starts (`Link: rel="last"`), in our offsets: it only bounds reading ahead (a wrong one costs speed). */
export function lastPageStart(linkHeader: unknown, current: PageCursor, baseUrl: string): number | undefined {
	const link = parseLinkHeader(linkHeader).last;
	if (!link || current.start === undefined) return undefined;
	return linkTarget(link, current, baseUrl)?.start;
}

export function offsetCursor(current: PageCursor, start: number): PageCursor {
	return { path: current.path, qs: { ...current.qs, start }, start };
}

/**
 * The link resolved as a browser would, then mapped onto our base URL (only path and query: the token never
 * follows a link to another host). Parameters it leaves out (filters, order) are kept from the current request.
 */
function linkTarget(link: string, current: PageCursor, baseUrl: string): PageCursor | undefined {
	const url = parseUrl(link, `${baseUrl}${current.path}?${queryString(current.qs, false)}`);
	if (!url) return undefined;
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

/**
 * An RFC 8288 Link header as rel → URL (as written). Also what iP.1's pages show: no `;` between URL and
 * rel, several rels in one value, unquoted rels, other parameters before `rel`, and `rel="load"` for `last`.
 * The first link of a rel wins.
 */
export function parseLinkHeader(header: unknown): Record<string, string> {
	const text = Array.isArray(header) ? header.join(',') : typeof header === 'string' ? header : '';
	const links: Record<string, string> = {};
	// Each link-value is `<url>` followed by its parameters up to the next `<`.
	for (const match of text.matchAll(/<([^>]*)>([^<]*)/g)) {
		const [, url, parameters] = match;
		const rel = /(?:^|[\s;,])rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i.exec(parameters);
		if (!rel) continue;
		for (const name of (rel[1] ?? rel[2]).trim().toLowerCase().split(/\s+/)) {
			const key = name === 'load' ? 'last' : name;
			if (key && !Object.prototype.hasOwnProperty.call(links, key)) links[key] = url.trim();
		}
	}
	return links;
}

/** Each item once, in arrival order: a list moving while read (new at the top of DESC) shifts items to the next page. */
export class DistinctItems {
	readonly list: IDataObject[] = [];

	private readonly seen = new Set<string>();

	/** Adds the page's new items, up to `wanted` in total. Returns how many were new. */
	add(page: IDataObject[], wanted: number): number {
		let added = 0;
		for (const item of page) {
			if (this.list.length >= wanted) break;
			const key = keyOf(item);
			if (this.seen.has(key)) continue;
			this.seen.add(key);
			this.list.push(item);
			added++;
		}
		return added;
	}
}

/** An item's identity: its id when it has one, else its whole content. */
function keyOf(item: unknown): string {
	const id = isPlainObject(item) ? readField(item, 'id') : undefined;
	if (typeof id === 'string' || typeof id === 'number') return `id:${id}`;
	return `json:${JSON.stringify(item)}`;
}

/** One string for a whole page, to recognise the same page served again. */
function keysOf(page: unknown[]): string {
	return page.map(keyOf).join('\n');
}
