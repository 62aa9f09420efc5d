import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { toolCallError } from '../../shared/errors/toolErrors';
import * as account from './account';
import * as batch from './batch';
import * as blacklist from './blacklist';
import type { Operation } from './common/operation';
import { failuresForModel, isToolExecution } from './common/toolMode';
import * as contact from './contact';
import * as conversation from './conversation';
import * as label from './label';
import * as landingPage from './landingPage';
import * as landingPageElement from './landingPageElement';
import * as message from './message';
import type { OperationOf, Resource } from './node.type';
import * as sender from './sender';
import * as setting from './setting';
import * as sms from './sms';
import * as subAccount from './subAccount';

/** Every resource's Operation dropdown and its operations' fields, for the node's properties. */
export const resourceProperties: INodeProperties[] = [
	account,
	batch,
	blacklist,
	contact,
	conversation,
	label,
	landingPage,
	landingPageElement,
	message,
	sender,
	setting,
	sms,
	subAccount,
].flatMap((resource) => resource.description);

/**
 * resource → operation → execute. Each operation receives all input items: most handle them one by
 * one (common/operation.ts perItem), some combine them into one request (personalised sends, imports).
 */
export const operations = {
	account: account.operations,
	batch: batch.operations,
	blacklist: blacklist.operations,
	contact: contact.operations,
	conversation: conversation.operations,
	label: label.operations,
	landingPage: landingPage.operations,
	landingPageElement: landingPageElement.operations,
	message: message.operations,
	sender: sender.operations,
	setting: setting.operations,
	sms: { send: sms.send, sendAndWait: sms.sendAndWait, sendAndWaitForDelivery: sms.sendAndWaitForDelivery },
	subAccount: subAccount.operations,
} satisfies { [R in Resource]: { [O in OperationOf<R>]: Operation } };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as Resource;
	const operation = this.getNodeParameter('operation', 0) as string;
	// A workflow may still name an operation this version does not have: refused in words below.
	const handler = (operations[resource] as Record<string, Operation> | undefined)?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	if (!isToolExecution(this)) return [await handler.execute.call(this, items)];
	try {
		return [failuresForModel(await handler.execute.call(this, items))];
	} catch (error) {
		// All an agent's model sees of a failed tool call is this message (shared/errors/toolErrors.ts).
		throw toolCallError(this.getNode(), error);
	}
}
