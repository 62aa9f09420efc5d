import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as getDetails from './getDetails.operation';
import * as getOverview from './getOverview.operation';

export { getDetails, getOverview };

export const description: INodeProperties[] = [
	...forResource('account', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Get Details',
					value: 'getDetails',
					description: 'Get the account ID, name, type, parent, balance and currency',
					action: 'Get account details',
				},
				{
					name: 'Get Overview',
					value: 'getOverview',
					description: 'Get the account ID, organisation, type, balance and currency',
					action: 'Get account overview',
				},
			],
			default: 'getOverview',
		},
	]),
	...getDetails.description,
	...getOverview.description,
];
