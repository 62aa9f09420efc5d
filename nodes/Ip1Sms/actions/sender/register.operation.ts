import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { registerSender } from '../../../shared/dialect/resources';
import { forOperations } from '../common/display';
import { forEachItem } from '../common/items';
import { NEW_SENDER, newSenderField } from './fields';
import { readSenderName } from './senders';

export const description: INodeProperties[] = forOperations('sender', ['register'], [newSenderField]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => await registerSender(this, readSenderName(this, itemIndex, NEW_SENDER), itemIndex));
}
