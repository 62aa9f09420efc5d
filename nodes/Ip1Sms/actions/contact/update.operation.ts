import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors/inputErrors';
import { ip1ApiRequest } from '../../../shared/transport';
import { isDocument } from '../../../shared/values';
import { forOperations } from '../common/display';
import { readDefaultCountryCode } from '../common/fields';
import { forEachItem } from '../common/items';
import { getParameter } from '../common/parameters';
import { buildContactWrite, normaliseContact, readContactId, type ContactFields } from './contacts';
import { contactIdField, countryCodeOptions, UPDATE_FIELDS, updateContactFields } from './fields';

export const description: INodeProperties[] = forOperations('contact', ['update'], [
	contactIdField,
	updateContactFields,
	countryCodeOptions,
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readContactId(this, itemIndex);
		const fields = getParameter(this, UPDATE_FIELDS, itemIndex) as ContactFields;
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
