import type { IDataObject } from 'n8n-workflow';

import { readField } from '../../helpers/normalise';
import { isPlainObject } from '../../../shared/values';

/**
 * iP.1 recommends synchronous imports (`?sync`) only for fewer than 1,000 contacts. The node
 * follows it: a synchronous import of 1,000 or more is refused before any request.
 */
export const SYNC_IMPORT_LIMIT = 1000;

export interface ImportResult {
	/** The created contacts, when the API returned them (synchronous import). */
	contacts?: IDataObject[];
	/** How many contacts the API took. */
	accepted: number;
}

/**
 * The response of `POST /v2/contacts` is not documented. Seen or plausible: 202 with nothing or
 * `{ accepted: n }` (background import), 201/200 with the array of created contacts, an envelope
 * (`{ contacts | items | data: [...] }`), or one contact document.
 */
export function readImportResult(body: unknown, submitted: number): ImportResult {
	if (Array.isArray(body)) return { contacts: body as IDataObject[], accepted: body.length };
	if (isPlainObject(body)) {
		for (const key of ['contacts', 'items', 'data', 'results']) {
			const list = readField(body, key);
			if (Array.isArray(list)) return { contacts: list as IDataObject[], accepted: list.length };
		}
		if (readField(body, 'id') !== undefined && readField(body, 'properties') !== undefined) {
			return { contacts: [body], accepted: 1 };
		}
		for (const key of ['accepted', 'count', 'imported']) {
			const count = Number(readField(body, key));
			if (Number.isInteger(count) && count >= 0) return { accepted: count };
		}
	}
	return { accepted: submitted };
}
