#!/usr/bin/env node
// End-to-end tests in the REAL n8n application (not n8n-core in jest) against the iP.1 sandbox.
//
//   npm run e2e                       n8n 2.41.1 (Node 24) and n8n 1.85.4, the oldest supported (Node 20), in full;
//                                     n8n 1.123.81 (the last 1.x) as a smoke run (`-- --full`: in full too)
//   node e2e/run.mjs --n8n 2.41.1     one version in full (IP1_E2E_N8N=2.41.1 does the same); add --smoke for its smoke set
//   node e2e/agent.mjs                the AI-agent suite alone (2.x; run.mjs runs it for 2.41.1); likewise
//                                     e2e/twoway.mjs, e2e/exactlyOnce.mjs, e2e/packed.mjs [--n8n <version>] [--smoke]
//
// Every suite gets its n8n, sandbox and user folder from e2e/n8nWorld.mjs (the one start-up and teardown).
// Per version: install n8n into the cache if needed; import a credential and the action workflows
// with the n8n CLI and run each with `n8n execute --id … --rawOutput`; then `n8n start`, log in,
// activate trigger workflows through the REST API, let the sandbox deliver inbound SMS and delivery
// reports to n8n's real webhook endpoint, read the executions back through the REST API, fire a
// burst of 500 webhook deliveries with duplicates, deactivate, and look for the bearer token in
// everything n8n wrote. Prints "N passed, N failed"; exits 1 on any failure.
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_N8N_VERSION, FLOOR_N8N_VERSION, LEGACY_N8N_VERSION } from '../scripts/n8n-install.mjs';
import { buildPackage, repoRoot } from '../scripts/n8n-runtime.mjs';
import { actionCases, caseWorkflow, errorCase, outputOf } from './actionCases.mjs';
import { agentSupported, runAgent } from './agent.mjs';
import { Suite, assert, mapLimit, waitFor } from './harness.mjs';
import { runExactlyOnce } from './exactlyOnce.mjs';
import { withN8n } from './n8nWorld.mjs';
import { runPacked } from './packed.mjs';
import { runTwoWay, twoWaySupported } from './twoway.mjs';
import { chainWorkflow, credentialFile, triggerWorkflow } from './workflows.mjs';

const WRONG_TOKEN = 'ip1-e2e-wrong-token-7f3a9c2e1b';
const PREVIOUS_CALLBACK = 'https://example.org/previous-inbound-callback';
const DLR_SECRET = 'e2e-dlr-secret-0123456789abcdef';

/**
 * The n8n versions to run and which of them run only the smoke set. Default (`npm run e2e`, CI): the
 * newest (2.41.1) and the oldest (1.85.4) in full, the middle one (1.123.81) as a smoke run, or in full
 * with `--full`. `--n8n 2.41.1[,1.85.4]` (or IP1_E2E_N8N) runs those in full, or as smoke runs with `--smoke`.
 */
function versionPlan() {
	const args = process.argv.slice(2);
	const i = args.indexOf('--n8n');
	const raw = (i >= 0 ? args[i + 1] : process.env.IP1_E2E_N8N) || 'all';
	if (raw !== 'all') return raw.split(',').map((version) => ({ version, smoke: args.includes('--smoke') }));
	return [
		{ version: DEFAULT_N8N_VERSION, smoke: false },
		{ version: LEGACY_N8N_VERSION, smoke: !args.includes('--full') },
		{ version: FLOOR_N8N_VERSION, smoke: false },
	];
}

/** Why a CLI run failed: exit code (null = killed by a signal), the end of its log and its stderr, without colours. */
function cliExit(r) {
	const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');
	const how = r.code === null ? 'was killed by a signal' : `exited ${r.code}`;
	const tail = (text, lines) => plain(text).trimEnd().split('\n').slice(-lines).join('\n');
	return `${how} after ${r.ms} ms\n--- stderr (end) ---\n${tail(r.stderr, 10)}\n--- stdout (end) ---\n${tail(r.stdout, 8)}`;
}

/** The IRun JSON that `execute --rawOutput` prints after any log lines. */
/**
 * Whether a run printed by `n8n execute --rawOutput` succeeded. n8n 1.85 prints the run before it sets
 * its final status (`status: "running"` with `finished: true`, `stoppedAt` set and no error).
 */
