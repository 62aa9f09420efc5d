import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as register from './register.operation';
import * as unregister from './unregister.operation';

export { get, getAll, register, unregister };

export const description: INodeProperties[] = [
	...forResource('sender', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Get', value: 'get', description: 'Get a registered sender', action: 'Get a sender' },
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List the registered senders',
					action: 'Get many senders',
				},
				{
					name: 'Register',
					value: 'register',
					description: 'Register a sender name or number on the account',
					action: 'Register a sender',
				},
				{
					name: 'Unregister',
					value: 'unregister',
					description: 'Remove a registered sender from the account',
					action: 'Unregister a sender',
				},
			],
			default: 'getAll',
		},
	]),
	...get.description,
	...getAll.description,
	...register.description,
	...unregister.description,
];
