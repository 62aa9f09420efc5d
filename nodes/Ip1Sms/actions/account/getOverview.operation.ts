import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forEachItem } from '../common/items';
import { normaliseAccountOverview } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const overview = (await ip1ApiRequest.call(this, { method: 'GET', path: '/api/me', itemIndex })) as IDataObject;
		return normaliseAccountOverview(overview);
	});
}
