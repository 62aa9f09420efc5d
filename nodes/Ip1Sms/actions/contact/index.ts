import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as deleteMany from './deleteMany.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getSummary from './getSummary.operation';
import * as replace from './replace.operation';
import * as update from './update.operation';

export { create, deleteContact as delete, deleteMany, get, getAll, getSummary, replace, update };

export const description: INodeProperties[] = [
	...forResource('contact', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Create',
					value: 'create',
					description: 'Create one contact per item, or import all items in one request',
					action: 'Create a contact',
				},
				{ name: 'Delete', value: 'delete', description: 'Delete a contact', action: 'Delete a contact' },
				{
					name: 'Delete Many',
					value: 'deleteMany',
					description: 'Delete every contact that matches a filter',
					action: 'Delete many contacts',
				},
				{ name: 'Get', value: 'get', description: 'Get a contact', action: 'Get a contact' },
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List contacts, filtered by labels, property or metadata values',
					action: 'Get many contacts',
				},
				{
					name: 'Get Summary',
					value: 'getSummary',
					description: 'Count the contacts and list the labels and properties in use',
					action: 'Get a contacts summary',
				},
				{
					name: 'Replace',
					value: 'replace',
					description: 'Overwrite a whole contact: properties and labels not given are removed',
					action: 'Replace a contact',
				},
				{
					name: 'Update',
					value: 'update',
					description: 'Change only the given fields of a contact',
					action: 'Update a contact',
				},
			],
			default: 'create',
		},
	]),
	...create.description,
	...deleteContact.description,
	...deleteMany.description,
	...get.description,
	...getAll.description,
	...getSummary.description,
	...replace.description,
	...update.description,
];
