import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1PaginatedRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { pagingFields, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';
import { normaliseBlacklistEntry } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = forOperations('blacklist', ['getAll'], pagingFields);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const { returnAll, limit } = readPaging(this, itemIndex);
		const { items: entries } = await ip1PaginatedRequest.call(this, {
			path: '/v2/blacklist',
			returnAll,
			limit,
			itemIndex,
		});
		return entries.map((entry) => normaliseBlacklistEntry(entry));
	});
}
