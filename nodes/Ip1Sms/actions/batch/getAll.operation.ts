import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { batchOutput } from './batches';
import { forEachItem } from '../common/items';
import { ip1PaginatedRequest } from '../../transport';
import { orderField, returnAllFields } from './fields';

export const description: INodeProperties[] = [...returnAllFields('batch', ['getAll']), orderField('batch', ['getAll'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		const order = this.getNodeParameter('order', itemIndex, 'DESC') === 'ASC' ? 'ASC' : 'DESC';
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
