import { NodeOperationError, type INode } from 'n8n-workflow';

export interface InputProblem {
	/** The parameter as the user sees it, e.g. "Sender". */
	field: string;
	/** What rule the value breaks, e.g. 'must be 3–11 letters or digits'. */
	rule: string;
	/** The offending value, shown quoted (never a secret). */
	value?: unknown;
	fix: string;
	/** The rule and fix for an AI agent (toolErrors.ts), when `rule` or `fix` name options only the author can set. */
	toolRule?: string;
	toolFix?: string;
}

/** The problem each input error was made from, for the wording an AI agent gets (toolErrors.ts). */
const problems = new WeakMap<NodeOperationError, InputProblem>();
/** The same by message, for "Continue On Fail" items (`{ error: message }`) later steps copy; the newest kept. */
const problemsByMessage = new Map<string, InputProblem>();
const KEPT_MESSAGES = 500;

/** An input error raised before any request leaves: field, item (0-based, as n8n's editor), rule and fix. */
export function inputError(node: INode, itemIndex: number, problem: InputProblem): NodeOperationError {
	const error = new NodeOperationError(node, `Item ${itemIndex}: "${problem.field}" ${problem.rule}${shownValue(problem)}`, {
		itemIndex,
		description: problem.fix,
	});
	problems.set(error, problem);
	problemsByMessage.delete(error.message);
	problemsByMessage.set(error.message, problem);
	if (problemsByMessage.size > KEPT_MESSAGES) problemsByMessage.delete(problemsByMessage.keys().next().value ?? '');
	return error;
}

/** ' (got "070 12")', or '' without a value. */
export function shownValue(problem: InputProblem): string {
	return problem.value === undefined ? '' : ` (got ${JSON.stringify(problem.value)})`;
}

export function problemOf(error: unknown): InputProblem | undefined {
	return error instanceof NodeOperationError ? problems.get(error) : undefined;
}

/** The problem of an input error by its message (a "Continue On Fail" item's `error`); undefined if unknown. */
export function problemOfMessage(message: string): InputProblem | undefined {
	return problemsByMessage.get(message);
}
