import type { INodeProperties } from 'n8n-workflow';

import { defaultCountryCodeOption, optionsCollection } from '../common/fields';
import { parameter } from '../common/parameters';

export function phoneNumberField(description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+46701234567',
		description,
	};
}

export const PHONE_NUMBER = parameter<unknown>(phoneNumberField(''), '');

export const countryCodeOptions: INodeProperties = optionsCollection([defaultCountryCodeOption()]);
