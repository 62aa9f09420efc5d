import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { ip1ApiRequest } from '../../../shared/transport';
import { isDocument } from '../../../shared/values';
import { forOperations } from '../common/display';
import { readDefaultCountryCode } from '../common/fields';
import { forEachItem } from '../common/items';
import { buildContactWrite, normaliseContact, readContactId, readWholeContact } from './contacts';
import { additionalContactFields, contactIdField, countryCodeOptions, phoneNumberField } from './fields';

export const description: INodeProperties[] = forOperations('contact', ['replace'], [
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
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readContactId(this, itemIndex);
		const fields = readWholeContact(this, itemIndex);
		const write = buildContactWrite(this.getNode(), itemIndex, fields, 'full', readDefaultCountryCode(this, itemIndex));
		if (Object.keys(write.properties).length === 0) {
			throw inputError(this.getNode(), itemIndex, {
				field: 'Phone Number',
				rule: 'is empty, and so is every other property: replacing would leave an empty contact',
				fix: 'Map the phone number (or an email, a name or a custom property), or use Delete to remove the contact.',
			});
		}
		const body = { id, properties: write.properties, labels: write.labels ?? [] };
		const response = await ip1ApiRequest.call(this, {
			method: 'PUT',
			path: `/v2/contacts/${encodeURIComponent(id)}`,
			body,
			itemIndex,
		});
		return isDocument(response) ? normaliseContact(response, true) : { ...body, replaced: true };
	});
}
