import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as getMessages from './getMessages.operation';
import * as getSummary from './getSummary.operation';

export { getMessages, getSummary };

export const description: INodeProperties[] = [
	...forResource('conversation', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Get Messages',
					value: 'getMessages',
					description: 'Get the messages sent to and received from one phone number',
					action: 'Get messages of a conversation',
				},
				{
					name: 'Get Summary',
					value: 'getSummary',
					description: 'Count the messages with one phone number by status and direction',
					action: 'Get a conversation summary',
				},
			],
			default: 'getMessages',
		},
	]),
	...getMessages.description,
	...getSummary.description,
];
