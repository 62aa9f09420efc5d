import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1PaginatedRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { orderField, pagingFields, readOrder, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';
import { batchOutput } from './batches';

export const description: INodeProperties[] = forOperations('batch', ['getAll'], [...pagingFields, orderField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const { returnAll, limit } = readPaging(this, itemIndex);
		const order = readOrder(this, itemIndex);
		// The list omits price and message summary (documented): use Batch → Get for those.
		const { items: batches } = await ip1PaginatedRequest.call(this, {
			path: '/v2/batches',
			returnAll,
			limit,
			order,
			itemIndex,
		});
		return batches.map(batchOutput);
	});
}
