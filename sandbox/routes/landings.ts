import { elementDocument, landingDocument } from '../documents';
import { newObjectId, shortCode } from '../ids';
import { ProblemError, badRequest, notFound } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import type { LandingElementRecord, LandingRecord } from '../state';
import type { JsonValue } from '../types';
import { isPlainObject } from '../validation';
import { deleted, json, noContent, paged } from './common';

// Fields the server manages; PUT on a landing page cannot change them (section 13.1).
const MANAGED = new Set(['id', 'name', 'views', 'link', 'shortLink', 'lastModified', 'elements']);

export function defaultTitleElement(id: string, content: string): LandingElementRecord {
	return {
		id,
		type: 'Title',
		fields: {
			order: 0,
			backgroundColor: '#FFFFFF',
			foregroundColor: '#000000',
			padding: '16px',
			margin: '0px',
			textAlignment: 'Center',
			font: 'Roboto',
			content,
			level: 1,
			bold: true,
			italic: false,
			underline: false,
		},
	};
}

export function newLanding(nowMs: number, nowIsoMillis: string, name: string, extra: Record<string, JsonValue>): LandingRecord {
	const id = newObjectId(nowMs);
	return {
		id,
		name,
		extra,
		views: {},
		link: `https://landing.ip1.net/${id}`,
		shortLink: `https://url.ip1.net/${shortCode(8)}`,
		lastModified: nowIsoMillis,
		elements: [defaultTitleElement(newObjectId(nowMs), name)],
	};
}

function extraFields(body: Record<string, unknown>): Record<string, JsonValue> {
	const extra: Record<string, JsonValue> = {};
	for (const [key, value] of Object.entries(structuredClone(body))) if (!MANAGED.has(key)) extra[key] = value as JsonValue;
	return extra;
}

function namedBody(ctx: RouteContext): Record<string, unknown> & { name: string } {
	const body = ctx.body;
	if (!isPlainObject(body)) throw badRequest('$', 'The request body must be a JSON object.');
	if (typeof body.name !== 'string' || body.name.trim() === '') throw badRequest('name', 'name is required.');
	return body as Record<string, unknown> & { name: string };
}

function findLanding(ctx: RouteContext): LandingRecord {
	const landing = ctx.account.landings.get(ctx.params.landingId);
	if (!landing) throw notFound(`Landing page '${ctx.params.landingId}' was not found.`);
	return landing;
}

function findElement(ctx: RouteContext): { landing: LandingRecord; element: LandingElementRecord } {
	const landing = findLanding(ctx);
	const element = landing.elements.find((e) => e.id === ctx.params.elementId);
	if (!element) throw notFound(`Element '${ctx.params.elementId}' was not found on landing page '${landing.id}'.`);
	return { landing, element };
}

function render(ctx: RouteContext, landing: LandingRecord): ReturnType<typeof landingDocument> {
	return landingDocument(landing, ctx.core.variants.timestamps);
}

function nowMillis(ctx: RouteContext): string {
	return new Date(ctx.core.nowMs()).toISOString();
}

function create(ctx: RouteContext): RouteResult {
	const body = namedBody(ctx);
	const landing = newLanding(ctx.core.nowMs(), nowMillis(ctx), body.name, extraFields(body));
	ctx.account.landings.set(landing.id, landing);
	return json(201, render(ctx, landing));
}

function replace(ctx: RouteContext): RouteResult {
	const landing = findLanding(ctx);
	const body = namedBody(ctx);
	if (body.id !== undefined && body.id !== landing.id) throw badRequest('id', 'id cannot be changed.');
	landing.name = body.name;
	landing.extra = extraFields(body);
	landing.lastModified = nowMillis(ctx);
	return json(200, render(ctx, landing));
}

// Deleting is DELETE on the Swedish page and POST on the English ones (ambiguity 22): both work
// unless the landingDelete reading keeps only one, and the other then gets 405.
function remove(ctx: RouteContext): RouteResult {
	const only = ctx.core.variants.landingDelete;
	if (only !== 'both' && only !== ctx.method.toLowerCase()) {
		const allow = only === 'delete' ? 'GET, PUT, DELETE' : 'GET, PUT, POST';
		throw new ProblemError(405, `${ctx.method} is not allowed on ${ctx.path}.`, undefined, { allow });
	}
	const landing = findLanding(ctx);
	const document = render(ctx, landing);
	ctx.account.landings.delete(landing.id);
	return deleted(ctx, noContent(), document);
}

function updateElement(ctx: RouteContext): RouteResult {
	const { landing, element } = findElement(ctx);
	const body = ctx.body;
	if (!isPlainObject(body)) throw badRequest('$', 'The request body must be a JSON object.');
	if (body.id !== undefined && body.id !== element.id) throw badRequest('id', 'The id of an element cannot be changed.');
	if (body.type !== undefined && body.type !== element.type) {
		throw badRequest('type', `The type of an element cannot be changed (it is '${element.type}').`);
	}
	const fields: Record<string, JsonValue> = {};
	for (const [key, value] of Object.entries(structuredClone(body))) if (key !== 'id' && key !== 'type') fields[key] = value as JsonValue;
	element.fields = fields;
	landing.lastModified = nowMillis(ctx);
	return json(200, elementDocument(element));
}

export const landingRoutes: RouteDef[] = [
	{
		pattern: '/v2/landings',
		handlers: {
			GET: (ctx) => paged(ctx, Array.from(ctx.account.landings.values()), (landing) => render(ctx, landing), 'minor'),
			POST: create,
		},
	},
	{
		pattern: '/v2/landings/:landingId',
		handlers: { GET: (ctx) => json(200, render(ctx, findLanding(ctx))), PUT: replace, DELETE: remove, POST: remove },
	},
	{
		pattern: '/v2/landings/:landingId/elements',
		handlers: { GET: (ctx) => paged(ctx, findLanding(ctx).elements, elementDocument, 'minor') },
	},
	{
		pattern: '/v2/landings/:landingId/elements/:elementId',
		handlers: {
			GET: (ctx) => json(200, elementDocument(findElement(ctx).element)),
			PUT: updateElement,
		},
	},
];
