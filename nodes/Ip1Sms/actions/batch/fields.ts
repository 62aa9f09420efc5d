import type { INodeProperties } from 'n8n-workflow';

export function batchIdField(resource: string, operations: string[], extra = ''): INodeProperties {
	return {
		displayName: 'Batch ID',
		name: 'batchId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '5bc86b6e85c7209830f96936',
		description: `The ID of the batch, as output by SMS → Send (batchId) or Batch → Get Many${extra}`,
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}

export function returnAllFields(resource: string, operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: { resource: [resource], operation: operations } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: operations, returnAll: [false] } },
		},
	];
}

export function orderField(resource: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Order',
		name: 'order',
		type: 'options',
		default: 'DESC',
		options: [
			{ name: 'Newest First', value: 'DESC' },
			{ name: 'Oldest First', value: 'ASC' },
		],
		description: 'Which end of the history to start from (by creation time)',
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}
