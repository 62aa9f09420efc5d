import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../errors/apiErrors';
import { ip1ApiRequest, type Ip1Context } from '../transport';
import { getConnection } from '../transport/connection';

/*
 * The SMS settings endpoints (ip1-api.md §10, ambiguity 14) are undocumented in two ways that decide
 * whether a call works at all: the path (`/v2/me/sms/settings`, as every other v2 endpoint, or
 * `me/sms/settings`, as the Swedish pages write it) and the body of a PUT (`{ "value": … }` or a bare
 * JSON string). Both the Setting operations and the trigger (which sets IncomingCallbackUrl) go
 * through here, so each learns once per credential what the API takes and both stay right.
 */

type SettingsPath = '/v2/me/sms/settings' | '/me/sms/settings';
type PutForm = 'valueObject' | 'bareString';

const PATHS: SettingsPath[] = ['/v2/me/sms/settings', '/me/sms/settings'];
const PUT_FORMS: PutForm[] = ['valueObject', 'bareString'];

const learntPaths = new Map<string, SettingsPath>();
const learntPutForms = new Map<string, PutForm>();

function statusOf(error: unknown): string | undefined {
	return error instanceof NodeApiError ? String(error.httpCode ?? '') : undefined;
}

/** A validation refusal: nothing was changed, so the request may go again in the other form. */
function isRefusal(error: unknown): boolean {
	const status = statusOf(error);
	return status === '400' || status === '422';
}

function keyPath(base: SettingsPath, key: string): string {
	return `${base}/${encodeURIComponent(key)}`;
}

/** Orders the candidates so the one that worked for this credential comes first. */
function inOrder<T>(all: T[], learnt: T | undefined): T[] {
	return learnt === undefined ? all : [learnt, ...all.filter((candidate) => candidate !== learnt)];
}

/**
 * Runs `call` on the learnt path, or tries the documented paths in turn while the answer is 404 (a
 * path the API does not have). For a `keyed` call a 404 may also mean "not set": it only counts as a
 * wrong path when the collection is missing on that path too.
 */
async function onSettingsPath<T>(context: Ip1Context, call: (base: SettingsPath) => Promise<T>, keyed: boolean): Promise<T> {
	const { limiterKey } = await getConnection(context);
	const learnt = learntPaths.get(limiterKey);
	if (learnt) return await call(learnt);
	let lastError: unknown;
	for (const base of PATHS) {
		try {
			const result = await call(base);
			learntPaths.set(limiterKey, base);
			return result;
		} catch (error) {
			if (statusOf(error) !== '404') throw asNodeError(context.getNode(), error);
			lastError = error;
			// A 404 on one key may only mean "not set": the path is wrong only if the collection is missing too.
			if (keyed && (await collectionExists(context, base))) {
				learntPaths.set(limiterKey, base);
				throw asNodeError(context.getNode(), error);
			}
		}
	}
	throw asNodeError(context.getNode(), lastError);
}

async function collectionExists(context: Ip1Context, base: SettingsPath): Promise<boolean> {
	try {
		await ip1ApiRequest.call(context, { method: 'GET', path: base });
		return true;
	} catch (error) {
		if (statusOf(error) === '404') return false;
		throw asNodeError(context.getNode(), error);
	}
}

/** GET of all settings (a map or a list; see settings.ts for reading it). */
export async function getSettings(context: Ip1Context, itemIndex?: number): Promise<unknown> {
	return await onSettingsPath(context, async (base) => await ip1ApiRequest.call(context, { method: 'GET', path: base, itemIndex }), false);
}

/** GET of one setting; a 404 (not set) is thrown as the API's NodeApiError for the caller to read. */
export async function getSetting(context: Ip1Context, key: string, itemIndex?: number): Promise<unknown> {
	return await onSettingsPath(
		context,
		async (base) => await ip1ApiRequest.call(context, { method: 'GET', path: keyPath(base, key), itemIndex }),
		true,
	);
}

export async function deleteSetting(context: Ip1Context, key: string, itemIndex?: number): Promise<unknown> {
	return await onSettingsPath(
		context,
		async (base) => await ip1ApiRequest.call(context, { method: 'DELETE', path: keyPath(base, key), itemIndex }),
		true,
	);
}

/** Which refusal names the real problem is unknowable: the user sees both, in the API's words. */
function bothRefused(first: unknown, second: unknown): unknown {
	if (!(first instanceof NodeApiError) || !(second instanceof NodeApiError)) return first;
	const note = `Sent again with the value as a bare JSON string, iP.1 refused that too: ${second.message}`;
	first.description = [first.description, note].filter(Boolean).join('\n');
	return first;
}

/**
 * PUT of one setting, `{ "value": … }` first; after a 400/422 refusal once more as a bare JSON string
 * (a PUT of a value is idempotent, and a refusal changed nothing). When both are refused, the first
 * answers are reported together.
 */
export async function putSetting(context: Ip1Context, key: string, value: string, itemIndex?: number): Promise<unknown> {
	const { limiterKey } = await getConnection(context);
	const put = async (base: SettingsPath, form: PutForm) =>
		await ip1ApiRequest.call(context, {
			method: 'PUT',
			path: keyPath(base, key),
			// A bare JSON string must go out as JSON text (quoted), with the JSON content type.
			body: form === 'valueObject' ? { value } : JSON.stringify(value),
			itemIndex,
		});
	return await onSettingsPath(
		context,
		async (base) => {
			const forms = inOrder(PUT_FORMS, learntPutForms.get(limiterKey));
			const first = await attempt(async () => await put(base, forms[0]));
			if (first.ok) {
				learntPutForms.set(limiterKey, forms[0]);
				return first.value;
			}
			if (!isRefusal(first.error) || learntPutForms.has(limiterKey)) throw asNodeError(context.getNode(), first.error);
			const second = await attempt(async () => await put(base, forms[1]));
			if (second.ok) {
				learntPutForms.set(limiterKey, forms[1]);
				return second.value;
			}
			throw asNodeError(context.getNode(), isRefusal(second.error) ? bothRefused(first.error, second.error) : second.error);
		},
		false,
	);
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function attempt<T>(call: () => Promise<T>): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await call() };
	} catch (error) {
		return { ok: false, error };
	}
}
