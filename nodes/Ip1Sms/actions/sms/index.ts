import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	...forResource('sms', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Send',
					value: 'send',
					description:
						'Send an SMS to one or many phone numbers, or personalised SMS to every input item, as iP.1 batches',
					action: 'Send an SMS',
				},
			],
			default: 'send',
		},
	]),
	...send.description,
];
