import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	collection,
	COLLECTIONS,
	defaultCountryCodeOption as countryCodeOption,
	optionsCollection,
	rowsField,
} from '../common/fields';
import { parameter } from '../common/parameters';

export const contactIdField: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '606312a5d233ab8484e18404',
	description: 'The ID of the contact, as Contact → Create or Get Many output it',
};

export const phoneNumberField: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	default: '',
	placeholder: '+46701234567',
	description:
		'The contact\'s mobile number. Spaces, dashes, 00 and (0) are cleaned up; it is stored with + and the country code (+46701234567). National numbers (0701234567) need Options → Default Country Code.',
};

const labelsField: INodeProperties = {
	displayName: 'Labels',
	name: 'labels',
	type: 'string',
	default: '',
	placeholder: 'customers, newsletter',
	description: 'Labels of the contact, separated by commas (an array from an expression works too)',
};

const customPropertiesField = rowsField(
	['Custom Properties', 'customProperties', 'Add Property'],
	'Any other data of the contact, such as department or customer number',
	{ displayName: 'Property', name: 'property' },
	[
		{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'department' },
		{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'Sales' },
	],
);

const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
};

const firstNameField: INodeProperties = { displayName: 'First Name', name: 'firstName', type: 'string', default: '' };
const lastNameField: INodeProperties = { displayName: 'Last Name', name: 'lastName', type: 'string', default: '' };

/** The rest of a whole contact (create, replace). */
export const additionalContactFields = collection(COLLECTIONS.additionalFields, [
	customPropertiesField,
	emailField,
	firstNameField,
	labelsField,
	lastNameField,
]);

export const updateContactFields = collection(
	COLLECTIONS.updateFields,
	[
		customPropertiesField,
		emailField,
		firstNameField,
		{ ...labelsField, description: 'The contact\'s new list of labels, separated by commas. Replaces the current labels.' },
		lastNameField,
		{ ...phoneNumberField, description: 'Stored with + and the country code (+46701234567)' },
	],
	'Only the fields added here change. A field added but left empty removes that property from the contact; Labels left empty removes every label.',
);

/** Contacts store numbers as E.164 with +. */
export const defaultCountryCodeOption = countryCodeOption('+46701234567');

export const includeMetadataOption: INodeProperties = {
	displayName: 'Include Metadata',
	name: 'includeMetadata',
	type: 'boolean',
	default: false,
	description:
		'Whether to include the metadata iP.1 derives from the properties (phone number valid, type, MSISDN, blocked)',
};

const labelsFilter: INodeProperties = {
	displayName: 'Label Names or IDs',
	name: 'labels',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getLabels' },
	default: [],
	description:
		'Contacts that carry every one of these labels. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const metadataValuesFilter = rowsField(
	['Metadata Values', 'metadataValues', 'Add Metadata Filter'],
	'Contacts whose derived metadata has exactly these values',
	{ displayName: 'Metadata', name: 'metadata' },
	[
		{
			displayName: 'Field',
			name: 'path',
			type: 'options',
			default: 'phoneNumber.isBlocked',
			description: 'The metadata field (or any dotted path, from an expression)',
			options: [
				{ name: 'Phone Number Is Blocked', value: 'phoneNumber.isBlocked' },
				{ name: 'Phone Number Is Possible', value: 'phoneNumber.isPossiblePhoneNumber' },
				{ name: 'Phone Number Is Valid', value: 'phoneNumber.isValidPhoneNumber' },
				{ name: 'Phone Number MSISDN', value: 'phoneNumber.parsedMSISDN' },
				{ name: 'Phone Number Type', value: 'phoneNumber.phoneNumberType' },
			],
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			placeholder: 'false',
			description: 'Compared as text: true, false, MOBILE, 46701234567 and so on',
		},
	],
);

const propertyValuesFilter = rowsField(
	['Property Values', 'propertyValues', 'Add Property Filter'],
	'Contacts whose properties have exactly these values (phone numbers as stored: +46701234567)',
	{ displayName: 'Property', name: 'property' },
	[
		{
			displayName: 'Property Name or ID',
			name: 'name',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getContactProperties' },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		{ displayName: 'Value', name: 'value', type: 'string', default: '' },
	],
);

/** The filters of Get Many and Delete Many (contactFilters.ts turns them into the query). */
export function filtersField(description: string): INodeProperties {
	return collection(['Filters', 'filters', 'Add Filter'], [labelsFilter, metadataValuesFilter, propertyValuesFilter], description);
}

export const PHONE_NUMBER = parameter<string>(phoneNumberField, '');
export const FILTERS = parameter<IDataObject>(filtersField(''), {});

export const countryCodeOptions = optionsCollection([defaultCountryCodeOption]);
