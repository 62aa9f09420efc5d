import type { INodeProperties } from 'n8n-workflow';

import { parameter } from '../common/parameters';

export function registeredSenderField(description: string): INodeProperties {
	return {
		displayName: 'Sender Name or ID',
		name: 'registeredSender',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSenders' },
		required: true,
		default: '',
		description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

export const newSenderField: INodeProperties = {
	displayName: 'Sender',
	name: 'sender',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'MyShop',
	description:
		'The sender name to register: 3–11 letters or digits (A–Z, a–z, 0–9), or a phone number of up to 15 digits without +',
};

export const REGISTERED_SENDER = parameter<unknown>(registeredSenderField(''), '');
export const NEW_SENDER = parameter<unknown>(newSenderField, '');
