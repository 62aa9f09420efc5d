#!/usr/bin/env node
// `npm run bench`: throughput in the REAL n8n (printed, not asserted), against the iP.1 sandbox with
// the documented 30 requests/s enforced and a distance to the API (`--latency`, default 100 ms added to
// every API request: the real API is not on loopback). One run prints, side by side:
//
//  1. 300 items, each its own different SMS: our node in its default mode "One SMS per Item" (items
//     combined into shared requests) and with Combine Items off (a batch per item) vs n8n's own HTTP
//     Request node with Batching 30 items / 1000 ms (the anchor: what users build without this package);
//  2. the same items in our personalised mode (and 3,000 of them);
//  3. Return All over 20,000 contacts, beside its bound (requests / 30 per second);
//  4. the iP.1 SMS Trigger vs n8n's own Webhook node: the same burst of delivery reports (some of them
//     repeated) at concurrency 20 to the production URLs of two active workflows on one n8n server;
//     executions counted through n8n's REST API, one per unique event expected from ours.
//
// Action workflows run with `n8n execute`: wall time is the execution's own start → stop; peak RSS is
// the `n8n execute` process (VmHWM, n8n itself included). Trigger figures come from the executions n8n
// saved (first start → last stop). Each scenario has its own sandbox account, so its requests,
// messages and 429s are its own.
//
// The sends run under each reading of iP.1's send answer that changes their cost (`--readings`, default
// messages,batch,idOnly: the answer lists the messages / is the batch document / is the id only; the last
// two leave the message ids to be read back).
//
// Options: --latency <ms> (default 100), --n8n <version> (default 2.41.1), --quick (a smoke run with
// small counts), --readings <list>, --lazy-acquire (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true), --trigger-version <1|2>
// (default 2), --skip-trigger, --skip-actions, --expression-engine <legacy|vm> (n8n 2.x: which engine
// evaluates expressions; default n8n's own, `vm`, an isolated-vm sandbox per execution and per webhook call).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_N8N_VERSION, ensureN8n } from '../scripts/n8n-install.mjs';
import { N8nRest, buildPackage, loadSandbox, makeTempDir, n8nCli, n8nEnv, repoRoot, startN8n, stopGroup, writeJson } from '../scripts/n8n-runtime.mjs';
import { freePort, mapLimit, waitFor } from '../e2e/harness.mjs';
import { chainWorkflow, credentialFile, triggerWorkflow } from '../e2e/workflows.mjs';

const RATE_LIMIT = 30;
const SECRET = 'bench-dlr-secret-0123456789abcdef';
const CONCURRENCY = 20;

function expressionEngine(name) {
	if (name === '') return undefined;
	if (!['legacy', 'vm'].includes(name)) throw new Error(`--expression-engine takes legacy or vm, got "${name}"`);
	return name;
}

function options(argv) {
	const value = (name, fallback) => {
		const index = argv.indexOf(name);
		if (index < 0) return fallback;
		const raw = argv[index + 1];
		if (raw === undefined || raw.startsWith('--')) throw new Error(`${name} needs a value`);
		return raw;
	};
	const latencyMs = Number(value('--latency', '100'));
	if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new Error('--latency needs a whole number of milliseconds ≥ 0');
	const quick = argv.includes('--quick');
	return {
		version: value('--n8n', DEFAULT_N8N_VERSION),
		latencyMs,
		quick,
		perItem: quick ? 60 : 300,
		personalised: quick ? [60] : [300, 3_000],
		contacts: quick ? 3_000 : 20_000,
		deliveries: quick ? 100 : 1_000,
		inbound: quick ? 100 : 1_000,
		repeats: quick ? 10 : 50,
		actions: !argv.includes('--skip-actions'),
		trigger: !argv.includes('--skip-trigger'),
		expressionEngine: expressionEngine(value('--expression-engine', '')),
		readings: sendReadings(value('--readings', 'messages,batch,idOnly')),
		lazyAcquire: argv.includes('--lazy-acquire'),
		triggerVersion: Number(value('--trigger-version', '2')),
	};
}

const SEND_READINGS = ['messages', 'batch', 'batchWithMessages', 'idOnly', 'empty'];

/** A workflow id of 16 characters, as n8n's own, for a scenario under a reading. */
function readingWorkflowId(prefix, reading) {
	return `bench${prefix}${SEND_READINGS.indexOf(reading)}`.padEnd(16, '0');
}

function sendReadings(list) {
	const readings = list.split(',').map((entry) => entry.trim()).filter(Boolean);
	const unknown = readings.filter((entry) => !SEND_READINGS.includes(entry));
	if (readings.length === 0 || unknown.length > 0) throw new Error(`--readings takes some of ${SEND_READINGS.join(', ')}; got "${list}"`);
	return readings;
}

const opts = options(process.argv.slice(2));
const say = (line) => process.stderr.write(`[bench] ${line}\n`);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// ---------- workflows ----------

