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
 * The "Default Country Code" option of every operation that reads phone numbers (helpers/phoneNumbers.ts).
 * `converted` shows what 070 123 45 67 becomes where the option is used (MSISDN, or E.164 for contacts).
 */
export function defaultCountryCodeOption(converted = '46701234567'): INodeProperties {
	return {
		displayName: 'Default Country Code',
		name: 'defaultCountryCode',
		type: 'string',
		default: '',
		placeholder: '46',
		description: `Country calling code for national numbers written with a leading 0 (46 for Sweden turns 070 123 45 67 into ${converted}). Without it such numbers are refused.`,
	};
}
