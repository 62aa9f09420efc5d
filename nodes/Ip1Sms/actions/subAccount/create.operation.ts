import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { normaliseAccount } from '../account/accounts';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { revealKeyOptions, subAccountNameField } from './fields';
import { readRevealKey, readSubAccountName } from './subAccounts';

export const description: INodeProperties[] = forOperations('subAccount', ['create'], [subAccountNameField, revealKeyOptions]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const name = readSubAccountName(this, itemIndex);
		const revealKey = readRevealKey(this, itemIndex);
		// Creating twice would make two accounts: never retried after an unclear failure.
		const account = (await ip1ApiRequest.call(this, {
			method: 'POST',
			path: '/api/me/children',
			body: { Name: name },
			retry: 'onceOnly',
			itemIndex,
		})) as IDataObject;
		return normaliseAccount(account, revealKey);
	});
}
