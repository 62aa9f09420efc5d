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

export { returnAllFields } from '../common/fields';

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
