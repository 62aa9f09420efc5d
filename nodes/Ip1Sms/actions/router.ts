import { NodeConnectionTypes, NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { failedItemMessage, toolCallError } from '../../shared/errors/toolErrors';
import type { Operation } from './common/operation';
import * as resources from './index';
import type { OperationOf, Resource } from './node.type';

/** Every resource's Operation dropdown and its operations' fields, for the node's properties. */
export const resourceProperties = Object.values(resources).flatMap((resource) => resource.description);

const { sms, ...withOperations } = resources;

/** resource → operation → handler of all input items (most one by one; personalised sends and imports combine them). */
export const operations = {
	...(Object.fromEntries(Object.entries(withOperations).map(([name, resource]) => [name, resource.operations])) as {
		[R in keyof typeof withOperations]: (typeof withOperations)[R]['operations'];
	}),
	sms: { send: sms.send, sendAndWait: sms.sendAndWait, sendAndWaitForDelivery: sms.sendAndWaitForDelivery },
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

/** An AI agent's tool call: n8n 2.x marks the node `rewireOutputLogTo: ai_tool`; 1.x has `isToolExecution()`. */
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
