import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * What the execution goes on with when the time limit passes. n8n resumes a timed-out wait by
 * running the waiting node again, disabled: it passes on the input it was given (the node's entry
 * in the execution stack, saved with the waiting execution). So the prepared "timed out" items
 * become that entry's input — a new `data` object on the entry, the items of the previous node are
 * left untouched. A reply replaces the same `data` with the webhook's items (n8n's own resume
 * path). Without it (an engine that does not hand out its stack entry) n8n's default remains: the
 * input items go on unchanged.
 */
export function goOnWithWhenTimedOut(context: IExecuteFunctions, items: INodeExecutionData[]): void {
	const entry = typeof context.getExecuteData === 'function' ? context.getExecuteData() : undefined;
	if (entry) entry.data = { main: [items] };
}
