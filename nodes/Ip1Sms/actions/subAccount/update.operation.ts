import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normaliseAccount } from '../account/accounts';
import { forEachItem } from '../common/items';
import { readRevealKey, readSubAccountId, readSubAccountName } from './subAccounts';
import { ip1ApiRequest } from '../../transport';
import { revealKeyField, subAccountIdField, subAccountNameField } from './fields';

export const description: INodeProperties[] = [
	subAccountIdField(['update']),
	subAccountNameField(['update']),
	revealKeyField(['update']),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = readSubAccountId(this, itemIndex);
		const name = readSubAccountName(this, itemIndex);
		const account = (await ip1ApiRequest.call(this, {
			method: 'PUT',
			path: `/api/me/children/${encodeURIComponent(id)}`,
			body: { ID: id, Name: name },
			itemIndex,
		})) as IDataObject;
		return normaliseAccount(account, readRevealKey(this, itemIndex));
	});
}
