import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { normaliseElement, readPathId } from '../landingPage/landingPages';
import { ip1PaginatedRequest } from '../../transport';
import { returnAllFields } from '../common/fields';
import { pageField } from './fields';

export const description: INodeProperties[] = [pageField(['getAll']), ...returnAllFields('landingPageElement', ['getAll'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const pageId = readPathId(this, itemIndex, 'landingPageId', 'Landing Page', '617e6a1ed233ab8484e18404');
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		const { items: elements } = await ip1PaginatedRequest.call(this, {
			path: `/v2/landings/${encodeURIComponent(pageId)}/elements`,
			returnAll,
			limit,
			itemIndex,
		});
		return elements.map(normaliseElement);
	});
}
