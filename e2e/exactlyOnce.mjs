// End-to-end tests of "exactly once" in the REAL n8n: n8n's own node setting Retry On Fail, and n8n's
// Retry of a failed execution from the executions list (POST /rest/executions/:id/retry), against
// faults injected at the sandbox; every case counts the SMS each recipient got there. Run by
// e2e/run.mjs (its own n8n and sandbox), or alone: node e2e/exactlyOnce.mjs --n8n 2.41.1
import { Suite, assert, runAlone, waitFor } from './harness.mjs';
import { withN8n } from './n8nWorld.mjs';
import { chainWorkflow, credentialFile, webhookStart } from './workflows.mjs';

const SEND = { resource: 'sms', operation: 'send', sender: { __rl: true, mode: 'name', value: 'iP1' } };
const RETRY_ON_FAIL = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 };
/** The first conversation reads fail (a 500 on each of the transport's 3 attempts): one lookup cannot tell. */
const LOOKUP_FAILS = { method: 'GET', pathRegex: '^/v2/conversations/', kind: 'status', status: 500, times: 3 };

/** A workflow "Webhook (POST /webhook/<path>) → <items> → iP.1 SMS Send", the send's node settings as given. */
function sendWorkflow(id, path, { items, parameters, settings = {} }) {
	const start = webhookStart(id, path, 'lastNode');
	const code = `return ${JSON.stringify(items.map((json) => ({ json })))};`;
	const workflow = chainWorkflow(id, `E2E ${id}`, [
		{ name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, executeOnce: false, parameters: { jsCode: code } },
		{ name: 'Send', executeOnce: false, parameters: { ...SEND, ...parameters } },
	], { start });
	Object.assign(workflow.nodes.find((node) => node.name === 'Send'), settings);
	return workflow;
}

// A batch per item (Combine Items off): the fault hits the second item's own POST.
const PER_ITEM = { recipients: '={{ $json.phones }}', message: '={{ $json.text }}', options: { combineItems: false } };
// The default: the 3 items' 6 recipients in 2 shared requests of 3 (texts of two items in each).
const COMBINED = { recipients: '={{ $json.phones }}', message: '={{ $json.text }}', options: { recipientsPerRequest: 3 } };
const items = (prefix, count) => Array.from({ length: count }, (_, index) => ({ phones: `${prefix}${index}01, ${prefix}${index}02`, text: `Alert ${index}` }));

const CASES = {
	applied500: sendWorkflow('e2eOnce500', 'once-500', { items: items('46705100', 3), parameters: PER_ITEM, settings: RETRY_ON_FAIL }),
	lookupFails: sendWorkflow('e2eOnceLookup', 'once-lookup', { items: items('46705200', 3), parameters: PER_ITEM, settings: RETRY_ON_FAIL }),
	combined500: sendWorkflow('e2eOnceCombined', 'once-combined', { items: items('46705600', 3), parameters: COMBINED, settings: RETRY_ON_FAIL }),
	refusedOnce: sendWorkflow('e2eOnceRefused', 'once-refused', { items: items('46705500', 3), parameters: PER_ITEM, settings: RETRY_ON_FAIL }),
	executionRetry: sendWorkflow('e2eOnceRetry', 'once-retry', { items: items('46705300', 3), parameters: PER_ITEM }),
	personalisedRetry: sendWorkflow('e2eOnceChunks', 'once-chunks', {
		items: Array.from({ length: 9 }, (_, index) => ({ phone: `4670540000${index}`, name: `P${index}` })),
		parameters: {
			mode: 'personalised',
			recipients: '={{ $json.phone }}',
			message: 'Hi {name}',
			personalisation: { values: [{ name: 'name', value: '={{ $json.name }}' }] },
			options: { recipientsPerRequest: 3 },
		},
	}),
};

