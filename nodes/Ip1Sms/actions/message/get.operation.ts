import type { IDataObject } from 'n8n-workflow';

import { normaliseMessage } from '../../../shared/dialect/documents';
import { ip1ApiRequest } from '../../../shared/transport';
import { batchIdField, readBatchId } from '../common/fields';
import { perItem } from '../common/operation';
import { messageIdField, readMessageId } from './fields';

const fields = [batchIdField('. A message always belongs to a batch.'), messageIdField];

/** One message with its full status history, every status decoded (name, group, delivered, final). */
export const { description, execute } = perItem('message', 'get', fields, async function (itemIndex) {
	const batchId = readBatchId(this, itemIndex);
	const path = `/v2/batches/${encodeURIComponent(batchId)}/messages/${encodeURIComponent(readMessageId(this, itemIndex))}`;
	return normaliseMessage((await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex })) as IDataObject);
});
