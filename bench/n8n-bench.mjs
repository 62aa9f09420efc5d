#!/usr/bin/env node
// `npm run bench`: measurements in the REAL n8n (printed, not asserted), against the iP.1 sandbox.
//
//  1. 10,000 personalised messages: our node (personalised mode) vs n8n's own HTTP Request node posting
//     one batch per item (the honest baseline: what users build without this package), with the
//     documented 30 requests/s limit enforced by the sandbox (HTTP Request throttled with its own
//     Batching option, 30 items per second) and, for the HTTP Request node, also without any limit;
//  2. Return All over 100,000 contacts with the 30/s limit: requests, time, 429s;
//  3. webhook throughput of the trigger: 1,000 delivery reports POSTed to n8n's production URL.
// Each workflow runs with `n8n execute`; the figures are the execution's own start/stop times, the
// requests the sandbox saw, and the peak resident memory of the n8n process (VmHWM).
//
// Options: --n8n <version> (default 2.41.1), --quick (1,000 messages and 10,000 contacts).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_N8N_VERSION, ensureN8n } from '../scripts/n8n-install.mjs';
import {
	N8nRest,
	buildPackage,
	loadSandbox,
	makeTempDir,
	n8nCli,
	n8nEnv,
	startN8n,
	stopGroup,
	writeJson,
} from '../scripts/n8n-runtime.mjs';
import { freePort, mapLimit, waitFor } from '../e2e/harness.mjs';
import { chainWorkflow, credentialFile, triggerWorkflow } from '../e2e/workflows.mjs';

const args = process.argv.slice(2);
const version = args.includes('--n8n') ? args[args.indexOf('--n8n') + 1] : DEFAULT_N8N_VERSION;
const quick = args.includes('--quick');
const MESSAGES = quick ? 1_000 : 10_000;
const CONTACTS = quick ? 10_000 : 100_000;
const WEBHOOKS = quick ? 200 : 1_000;
const SECRET = 'bench-dlr-secret-0123456789abcdef';

const say = (line) => process.stderr.write(`[bench] ${line}\n`);

/** Items: one per customer, built by an expression (no Code node) and split into items. */
function customerNodes(count) {
	return [
		{
			name: 'Customers',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'raw',
				jsonOutput: `={{ { customers: Array.from({ length: ${count} }, (_, i) => ({ phone: '4671' + String(1000000 + i), firstName: 'Customer' + i, orderId: 'A-' + i })) } }}`,
				options: {},
			},
		},
		{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'customers', options: {} } },
	];
}

function ourSendWorkflow(count) {
	return chainWorkflow('benchOurNode0001', `Bench: iP.1 SMS node, ${count} personalised`, [
		...customerNodes(count),
		{
			name: 'Send',
			executeOnce: false,
			parameters: {
				resource: 'sms',
				operation: 'send',
				mode: 'personalised',
				sender: 'Acme',
				recipients: '={{ $json.phone }}',
				message: 'Hi {firstName}, your order {orderId} has shipped.',
				personalisation: {
					values: [
						{ name: 'firstName', value: '={{ $json.firstName }}' },
						{ name: 'orderId', value: '={{ $json.orderId }}' },
					],
				},
				options: {},
			},
		},
	]);
}

