import type { INodeProperties } from 'n8n-workflow';

import { defaultCountryCodeOption, optionsCollection } from '../common/fields';
import { parameter } from '../common/parameters';

const participantField: INodeProperties = {
	displayName: 'Participant',
	name: 'participant',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+46 70 123 45 67',
	description:
		'The phone number of the person the conversation is with (country code first; spaces, dashes and + are fine), or an alphanumeric sender name',
};

export const participantFields: INodeProperties[] = [
	participantField,
	optionsCollection([defaultCountryCodeOption()], 'Optional settings for reading the participant number'),
];

export const PARTICIPANT = parameter<unknown>(participantField, '');
