import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { labelsFromMeta } from '../contact/contactsMeta';
import { forEachItem } from '../common/items';
import { ip1ApiRequest } from '../../transport';
import { returnAllFields } from '../common/fields';

export const description: INodeProperties[] = [...returnAllFields('label', ['getAll'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex) as number);
		// Labels have no list endpoint of their own: the contacts summary lists them with their usage.
		const meta = await ip1ApiRequest.call(this, { method: 'GET', path: '/v2/contacts/meta', itemIndex });
		return labelsFromMeta(meta).slice(0, limit);
	});
}
