import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as create from './create.operation';
import * as deletePage from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deletePage as delete, get, getAll, update };

export const description: INodeProperties[] = [
	...forResource('landingPage', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Create', value: 'create', description: 'Create a landing page', action: 'Create a landing page' },
				{ name: 'Delete', value: 'delete', description: 'Delete a landing page', action: 'Delete a landing page' },
				{
					name: 'Get',
					value: 'get',
					description: 'Get a landing page with its elements, views and links',
					action: 'Get a landing page',
				},
				{ name: 'Get Many', value: 'getAll', description: 'List the landing pages', action: 'Get many landing pages' },
				{
					name: 'Update',
					value: 'update',
					description: 'Change the name or other fields of a landing page',
					action: 'Update a landing page',
				},
			],
			default: 'getAll',
		},
	]),
	...create.description,
	...deletePage.description,
	...get.description,
	...getAll.description,
	...update.description,
];
