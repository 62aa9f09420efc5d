import type { INodeProperties } from 'n8n-workflow';

export function landingPageIdField(resource: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Landing Page Name or ID',
		name: 'landingPageId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLandingPages' },
		required: true,
		default: '',
		description:
			'The landing page. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}

export const otherFieldsOption: INodeProperties = {
	displayName: 'Other Fields (JSON)',
	name: 'otherFields',
	type: 'json',
	default: '{}',
	description: 'Further fields of the landing page as a JSON object, sent as they are',
};