function succeeded(run) {
	if (run.status === 'success') return true;
	return run.status === 'running' && run.finished === true && Boolean(run.stoppedAt) && !run.data?.resultData?.error;
}

function parseRawOutput(output) {
	// With N8N_LOG_LEVEL=debug the CLI prints its JSON through the (coloured) logger.
	const stdout = output.replace(/\x1b\[[0-9;]*m/g, '');
	const start = stdout.search(/\{\n {2}"data": \{/);
	if (start < 0) throw new Error(`no JSON in execute output:\n${stdout.slice(-2000)}`);
	const text = stdout.slice(start);
	const end = text.search(/^\}/m);
	return JSON.parse(text.slice(0, end + 1));
}

/** examples/*.json as `npm run dev` imports them, with the delivery-report URL on this run's n8n port. */
function exampleWorkflows(port) {
	const dir = join(repoRoot, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) =>
			JSON.parse(
				readFileSync(join(dir, f), 'utf8')
					.replaceAll('"n8n-nodes-ip1sms.ip1Sms', '"CUSTOM.ip1Sms')
					.replaceAll('http://127.0.0.1:5678/', `http://127.0.0.1:${port}/`),
			),
		);
}

function resourcesOfNode() {
	const { Ip1Sms } = requireDist('nodes/Ip1Sms/Ip1Sms.node.js');
	return new Ip1Sms().description.properties.find((p) => p.name === 'resource').options.map((o) => o.value);
}

function requireDist(path) {
	// The e2e runner is ESM; the package is CommonJS.
	return globalThis.__ip1Require(join(repoRoot, 'dist', path));
}

/** Every file under `dir` (the n8n user folder: database, config, logs). */
function filesUnder(dir) {
	const out = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		const stat = statSync(path);
		if (stat.isDirectory()) out.push(...filesUnder(path));
		else out.push(path);
	}
	return out;
}

/** Every execution of a workflow (the REST API pages by 100, newest first, with lastId). */
async function executions(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const all = [];
	let position = '';
	for (;;) {
		const res = await rest.get(`/rest/executions?filter=${filter}&limit=100${position}`);
		const data = res.json.data;
		const page = data.results ?? data;
		all.push(...page);
		if (page.length < 100) return all;
		// 2.x pages with an opaque cursor, 1.x with the last id seen.
		if ('nextCursor' in data) {
			if (!data.nextCursor) return all;
			position = `&cursor=${data.nextCursor}`;
		} else position = `&lastId=${page[page.length - 1].id}`;
	}
}

/** How many executions a workflow has, as n8n counts them (1.x's lastId paging can skip one at a page edge). */
async function executionCount(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = (await rest.get(`/rest/executions?filter=${filter}&limit=1`)).json;
	if (typeof data.count === 'number' && !data.estimated) return data.count;
	return (await executions(rest, workflowId)).length;
}

/** Activation registers webhooks in the background: wait until the URL answers something else than 404. */
async function waitForWebhook(url, registered = true) {
	await waitFor(`${url} to be ${registered ? '' : 'un'}registered`, async () => {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		await res.arrayBuffer();
		return registered ? res.status !== 404 : res.status === 404;
	}, { timeoutMs: 30_000 });
}

/** The account's IncomingCallbackUrl, waited for until `predicate` holds. */
async function waitForCallback(control, token, predicate) {
	let value;
	try {
		await waitFor('IncomingCallbackUrl', () => predicate((value = control.state(token).settings.IncomingCallbackUrl)), { timeoutMs: 30_000 });
	} catch {
		// fall through: the assertion after this names the value
	}
	return value;
}

async function executionData(rest, flatted, id) {
	const res = await rest.get(`/rest/executions/${id}`);
	const execution = res.json.data;
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return { execution, data, text: res.text };
}

function triggerOutput(data) {
	return data.resultData.runData['iP.1 SMS Trigger'][0].data.main[0].map((i) => i.json);
}

/** n8n 2.x publishes with POST /activate; 1.x with PATCH { active: true }. */
async function setActive(rest, id, active) {
	// The strict reader: JSON with this id and a versionId, never an HTML page taken for a workflow.
	const workflow = await rest.workflow(id);
	const path = `/rest/workflows/${id}/${active ? 'activate' : 'deactivate'}`;
	const res = await rest.post(path, active ? { versionId: workflow.versionId } : {}, { expect: null });
	if (res.status === 200) return res.data;
	if (res.status !== 404) throw new Error(`${path} answered ${res.status}: ${res.text.slice(0, 500)}`);
	const patched = await rest.patch(`/rest/workflows/${id}`, { active, versionId: workflow.versionId }, { expect: null });
	if (patched.status !== 200) throw new Error(`PATCH active=${active} answered ${patched.status}: ${patched.text.slice(0, 500)}`);
	return patched.data;
}

