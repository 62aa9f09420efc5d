import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	...forResource('message', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Get',
					value: 'get',
					description: 'Get one message of a batch with its full status history',
					action: 'Get a message',
				},
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List the messages of a batch (one per recipient) with their latest status',
					action: 'Get many messages',
				},
			],
			default: 'getAll',
		},
	]),
	...get.description,
	...getAll.description,
];
