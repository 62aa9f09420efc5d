import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1PaginatedRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { pagingFields, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';
import { normaliseSender } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = forOperations('sender', ['getAll'], pagingFields);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const { returnAll, limit } = readPaging(this, itemIndex);
		const { items: senders } = await ip1PaginatedRequest.call(this, {
			path: '/v2/me/senders',
			returnAll,
			limit,
			itemIndex,
		});
		return senders.map((sender) => normaliseSender(sender));
	});
}
