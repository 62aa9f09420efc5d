import { ProblemError, badRequest, notFound } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import type { SenderDocument } from '../types';
import { isPlainObject, senderProblem } from '../validation';
import { formatTimestamp } from '../timestamps';
import { deleted, json, paged } from './common';

// Both documented ways to register (ambiguity 9): the sender in the path with no body, and
// `PUT /v2/me/senders` with `{"sender": …}`. No verification flow exists in the sandbox: a
// registered sender is usable at once.

function senderDocument(ctx: RouteContext, sender: string, created: string): SenderDocument {
	return { sender, created: formatTimestamp(created, ctx.core.variants.timestamps) };
}

/** Under the senderPut reading only one form may exist; the other answers 405 like any missing method. */
function checkForm(ctx: RouteContext, form: 'path' | 'body'): void {
	const only = ctx.core.variants.senderPut;
	if (only === 'both' || only === form) return;
	throw new ProblemError(405, `PUT is not allowed on ${ctx.path}.`, undefined, { allow: form === 'path' ? 'GET, DELETE' : 'GET' });
}

function register(ctx: RouteContext, sender: string): RouteResult {
	const problem = senderProblem(sender);
	if (problem) throw badRequest('sender', problem);
	const existing = ctx.account.senders.get(sender);
	if (existing) return json(200, senderDocument(ctx, sender, existing));
	const created = ctx.core.nowIso();
	ctx.account.senders.set(sender, created);
	return json(201, senderDocument(ctx, sender, created));
}

function sortedSenders(ctx: RouteContext): SenderDocument[] {
	return Array.from(ctx.account.senders, ([sender, created]) => senderDocument(ctx, sender, created)).sort((a, b) =>
		a.sender < b.sender ? -1 : a.sender > b.sender ? 1 : 0,
	);
}

function find(ctx: RouteContext): SenderDocument {
	const created = ctx.account.senders.get(ctx.params.sender);
	if (!created) throw notFound(`Sender '${ctx.params.sender}' is not registered on this account.`);
	return senderDocument(ctx, ctx.params.sender, created);
}

export const senderRoutes: RouteDef[] = [
	{
		pattern: '/v2/me/senders',
		handlers: {
			GET: (ctx) => paged(ctx, sortedSenders(ctx), (doc) => doc, 'minor'),
			PUT: (ctx) => {
				checkForm(ctx, 'body');
				const body = ctx.body;
				if (!isPlainObject(body) || typeof body.sender !== 'string' || body.sender === '') {
					throw badRequest('sender', 'sender is required: send {"sender": "..."} or PUT /v2/me/senders/{sender}.');
				}
				return register(ctx, body.sender);
			},
		},
	},
	{
		pattern: '/v2/me/senders/:sender',
		handlers: {
			GET: (ctx) => json(200, find(ctx)),
			PUT: (ctx) => {
				checkForm(ctx, 'path');
				return register(ctx, ctx.params.sender);
			},
			DELETE: (ctx) => {
				const doc = find(ctx);
				ctx.account.senders.delete(doc.sender);
				return deleted(ctx, json(200, doc), doc);
			},
		},
	},
];
