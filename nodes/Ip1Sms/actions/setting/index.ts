import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as deleteSetting from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as set from './set.operation';

export { deleteSetting as delete, get, getAll, set };

export const description: INodeProperties[] = [
	...forResource('setting', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Delete',
					value: 'delete',
					description: 'Remove a setting: iP.1 falls back to its default or switches the feature off',
					action: 'Delete a setting',
				},
				{ name: 'Get', value: 'get', description: 'Get the value of a setting', action: 'Get a setting' },
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List the SMS settings of the account, one item per setting',
					action: 'Get many settings',
				},
				{ name: 'Set', value: 'set', description: 'Create or replace the value of a setting', action: 'Set a setting' },
			],
			default: 'get',
		},
	]),
	...deleteSetting.description,
	...get.description,
	...getAll.description,
	...set.description,
];