/** A local HTTP server that answers 200 and keeps what it received (to collect real sandbox payloads). */
async function collector() {
	const received = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			try {
				received.push(JSON.parse(body));
			} catch {
				received.push(body);
			}
			res.writeHead(200).end('OK');
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${server.address().port}/collect`, received, close: () => new Promise((r) => server.close(r)) };
}

async function runVersion(version, { smoke = false } = {}) {
	const suite = new Suite(`n8n ${version}`, { smoke });
	const sandbox = { seedDemoData: true, rateLimitPerSecond: 30, clock: 'manual' };
	const opened = await withN8n(suite, version, { sandbox, env: { N8N_LOG_LEVEL: 'debug' } }, async (world) => {
		const { home, port, timings } = world;

		// ---- Import credentials and workflows with the CLI ----
		const wrongCredential = { id: 'ip1WrongCred0001', name: 'iP.1 wrong token' };
		const credentials = [
			...credentialFile({ apiToken: home.token, baseUrl: home.url }),
			...credentialFile({ apiToken: WRONG_TOKEN, baseUrl: home.url, ...wrongCredential }),
		];
		const inboundHookId = 'a1b2c3d4-0000-4000-8000-00000000e2e1';
		const dlrHookId = 'a1b2c3d4-0000-4000-8000-00000000e2e2';
		const burstHookId = 'a1b2c3d4-0000-4000-8000-00000000e2e3';
		const raceHookId = 'a1b2c3d4-0000-4000-8000-00000000e2e4';
		const workflows = [
			...actionCases.map((c) => caseWorkflow(c)),
			chainWorkflow(errorCase.id, errorCase.name, errorCase.steps, { credential: wrongCredential }),
			triggerWorkflow('e2eInboundTrig01', 'E2E inbound SMS trigger', {
				webhookId: inboundHookId,
				parameters: { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' },
			}),
			triggerWorkflow('e2eInboundRace01', 'E2E inbound SMS during activation', {
				webhookId: raceHookId,
				parameters: { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' },
			}),
			triggerWorkflow('e2eDlrTrigger001', 'E2E delivery report trigger', {
				webhookId: dlrHookId,
				parameters: { events: ['deliveryReport'], deliveryReportSecret: DLR_SECRET, deliveryReportFilter: 'all' },
			}),
			// Version 1, as workflows saved before version 2 keep it (the other triggers are version 2).
			triggerWorkflow('e2eBurstTrigger1', 'E2E webhook burst', {
				webhookId: burstHookId,
				parameters: { events: ['deliveryReport'], deliveryReportSecret: DLR_SECRET, deliveryReportFilter: 'all' },
				typeVersion: 1,
			}),
			chainWorkflow('e2eSendWithDlr01', 'E2E send with delivery reports', [
				{
					name: 'Send',
					parameters: {
						resource: 'sms',
						operation: 'send',
						mode: 'perItem',
						sender: 'Acme',
						recipients: '46702000001, 46702000002, 46702000003',
						message: 'Delivery report test',
						options: { deliveryReportUrl: `http://127.0.0.1:${port}/webhook/${dlrHookId}/ip1sms?secret=${DLR_SECRET}` },
					},
				},
			]),
		];
		workflows.push(...exampleWorkflows(port));
		await world.import({ credentials, workflows });

		// ---- Action node: every resource, through `n8n execute` ----
		await suite.test('every resource of the action node has an e2e workflow', () => {
			const covered = new Set(actionCases.flatMap((c) => c.resources));
			const missing = resourcesOfNode().filter((r) => !covered.has(r));
			assert.deepEqual(missing, [], `resources without an e2e workflow: ${missing.join(', ')}`);
		}, { smoke: true });
		// The smoke set (CI's middle n8n version) sends through the node once.
		const t0 = Date.now();
		for (const c of actionCases) {
			await suite.test(`execute: ${c.name} (${c.resources.join(', ')})`, async () => {
				home.control.clearRequests();
				const r = await world.cli(['execute', '--id', c.id, '--rawOutput'], { stdoutFile: join(world.userFolder, 'import', `execute-${c.id}.out`) });
				assert.equal(r.code, 0, `execute exited ${r.code}:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
				const run = parseRawOutput(r.stdout);
				assert.ok(succeeded(run), `execution status ${run.status}, finished ${run.finished}`);
				c.check(run, { home });
			}, { smoke: c.id === 'e2eMessaging0001' });
		}
		timings.executeAll = Date.now() - t0;

		await suite.test('execute: a wrong token fails with an explanation and without the token', async () => {
			const r = await world.cli(['execute', '--id', errorCase.id, '--rawOutput']);
			assert.notEqual(r.code, 0, 'the run fails');
			const all = r.stdout + r.stderr;
			assert.match(all, /401|refused|token/i, 'the error says what went wrong');
			assert.ok(!all.includes(WRONG_TOKEN), 'the wrong token is not in the error output');
		});

		// ---- The running n8n: triggers through its real webhook endpoint ----
		if (suite.smoke) {
			process.stdout.write(`  - [${suite.label}] the running n8n: triggers, burst, examples, secrecy (not in the smoke set)\n`);
			return;
		}
		const { rest, flatted, server } = await world.start();
		// Every inbound secret the triggers registered (read from the sandbox), looked for at the end.
		const inboundSecrets = new Set();

		// Inbound SMS: the account already points elsewhere; the trigger takes over and restores it.
		await fetch(`${home.url}/v2/me/sms/settings/IncomingCallbackUrl`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${home.token}`, 'content-type': 'application/json' },
			body: JSON.stringify(PREVIOUS_CALLBACK),
		});
		await suite.test('an inbound SMS sent the moment activation registers the callback URL is accepted (200, not 401)', async () => {
			const raceUrl = `${server.baseUrl}/webhook/${raceHookId}/ip1sms`;
			// iP.1 may post as soon as the URL is set, while n8n is still finishing the activation (it
			// saves the workflow's static data only afterwards): send the SMS at that very moment.
			let activationError;
			const activation = setActive(rest, 'e2eInboundRace01', true).catch((error) => (activationError = error));
			const registered = await waitFor(
				'the callback URL to be registered',
				() => {
					if (activationError) throw activationError;
					const value = home.control.state(home.token).settings.IncomingCallbackUrl;
					return value?.startsWith(`${raceUrl}?secret=`) ? value : null;
				},
				{ timeoutMs: 60_000, intervalMs: 1 },
			);
			const injected = home.control.injectInbound({ from: '46703100000', body: 'First after activation' });
			await activation;
			try {
				if (activationError) throw activationError;
				await injected;
				await home.control.settle();
				inboundSecrets.add(new URL(registered).searchParams.get('secret'));
				const statuses = home.control.webhookDeliveries.filter((d) => d.url.startsWith(raceUrl)).map((d) => d.status);
				assert.deepEqual(statuses, [200], 'n8n accepted the first delivery');
				const [execution] = await waitFor('the execution of the first SMS', async () => {
					const list = await executions(rest, 'e2eInboundRace01');
					return list.length >= 1 && list.every((x) => x.status === 'success') ? list : null;
				});
				assert.equal(triggerOutput((await executionData(rest, flatted, execution.id)).data)[0].body, 'First after activation');
			} finally {
				// Gives the callback URL back whatever happened, so the tests after this one start clean.
				await setActive(rest, 'e2eInboundRace01', false);
			}
			assert.equal(await waitForCallback(home.control, home.token, (v) => v === PREVIOUS_CALLBACK), PREVIOUS_CALLBACK);
		});

		const inboundUrl = `${server.baseUrl}/webhook/${inboundHookId}/ip1sms`;
		await suite.test('activating the inbound trigger points IncomingCallbackUrl at n8n (with a secret)', async () => {
			await setActive(rest, 'e2eInboundTrig01', true);
			await waitForWebhook(inboundUrl);
			const setting = await waitForCallback(home.control, home.token, (v) => v?.startsWith(inboundUrl));
			assert.ok(setting?.startsWith(`${inboundUrl}?secret=`), `IncomingCallbackUrl is ${setting?.replace(/secret=.*/, 'secret=…')}`);
			inboundSecrets.add(new URL(setting).searchParams.get('secret'));
			assert.ok(setting.length > `${inboundUrl}?secret=`.length + 20, 'the secret is long');
		});

		await suite.test('inbound SMS injected at the sandbox start executions with the message', async () => {
			const texts = ['STOP', 'Hej! Är butiken öppen idag?', 'Yes please 👍'];
			for (const [i, body] of texts.entries()) {
				await home.control.injectInbound({ from: `4670300000${i}`, body });
			}
			await home.control.settle();
			const deliveries = home.control.webhookDeliveries.filter((d) => d.kind === 'inbound' && d.url.startsWith(inboundUrl));
			assert.deepEqual(deliveries.map((d) => d.status), [200, 200, 200], 'n8n answered each delivery with 200');
			const list = await waitFor('3 inbound executions', async () => {
				const e = await executions(rest, 'e2eInboundTrig01');
				return e.length >= 3 && e.every((x) => x.status === 'success') ? e : null;
			});
			assert.equal(list.length, 3);
			const outputs = [];
			for (const e of list) outputs.push(...triggerOutput((await executionData(rest, flatted, e.id)).data));
			const byFrom = Object.fromEntries(outputs.map((o) => [o.sender ?? o.from, o]));
			for (const [i, body] of texts.entries()) {
				const item = byFrom[`4670300000${i}`];
				assert.ok(item, `an execution for sender 4670300000${i}: ${JSON.stringify(outputs).slice(0, 600)}`);
				assert.equal(item.body ?? item.text, body);
				assert.equal(item.event, 'inboundSms');
			}
		});

		await suite.test('a request without the secret is refused (401) and starts nothing', async () => {
			const payload = home.control.webhookDeliveries.find((d) => d.kind === 'inbound' && d.url.startsWith(inboundUrl)).payload;
			const res = await fetch(inboundUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
			assert.equal(res.status, 401);
			const again = await fetch(`${inboundUrl}?secret=wrong-secret-value-123`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ...payload, id: 'ffffffffffffffffffffffff' }),
			});
			assert.equal(again.status, 401);
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal((await executions(rest, 'e2eInboundTrig01')).length, 3);
		});

		await suite.test('a repeated inbound delivery (iP.1 retry) starts nothing', async () => {
			const delivery = home.control.webhookDeliveries.find((d) => d.kind === 'inbound' && d.url.startsWith(inboundUrl));
			const res = await fetch(delivery.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(delivery.payload) });
			assert.equal(res.status, 200, 'answered 200 so iP.1 stops retrying');
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal((await executions(rest, 'e2eInboundTrig01')).length, 3);
		});

		await suite.test('delivery reports of a batch sent by the action node reach the trigger', async () => {
			await setActive(rest, 'e2eDlrTrigger001', true);
			await waitForWebhook(`${server.baseUrl}/webhook/${dlrHookId}/ip1sms`);
			const r = await world.cli(['execute', '--id', 'e2eSendWithDlr01', '--rawOutput']);
			assert.equal(r.code, 0, `send ${cliExit(r)}`);
			const messageIds = outputOf(parseRawOutput(r.stdout), 'Send').map((sent) => sent.messageId);
			assert.equal(new Set(messageIds.filter(Boolean)).size, 3);
			// Move the sandbox clock far enough for every message to reach a final status.
			for (let i = 0; i < 6; i++) await home.control.advance(60_000);
			await home.control.settle();
			const reports = home.control.webhookDeliveries.filter((d) => d.kind === 'deliveryReport' && d.url.includes(dlrHookId));
			assert.ok(reports.length >= 3, `the sandbox posted ${reports.length} reports`);
			assert.ok(reports.every((d) => d.status === 200), `statuses: ${reports.map((d) => d.status)}`);
			const list = await waitFor(`${reports.length} finished delivery-report executions`, async () => {
				const e = await executions(rest, 'e2eDlrTrigger001');
				return e.length >= reports.length && e.every((x) => x.status === 'success') ? e : null;
			});
			assert.equal(list.length, reports.length, 'one execution per report');
			const outputs = [];
			for (const e of list) outputs.push(...triggerOutput((await executionData(rest, flatted, e.id)).data));
			for (const o of outputs) {
				assert.equal(o.event, 'deliveryReport');
				assert.ok(messageIds.includes(o.messageId ?? o.id), `report for a sent message: ${JSON.stringify(o).slice(0, 300)}`);
			}
			const finals = outputs.filter((o) => o.final === true);
			assert.equal(new Set(finals.map((o) => o.messageId ?? o.id)).size, 3, 'each message got a final report');
		});

		await suite.test('a burst of 500 webhook deliveries with duplicates starts one execution per unique event', async () => {
			// 250 real delivery reports from the sandbox, collected locally, then each POSTed twice
			// (in shuffled order, 25 at a time) to the trigger's production URL.
			const sink = await collector();
			try {
				const recipients = Array.from({ length: 200 }, (_, i) => `4670400${String(i).padStart(4, '0')}`);
				const res = await fetch(`${home.url}/v2/batches`, {
					method: 'POST',
					headers: { authorization: `Bearer ${home.token}`, 'content-type': 'application/json' },
					body: JSON.stringify({ sender: 'Acme', recipients, body: 'Burst', deliveryReportUrl: sink.url }),
				});
				assert.equal(res.status < 300, true, `batch POST answered ${res.status}`);
				for (let i = 0; i < 6; i++) await home.control.advance(60_000);
				await home.control.settle();
			} finally {
				await sink.close();
			}
			const unique = [...new Map(sink.received.map((p) => [JSON.stringify(p), p])).values()].slice(0, 250);
			assert.equal(unique.length, 250, `collected ${sink.received.length} reports, ${unique.length} unique`);
			const posts = [...unique, ...unique].map((payload, i) => ({ payload, key: i }));
			for (let i = posts.length - 1; i > 0; i--) {
				const j = Math.floor(Math.random() * (i + 1));
				[posts[i], posts[j]] = [posts[j], posts[i]];
			}
			await setActive(rest, 'e2eBurstTrigger1', true);
			const url = `${server.baseUrl}/webhook/${burstHookId}/ip1sms?secret=${DLR_SECRET}`;
			await waitForWebhook(url.replace(/\?.*/, ''));
			const t = Date.now();
			const answers = await mapLimit(posts, 25, async ({ payload }) => {
				const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
				return { status: r.status, body: await r.text(), id: payload.id, code: payload.code };
			});
			timings.burst500 = Date.now() - t;
			const statuses = answers.map((a) => a.status);
			assert.deepEqual([...new Set(statuses)], [200], 'every delivery answered 200');
			const refusedAsSeen = answers.filter((a) => a.body.includes('Already received')).length;
			let stableSince = 0;
			let lastCount = -1;
			let count;
			try {
				count = await waitFor(
					() => `burst executions to settle (last count ${lastCount})`,
					async () => {
						const n = await executionCount(rest, 'e2eBurstTrigger1');
						if (n !== lastCount) {
							lastCount = n;
							stableSince = Date.now();
						}
						return (n >= 250 || Date.now() - stableSince > 20_000) && Date.now() - stableSince > 3000 ? n : null;
					},
					{ timeoutMs: 180_000, intervalMs: 500 },
				);
			} catch (error) {
				throw new Error(`${error.message}; ${refusedAsSeen} deliveries answered "Already received"`);
			}
			if (count !== 250) {
				// Name what is missing or doubled, to tell a lost webhook from a wrong de-duplication.
				const list = await executions(rest, 'e2eBurstTrigger1');
				const seen = new Map();
				for (const e of list) {
					for (const o of triggerOutput((await executionData(rest, flatted, e.id)).data)) {
						const key = `${o.messageId ?? o.id}:${o.code}`;
						seen.set(key, (seen.get(key) ?? 0) + 1);
					}
				}
				const missing = unique.map((p) => `${p.id}:${p.code}`).filter((k) => !seen.has(k));
				const doubled = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
				const statusesOf = list.reduce((acc, e) => ({ ...acc, [e.status]: (acc[e.status] ?? 0) + 1 }), {});
				const answersFor = missing.map((k) => answers.filter((a) => `${a.id}:${a.code}` === k).map((a) => a.body));
				throw new Error(
					`${count} executions (${list.length} listed, statuses ${JSON.stringify(statusesOf)}), ${refusedAsSeen} answered "Already received"; ` +
						`missing ${JSON.stringify(missing)} (answers ${JSON.stringify(answersFor)}), doubled ${JSON.stringify(doubled)}`,
				);
			}
			assert.equal(count, 250, 'exactly one execution per unique event');
			assert.equal(refusedAsSeen, 250, 'every duplicate answered "Already received"');
		});

		await suite.test('deactivating the inbound trigger restores the previous callback URL', async () => {
			await setActive(rest, 'e2eInboundTrig01', false);
			await waitForWebhook(inboundUrl, false);
			assert.equal(await waitForCallback(home.control, home.token, (v) => v === PREVIOUS_CALLBACK), PREVIOUS_CALLBACK);
			await setActive(rest, 'e2eDlrTrigger001', false);
			await setActive(rest, 'e2eBurstTrigger1', false);
		});

		await suite.test('examples: the auto-reply workflow answers an inbound SMS', async () => {
			const hookUrl = `${server.baseUrl}/webhook/d1e2f3a4-0002-4000-8000-00000000a101/ip1sms`;
			await setActive(rest, 'ip1ExampleReply1', true);
			await waitForWebhook(hookUrl);
			const setting = await waitForCallback(home.control, home.token, (v) => v?.startsWith(hookUrl));
			assert.ok(setting?.startsWith(hookUrl));
			inboundSecrets.add(new URL(setting).searchParams.get('secret'));
			home.control.clearRequests();
			await home.control.injectInbound({ from: '46709990001', body: 'Is the shop open today?' });
			await home.control.settle();
			const [execution] = await waitFor('the auto-reply execution', async () => {
				const e = await executions(rest, 'ip1ExampleReply1');
				return e.length >= 1 && e.every((x) => x.status === 'success') ? e : null;
			});
			const { data } = await executionData(rest, flatted, execution.id);
			const replies = data.resultData.runData.Reply[0].data.main[0].map((i) => i.json);
			assert.deepEqual(replies.map((reply) => reply.to), ['46709990001']);
			const post = home.control.requests.find((r) => r.method === 'POST' && r.path === '/v2/batches');
			assert.ok(JSON.stringify(post?.body).includes('Is the shop open today?'), 'the reply quotes the message');
			await setActive(rest, 'ip1ExampleReply1', false);
			assert.equal(await waitForCallback(home.control, home.token, (v) => v === PREVIOUS_CALLBACK), PREVIOUS_CALLBACK);
		});

		await suite.test('examples: the campaign sends one personalised batch and its delivery reports are recorded', async () => {
			await setActive(rest, 'ip1ExampleDlrLog', true);
			await waitForWebhook(`${server.baseUrl}/webhook/d1e2f3a4-0003-4000-8000-00000000d101/ip1sms`);
			home.control.clearRequests();
			const r = await world.cli(['execute', '--id', 'ip1ExampleCampgn', '--rawOutput'], { stdoutFile: join(world.userFolder, 'import', 'execute-campaign.out') });
			assert.equal(r.code, 0, `campaign ${cliExit(r)}`);
			const posts = home.control.requests.filter((q) => q.method === 'POST' && q.path === '/v2/batches');
			assert.equal(posts.length, 1, 'one personalised batch for the 4 customers');
			const body = JSON.stringify(posts[0].body);
			for (const part of ['Astrid', 'A-1002', 'Malmö', 'our shop']) assert.ok(body.includes(part), `the batch carries ${part}`);
			for (let i = 0; i < 6; i++) await home.control.advance(60_000);
			await home.control.settle();
			const reports = home.control.webhookDeliveries.filter((d) => d.url.includes('00000000d101'));
			assert.ok(reports.length >= 4 && reports.every((d) => d.status === 200), `${reports.length} reports, statuses ${reports.map((d) => d.status)}`);
			const list = await waitFor('the recorded delivery reports', async () => {
				const e = await executions(rest, 'ip1ExampleDlrLog');
				return e.length >= reports.length && e.every((x) => x.status === 'success') ? e : null;
			});
			assert.equal(list.length, reports.length);
			const { data } = await executionData(rest, flatted, list[0].id);
			const [record] = data.resultData.runData['Delivery Record'][0].data.main[0].map((i) => i.json);
			assert.equal(record.reference, 'spring-pickup');
			assert.ok(record.messageId && record.status && typeof record.delivered === 'boolean', JSON.stringify(record));
			await setActive(rest, 'ip1ExampleDlrLog', false);
		});

		await suite.test('the bearer token and the inbound secrets are nowhere in n8n logs, database, execution data or errors', async () => {
			const ids = [];
			for (const wf of ['e2eInboundRace01', 'e2eInboundTrig01', 'e2eDlrTrigger001', 'ip1ExampleReply1']) ids.push(...(await executions(rest, wf)).map((e) => e.id));
			const texts = [];
			const outputs = [];
			for (const id of ids.slice(0, 30)) {
				const { text, data } = await executionData(rest, flatted, id);
				texts.push(text);
				outputs.push({ where: `output of execution #${id}`, text: JSON.stringify(data.resultData) });
			}
			// The Delivery Report Secret is a node parameter, so n8n keeps it with the workflow; it must
			// not be in what the executions produced.
			const dlrLeaks = outputs.filter((o) => o.text.includes(DLR_SECRET)).map((o) => o.where);
			assert.deepEqual(dlrLeaks, [], `the Delivery Report Secret is in ${dlrLeaks.join(', ')}`);
			await world.stopN8n();
			const files = filesUnder(world.userFolder).filter((f) => !f.includes(`${join(world.userFolder, 'import')}`));
			const haystacks = [
				...files.map((f) => ({ where: f, text: readFileSync(f).toString('latin1') })),
				...world.cliOutputs.map((text, i) => ({ where: `CLI output #${i}`, text })),
				...texts.map((text, i) => ({ where: `execution #${ids[i]}`, text })),
			];
			assert.ok(files.some((f) => f.endsWith('.sqlite')), 'the database was searched');
			for (const token of [home.token, WRONG_TOKEN]) {
				const found = haystacks.filter((h) => h.text.includes(token)).map((h) => h.where);
				assert.deepEqual(found, [], `token ${token.slice(0, 6)}… found in ${found.join(', ')}`);
			}
			assert.equal(inboundSecrets.size, 3, 'each inbound trigger registered its own secret');
			for (const secret of inboundSecrets) {
				const found = haystacks.filter((h) => h.text.includes(secret)).map((h) => h.where);
				assert.deepEqual(found, [], `an inbound secret (${secret.slice(0, 4)}…) found in ${found.join(', ')}`);
			}
		});
	});
	return { suite, timings: opened.timings };
}

