import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normaliseAccount } from '../account/accounts';
import { forEachItem } from '../common/items';
import { readRevealKey } from './subAccounts';
import { collectionItems, ip1ApiRequest } from '../../transport';
import { returnAllFields } from '../common/fields';
import { revealKeyField } from './fields';

export const description: INodeProperties[] = [
	...returnAllFields('subAccount', ['getAll']),
	revealKeyField(['getAll']),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex) as number);
		const revealKey = readRevealKey(this, itemIndex);
		// /api/me/children is not a /v2 collection: one request returns every sub-account.
		const body = await ip1ApiRequest.call(this, { method: 'GET', path: '/api/me/children', itemIndex });
		return collectionItems<IDataObject>(body)
			.slice(0, limit)
			.map((account) => normaliseAccount(account, revealKey));
	});
}
