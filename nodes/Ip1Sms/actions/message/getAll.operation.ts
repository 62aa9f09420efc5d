import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normaliseMessage } from '../../../shared/dialect/documents';
import { ip1PaginatedRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { batchIdField, pagingFields, readBatchId, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';

export const description: INodeProperties[] = forOperations('message', ['getAll'], [batchIdField(), ...pagingFields]);

/** The messages of a batch, one per recipient, each with its latest status decoded. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const batchId = readBatchId(this, itemIndex);
		const { returnAll, limit } = readPaging(this, itemIndex);
		const { items: messages } = await ip1PaginatedRequest.call(this, {
			path: `/v2/batches/${encodeURIComponent(batchId)}/messages`,
			returnAll,
			limit,
			itemIndex,
		});
		return messages.map(normaliseMessage);
	});
}
