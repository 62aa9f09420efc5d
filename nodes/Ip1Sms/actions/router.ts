import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as account from './account';
import * as batch from './batch';
import * as conversation from './conversation';
import * as message from './message';
import * as sms from './sms';
import * as subAccount from './subAccount';

type OperationExecute = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/**
 * resource → operation → execute. Each operation receives all input items: most handle them one by
 * one (helpers/items.forEachItem), some combine them into one request (personalised sends, imports).
 */
const operations: Record<string, Record<string, { execute: OperationExecute }>> = {
	account: { getDetails: account.getDetails, getOverview: account.getOverview },
	batch: { cancel: batch.cancel, get: batch.get, getAll: batch.getAll },
	conversation: { getMessages: conversation.getMessages, getSummary: conversation.getSummary },
	message: { get: message.get, getAll: message.getAll },
	sms: { send: sms.send },
	subAccount: {
		create: subAccount.create,
		get: subAccount.get,
		getAll: subAccount.getAll,
		update: subAccount.update,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await handler.execute.call(this, items)];
}
