import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as add from './add.operation';
import * as check from './check.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as remove from './remove.operation';

export { add, check, get, getAll, remove };

export const description: INodeProperties[] = [
	...forResource('blacklist', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Add',
					value: 'add',
					description: 'Block a number: it gets no more SMS from this account',
					action: 'Add a number to the blacklist',
				},
				{
					name: 'Check',
					value: 'check',
					description: 'Find out whether a number is blocked',
					action: 'Check whether a number is blacklisted',
				},
				{ name: 'Get', value: 'get', description: 'Get a blacklist entry', action: 'Get a blacklist entry' },
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List the blocked numbers',
					action: 'Get many blacklist entries',
				},
				{
					name: 'Remove',
					value: 'remove',
					description: 'Unblock a number',
					action: 'Remove a number from the blacklist',
				},
			],
			default: 'add',
		},
	]),
	...add.description,
	...check.description,
	...get.description,
	...getAll.description,
	...remove.description,
];
