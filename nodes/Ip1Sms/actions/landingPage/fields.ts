import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parameter } from '../common/parameters';

export const otherFieldsOption: INodeProperties = {
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

export const additionalPageFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [otherFieldsOption],
};

const pageNameOption: INodeProperties = { displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'Spring sale' };

export const updatePageFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Only these fields change; the page\'s elements, views and links are never touched',
	options: [pageNameOption, otherFieldsOption],
};

/** Update Fields → Name. */
export const NEW_PAGE_NAME = pageNameOption.name;

export const PAGE_NAME = parameter<unknown>(pageNameField, '');
export const ADDITIONAL_FIELDS = parameter<IDataObject>(additionalPageFields, {});
export const UPDATE_FIELDS = parameter<IDataObject>(updatePageFields, {});
