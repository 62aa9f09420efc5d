#!/usr/bin/env node
// `npm run dev`: the package in the REAL n8n, talking to the embedded iP.1 sandbox.
//
// 1. checks that its ports are free (127.0.0.1:5678 for n8n, :8787 for the sandbox): if another program
//    holds one (often the user's own n8n on 5678), it stops at once, naming the port and the option to
//    change it, and never sends that program a request;
// 2. builds the package (dist/) and the sandbox (node_modules/.cache/ip1sms-tools/);
// 3. starts the sandbox (demo account, token ip1-sandbox-demo-token, 30 requests/s, real clock, so
//    delivery reports arrive by themselves);
// 4. installs n8n into the cache if needed (scripts/n8n-install.mjs, progress lines every 15 s);
// 5. imports the credential "iP.1 SMS sandbox" and the workflows of examples/ (first run, --reset, or
//    when the ports changed since the import), starts n8n with our nodes (N8N_CUSTOM_EXTENSIONS),
//    waits until its REST API answers JSON, creates the owner account, logs in and checks the cookie,
//    activates the examples that start with an iP.1 SMS Trigger and reads them back, and prints the
//    editor URL. Every REST answer must be well-formed JSON with the expected fields: n8n under load
//    answers /rest/* with "starting up" pages and 404s for a while, which are retried (bounded), never
//    taken for success.
// Ctrl-C stops n8n (its whole process group, task runner included) and the sandbox.
//
// Options: --n8n <version> (default 2.41.1; or IP1_N8N_VERSION), --port <n8n port> (5678),
//          --sandbox-port <port> (8787), --data <folder> (the dev n8n's data; default
//          <cache>/dev-n8n-<version>), --reset, --quiet-sandbox
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { DEFAULT_N8N_VERSION, cacheRoot, ensureN8n } from './n8n-install.mjs';
import {
	DEMO_OWNER,
	N8nRest,
	buildPackage,
	killGroup,
	n8nCli,
	n8nEnv,
	portIsFree,
	repoRoot,
	TOOLS_DIR,
	sleep,
	startN8n,
	stopGroup,
	writeJson,
} from './n8n-runtime.mjs';

const DEMO_TOKEN = 'ip1-sandbox-demo-token';
const CREDENTIAL = { id: 'ip1SandboxCred01', name: 'iP.1 SMS sandbox' };
// The examples are written for the default ports; other ports are substituted on import.
const EXAMPLE_N8N_URL = 'http://127.0.0.1:5678/';

function option(name, fallback) {
	const args = process.argv.slice(2);
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : fallback;
}
const flag = (name) => process.argv.slice(2).includes(name);

const say = (line) => process.stdout.write(`[dev] ${line}\n`);

/** The example workflows with the node types n8n gives custom-folder nodes, and n8n's URL on `port`. */
function exampleWorkflows(port) {
	const dir = join(repoRoot, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) =>
			JSON.parse(
				readFileSync(join(dir, f), 'utf8')
					.replaceAll('"n8n-nodes-ip1sms.ip1Sms', '"CUSTOM.ip1Sms')
					.replaceAll(EXAMPLE_N8N_URL, `http://127.0.0.1:${port}/`),
			),
		);
}

