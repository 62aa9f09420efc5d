import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { failedItemMessage } from '../../../shared/errors/toolErrors';

/**
 * Whether an AI agent runs the node as a tool. n8n 2.x runs an agent's tool calls as engine requests:
 * the node's `execute()` with the node marked `rewireOutputLogTo: ai_tool` (n8n-core's
 * requests-response); as a LangChain tool (n8n 1.x, and tools an agent builds itself) the context says
 * so with `isToolExecution()`, which older n8n does not have.
 */
export function isToolExecution(context: IExecuteFunctions): boolean {
	if (context.getNode().rewireOutputLogTo === NodeConnectionTypes.AiTool) return true;
	return typeof context.isToolExecution === 'function' && context.isToolExecution();
}

/**
 * With "Continue On Fail" a failed item is an output item `{ error, errorDescription }` worded for the
 * author; as a tool's answer the model reads it: it gets the model's wording (shared/errors/toolErrors.ts).
 */
export function failuresForModel(output: INodeExecutionData[]): INodeExecutionData[] {
	return output.map((item) => {
		const { error, errorDescription, ...json } = item.json;
		if (typeof error !== 'string') return item;
		return { ...item, json: { ...json, error: failedItemMessage(error, errorDescription) } };
	});
}
