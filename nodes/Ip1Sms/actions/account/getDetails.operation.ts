import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forEachItem } from '../common/items';
import { normaliseAccount } from './accounts';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const account = (await ip1ApiRequest.call(this, {
			method: 'GET',
			path: '/api/me/account',
			itemIndex,
		})) as IDataObject;
		// The account's own key is the credential's token: it is never revealed.
		return normaliseAccount(account, false);
	});
}
