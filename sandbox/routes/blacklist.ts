import { badRequest, notFound } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import type { BlacklistEntryDocument } from '../types';
import { isPlainObject, msisdnProblem } from '../validation';
import { formatTimestamp } from '../timestamps';
import { deleted, json, paged } from './common';

// The v2 POST body is undocumented (ambiguity 21): `{"msisdn": …}`, the legacy-looking
// `{"phone": …}`/`{"Phone": …}` and a bare JSON string are all accepted. PUT needs no body.

function entryDocument(ctx: RouteContext, msisdn: string, created: string): BlacklistEntryDocument {
	return { msisdn, created: formatTimestamp(created, ctx.core.variants.timestamps) };
}

function add(ctx: RouteContext, msisdn: string): RouteResult {
	const problem = msisdnProblem(msisdn);
	if (problem) throw badRequest('msisdn', problem);
	const existing = ctx.account.blacklist.get(msisdn);
	if (existing) return json(200, entryDocument(ctx, msisdn, existing));
	const created = ctx.core.nowIso();
	ctx.account.blacklist.set(msisdn, created);
	return json(201, entryDocument(ctx, msisdn, created));
}

/** blacklistPutBody 'required': PUT carries the number in its body too, and it must match the path. */
function put(ctx: RouteContext): RouteResult {
	const msisdn = ctx.params.msisdn;
	if (ctx.core.variants.blacklistPutBody === 'required') {
		if (ctx.body === undefined) throw badRequest('msisdn', `msisdn is required in the body: send {"msisdn": "${msisdn}"}.`);
		const inBody = msisdnFromBody(ctx.body);
		if (inBody !== msisdn) throw badRequest('msisdn', `The msisdn in the body ('${inBody}') does not match the path ('${msisdn}').`);
	}
	return add(ctx, msisdn);
}

function msisdnFromBody(body: unknown): string {
	if (typeof body === 'string') return body;
	if (isPlainObject(body)) {
		for (const key of ['msisdn', 'phone', 'Phone']) {
			const value = body[key];
			if (typeof value === 'string') return value;
		}
	}
	throw badRequest('msisdn', 'msisdn is required: send {"msisdn": "46700000001"}.');
}

function find(ctx: RouteContext): BlacklistEntryDocument {
	const created = ctx.account.blacklist.get(ctx.params.msisdn);
	if (!created) throw notFound(`'${ctx.params.msisdn}' is not on the blacklist.`);
	return entryDocument(ctx, ctx.params.msisdn, created);
}

export const blacklistRoutes: RouteDef[] = [
	{
		pattern: '/v2/blacklist',
		handlers: {
			GET: (ctx) => paged(ctx, Array.from(ctx.account.blacklist), ([msisdn, created]) => entryDocument(ctx, msisdn, created), 'minor'),
			POST: (ctx) => add(ctx, msisdnFromBody(ctx.body)),
		},
	},
	{
		pattern: '/v2/blacklist/:msisdn',
		handlers: {
			GET: (ctx) => json(200, find(ctx)),
			PUT: put,
			DELETE: (ctx) => {
				const entry = find(ctx);
				ctx.account.blacklist.delete(entry.msisdn);
				return deleted(ctx, json(200, entry), entry);
			},
		},
	},
];
