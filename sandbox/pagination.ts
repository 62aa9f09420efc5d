import { ValidationErrors } from './validation';

// Section 1.2: start/limit/order on every /v2 collection, navigation in a Link header. The body
// stays a plain array (no envelope, no total count: none is documented).

export interface PageRequest {
	start: number;
	limit: number;
	order: 'ASC' | 'DESC';
}

export const DEFAULT_LIMIT = 50;

function parseInteger(raw: string | null): number | null {
	if (raw === null) return null;
	return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
}

export function parsePage(query: URLSearchParams, maxPageSize: number): PageRequest {
	const errors = new ValidationErrors();
	const start = parseInteger(query.get('start'));
	const limit = parseInteger(query.get('limit'));
	const orderRaw = query.get('order');
	if (start !== null && !Number.isSafeInteger(start)) errors.add('start', 'start must be an integer of 0 or more.');
	if (limit !== null && (!Number.isSafeInteger(limit) || limit < 1 || limit > maxPageSize)) {
		errors.add('limit', `limit must be an integer from 1 to ${maxPageSize}.`);
	}
	const order = orderRaw === null ? 'ASC' : orderRaw.toUpperCase();
	if (order !== 'ASC' && order !== 'DESC') errors.add('order', "order must be 'ASC' or 'DESC'.");
	errors.throwIfAny();
	return { start: start ?? 0, limit: limit ?? DEFAULT_LIMIT, order: order as 'ASC' | 'DESC' };
}

export interface LinkContext {
	/** e.g. http://127.0.0.1:8787, from the request's Host header */
	origin: string;
	path: string;
	query: URLSearchParams;
}

function pageUrl(ctx: LinkContext, start: number, page: PageRequest): string {
	const params = new URLSearchParams();
	params.set('start', String(start));
	params.set('limit', String(page.limit));
	params.set('order', page.order);
	// Filters stay in the links so following `next` keeps the same selection.
	for (const [key, value] of ctx.query) {
		if (key !== 'start' && key !== 'limit' && key !== 'order') params.append(key, value);
	}
	return `${ctx.origin}${ctx.path}?${params.toString()}`;
}

export function linkHeader(ctx: LinkContext, page: PageRequest, total: number): string {
	// `last` keeps the offset grid of the current page, as the documentation's example does
	// (start=101 → next 201 … last 4901).
	const offset = page.start % page.limit;
	const last = total - 1 >= offset ? offset + Math.floor((total - 1 - offset) / page.limit) * page.limit : 0;
	const links = [`<${pageUrl(ctx, page.start, page)}>; rel="self"`, `<${pageUrl(ctx, 0, page)}>; rel="first"`];
	if (page.start > 0) links.push(`<${pageUrl(ctx, Math.max(0, page.start - page.limit), page)}>; rel="prev"`);
	if (page.start + page.limit < total) links.push(`<${pageUrl(ctx, page.start + page.limit, page)}>; rel="next"`);
	links.push(`<${pageUrl(ctx, last, page)}>; rel="last"`);
	return links.join(', ');
}

/** Items must come in creation (or the collection's natural) order. */
export function paginate<T>(items: T[], page: PageRequest, ctx: LinkContext): { items: T[]; link: string } {
	const ordered = page.order === 'DESC' ? [...items].reverse() : items;
	return { items: ordered.slice(page.start, page.start + page.limit), link: linkHeader(ctx, page, items.length) };
}
