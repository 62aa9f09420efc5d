import type { SandboxVariants } from './types';
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

/** With overCap 'clamp' a limit above the cap is served as the cap, without a word (ambiguity 19). */
export function parsePage(query: URLSearchParams, rules: Pick<SandboxVariants, 'pageSizeCap' | 'overCap'>): PageRequest {
	const errors = new ValidationErrors();
	const cap = rules.pageSizeCap;
	const start = parseInteger(query.get('start'));
	let limit = parseInteger(query.get('limit'));
	const orderRaw = query.get('order');
	if (start !== null && !Number.isSafeInteger(start)) errors.add('start', 'start must be an integer of 0 or more.');
	if (limit !== null && Number.isSafeInteger(limit) && limit > cap && rules.overCap === 'clamp') limit = cap;
	if (limit !== null && (!Number.isSafeInteger(limit) || limit < 1 || limit > cap)) {
		errors.add('limit', `limit must be an integer from 1 to ${cap}.`);
	}
	const order = orderRaw === null ? 'ASC' : orderRaw.toUpperCase();
	if (order !== 'ASC' && order !== 'DESC') errors.add('order', "order must be 'ASC' or 'DESC'.");
	errors.throwIfAny();
	return { start: start ?? 0, limit: Math.min(limit ?? DEFAULT_LIMIT, cap), order: order as 'ASC' | 'DESC' };
}

export interface LinkContext {
	/** e.g. http://127.0.0.1:8787, from the request's Host header */
	origin: string;
	path: string;
	query: URLSearchParams;
}

export type LinkForm = SandboxVariants['linkHeader'];

function pageUrl(ctx: LinkContext, start: number, page: PageRequest, form: LinkForm): string {
	const params = new URLSearchParams();
	params.set('start', String(start));
	params.set('limit', String(page.limit));
	params.set('order', page.order);
	// Filters stay in the links so following `next` keeps the same selection.
	for (const [key, value] of ctx.query) {
		if (key !== 'start' && key !== 'limit' && key !== 'order') params.append(key, value);
	}
	return `${form === 'relative' ? '' : ctx.origin}${ctx.path}?${params.toString()}`;
}

/** null for the 'none' form. 'noSemicolon' is the older pages' `<url> rel="next"`. */
export function linkHeader(ctx: LinkContext, page: PageRequest, total: number, form: LinkForm = 'full'): string | null {
	if (form === 'none') return null;
	// `last` keeps the offset grid of the current page, as the documentation's example does
	// (start=101 → next 201 … last 4901).
	const offset = page.start % page.limit;
	const last = total - 1 >= offset ? offset + Math.floor((total - 1 - offset) / page.limit) * page.limit : 0;
	const separator = form === 'noSemicolon' ? ' ' : '; ';
	const link = (start: number, rel: string): string => `<${pageUrl(ctx, start, page, form)}>${separator}rel="${rel}"`;
	const links = [link(page.start, 'self'), link(0, 'first')];
	if (page.start > 0) links.push(link(Math.max(0, page.start - page.limit), 'prev'));
	if (page.start + page.limit < total) links.push(link(page.start + page.limit, 'next'));
	links.push(link(last, 'last'));
	return links.join(', ');
}

/** Items must come in creation (or the collection's natural) order. */
export function paginate<T>(items: T[], page: PageRequest, ctx: LinkContext, form: LinkForm = 'full'): { items: T[]; link: string | null } {
	const ordered = page.order === 'DESC' ? [...items].reverse() : items;
	return { items: ordered.slice(page.start, page.start + page.limit), link: linkHeader(ctx, page, items.length, form) };
}
