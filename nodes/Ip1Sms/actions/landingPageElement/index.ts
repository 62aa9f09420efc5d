import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { get, getAll, update };

export const description: INodeProperties[] = [
	...forResource('landingPageElement', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Get', value: 'get', description: 'Get an element of a landing page', action: 'Get a landing page element' },
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List the elements of a landing page',
					action: 'Get many landing page elements',
				},
				{
					name: 'Update',
					value: 'update',
					description: 'Change the content or style of an element',
					action: 'Update a landing page element',
				},
			],
			default: 'getAll',
		},
	]),
	...get.description,
	...getAll.description,
	...update.description,
];
