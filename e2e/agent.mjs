// End-to-end test of the nodes as AI-agent tools in the REAL n8n 2.x: n8n's AI Agent with the OpenAI
// Chat Model node pointed at a scripted chat-completions server on 127.0.0.1 (e2e/scriptedModel.mjs)
// sends through the iP.1 SMS tool (ip1SmsTool), and holds a send behind the human-review tool
// (ip1SmsHitlTool) until the approver answers by SMS through the sandbox: "JA" sends it, "NEJ" sends
// nothing. The agent workflows are examples/ai-agent-sms.json with a Webhook instead of the Chat Trigger.
// Run by e2e/run.mjs for n8n 2.x, or alone: node e2e/agent.mjs [--n8n 2.41.1]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../scripts/n8n-runtime.mjs';
import { Suite, assert, runAlone, waitFor } from './harness.mjs';
import { withN8n } from './n8nWorld.mjs';
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

/** The scripted model and n8n with the agent workflows active (the world closes the model too). */
async function setUp(world) {
	const model = await startScriptedModel(SCRIPTS);
	world.onClose(() => model.close());
	const { home } = world;
	await world.import({
		credentials: [
			...credentialFile({ apiToken: home.token, baseUrl: home.url }),
			{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-scripted-e2e', url: model.url } },
		],
		workflows: [
			triggerWorkflow('e2eAgentRoute01', 'E2E inbound (reply route)', { webhookId: TRIGGER_HOOK, parameters: { events: ['inboundSms'] } }),
			agentWorkflow('e2eAgentSend001', 'agent-send', { gated: false }),
			agentWorkflow('e2eAgentApprove', 'agent-approve'),
			agentWorkflow('e2eAgentRefuse1', 'agent-refuse', { reviewMessage: REFUSE_MESSAGE }),
		],
	});
	const { rest, flatted, server } = await world.start();
	for (const id of ['e2eAgentRoute01', 'e2eAgentSend001', 'e2eAgentApprove', 'e2eAgentRefuse1']) await rest.activateWorkflow(id);
	await waitFor('IncomingCallbackUrl', () => home.control.state(home.token).settings.IncomingCallbackUrl?.includes(TRIGGER_HOOK), { timeoutMs: 30_000 });
	return { home, rest, flatted, server, model };
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
	await withN8n(suite, version, { folder: 'agent', sandbox: { rateLimitPerSecond: 30, clock: 'manual' } }, async (world) => {
		await agentTests(suite, await setUp(world));
	}, { failName: 'setup' });
	return suite;
}

/** n8n's AI Agent runs tool calls as engine requests and has human-review tools from 2.x on. */
export function agentSupported(version) {
	return Number(version.split('.')[0]) >= 2;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(runAgent);
