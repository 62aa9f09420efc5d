import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { optionsCollection, readOption } from '../common/fields';
import { forEachItem } from '../common/items';
import { normaliseContact, readContactId } from './contacts';
import { contactIdField, includeMetadataOption } from './fields';

export const description: INodeProperties[] = forOperations('contact', ['get'], [
	contactIdField,
	optionsCollection([includeMetadataOption]),
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readContactId(this, itemIndex);
		const includeMetadata = readOption(this, itemIndex, includeMetadataOption) === true;
		const contact = await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/contacts/${encodeURIComponent(id)}`,
			qs: includeMetadata ? { meta: true } : undefined,
			itemIndex,
		});
		return normaliseContact(contact, includeMetadata);
	});
}
