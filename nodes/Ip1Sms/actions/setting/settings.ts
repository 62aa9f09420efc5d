import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { readField } from '../../../shared/dialect/documents';
import { isAbsoluteHttpUrl, isPlainObject } from '../../../shared/values';
import { matching, readId, REQUIRED, type IdRule } from '../common/ids';
import { getParameter } from '../common/parameters';
import { SETTING_KEY, SETTING_VALUE } from './fields';

/** The documented settings (the settings page lists exactly one so far). */
export const KNOWN_SETTINGS = ['IncomingCallbackUrl'];

const SETTING_KEY_RULE: IdRule = {
	field: 'Setting',
	problem: matching(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must be a setting name (letters and digits, such as IncomingCallbackUrl)', REQUIRED),
	fix: `Enter the setting's name. Documented settings: ${KNOWN_SETTINGS.join(', ')}.`,
};

export interface Setting extends IDataObject {
	key: string;
	value: IDataObject[string];
}

export function readSettingKey(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, itemIndex, SETTING_KEY, SETTING_KEY_RULE);
}

/** The value to set, checked before any request (IncomingCallbackUrl must be an absolute http(s) URL). */
export function readSettingValue(context: IExecuteFunctions, itemIndex: number, key: string): string {
	const value = String(getParameter(context, SETTING_VALUE, itemIndex) ?? '').trim();
	if (value === '') {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Value',
			rule: 'is empty',
			fix: 'Enter the value. To go back to the default (or switch the feature off), use Setting → Delete.',
		});
	}
	if (key.toLowerCase() === 'incomingcallbackurl' && !isAbsoluteHttpUrl(value)) {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Value',
			rule: 'must be an absolute http(s) URL for IncomingCallbackUrl',
			value,
			fix: 'Enter the full address that should receive incoming SMS, such as https://example.com/webhook/sms (an iP.1 SMS Trigger shows its own).',
		});
	}
	return value;
}

/** A `{ key, value }` entry, whatever casing or naming the API used. */
function entry(raw: IDataObject): Setting | undefined {
	const key = readField(raw, 'key') ?? readField(raw, 'name') ?? readField(raw, 'setting');
	if (typeof key !== 'string' || key === '') return undefined;
	return { key, value: (readField(raw, 'value') ?? null) as IDataObject[string] };
}

/**
 * `GET /v2/me/sms/settings` is undocumented in shape: an object map `{ IncomingCallbackUrl: "…" }`
 * or an array `[{ key, value }]` (or an envelope around one). Both become `[{ key, value }]`.
 */
export function settingsList(body: unknown): Setting[] {
	if (Array.isArray(body)) {
		return body.filter(isPlainObject).map(entry).filter((setting): setting is Setting => setting !== undefined);
	}
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

/**
 * `GET /v2/me/sms/settings/{key}`: `{ key, value }`, `{ value }`, a bare JSON value, or a map
 * holding the key.
 */
export function settingFrom(body: unknown, key: string): Setting {
	if (isPlainObject(body)) {
		const single = entry(body);
		if (single) return { key: single.key, value: single.value };
		const value = readField(body, 'value');
		if (value !== undefined) return { key, value: value as IDataObject[string] };
		const mapped = readField(body, key);
		if (mapped !== undefined) return { key, value: valueOf(mapped) };
		return { key, value: null };
	}
	if (body === undefined || body === '') return { key, value: null };
	return { key, value: body as IDataObject[string] };
}
