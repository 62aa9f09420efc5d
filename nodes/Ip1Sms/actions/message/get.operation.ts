import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readDocumentId } from '../batch/batches';
import { forEachItem } from '../common/items';
import { normaliseMessage } from '../../helpers/normalise';
import { ip1ApiRequest } from '../../transport';
import { batchIdField } from '../batch/fields';

export const description: INodeProperties[] = [
	batchIdField('message', ['get'], '. A message always belongs to a batch.'),
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '5bcf4324ee47dee41a9dbb13',
		description:
			'The ID of the message, as output by SMS → Send (messageIds, one per recipient) or Message → Get Many, or received in a delivery report',
		displayOptions: { show: { resource: ['message'], operation: ['get'] } },
	},
];

/** One message with its full status history, every status decoded (name, group, delivered, final). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const batchId = readDocumentId(this, itemIndex, 'batchId', 'Batch ID');
		const messageId = readDocumentId(this, itemIndex, 'messageId', 'Message ID');
		const message = (await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/batches/${encodeURIComponent(batchId)}/messages/${encodeURIComponent(messageId)}`,
			itemIndex,
		})) as IDataObject;
		return normaliseMessage(message);
	});
}
