import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normaliseMessage } from '../../../shared/dialect/documents';
import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { batchIdField, readBatchId } from '../common/fields';
import { forEachItem } from '../common/items';
import { messageIdField, readMessageId } from './fields';

export const description: INodeProperties[] = forOperations('message', ['get'], [
	batchIdField('. A message always belongs to a batch.'),
	messageIdField,
]);

/** One message with its full status history, every status decoded (name, group, delivered, final). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const batchId = readBatchId(this, itemIndex);
		const messageId = readMessageId(this, itemIndex);
		const message = (await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/batches/${encodeURIComponent(batchId)}/messages/${encodeURIComponent(messageId)}`,
			itemIndex,
		})) as IDataObject;
		return normaliseMessage(message);
	});
}
