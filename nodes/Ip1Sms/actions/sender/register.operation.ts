import { NodeApiError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors/apiErrors';
import { ip1ApiRequest } from '../../../shared/transport';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { NEW_SENDER, newSenderField } from './fields';
import { normaliseSender, readSenderName } from './senders';

export const description: INodeProperties[] = forOperations('sender', ['register'], [newSenderField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const sender = readSenderName(this, itemIndex, NEW_SENDER);
		// The endpoint list, the field table and iP.1's own sample put the sender in the path with no
		// body. Only the newer quick-start shows `PUT /v2/me/senders` with `{ sender }`: it is used when
		// the path form does not exist (404/405).
		try {
			const body = await ip1ApiRequest.call(this, {
				method: 'PUT',
				path: `/v2/me/senders/${encodeURIComponent(sender)}`,
				itemIndex,
			});
			return normaliseSender(body, sender);
		} catch (error) {
			const routeMissing = error instanceof NodeApiError && (error.httpCode === '404' || error.httpCode === '405');
			if (!routeMissing) throw asNodeError(this.getNode(), error);
		}
		const body = await ip1ApiRequest.call(this, {
			method: 'PUT',
			path: '/v2/me/senders',
			body: { sender },
			itemIndex,
		});
		return normaliseSender(body, sender);
	});
}
