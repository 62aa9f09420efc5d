import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { isDocument } from '../../../shared/values';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { normaliseContact, readContactId } from './contacts';
import { contactIdField } from './fields';

export const description: INodeProperties[] = forOperations('contact', ['delete'], [contactIdField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readContactId(this, itemIndex);
		const response = await ip1ApiRequest.call(this, {
			method: 'DELETE',
			path: `/v2/contacts/${encodeURIComponent(id)}`,
			itemIndex,
		});
		// The API answers with the deleted contact; an empty answer still means it is gone.
		return isDocument(response) ? { ...normaliseContact(response, true), deleted: true } : { id, deleted: true };
	});
}
