import type { INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { isDocument } from '../../../shared/values';
import { perItem } from '../common/operation';
import { contactPath, normaliseContact, readContactId, readWholeContact } from './contacts';
import { additionalContactFields, contactIdField, countryCodeOptions, phoneNumberField } from './fields';

const fields: INodeProperties[] = [
	{
		displayName:
			'Replace overwrites the whole contact: every property and label not given here is removed. Use Update to change single fields.',
		name: 'replaceNotice',
		type: 'notice',
		default: '',
	},
	contactIdField,
	phoneNumberField,
	additionalContactFields,
	countryCodeOptions,
];

export const { description, execute } = perItem('contact', 'replace', fields, async function (itemIndex) {
	const id = readContactId(this, itemIndex);
	const body = {
		id,
		...readWholeContact(this, itemIndex, {
			rule: 'is empty, and so is every other property: replacing would leave an empty contact',
			fix: 'Map the phone number (or an email, a name or a custom property), or use Delete to remove the contact.',
		}),
	};
	const response = await ip1ApiRequest.call(this, { method: 'PUT', path: contactPath(id), body, itemIndex });
	return isDocument(response) ? normaliseContact(response, true) : { ...body, replaced: true };
});
