import type { IDataObject } from 'n8n-workflow';

import { asNodeError } from '../errors/apiErrors';
import { withNote } from '../errors/notes';
import { ip1ApiRequest, type Ip1Context } from '../transport';
import { getConnection } from '../transport/context';
import { isDocument, isPlainObject } from '../values';
import { readField } from './documents';
import { answeredWith, firstFormTaken } from './errorBody';

/*
 * §17.14 The SMS settings endpoints are undocumented in path, PUT body and answers (README table). The Setting
 * operations and the trigger learn here, per credential, what the API takes; every answer comes out as `{ key, value }`.
 */

export interface Setting extends IDataObject {
	key: string;
	value: IDataObject[string];
}

type SettingsPath = '/v2/me/sms/settings' | '/me/sms/settings';
type PutForm = 'valueObject' | 'bareString';

const PATHS: SettingsPath[] = ['/v2/me/sms/settings', '/me/sms/settings'];

const learntPaths = new Map<string, SettingsPath>();
const learntPutForms = new Map<string, PutForm>();

function keyPath(base: SettingsPath, key: string): string {
	return `${base}/${encodeURIComponent(key)}`;
}

/**
 * Runs `call` on the learnt path, or tries the paths in turn while the answer is 404. For a `keyed` call
 * a 404 may mean "not set": it is a wrong path only when the collection is missing there too.
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
			if (!answeredWith(error, '404')) throw asNodeError(context.getNode(), error);
			lastError = error;
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
		if (answeredWith(error, '404')) return false;
		throw asNodeError(context.getNode(), error);
	}
}

async function settingsCall(context: Ip1Context, method: 'GET' | 'DELETE', key?: string, itemIndex?: number) {
	const request = async (base: SettingsPath) =>
		await ip1ApiRequest.call(context, { method, path: key === undefined ? base : keyPath(base, key), itemIndex });
	return await onSettingsPath(context, request, key !== undefined);
}

export async function getSettings(context: Ip1Context, itemIndex?: number): Promise<Setting[]> {
	return settingsList(await settingsCall(context, 'GET', undefined, itemIndex));
}

/** GET of one setting; a 404 (not set) is thrown as the API's NodeApiError for the caller to read. */
export async function getSetting(context: Ip1Context, key: string, itemIndex?: number): Promise<Setting> {
	return settingFrom(await settingsCall(context, 'GET', key, itemIndex), key);
}

export async function deleteSetting(context: Ip1Context, key: string, itemIndex?: number): Promise<unknown> {
	return await settingsCall(context, 'DELETE', key, itemIndex);
}

/** PUT of one setting: `{ "value": … }`, after a 400/422 (nothing changed) a bare JSON string; both refusals reported. */
export async function putSetting(context: Ip1Context, key: string, value: string, itemIndex?: number): Promise<Setting> {
	const body = await putInWorkingForm(context, key, value, itemIndex);
	const setting = isDocument(body) ? settingFrom(body, key) : { key, value };
	return { ...setting, value: setting.value ?? value };
}

async function putInWorkingForm(context: Ip1Context, key: string, value: string, itemIndex?: number): Promise<unknown> {
	const { limiterKey } = await getConnection(context);
	const putIn = async (base: SettingsPath) => {
		const learnt = learntPutForms.get(limiterKey);
		const forms: PutForm[] = learnt ? [learnt] : ['valueObject', 'bareString'];
		const taken = await firstFormTaken(forms, async (form) =>
			await ip1ApiRequest.call(context, {
				method: 'PUT',
				path: keyPath(base, key),
				// A bare JSON string must go out as JSON text (quoted), with the JSON content type.
				body: form === 'valueObject' ? { value } : JSON.stringify(value),
				itemIndex,
			}),
		);
		if ('failure' in taken) throw asNodeError(context.getNode(), taken.failure);
		if ('form' in taken) {
			learntPutForms.set(limiterKey, taken.form);
			return taken.value;
		}
		const [first, second] = taken.refusals;
		if (second === undefined) throw first;
		// Which refusal names the real problem is unknowable: the user sees both, in the API's words.
		throw withNote(first, `Sent again with the value as a bare JSON string, iP.1 refused that too: ${second.message}`);
	};
	return await onSettingsPath(context, putIn, false);
}

/** A `{ key, value }` entry, whatever casing or naming the API used. */
function entry(raw: IDataObject): Setting | undefined {
	const key = readField(raw, 'key') ?? readField(raw, 'name') ?? readField(raw, 'setting');
	if (typeof key !== 'string' || key === '') return undefined;
	return { key, value: (readField(raw, 'value') ?? null) as IDataObject[string] };
}

/** `GET /v2/me/sms/settings`: a map `{ IncomingCallbackUrl: "…" }`, `[{ key, value }]` or an envelope → `[{ key, value }]`. */
export function settingsList(body: unknown): Setting[] {
	if (Array.isArray(body)) return body.filter(isPlainObject).flatMap((raw) => entry(raw) ?? []);
	if (!isPlainObject(body)) return [];
	for (const key of ['settings', 'items', 'data']) {
		const inner = readField(body, key);
		if (Array.isArray(inner) || isPlainObject(inner)) return settingsList(inner);
	}
	const single = entry(body);
	if (single && Object.keys(body).length <= 2) return [single];
	return Object.entries(body).map(([key, value]) => ({ key, value: valueOf(value) }));
}

/** A map value may itself be `{ value }`. */
function valueOf(value: unknown): IDataObject[string] {
	if (isPlainObject(value) && readField(value, 'value') !== undefined) return readField(value, 'value') as IDataObject[string];
	return (value ?? null) as IDataObject[string];
}

/** `GET /v2/me/sms/settings/{key}`: `{ key, value }`, `{ value }`, a bare JSON value, or a map or list holding the key. */
export function settingFrom(body: unknown, key: string): Setting {
	if (Array.isArray(body)) return settingsList(body).find((setting) => setting.key === key) ?? { key, value: null };
	if (isPlainObject(body)) {
		const single = entry(body);
		if (single) return single;
		const value = readField(body, 'value');
		if (value !== undefined) return { key, value: value as IDataObject[string] };
		const mapped = readField(body, key);
		if (mapped !== undefined) return { key, value: valueOf(mapped) };
		return { key, value: null };
	}
	if (body === undefined || body === '') return { key, value: null };
	return { key, value: body as IDataObject[string] };
}
