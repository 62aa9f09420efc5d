// End-to-end test of the nodes as AI-agent tools in the REAL n8n 2.x: n8n's AI Agent with the OpenAI
// Chat Model node pointed at a scripted chat-completions server on 127.0.0.1 (e2e/scriptedModel.mjs)
// sends through the iP.1 SMS tool (ip1SmsTool), and holds a send behind the human-review tool
// (ip1SmsHitlTool) until the approver answers by SMS through the sandbox: "JA" sends it, "NEJ" sends
// nothing. The agent workflows are examples/ai-agent-sms.json with a Webhook instead of the Chat Trigger.
// Run by e2e/run.mjs for n8n 2.x, or alone: node e2e/agent.mjs [--n8n 2.41.1]
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { ensureN8n } from '../scripts/n8n-install.mjs';
import { N8nRest, loadSandbox, makeTempDir, n8nCli, n8nEnv, repoRoot, requireFromN8n, startN8n, stopGroup, writeJson } from '../scripts/n8n-runtime.mjs';
import { Suite, assert, freePort, runAlone, waitFor } from './harness.mjs';
import { startScriptedModel, toolResults } from './scriptedModel.mjs';
import { credentialFile, triggerWorkflow } from './workflows.mjs';

const TRIGGER_HOOK = 'a1b2c3d4-0000-4000-8000-0000000030a1';
const OPENAI_CREDENTIAL = { id: 'e2eScriptedAi01', name: 'Scripted model' };
const APPROVER = '46701234567'; // the example's "Approve by SMS" → To
const CUSTOMER = { send: '46701230001', approve: '46701230002', refuse: '46701230003' };
const TEXT = {
	send: 'Hej! Din tid är i morgon kl. 10:30.',
	approve: 'Hej Anna! Din tid är flyttad till tisdag 14:00.',
	refuse: 'Rabatt 50% idag på allt!',
};
const REFUSE_MESSAGE = '=SMS till {{ $tool.parameters.Recipients }}: "{{ $tool.parameters.Message }}". Svara JA eller NEJ.';

/** What the scripted model answers, by the tag in the user's message. */
const SCRIPTS = {
	send: [
		// A national number first: the tool's error must tell the model what to do.
		{ tool: 'Send_SMS', arguments: { Recipients: '070 123 00 01', Message: TEXT.send } },
		{ tool: 'Send_SMS', arguments: { Recipients: `+${CUSTOMER.send}`, Message: TEXT.send } },
		{ say: 'Sent.' },
	],
	approve: [{ tool: 'Send_SMS', arguments: { Recipients: `+${CUSTOMER.approve}`, Message: TEXT.approve } }, { say: 'Sent after approval.' }],
	refuse: [{ tool: 'Send_SMS', arguments: { Recipients: `+${CUSTOMER.refuse}`, Message: TEXT.refuse } }, { say: 'The approver refused; nothing was sent.' }],
};

