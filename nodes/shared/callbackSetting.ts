import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { asNodeError } from './errors/apiErrors';
import { getSetting } from './dialect/settings';
import type { Ip1Context } from './transport';

/**
 * The account-wide setting iP.1 posts inbound SMS to (API fact sheet, sections 7 and 10): the trigger
 * takes it over, Send and Wait checks that replies can reach n8n. One home for its name and its reading.
 * Path and PUT body of the settings endpoints are undocumented: settingsApi learns them per credential.
 */
export const CALLBACK_SETTING = 'IncomingCallbackUrl';

/** The current IncomingCallbackUrl, or null when it is not set (404, or an empty value). */
export async function readCallbackUrl(context: Ip1Context, itemIndex?: number): Promise<string | null> {
	let document: unknown;
	try {
		document = await getSetting(context, CALLBACK_SETTING, itemIndex);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return null;
		throw asNodeError(context.getNode(), error);
	}
	return settingValue(document);
}

/**
 * The value, as the API holds it (a restore puts back exactly that), or null when empty. Under every
 * reading of the settings answer: `{ key, value }`, `{ Key, Value }`, `{ IncomingCallbackUrl: … }`, a bare
 * string, or a list of `{ key, value }` entries.
 */
export function settingValue(document: unknown): string | null {
	if (typeof document === 'string') return document.trim() === '' ? null : document;
	if (Array.isArray(document)) {
		const entry = document.find((item: unknown) => {
			const record = (item ?? {}) as IDataObject;
			return (record.key ?? record.Key) === CALLBACK_SETTING;
		});
		return entry === undefined ? null : settingValue(entry);
	}
	if (!document || typeof document !== 'object') return null;
	const record = document as IDataObject;
	const value = record.value ?? record.Value ?? record[CALLBACK_SETTING];
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}