/** One item per customer, built by an expression (no Code node) and split into items. */
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

/**
 * n8n's first credentialed request in a process costs 1–2 s before anything is sent (credential
 * machinery loaded on first use; measured the same for the HTTP Request node with our credential).
 * Every send workflow pays it first, on a warm-up account of its own, so the measured node's time is
 * its steady state and its account sees only its own requests.
 */
const WARM_UP = 'Warm-up';
const WARM_UP_STEP = { name: WARM_UP, parameters: { resource: 'account', operation: 'getOverview' } };

/** Our workflow: Warm-up (on the warm-up credential), then `steps` on the scenario's credential. */
function ourWorkflow(id, name, steps, credential, warmUpCredential) {
	const workflow = chainWorkflow(id, name, [WARM_UP_STEP, ...steps], { credential });
	workflow.nodes.find((node) => node.name === WARM_UP).credentials = { ip1SmsApi: warmUpCredential };
	return workflow;
}

// As the editor saves a sender typed by name.
const SENDER = { __rl: true, mode: 'name', value: 'iP1' };
const PER_ITEM_TEXT = '=Hi {{ $json.firstName }}, your order {{ $json.orderId }} has shipped.';

/**
 * Our node in its default mode (no `mode` parameter: One SMS per Item), the text an expression per item;
 * `combineItems: false` is the mode as it was, a batch per item.
 */
function ourPerItemWorkflow(id, count, credential, warmUpCredential, options = {}) {
	return ourWorkflow(id, `Bench: iP.1 SMS, One SMS per Item, ${count}`, [
		...customerNodes(count),
		{
			name: 'Send',
			executeOnce: false,
			parameters: { resource: 'sms', operation: 'send', sender: SENDER, recipients: '={{ $json.phone }}', message: PER_ITEM_TEXT, options },
		},
	], credential, warmUpCredential);
}