/** examples/ai-agent-sms.json as a workflow started by POST /webhook/<path>, with its own ids. */
function agentWorkflow(id, path, { gated = true, reviewMessage } = {}) {
	const example = JSON.parse(readFileSync(join(repoRoot, 'examples', 'ai-agent-sms.json'), 'utf8').replaceAll('"n8n-nodes-ip1sms.ip1Sms', '"CUSTOM.ip1Sms'));
	const nodes = example.nodes
		.filter((node) => gated || node.name !== 'Approve by SMS')
		.map((node) => ({ ...node, id: `${id}-${node.id.slice(-4)}`, ...(node.webhookId ? { webhookId: `${id}-${node.webhookId.slice(-4)}` } : {}) }));
	const chat = nodes.findIndex((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	nodes[chat] = { ...nodes[chat], name: 'Start', type: 'n8n-nodes-base.webhook', typeVersion: 2, parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' } };
	const agent = nodes.find((node) => node.name === 'AI Agent');
	agent.parameters = { promptType: 'define', text: '={{ $json.body.chatInput }}', options: { ...agent.parameters.options, enableStreaming: false } };
	nodes.find((node) => node.name === 'OpenAI Chat Model').credentials = { openAiApi: OPENAI_CREDENTIAL };
	if (reviewMessage) nodes.find((node) => node.name === 'Approve by SMS').parameters.message = reviewMessage;
	const connections = { ...example.connections, Start: example.connections['When chat message received'] };
	delete connections['When chat message received'];
	if (!gated) {
		connections['Send SMS'] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
		delete connections['Approve by SMS'];
	}
	return { ...example, id, name: `E2E agent ${path}`, nodes, connections };
}

async function latestExecution(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = (await rest.get(`/rest/executions?filter=${filter}&limit=5`)).json;
	return (data.results ?? data)[0];
}

async function waitForStatus(rest, workflowId, status, timeoutMs = 60_000) {
	return await waitFor(`${workflowId} to be ${status}`, async () => {
		const execution = await latestExecution(rest, workflowId);
		if (execution && ['error', 'crashed'].includes(execution.status) && execution.status !== status) throw new Error(`${workflowId} ended ${execution.status} (execution ${execution.id})`);
		return execution?.status === status ? execution : null;
	}, { timeoutMs });
}

async function agentOutput(rest, flatted, id) {
	const execution = (await rest.get(`/rest/executions/${id}`)).json.data;
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return data.resultData.runData['AI Agent'].at(-1).data.main[0][0].json.output;
}

async function ask(baseUrl, path, chatInput) {
	const res = await fetch(`${baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chatInput }) });
	await res.arrayBuffer();
	if (res.status !== 200) throw new Error(`POST /webhook/${path} answered ${res.status}`);
}

/** The scripted model, the sandbox and n8n with the agent workflows active; everything is kept in `world` for the clean-up. */
async function setUp(version, world) {
	const n8n = await ensureN8n(version);
	world.model = await startScriptedModel(SCRIPTS);
	const { startSandbox } = await loadSandbox();
	world.sandbox = await startSandbox({ rateLimitPerSecond: 30, clock: 'manual' });
	const home = { token: world.sandbox.token, control: world.sandbox.control, url: world.sandbox.url };
	world.userFolder = makeTempDir(`ip1-e2e-agent-${version}-`);
	const env = n8nEnv(n8n, { userFolder: world.userFolder, port: await freePort(), extra: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
	const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	writeJson(join(world.userFolder, 'import', 'credentials.json'), [
		...credentialFile({ apiToken: home.token, baseUrl: home.url }),
		{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-scripted-e2e', url: world.model.url } },
	]);
	writeJson(join(world.userFolder, 'import', 'workflows.json'), [
		triggerWorkflow('e2eAgentRoute01', 'E2E inbound (reply route)', { webhookId: TRIGGER_HOOK, parameters: { events: ['inboundSms'] } }),
		agentWorkflow('e2eAgentSend001', 'agent-send', { gated: false }),
		agentWorkflow('e2eAgentApprove', 'agent-approve'),
		agentWorkflow('e2eAgentRefuse1', 'agent-refuse', { reviewMessage: REFUSE_MESSAGE }),
	]);
	for (const [what, file] of [['credentials', 'credentials.json'], ['workflow', 'workflows.json']]) {
		const r = await n8nCli(n8n, [`import:${what}`, '--input', join(world.userFolder, 'import', file)], { env: cliEnv });
		if (r.code !== 0) throw new Error(`import:${what} exited ${r.code}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
	}
	world.server = await startN8n(n8n, env, { logFile: join(world.userFolder, 'n8n-start.log') });
	const rest = new N8nRest(world.server.baseUrl);
	await rest.ownerAndLogin();
	for (const id of ['e2eAgentRoute01', 'e2eAgentSend001', 'e2eAgentApprove', 'e2eAgentRefuse1']) await rest.activateWorkflow(id);
	await waitFor('IncomingCallbackUrl', () => home.control.state(home.token).settings.IncomingCallbackUrl?.includes(TRIGGER_HOOK), { timeoutMs: 30_000 });
	return { home, rest, flatted: requireFromN8n(n8n, 'flatted'), server: world.server, model: world.model };
}

/** The send, the approval and the refusal, with what the model and the sandbox saw. */
async function agentTests(suite, { home, rest, flatted, server, model }) {
	const smsTo = (number) => home.control.state(home.token).messages.filter((m) => m.recipient === number && String(m.direction).toLowerCase() !== 'mo');
	const inject = async (from, body) => {
		await home.control.injectInbound({ from, body });
		await home.control.settle();
	};
	const requestsOf = (tag) => model.requests.filter((r) => r.tag === tag);

	await suite.test('the model gets the tool with the $fromAI keys and their descriptions (not the node\'s parameter descriptions)', async () => {
		await ask(server.baseUrl, 'agent-send', `Remind 070-123 00 01 of tomorrow's appointment. [script:send]`);
		await waitForStatus(rest, 'e2eAgentSend001', 'success');
		const tool = requestsOf('send')[0].body.tools.find((t) => t.function.name === 'Send_SMS').function;
		process.stdout.write(`    tool as the model got it: ${JSON.stringify(tool)}\n`);
		assert.deepEqual(Object.keys(tool.parameters.properties).sort(), ['Message', 'Recipients']);
		assert.match(tool.parameters.properties.Recipients.description, /international format/);
		assert.match(tool.parameters.properties.Message.description, /2,000 characters/);
		assert.match(tool.description, /^Sends one SMS with iP\.1/);
	});

	await suite.test('send: a national number comes back as an error the model can act on; the retry in +46 format is sent once', async () => {
		const [, retry] = requestsOf('send');
		const [content] = toolResults(retry);
		process.stdout.write(`    the model got for "070 123 00 01": ${content}\n`);
		const [{ error }] = JSON.parse(content); // n8n hands the model [{ error: <the error's message> }]
		assert.match(error, /"Recipients" has an invalid phone number: "070 123 00 01" is a national number/);
		assert.match(error, /international format: \+ and the country code/);
		assert.doesNotMatch(error, /Item 0|Default Country Code/);
		const sent = smsTo(CUSTOMER.send);
		assert.deepEqual(sent.map((m) => m.body), [TEXT.send]);
		assert.equal(home.control.state(home.token).batches.length, 1, 'one batch: nothing went out for the refused number');
		const execution = await latestExecution(rest, 'e2eAgentSend001');
		assert.equal(await agentOutput(rest, flatted, execution.id), 'Sent.');
	});

	await suite.test('approval: nothing is sent before the approver answers; the approval SMS is readable; "JA" sends it', async () => {
		await ask(server.baseUrl, 'agent-approve', 'Tell Anna her appointment moved to Tuesday 14:00. [script:approve]');
		const waiting = await waitForStatus(rest, 'e2eAgentApprove', 'waiting');
		const [question] = smsTo(APPROVER);
		process.stdout.write(`    approval SMS as received:\n${question?.body.replace(/^/gm, '      | ')}\n`);
		assert.equal(question.body, `Approve? The AI agent wants to run "Send SMS":\nRecipients: +${CUSTOMER.approve}\nMessage: ${TEXT.approve}\nReply YES or JA to approve, NO or NEJ to refuse.`);
		assert.doesNotMatch(question.body, /\[object Object\]/);
		assert.deepEqual(smsTo(CUSTOMER.approve), [], 'nothing sent before the approval');
		await inject(APPROVER, 'JA');
		await waitForStatus(rest, 'e2eAgentApprove', 'success');
		assert.deepEqual(smsTo(CUSTOMER.approve).map((m) => m.body), [TEXT.approve]);
		const [result] = toolResults(requestsOf('approve')[1]);
		assert.match(result, new RegExp(`"to":"${CUSTOMER.approve}"`), `the model got the send's output: ${result}`);
		assert.equal(await agentOutput(rest, flatted, waiting.id), 'Sent after approval.');
	});

	await suite.test('refusal: "NEJ" sends nothing, and the model is told; a written message with $tool.parameters.<key> reads well', async () => {
		const before = smsTo(APPROVER).length;
		await ask(server.baseUrl, 'agent-refuse', 'Send everyone our discount. [script:refuse]');
		const waiting = await waitForStatus(rest, 'e2eAgentRefuse1', 'waiting');
		const question = smsTo(APPROVER)[before];
		process.stdout.write(`    approval SMS as received: ${JSON.stringify(question?.body)}\n`);
		assert.equal(question.body, `SMS till +${CUSTOMER.refuse}: "${TEXT.refuse}". Svara JA eller NEJ.`);
		await inject(APPROVER, 'NEJ');
		await waitForStatus(rest, 'e2eAgentRefuse1', 'success');
		assert.deepEqual(smsTo(CUSTOMER.refuse), [], 'nothing sent');
		const [result] = toolResults(requestsOf('refuse')[1]);
		assert.match(result, /rejected the tool call/, `the model was told: ${result}`);
		assert.equal(await agentOutput(rest, flatted, waiting.id), 'The approver refused; nothing was sent.');
	});
}

export async function runAgent(version) {
	const suite = new Suite(`n8n ${version} AI agent`);
	const world = {};
	try {
		await agentTests(suite, await setUp(version, world));
	} catch (error) {
		suite.fail('setup', error);
	} finally {
		if (world.server) await stopGroup(world.server.child);
		await world.sandbox?.close();
		await world.model?.close();
	}
	if (suite.failed === 0 && world.userFolder) rmSync(world.userFolder, { recursive: true, force: true });
	else if (world.userFolder) process.stdout.write(`e2e agent: n8n user folder kept: ${world.userFolder}\n`);
	return suite;
}

/** n8n's AI Agent runs tool calls as engine requests and has human-review tools from 2.x on. */
export function agentSupported(version) {
	return Number(version.split('.')[0]) >= 2;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(runAgent);
