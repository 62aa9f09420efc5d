import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { problemOf, shownValue, type InputProblem } from './inputErrors';
import { messageOf } from './notes';

/*
 * When an AI agent runs the node as a tool, n8n hands the model only an error's message (2.x
 * engine requests: `{ error: message }`; as a LangChain tool, the message and its description).
 * Input errors are worded for the workflow's author ("Item 0: …", "set Default Country Code"); the
 * model can change neither items nor options, only the values it passes. This is what it gets.
 */

/** "Recipients" has an invalid phone number: … Write each number in the international format … */
function forModel(problem: InputProblem): string {
	return `"${problem.field}" ${problem.toolRule ?? problem.rule}${shownValue(problem)}. ${problem.toolFix ?? problem.fix}`;
}

/** Any other error: its message without the item number, and its description when it adds something. */
function plainly(error: unknown): string {
	const message = messageOf(error).replace(/^Item \d+: /, '');
	const description = error instanceof NodeApiError || error instanceof NodeOperationError ? error.description : undefined;
	if (!description || message.includes(description)) return message;
	return `${message}${/[.!?]$/.test(message) ? '' : '.'} ${description}`;
}

/** The error a tool call ends with, in words a model can act on (it is all the model sees). */
export function toolCallError(node: INode, error: unknown): NodeOperationError {
	const problem = problemOf(error);
	return new NodeOperationError(node, problem ? forModel(problem) : plainly(error));
}
