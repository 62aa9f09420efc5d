#!/usr/bin/env node
// `npm run e2e:optout [-- --n8n <version>[,<version>]]`: opt-out and quiet hours in the real n8n
// (default 2.41.1 and 1.123.81).
//
// One active workflow "iP.1 SMS Trigger (Handle Opt-Out Keywords) → iP.1 SMS Send (reply to the sender,
// Append Opt-Out Text, Quiet Hours 21:00–08:00 Europe/Stockholm)". Two SMS are injected at the sandbox,
// which posts them to the account's IncomingCallbackUrl (n8n's real webhook endpoint):
// - "Stopp!" → the sender is on the sandbox account's blacklist, the execution's trigger item has
//   event "optOut" and blacklisted true;
// - "Hello"  → event "inboundSms", nobody blacklisted; the reply went out with the opt-out line and the
//   delivery windows of the quiet hours, both shown in the Send output.
// Builds dist in this checkout (run it from your own worktree when others build too). Exit 0 = all passed.
import { DEFAULT_N8N_VERSION, LEGACY_N8N_VERSION } from '../scripts/n8n-install.mjs';
import { buildPackage } from '../scripts/n8n-runtime.mjs';
import { Suite, assert, waitFor } from './harness.mjs';
import { withN8n } from './n8nWorld.mjs';
import { ACTION_TYPE, CREDENTIAL, credentialFile, triggerWorkflow } from './workflows.mjs';

const args = process.argv.slice(2);
const versions = args.includes('--n8n') ? args[args.indexOf('--n8n') + 1].split(',') : [DEFAULT_N8N_VERSION, LEGACY_N8N_VERSION];
const OPT_OUT_LINE = 'Svara STOPP för att avsluta';
const WORKFLOW_ID = 'e2eOptOutQuiet01';
const HOOK_ID = 'a1b2c3d4-0000-4000-8000-00000000e2f1';
const OPTED_OUT = '46703300001';
const CUSTOMER = '46703300002';

/** The trigger workflow with a Send node after it that answers the sender. */
function optOutWorkflow() {
	const workflow = triggerWorkflow(WORKFLOW_ID, 'E2E opt-out and quiet hours', {
		webhookId: HOOK_ID,
		parameters: { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver', handleOptOut: true },
	});
	const trigger = workflow.nodes[0];
	workflow.nodes = [trigger];
	workflow.nodes.push({
		id: 'e2e-optout-send',
		name: 'Reply',
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [trigger.position[0] + 300, trigger.position[1]],
		parameters: {
			resource: 'sms',
			operation: 'send',
			sender: 'Acme',
			recipients: '={{ $json.sender }}',
			message: 'Thanks, we got your message.',
			options: {
				optOutText: OPT_OUT_LINE,
				quietHours: { hours: { from: '21:00', until: '08:00', timeZone: 'Europe/Stockholm' } },
			},
		},
		credentials: { ip1SmsApi: CREDENTIAL },
	});
	workflow.connections = { [trigger.name]: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } };
	return workflow;
}

/** The run data of every finished execution of the workflow. */
async function finishedRuns(rest, flatted) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
	const { data } = (await rest.get(`/rest/executions?filter=${filter}&limit=100`)).json;
	const runs = [];
	for (const execution of data.results ?? data) {
		if (execution.status !== 'success') continue;
		const full = (await rest.get(`/rest/executions/${execution.id}`)).json.data;
		runs.push({ text: JSON.stringify(full), runData: (typeof full.data === 'string' ? flatted.parse(full.data) : full.data).resultData.runData });
	}
	return runs;
}

const outputOf = (runData, node) => runData[node][0].data.main[0].map((item) => item.json);

/** The first value under `key` anywhere (the Send output's shape may nest it). */
function find(value, key) {
	if (!value || typeof value !== 'object') return undefined;
	if (!Array.isArray(value) && key in value) return value[key];
	for (const entry of Object.values(value)) {
		const found = find(entry, key);
		if (found !== undefined) return found;
	}
	return undefined;
}

