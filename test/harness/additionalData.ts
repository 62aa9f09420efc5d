import { ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData, IWorkflowBase } from 'n8n-workflow';

/**
 * The services the engine asks of its host. URL fields must be valid URLs: n8n-core parses them
 * while resolving node parameters.
 */
export function createAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	webhookBaseUrl = 'http://127.0.0.1:5678/',
	executionId = 'test-execution',
): IWorkflowExecuteAdditionalData {
	const unsupported = async () => {
		throw new Error('Not available in the test engine');
	};
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: `${webhookBaseUrl}webhook`,
		webhookWaitingBaseUrl: `${webhookBaseUrl}webhook-waiting`,
		webhookTestBaseUrl: `${webhookBaseUrl}webhook-test`,
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		executeWorkflow: unsupported,
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: unsupported,
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

export function createHooks(workflowData: IWorkflowBase, executionId = 'test-execution', mode: 'manual' | 'retry' = 'manual'): ExecutionLifecycleHooks {
	return new ExecutionLifecycleHooks(mode, executionId, workflowData);
}

let executions = 0;
const START = Date.now().toString(36);

/** A new execution id, as n8n gives every execution its own (sends derive their references from it). */
export function newExecutionId(): string {
	executions++;
	return `test-execution-${START}-${executions}`;
}
