import type { INodeProperties } from 'n8n-workflow';

export function subAccountIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Sub-Account Name or ID',
		name: 'subAccountId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSubAccounts' },
		required: true,
		default: '',
		placeholder: 'ip1-10002',
		description:
			'The sub-account, as its ID (ip1- followed by digits). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: ['subAccount'], operation: operations } },
	};
}

export function subAccountNameField(operations: string[]): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Support department',
		description: 'A name that tells what the sub-account is for, such as a department or a purpose (1–100 characters)',
		displayOptions: { show: { resource: ['subAccount'], operation: operations } },
	};
}

export function revealKeyField(operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['subAccount'], operation: operations } },
		options: [
			{
				displayName: 'Reveal API Key',
				name: 'revealApiKey',
				type: 'boolean',
				default: false,
				description:
					'Whether to output the sub-account\'s API key in full. Off by default: output items are stored in the execution log, so only reveal the key when the next node needs it.',
			},
		],
	};
}
