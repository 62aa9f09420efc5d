import type { INodeProperties } from 'n8n-workflow';

export function registeredSenderField(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Sender Name or ID',
		name: 'registeredSender',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSenders' },
		required: true,
		default: '',
		description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		displayOptions: { show: { resource: ['sender'], operation: operations } },
	};
}