/**
 * Per version: the main suite, then each suite in its own n8n and sandbox — the package installed from its
 * tarball (e2e/packed.mjs), two-way SMS (every version that signs resume URLs), exactly once across n8n's
 * Retry On Fail and its Retry of a failed execution, the AI Agent (2.x). A smoke run runs each suite's smoke
 * set: one send through the node, one reply resuming a waiting execution, one send retried exactly once.
 */
async function runPlanned({ version, smoke }, count) {
	process.stdout.write(`e2e: n8n ${version}${smoke ? ' (smoke set)' : ''}\n`);
	const { suite, timings } = await runVersion(version, { smoke });
	count(suite);
	const others = [
		['installed from the tarball', !smoke, () => runPacked(version)],
		['two-way', twoWaySupported(version), () => runTwoWay(version, { smoke })],
		['exactly once', twoWaySupported(version), () => runExactlyOnce(version, { smoke })],
		['AI agent', agentSupported(version) && !smoke, () => runAgent(version)],
	];
	for (const [label, applies, runSuite] of others) {
		if (!applies) continue;
		const other = await runSuite();
		count(other);
		process.stdout.write(`e2e: n8n ${version} ${label}: ${other.passed} passed, ${other.failed} failed${other.skipped ? `, ${other.skipped} not in the smoke set` : ''}\n`);
	}
	const seconds = Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`);
	process.stdout.write(`e2e: n8n ${version}: ${suite.passed} passed, ${suite.failed} failed; timings (s): ${seconds.join(', ')}\n`);
}

async function main() {
	const { createRequire } = await import('node:module');
	globalThis.__ip1Require = createRequire(import.meta.url);
	const t0 = Date.now();
	process.stdout.write(`e2e: building the package…\n`);
	await buildPackage();
	const total = { passed: 0, failed: 0, skipped: 0 };
	const count = (suite) => {
		for (const key of Object.keys(total)) total[key] += suite[key];
	};
	for (const planned of versionPlan()) {
		const started = Date.now();
		await runPlanned(planned, count);
		process.stdout.write(`e2e: n8n ${planned.version}${planned.smoke ? ' (smoke set)' : ''} took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
	}
	process.stdout.write(`e2e: total ${((Date.now() - t0) / 1000).toFixed(0)} s${total.skipped ? ` (${total.skipped} tests not in the smoke set)` : ''}\n`);
	process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
	process.exit(total.failed ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.stdout.write('0 passed, 1 failed\n');
	process.exit(1);
});
