import type { INodeProperties } from 'n8n-workflow';

import { defaultCountryCodeOption } from '../common/fields';

export function participantFields(operations: string[]): INodeProperties[] {
	const show = { resource: ['conversation'], operation: operations };
	return [
		{
			displayName: 'Participant',
			name: 'participant',
			type: 'string',
			required: true,
			default: '',
			placeholder: '+46 70 123 45 67',
			description:
				'The phone number of the person the conversation is with (country code first; spaces, dashes and + are fine), or an alphanumeric sender name',
			displayOptions: { show },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			description: 'Optional settings for reading the participant number',
			options: [
				defaultCountryCodeOption(),
			],
		},
	];
}
