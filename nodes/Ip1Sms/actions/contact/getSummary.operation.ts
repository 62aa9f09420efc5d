import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forEachItem } from '../common/items';
import { normaliseContactsMeta } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const meta = await ip1ApiRequest.call(this, { method: 'GET', path: '/v2/contacts/meta', itemIndex });
		return normaliseContactsMeta(meta);
	});
}
