import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../common/items';
import { normaliseSender, readSenderName } from './senderInput';
import { ip1ApiRequest } from '../../transport';
import { registeredSenderField } from './fields';

export const description: INodeProperties[] = [registeredSenderField(['get'], 'The registered sender to read')];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const sender = readSenderName(this, itemIndex, 'registeredSender');
		const body = await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/me/senders/${encodeURIComponent(sender)}`,
			itemIndex,
		});
		return normaliseSender(body, sender);
	});
}
