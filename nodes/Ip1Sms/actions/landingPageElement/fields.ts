import type { INodeProperties } from 'n8n-workflow';

import { landingPageIdField } from '../landingPage/fields';

export function pageField(operations: string[]): INodeProperties {
	return landingPageIdField('landingPageElement', operations);
}

export function elementIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Element Name or ID',
		name: 'elementId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLandingPageElements', loadOptionsDependsOn: ['landingPageId'] },
		required: true,
		default: '',
		description:
			'The element of the page. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: ['landingPageElement'], operation: operations } },
	};
}