function ourPersonalisedWorkflow(id, count, credential, warmUpCredential) {
	return ourWorkflow(id, `Bench: iP.1 SMS, personalised, ${count}`, [
		...customerNodes(count),
		{
			name: 'Send',
			executeOnce: false,
			parameters: {
				resource: 'sms',
				operation: 'send',
				mode: 'personalised',
				sender: SENDER,
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
	], credential, warmUpCredential);
}

/**
 * The anchor: n8n's HTTP Request node, one POST /v2/batches per item, Batching 30 items / 1000 ms, the
 * token in a Header Auth credential as a user would keep it (n8n's first credentialed request in a
 * process costs it the same as our node).
 */
function httpRequestWorkflow(id, count, { url, credential, warmUpCredential }) {
	const workflow = chainWorkflow(id, `Bench: HTTP Request node, Batching ${RATE_LIMIT}/1000 ms, ${count}`, [
		{
			name: WARM_UP,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: { method: 'GET', url: `${url}/api/me`, authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth', options: {} },
		},
		...customerNodes(count),
		{
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${url}/v2/batches`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify({ sender: "iP1", recipients: [$json.phone], body: "Hi " + $json.firstName + ", your order " + $json.orderId + " has shipped." }) }}',
				options: { batching: { batch: { batchSize: RATE_LIMIT, batchInterval: 1000 } } },
			},
		},
	]);
	workflow.nodes.find((node) => node.name === 'HTTP Request').credentials = { httpHeaderAuth: credential };
	workflow.nodes.find((node) => node.name === WARM_UP).credentials = { httpHeaderAuth: warmUpCredential };
	return workflow;
}

function returnAllWorkflow(id, credential, warmUpCredential) {
	return ourWorkflow(id, 'Bench: Return All contacts', [{ name: 'Contacts', parameters: { resource: 'contact', operation: 'getAll', returnAll: true } }], credential, warmUpCredential);
}

function webhookNodeWorkflow(id, path) {
	return {
		id,
		name: 'Bench: n8n Webhook node → No Operation',
		active: false,
		nodes: [
			{ id: `${id}-hook`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: path, parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } },
			{ id: `${id}-noop`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { Webhook: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

// ---------- measuring ----------

function parseRun(stdout) {
	const text = stdout.replace(/\x1b\[[0-9;]*m/g, '');
	const start = text.search(/\{\n {2}"data": \{/);
	if (start < 0) throw new Error(`no JSON in execute output: ${text.slice(-1500)}`);
	const rest = text.slice(start);
	return JSON.parse(rest.slice(0, rest.search(/^\}/m) + 1));
}

function procStatusMb(pid, field) {
	try {
		const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
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
			timer = setInterval(() => (peak = Math.max(peak, procStatusMb(child.pid, 'VmHWM'))), 200);
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
	return { run, ms, peakMb: peak, error: run.data.resultData.error?.message };
}

/** The node's own time in the execution (n8n's executionTime of its first run). */
function nodeMs(run, node) {
	return run.data.resultData.runData[node]?.[0]?.executionTime ?? NaN;
}


function outputOf(run, node) {
	return run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? [];
}

/** Errors the user sees that came from a 429: the execution's error and items carrying an error. */
function surfaced429(m, node) {
	const is429 = (text) => /\b429\b|too many requests|rate limit/i.test(String(text ?? ''));
	const items = outputOf(m.run, node).filter((item) => item.json?.error !== undefined && is429(JSON.stringify(item.json.error))).length;
	return items + (is429(m.error) ? 1 : 0);
}

/** What one account of the sandbox saw: requests, 429s answered, messages, duplicate messages. */
function accountFigures(control, token, filter = () => true) {
	const { accountId } = control.state(token);
	const log = control.requests.filter((r) => r.accountId === accountId && filter(r));
	const messages = control.state(token).messages;
	const keys = new Set(messages.map((m) => `${m.recipient}\u0000${m.body}`));
	return { requests: log.length, answered429: log.filter((r) => r.status === 429).length, messages: messages.length, duplicates: messages.length - keys.size };
}

// ---------- formatting ----------

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms) => `${fmt(ms / 1000, 1)} s`;

function row(cells) {
	return { scenario: '', requests: '', wall: '', execution: '', rate: '', rss: '', ratio: '', r429: '', dup: '', note: '', ...cells };
}

function printTable(rows, header) {
	const columns = [
		['scenario', 'Scenario'],
		['requests', 'Requests'],
		['wall', 'Wall'],
		['execution', 'Execution'],
		['rate', 'Throughput'],
		['rss', 'Peak RSS'],
		['ratio', 'Ratio'],
		['r429', '429 answered / surfaced'],
		['dup', 'Duplicates'],
		['note', 'Notes'],
	];
	const lines = [header, '', `| ${columns.map(([, title]) => title).join(' | ')} |`, `|${columns.map(([key]) => (key === 'scenario' || key === 'note' ? '---' : '---:')).join('|')}|`];
	for (const r of rows) lines.push(`| ${columns.map(([key]) => r[key]).join(' | ')} |`);
	process.stdout.write(`\n${lines.join('\n')}\n`);
}

// ---------- scenarios ----------

async function runActions(ctx, rows) {
	const { n8n, cliEnv, sandbox, accounts } = ctx;
	const { control } = sandbox;
	const sends = (r) => r.method === 'POST' && r.path === '/v2/batches';

	say(`anchor: HTTP Request node, ${opts.perItem} items, Batching ${RATE_LIMIT}/1000 ms…`);
	let m = await execute(n8n, cliEnv, 'benchHttpAnchor1');
	let f = accountFigures(control, accounts.anchor.token);
	const anchorMs = nodeMs(m.run, 'HTTP Request');
	const anchorRate = f.messages / (anchorMs / 1000);
	rows.push(
		row({
			scenario: `${opts.perItem} SMS, one per item — **anchor: n8n HTTP Request node**, Batching ${RATE_LIMIT} items / 1000 ms`,
			requests: fmt(f.requests),
			wall: seconds(anchorMs),
			execution: seconds(m.ms),
			rate: `${fmt(anchorRate, 1)} msg/s`,
			rss: `${fmt(m.peakMb)} MB`,
			ratio: '1.00×',
			r429: `${f.answered429} / ${surfaced429(m, 'HTTP Request')}`,
			dup: String(f.duplicates),
			note: `${fmt(f.messages)} messages accepted (${fmt((100 * anchorRate) / RATE_LIMIT)}% of ${RATE_LIMIT} msg/s)${m.error ? `; **failed**: ${m.error.slice(0, 120)}` : ''}`,
		}),
	);
	say(JSON.stringify(rows.at(-1)));

	const ourSend = async (id, account, label, count) => {
		say(`${label}: ${count} items…`);
		const run = await execute(n8n, cliEnv, id);
		const figures = accountFigures(control, account.token);
		const allRequests = figures.requests;
		const posts = accountFigures(control, account.token, sends).requests;
		const sendMs = nodeMs(run.run, 'Send');
		const rate = figures.messages / (sendMs / 1000);
		const out = outputOf(run.run, 'Send');
		const withIds = out.filter((item) => typeof item.json?.messageId === 'string').length;
		rows.push(
			row({
				scenario: `${fmt(count)} SMS — **iP.1 SMS, ${label}**`,
				requests: `${fmt(allRequests)} (${fmt(allRequests / Math.max(1, figures.messages), 3)} per SMS)`,
				wall: seconds(sendMs),
				execution: seconds(run.ms),
				rate: `${fmt(rate, 1)} msg/s`,
				rss: `${fmt(run.peakMb)} MB`,
				ratio: `${fmt(rate / anchorRate, 2)}×`,
				r429: `${figures.answered429} / ${surfaced429(run, 'Send')}`,
				dup: String(figures.duplicates),
				note: `${fmt(figures.messages)} messages accepted; ${fmt(posts)} sends, ${fmt(allRequests - posts)} other requests; ${fmt(out.length)} output items, ${fmt(withIds)} with a message id${run.error ? `; **failed**: ${run.error.slice(0, 120)}` : ''}`,
			}),
		);
		say(JSON.stringify(rows.at(-1)));
	};
	// The send answer is the sandbox's reading: each reading's sends run with it in force, on accounts of their own.
	for (const reading of opts.readings) {
		control.setVariants({ sendResponse: reading });
		const under = `send answer \`${reading}\``;
		await ourSend(readingWorkflowId('PerItem', reading), accounts.perItem[reading], `One SMS per Item (default mode), ${under}`, opts.perItem);
		await ourSend(readingWorkflowId('Separate', reading), accounts.separate[reading], `One SMS per Item, Combine Items off (a batch per item), ${under}`, opts.perItem);
		await ourSend(readingWorkflowId('PersonalBy', reading), accounts.personalisedBy[reading], `personalised mode, ${under}`, opts.personalised[0]);
	}
	control.setVariants({ sendResponse: 'messages' });
	for (const [index, count] of opts.personalised.slice(1).entries()) {
		await ourSend(`benchPersonal00${index}`, accounts.personalised[index], 'personalised mode, send answer `messages`', count);
	}

	say(`seeding ${opts.contacts} contacts…`);
	const chunk = 10_000;
	for (let i = 0; i < opts.contacts; i += chunk) {
		const body = Array.from({ length: Math.min(chunk, opts.contacts - i) }, (_, j) => ({
			properties: { phoneNumber: `+4672${String(1000000 + i + j)}`, firstName: `Contact${i + j}` },
		}));
		const res = await fetch(`${sandbox.url}/v2/contacts`, {
			method: 'POST',
			headers: { authorization: `Bearer ${accounts.contacts.token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (res.status >= 300) throw new Error(`contact import answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
		await res.arrayBuffer();
		// Stay clear of the account's limit before the measured run.
		await new Promise((r) => setTimeout(r, 1100));
	}
	await control.settle();
	const total = control.state(accounts.contacts.token).contacts.length;
	const before = accountFigures(control, accounts.contacts.token).requests;
	say(`Return All over ${total} contacts…`);
	m = await execute(n8n, cliEnv, 'benchReturnAll01');
	f = accountFigures(control, accounts.contacts.token);
	const requests = f.requests - before;
	const returned = outputOf(m.run, 'Contacts');
	const unique = new Set(returned.map((item) => item.json.id ?? item.json.contactId ?? JSON.stringify(item.json))).size;
	const boundMs = (requests / RATE_LIMIT) * 1000;
	const listMs = nodeMs(m.run, 'Contacts');
	rows.push(
		row({
			scenario: `Return All over ${fmt(total)} contacts — **iP.1 SMS**`,
			requests: fmt(requests),
			wall: seconds(listMs),
			execution: seconds(m.ms),
			rate: `${fmt(returned.length / (listMs / 1000))} items/s`,
			rss: `${fmt(m.peakMb)} MB`,
			ratio: `${fmt(listMs / boundMs, 2)}× the bound`,
			r429: `${f.answered429} / ${surfaced429(m, 'Contacts')}`,
			dup: String(returned.length - unique),
			note: `bound = ${fmt(requests)} requests / ${RATE_LIMIT} per s = ${seconds(boundMs)}; ${fmt(returned.length)} items returned${m.error ? `; **failed**: ${m.error.slice(0, 120)}` : ''}`,
		}),
	);
	say(JSON.stringify(rows.at(-1)));
}

/** Every execution of a workflow (the REST API pages by 100; 2.x with a cursor, 1.x with lastId). */
async function executions(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const all = [];
	let position = '';
	for (;;) {
		const data = (await rest.get(`/rest/executions?filter=${filter}&limit=100${position}`)).json.data;
		const page = data.results ?? data;
		all.push(...page);
		if (page.length < 100) return all;
		if ('nextCursor' in data) {
			if (!data.nextCursor) return all;
			position = `&cursor=${data.nextCursor}`;
		} else position = `&lastId=${page[page.length - 1].id}`;
	}
}

async function executionCount(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = (await rest.get(`/rest/executions?filter=${filter}&limit=1`)).json;
	if (typeof data.count === 'number' && !data.estimated) return data.count;
	return (await executions(rest, workflowId)).length;
}

/** The burst: `unique` delivery reports, `repeats` of them sent again later in the same burst. */
function deliveryBurst(prefix, unique, repeats) {
	const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	const reports = Array.from({ length: unique }, (_, i) => ({
		id: `6b${prefix}${String(i).padStart(20, '0')}`.slice(0, 24),
		batchId: '6b0000000000000000000001',
		recipient: `4673${String(1000000 + i)}`,
		code: 201,
		duration: 1,
		created,
		segments: 1,
		price: 0.0416,
		currency: 'eur',
		reference: null,
	}));
	const burst = [...reports];
	// Each repeat lands a few positions after its original (some still in flight: concurrency 20).
	for (let r = 0; r < repeats; r++) {
		const original = Math.floor((r * unique) / repeats);
		burst.splice(Math.min(burst.length, original + 1 + r + (r % 25)), 0, reports[original]);
	}
	return burst;
}

/** Inbound SMS as iP.1 posts them (message documents, direction mo), each from its own number: no question waits for any. */
function inboundBurst(prefix, count) {
	const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	return Array.from({ length: count }, (_, i) => ({
		id: `6c${prefix}${String(i).padStart(20, '0')}`.slice(0, 24),
		batchId: `6c${prefix}${String(i).padStart(20, '0')}`.slice(0, 24),
		sender: `4674${String(1000000 + i)}`,
		recipient: '46700000000',
		body: `Hej ${i}`,
		direction: 'mo',
		type: 'SMS',
		datacoding: 'gsm',
		segments: 1,
		statuses: [{ created, code: 201, duration: 1 }],
		modified: created,
	}));
}

async function measureBurst({ rest, server, url, workflowId, burst, expected, label }) {
	let peakMb = procStatusMb(server.child.pid, 'VmRSS');
	const sampler = setInterval(() => (peakMb = Math.max(peakMb, procStatusMb(server.child.pid, 'VmRSS'))), 200);
	const before = await executionCount(rest, workflowId);
	const t0 = Date.now();
	const answers = await mapLimit(burst, CONCURRENCY, async (payload) => {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
		return { status: res.status, text: await res.text() };
	});
	const answeredMs = Date.now() - t0;
	let last = -1;
	let stableSince = Date.now();
	await waitFor(
		() => `${label}: ${expected} executions (last count ${last})`,
		async () => {
			const count = (await executionCount(rest, workflowId)) - before;
			if (count !== last) {
				last = count;
				stableSince = Date.now();
			}
			return count >= expected && Date.now() - stableSince > 3000;
		},
		{ timeoutMs: 900_000, intervalMs: 1000 },
	);
	clearInterval(sampler);
	// n8n's own count; the list only for the times (2.41's cursor paging can repeat or skip one at a page edge).
	const count = (await executionCount(rest, workflowId)) - before;
	const byId = new Map((await executions(rest, workflowId)).map((e) => [e.id, e]));
	const list = [...byId.values()].filter((e) => new Date(e.startedAt).getTime() >= t0 - 50);
	const starts = list.map((e) => new Date(e.startedAt).getTime());
	const stops = list.map((e) => new Date(e.stoppedAt).getTime()).filter((t) => !Number.isNaN(t));
	const windowMs = Math.max(...stops) - Math.min(...starts);
	return {
		executions: count,
		succeeded: list.filter((e) => e.status === 'success').length,
		listed: list.length,
		windowMs,
		answeredMs,
		clearedMs: Math.max(...stops) - t0,
		peakMb,
		status200: answers.filter((a) => a.status === 200).length,
		notStarted: answers.filter((a) => a.status === 200 && /"started":\s*false/.test(a.text)).length,
	};
}

async function runTrigger(ctx, rows) {
	const { n8n, env, userFolder } = ctx;
	const unique = opts.deliveries - opts.repeats;
	say('starting n8n for the trigger burst…');
	const server = await startN8n(n8n, env, { logFile: join(userFolder, 'n8n.log') });
	ctx.server = server;
	const rest = new N8nRest(server.baseUrl);
	await rest.ownerAndLogin();
	for (const id of ['benchTriggerOurs', 'benchTriggerHook']) {
		const { data: wf } = await rest.get(`/rest/workflows/${id}`);
		const act = await rest.post(`/rest/workflows/${id}/activate`, { versionId: wf.versionId }, { expect: null });
		if (act.status === 404) await rest.patch(`/rest/workflows/${id}`, { active: true, versionId: wf.versionId });
	}
	const urls = {
		ours: `${server.baseUrl}/webhook/${ctx.hooks.ours}/ip1sms?secret=${SECRET}`,
		hook: `${server.baseUrl}/webhook/${ctx.hooks.hook}`,
	};
	for (const url of Object.values(urls)) {
		await waitFor(`${url} registered`, async () => {
			const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			await r.arrayBuffer();
			return r.status !== 404;
		});
	}
	// Warm-up: a few executions of each before measuring (first-run compilation, database pages).
	say('warm-up…');
	for (const [key, workflowId] of [
		['ours', 'benchTriggerOurs'],
		['hook', 'benchTriggerHook'],
	]) {
		const warm = deliveryBurst('ff', 20, 0);
		await mapLimit(warm, 5, async (p) => (await fetch(urls[key], { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(p) })).arrayBuffer());
		await waitFor(`warm-up of ${workflowId}`, async () => (await executionCount(rest, workflowId)) >= 20, { timeoutMs: 120_000, intervalMs: 500 });
	}

	const results = {};
	for (const [key, workflowId, label, prefix, expected] of [
		['hook', 'benchTriggerHook', "n8n's Webhook node", '01', opts.deliveries],
		['ours', 'benchTriggerOurs', 'iP.1 SMS Trigger', '02', unique],
	]) {
		say(`${label}: ${opts.deliveries} delivery reports (${opts.repeats} repeats), concurrency ${CONCURRENCY}…`);
		results[key] = await measureBurst({ rest, server, url: urls[key], workflowId, burst: deliveryBurst(prefix, unique, opts.repeats), expected, label });
		say(JSON.stringify(results[key]));
	}
	const perSecond = (r) => opts.deliveries / (r.windowMs / 1000);
	const anchor = perSecond(results.hook);
	for (const [key, label] of [
		['hook', "**anchor: n8n's Webhook node** → No Operation"],
		['ours', '**iP.1 SMS Trigger** (Delivery Report) → No Operation'],
	]) {
		const r = results[key];
		const duplicates = key === 'ours' ? r.executions - unique : 0;
		rows.push(
			row({
				scenario: `${fmt(opts.deliveries)} delivery reports (${opts.repeats} repeated), ${CONCURRENCY} concurrent — ${label}`,
				requests: fmt(opts.deliveries),
				wall: seconds(r.windowMs),
				execution: `${fmt(r.executions)} executions`,
				rate: `${fmt(perSecond(r), 1)} deliveries/s, ${fmt(r.executions / (r.windowMs / 1000), 1)} exec/s`,
				rss: `${fmt(r.peakMb)} MB`,
				ratio: `${fmt(perSecond(r) / anchor, 2)}×`,
				r429: '—',
				dup: key === 'ours' ? String(duplicates) : `(${opts.repeats} not suppressed)`,
				note:
					`${fmt(r.executions)} executions (${fmt(r.succeeded)} of ${fmt(r.listed)} listed succeeded) for ${fmt(unique)} unique events; ${fmt(r.status200)} answered 200` +
					(key === 'ours' ? `, ${r.notStarted} "already received"` : '') +
					`; answers in ${seconds(r.answeredMs)}`,
			}),
		);
	}
	await runInboundBurst(ctx, rows, { rest, server, hookUrl: urls.hook });
}

/**
 * Inbound SMS at speed: the iP.1 SMS Trigger (Inbound SMS, which routes replies to waiting Send and Wait
 * executions) against n8n's Webhook node, the same burst of inbound SMS, none of them a reply. Twice for the
 * trigger: with no question of the account waiting (the callback URL's mark `ip1Questions=none`: no API read),
 * and with questions that may wait (the mark Send and Wait sets before it asks: one conversation read per SMS).
 */
async function runInboundBurst(ctx, rows, { rest, server, hookUrl }) {
	const { sandbox, accounts } = ctx;
	const { control } = sandbox;
	const { data: wf } = await rest.get('/rest/workflows/benchInboundOurs');
	const act = await rest.post('/rest/workflows/benchInboundOurs/activate', { versionId: wf.versionId }, { expect: null });
	if (act.status === 404) await rest.patch('/rest/workflows/benchInboundOurs', { active: true, versionId: wf.versionId });
	const url = await waitFor('the inbound callback URL', async () => control.state(accounts.inbound.token).settings.IncomingCallbackUrl ?? null);
	const marked = url.replace(/ip1Questions=[^&]*/, `ip1Questions=${new Date(Date.now() + 32 * 86_400_000).toISOString().slice(0, 10)}`);
	const results = {};
	for (const [key, workflowId, target, label, prefix, mark] of [
		['hook', 'benchTriggerHook', hookUrl, "n8n's Webhook node", '03'],
		['ours', 'benchInboundOurs', url, 'iP.1 SMS Trigger (Inbound SMS), no question waiting', '04', url],
		['asked', 'benchInboundOurs', marked, 'iP.1 SMS Trigger (Inbound SMS), questions may wait', '05', marked],
	]) {
		// What iP.1 posts to is the setting's value; Send and Wait writes the mark the same way (PUT).
		if (mark) await putCallbackUrl(sandbox.url, accounts.inbound.token, mark);
		say(`${label}: ${opts.inbound} inbound SMS, concurrency ${CONCURRENCY}…`);
		const before = accountFigures(control, accounts.inbound.token).requests;
		results[key] = await measureBurst({ rest, server, url: target, workflowId, burst: inboundBurst(prefix, opts.inbound), expected: opts.inbound, label });
		results[key].reads = accountFigures(control, accounts.inbound.token).requests - before;
		say(JSON.stringify(results[key]));
	}
	const perSecond = (r) => opts.inbound / (r.windowMs / 1000);
	for (const [key, label] of [
		['hook', "**anchor: n8n's Webhook node** → No Operation"],
		['ours', '**iP.1 SMS Trigger** (Inbound SMS, reply routing on, **no question waiting**) → No Operation'],
		['asked', '**iP.1 SMS Trigger** (Inbound SMS, reply routing on, **questions may wait**) → No Operation'],
	]) {
		const r = results[key];
		rows.push(
			row({
				scenario: `${fmt(opts.inbound)} inbound SMS, none a reply, ${CONCURRENCY} concurrent — ${label}`,
				requests: key === 'hook' ? '—' : `${fmt(r.reads)} API reads`,
				wall: seconds(r.windowMs),
				execution: `${fmt(r.executions)} executions`,
				rate: `${fmt(perSecond(r), 1)} SMS/s`,
				rss: `${fmt(r.peakMb)} MB`,
				ratio: `${fmt(perSecond(r) / perSecond(results.hook), 2)}×`,
				r429: '—',
				dup: key === 'hook' ? '0' : String(r.executions - opts.inbound),
				note: `${fmt(r.executions)} executions (${fmt(r.succeeded)} of ${fmt(r.listed)} listed succeeded); ${fmt(r.status200)} answered 200; answers in ${seconds(r.answeredMs)}`,
			}),
		);
	}
}

/** Sets the account's IncomingCallbackUrl as Send and Wait does when it moves the questions mark. */
async function putCallbackUrl(baseUrl, token, value) {
	const res = await fetch(`${baseUrl}/v2/me/sms/settings/IncomingCallbackUrl`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ value }),
	});
	await res.arrayBuffer();
	if (res.status >= 300) throw new Error(`PUT IncomingCallbackUrl answered ${res.status}`);
}

async function main() {
	const loadBefore = loadAverage();
	say(`n8n ${opts.version}, latency ${opts.latencyMs} ms, ${RATE_LIMIT} req/s${opts.quick ? ', quick' : ''}; building…`);
	await buildPackage();
	const n8n = await ensureN8n(opts.version);
	const { startSandbox } = await loadSandbox();
	const sandbox = await startSandbox({ seedDemoData: true, rateLimitPerSecond: RATE_LIMIT, latencyMs: opts.latencyMs, clock: 'manual' });
	const { control } = sandbox;
	const newAccount = () => control.createAccount({ balance: 10_000_000 });
	const byReading = () => Object.fromEntries(opts.readings.map((reading) => [reading, newAccount()]));
	const accounts = {
		anchor: newAccount(),
		perItem: byReading(),
		separate: byReading(),
		personalisedBy: byReading(),
		personalised: opts.personalised.slice(1).map(newAccount),
		contacts: newAccount(),
		inbound: newAccount(),
		warmUp: newAccount(),
	};
	const credentialOf = (name, account) => ({ id: `bench${name}`.padEnd(16, '0').slice(0, 16), name: `iP.1 bench ${name}`, account });
	const perReading = (prefix, byName) => Object.fromEntries(opts.readings.map((reading, i) => [reading, credentialOf(`${prefix}${i}`, byName[reading])]));
	const credentials = {
		perItem: perReading('PerItem', accounts.perItem),
		separate: perReading('Separate', accounts.separate),
		personalisedBy: perReading('PersonalBy', accounts.personalisedBy),
		personalised: accounts.personalised.map((a, i) => credentialOf(`Personal${i}`, a)),
		contacts: credentialOf('Contacts', accounts.contacts),
		trigger: credentialOf('Trigger', newAccount()),
		inbound: credentialOf('Inbound', accounts.inbound),
		warmUp: credentialOf('WarmUp', accounts.warmUp),
	};
	const userFolder = makeTempDir('ip1-bench-');
	const port = await freePort();
	const engine = {
		...(opts.expressionEngine ? { N8N_EXPRESSION_ENGINE: opts.expressionEngine } : {}),
		...(opts.lazyAcquire ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } : {}),
	};
	const env = n8nEnv(n8n, { userFolder, port, extra: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...engine } });
	const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const hooks = { ours: 'b0b0b0b0-0000-4000-8000-00000000be01', hook: 'b0b0b0b0-0000-4000-8000-00000000be02' };
	const ctx = { n8n, env, cliEnv, sandbox, accounts, userFolder, hooks, server: null };
	const rows = [];
	let failed = false;
	try {
		const allCredentials = [
			...Object.values(credentials.perItem),
			...Object.values(credentials.separate),
			...Object.values(credentials.personalisedBy),
			...credentials.personalised,
			credentials.contacts,
			credentials.trigger,
			credentials.inbound,
			credentials.warmUp,
		];
		const headerAuth = { id: 'benchHeaderAuth1', name: 'iP.1 bench Header Auth' };
		const headerAuthWarmUp = { id: 'benchHeaderAuth2', name: 'iP.1 bench Header Auth, warm-up' };
		writeJson(join(userFolder, 'credentials.json'), [
			...allCredentials.flatMap((c) => credentialFile({ id: c.id, name: c.name, apiToken: c.account.token, baseUrl: sandbox.url })),
			{ ...headerAuth, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${accounts.anchor.token}` } },
			{ ...headerAuthWarmUp, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${accounts.warmUp.token}` } },
		]);
		const cred = (c) => ({ id: c.id, name: c.name });
		writeJson(join(userFolder, 'workflows.json'), [
			httpRequestWorkflow('benchHttpAnchor1', opts.perItem, { url: sandbox.url, credential: headerAuth, warmUpCredential: headerAuthWarmUp }),
			...opts.readings.flatMap((reading) => [
				ourPerItemWorkflow(readingWorkflowId('PerItem', reading), opts.perItem, cred(credentials.perItem[reading]), cred(credentials.warmUp)),
				ourPerItemWorkflow(readingWorkflowId('Separate', reading), opts.perItem, cred(credentials.separate[reading]), cred(credentials.warmUp), { combineItems: false }),
				ourPersonalisedWorkflow(readingWorkflowId('PersonalBy', reading), opts.personalised[0], cred(credentials.personalisedBy[reading]), cred(credentials.warmUp)),
			]),
			...opts.personalised.slice(1).map((count, i) => ourPersonalisedWorkflow(`benchPersonal00${i}`, count, cred(credentials.personalised[i]), cred(credentials.warmUp))),
			returnAllWorkflow('benchReturnAll01', cred(credentials.contacts), cred(credentials.warmUp)),
			triggerWorkflow('benchTriggerOurs', `Bench: iP.1 SMS Trigger v${opts.triggerVersion} → No Operation`, {
				webhookId: hooks.ours,
				parameters: { events: ['deliveryReport'], deliveryReportSecret: SECRET, deliveryReportFilter: 'all' },
				credential: cred(credentials.trigger),
				typeVersion: opts.triggerVersion,
			}),
			webhookNodeWorkflow('benchTriggerHook', hooks.hook),
			triggerWorkflow('benchInboundOurs', `Bench: iP.1 SMS Trigger v${opts.triggerVersion}, Inbound SMS → No Operation`, {
				webhookId: 'b0b0b0b0-0000-4000-8000-00000000be03',
				parameters: { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' },
				credential: cred(credentials.inbound),
				typeVersion: opts.triggerVersion,
			}),
		]);
		for (const [what, file] of [
			['credentials', 'credentials.json'],
			['workflow', 'workflows.json'],
		]) {
			const r = await n8nCli(n8n, [`import:${what}`, '--input', join(userFolder, file)], { env: cliEnv });
			if (r.code !== 0) throw new Error(`import:${what}: ${r.stdout} ${r.stderr}`);
		}
		if (opts.actions) await runActions(ctx, rows);
		if (opts.trigger) await runTrigger(ctx, rows);
	} catch (error) {
		failed = true;
		process.stderr.write(`${error.stack}\n[bench] n8n user folder kept: ${userFolder}\n`);
	} finally {
		if (ctx.server) await stopGroup(ctx.server.child);
		await sandbox.close();
		if (!failed) rmSync(userFolder, { recursive: true, force: true });
	}
	if (rows.length === 0) process.exit(1);

	let commit = '';
	try {
		commit = execFileSync('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
	} catch {
		// not a git checkout
	}
	const nodeMajor = opts.version.startsWith('2.') ? '24' : process.versions.node.split('.')[0];
	printTable(
		rows,
		`n8n ${opts.version} on Node ${nodeMajor}${opts.expressionEngine ? ` with N8N_EXPRESSION_ENGINE=${opts.expressionEngine}` : ''}${opts.lazyAcquire ? ' with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true' : ''}; trigger version ${opts.triggerVersion}; sandbox on 127.0.0.1 with ${opts.latencyMs} ms added to every API request and ${RATE_LIMIT} requests/s enforced; ` +
			`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${commit ? `, commit ${commit}` : ''}; load average ${loadBefore} before, ${loadAverage()} after (2 cores, shared)`,
	);
	process.stdout.write(
		[
			'',
			'Wall = the measured node\'s own time as n8n recorded it (executionTime), after a warm-up node on another account paid n8n\'s first-credential cost (1–2 s); Execution = the whole execution\'s start → stop (`n8n execute`, start-up excluded). Triggers: the first execution\'s start → the last one\'s stop, as n8n saved them.',
			'Ratio = throughput ÷ the anchor\'s (sends: the HTTP Request node; triggers: the Webhook node, deliveries cleared per second); Return All: wall ÷ the bound (requests ÷ 30 per s).',
			'Requests = API requests the sandbox received for that scenario (each has its own account), 429s included. Peak RSS = the n8n process, n8n itself included (sends: VmHWM of `n8n execute`; triggers: VmRSS of `n8n start` during the burst).',
			'429 surfaced = errors the user sees (execution error or items with an error) that came from a 429. Duplicates = messages accepted twice (sends), items returned twice (Return All), executions beyond one per unique event (trigger).',
			'',
		].join('\n'),
	);
	if (failed) process.exit(1);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
