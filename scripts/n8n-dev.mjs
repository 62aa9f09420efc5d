#!/usr/bin/env node
// `npm run dev`: the package in the REAL n8n, talking to the embedded iP.1 sandbox.
//
// 1. builds the package (dist/) and the sandbox (node_modules/.cache/ip1sms-tools/);
// 2. starts the sandbox on 127.0.0.1:8787 (demo account, token ip1-sandbox-demo-token, 30 requests/s,
//    real clock, so delivery reports arrive by themselves);
// 3. installs n8n into the cache if needed (scripts/n8n-install.mjs);
// 4. imports the credential "iP.1 SMS sandbox" and the workflows of examples/ (first run only; --reset
//    starts from an empty n8n), starts n8n on 127.0.0.1:5678 with our nodes (N8N_CUSTOM_EXTENSIONS),
//    creates the owner account, activates the two trigger examples, and prints the editor URL.
// Ctrl-C stops n8n (its whole process group, task runner included) and the sandbox.
//
// Options: --n8n <version> (default 2.41.1; or IP1_N8N_VERSION), --port <n8n port> (5678),
//          --sandbox-port <port> (8787), --reset, --quiet-sandbox
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_N8N_VERSION, cacheRoot, ensureN8n } from './n8n-install.mjs';
import {
	DEMO_OWNER,
	N8nRest,
	buildPackage,
	killGroup,
	n8nCli,
	n8nEnv,
	repoRoot,
	TOOLS_DIR,
	sleep,
	startN8n,
	stopGroup,
	writeJson,
} from './n8n-runtime.mjs';

const DEMO_TOKEN = 'ip1-sandbox-demo-token';
const CREDENTIAL = { id: 'ip1SandboxCred01', name: 'iP.1 SMS sandbox' };
const ACTIVATE = ['ip1ExampleReply1', 'ip1ExampleDlrLog'];

function option(name, fallback) {
	const args = process.argv.slice(2);
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : fallback;
}
const flag = (name) => process.argv.slice(2).includes(name);

const say = (line) => process.stdout.write(`[dev] ${line}\n`);

/** The example workflows with the node types n8n gives custom-folder nodes. */
function exampleWorkflows() {
	const dir = join(repoRoot, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) =>
			JSON.parse(
				readFileSync(join(dir, f), 'utf8').replaceAll('"n8n-nodes-ip1sms.ip1Sms', '"CUSTOM.ip1Sms'),
			),
		);
}

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
	for (let i = 0; i < 100; i++) {
		if (exited) throw new Error(`the sandbox exited at start (is port ${port} in use?)`);
		try {
			const res = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${DEMO_TOKEN}` } });
			if (res.status === 200) return { child, url };
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	throw new Error('the sandbox did not answer within 10 s');
}

async function main() {
	const version = option('--n8n', process.env.IP1_N8N_VERSION || DEFAULT_N8N_VERSION);
	const port = Number(option('--port', '5678'));
	const sandboxPort = Number(option('--sandbox-port', '8787'));
	const started = [];
	let stopping = false;
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		say('stopping…');
		for (const child of started.reverse()) await stopGroup(child, 8000);
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
		await buildPackage();

		const sandbox = await startSandboxCli(sandboxPort, flag('--quiet-sandbox'));
		started.push(sandbox.child);
		say(`sandbox on ${sandbox.url} (demo token ${DEMO_TOKEN})`);

		const n8n = await ensureN8n(version);
		const userFolder = join(cacheRoot(), `dev-n8n-${version}`);
		if (flag('--reset')) rmSync(userFolder, { recursive: true, force: true });
		const firstRun = !existsSync(join(userFolder, '.n8n', 'database.sqlite'));
		const env = n8nEnv(n8n, { userFolder, port, extra: { N8N_RUNNERS_BROKER_PORT: String(port + 1) } });

		if (firstRun) {
			say('first run: importing the credential and the example workflows…');
			writeJson(join(userFolder, 'import', 'credentials.json'), [
				{ ...CREDENTIAL, type: 'ip1SmsApi', data: { apiToken: DEMO_TOKEN, baseUrl: sandbox.url } },
			]);
			writeJson(join(userFolder, 'import', 'workflows.json'), exampleWorkflows());
			for (const [what, file] of [
				['credentials', 'credentials.json'],
				['workflow', 'workflows.json'],
			]) {
				const r = await n8nCli(n8n, [`import:${what}`, '--input', join(userFolder, 'import', file)], {
					env: { ...env, N8N_RUNNERS_BROKER_PORT: String(port + 2) },
				});
				if (r.code !== 0) throw new Error(`n8n import:${what} failed:\n${r.stdout}\n${r.stderr}`);
			}
		}

		say(`starting n8n ${version} (log: ${join(userFolder, 'n8n.log')})…`);
		const server = await startN8n(n8n, env, { logFile: join(userFolder, 'n8n.log') });
		started.push(server.child);
		server.child.on('exit', (code) => {
			if (!stopping) {
				say(`n8n exited (${code}); see ${join(userFolder, 'n8n.log')}`);
				stopAll(1);
			}
		});
		sandbox.child.on('exit', (code) => {
			if (!stopping) {
				say(`the sandbox exited (${code})`);
				stopAll(1);
			}
		});

		const rest = new N8nRest(server.baseUrl);
		await rest.ownerAndLogin();
		for (const id of ACTIVATE) {
			try {
				const { data: wf } = await rest.get(`/rest/workflows/${id}`);
				if (wf.active) continue;
				const res = await rest.post(`/rest/workflows/${id}/activate`, { versionId: wf.versionId }, { expect: null });
				if (res.status === 404) await rest.patch(`/rest/workflows/${id}`, { active: true, versionId: wf.versionId });
				else if (res.status !== 200) throw new Error(`${res.status} ${res.text.slice(0, 200)}`);
			} catch (error) {
				say(`could not activate ${id}: ${error.message}`);
			}
		}

		const secs = ((Date.now() - t0) / 1000).toFixed(0);
		process.stdout.write(`
  n8n ${version} with n8n-nodes-ip1sms is ready (${secs} s)

  Editor:    ${server.baseUrl}/
  Log in:    ${DEMO_OWNER.email}  /  ${DEMO_OWNER.password}
  Sandbox:   ${sandbox.url}  (token ${DEMO_TOKEN}, credential "${CREDENTIAL.name}")

  Workflows: "iP.1 example: personalised campaign from a list"  (open it, click Execute workflow)
             "iP.1 example: auto-reply to inbound SMS"          (active)
             "iP.1 example: record delivery reports"            (active)

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
