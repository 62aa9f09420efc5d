import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { normaliseAccount } from '../account/accounts';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { revealKeyOptions, subAccountIdField } from './fields';
import { readRevealKey, readSubAccountId } from './subAccounts';

export const description: INodeProperties[] = forOperations('subAccount', ['get'], [subAccountIdField, revealKeyOptions]);

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
