import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { contactFilterQuery, type ContactFilterFields } from './contactFilters';
import { normaliseContact } from './contacts';
import { forEachItem } from '../common/items';
import { ip1PaginatedRequest } from '../../transport';
import { returnAllFields } from '../common/fields';
import { filtersField, includeMetadataOption } from './fields';

export const description: INodeProperties[] = [
	...returnAllFields('contact', ['getAll']),
	filtersField(['getAll'], 'Only contacts that match every filter'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['contact'], operation: ['getAll'] } },
		options: [includeMetadataOption],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as ContactFilterFields;
		const includeMetadata = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).includeMetadata === true;
		const filter = contactFilterQuery(this.getNode(), itemIndex, filters);
		// iP.1 does not say whether metadata filters need `meta`: asking for it is harmless, and the
		// metadata is left out of the output unless the user wants it.
		const qs = includeMetadata || filter.usesMetadata ? { ...filter.qs, meta: true } : filter.qs;
		const { items: contacts } = await ip1PaginatedRequest.call(this, {
			path: '/v2/contacts',
			qs,
			returnAll,
			limit,
			itemIndex,
		});
		return contacts.map((contact) => normaliseContact(contact, includeMetadata));
	});
}
