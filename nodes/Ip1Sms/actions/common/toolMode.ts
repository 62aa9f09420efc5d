import { NodeConnectionTypes, type IExecuteFunctions } from 'n8n-workflow';

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
