import type { IDataObject } from 'n8n-workflow';

import {
	cursorKey,
	describeCursor,
	DistinctItems,
	DOCUMENTED_PAGE_SIZE,
	lastPageStart,
	nextCursor,
	offsetCursor,
	PageReading,
	pageOf,
	type PageCursor,
} from '../dialect/paging';
import { asNodeError, protocolError } from '../errors/apiErrors';
import { getConnection, type Ip1Context } from './context';
import { ip1Request, type Ip1Response } from './request';

export interface CollectionQuery {
	path: string;
	qs?: IDataObject;
	returnAll: boolean;
	/** Max number of items when returnAll is false. */
	limit?: number;
	order?: 'ASC' | 'DESC';
	itemIndex?: number;
}

export interface CollectionResult<T> {
	items: T[];
	requests: number;
}

/**
 * Reads a /v2 collection page by page (`start`/`limit`/`order`); what each answer means is the dialect's
 * (dialect/paging.ts). Links that loop end in an error, no item comes twice, and no more items are asked
 * for than are still needed.
 */
export async function ip1PaginatedRequest(
	this: Ip1Context,
	query: CollectionQuery,
): Promise<CollectionResult<IDataObject>> {
	const wanted = query.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, query.limit ?? DOCUMENTED_PAGE_SIZE);
	const { baseUrl, redact } = await getConnection(this);
	const items = new DistinctItems();
	const reading = new PageReading();
	const visited = new Set<string>();
	let cursor: PageCursor | undefined = { path: query.path, qs: { ...query.qs, start: 0, order: query.order ?? 'ASC' }, start: 0 };
	const pages = new PageRequests(this, query.itemIndex);
	let fullPagesInARow = 0;
	let lastStart: number | undefined;

	try {
		while (cursor && items.list.length < wanted) {
			const asked = Math.min(reading.size, wanted - items.list.length);
			visited.add(cursorKey(cursor));
			const response = await pages.read(cursor, asked, reading);
			if (!response) continue; // a page size the API refused: asked again smaller
			const page = pageOf(response.body);
			if (!page) {
				const message = redact(`iP.1 answered ${describeCursor(cursor, asked)} with something that is not a list`);
				throw stopped(this, query, message, 'Nothing was returned, rather than a list that might be incomplete.');
			}
			if (page.length === 0) break;
			if (items.add(page, wanted) === 0) {
				if (reading.isWholeListAgain(page)) break;
				const message = redact(`iP.1 returned the same items again for ${describeCursor(cursor, asked)}`);
				throw stopped(this, query, message, 'The API seems to ignore where the page starts. Reading stopped, rather than return items twice or loop.');
			}
			if (reading.served(page, asked)) break;
			lastStart = lastPageStart(response.headers.link, cursor, baseUrl) ?? lastStart;
			const next = nextCursor(response.headers.link, cursor, page.length, baseUrl, visited);
			if ('problem' in next) {
				const why = `Reading stopped here so that it does not loop; ${items.list.length} items had been read.`;
				throw stopped(this, query, redact(next.problem), why);
			}
			cursor = next.cursor;
			fullPagesInARow = page.length === asked && asked === reading.size ? fullPagesInARow + 1 : 0;
			if (cursor) pages.readAhead(cursor, asked, { stillWanted: wanted - items.list.length, fullPagesInARow, lastStart });
		}
	} finally {
		// Pages read ahead and not used: the execution does not end with requests still on their way.
		await pages.settle();
	}
	return { items: items.list, requests: pages.sent };
}

/**
 * Pages read ahead of need, at most: with 100 ms round trips, 7 on their way besides the one awaited use
 * the account's 30 requests/s (3 used half: 20,000 contacts took 1.4 s against 0.8 s at the limit).
 */
export const PAGES_AHEAD = 7;
/** Without `Link: rel="last"` the end is unknown until an empty page: one page ahead costs at most 2 requests past it. */
const PAGES_AHEAD_END_UNKNOWN = 1;

/** How many pages to read ahead after `next`: never past the last page the API named. */
function pagesAhead(fullPagesInARow: number, nextStart: number, pageSize: number, lastStart: number | undefined): number {
	if (lastStart === undefined) return PAGES_AHEAD_END_UNKNOWN;
	const toLast = Math.floor((lastStart - nextStart) / pageSize);
	return Math.max(0, Math.min(PAGES_AHEAD, fullPagesInARow + 1, toLast));
}

type ReadProgress = { stillWanted: number; fullPagesInARow: number; lastStart: number | undefined };

/**
 * The page requests of one read. A page read ahead is used only when the loop reaches it, under the same
 * checks: reading ahead changes when pages are asked for, never which items come out. One not reached
 * (the list ended, a Link led elsewhere) is dropped, its failure included: it costs a request, nothing more.
 */
class PageRequests {
	private readonly ahead = new Map<string, Promise<Ip1Response>>();
	sent = 0;

	constructor(private readonly context: Ip1Context, private readonly itemIndex: number | undefined) {}

	/** The page, or undefined when the API refused its size and the reading shrank it (ask again). */
	async read(cursor: PageCursor, limit: number, reading: PageReading): Promise<Ip1Response | undefined> {
		const key = PageRequests.key(cursor, limit);
		const early = this.ahead.get(key);
		this.ahead.delete(key);
		try {
			return await (early ?? this.request(cursor, limit));
		} catch (error) {
			if (reading.refused(error, limit)) return undefined;
			throw asNodeError(this.context.getNode(), error);
		}
	}

	/**
	 * A list paged by offset that has proven long (two full pages in a row): the next pages are asked for
	 * before they are needed, one more with each full page, up to PAGES_AHEAD. Short lists cost nothing.
	 */
	readAhead(next: PageCursor, limit: number, progress: ReadProgress): void {
		if (next.start === undefined || progress.fullPagesInARow < 2) return;
		const fullPagesWanted = Math.floor(Math.min(progress.stillWanted, Number.MAX_SAFE_INTEGER) / limit);
		const ahead = pagesAhead(progress.fullPagesInARow, next.start, limit, progress.lastStart);
		for (let page = 1; page <= Math.min(ahead, fullPagesWanted - 1); page++) {
			const cursor = offsetCursor(next, next.start + page * limit);
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

