import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1PaginatedRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { optionsCollection, pagingFields, readOption, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';
import { getParameter } from '../common/parameters';
import { contactFilterQuery, type ContactFilterFields } from './contactFilters';
import { normaliseContact } from './contacts';
import { FILTERS, filtersField, includeMetadataOption } from './fields';

export const description: INodeProperties[] = forOperations('contact', ['getAll'], [
	...pagingFields,
	filtersField('Only contacts that match every filter'),
	optionsCollection([includeMetadataOption]),
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const { returnAll, limit } = readPaging(this, itemIndex);
		const filters = getParameter(this, FILTERS, itemIndex) as ContactFilterFields;
		const includeMetadata = readOption(this, itemIndex, includeMetadataOption) === true;
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
