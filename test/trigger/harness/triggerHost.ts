import { randomUUID } from 'crypto';
import { HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WebhookSetupMethodNames,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { createAdditionalData, createHooks } from '../../harness/additionalData';
import { TestCredentialsHelper } from '../../harness/credentialsHelper';
import type { SandboxCredentials } from '../../harness/engine';
import { IP1_SMS_TRIGGER_TYPE, TestNodeTypes } from '../../harness/nodeTypes';
import { COLLECT_TYPE } from './collectNode';
import type { WebhookRequest, WebhookResponse, WebhookRoute, WebhookServer } from './webhookServer';

export interface TriggerHostOptions {
	server: WebhookServer;
	credentials: SandboxCredentials;
	parameters: INodeParameters;
	workflowId?: string;
	/** The node's webhook ID (the editor gives every webhook node a random UUID). */
	webhookId?: string;
	nodeName?: string;
	/**
	 * Whether n8n saves the static data of a webhook call that started an execution: n8n 1.x does;
	 * n8n 2.41.1 does not (WorkflowRunner.run resets the change flag first). Default: true.
	 */
	savesStartedCallStaticData?: boolean;
	/**
	 * The node's version (default 2, what the editor adds). As n8n does for webhook nodes above
	 * version 1, the body of a content type n8n does not parse is left unread (no `body`, no
	 * `rawBody`) until the node calls `readRawBody()`.
	 */
	typeVersion?: 1 | 2;
}

/** Points in n8n's activation at which a test can act. */
export interface ActivationHooks {
	/**
	 * Runs after the webhook methods (checkExists/create) and before the static data is saved. n8n
	 * registers the production webhook before calling create() and saves the static data only once
	 * activation completes, so a callback arriving now is served with the static data as it was
	 * before activation.
	 */
	beforeStaticDataSaved?: () => Promise<void>;
}

export interface TriggerExecution {
	mode: 'test' | 'production';
	/** The trigger's output items. */
	triggerItems: IDataObject[];
	/** What the node after the trigger received and passed on. */
	collected: IDataObject[];
	run: IRun;
}

const COLLECT_NAME = 'Collect';
/** How long n8n takes to create an execution before it saves the call's static data. */
const EXECUTION_CREATION_MS = 5;
const nodeTypes = new TestNodeTypes();

/**
 * Plays n8n's part around one workflow "trigger → Collect", with n8n-core's real HookContext,
 * WebhookContext and WorkflowExecute, following n8n's own services:
 * - production (ActiveWorkflowManager/WebhookService): checkExists, then create if needed, mode
 *   'trigger'; delete with mode 'internal'; static data loaded from the "database" for every call
 *   and saved afterwards only when n8n's change tracking says it changed;
 * - test (TestWebhooks): a fresh workflow with empty static data, checkExists/create with mode
 *   'manual'; the static data stays with the registration and is handed to the webhook call; after
 *   the first run (or stopListening) the test webhook is deleted;
 * - requests (webhook-helpers): webhook() runs; `noWebhookResponse` = the node answered;
 *   `workflowData` = the execution starts and the request is answered with the description's
 *   responseCode; otherwise `webhookResponse` is answered with that code, nothing starts.
 */
export class TriggerHost implements WebhookRoute {
	readonly executions: TriggerExecution[] = [];
	/** What the trigger logged through `this.logger`, as `level: message`. */
	readonly logged: string[] = [];
	readonly webhookId: string;
	readonly workflowId: string;
	readonly nodeName: string;
	/** What n8n's database holds as the workflow's static data. */
	productionStaticData: IDataObject = {};
	/** Writes of the workflow's static data to the "database" (n8n: one UPDATE of the whole column each). */
	staticDataSaves = 0;
	private parameters: INodeParameters;
	private active = false;
	/** n8n serves the production webhook from before create() runs until deactivation ends. */
	private productionRouted = false;
	private testStaticData?: IDataObject;
	private readonly pending = new Set<Promise<void>>();
	private heldSaves?: Array<() => void>;
	private credentialsHelper: TestCredentialsHelper;
	private credentials: SandboxCredentials;

	private get typeVersion(): 1 | 2 {
		return this.options.typeVersion ?? 2;
	}

	constructor(private readonly options: TriggerHostOptions) {
		this.webhookId = options.webhookId ?? randomUUID();
		this.workflowId = options.workflowId ?? `wf-${randomUUID().slice(0, 8)}`;
		this.nodeName = options.nodeName ?? 'iP.1 SMS Trigger';
		this.parameters = options.parameters;
		this.credentials = options.credentials;
		this.credentialsHelper = new TestCredentialsHelper({ ip1SmsApi: { ...options.credentials } });
		options.server.addRoute(this);
	}

	get productionUrl(): string {
		return `${this.options.server.baseUrl}webhook/${this.webhookId}/ip1sms`;
	}

	get testUrl(): string {
		return `${this.options.server.baseUrl}webhook-test/${this.webhookId}/ip1sms`;
	}

	get isActive(): boolean {
		return this.active;
	}

	get isListening(): boolean {
		return this.testStaticData !== undefined;
	}

	/** The trigger's part of the static data (production). */
	get nodeStaticData(): IDataObject {
		return (this.productionStaticData[`node:${this.nodeName}`] as IDataObject | undefined) ?? {};
	}

	/** The trigger's part of the static data of the current test listening session. */
	get testNodeStaticData(): IDataObject {
		return (this.testStaticData?.[`node:${this.nodeName}`] as IDataObject | undefined) ?? {};
	}

	setParameters(parameters: INodeParameters): void {
		this.parameters = parameters;
	}

	/** Credential reads (database read + decryption in n8n) since the credential was last set. */
	get credentialReads(): number {
		return this.credentialsHelper.reads;
	}

	/** The credential as n8n decrypts it for this workflow's trigger node. */
	get credential(): SandboxCredentials {
		return { ...this.credentials };
	}

	/** The user edits the credential (e.g. pastes a new API key); nothing is re-activated. */
	setCredentials(credentials: SandboxCredentials): void {
		this.credentials = credentials;
		this.credentialsHelper = new TestCredentialsHelper({ ip1SmsApi: { ...credentials } });
	}

	/** Activation (or n8n starting with the workflow active: 'init'). */
	async activate(activation: WorkflowActivateMode = 'activate', hooks: ActivationHooks = {}): Promise<void> {
		const workflow = this.workflow(this.productionStaticData, true);
		const wasRouted = this.productionRouted;
		this.productionRouted = true;
		let activated = false;
		try {
			await this.createWebhookIfNotExists(workflow, 'trigger', activation, false);
			await hooks.beforeStaticDataSaved?.();
			activated = true;
		} finally {
			// n8n removes the webhooks of a workflow whose activation failed.
			if (!activated) this.productionRouted = wasRouted;
			this.saveStaticData(workflow);
		}
		this.active = true;
	}

	async deactivate(): Promise<void> {
		const workflow = this.workflow(this.productionStaticData, true);
		try {
			await this.runWebhookMethod('delete', workflow, 'internal', 'update', false);
		} finally {
			this.saveStaticData(workflow);
		}
		this.active = false;
		this.productionRouted = false;
	}

	/** "Listen for test event" in the editor. */
	async listenForTestEvent(): Promise<void> {
		const workflow = this.workflow({}, false);
		const failure = await this.createWebhookIfNotExists(workflow, 'manual', 'manual', true).then(
			() => undefined,
			(error: unknown) => error,
		);
		if (failure !== undefined) {
			// TestWebhooks: deactivate what may have been created, then report the error.
			await this.runWebhookMethod('delete', workflow, 'internal', 'update', true);
			return await Promise.reject(failure);
		}
		this.testStaticData = workflow.staticData;
	}

	/** The listening timeout, or the user closing the panel; also happens after the first test run. */
	async stopListening(): Promise<void> {
		const staticData = this.testStaticData;
		if (!staticData) return;
		this.testStaticData = undefined;
		const workflow = this.workflow({}, false);
		workflow.staticData = staticData;
		await this.runWebhookMethod('delete', workflow, 'internal', 'update', true);
	}

	/**
	 * n8n saves a webhook call's static data when the call ends, and a call that began during an
	 * activation (with the static data of before it) can end after the activation saved its own.
	 * Until the returned function runs, production webhook calls' saves wait, then land in order.
	 */
	holdWebhookSaves(): () => void {
		const held: Array<() => void> = [];
		this.heldSaves = held;
		return () => {
			this.heldSaves = undefined;
			for (const save of held) save();
		};
	}

	/** Resolves when every request being handled and every started execution finished. */
	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	async handle(path: string, request: WebhookRequest, response: WebhookResponse): Promise<boolean> {
		let test: boolean;
		if (this.productionRouted && path === new URL(this.productionUrl).pathname) test = false;
		else if (this.testStaticData && path === new URL(this.testUrl).pathname) test = true;
		else return false;
		if (this.typeVersion > 1) leaveUnparsedBodyUnread(request);
		// Tracked until everything it started (the run, the test webhook's removal) is done.
		await this.track(this.executeWebhook(test, request, response));
		return true;
	}

	private async executeWebhook(test: boolean, request: WebhookRequest, response: WebhookResponse): Promise<void> {
		const workflow = this.workflow(test ? {} : this.productionStaticData, !test);
		if (test && this.testStaticData) workflow.setTestStaticData(this.testStaticData);
		const mode: WorkflowExecuteMode = test ? 'manual' : 'webhook';
		const additionalData = this.additionalData();
		additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const node = this.triggerNode(workflow);
		const webhookData = this.webhookData(workflow, additionalData, test);
		const context = this.withLogger(new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null));
		const nodeType = nodeTypes.getByNameAndVersion(node.type);
		const responseCode = workflow.expression.getSimpleParameterValue(
			node,
			webhookData.webhookDescription.responseCode as string | undefined,
			mode,
			{},
			undefined,
			200,
		) as number;

		const save = () => {
			if (test) return;
			if (this.heldSaves) this.heldSaves.push(() => this.saveStaticData(workflow));
			else this.saveStaticData(workflow);
		};
		let result: IWebhookResponseData;
		try {
			result = (await nodeType.webhook!.call(context)) as IWebhookResponseData;
		} catch (error) {
			save();
			response.status(500).json({ message: `Error in webhook: ${(error as Error).message}` });
			return;
		}

		if (result.workflowData === undefined) {
			save();
			if (!result.noWebhookResponse && !response.headersSent) {
				response.status(responseCode).json(result.webhookResponse ?? { message: 'Webhook call received' });
			}
			return;
		}
		// WorkflowRunner.run(): the execution gets its own workflow, static data loaded from the database.
		const executionWorkflow = test ? workflow : this.workflow(this.productionStaticData, true);
		// WorkflowRunner.run() creates the execution in the database (a few ms) before it runs, and n8n
		// saves a started call's static data only after that, so other calls of a burst load theirs
		// and have their executions created meanwhile.
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test harness, never published
		await new Promise<void>((resolve) => setTimeout(resolve, EXECUTION_CREATION_MS));
		const execution = this.startExecution(executionWorkflow, this.triggerNode(executionWorkflow), result.workflowData, test);
		if (this.options.savesStartedCallStaticData !== false) save();
		if (!result.noWebhookResponse && !response.headersSent) {
			// webhook-on-received-response-extractor: `responseData` (default 'firstEntryJson', sent as
			// is when truthy), else the node's webhookResponse, else a fixed message.
			const responseData = workflow.expression.getComplexParameterValue(
				node,
				webhookData.webhookDescription.responseData as string | undefined,
				mode,
				{},
				undefined,
				'firstEntryJson',
			);
			if (responseData === 'noData') response.status(responseCode).send();
			else response.status(responseCode).send(responseData || (result.webhookResponse ?? { message: 'Workflow was started' }));
		}
		if (test) {
			// TestWebhooks deletes the test webhook once a test execution started.
			await this.stopListening();
		}
		await execution;
	}

	private startExecution(workflow: Workflow, node: INode, data: INodeExecutionData[][], test: boolean): Promise<void> {
		const workflowData = this.workflowBase();
		const hooks = createHooks(workflowData);
		let finish: (run: IRun) => void = () => undefined;
		const finished = new Promise<IRun>((resolve) => (finish = resolve));
		hooks.addHandler('workflowExecuteAfter', (run, newStaticData) => {
			// n8n's workflowExecuteAfter hook: an execution's changed static data is saved (not in manual mode).
			if (!test && newStaticData) this.staticDataSaves++;
			if (!test && newStaticData) this.productionStaticData = JSON.parse(JSON.stringify(newStaticData)) as IDataObject;
			finish(run);
		});
		const additionalData = createAdditionalData(this.credentialsHelper, hooks, this.options.server.baseUrl);
		const runData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: data }, source: null }] },
		});
		const mode: WorkflowExecuteMode = test ? 'manual' : 'webhook';
		const task = (async () => {
			await new WorkflowExecute(additionalData, mode, runData).processRunExecutionData(workflow);
			const run = await finished;
			const itemsOf = (name: string) =>
				(run.data.resultData.runData[name]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
			this.executions.push({
				mode: test ? 'test' : 'production',
				triggerItems: itemsOf(this.nodeName),
				collected: itemsOf(COLLECT_NAME),
				run,
			});
		})();
		return this.track(task);
	}

	private track(task: Promise<void>): Promise<void> {
		this.pending.add(task);
		void task.finally(() => this.pending.delete(task)).catch(() => undefined);
		return task;
	}

	private async createWebhookIfNotExists(
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		test: boolean,
	): Promise<void> {
		const exists = await this.runWebhookMethod('checkExists', workflow, mode, activation, test);
		if (!exists) await this.runWebhookMethod('create', workflow, mode, activation, test);
	}

	private async runWebhookMethod(
		method: WebhookSetupMethodNames,
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		test: boolean,
	): Promise<boolean | undefined> {
		const node = this.triggerNode(workflow);
		const nodeType = nodeTypes.getByNameAndVersion(node.type);
		const additionalData = this.additionalData();
		const webhookData = this.webhookData(workflow, additionalData, test);
		const fn = nodeType.webhookMethods?.default?.[method];
		if (!fn) return undefined;
		const context = this.withLogger(new HookContext(workflow, node, additionalData, mode, activation, webhookData));
		return (await fn.call(context)) as boolean;
	}

	/** n8n-core gives contexts the process-wide logger; this one keeps the lines for assertions. */
	private withLogger<T extends object>(context: T): T {
		const record =
			(level: string) =>
			(message: string): void =>
				void this.logged.push(`${level}: ${message}`);
		const logger = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
		Object.defineProperty(context, 'logger', { value: logger });
		return context;
	}

	/** Lines logged at warn level. */
	get warnings(): string[] {
		return this.logged.filter((line) => line.startsWith('warn: ')).map((line) => line.slice(6));
	}

	private webhookData(workflow: Workflow, additionalData: IWorkflowExecuteAdditionalData, test: boolean): IWebhookData {
		const node = this.triggerNode(workflow);
		const description = nodeTypes.getByNameAndVersion(node.type).description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(workflow.id, node, description.path),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest: test,
		};
	}

	private additionalData(): IWorkflowExecuteAdditionalData {
		const hooks = createHooks(this.workflowBase());
		return createAdditionalData(this.credentialsHelper, hooks, this.options.server.baseUrl);
	}

	private triggerNode(workflow: Workflow): INode {
		return workflow.getNode(this.nodeName)!;
	}

	private nodes(): INode[] {
		const description = nodeTypes.getByNameAndVersion(IP1_SMS_TRIGGER_TYPE).description;
		// As the editor stores it: every parameter with its default filled in.
		const parameters =
			NodeHelpers.getNodeParameters(description.properties, this.parameters, true, false, { typeVersion: this.typeVersion }, description) ??
			this.parameters;
		return [
			{
				id: `${this.workflowId}-trigger`,
				name: this.nodeName,
				type: IP1_SMS_TRIGGER_TYPE,
				typeVersion: this.typeVersion,
				position: [0, 0],
				parameters,
				webhookId: this.webhookId,
				credentials: { ip1SmsApi: { id: 'credential-1', name: 'iP.1 sandbox' } },
			},
			{
				id: `${this.workflowId}-collect`,
				name: COLLECT_NAME,
				type: COLLECT_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
		];
	}

	private workflowBase(): IWorkflowBase {
		return {
			id: this.workflowId,
			name: 'trigger test',
			active: this.active,
			isArchived: false,
			nodes: this.nodes(),
			connections: this.connections(),
			settings: {},
			createdAt: new Date(),
			updatedAt: new Date(),
		} as unknown as IWorkflowBase;
	}

	private connections() {
		return { [this.nodeName]: { main: [[{ node: COLLECT_NAME, type: 'main' as const, index: 0 }]] } };
	}

	private workflow(staticData: IDataObject, active: boolean): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'trigger test',
			nodes: this.nodes(),
			connections: this.connections(),
			active,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
			settings: {},
		});
	}

	/** n8n's saveStaticData: only when the workflow's change tracking flagged a change. */
	private saveStaticData(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged === true) {
			this.staticDataSaves++;
			this.productionStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
	}
}

/** n8n's isParsableContentType (webhook-helpers.ts): the content types it parses for webhook nodes above version 1. */
function isParsableContentType(contentType: string): boolean {
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}

/** What n8n hands a node of version 2 for another content type: nothing read until readRawBody(). */
function leaveUnparsedBodyUnread(request: WebhookRequest): void {
	if (isParsableContentType(request.contentType)) return;
	const raw = request.rawBody;
	const unread = request as unknown as { rawBody?: Buffer; body?: unknown; readRawBody?: () => Promise<void> };
	unread.rawBody = undefined;
	unread.body = undefined;
	unread.readRawBody = async () => {
		unread.rawBody = raw;
	};
}
