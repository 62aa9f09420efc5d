import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { problemOf, problemOfMessage, shownValue, type InputProblem } from './inputErrors';
import { messageOf } from './notes';

/*
 * An AI agent running the node as a tool gets only an error's message (2.x engine: `{ error: message }`;
 * as a LangChain tool, message and description). Input errors are worded for the author ("Item 0: …",
 * "set Default Country Code"); the model can change only the values it passes, so it is told this.
 */

/** "Recipients" has an invalid phone number: … Write each number in the international format … */
function forModel(problem: InputProblem): string {
	return `"${problem.field}" ${problem.toolRule ?? problem.rule}${shownValue(problem)}. ${problem.toolFix ?? problem.fix}`;
}

/** Any other error: its message without the item number, and its description when it adds something. */
function plainly(text: string, description: unknown): string {
	const message = text.replace(/^Item \d+: /, '');
	if (typeof description !== 'string' || description === '' || message.includes(description)) return message;
	return `${message}${/[.!?]$/.test(message) ? '' : '.'} ${description}`;
}

/** What a model is told of an error, in words it can act on. */
function toolCallMessage(error: unknown): string {
	const problem = problemOf(error);
	if (problem) return forModel(problem);
	const description = error instanceof NodeApiError || error instanceof NodeOperationError ? error.description : undefined;
	return plainly(messageOf(error), description);
}

/** The same for a "Continue On Fail" item's `error` and `errorDescription` (common/items.ts errorItem). */
export function failedItemMessage(error: string, errorDescription: unknown): string {
	const problem = problemOfMessage(error);
	return problem ? forModel(problem) : plainly(error, errorDescription);
}

/** The error a tool call ends with (its message is all the model sees). */
export function toolCallError(node: INode, error: unknown): NodeOperationError {
	return new NodeOperationError(node, toolCallMessage(error));
}
