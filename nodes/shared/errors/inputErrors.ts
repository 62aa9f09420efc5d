import { NodeOperationError, type INode } from 'n8n-workflow';

export interface InputProblem {
	/** The parameter as the user sees it, e.g. "Sender". */
	field: string;
	/** What rule the value breaks, e.g. 'must be 3–11 letters or digits'. */
	rule: string;
	/** The offending value, shown quoted (never a secret). */
	value?: unknown;
	/** How to fix it. */
	fix: string;
}

/**
 * An input error raised before any request leaves: names the field, the item, the rule and the fix.
 * Item numbers are shown 0-based, as n8n's editor numbers items.
 */
export function inputError(node: INode, itemIndex: number, problem: InputProblem): NodeOperationError {
	const shown = problem.value === undefined ? '' : ` (got ${JSON.stringify(problem.value)})`;
	return new NodeOperationError(node, `Item ${itemIndex}: "${problem.field}" ${problem.rule}${shown}`, {
		itemIndex,
		description: problem.fix,
	});
}
