import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1PaginatedRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { landingPageIdField, pagingFields, readLandingPageId, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';
import { normaliseElement } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = forOperations('landingPageElement', ['getAll'], [landingPageIdField, ...pagingFields]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const pageId = readLandingPageId(this, itemIndex);
		const { returnAll, limit } = readPaging(this, itemIndex);
		const { items: elements } = await ip1PaginatedRequest.call(this, {
			path: `/v2/landings/${encodeURIComponent(pageId)}/elements`,
			returnAll,
			limit,
			itemIndex,
		});
		return elements.map(normaliseElement);
	});
}
