import type { INodeProperties } from 'n8n-workflow';

import { defaultCountryCodeOption } from '../common/fields';

export function phoneNumberField(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+46701234567',
		description,
		displayOptions: { show: { resource: ['blacklist'], operation: operations } },
	};
}

export function countryCodeOptions(operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['blacklist'], operation: operations } },
		options: [
			defaultCountryCodeOption(),
		],
	};
}