const startsWithIp1Trigger = (wf) => wf.nodes.some((n) => n.type === 'CUSTOM.ip1SmsTrigger');
const startsManually = (wf) => wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
/** The AI-agent example starts from n8n's chat (it needs an OpenAI credential of the user's own). */
const startsFromChat = (wf) => wf.nodes.some((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');

/** A free port chosen by the system (for n8n's internal task-runner broker, which users never see). */
function systemPort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Stops before anything starts when a port is taken: dev never talks to a program it did not start. */
async function requireFreePorts(ports) {
	const taken = [];
	for (const [port, what, opt] of ports) if (!(await portIsFree(port))) taken.push({ port, what, opt });
	if (!taken.length) return;
	const lines = taken.map(
		({ port, what, opt }) =>
			`  port ${port} (${what}) is already in use by another program${port === 5678 ? ' (perhaps your own n8n)' : ''}.\n` +
			`  Stop that program, or choose another port:  npm run dev -- ${opt} ${nearbyHint(port)}`,
	);
	process.stderr.write(`\n[dev] cannot start: nothing was started and no request was sent to those ports.\n${lines.join('\n')}\n\n`);
	process.exit(2);
}
const nearbyHint = (port) => (port === 5678 ? 5690 : port === 8787 ? 8797 : port + 10);

/** The sandbox CLI in its own process group; resolves once it answers as the demo account. */
async function startSandboxCli(port, quiet) {
	const child = spawn(process.execPath, [join(repoRoot, ...TOOLS_DIR, 'sandbox', 'cli.js'), '--port', String(port), '--clock', 'real', '--rate-limit', '30'], {
		cwd: repoRoot,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const echo = (stream) => (chunk) => {
		if (quiet) return;
		for (const line of chunk.toString().split('\n')) if (line.trim()) stream.write(`[sandbox] ${line}\n`);
	};
	child.stdout.on('data', echo(process.stdout));
	child.stderr.on('data', echo(process.stderr));
	let exited = false;
	child.on('exit', () => (exited = true));
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 600; i++) {
		if (exited) throw new Error(`the sandbox exited at start (is port ${port} in use?)`);
		try {
			const res = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${DEMO_TOKEN}` }, signal: AbortSignal.timeout(2000) });
			if (res.status === 200 && (res.headers.get('content-type') ?? '').includes('json')) return { child, url };
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	throw new Error('the sandbox did not answer within 60 s');
}

/** Awaits `promise`, saying every 15 s that `what` is still going (n8n's CLI is slow on a busy machine). */
async function withProgress(what, promise) {
	const t0 = Date.now();
	const ticker = setInterval(() => say(`${what} (${Math.round((Date.now() - t0) / 1000)} s)…`), 15_000);
	try {
		return await promise;
	} finally {
		clearInterval(ticker);
	}
}

/** Which ports the dev n8n's imported data points at (the credential's base URL, the example URLs). */
function readPorts(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

async function main() {
	const version = option('--n8n', process.env.IP1_N8N_VERSION || DEFAULT_N8N_VERSION);
	const port = Number(option('--port', '5678'));
	const sandboxPort = Number(option('--sandbox-port', '8787'));
	await requireFreePorts([
		[port, 'n8n', '--port'],
		[sandboxPort, 'iP.1 sandbox', '--sandbox-port'],
	]);
	const started = [];
	let stopping = false;
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		say('stopping…');
		for (const child of [...started].reverse()) await stopGroup(child, 8000);
		say('stopped');
		process.exit(code);
	};
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));
	process.on('SIGHUP', () => stopAll(0));
	// If this script dies some other way, do not leave n8n or the sandbox behind.
	process.on('exit', () => {
		for (const child of started) killGroup(child.pid, 'SIGKILL');
	});

	try {
		const t0 = Date.now();
		say('building the package and the sandbox…');
		await withProgress('building', buildPackage());

		const sandbox = await startSandboxCli(sandboxPort, flag('--quiet-sandbox'));
		started.push(sandbox.child);
		say(`sandbox on ${sandbox.url} (demo token ${DEMO_TOKEN})`);
		sandbox.child.on('exit', (code) => {
			if (!stopping) {
				say(`the sandbox exited (${code})`);
				stopAll(1);
			}
		});

		const n8n = await ensureN8n(version);
		const userFolder = option('--data', process.env.IP1_DEV_DATA || join(cacheRoot(), `dev-n8n-${version}`));
		if (flag('--reset')) rmSync(userFolder, { recursive: true, force: true });
		const portsFile = join(userFolder, 'dev-ports.json');
		const ports = { n8n: port, sandbox: sandboxPort };
		const imported = readPorts(portsFile);
		const hasDatabase = existsSync(join(userFolder, '.n8n', 'database.sqlite'));
		// A loaded machine starts the task runner slowly: give it longer than the default 30 s to connect.
		const env = n8nEnv(n8n, {
			userFolder,
			port,
			extra: {
				N8N_RUNNERS_BROKER_PORT: String(await systemPort()),
				N8N_RUNNERS_GRANT_TOKEN_TTL: '300',
				// n8n 2.x opens on its AI Assistant's onboarding page after login (the assistant needs n8n's cloud,
				// which this offline demo has not): without the module the editor opens on the workflow list.
				...(version.startsWith('2.') ? { N8N_DISABLED_MODULES: 'instance-ai' } : {}),
			},
		});
		const workflows = exampleWorkflows(port);

		// What to import: everything on the first run or when the ports changed (the credential's base URL and
		// the example URLs carry them); otherwise only examples added to examples/ since the last import.
		const portsChanged = !imported || imported.n8n !== port || imported.sandbox !== sandboxPort;
		const known = new Set(imported?.examples ?? []);
		const fullImport = !hasDatabase || portsChanged;
		const toImport = fullImport ? workflows : workflows.filter((wf) => !known.has(wf.id));
		const runImport = async (what, file, value) => {
			writeJson(join(userFolder, 'import', file), value);
			const r = await withProgress(
				`n8n import:${what}`,
				n8nCli(n8n, [`import:${what}`, '--input', join(userFolder, 'import', file)], {
					env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await systemPort()) },
					// Ctrl-C during an import must stop the import too (it runs in its own process group).
					onSpawn: (child) => started.push(child),
				}),
			);
			if (r.code !== 0) throw new Error(`n8n import:${what} failed:\n${r.stdout}\n${r.stderr}`);
		};
		if (fullImport) {
			if (hasDatabase) say(`the ports changed since the last import: importing the credential and the examples again (edits to the examples are replaced)`);
			else say('first run: importing the credential and the example workflows…');
			await runImport('credentials', 'credentials.json', [
				{ ...CREDENTIAL, type: 'ip1SmsApi', data: { apiToken: DEMO_TOKEN, baseUrl: sandbox.url } },
			]);
		} else if (toImport.length && !imported.examples) {
			say('this data folder does not record which examples it has: importing them again (edits to the examples are replaced)…');
		} else if (toImport.length) {
			say(`new in examples/ since the last import: ${toImport.map((wf) => `"${wf.name}"`).join(', ')}; importing…`);
		}
		if (toImport.length) {
			await runImport('workflow', 'workflows.json', toImport);
			writeJson(portsFile, { ...ports, examples: [...new Set([...(fullImport ? [] : known), ...toImport.map((wf) => wf.id)])] });
		}

		say(`starting n8n ${version} on http://127.0.0.1:${port} (log: ${join(userFolder, 'n8n.log')})…`);
		const server = await startN8n(n8n, env, {
			logFile: join(userFolder, 'n8n.log'),
			// Bounded, but generous: n8n took over 2 minutes to start on a 2-core machine running a dozen jobs.
			timeoutMs: 600_000,
			onWait: (secs) => say(`n8n is starting (${secs} s; its REST API does not answer with JSON yet)…`),
		});
		started.push(server.child);
		server.child.on('exit', (code) => {
			if (!stopping) {
				say(`n8n exited (${code}); see ${join(userFolder, 'n8n.log')}`);
				stopAll(1);
			}
		});
		say(`n8n answers (${Math.round(server.startMs / 1000)} s); setting up the owner account and logging in…`);

		const rest = new N8nRest(server.baseUrl);
		await rest.ownerAndLogin(DEMO_OWNER, { timeoutMs: 240_000 });
		const status = new Map();
		// List only what n8n has: an example n8n does not return is named as missing, not listed as ready.
		for (const wf of workflows) {
			try {
				await rest.workflow(wf.id);
			} catch (error) {
				status.set(wf.id, '(MISSING in n8n: npm run dev -- --reset imports the examples again)');
				say(`"${wf.name}" is not in this n8n: ${error.message}`);
			}
		}
		for (const wf of workflows.filter((w) => startsWithIp1Trigger(w) && !status.has(w.id))) {
			try {
				await rest.activateWorkflow(wf.id);
				status.set(wf.id, '(active)');
			} catch (error) {
				status.set(wf.id, '(NOT active, see above)');
				say(`could not activate "${wf.name}": ${error.message}`);
			}
		}
		for (const wf of workflows) if (!status.has(wf.id) && startsManually(wf)) status.set(wf.id, '(open it, click Execute workflow)');
		for (const wf of workflows) if (!status.has(wf.id) && startsFromChat(wf)) status.set(wf.id, '(open it, add an OpenAI credential, open the chat)');

		const secs = ((Date.now() - t0) / 1000).toFixed(0);
		// Workflows to open and run first, then the active ones.
		workflows.sort((a, b) => Number(startsManually(b)) - Number(startsManually(a)));
		const width = Math.max(...workflows.map((wf) => wf.name.length)) + 2;
		const listed = workflows
			.map((wf, i) => `${i === 0 ? '  Workflows: ' : '             '}${`"${wf.name}"`.padEnd(width)}  ${status.get(wf.id) ?? ''}`.trimEnd())
			.join('\n');
		process.stdout.write(`
  n8n ${version} with n8n-nodes-ip1sms is ready (${secs} s)

  Editor:    ${server.baseUrl}/
  Log in:    ${DEMO_OWNER.email}  /  ${DEMO_OWNER.password}
  Sandbox:   ${sandbox.url}  (token ${DEMO_TOKEN}, credential "${CREDENTIAL.name}")

${listed}

  Simulate an inbound SMS (the auto-reply workflow answers it):
    curl -s -X POST ${sandbox.url}/_sandbox/inbound -H 'content-type: application/json' \\
      -d '{"token":"${DEMO_TOKEN}","from":"46701234567","body":"Is the shop open today?"}'

  Ctrl-C stops n8n and the sandbox.
`);
		await new Promise(() => {});
	} catch (error) {
		process.stderr.write(`[dev] ${error.stack ?? error}\n`);
		await stopAll(1);
	}
}

main();
