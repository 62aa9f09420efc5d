import type { IDataObject } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { batchIdField, readBatchId } from '../common/fields';
import { perItem } from '../common/operation';
import { batchOutput } from './batches';

export const { description, execute } = perItem('batch', 'get', [batchIdField()], async function (itemIndex) {
	const path = `/v2/batches/${encodeURIComponent(readBatchId(this, itemIndex))}`;
	return batchOutput((await ip1ApiRequest.call(this, { method: 'GET', path, itemIndex })) as IDataObject);
});
