import { badRequest, notFound, ProblemError } from '../problems';
import type { RouteContext, RouteDef, RouteResult } from '../router';
import type { SettingDocument } from '../types';
import { isAbsoluteHttpUrl, isPlainObject } from '../validation';
import { deleted, json, noContent } from './common';

// Only the Swedish page documents settings, without `v2/` and without bodies (ambiguity 14). By
// default the sandbox answers both paths and takes the value as a bare JSON string or as
// {"value": …}; the settingsPath, settingsPut and settingsBody readings narrow or reshape that.

export const KNOWN_SETTINGS = ['IncomingCallbackUrl'];
const V2_BASE = '/v2/me/sms/settings';
const UNVERSIONED_BASE = '/me/sms/settings';

/** One setting as GET …/{key} answers it: `{key, value}`, or `{Key, Value}` in the PascalCase reading. */
type SettingAnswer = SettingDocument | { Key: string; Value: string };

function settingDocument(ctx: RouteContext, key: string, value: string): SettingAnswer {
	return ctx.core.variants.settingsBody === 'pascalArray' ? { Key: key, Value: value } : { key, value };
}

/** Under settingsPath 'v2' or 'unversioned' the other path does not exist (404 like any unknown path). */
function checkPath(ctx: RouteContext): void {
	const only = ctx.core.variants.settingsPath;
	const isV2 = ctx.path.startsWith(V2_BASE);
	if (only === 'both' || (only === 'v2') === isV2) return;
	throw new ProblemError(404, `No endpoint ${ctx.method} ${ctx.path}.`);
}

function knownKey(ctx: RouteContext): string {
	checkPath(ctx);
	const key = ctx.params.key;
	if (!KNOWN_SETTINGS.includes(key)) {
		throw badRequest('key', `Unknown setting '${key}'. Known settings: ${KNOWN_SETTINGS.join(', ')}.`);
	}
	return key;
}

function getAll(ctx: RouteContext): RouteResult {
	checkPath(ctx);
	const entries = Array.from(ctx.account.settings);
	switch (ctx.core.variants.settingsBody) {
		case 'array':
			return json(200, entries.map(([key, value]) => ({ key, value })));
		case 'pascalArray':
			return json(200, entries.map(([Key, Value]) => ({ Key, Value })));
		default:
			return json(200, Object.fromEntries(entries));
	}
}

function getOne(ctx: RouteContext): RouteResult {
	const key = knownKey(ctx);
	const value = ctx.account.settings.get(key);
	if (value === undefined) throw notFound(`Setting '${key}' is not set.`);
	return json(200, settingDocument(ctx, key, value));
}

/** The value from the body forms the settingsPut reading accepts. */
function valueFromBody(ctx: RouteContext): string {
	const body = ctx.body;
	const accepts = ctx.core.variants.settingsPut;
	if (typeof body === 'string' && accepts !== 'valueObject') return body;
	// ASP.NET binds JSON properties case-insensitively, so {"Value": …} is the same form.
	const inObject = isPlainObject(body) ? (body.value ?? body.Value) : undefined;
	if (typeof inObject === 'string' && accepts !== 'bareString') return inObject;
	const expected =
		accepts === 'bareString'
			? 'Send the value as a bare JSON string, e.g. "https://example.org/sms".'
			: accepts === 'valueObject'
				? 'Send the value as {"value": "..."}.'
				: 'Send the value as a JSON string or as {"value": "..."}.';
	throw badRequest('value', expected);
}

function put(ctx: RouteContext): RouteResult {
	const key = knownKey(ctx);
	const value = valueFromBody(ctx);
	if (key === 'IncomingCallbackUrl' && !isAbsoluteHttpUrl(value)) {
		throw badRequest('value', 'IncomingCallbackUrl must be an absolute http(s) URL.');
	}
	ctx.account.settings.set(key, value);
	return json(200, settingDocument(ctx, key, value));
}

function remove(ctx: RouteContext): RouteResult {
	const key = knownKey(ctx);
	const value = ctx.account.settings.get(key);
	if (value === undefined) throw notFound(`Setting '${key}' is not set.`);
	ctx.account.settings.delete(key);
	return deleted(ctx, noContent(), settingDocument(ctx, key, value));
}

export const settingsRoutes: RouteDef[] = [V2_BASE, UNVERSIONED_BASE].flatMap((base) => [
	{ pattern: base, handlers: { GET: getAll } },
	{ pattern: `${base}/:key`, handlers: { GET: getOne, PUT: put, DELETE: remove } },
]);
