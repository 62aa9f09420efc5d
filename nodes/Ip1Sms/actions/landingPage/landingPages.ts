import { jsonParse, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { isPlainObject } from '../../../shared/values';

/** Fields iP.1 manages itself: a PUT of the page does not change them (section 13.1). */
export const MANAGED_PAGE_FIELDS = ['id', 'views', 'link', 'shortLink', 'lastModified', 'elements'];
/** An element keeps its id and type. */
export const FIXED_ELEMENT_FIELDS = ['id', 'type'];

/** A page's name: required (Create, and Update when the name is changed). */
export function readPageName(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const name = String(value ?? '').trim();
	if (name === '') {
		throw inputError(context.getNode(), itemIndex, {
			field: 'Name',
			rule: 'is required',
			fix: 'Give the landing page a name, such as the campaign it belongs to.',
		});
	}
	return name;
}

/** A JSON parameter as an object: n8n hands it over as text or, from an expression, as an object. */
export function readJsonObject(context: IExecuteFunctions, itemIndex: number, value: unknown, field: string): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (isPlainObject(value)) return value;
	if (typeof value === 'string') {
		let parsed: unknown;
		try {
			parsed = jsonParse(value);
		} catch {
			parsed = undefined;
		}
		if (isPlainObject(parsed)) return parsed;
	}
	throw inputError(context.getNode(), itemIndex, {
		field,
		rule: 'must be a JSON object',
		value: typeof value === 'string' ? value.slice(0, 80) : value,
		fix: 'Write the fields as a JSON object, for example { "theme": "dark" }, or leave it empty.',
	});
}

export function withoutKeys(document: IDataObject, keys: string[]): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(document)) if (!keys.includes(key)) result[key] = value;
	return result;
}

