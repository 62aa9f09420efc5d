import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { normaliseSender } from './senderInput';
import { ip1PaginatedRequest } from '../../transport';
import { returnAllFields } from '../common/fields';

export const description: INodeProperties[] = [...returnAllFields('sender', ['getAll'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		const { items: senders } = await ip1PaginatedRequest.call(this, {
			path: '/v2/me/senders',
			returnAll,
			limit,
			itemIndex,
		});
		return senders.map((sender) => normaliseSender(sender));
	});
}
