import { paginate, parsePage } from '../pagination';
import type { RouteContext, RouteResult } from '../router';

export function json(status: number, body: unknown, headers?: Record<string, string>): RouteResult {
	return { status, body, ...(headers ? { headers } : {}) };
}

export function noContent(): RouteResult {
	return { status: 204 };
}

/**
 * A page of `items` (given in natural order) as a plain JSON array plus the Link header. Only the
 * page is rendered, so long collections stay cheap. A 'minor' list (senders, blacklist, landing
 * pages and elements) answers everything, ignoring start/limit/order, under pagedLists 'core'.
 */
export function paged<T, U>(ctx: RouteContext, items: T[], render: (item: T) => U, kind: 'core' | 'minor' = 'core'): RouteResult {
	const variants = ctx.core.variants;
	if (kind === 'minor' && variants.pagedLists === 'core') return json(200, items.map(render));
	const page = parsePage(ctx.query, variants);
	const result = paginate(items, page, ctx.link, variants.linkHeader);
	return json(200, result.items.map(render), result.link === null ? undefined : { link: result.link });
}

/**
 * The answer to a successful DELETE under the deleteResponse reading: as documented for the
 * endpoint, always 204, or always 200 with what was deleted.
 */
export function deleted(ctx: RouteContext, documented: RouteResult, document: unknown): RouteResult {
	switch (ctx.core.variants.deleteResponse) {
		case 'noContent':
			return noContent();
		case 'body':
			return json(200, document);
		default:
			return documented;
	}
}

export const identity = <T>(item: T): T => item;

/** `?meta`, `?meta=true`, `?meta=1` … anything but `false`/`0` turns the flag on. */
export function flag(query: URLSearchParams, name: string): boolean {
	if (!query.has(name)) return false;
	const value = (query.get(name) ?? '').toLowerCase();
	return value !== 'false' && value !== '0';
}
