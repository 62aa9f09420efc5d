#!/usr/bin/env node
// `npm run e2e:queue`: the package in the REAL n8n 2.41.1 in queue mode (Postgres, Redis, one main,
// two workers, one webhook processor) against the iP.1 sandbox enforcing 30 requests per second.
//
//   1. several workflows send 3,000 SMS at once on one credential through both workers: every SMS
//      exactly once, no execution fails, the 429s counted; meanwhile the main activates and
//      deactivates an inbound trigger: its callback URL registered and restored exactly once;
//   2. 1,000 delivery reports and inbound SMS plus 10% duplicates, posted concurrently to the webhook
//      processor and the main: executions per unique event counted; exactly one where one process
//      handles a trigger's requests at a time, at most two where they are spread (docs/queue-mode.md).
// Prints each scenario's figures, "N passed, N failed"; exits 1 on any failure. Everything it started
// is stopped and its temp folders removed (kept, with the logs, when something failed).
import { DEFAULT_N8N_VERSION, ensureN8n } from '../scripts/n8n-install.mjs';
import { buildPackage, loadSandbox, requireFromN8n } from '../scripts/n8n-runtime.mjs';
import { Suite } from './harness.mjs';
import { startQueueCluster } from './queueCluster.mjs';
import { duplicatesAcrossProcesses, sendAtOnce } from './queueScenarios.mjs';
import { DEDUPE, queueWorkflows } from './queueWorkflows.mjs';
import { credentialFile } from './workflows.mjs';

const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
	const t0 = Date.now();
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
		cluster = await startQueueCluster(n8n, {
			credentials: [
				...credentialFile({ apiToken: sandbox.token, baseUrl: sandbox.url }),
				...credentialFile({ apiToken: second.token, baseUrl: sandbox.url, ...DEDUPE.spread.inbound.credential }),
			],
			workflows: queueWorkflows(),
			log,
		});
		figures.startup = Object.fromEntries(Object.entries(cluster.timings).map(([k, v]) => [k, Math.round(v / 100) / 10]));
		const flatted = requireFromN8n(n8n, 'flatted');
		const context = { cluster, sandbox: home, second, flatted };

		await suite.test('3,000 SMS from 4 workflows at once on one credential, both workers, 30 req/s: each exactly once, none failed; inbound trigger (de)activated meanwhile: callback registered and restored once', async () => {
			figures.send = await sendAtOnce(context);
		});
		await suite.test('1,000 delivery reports and inbound SMS + 10% duplicates to the webhook processor and the main at once: one execution per unique event where one process takes them, at most two after a hand-over or where they are spread', async () => {
			try {
				figures.dedupe = await duplicatesAcrossProcesses(context);
			} catch (error) {
				figures.dedupe = error.message;
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
