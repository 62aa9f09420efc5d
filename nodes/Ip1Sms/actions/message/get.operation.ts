import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { normaliseMessage } from '../../../shared/dialect/documents';
import { ip1ApiRequest } from '../../../shared/transport';
import { batchIdField, readBatchId } from '../common/fields';
import { documentIdRule, idReader } from '../common/ids';
import { perItem } from '../common/operation';

const messageIdField: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '5bcf4324ee47dee41a9dbb13',
	description:
		'The ID of the message, as output by SMS → Send (messageIds, one per recipient) or Message → Get Many, or received in a delivery report',
};

const readMessageId = idReader(messageIdField, documentIdRule('Message ID'));

const fields = [batchIdField('. A message always belongs to a batch.'), messageIdField];

/** One message with its full status history, every status decoded (name, group, delivered, final). */
export const { description, execute } = perItem('message', 'get', fields, async function (itemIndex) {
	const batchId = encodeURIComponent(readBatchId(this, itemIndex));
	const messageId = encodeURIComponent(readMessageId(this, itemIndex));
	const path = `/v2/batches/${batchId}/messages/${messageId}`;
	return normaliseMessage((await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex })) as IDataObject);
});