async function post(baseUrl, path) {
	const res = await fetch(`${baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	await res.arrayBuffer();
	return res.status;
}

/** The error an execution ended with, for assertion messages. */
async function errorOf(rest, flatted, id) {
	const execution = (await rest.get(`/rest/executions/${id}`)).json.data;
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	const error = data?.resultData?.error;
	return error ? `${error.message} — ${error.description ?? ''}` : '(no error)';
}

async function executionsOf(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = (await rest.get(`/rest/executions?filter=${filter}&limit=20`)).json;
	return data.results ?? data;
}

async function finished(rest, workflowId, count) {
	return await waitFor(`${count} finished execution(s) of ${workflowId}`, async () => {
		const list = await executionsOf(rest, workflowId);
		const done = list.filter((execution) => ['success', 'error', 'crashed'].includes(execution.status));
		return done.length >= count ? done : null;
	}, { timeoutMs: 120_000 });
}

/** SMS per recipient among the given numbers, at the sandbox. */
function received(home, prefix) {
	const counts = {};
	for (const message of home.control.state(home.token).messages) {
		if (message.recipient.startsWith(prefix)) counts[message.recipient] = (counts[message.recipient] ?? 0) + 1;
	}
	return counts;
}

function recipientsOf(workflow) {
	const code = workflow.nodes.find((node) => node.name === 'Items').parameters.jsCode;
	const list = JSON.parse(code.slice('return '.length, -1));
	return list.flatMap(({ json }) => (json.phones ? json.phones.split(', ') : [json.phone]));
}

/** The fault really met a request (a test that never reaches it would pass for nothing). */
function assertFaultMet(home) {
	const met = home.control.requests.filter((request) => request.fault && !String(request.fault).startsWith('latency'));
	assert.ok(met.length > 0, 'the injected fault met a request');
}

function assertEachOnce(home, workflow, prefix) {
	assertFaultMet(home);
	const expected = Object.fromEntries(recipientsOf(workflow).map((recipient) => [recipient, 1]));
	assert.deepEqual(received(home, prefix), expected, 'each recipient got exactly one SMS');
}

/** Faults on the Nth POST /v2/batches: the earlier ones pass (a zero latency fault is used up by each). */
function faultOnPost(home, n, fault) {
	for (let before = 1; before < n; before++) home.control.addFault({ method: 'POST', path: '/v2/batches', kind: 'latency', ms: 0 });
	home.control.addFault({ method: 'POST', path: '/v2/batches', ...fault });
}

export async function runExactlyOnce(version, { smoke = false } = {}) {
	const suite = new Suite(`n8n ${version} exactly once`, { smoke });
	await withN8n(suite, version, { folder: 'once', sandbox: { rateLimitPerSecond: 30, clock: 'manual' } }, async (world) => {
		const { home } = world;
		await world.import({ credentials: credentialFile({ apiToken: home.token, baseUrl: home.url }), workflows: Object.values(CASES) });
		const { rest, flatted } = await world.start();
		for (const workflow of Object.values(CASES)) await rest.activateWorkflow(workflow.id);

		await suite.test('Retry On Fail on, the second POST answered 500 after iP.1 took it: one SMS per recipient, success', async () => {
			home.control.clearFaults();
			home.control.clearRequests();
			faultOnPost(home, 2, { kind: 'status', status: 500, process: true });
			await post(world.baseUrl, 'once-500');
			const [execution] = await finished(rest, 'e2eOnce500', 1);
			assert.equal(execution.status, 'success', await errorOf(rest, flatted, execution.id));
			assertEachOnce(home, CASES.applied500, '46705100');
		}, { smoke: true });

		await suite.test('Retry On Fail on, the POST dropped after iP.1 took it and the lookup failing once: the next try finds it; one SMS each', async () => {
			home.control.clearFaults();
			home.control.clearRequests();
			faultOnPost(home, 2, { kind: 'drop', process: true });
			home.control.addFault({ ...LOOKUP_FAILS, path: new RegExp(LOOKUP_FAILS.pathRegex) });
			await post(world.baseUrl, 'once-lookup');
			const [execution] = await finished(rest, 'e2eOnceLookup', 1);
			assert.equal(execution.status, 'success', await errorOf(rest, flatted, execution.id));
			assertEachOnce(home, CASES.lookupFails, '46705200');
		});

		await suite.test('Retry On Fail on, items combined into 2 shared requests, the second answered 500 after iP.1 took it: one SMS each, success', async () => {
			home.control.clearFaults();
			home.control.clearRequests();
			faultOnPost(home, 2, { kind: 'status', status: 500, process: true });
			await post(world.baseUrl, 'once-combined');
			const [execution] = await finished(rest, 'e2eOnceCombined', 1);
			assert.equal(execution.status, 'success', await errorOf(rest, flatted, execution.id));
			assertEachOnce(home, CASES.combined500, '46705600');
		});

		await suite.test('Retry On Fail on, the second POST refused (400) once: the next try sends only what the first did not; one SMS each', async () => {
			home.control.clearFaults();
			home.control.clearRequests();
			faultOnPost(home, 2, { kind: 'status', status: 400 });
			await post(world.baseUrl, 'once-refused');
			const [execution] = await finished(rest, 'e2eOnceRefused', 1);
			assert.equal(execution.status, 'success', await errorOf(rest, flatted, execution.id));
			assertEachOnce(home, CASES.refusedOnce, '46705500');
		});

		for (const [key, id, path, prefix] of [
			['executionRetry', 'e2eOnceRetry', 'once-retry', '46705300'],
			['personalisedRetry', 'e2eOnceChunks', 'once-chunks', '4670540'],
		]) {
			await suite.test(`${id}: a failed execution retried from the executions list (POST /rest/executions/:id/retry) sends each recipient one SMS in all`, async () => {
				home.control.clearFaults();
				home.control.clearRequests();
				faultOnPost(home, 2, { kind: 'drop', process: true });
				home.control.addFault({ ...LOOKUP_FAILS, path: new RegExp(LOOKUP_FAILS.pathRegex) });
				await post(world.baseUrl, path);
				const [failed] = await finished(rest, id, 1);
				assert.equal(failed.status, 'error', 'the first execution fails: the lookup could not tell');
				const sentBefore = Object.keys(received(home, prefix)).length;
				assert.ok(sentBefore > 0 && Object.values(received(home, prefix)).every((count) => count === 1), `part was sent, nothing twice: ${JSON.stringify(received(home, prefix))} ${await errorOf(rest, flatted, failed.id)}`);
				const retried = (await rest.post(`/rest/executions/${failed.id}/retry`, { loadWorkflow: false })).json.data;
				const done = await waitFor('the retried execution', async () => {
					const list = await executionsOf(rest, id);
					const execution = list.find((entry) => String(entry.retryOf) === String(failed.id) && entry.status !== 'running' && entry.status !== 'new');
					return execution ?? null;
				}, { timeoutMs: 120_000 });
				assert.equal(done.status, 'success', `the retry (${retried?.id ?? done.id}) succeeds: ${await errorOf(rest, flatted, done.id)}`);
				assert.equal(done.mode, 'retry');
				assertEachOnce(home, CASES[key], prefix);
			});
		}
	}, { failName: 'exactly-once suite set-up' });
	return suite;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(runExactlyOnce);
