// Workflow JSON builders for the end-to-end tests, the examples and the benchmarks.
// Nodes loaded from N8N_CUSTOM_EXTENSIONS get the type prefix `CUSTOM.`.
export const ACTION_TYPE = 'CUSTOM.ip1Sms';
export const TRIGGER_TYPE = 'CUSTOM.ip1SmsTrigger';
export const CREDENTIAL = { id: 'ip1SandboxCred01', name: 'iP.1 SMS sandbox' };

export function credentialFile({ apiToken, baseUrl, id = CREDENTIAL.id, name = CREDENTIAL.name }) {
	return [{ id, name, type: 'ip1SmsApi', data: { apiToken, baseUrl } }];
}

const credentials = (cred = CREDENTIAL) => ({ ip1SmsApi: { id: cred.id, name: cred.name } });

/** A `Start` node of n8n's Webhook node (POST /webhook/<path>): each POST starts one execution. */
export function webhookStart(id, path, responseMode = 'onReceived') {
	return {
		id: `${id}-start`,
		name: 'Start',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `${id}-hook`,
		parameters: { httpMethod: 'POST', path, responseMode },
	};
}

/**
 * A Manual Trigger followed by `steps`, each connected to the previous one.
 * step: { name, parameters, type?, executeOnce? (default true after the first iP.1 node), onError?, typeVersion? }
 */
export function chainWorkflow(id, name, steps, { credential = CREDENTIAL, start } = {}) {
	const nodes = [
		start ?? { id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections = {};
	let previous = nodes[0].name;
	steps.forEach((step, index) => {
		const type = step.type ?? ACTION_TYPE;
		const node = {
			id: `${id}-n${index}`,
			name: step.name,
			type,
			typeVersion: step.typeVersion ?? 1,
			position: [220 * (index + 1), 0],
			parameters: step.parameters ?? {},
		};
		if (type === ACTION_TYPE || type === TRIGGER_TYPE) node.credentials = credentials(credential);
		if (step.executeOnce ?? (type === ACTION_TYPE)) node.executeOnce = true;
		if (step.onError) node.onError = step.onError;
		if (step.alwaysOutputData) node.alwaysOutputData = true;
		nodes.push(node);
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	});
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/**
 * A trigger workflow: the iP.1 SMS Trigger followed by a No-Op node (so executions have two nodes).
 * `typeVersion` 2 is what the editor adds now; 1 is what workflows saved before it keep.
 */
export function triggerWorkflow(id, name, { webhookId, parameters, credential = CREDENTIAL, typeVersion = 2 }) {
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'iP.1 SMS Trigger',
				type: TRIGGER_TYPE,
				typeVersion,
				position: [0, 0],
				webhookId,
				parameters,
				credentials: credentials(credential),
			},
			{ id: `${id}-noop`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'iP.1 SMS Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
