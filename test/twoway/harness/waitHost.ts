/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only: n8n-core's own DI container and the engine's signature helpers */
import { randomUUID } from 'crypto';
import { InstanceSettings, WAITING_TOKEN_QUERY_PARAM, WebhookContext, WorkflowExecute, validateUrlSignature } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	SEND_AND_WAIT_OPERATION,
	Workflow,
	type IDataObject,
	type INode,
	type INodeParameters,
	type IRun,
	type IRunExecutionData,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { createAdditionalData, createHooks } from '../../harness/additionalData';
import { TestCredentialsHelper } from '../../harness/credentialsHelper';
import type { SandboxCredentials } from '../../harness/engine';
import { IP1_SMS_TYPE, TestNodeTypes } from '../../harness/nodeTypes';
import { COLLECT_TYPE } from '../../trigger/harness/collectNode';
import type { WebhookRequest, WebhookResponse, WebhookRoute, WebhookServer } from '../../trigger/harness/webhookServer';

// n8n-core keeps its own copy of @n8n/di: its InstanceSettings live in that container.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] })) as typeof import('@n8n/di');

const NODE_NAME = 'Ask';
const COLLECT_NAME = 'Collect';

export type WaitStatus = 'new' | 'running' | 'waiting' | 'success' | 'error';

/**
 * Plays n8n's part around one workflow "iP.1 SMS (Send and Wait) → Collect", as n8n 2.41 does:
 * - the execution runs in n8n-core's WorkflowExecute; when the node calls putExecutionToWait the
 *   run ends with `waitTill` and its run data is "saved" (serialised, as in the database);
 * - WaitingWebhooks: `/webhook-waiting/<execution id>/<node id>` checks the signature (signed URL for
 *   `sendAndWait`, the execution's resume token otherwise), answers 409 while the execution runs and
 *   n8n's "no action required" page once it finished, calls the node's webhook(), and resumes the
 *   execution with its workflowData (the node passes them on, disabled, as n8n does);
 * - WaitTracker: timeOut() resumes it without webhook data (the node's own output goes on);
 * - restart(): a new node-type instance and workflow from the saved data (nothing kept in memory).
 */
export class WaitHost implements WebhookRoute {
	readonly executionId = `exec-${randomUUID().slice(0, 8)}`;
	readonly nodeId = `node-${randomUUID().slice(0, 8)}`;
	status: WaitStatus = 'new';
	/** What reached the node after Send and Wait when the execution finished. */
	collected: IDataObject[] = [];
	/** The node's output before waiting (what a time-out resumes with). */
	waitOutput: IDataObject[] = [];
	waitTill?: Date;
	error?: string;
	/** When a resume began (wall clock, ms): each webhook call that handed the execution workflow data. */
	resumedAt: number[] = [];
	/** The next this-many waiting-webhook calls are answered 409 "running already" (n8n while the execution still saves itself). */
	answerRunning = 0;
	/** The execution as n8n's database holds it (serialised run data). */
	private saved?: string;
	private lastRun?: IRun;
	private nodeTypes = new TestNodeTypes();
	private readonly credentialsHelper: TestCredentialsHelper;
	private readonly pending = new Set<Promise<void>>();

	constructor(
		private readonly server: WebhookServer,
		credentials: SandboxCredentials,
		private readonly parameters: INodeParameters,
	) {
		this.credentialsHelper = new TestCredentialsHelper({ ip1SmsApi: { ...credentials } });
		server.addRoute(this);
	}

	get waitingPath(): string {
		return `/webhook-waiting/${this.executionId}/${this.nodeId}`;
	}

