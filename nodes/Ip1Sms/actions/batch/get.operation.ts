import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { batchIdField, readBatchId } from '../common/fields';
import { forEachItem } from '../common/items';
import { batchOutput } from './batches';

export const description: INodeProperties[] = forOperations('batch', ['get'], [batchIdField()]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const batchId = readBatchId(this, itemIndex);
		const batch = (await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/batches/${encodeURIComponent(batchId)}`,
			itemIndex,
		})) as IDataObject;
		return batchOutput(batch);
	});
}
