import { WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	Workflow,
	type ExecutionError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type IRun,
	type IWorkflowBase,
} from 'n8n-workflow';

import { createAdditionalData, createHooks, newExecutionId } from './additionalData';
import { TestCredentialsHelper } from './credentialsHelper';
import { IP1_SMS_TYPE, TestNodeTypes } from './nodeTypes';

export interface SandboxCredentials {
	apiToken: string;
	baseUrl: string;
}

export interface RunNodeOptions {
	parameters: INodeParameters;
	/** Input items (plain JSON objects or full items); one empty item by default. */
	items?: Array<IDataObject | INodeExecutionData>;
	credentials: SandboxCredentials;
	continueOnFail?: boolean;
	nodeType?: string;
	nodeName?: string;
	/** Run as an AI agent's tool call: n8n 2.x marks the node `rewireOutputLogTo: ai_tool` (engine requests). */
	asTool?: boolean;
	/** Receives the means to cancel the execution, as the n8n UI's "stop" button does. */
	onStart?: (cancel: () => void) => void;
	/** n8n's node setting Retry On Fail: tries in all (n8n's default 3) and the wait between them (ms, n8n's default 1000). */
	retryOnFail?: { maxTries?: number; waitBetweenTries?: number };
	/**
	 * Retries this failed run as n8n's executions list does (ExecutionService.retry): a new execution
	 * in mode `retry` whose data is the failed one's, its error removed and the failed run of the
	 * node dropped, so the node runs again on the same input with the same execution context.
	 */
	retryOf?: IRun;
}

export interface RunNodeResult {
	/** The node's first output. */
	items: INodeExecutionData[];
	/** The error that stopped the node, if any (as n8n stores it in the run data). */
	error?: ExecutionError;
	run: IRun;
}

/**
 * Executes one node inside a real n8n workflow with n8n-core's WorkflowExecute: parameters are
 * resolved by the engine (expressions included), credentials are applied by the credentials
 * helper, requests go over real HTTP.
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeName = options.nodeName ?? 'iP.1 SMS';
	const node: INode = {
		id: 'node-under-test',
		name: nodeName,
		type: options.nodeType ?? IP1_SMS_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { ip1SmsApi: { id: 'credential-1', name: 'iP.1 sandbox' } },
		onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		...(options.retryOnFail
			? { retryOnFail: true, maxTries: options.retryOnFail.maxTries ?? 3, waitBetweenTries: options.retryOnFail.waitBetweenTries ?? 1000 }
			: {}),
		...(options.asTool ? { rewireOutputLogTo: NodeConnectionTypes.AiTool } : {}),
	};
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes: new TestNodeTypes(),
		settings: {},
	});

	const executionId = newExecutionId();
	const mode = options.retryOf ? 'retry' : 'manual';
	const hooks = createHooks(workflowData, executionId, mode);
	let resolveRun: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const credentialsHelper = new TestCredentialsHelper({ ip1SmsApi: { ...options.credentials } });
	const additionalData = createAdditionalData(credentialsHelper, hooks, undefined, executionId);

	const inputItems = (options.items ?? [{}]).map(toItem);
	const runExecutionData = options.retryOf
		? retriedExecutionData(options.retryOf, node)
		: createRunExecutionData({
				executionData: {
					nodeExecutionStack: [{ node, data: { main: [inputItems] }, source: null }],
				},
			});
	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const execution = workflowExecute.processRunExecutionData(workflow);
	options.onStart?.(() => execution.cancel());
	await execution.catch(() => undefined);
	const run = await finished;

	const runs = run.data.resultData.runData[nodeName] ?? [];
	const taskData = runs[runs.length - 1];
	return {
		// A tool call's output is logged under ai_tool (n8n-core's rewireOutputLogTo).
		items: taskData?.data?.[options.asTool ? NodeConnectionTypes.AiTool : 'main']?.[0] ?? [],
		error: taskData?.error ?? run.data.resultData.error,
		run,
	};
}

/**
 * What n8n's ExecutionService.retry makes of a failed execution's data: the stored data (a copy, as
 * read back from the database), its error removed, the failed run of the last node dropped; the
 * node execution stack and the execution context stay as they were.
 */
function retriedExecutionData(failed: IRun, node: INode): IRun['data'] {
	const data = JSON.parse(JSON.stringify(failed.data)) as IRun['data'];
	const { lastNodeExecuted } = data.resultData;
	delete data.resultData.error;
	const nodeRuns = lastNodeExecuted ? data.resultData.runData[lastNodeExecuted] : undefined;
	if (nodeRuns && nodeRuns.length > 0 && nodeRuns[nodeRuns.length - 1].error !== undefined) nodeRuns.pop();
	// The retry runs the workflow as saved then: the same node.
	for (const entry of data.executionData?.nodeExecutionStack ?? []) if (entry.node.name === node.name) entry.node = node;
	return data;
}

function toItem(item: IDataObject | INodeExecutionData): INodeExecutionData {
	const looksLikeItem = 'json' in item && typeof item.json === 'object' && item.json !== null;
	return looksLikeItem ? (item as INodeExecutionData) : { json: item as IDataObject };
}

/** The JSON of each output item. */
export function jsonOf(result: RunNodeResult): IDataObject[] {
	return result.items.map((item) => item.json);
}
