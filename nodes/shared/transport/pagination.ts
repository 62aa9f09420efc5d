import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { asNodeError, protocolError } from '../errors/apiErrors';
import { getConnection } from './connection';
import type { Ip1Context } from './context';
import { DistinctItems } from './distinctItems';
import { cursorKey, describeCursor, lastPageStart, nextCursor, type PageCursor } from './pageCursor';
import { ip1Request, type Ip1Response } from './request';

/**
 * The largest page we ask for. iP.1 documents no maximum (only the default of 50); the sandbox
 * accepts 1000. The API may serve fewer (a cap we then learn) or refuse the size (we then ask less).
 */
export const LARGEST_PAGE_SIZE = 1000;
export const DOCUMENTED_PAGE_SIZE = 50;
/** Page sizes tried, in order, when the API refuses a page size without naming its maximum. */
const SMALLER_PAGE_SIZES = [500, 200, 100, DOCUMENTED_PAGE_SIZE];

export interface CollectionQuery {
	path: string;
	qs?: IDataObject;
	returnAll: boolean;
	/** Max number of items when returnAll is false. */
	limit?: number;
	order?: 'ASC' | 'DESC';
	itemIndex?: number;
	pageSize?: number;
}

export interface CollectionResult<T> {
	items: T[];
	requests: number;
}

interface PageSizing {
	/** What we ask for: our largest page, or the API's cap once a page came back shorter than asked. */
	size: number;
	/** The longest page served so far: a page shorter than this (and than asked) is the last one. */
	largestServed: number;
}

/**
 * Reads a /v2 collection page by page (`start`/`limit`/`order`). A page shorter than asked is not
 * taken as the end (the API may cap the page size, with or without a Link header): the list ends
 * on an empty page, or on a page shorter than one the API already served. `Link: rel="next"` is
 * followed where it agrees with what arrived; links that loop end in an error, and no item is
 * returned twice. In limit mode it never asks for more items than are still needed.
 */
export async function ip1PaginatedRequest(
	this: Ip1Context,
	query: CollectionQuery,
): Promise<CollectionResult<IDataObject>> {
	const wanted = query.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, query.limit ?? DOCUMENTED_PAGE_SIZE);
	const { baseUrl, redact } = await getConnection(this);
	const items = new DistinctItems();
	const sizing: PageSizing = { size: Math.min(query.pageSize ?? LARGEST_PAGE_SIZE, LARGEST_PAGE_SIZE), largestServed: 0 };
	const visited = new Set<string>();
	let cursor: PageCursor | undefined = { path: query.path, qs: { ...query.qs, start: 0, order: query.order ?? 'ASC' }, start: 0 };
	let firstPage: { keys: string; wholeList: boolean } | undefined;
	const pages = new PageRequests(this, query.itemIndex);
	let fullPagesInARow = 0;
	let lastStart: number | undefined;

	try {
		while (cursor && items.length < wanted) {
			const asked = Math.min(sizing.size, wanted - items.length);
			visited.add(cursorKey(cursor));
			let response;
			try {
				response = await pages.read(cursor, asked);
			} catch (error) {
				const smaller = sizing.largestServed === 0 ? smallerPageSize(error, asked) : undefined;
				if (smaller === undefined) throw asNodeError(this.getNode(), error);
				sizing.size = smaller;
				continue;
			}
			const page = pageOf(response.body);
			if (!page) {
				const message = redact(`iP.1 answered ${describeCursor(cursor, asked)} with something that is not a list`);
				throw stopped(this, query, message, 'Nothing was returned, rather than a list that might be incomplete.');
			}
			if (page.length === 0) break;
			if (items.add(page, wanted) === 0) {
				// The whole list again, whatever the start: this list is not paginated, and we have it all.
				if (firstPage?.wholeList && firstPage.keys === DistinctItems.keysOf(page)) break;
				const message = redact(`iP.1 returned the same items again for ${describeCursor(cursor, asked)}`);
				throw stopped(this, query, message, 'The API seems to ignore where the page starts. Reading stopped, rather than return items twice or loop.');
			}
			// A first page shorter or longer than asked may be the whole list of an API that does not paginate it.
			firstPage ??= { keys: DistinctItems.keysOf(page), wholeList: page.length !== asked };
			const isLast = page.length < Math.min(asked, sizing.largestServed);
			sizing.largestServed = Math.max(sizing.largestServed, page.length);
			if (page.length < asked) sizing.size = page.length;
			if (isLast) break;
			lastStart = lastPageStart(response.headers.link, cursor, baseUrl) ?? lastStart;
			const next = nextCursor(response.headers.link, cursor, page.length, baseUrl, visited);
			if ('problem' in next) {
				const why = `Reading stopped here so that it does not loop; ${items.length} items had been read.`;
				throw stopped(this, query, redact(next.problem), why);
			}
			cursor = next.cursor;
			// A list paged by offset that has proven long (two full pages in a row): ask for the next pages
			// before they are needed (see PageRequests), one more with each full page, up to PAGES_AHEAD.
			// Short lists never cost a request read ahead; a list that ends soon after costs a few.
			fullPagesInARow = page.length === asked && asked === sizing.size ? fullPagesInARow + 1 : 0;
			if (cursor?.start !== undefined && fullPagesInARow >= 2) {
				const fullPagesWanted = Math.floor(Math.min(wanted - items.length, Number.MAX_SAFE_INTEGER) / asked);
				pages.prefetch(cursor, asked, fullPagesWanted, pagesAhead(fullPagesInARow, cursor.start, asked, lastStart));
			}
		}
	} finally {
		// Pages read ahead and not used: the execution does not end with requests still on their way.
		await pages.settle();
	}
	return { items: items.list, requests: pages.sent };
}

