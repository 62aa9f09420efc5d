import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, get, getAll, update };

export const description: INodeProperties[] = [
	...forResource('subAccount', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Create',
					value: 'create',
					description: 'Create a sub-account with its own API key and balance',
					action: 'Create a sub account',
				},
				{ name: 'Get', value: 'get', description: 'Get one sub-account', action: 'Get a sub account' },
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List the sub-accounts of this account',
					action: 'Get many sub accounts',
				},
				{ name: 'Update', value: 'update', description: 'Rename a sub-account', action: 'Update a sub account' },
			],
			default: 'getAll',
		},
	]),
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
