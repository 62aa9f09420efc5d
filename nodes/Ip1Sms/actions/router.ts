import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { failedItemMessage, toolCallError } from '../../shared/errors/toolErrors';
import * as account from './account';
import * as batch from './batch';
import * as blacklist from './blacklist';
import type { Operation } from './common/operation';
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

/** resource → operation → handler of all input items (most one by one; personalised sends and imports combine them). */
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

/**
 * Whether an AI agent runs the node as a tool. n8n 2.x runs an agent's tool calls as engine requests:
 * `execute()` with the node marked `rewireOutputLogTo: ai_tool` (n8n-core's requests-response); as a
 * LangChain tool (n8n 1.x, tools an agent builds itself) the context's `isToolExecution()` says so (not in older n8n).
 */
function isToolExecution(context: IExecuteFunctions): boolean {
	if (context.getNode().rewireOutputLogTo === NodeConnectionTypes.AiTool) return true;
	return typeof context.isToolExecution === 'function' && context.isToolExecution();
}

/** A failed item (Continue On Fail), worded for the author, in a tool's answer worded for the model (toolErrors.ts). */
function failuresForModel(output: INodeExecutionData[]): INodeExecutionData[] {
	return output.map((item) => {
		const { error, errorDescription, ...json } = item.json;
		if (typeof error !== 'string') return item;
		return { ...item, json: { ...json, error: failedItemMessage(error, errorDescription) } };
	});
}
