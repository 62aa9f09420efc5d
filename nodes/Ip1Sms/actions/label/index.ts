import type { INodeProperties } from 'n8n-workflow';

import { forResource } from '../common/display';
import * as addToContacts from './addToContacts.operation';
import * as deleteLabel from './delete.operation';
import * as getAll from './getAll.operation';

export { addToContacts, deleteLabel as delete, getAll };

export const description: INodeProperties[] = [
	...forResource('label', [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Add to Contacts',
					value: 'addToContacts',
					description: 'Add a label to one or many contacts',
					action: 'Add a label to contacts',
				},
				{
					name: 'Delete',
					value: 'delete',
					description: 'Remove a label from every contact that carries it',
					action: 'Delete a label',
				},
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List the labels in use, with how many contacts carry each',
					action: 'Get many labels',
				},
			],
			default: 'addToContacts',
		},
	]),
	...addToContacts.description,
	...deleteLabel.description,
	...getAll.description,
];
