#!/usr/bin/env node
// `npm run e2e:queue`: the package in the REAL n8n 2.41.1 in queue mode (Postgres, Redis, one main,
// two workers, one webhook processor) against the iP.1 sandbox enforcing 30 requests per second.
//
//   1. several workflows send 3,000 SMS at once on one credential through both workers: every SMS
//      exactly once, no execution fails, the 429s counted; meanwhile the main activates and
//      deactivates an inbound trigger: its callback URL registered and restored exactly once;
//   2. 1,000 delivery reports and inbound SMS plus 10% duplicates, posted concurrently to the webhook
//      processor and the main: executions per unique event counted; exactly one where one process
//      handles a trigger's requests at a time, at most two where they are spread (docs/queue-mode.md);
//   3. SMS → Send and Wait for Response: executions started through the webhook processor wait, the
//      SMS replies reach the inbound trigger, which hands each to its execution; every execution resumes
//      on a worker with its own reply, the trigger's workflow starts only for an unrelated SMS.
// `--only send|dedupe|wait` (comma separated) runs only those scenarios; the default runs all three.
// Prints each scenario's figures, "N passed, N failed"; exits 1 on any failure. Everything it started
// is stopped and its temp folders removed (kept, with the logs, when something failed).
import { DEFAULT_N8N_VERSION, ensureN8n } from '../scripts/n8n-install.mjs';
import { buildPackage, loadSandbox, requireFromN8n } from '../scripts/n8n-runtime.mjs';
import { Suite } from './harness.mjs';
import { startQueueCluster } from './queueCluster.mjs';
import { duplicatesAcrossProcesses, sendAtOnce } from './queueScenarios.mjs';
import { sendAndWaitOnWorkers } from './queueWait.mjs';
import { DEDUPE, WAIT, queueWorkflows } from './queueWorkflows.mjs';
import { credentialFile } from './workflows.mjs';

const log = (line) => process.stdout.write(`${line}\n`);

const SCENARIOS = ['send', 'dedupe', 'wait'];

/** `--only wait` (or `--only send,wait`): the scenarios to run; all of them by default. */
function scenariosToRun(argv) {
	const i = argv.indexOf('--only');
	if (i < 0) return new Set(SCENARIOS);
	const chosen = String(argv[i + 1] ?? '').split(',').filter(Boolean);
	const unknown = chosen.filter((name) => !SCENARIOS.includes(name));
	if (chosen.length === 0 || unknown.length > 0) throw new Error(`--only takes ${SCENARIOS.join(', ')} (comma separated), got "${argv[i + 1] ?? ''}"`);
	return new Set(chosen);
}

async function main() {
	const t0 = Date.now();
	const run = scenariosToRun(process.argv.slice(2));
	const suite = new Suite(`queue n8n ${DEFAULT_N8N_VERSION}`);
	const figures = {};
	let cluster;
	let sandbox;
	let keepLogs = false;
	// A run killed half-way still stops its servers (they also stop by themselves: see queue-services.mjs).
	const abort = async () => {
		await cluster?.stop({ keep: true });
		process.exit(1);
	};
	process.once('SIGINT', abort);
	process.once('SIGTERM', abort);
	try {
		log('queue: building the package…');
		await buildPackage();
		const n8n = await ensureN8n(DEFAULT_N8N_VERSION);
		const { startSandbox } = await loadSandbox();
		sandbox = await startSandbox({ seedDemoData: true, rateLimitPerSecond: 30, clock: 'manual' });
		const home = { control: sandbox.control, token: sandbox.token, url: sandbox.url };
		log('queue: starting Postgres, Redis, main, 2 workers, webhook processor…');
		// A second account for the triggers that need their own IncomingCallbackUrl.
		const second = sandbox.control.createAccount();
		// And one for Send and Wait, whose reply route (an inbound trigger) must own its callback.
		const waitAccount = sandbox.control.createAccount();
		cluster = await startQueueCluster(n8n, {
			credentials: [
				...credentialFile({ apiToken: sandbox.token, baseUrl: sandbox.url }),
				...credentialFile({ apiToken: second.token, baseUrl: sandbox.url, ...DEDUPE.spread.inbound.credential }),
				...credentialFile({ apiToken: waitAccount.token, baseUrl: sandbox.url, ...WAIT.credential }),
			],
			workflows: queueWorkflows(),
			log,
		});
		figures.startup = Object.fromEntries(Object.entries(cluster.timings).map(([k, v]) => [k, Math.round(v / 100) / 10]));
		const flatted = requireFromN8n(n8n, 'flatted');
		const context = { cluster, sandbox: home, second, waitAccount, flatted };

		if (run.has('send')) await suite.test('3,000 SMS from 4 workflows at once on one credential, both workers, 30 req/s: each exactly once, none failed; inbound trigger (de)activated meanwhile: callback registered and restored once', async () => {
			figures.send = await sendAtOnce(context);
		});
		if (run.has('dedupe')) await suite.test('1,000 delivery reports and inbound SMS + 10% duplicates to the webhook processor and the main at once: one execution per unique event where one process takes them, at most two after a hand-over or where they are spread', async () => {
			try {
				figures.dedupe = await duplicatesAcrossProcesses(context);
			} catch (error) {
				figures.dedupe = error.message;
				throw error;
			}
		});
		if (run.has('wait')) await suite.test('SMS → Send and Wait for Response, 3 executions at once through the webhook processor: each waits, its SMS reply reaches the trigger and resumes it on a worker with that reply, the node after it runs; the trigger workflow starts for none of the replies and once for an unrelated SMS', async () => {
			try {
				figures.wait = await sendAndWaitOnWorkers(context);
			} catch (error) {
				figures.wait = error.message;
				throw error;
			}
		});
	} catch (error) {
		suite.fail('setup / run', error);
	} finally {
		keepLogs = suite.failed > 0;
		if (cluster) {
			if (keepLogs) log(`queue: logs kept in ${cluster.root}`);
			await cluster.stop({ keep: keepLogs });
		}
		await sandbox?.close();
	}
	log(`queue: figures ${JSON.stringify(figures, null, 1)}`);
	log(`queue: total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	log(`${suite.passed} passed, ${suite.failed} failed`);
	process.exit(suite.failed ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	log('0 passed, 1 failed');
	process.exit(1);
});
