import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait/sendAndWait.operation';
import * as sendAndWaitForDelivery from './sendAndWait/sendAndWaitForDelivery.operation';

export { send, sendAndWait, sendAndWaitForDelivery };

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
				{
					// = SEND_AND_WAIT_OPERATION of n8n-workflow: n8n's signed resume URLs and its AI-agent
					// human-review tool recognise the operation by this value.
					name: 'Send and Wait for Response',
					value: 'sendAndWait',
					description: 'Send an SMS to one number and wait for the reply (approval or free text)',
					action: 'Send an SMS and wait for the reply',
				},
				{
					name: 'Send and Wait for Delivery',
					value: 'sendAndWaitForDelivery',
					description: 'Send an SMS and wait until every recipient has a final delivery status',
					action: 'Send an SMS and wait for delivery',
				},
			],
			default: 'send',
		},
	]),
	...send.description,
	...sendAndWait.description,
	...sendAndWaitForDelivery.description,
];