/**
 * Pages read ahead of need, at most. The read-ahead starts at 3 pages once a list has proven long and
 * grows by one with each full page: with 100 ms round trips, 7 pages on their way besides the one
 * awaited use the account's 30 requests/s (3 used half of it: 20,000 contacts took 1.4 s against
 * 0.8 s at the limit).
 */
export const PAGES_AHEAD = 7;
/**
 * Without a `Link: rel="last"`, the end is unknown until an empty page: reading ahead then costs up
 * to its depth in requests past the end. One page ahead keeps a list within 2 requests of its pages.
 */
export const PAGES_AHEAD_END_UNKNOWN = 1;

/** How many pages to read ahead after `next`: never past the last page the API named. */
function pagesAhead(fullPagesInARow: number, nextStart: number, pageSize: number, lastStart: number | undefined): number {
	if (lastStart === undefined) return PAGES_AHEAD_END_UNKNOWN;
	const toLast = Math.floor((lastStart - nextStart) / pageSize);
	return Math.max(0, Math.min(PAGES_AHEAD, fullPagesInARow + 1, toLast));
}

/**
 * The page requests of one read. A page is used only when the loop above reaches it, in order and
 * under the same checks as a page requested then: reading ahead changes when pages are asked for,
 * never which items come out or in what order. A page read ahead and not reached (the list ended,
 * or a Link header led elsewhere) is dropped, its failure included: it costs a request, nothing more.
 */
class PageRequests {
	private readonly ahead = new Map<string, Promise<Ip1Response>>();
	sent = 0;

	constructor(
		private readonly context: Ip1Context,
		private readonly itemIndex: number | undefined,
	) {}

	async read(cursor: PageCursor, limit: number): Promise<Ip1Response> {
		const key = PageRequests.key(cursor, limit);
		const early = this.ahead.get(key);
		this.ahead.delete(key);
		return await (early ?? this.request(cursor, limit));
	}

	/** Asks for up to `ahead` pages of `limit` items after `next` (not more than `fullPagesWanted`). */
	prefetch(next: PageCursor, limit: number, fullPagesWanted: number, ahead: number): void {
		const start = next.start ?? 0;
		for (let page = 1; page <= Math.min(ahead, fullPagesWanted - 1); page++) {
			const cursor: PageCursor = { path: next.path, qs: { ...next.qs, start: start + page * limit }, start: start + page * limit };
			const key = PageRequests.key(cursor, limit);
			if (this.ahead.has(key)) continue;
			const response = this.request(cursor, limit);
			response.catch(() => undefined);
			this.ahead.set(key, response);
		}
	}

	async settle(): Promise<void> {
		await Promise.allSettled(this.ahead.values());
		this.ahead.clear();
	}

	private async request(cursor: PageCursor, limit: number): Promise<Ip1Response> {
		this.sent++;
		return await ip1Request.call(this.context, {
			method: 'GET',
			path: cursor.path,
			qs: { ...cursor.qs, limit },
			itemIndex: this.itemIndex,
		});
	}

	private static key(cursor: PageCursor, limit: number): string {
		return `${cursorKey(cursor)}#${limit}`;
	}
}

function stopped(context: Ip1Context, query: CollectionQuery, message: string, why: string) {
	return protocolError(context.getNode(), { message, description: `${why} (${query.path})`, itemIndex: query.itemIndex });
}

/**
 * A page's items. Besides a plain array (documented) an envelope is accepted: a known key, or the
 * one list an object holds. No body is an empty page; anything else is no page at all (undefined).
 */
function pageOf(body: unknown): IDataObject[] | undefined {
	if (body === undefined || body === null || body === '') return [];
	if (Array.isArray(body)) return body as IDataObject[];
	if (typeof body !== 'object') return undefined;
	const record = body as IDataObject;
	const known = ENVELOPE_KEYS.find((key) => Array.isArray(record[key]));
	if (known) return record[known] as IDataObject[];
	const lists = Object.values(record).filter((value) => Array.isArray(value));
	return lists.length === 1 ? (lists[0] as IDataObject[]) : undefined;
}

const ENVELOPE_KEYS = ['items', 'data', 'results', 'Items', 'Data', 'Results'];

/**
 * After the API refused our first page: a smaller size worth asking for, if the refusal may be
 * about the page size. The maximum the API names ("limit must be from 1 to 500") is used as is.
 */
function smallerPageSize(error: unknown, asked: number): number | undefined {
	if (!(error instanceof NodeApiError) || !['400', '422'].includes(String(error.httpCode))) return undefined;
	if (asked <= DOCUMENTED_PAGE_SIZE) return undefined;
	const text = `${error.message} ${error.description ?? ''}`.replace(/iP\.1 API error \d+/g, '');
	if (!/limit/i.test(text)) return DOCUMENTED_PAGE_SIZE;
	const named = (text.match(/\d+/g) ?? []).map(Number).filter((size) => size >= 1 && size < asked);
	if (named.length > 0) return Math.max(...named);
	return SMALLER_PAGE_SIZES.find((size) => size < asked);
}

/** Collections are plain arrays; tolerate an envelope in case the API wraps them. */
export function collectionItems<T>(body: unknown): T[] {
	if (Array.isArray(body)) return body as T[];
	if (body && typeof body === 'object') {
		for (const key of ENVELOPE_KEYS) {
			const value = (body as IDataObject)[key];
			if (Array.isArray(value)) return value as T[];
		}
	}
	return [];
}
