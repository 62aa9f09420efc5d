// Send and Wait for Response in queue mode: executions started through the webhook processor wait on
// a worker, the SMS replies reach the iP.1 SMS Trigger (served by the webhook processor, the URL it
// registered with iP.1), which hands each to its execution's signed resume URL (/webhook-waiting/…,
// the webhook processor too); n8n enqueues the resumed execution and a worker finishes it.
import { readFileSync } from 'node:fs';

import { assert, waitFor } from './harness.mjs';
import { executionCount, executionData, executions, setActive, waitForProductionWebhook } from './queueRest.mjs';
import { WAIT } from './queueWorkflows.mjs';

/** The numbers asked at once, and what each answers (approval keywords, different words per number). */
const ASKED = [
	{ to: '46708000001', reply: 'JA' },
	{ to: '46708000002', reply: 'yes' },
	{ to: '46708000003', reply: 'J' },
];
/** An SMS from a number nobody asked: the trigger's own workflow runs for it. */
const UNRELATED = { from: '46708000099', body: 'Hej, vad kostar det?' };

const seconds = (ms) => Math.round(ms / 100) / 10;

function logText(file) {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

/** n8n's queue lines, in log order: "Enqueued execution 12 (job 7)", "Worker started/finished execution 12 (job 7)". */
function queueLines(file) {
	return [...logText(file).matchAll(/(Enqueued|Worker started|Worker finished) execution (\d+) \(job ([^)\s]+)\)/g)].map((m) => ({
		what: m[1],
		execution: m[2],
		job: m[3],
	}));
}

/**
 * Three executions of the asking workflow at once (one POST each to the webhook processor), each
 * waiting for its own number; the question's delivery reports reach the waiting executions without
 * resuming them; then the three replies at once: each resumes its own execution on a worker, the
 * node after Send and Wait runs, the trigger's workflow starts for none of them, and once for an
 * unrelated SMS. Which process did what is read from n8n's own log lines (job per run).
 */
