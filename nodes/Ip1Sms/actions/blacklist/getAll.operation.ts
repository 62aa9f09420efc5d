import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normaliseBlacklistEntry } from './blacklist';
import { forEachItem } from '../common/items';
import { ip1PaginatedRequest } from '../../transport';
import { returnAllFields } from '../common/fields';

export const description: INodeProperties[] = [...returnAllFields('blacklist', ['getAll'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		const { items: entries } = await ip1PaginatedRequest.call(this, {
			path: '/v2/blacklist',
			returnAll,
			limit,
			itemIndex,
		});
		return entries.map((entry) => normaliseBlacklistEntry(entry));
	});
}
