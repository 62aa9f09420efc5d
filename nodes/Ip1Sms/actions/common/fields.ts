import type { INodeProperties } from 'n8n-workflow';

/** "Return All" and "Limit" of a Get Many operation, as n8n's conventions name them. */
export function returnAllFields(resource: string, operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: { resource: [resource], operation: operations } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: operations, returnAll: [false] } },
		},
	];
}

/**
 * The "Default Country Code" option of every operation that reads phone numbers (helpers/phoneNumbers.ts,
 * which reads national numbers by the plans in helpers/numberingPlans.ts and never guesses a country).
 * `converted` shows what 070 123 45 67 becomes where the option is used (MSISDN, or E.164 for contacts).
 */
export function defaultCountryCodeOption(converted = '46701234567'): INodeProperties {
	return {
		displayName: 'Default Country Code',
		name: 'defaultCountryCode',
		type: 'string',
		default: '',
		placeholder: '46',
		description: `Country calling code for numbers written the national way (46 for Sweden, 1 for the USA and Canada, 7 for Russia). They are read by that country's numbering plan, with or without its trunk prefix: with 46, 070 123 45 67 becomes ${converted}; with 7, 8 916 123-45-67 becomes ${converted.startsWith('+') ? '+' : ''}79161234567. A number that fits no reading, or fits two (a national number and one that already starts with a country code), is refused before anything is sent: write it with + and its country code. Without this option, numbers must include their country code.`,
	};
}
