import type { SandboxCore } from './core';
import type { LinkContext } from './pagination';
import type { Account } from './state';

// Path patterns like `/v2/batches/:batchId/messages/:messageId`. A path that matches a pattern
// but not the method gives 405 (with Allow), no pattern at all gives 404.

export interface RouteContext {
	method: string;
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	/** Parsed JSON body; undefined when the request had none. */
	body: unknown;
	account: Account;
	core: SandboxCore;
	link: LinkContext;
}

export interface RouteResult {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
	pattern: string;
	handlers: Partial<Record<Method, Handler>>;
}

interface CompiledRoute {
	segments: string[];
	handlers: Partial<Record<Method, Handler>>;
}

export type RouteMatch =
	| { kind: 'found'; handler: Handler; params: Record<string, string> }
	| { kind: 'method'; allow: string[] }
	| { kind: 'none' };

export class Router {
	private readonly routes: CompiledRoute[];

	/** Earlier definitions win, so literal routes (`/v2/contacts/meta`) go before parameter ones. */
	constructor(defs: RouteDef[]) {
		this.routes = defs.map((def) => ({ segments: split(def.pattern), handlers: def.handlers }));
	}

	match(method: string, path: string): RouteMatch {
		const parts = split(path);
		let allow: string[] | null = null;
		for (const route of this.routes) {
			const params = matchSegments(route.segments, parts);
			if (!params) continue;
			const handler = route.handlers[method.toUpperCase() as Method];
			if (handler) return { kind: 'found', handler, params };
			allow ??= Object.keys(route.handlers);
		}
		return allow ? { kind: 'method', allow } : { kind: 'none' };
	}
}

function split(path: string): string[] {
	const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
	return trimmed.split('/').slice(1);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
	if (pattern.length !== parts.length) return null;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		const expected = pattern[i];
		if (expected.startsWith(':')) {
			if (parts[i] === '') return null;
			try {
				params[expected.slice(1)] = decodeURIComponent(parts[i]);
			} catch {
				return null;
			}
		} else if (expected !== parts[i]) return null;
	}
	return params;
}
