import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normaliseAccount } from '../account/accounts';
import { forEachItem } from '../common/items';
import { readRevealKey, readSubAccountId } from './subAccounts';
import { ip1ApiRequest } from '../../transport';
import { revealKeyField, subAccountIdField } from './fields';

export const description: INodeProperties[] = [subAccountIdField(['get']), revealKeyField(['get'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readSubAccountId(this, itemIndex);
		const account = (await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/api/me/children/${encodeURIComponent(id)}`,
			itemIndex,
		})) as IDataObject;
		return normaliseAccount(account, readRevealKey(this, itemIndex));
	});
}