function httpSendWorkflow(id, count, { sandboxUrl, token, perSecond }) {
	return chainWorkflow(id, `Bench: HTTP Request node, ${count} batches${perSecond ? ` (${perSecond} items/s)` : ''}`, [
		...customerNodes(count),
		{
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${sandboxUrl}/v2/batches`,
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }] },
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify({ sender: "Acme", recipients: [$json.phone], body: "Hi " + $json.firstName + ", your order " + $json.orderId + " has shipped." }) }}',
				options: perSecond ? { batching: { batch: { batchSize: perSecond, batchInterval: 1000 } } } : {},
			},
		},
	]);
}

function returnAllWorkflow() {
	return chainWorkflow('benchReturnAll01', 'Bench: Return All contacts', [
		{ name: 'Contacts', parameters: { resource: 'contact', operation: 'getAll', returnAll: true } },
	]);
}

function parseRun(stdout) {
	const text = stdout.replace(/\x1b\[[0-9;]*m/g, '');
	const start = text.search(/\{\n {2}"data": \{/);
	if (start < 0) throw new Error(`no JSON in execute output: ${text.slice(-1500)}`);
	const rest = text.slice(start);
	return JSON.parse(rest.slice(0, rest.search(/^\}/m) + 1));
}

function peakRssMb(pid) {
	try {
		const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** `n8n execute`, with the peak RSS of the n8n process sampled from /proc while it runs. */
async function execute(n8n, env, id) {
	let peak = 0;
	let timer;
	const r = await n8nCli(n8n, ['execute', '--id', id, '--rawOutput'], {
		env,
		timeoutMs: 1_800_000,
		stdoutFile: join(env.N8N_USER_FOLDER, `execute-${id}.out`),
		onSpawn: (child) => {
			timer = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid))), 200);
		},
	});
	clearInterval(timer);
	let run;
	try {
		run = parseRun(r.stdout);
	} catch {
		throw new Error(`execute ${id} exited ${r.code}: ${r.stdout.slice(-1500)} ${r.stderr.slice(-800)}`);
	}
	const ms = new Date(run.stoppedAt).getTime() - new Date(run.startedAt).getTime();
	const error = run.data.resultData.error?.message;
	return { run, ms, peakMb: peak, processMs: r.ms, status: run.status, error };
}

function requestStats(control, filter) {
	const log = control.requests.filter(filter);
	return { requests: log.length, r429: log.filter((r) => r.status === 429).length };
}

async function main() {
	const rows = [];
	say(`n8n ${version}; building…`);
	await buildPackage();
	const n8n = await ensureN8n(version);
	const { startSandbox } = await loadSandbox();
	const sandbox = await startSandbox({ seedDemoData: true, rateLimitPerSecond: 30, clock: 'manual' });
	const { control } = sandbox;
	const userFolder = makeTempDir('ip1-bench-');
	const port = await freePort();
	const env = n8nEnv(n8n, { userFolder, port, extra: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' } });
	const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	let server;
	try {
		writeJson(join(userFolder, 'credentials.json'), credentialFile({ apiToken: sandbox.token, baseUrl: sandbox.url }));
		const dlrHook = 'b0b0b0b0-0000-4000-8000-0000000bench';
		writeJson(join(userFolder, 'workflows.json'), [
			ourSendWorkflow(MESSAGES),
			httpSendWorkflow('benchHttpNode001', MESSAGES, { sandboxUrl: sandbox.url, token: sandbox.token, perSecond: 30 }),
			httpSendWorkflow('benchHttpNode003', MESSAGES, { sandboxUrl: sandbox.url, token: sandbox.token, perSecond: 25 }),
			httpSendWorkflow('benchHttpNode002', MESSAGES, { sandboxUrl: sandbox.url, token: sandbox.token, perSecond: 0 }),
			returnAllWorkflow(),
			triggerWorkflow('benchTrigger0001', 'Bench: trigger throughput', {
				webhookId: dlrHook.replace('bench', 'beac1'),
				parameters: { events: ['deliveryReport'], deliveryReportSecret: SECRET, deliveryReportFilter: 'all' },
			}),
		]);
		for (const [what, file] of [
			['credentials', 'credentials.json'],
			['workflow', 'workflows.json'],
		]) {
			const r = await n8nCli(n8n, [`import:${what}`, '--input', join(userFolder, file)], { env: cliEnv });
			if (r.code !== 0) throw new Error(`import:${what}: ${r.stdout} ${r.stderr}`);
		}

		const sends = (r) => r.method === 'POST' && r.path === '/v2/batches';
		const messagesIn = () => control.state(sandbox.token).messages.length;

		say(`our node: ${MESSAGES} personalised messages…`);
		control.clearRequests();
		let before = messagesIn();
		let m = await execute(n8n, cliEnv, 'benchOurNode0001');
		rows.push({ what: `${MESSAGES} personalised SMS — iP.1 SMS node (30/s)`, ...requestStats(control, sends), ms: m.ms, peakMb: m.peakMb, note: `${messagesIn() - before} messages accepted${m.error ? `; FAILED: ${m.error}` : ''}` });
		process.stderr.write(`[bench] ${JSON.stringify(rows.at(-1))}\n`);

		for (const [id, perSecond] of [
			['benchHttpNode001', 30],
			['benchHttpNode003', 25],
		]) {
			say(`HTTP Request node, Batching ${perSecond} items per second: ${MESSAGES} requests…`);
			control.clearRequests();
			before = messagesIn();
			m = await execute(n8n, cliEnv, id);
			rows.push({
				what: `${MESSAGES} personalised SMS — HTTP Request node, Batching ${perSecond} items/1 s (30/s)`,
				...requestStats(control, sends),
				ms: m.ms,
				peakMb: m.peakMb,
				note: `${messagesIn() - before} messages accepted${m.error ? `; FAILED: ${m.error}` : ''}`,
			});
		}

		say(`HTTP Request node without a limit: ${MESSAGES} requests…`);
		control.setRateLimit(null);
		control.clearRequests();
		before = messagesIn();
		m = await execute(n8n, cliEnv, 'benchHttpNode002');
		rows.push({ what: `${MESSAGES} personalised SMS — HTTP Request node (no limit)`, ...requestStats(control, sends), ms: m.ms, peakMb: m.peakMb, note: `${messagesIn() - before} messages accepted${m.error ? `; FAILED: ${m.error}` : ''}` });
		control.setRateLimit(30);

		say(`seeding ${CONTACTS} contacts…`);
		const chunk = 10_000;
		for (let i = 0; i < CONTACTS; i += chunk) {
			const body = Array.from({ length: Math.min(chunk, CONTACTS - i) }, (_, j) => ({
				properties: { phoneNumber: `+4672${String(1000000 + i + j)}`, firstName: `Contact${i + j}` },
				labels: ['bench'],
			}));
			const res = await fetch(`${sandbox.url}/v2/contacts`, {
				method: 'POST',
				headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			if (res.status >= 300) throw new Error(`contact import answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
			await res.arrayBuffer();
		}
		control.setRateLimit(30);
		control.clearRequests();
		say('Return All contacts (30/s)…');
		m = await execute(n8n, cliEnv, 'benchReturnAll01');
		const returned = m.run.data.resultData.runData.Contacts[0].data.main[0].length;
		rows.push({
			what: `Return All over ${control.state(sandbox.token).contacts.length} contacts (30/s)`,
			...requestStats(control, (r) => r.path === '/v2/contacts'),
			ms: m.ms,
			peakMb: m.peakMb,
			note: `${returned} items returned`,
		});

		say(`trigger throughput: ${WEBHOOKS} delivery reports…`);
		server = await startN8n(n8n, env, { logFile: join(userFolder, 'n8n.log') });
		const rest = new N8nRest(server.baseUrl);
		await rest.ownerAndLogin();
		const { data: wf } = await rest.get('/rest/workflows/benchTrigger0001');
		const act = await rest.post('/rest/workflows/benchTrigger0001/activate', { versionId: wf.versionId }, { expect: null });
		if (act.status === 404) await rest.patch('/rest/workflows/benchTrigger0001', { active: true, versionId: wf.versionId });
		const url = `${server.baseUrl}/webhook/${dlrHook.replace('bench', 'beac1')}/ip1sms?secret=${SECRET}`;
		await waitFor('the webhook', async () => {
			const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			await r.arrayBuffer();
			return r.status !== 404;
		});
		const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
		const payloads = Array.from({ length: WEBHOOKS }, (_, i) => ({
			id: `6b00000000000000${String(i).padStart(8, '0')}`,
			batchId: '6b0000000000000000000001',
			recipient: `4673${String(1000000 + i)}`,
			code: 201,
			duration: 1,
			created: now,
			segments: 1,
			price: 0.0416,
			currency: 'eur',
			reference: null,
		}));
		const t0 = Date.now();
		const statuses = await mapLimit(payloads, 25, async (p) => {
			const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(p) });
			await r.arrayBuffer();
			return r.status;
		});
		const answeredMs = Date.now() - t0;
		const ok = statuses.filter((s) => s === 200).length;
		rows.push({
			what: `${WEBHOOKS} delivery reports → iP.1 SMS Trigger (25 concurrent)`,
			requests: WEBHOOKS,
			r429: 0,
			ms: answeredMs,
			peakMb: peakRssMb(server.child.pid),
			note: `${ok} answered 200; ${(WEBHOOKS / (answeredMs / 1000)).toFixed(0)} deliveries/s`,
		});
	} finally {
		if (server) await stopGroup(server.child);
		await sandbox.close();
		rmSync(userFolder, { recursive: true, force: true });
	}

	const header = ['Scenario', 'Requests', '429s', 'Wall time', 'Peak RSS', 'Notes'];
	const table = [header, header.map(() => '---'), ...rows.map((r) => [r.what, String(r.requests), String(r.r429), `${(r.ms / 1000).toFixed(1)} s`, `${r.peakMb.toFixed(0)} MB`, r.note])];
	process.stdout.write(`\nn8n ${version} on Node ${version.startsWith('2.') ? '24' : process.versions.node.split('.')[0]}, sandbox on 127.0.0.1 (${new Date().toISOString().slice(0, 10)})\n\n`);
	for (const row of table) process.stdout.write(`| ${row.join(' | ')} |\n`);
	process.stdout.write('\nWall time = the execution\'s own start → stop (n8n start-up excluded); Peak RSS = the n8n process (VmHWM), n8n itself included.\n');
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
