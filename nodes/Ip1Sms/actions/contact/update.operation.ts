import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildContactWrite, normaliseContact, readContactId, readDefaultCountryCode, type ContactFields } from './contacts';
import { inputError } from '../../../shared/errors/inputErrors';
import { forEachItem } from '../common/items';
import { isDocument } from '../../../shared/values';
import { ip1ApiRequest } from '../../transport';
import { contactIdField, defaultCountryCodeOption, updateContactFields } from './fields';

export const description: INodeProperties[] = [
	contactIdField(['update']),
	updateContactFields(['update']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['update'] } },
		options: [defaultCountryCodeOption],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readContactId(this, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as ContactFields;
		const write = buildContactWrite(this.getNode(), itemIndex, fields, 'patch', readDefaultCountryCode(this, itemIndex));
		if (Object.keys(write.properties).length === 0 && write.labels === undefined) {
			throw inputError(this.getNode(), itemIndex, {
				field: 'Update Fields',
				rule: 'are empty: there is nothing to change',
				fix: 'Add the fields to change under Update Fields. A field added and left empty removes that property.',
			});
		}
		// PATCH changes only what is sent; properties sent as null are removed.
		const body = { id, properties: write.properties, ...(write.labels ? { labels: write.labels } : {}) };
		const response = await ip1ApiRequest.call(this, {
			method: 'PATCH',
			path: `/v2/contacts/${encodeURIComponent(id)}`,
			body,
			itemIndex,
		});
		return isDocument(response) ? normaliseContact(response, true) : { ...body, updated: true };
	});
}
