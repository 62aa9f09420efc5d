import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { cancel, get, getAll };

export const description: INodeProperties[] = [
	...forResource('batch', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Cancel',
					value: 'cancel',
					description: 'Cancel the messages of a scheduled batch that are not sent yet',
					action: 'Cancel a batch',
				},
				{
					name: 'Get',
					value: 'get',
					description: 'Get a batch with its price and how many messages are in each status',
					action: 'Get a batch',
				},
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List sent batches, newest or oldest first',
					action: 'Get many batches',
				},
			],
			default: 'get',
		},
	]),
	...cancel.description,
	...get.description,
	...getAll.description,
];
