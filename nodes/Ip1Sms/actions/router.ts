import { NodeConnectionTypes, NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { failedItemMessage, toolCallError } from '../../shared/errors/toolErrors';
import type { Operation } from './common/operation';
import * as resources from './index';
import type { OperationOf, Resource } from './node.type';

/** Every resource's Operation dropdown and its operations' fields, for the node's properties. */
export const resourceProperties = Object.values(resources).flatMap((resource) => resource.description);

/** resource → operation → handler of all input items (most one by one; personalised sends and imports combine them). */
export const operations = {
	account: resources.account.operations,
	batch: resources.batch.operations,
	blacklist: resources.blacklist.operations,
	contact: resources.contact.operations,
	conversation: resources.conversation.operations,
	label: resources.label.operations,
	landingPage: resources.landingPage.operations,
	landingPageElement: resources.landingPageElement.operations,
	message: resources.message.operations,
	sender: resources.sender.operations,
	setting: resources.setting.operations,
	sms: {
		send: resources.sms.send,
		sendAndWait: resources.sms.sendAndWait,
		sendAndWaitForDelivery: resources.sms.sendAndWaitForDelivery,
	},
	subAccount: resources.subAccount.operations,
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