async function runVersion(version) {
	const suite = new Suite(`opt-out e2e, n8n ${version}`);
	await withN8n(suite, version, { folder: 'optout', sandbox: { seedDemoData: true, clock: 'manual' } }, async (world) => {
		const { control, token, url } = world.home;
		await world.import({ credentials: credentialFile({ apiToken: token, baseUrl: url }), workflows: [optOutWorkflow()] });
		const { rest, flatted } = await world.start();
		const inboundUrl = `${world.baseUrl}/webhook/${HOOK_ID}/ip1sms`;

		await suite.test('activating the trigger points IncomingCallbackUrl at n8n', async () => {
			await rest.activateWorkflow(WORKFLOW_ID);
			await waitFor('IncomingCallbackUrl', () => control.state(token).settings.IncomingCallbackUrl?.startsWith(`${inboundUrl}?secret=`), { timeoutMs: 30_000 });
		});

		await suite.test('"Stopp!" blacklists the sender and starts the workflow with event optOut; "Hello" is an ordinary inbound SMS', async () => {
			await control.injectInbound({ from: OPTED_OUT, body: 'Stopp!' });
			await control.injectInbound({ from: CUSTOMER, body: 'Hello' });
			await control.settle();
			const deliveries = control.webhookDeliveries.filter((d) => d.kind === 'inbound' && d.url.startsWith(inboundUrl));
			assert.deepEqual(deliveries.map((d) => d.status), [200, 200], 'n8n answered each inbound SMS with 200');
			const runs = await waitFor('2 executions', async () => {
				const found = await finishedRuns(rest, flatted);
				return found.length >= 2 ? found : null;
			});
			const triggerItems = runs.flatMap((run) => outputOf(run.runData, 'iP.1 SMS Trigger'));
			const bySender = Object.fromEntries(triggerItems.map((item) => [item.sender, item]));
			assert.equal(bySender[OPTED_OUT]?.event, 'optOut', JSON.stringify(triggerItems).slice(0, 800));
			assert.equal(bySender[OPTED_OUT].optOutKeyword, 'STOPP');
			assert.equal(bySender[OPTED_OUT].blacklisted, true);
			assert.equal(bySender[CUSTOMER]?.event, 'inboundSms');
			assert.equal(bySender[CUSTOMER].blacklisted, undefined);
			assert.deepEqual(control.state(token).blacklist.map((entry) => entry.msisdn), [OPTED_OUT]);

			const reply = runs.map((run) => outputOf(run.runData, 'Reply')).flat().find((item) => JSON.stringify(item).includes(CUSTOMER));
			assert.ok(reply, 'the reply to the customer has an output');
			assert.equal(find(reply, 'text'), `Thanks, we got your message.\n${OPT_OUT_LINE}`);
			// Simplify (the default) shows quiet hours flat: '21:00–08:00 Europe/Stockholm'.
			assert.equal(find(reply, 'quietHours'), '21:00–08:00 Europe/Stockholm');
			const sent = control.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batches').map((r) => r.body);
			const toCustomer = sent.find((body) => JSON.stringify(body.recipients).includes(CUSTOMER));
			assert.equal(toCustomer.body, `Thanks, we got your message.\n${OPT_OUT_LINE}`);
			assert.ok(toCustomer.deliveryWindows.length >= 7, `${toCustomer.deliveryWindows.length} delivery windows`);
			// Simplify keeps the windows out of the item and shows when sending can start: the first window's
			// opening, or now when that window is already open.
			const nextSendingAt = Date.parse(find(reply, 'nextSendingAt'));
			const firstWindow = toCustomer.deliveryWindows[0];
			assert.ok(nextSendingAt >= Date.parse(firstWindow.opens) && nextSendingAt < Date.parse(firstWindow.closes),
				`nextSendingAt ${find(reply, 'nextSendingAt')} lies in the first delivery window ${JSON.stringify(firstWindow)}`);
			assert.equal(find(reply, 'deliveryWindows'), undefined, 'the windows are request detail, not in the simplified item');
			for (const run of runs) assert.ok(!run.text.includes(token), 'the API token is not in the execution');
		});
	});
	return suite;
}

async function main() {
	await buildPackage();
	let passed = 0;
	let failed = 0;
	for (const version of versions) {
		const suite = await runVersion(version);
		passed += suite.passed;
		failed += suite.failed;
	}
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
