import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { asNodeError } from './apiErrors';
import { getConnection } from './connection';
import type { Ip1Context } from './context';
import { parseLinkHeader } from './linkHeader';
import { ip1Request } from './request';

/**
 * The largest page we ask for. iP.1 documents no maximum (only the default of 50); the sandbox
 * accepts 1000. If the API refuses a large page, we fall back to the documented default.
 */
export const LARGEST_PAGE_SIZE = 1000;
export const DOCUMENTED_PAGE_SIZE = 50;

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

/**
 * Reads a /v2 collection page by page (`start`/`limit`/`order`). Follows `Link: rel="next"`
 * when the API sends one, otherwise advances `start` until a short page. In limit mode it never
 * asks for more items than are still needed.
 */
export async function ip1PaginatedRequest(
	this: Ip1Context,
	query: CollectionQuery,
): Promise<CollectionResult<IDataObject>> {
	const wanted = query.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, query.limit ?? DOCUMENTED_PAGE_SIZE);
	const items: IDataObject[] = [];
	let requests = 0;
	let pageSize = Math.min(query.pageSize ?? LARGEST_PAGE_SIZE, LARGEST_PAGE_SIZE);
	let next: { path: string; qs: IDataObject } | undefined = {
		path: query.path,
		qs: { ...query.qs, start: 0, order: query.order ?? 'ASC' },
	};
	const { baseUrl } = await getConnection(this);

	while (next && items.length < wanted) {
		const pageLimit = Math.min(pageSize, wanted - items.length);
		let response;
		try {
			requests++;
			response = await ip1Request.call(this, {
				method: 'GET',
				path: next.path,
				qs: { ...next.qs, limit: pageLimit },
				itemIndex: query.itemIndex,
			});
		} catch (error) {
			const refusedLargePage =
				error instanceof NodeApiError && error.httpCode === '400' && items.length === 0 && pageSize > DOCUMENTED_PAGE_SIZE;
			if (!refusedLargePage) throw asNodeError(this.getNode(), error);
			pageSize = DOCUMENTED_PAGE_SIZE;
			continue;
		}
		const page = collectionItems<IDataObject>(response.body);
		items.push(...page.slice(0, wanted - items.length));
		next = nextPage(response.headers.link, next, page.length, pageLimit, baseUrl);
	}
	return { items, requests };
}

/** Collections are plain arrays; tolerate an envelope in case the API wraps them. */
export function collectionItems<T>(body: unknown): T[] {
	if (Array.isArray(body)) return body as T[];
	if (body && typeof body === 'object') {
		for (const key of ['items', 'data', 'results', 'Items', 'Data']) {
			const value = (body as IDataObject)[key];
			if (Array.isArray(value)) return value as T[];
		}
	}
	return [];
}

function nextPage(
	linkHeader: unknown,
	current: { path: string; qs: IDataObject },
	received: number,
	asked: number,
	baseUrl: string,
): { path: string; qs: IDataObject } | undefined {
	if (received === 0) return undefined;
	const links = parseLinkHeader(linkHeader);
	if (links.next) {
		// Only the path and query of the link are used, always against our own base URL: the token
		// must never follow a link to another host.
		const url = new URL(links.next, `${baseUrl}/`);
		const qs: IDataObject = {};
		for (const key of new Set(url.searchParams.keys())) {
			if (key === 'limit') continue;
			const values = url.searchParams.getAll(key);
			qs[key] = values.length === 1 ? values[0] : values;
		}
		const basePath = new URL(`${baseUrl}/`).pathname.replace(/\/$/, '');
		const path = basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
		return { path, qs };
	}
	if (Object.keys(links).length > 0 || received < asked) return undefined;
	return { path: current.path, qs: { ...current.qs, start: Number(current.qs.start ?? 0) + received } };
}