export async function sendAndWaitOnWorkers({ cluster, sandbox, waitAccount, flatted }) {
	const { rest, webhookUrl } = cluster;
	const { control } = sandbox;
	const state = () => control.state(waitAccount.token);
	const processLogs = cluster.logs();
	const webhookLog = processLogs.find((file) => file.endsWith('webhook.log'));
	const mainLog = processLogs.find((file) => file.endsWith('main.log'));
	const workerName = (file) => file.split('/').pop().replace(/\.log$/, '');

	await setActive(rest, WAIT.trigger.id, true);
	const hookUrl = `${webhookUrl}/webhook/${WAIT.trigger.hookId}/ip1sms`;
	await waitFor('the reply route (IncomingCallbackUrl) of the Send and Wait account', () => {
		const value = state().settings.IncomingCallbackUrl;
		return typeof value === 'string' && value.startsWith(hookUrl);
	});
	await setActive(rest, WAIT.asker.id, true);
	await waitForProductionWebhook(hookUrl);
	await waitForProductionWebhook(`${webhookUrl}/webhook/${WAIT.asker.path}`);
	const triggerRuns = () => executionCount(rest, WAIT.trigger.id);
	assert.equal(await triggerRuns(), 0, 'the reply route has not run yet');

	// 1. Three executions at once, through the webhook processor.
	const t0 = Date.now();
	await Promise.all(
		ASKED.map(async ({ to }) => {
			const res = await fetch(`${webhookUrl}/webhook/${WAIT.asker.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ to }),
			});
			assert.equal(res.status, 200, `the webhook processor took the ask to ${to}: ${res.status} ${await res.text()}`);
		}),
	);
	await waitFor(
		async () => `${ASKED.length} executions waiting (${await executionCount(rest, WAIT.asker.id, ['waiting'])} so far)`,
		async () => (await executionCount(rest, WAIT.asker.id, ['waiting'])) === ASKED.length,
		{ timeoutMs: 300_000, intervalMs: 500 },
	);
	const waitingMs = Date.now() - t0;
	const runs = await executions(rest, WAIT.asker.id);
	assert.equal(runs.length, ASKED.length, `one execution per ask: ${runs.map((r) => `${r.id}:${r.status}`)}`);
	const executionOf = new Map();
	for (const run of runs) {
		const data = await executionData(rest, flatted, run.id);
		executionOf.set(data.resultData.runData.Webhook[0].data.main[0][0].json.body.to, String(run.id));
	}
	assert.deepEqual([...executionOf.keys()].sort(), ASKED.map((a) => a.to).sort(), 'each number asked by one execution');
	const questions = state().messages.filter((m) => m.direction === 'mt' && ASKED.some((a) => a.to === m.recipient));
	assert.equal(questions.length, ASKED.length, `one question SMS per number: ${questions.map((m) => m.recipient)}`);
	assert.ok(
		questions.every((m) => /^n8n-wait-[0-9a-f]{16}$/.test(m.reference ?? '')),
		`questions carry the wait reference: ${questions.map((m) => m.reference)}`,
	);

	// 2. The questions are delivered: their reports go to the waiting executions' resume URLs (the
	// webhook processor), which answer without resuming (the sandbox clock is manual: advanced here).
	// Every queue line so far: what comes after is the resumed runs (and would show a resume by a report).
	const linesBefore = new Map(processLogs.map((file) => [file, queueLines(file).length]));
	const deliveriesBefore = control.webhookDeliveries.length;
	await control.advance(60_000);
	await control.settle();
	const reports = control.webhookDeliveries.slice(deliveriesBefore).filter((d) => d.kind === 'deliveryReport' && d.url.includes('/webhook-waiting/'));
	assert.ok(reports.length >= ASKED.length, `each question's delivery reports reached its execution: ${reports.length}`);
	assert.deepEqual([...new Set(reports.map((d) => d.status))], [200], `delivery reports answered 200: ${reports.map((d) => d.status)}`);
	assert.equal(await executionCount(rest, WAIT.asker.id, ['waiting']), ASKED.length, 'delivery reports resumed nothing');

	// 3. The replies, all at once.
	const repliesAt = Date.now();
	const inboundBefore = control.webhookDeliveries.length;
	await Promise.all(ASKED.map(({ to, reply }) => control.injectInbound({ token: waitAccount.token, from: to, body: reply })));
	await control.settle();
	const replyDeliveries = control.webhookDeliveries.slice(inboundBefore).filter((d) => d.kind === 'inbound');
	await waitFor(
		async () => `${ASKED.length} executions resumed and finished (${await executionCount(rest, WAIT.asker.id, ['success'])} so far)`,
		async () => (await executionCount(rest, WAIT.asker.id, ['success'])) === ASKED.length,
		{ timeoutMs: 300_000, intervalMs: 500 },
	);
	const resumedMs = Date.now() - repliesAt;
	assert.deepEqual(
		replyDeliveries.map((d) => [d.attempt, d.status]),
		ASKED.map(() => [1, 200]),
		'each reply delivered once, answered 200 by the trigger',
	);

	// 4. Each execution finished with its own number's reply, and the node after it ran.
	const outputs = {};
	for (const { to, reply } of ASKED) {
		const id = executionOf.get(to);
		const data = await executionData(rest, flatted, id);
		const ask = data.resultData.runData.Ask.at(-1).data.main[0].map((item) => item.json);
		const after = data.resultData.runData.After?.at(-1)?.data.main[0].map((item) => item.json) ?? [];
		outputs[to] = { execution: id, approved: ask[0]?.approved, text: ask[0]?.text, decision: after[0]?.decision };
		assert.equal(ask.length, 1, `#${id}: one Send and Wait item`);
		assert.deepEqual(
			{ timedOut: ask[0].timedOut, answeredBy: ask[0].answeredBy, approved: ask[0].approved, text: ask[0].text, from: ask[0].from, recipient: ask[0].recipient },
			{ timedOut: false, answeredBy: 'sms', approved: true, text: reply, from: to, recipient: to },
			`#${id} (${to}) resumed with its reply`,
		);
		assert.equal(after.length, 1, `#${id}: the node after Send and Wait ran once`);
		assert.equal(after[0].decision, 'approved', `#${id}: the node after Send and Wait read the answer`);
	}
	const triggerRunsForReplies = await triggerRuns();
	assert.equal(triggerRunsForReplies, 0, 'the replies started no execution of the trigger workflow');

	// 5. Which process did what: n8n logs one job per run (the first part, then the resumed part).
	const newLines = (file) => queueLines(file).slice(linesBefore.get(file));
	// n8n marks the execution finished before the worker's log line reaches its file.
	await waitFor(
		'the workers to log the resumed runs as finished',
		() => ASKED.every(({ to }) => cluster.workerLogs.some((file) => newLines(file).some((l) => l.what === 'Worker finished' && l.execution === executionOf.get(to)))),
		{ timeoutMs: 30_000 },
	);
	const resumedOn = {};
	const resumeJobs = {};
	for (const { to } of ASKED) {
		const id = executionOf.get(to);
		const started = cluster.workerLogs.flatMap((file) => newLines(file).filter((l) => l.what === 'Worker started' && l.execution === id).map((l) => ({ ...l, file })));
		assert.equal(started.length, 1, `#${id}: resumed by exactly one worker, started lines ${JSON.stringify(started)}`);
		const [{ job, file }] = started;
		const finished = newLines(file).filter((l) => l.what === 'Worker finished' && l.execution === id && l.job === job);
		assert.equal(finished.length, 1, `#${id}: the worker that resumed it finished it (job ${job})`);
		const enqueuedBy = processLogs.filter((f) => newLines(f).some((l) => l.what === 'Enqueued' && l.execution === id && l.job === job));
		assert.deepEqual(enqueuedBy, [webhookLog], `#${id}: the resumed run (job ${job}) was enqueued by the webhook processor only`);
		const firstRun = cluster.workerLogs.flatMap((f) => queueLines(f).slice(0, linesBefore.get(f)).filter((l) => l.what === 'Worker started' && l.execution === id).map((l) => ({ ...l, f })));
		assert.equal(firstRun.length, 1, `#${id}: its first part ran on one worker`);
		const firstEnqueuedBy = processLogs.filter((f) => queueLines(f).some((l) => l.what === 'Enqueued' && l.execution === id && l.job === firstRun[0].job));
		assert.deepEqual(firstEnqueuedBy, [webhookLog], `#${id}: its first part (job ${firstRun[0].job}) was enqueued by the webhook processor only`);
		assert.notEqual(firstRun[0].job, job, `#${id}: the resumed part is a job of its own`);
		resumedOn[id] = workerName(file);
		resumeJobs[id] = { first: `${workerName(firstRun[0].f)} job ${firstRun[0].job}`, resumed: `${workerName(file)} job ${job}` };
	}
	const mainStarted = queueLines(mainLog).filter((l) => l.what === 'Worker started').length;
	assert.equal(mainStarted, 0, 'the main ran no execution itself');
	const resumedPerWorker = cluster.workerLogs.map((file) => Object.values(resumedOn).filter((w) => w === workerName(file)).length);

	// 6. An SMS nobody waits for still starts the trigger's workflow, once.
	await control.injectInbound({ token: waitAccount.token, from: UNRELATED.from, body: UNRELATED.body });
	await control.settle();
	await waitFor('the unrelated SMS in the trigger workflow', async () => (await executionCount(rest, WAIT.trigger.id, ['success'])) === 1, { timeoutMs: 120_000, intervalMs: 500 });
	await new Promise((r) => setTimeout(r, 3000));
	const triggerRunsAfterUnrelated = await triggerRuns();
	assert.equal(triggerRunsAfterUnrelated, 1, 'the unrelated SMS started the trigger workflow exactly once');
	const [triggerRun] = await executions(rest, WAIT.trigger.id);
	const triggerItem = (await executionData(rest, flatted, triggerRun.id)).resultData.runData['iP.1 SMS Trigger'][0].data.main[0][0].json;
	const itemText = JSON.stringify(triggerItem);
	assert.ok(itemText.includes(UNRELATED.body) && itemText.includes(UNRELATED.from), `the trigger's item is the unrelated SMS: ${itemText.slice(0, 300)}`);
	const hints = state().messages.filter((m) => m.direction === 'mt' && /answer YES or NO/i.test(m.body));
	assert.equal(hints.length, 0, 'no reply was answered with the hint');

	const wallMs = Date.now() - t0;
	await setActive(rest, WAIT.asker.id, false);
	await setActive(rest, WAIT.trigger.id, false);
	return {
		executions: ASKED.length,
		waited: ASKED.length,
		deliveryReportsToWaitingExecutions: reports.length,
		repliesDelivered: replyDeliveries.length,
		resumed: Object.keys(resumedOn).length,
		resumedOn,
		resumedPerWorker,
		jobs: resumeJobs,
		outputs,
		triggerRunsForReplies,
		triggerRunsAfterUnrelatedSms: triggerRunsAfterUnrelated,
		waitingAfterSeconds: seconds(waitingMs),
		resumedAfterRepliesSeconds: seconds(resumedMs),
		wallSeconds: seconds(wallMs),
	};
}
