import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { REGISTERED_SENDER, registeredSenderField } from './fields';
import { readSenderName } from './senders';
import { normaliseSender } from '../../../shared/dialect/resources';

export const description: INodeProperties[] = forOperations('sender', ['get'], [registeredSenderField('The registered sender to read')]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const sender = readSenderName(this, itemIndex, REGISTERED_SENDER);
		const body = await ip1ApiRequest.call(this, {
			method: 'GET',
			path: `/v2/me/senders/${encodeURIComponent(sender)}`,
			itemIndex,
		});
		return normaliseSender(body, sender);
	});
}
