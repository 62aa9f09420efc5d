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
 * page is rendered, so long collections stay cheap.
 */
export function paged<T, U>(ctx: RouteContext, items: T[], render: (item: T) => U): RouteResult {
	const page = parsePage(ctx.query, ctx.core.options.maxPageSize);
	const result = paginate(items, page, ctx.link);
	return json(200, result.items.map(render), { link: result.link });
}

export const identity = <T>(item: T): T => item;

/** `?meta`, `?meta=true`, `?meta=1` … anything but `false`/`0` turns the flag on. */
export function flag(query: URLSearchParams, name: string): boolean {
	if (!query.has(name)) return false;
	const value = (query.get(name) ?? '').toLowerCase();
	return value !== 'false' && value !== '0';
}
