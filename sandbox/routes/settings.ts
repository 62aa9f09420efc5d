import { badRequest, notFound } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import type { SettingDocument } from '../types';
import { isAbsoluteHttpUrl, isPlainObject } from '../validation';
import { json, noContent } from './common';

// Only the Swedish page documents settings, without `v2/` and without bodies (ambiguity 14):
// the sandbox answers both paths and takes the value as a bare JSON string or as {"value": …}.

export const KNOWN_SETTINGS = ['IncomingCallbackUrl'];

function knownKey(ctx: RouteContext): string {
	const key = ctx.params.key;
	if (!KNOWN_SETTINGS.includes(key)) {
		throw badRequest('key', `Unknown setting '${key}'. Known settings: ${KNOWN_SETTINGS.join(', ')}.`);
	}
	return key;
}

function getAll(ctx: RouteContext): RouteResult {
	return json(200, Object.fromEntries(ctx.account.settings));
}

function getOne(ctx: RouteContext): RouteResult {
	const key = knownKey(ctx);
	const value = ctx.account.settings.get(key);
	if (value === undefined) throw notFound(`Setting '${key}' is not set.`);
	return json(200, { key, value } satisfies SettingDocument);
}

function put(ctx: RouteContext): RouteResult {
	const key = knownKey(ctx);
	const body = ctx.body;
	const value = typeof body === 'string' ? body : isPlainObject(body) ? body.value : undefined;
	if (typeof value !== 'string') {
		throw badRequest('value', 'Send the value as a JSON string or as {"value": "..."}.');
	}
	if (key === 'IncomingCallbackUrl' && !isAbsoluteHttpUrl(value)) {
		throw badRequest('value', 'IncomingCallbackUrl must be an absolute http(s) URL.');
	}
	ctx.account.settings.set(key, value);
	return json(200, { key, value } satisfies SettingDocument);
}

function remove(ctx: RouteContext): RouteResult {
	const key = knownKey(ctx);
	if (!ctx.account.settings.delete(key)) throw notFound(`Setting '${key}' is not set.`);
	return noContent();
}

export const settingsRoutes: RouteDef[] = ['/v2/me/sms/settings', '/me/sms/settings'].flatMap((base) => [
	{ pattern: base, handlers: { GET: getAll } },
	{ pattern: `${base}/:key`, handlers: { GET: getOne, PUT: put, DELETE: remove } },
]);
