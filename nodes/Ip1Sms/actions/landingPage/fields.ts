import { jsonParse, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { isPlainObject } from '../../../shared/values';
import { ADDITIONAL_FIELDS, collection, COLLECTIONS, nothingToChange, UPDATE_FIELDS } from '../common/fields';
import { getParameter, parameter } from '../common/parameters';

const otherFieldsOption: INodeProperties = {
	displayName: 'Other Fields (JSON)',
	name: 'otherFields',
	type: 'json',
	default: '{}',
	description: 'Further fields of the landing page as a JSON object, sent as they are',
};

export const pageNameField: INodeProperties = {
	displayName: 'Name',
	name: 'pageName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Spring sale',
	description: 'The name of the landing page',
};

export const additionalPageFields = collection(COLLECTIONS.additionalFields, [otherFieldsOption]);

const pageNameOption: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'Spring sale',
};

export const updatePageFields = collection(
	COLLECTIONS.updateFields,
	[pageNameOption, otherFieldsOption],
	'Only these fields change; the page\'s elements, views and links are never touched',
);

const PAGE_NAME = parameter<unknown>(pageNameField, '');

/** Fields iP.1 manages itself: a PUT of the page does not change them (section 13.1). */
export const MANAGED_PAGE_FIELDS = ['id', 'views', 'link', 'shortLink', 'lastModified', 'elements'];
export const FIXED_ELEMENT_FIELDS = ['id', 'type'];

/** Create's page: its Name, and the Other Fields (JSON) but those iP.1 manages. */
export function readNewPage(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const name = readPageName(context, itemIndex, getParameter(context, PAGE_NAME, itemIndex));
	const additional = getParameter(context, ADDITIONAL_FIELDS, itemIndex);
	const other = readOtherFields(context, itemIndex, additional[otherFieldsOption.name]);
	return { ...withoutKeys(other, MANAGED_PAGE_FIELDS), name };
}

/** Update's changes: the Other Fields (JSON) but those iP.1 manages, and the Name when given. */
export function readPageChanges(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = getParameter(context, UPDATE_FIELDS, itemIndex);
	const changes = withoutKeys(readOtherFields(context, itemIndex, fields[otherFieldsOption.name]), MANAGED_PAGE_FIELDS);
	if (pageNameOption.name in fields) changes.name = readPageName(context, itemIndex, fields[pageNameOption.name]);
	if (Object.keys(changes).length === 0) {
		throw nothingToChange(context, itemIndex, 'Add the Name or Other Fields (JSON) to change.');
	}
	return changes;
}

function readPageName(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
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

/** The Other Fields (JSON) parameter as an object: n8n hands it over as text or, from an expression, as an object. */
export function readOtherFields(context: IExecuteFunctions, itemIndex: number, value: unknown): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (isPlainObject(value)) return value;
	const parsed = typeof value === 'string' ? jsonParse<unknown>(value, { fallbackValue: null }) : undefined;
	if (isPlainObject(parsed)) return parsed;
	throw inputError(context.getNode(), itemIndex, {
		field: 'Other Fields (JSON)',
		rule: 'must be a JSON object',
		value: typeof value === 'string' ? value.slice(0, 80) : value,
		fix: 'Write the fields as a JSON object, for example { "theme": "dark" }, or leave it empty.',
	});
}

export function withoutKeys(document: IDataObject, keys: string[]): IDataObject {
	return Object.fromEntries(Object.entries(document).filter(([key]) => !keys.includes(key)));
}
