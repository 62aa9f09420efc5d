import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { normaliseLandingPage } from './landingPages';
import { ip1PaginatedRequest } from '../../transport';
import { returnAllFields } from '../common/fields';

export const description: INodeProperties[] = [...returnAllFields('landingPage', ['getAll'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		const { items: pages } = await ip1PaginatedRequest.call(this, {
			path: '/v2/landings',
			returnAll,
			limit,
			itemIndex,
		});
		return pages.map(normaliseLandingPage);
	});
}
