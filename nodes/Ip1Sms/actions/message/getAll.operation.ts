import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readDocumentId } from '../batch/batches';
import { forEachItem } from '../common/items';
import { normaliseMessage } from '../../helpers/normalise';
import { ip1PaginatedRequest } from '../../transport';
import { batchIdField, returnAllFields } from '../batch/fields';

export const description: INodeProperties[] = [
	batchIdField('message', ['getAll']),
	...returnAllFields('message', ['getAll']),
];

/** The messages of a batch, one per recipient, each with its latest status decoded. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const batchId = readDocumentId(this, itemIndex, 'batchId', 'Batch ID');
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		const { items: messages } = await ip1PaginatedRequest.call(this, {
			path: `/v2/batches/${encodeURIComponent(batchId)}/messages`,
			returnAll,
			limit,
			itemIndex,
		});
		return messages.map(normaliseMessage);
	});
}
