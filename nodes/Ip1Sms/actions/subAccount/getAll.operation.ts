import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collectionItems } from '../../../shared/dialect/paging';
import { ip1ApiRequest } from '../../../shared/transport';
import { normaliseAccount } from '../account/accounts';
import { forOperations } from '../common/display';
import { pagingFields, readPaging } from '../common/fields';
import { forEachItem } from '../common/items';
import { revealKeyOptions } from './fields';
import { readRevealKey } from './subAccounts';

export const description: INodeProperties[] = forOperations('subAccount', ['getAll'], [...pagingFields, revealKeyOptions]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const { limit = Number.POSITIVE_INFINITY } = readPaging(this, itemIndex);
		const revealKey = readRevealKey(this, itemIndex);
		// /api/me/children is not a /v2 collection: one request returns every sub-account.
		const body = await ip1ApiRequest.call(this, { method: 'GET', path: '/api/me/children', itemIndex });
		return collectionItems<IDataObject>(body)
			.slice(0, limit)
			.map((account) => normaliseAccount(account, revealKey));
	});
}