	/** Runs the workflow until it waits (or ends). */
	async start(input: IDataObject[] = [{ start: true }]): Promise<void> {
		const runData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: this.node(), data: { main: [input.map((json) => ({ json }))] }, source: null }] },
		});
		await this.run(runData);
		const nodeRun = this.lastRun?.data.resultData.runData[NODE_NAME]?.[0];
		this.waitOutput = (nodeRun?.data?.main?.[0] ?? []).map((item) => item.json);
	}

	/** WaitTracker: the time limit passed. */
	async timeOut(): Promise<void> {
		if (this.status !== 'waiting') throw new Error(`timeOut() on an execution that is ${this.status}`);
		await this.run(this.loadSaved());
	}

	/** n8n restarted: node types and the workflow are built again; the waiting execution is read from the "database". */
	restart(): void {
		this.nodeTypes = new TestNodeTypes();
	}

	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	async handle(path: string, request: WebhookRequest, response: WebhookResponse): Promise<boolean> {
		if (path !== this.waitingPath) return false;
		const task = this.onWaitingWebhook(request, response);
		this.pending.add(task);
		try {
			await task;
		} finally {
			this.pending.delete(task);
		}
		return true;
	}

	private async onWaitingWebhook(request: WebhookRequest, response: WebhookResponse): Promise<void> {
		if (!this.validSignature(request)) {
			response.status(401).send('Invalid token');
			return;
		}
		if (this.status === 'running' || this.answerRunning > 0) {
			this.answerRunning = Math.max(0, this.answerRunning - 1);
			response.status(409).json({ message: `The execution "${this.executionId}" is running already.` });
			return;
		}
		if (this.status !== 'waiting') {
			if (this.isSendAndWait()) response.status(200).send('<html>No action required</html>');
			else response.status(409).json({ message: `The execution "${this.executionId} has finished already.` });
			return;
		}
		parseForm(request);
		const saved = this.savedForReading();
		const workflow = this.workflow();
		const additionalData = this.additionalData();
		additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const node = workflow.getNode(NODE_NAME)!;
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', this.webhookData(workflow, additionalData, request.method ?? 'POST'), [], saved);
		const nodeType = this.nodeTypes.getByNameAndVersion(IP1_SMS_TYPE);
		let result: IWebhookResponseData;
		try {
			result = (await nodeType.webhook!.call(context)) as IWebhookResponseData;
		} catch (error) {
			response.status(500).json({ message: `Error in webhook: ${(error as Error).message}` });
			return;
		}
		if (result.noWebhookResponse) return;
		response.status(200).send(result.webhookResponse ?? { message: 'Webhook call received' });
		if (result.workflowData === undefined) return;
		this.resumedAt.push(Date.now());
		const resumed = this.loadSaved();
		resumed.executionData!.nodeExecutionStack[0].data.main = result.workflowData;
		await this.run(resumed);
	}

	private validSignature(request: WebhookRequest): boolean {
		const url = new URL(request.url ?? '/', this.server.baseUrl);
		const token = url.searchParams.get(WAITING_TOKEN_QUERY_PARAM) ?? '';
		if (this.isSendAndWait()) return validateUrlSignature(token, url, Container.get(InstanceSettings).hmacSignatureSecret);
		const saved = this.saved ? (JSON.parse(this.saved) as IRunExecutionData) : undefined;
		return token !== '' && token === saved?.resumeToken;
	}

	private isSendAndWait(): boolean {
		return this.parameters.operation === SEND_AND_WAIT_OPERATION;
	}

	/**
	 * The saved execution for a webhook call that only reads it: parsed once per saved version (n8n
	 * loads it from its database per call; parsing ~1 MB per call here would measure the harness,
	 * not the node). A call that resumes works on a fresh copy.
	 */
	private savedForReading(): IRunExecutionData {
		const parsed = this.parsed?.text === this.saved ? this.parsed : { text: this.saved, data: this.loadSaved() };
		this.parsed = parsed;
		return parsed!.data;
	}

	private parsed?: { text?: string; data: IRunExecutionData };

	private loadSaved(): IRunExecutionData {
		if (!this.saved) throw new Error('No saved execution');
		const data = JSON.parse(this.saved, (key, value: unknown) => (key === 'waitTill' && typeof value === 'string' ? new Date(value) : value)) as IRunExecutionData;
		return data;
	}

	private async run(runData: IRunExecutionData): Promise<void> {
		this.status = 'running';
		const hooks = createHooks(this.workflowBase());
		let finish: (run: IRun) => void = () => undefined;
		const finished = new Promise<IRun>((resolve) => (finish = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
		const additionalData = this.additionalData(hooks);
		await new WorkflowExecute(additionalData, 'webhook', runData).processRunExecutionData(this.workflow());
		const run = await finished;
		this.lastRun = run;
		this.saved = JSON.stringify(run.data);
		this.waitTill = run.waitTill ?? undefined;
		const error = run.data.resultData.error;
		if (error) {
			this.status = 'error';
			this.error = error.message;
		} else if (run.waitTill) {
			this.status = 'waiting';
		} else {
			this.status = 'success';
			this.collected = (run.data.resultData.runData[COLLECT_NAME]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
		}
	}

	private additionalData(hooks = createHooks(this.workflowBase())): IWorkflowExecuteAdditionalData {
		const data = createAdditionalData(this.credentialsHelper, hooks, this.server.baseUrl);
		data.executionId = this.executionId;
		return data;
	}

	private webhookData(workflow: Workflow, additionalData: IWorkflowExecuteAdditionalData, method: string): IWebhookData {
		const node = workflow.getNode(NODE_NAME)!;
		const description = this.nodeTypes.getByNameAndVersion(IP1_SMS_TYPE).description.webhooks!.find((hook) => hook.httpMethod === method)!;
		return {
			httpMethod: method as IWebhookData['httpMethod'],
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(workflow.id, node, node.id),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
	}

	private node(): INode {
		return {
			id: this.nodeId,
			name: NODE_NAME,
			type: IP1_SMS_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters,
			credentials: { ip1SmsApi: { id: 'credential-1', name: 'iP.1 sandbox' } },
		};
	}

	private nodes(): INode[] {
		return [this.node(), { id: `${this.executionId}-collect`, name: COLLECT_NAME, type: COLLECT_TYPE, typeVersion: 1, position: [200, 0], parameters: {} }];
	}

	private workflowBase(): IWorkflowBase {
		return {
			id: 'wait-workflow',
			name: 'send and wait test',
			active: false,
			isArchived: false,
			nodes: this.nodes(),
			connections: { [NODE_NAME]: { main: [[{ node: COLLECT_NAME, type: 'main' as const, index: 0 }]] } },
			settings: {},
			createdAt: new Date(),
			updatedAt: new Date(),
		} as unknown as IWorkflowBase;
	}

	private workflow(): Workflow {
		const base = this.workflowBase();
		return new Workflow({ id: base.id, name: base.name, nodes: base.nodes, connections: base.connections, active: false, nodeTypes: this.nodeTypes, settings: {} });
	}
}

/** n8n parses form posts (the answer link's page) into `body`; the test server only parses JSON. */
function parseForm(request: WebhookRequest): void {
	if (request.contentType !== 'application/x-www-form-urlencoded') return;
	request.body = Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8')));
}
