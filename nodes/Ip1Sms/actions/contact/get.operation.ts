import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normaliseContact, readContactId } from './contacts';
import { forEachItem } from '../common/items';
import { ip1ApiRequest } from '../../transport';
import { contactIdField, includeMetadataOption } from './fields';

export const description: INodeProperties[] = [
	contactIdField(['get']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['get'] } },
		options: [includeMetadataOption],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readContactId(this, itemIndex);
		const includeMetadata = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).includeMetadata === true;
		const contact = await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/contacts/${encodeURIComponent(id)}`,
			qs: includeMetadata ? { meta: true } : undefined,
			itemIndex,
		});
		return normaliseContact(contact, includeMetadata);
	});
}
