// The real n8n in queue mode, as users run it at scale: Postgres and Redis (scripts/queue-services.mjs),
// one main (`n8n start`: editor, REST API, trigger activation), two workers (`n8n worker`: they run
// every execution, manual ones included) and one webhook processor (`n8n webhook`), all with our
// nodes loaded. Each process has its own user folder and task-runner port; they share the database,
// Redis and N8N_ENCRYPTION_KEY (set by n8nEnv), which is all queue mode needs.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { N8nRest, makeTempDir, n8nCli, n8nEnv, sleep, startN8n, stopGroup, writeJson } from '../scripts/n8n-runtime.mjs';
import { startQueueServices } from '../scripts/queue-services.mjs';
import { freePort } from './harness.mjs';

/** Starts an n8n command that is not `start` (worker, webhook) and waits for its ready line in the log. */
async function startProcess(n8n, command, env, { logFile, ready, timeoutMs = 180_000 }) {
	const out = createWriteStream(logFile, { flags: 'a' });
	const child = spawn(n8n.node, [n8n.bin, command], { env, cwd: env.N8N_USER_FOLDER, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	child.stdout.pipe(out, { end: false });
	child.stderr.pipe(out, { end: false });
	const t0 = Date.now();
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`n8n ${command} exited during start:\n${tail(logFile)}`);
		if (tail(logFile, 100_000).includes(ready)) return { child, logFile, startMs: Date.now() - t0 };
		if (Date.now() - t0 > timeoutMs) {
			await stopGroup(child);
			throw new Error(`n8n ${command} was not ready within ${timeoutMs} ms:\n${tail(logFile)}`);
		}
		await sleep(250);
	}
}

function tail(file, chars = 3000) {
	try {
		return readFileSync(file, 'utf8').slice(-chars);
	} catch {
		return '';
	}
}

/**
 * Services; `import:credentials` (which also creates the schema); then, side by side, the workflows
 * import, the main, the workers and the webhook processor.
 * Returns { rest, root, mainUrl, webhookUrl, workerLogs, timings, stop({ keep }) }.
 */
export async function startQueueCluster(n8n, { credentials, workflows, workers = 2, log }) {
	const root = makeTempDir('ip1-queue-n8n-');
	const running = [];
	let services;
	const timings = {};
	const stop = async ({ keep = false } = {}) => {
		await Promise.all(running.map((p) => stopGroup(p.child)));
		await services?.stop();
		if (!keep) rmSync(root, { recursive: true, force: true });
	};
	try {
		let t0 = Date.now();
		services = await startQueueServices({ postgresPort: await freePort(), redisPort: await freePort() });
		timings.services = Date.now() - t0;
		const mainPort = await freePort();
		const webhookPort = await freePort();
		const envFor = async (name, port) => {
			const userFolder = join(root, name);
			mkdirSync(userFolder, { recursive: true });
			return n8nEnv(n8n, {
				userFolder,
				port,
				extra: {
					...services.env,
					EXECUTIONS_MODE: 'queue',
					// Manual executions go to the workers too (the default from n8n 3 on).
					OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
					// Production webhooks are served by the webhook processor: the URL the trigger registers with iP.1.
					WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
					N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					N8N_LOG_LEVEL: 'info',
					N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
					// n8n's default pool of 2 connections per process is not enough for a burst of webhooks:
					// its health ping then waits behind them, times out, and every request is answered
					// 503 "Database is not ready!" until the next ping (seen with 25 concurrent deliveries).
					DB_POSTGRESDB_POOL_SIZE: '10',
				},
			});
		};
		// The credentials import creates the schema (migrations); then the workflows import, the main,
		// the workers and the webhook processor start side by side.
		t0 = Date.now();
		const importEnv = await envFor('cli', await freePort());
		const importFile = async (what, data) => {
			const file = join(importEnv.N8N_USER_FOLDER, `${what}.json`);
			writeJson(file, data);
			const r = await n8nCli(n8n, [`import:${what}`, '--input', file], { env: { ...importEnv, N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
			if (r.code !== 0) throw new Error(`import:${what} exited ${r.code}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
		};
		await importFile('credentials', credentials);
		timings.migrateAndImportCredentials = Date.now() - t0;
		t0 = Date.now();
		const track = (promise) =>
			promise.then((p) => {
				running.push(p);
				return p;
			});
		const mainEnv = await envFor('main', mainPort);
		const workerEnvs = [];
		for (let i = 1; i <= workers; i++) workerEnvs.push(await envFor(`worker${i}`, await freePort()));
		const webhookEnv = await envFor('webhook', webhookPort);
		const starts = await Promise.allSettled([
			track(startN8n(n8n, mainEnv, { logFile: join(root, 'main.log') })),
			...workerEnvs.map((env, i) => track(startProcess(n8n, 'worker', env, { logFile: join(root, `worker${i + 1}.log`), ready: 'n8n worker is now ready' }))),
			track(startProcess(n8n, 'webhook', webhookEnv, { logFile: join(root, 'webhook.log'), ready: 'Webhook listener waiting for requests' })),
			importFile('workflow', workflows),
		]);
		const failed = starts.find((s) => s.status === 'rejected');
		if (failed) throw failed.reason;
		timings.startAll = Date.now() - t0;
		const main = starts[0].value;
		const workerLogs = starts.slice(1, 1 + workers).map((s) => s.value.logFile);
		log?.(`queue: main, ${workers} workers and the webhook processor ready (${(timings.startAll / 1000).toFixed(1)} s)`);
		const rest = new N8nRest(main.baseUrl);
		await rest.ownerAndLogin();
		return {
			rest,
			root,
			mainUrl: main.baseUrl,
			webhookUrl: `http://127.0.0.1:${webhookPort}`,
			workerLogs,
			logs: () => running.map((p) => p.logFile),
			timings,
			stop,
		};
	} catch (error) {
		await stop({ keep: true });
		error.message += `\n(logs kept in ${root})`;
		throw error;
	}
}

/** Which worker ran each execution, from the workers' logs ("Worker started execution 12 (job 7)"). */
export function executionsPerWorker(workerLogs) {
	return workerLogs.map((file) => new Set([...tail(file, 50_000_000).matchAll(/Worker started execution (\d+)/g)].map((m) => m[1])));
}
