/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- a benchmark script run with Node (it forks itself to measure each job alone), never published */
// `npm run bench:engine [-- --items 10000]`: 10,000 personalised messages from 10,000 items through
// n8n's real engine (n8n-core WorkflowExecute, real HTTP) against the iP.1 sandbox enforcing the
// documented 30 requests/s, beside the same job done one request per item. Prints, does not assert.
//
// Each job runs in its own child process so its peak memory is its own: the parent hosts the sandbox
// and counts the requests it receives; the child runs the workflow and samples process.memoryUsage().rss.
//
// Options: --items N (default 10000), --baseline-items N (default: --items; the baseline takes
// about N/30 seconds), --skip-baseline, --recipients-per-request N (default 1000).
import './engineEnv';

import { fork } from 'node:child_process';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox } from '../sandbox';

type JobKind = 'personalised' | 'perItem';

interface JobRequest {
	kind: JobKind;
	items: number;
	url: string;
	token: string;
	recipientsPerRequest: number;
}

interface JobResult {
	wallMs: number;
	peakRssBytes: number;
	startRssBytes: number;
	outputItems: number;
	failedItems: number;
	error?: string;
}

const SAMPLE_EVERY_MS = 20;

function argument(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	if (index < 0) return fallback;
	const value = Number(process.argv[index + 1]);
	if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number`);
	return value;
}

function customers(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		phone: `4671${String(1_000_000 + index)}`,
		firstName: `Customer${index}`,
		orderId: `A-${index}`,
	}));
}

function parametersFor(kind: JobKind, recipientsPerRequest: number): INodeParameters {
	const common: INodeParameters = {
		resource: 'sms',
		operation: 'send',
		sender: 'iP1',
		recipients: '={{ $json.phone }}',
	};
	if (kind === 'perItem') {
		// What a user builds without personalisation: the text is an expression evaluated per item, one request each.
		return { ...common, mode: 'perItem', message: '=Hi {{ $json.firstName }}, your order {{ $json.orderId }} has shipped.', options: { combineItems: false } };
	}
	return {
		...common,
		mode: 'personalised',
		message: 'Hi {firstName}, your order {orderId} has shipped.',
		personalisation: {
			values: [
				{ name: 'firstName', value: '={{ $json.firstName }}' },
				{ name: 'orderId', value: '={{ $json.orderId }}' },
			],
		},
		options: { recipientsPerRequest },
	};
}

/** Child process: runs one job through the engine and reports its figures to the parent. */
async function runJob(job: JobRequest): Promise<JobResult> {
	const { runNode } = await import('../test/harness/engine');
	const items = customers(job.items);
	const startRssBytes = process.memoryUsage().rss;
	let peakRssBytes = startRssBytes;
	const sampler = setInterval(() => {
		peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
	}, SAMPLE_EVERY_MS);
	const started = performance.now();
	try {
		const result = await runNode({
			parameters: parametersFor(job.kind, job.recipientsPerRequest),
			items,
			credentials: { apiToken: job.token, baseUrl: job.url },
			continueOnFail: true,
		});
		const wallMs = performance.now() - started;
		peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
		return {
			wallMs,
			peakRssBytes,
			startRssBytes,
			outputItems: result.items.length,
			failedItems: result.items.filter((item) => item.json.error !== undefined).length,
			error: result.error?.message,
		};
	} finally {
		clearInterval(sampler);
	}
}

function startChild(job: JobRequest): Promise<JobResult> {
	return new Promise((resolve, reject) => {
		const child = fork(__filename, ['--job', JSON.stringify(job)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
		let result: JobResult | undefined;
		child.on('message', (message) => (result = message as JobResult));
		child.on('error', reject);
		child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`benchmark job exited with code ${code}`))));
	});
}

function baselineDescription(): string {
	try {
		require.resolve('n8n-nodes-base/package.json');
		return 'baseline = the iP.1 SMS node in "One SMS per Item" mode with Combine Items off (one POST /v2/batches per item through the engine); n8n-nodes-base is installed but this script does not drive the HTTP Request node — use `npm run bench` for that in the real n8n';
	} catch {
		return 'baseline = the iP.1 SMS node in "One SMS per Item" mode with Combine Items off: exactly one POST /v2/batches per item through the engine, what an HTTP Request node per item does (n8n-nodes-base, with the HTTP Request node, is not installed here)';
	}
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
	const items = argument('items', 10_000);
	const baselineItems = argument('baseline-items', items);
	const recipientsPerRequest = argument('recipients-per-request', 1000);
	const skipBaseline = process.argv.includes('--skip-baseline');
	const sandbox = await startSandbox({ rateLimitPerSecond: 30 });
	const say = (line: string) => process.stdout.write(`${line}\n`);
	const rows: Array<[string, number, number, JobResult]> = [];
	try {
		const jobs: Array<[string, JobKind, number]> = [['iP.1 SMS, one personalised batch for all items', 'personalised', items]];
		if (!skipBaseline) jobs.push(['baseline: one request per item', 'perItem', baselineItems]);
		for (const [label, kind, count] of jobs) {
			const { token } = sandbox.control.createAccount({ balance: 1_000_000 });
			sandbox.control.clearRequests();
			process.stderr.write(`[bench:engine] ${label}: ${count} items${kind === 'perItem' ? ` (about ${Math.ceil(count / 30)} s at 30 requests/s)` : ''}…\n`);
			const result = await startChild({ kind, items: count, url: sandbox.url, token, recipientsPerRequest });
			const requests = sandbox.control.countRequests({ method: 'POST', path: '/v2/batches' });
			const refused = sandbox.control.requests.filter((request) => request.status === 429).length;
			rows.push([label, count, requests, result]);
			if (result.error) say(`${label}: the node failed: ${result.error}`);
			if (refused > 0) say(`${label}: ${refused} request(s) were refused with 429 and retried`);
		}
	} finally {
		await sandbox.close();
	}

	say('');
	say(`Personalised SMS through the real n8n engine against the iP.1 sandbox (30 requests/s enforced), Node ${process.version}`);
	say('');
	say(`${'job'.padEnd(50)} ${'items'.padStart(7)} ${'requests'.padStart(9)} ${'wall time'.padStart(10)} ${'peak RSS'.padStart(9)} ${'failed'.padStart(7)}`);
	for (const [label, count, requests, result] of rows) {
		say(
			`${label.padEnd(50)} ${String(count).padStart(7)} ${String(requests).padStart(9)} ${seconds(result.wallMs).padStart(10)} ${mb(result.peakRssBytes).padStart(9)} ${String(result.failedItems).padStart(7)}`,
		);
	}
	say('');
	say(`messages per request: ${recipientsPerRequest} (Recipients per Request); peak RSS is the job's own process (engine, node, items and output), sampled every ${SAMPLE_EVERY_MS} ms`);
	if (!skipBaseline) say(baselineDescription());
	if (!skipBaseline && baselineItems !== items) say(`note: the baseline ran ${baselineItems} items, the personalised job ${items}`);
}

const jobIndex = process.argv.indexOf('--job');
if (jobIndex >= 0) {
	const job = JSON.parse(process.argv[jobIndex + 1]) as JobRequest;
	runJob(job)
		// Exit once the figures are delivered: n8n-core may leave timers behind.
		.then((result) => process.send?.(result, () => process.exit(0)))
		.catch((error: unknown) => {
			process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
			process.exitCode = 1;
		});
} else {
	main().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exitCode = 1;
	});
}
