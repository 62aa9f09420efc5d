import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { batchOutput, readDocumentId } from './batches';
import { forEachItem } from '../common/items';
import { ip1ApiRequest } from '../../transport';
import { batchIdField } from './fields';

export const description: INodeProperties[] = [batchIdField('batch', ['get'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const batchId = readDocumentId(this, itemIndex, 'batchId', 'Batch ID');
		const batch = (await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/batches/${encodeURIComponent(batchId)}`,
			itemIndex,
		})) as IDataObject;
		return batchOutput(batch);
	});
}
