import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { pagingFields, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';
import { labelsFromMeta } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = forOperations('label', ['getAll'], pagingFields);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const { limit = Number.POSITIVE_INFINITY } = readPaging(this, itemIndex);
		// Labels have no list endpoint of their own: the contacts summary lists them with their usage.
		const meta = await ip1ApiRequest.call(this, { method: 'GET', path: '/v2/contacts/meta', itemIndex });
		return labelsFromMeta(meta).slice(0, limit);
	});
}
