// The queue-mode scenarios. Each asserts exact counts at the sandbox (or in n8n's executions) and
// returns its figures, which e2e/queue.mjs prints and docs/queue-mode.md quotes.
import { createServer } from 'node:http';

import { assert, mapLimit, waitFor } from './harness.mjs';
import { executionsPerWorker } from './queueCluster.mjs';
import { executionData, executions, setActive, settledExecutions, waitForProductionWebhook } from './queueRest.mjs';
import { DEDUPE, DLR_SECRET, INBOUND_TRIGGER, PREVIOUS_CALLBACK, SENDERS, senderPath, smsOf } from './queueWorkflows.mjs';

const CALLBACK_SETTING = /IncomingCallbackUrl/;

/**
 * Several workflows send at once on one credential, on both workers, with the sandbox enforcing
 * 30 requests per second; meanwhile the main activates and deactivates an inbound trigger.
 */
export async function sendAtOnce({ cluster, sandbox, flatted }) {
	const { rest, webhookUrl } = cluster;
	const { control, token } = sandbox;
	for (const sender of SENDERS) await setActive(rest, sender.id, true);
	for (const sender of SENDERS) await waitForProductionWebhook(`${webhookUrl}/webhook/${senderPath(sender)}`);
	await setSetting(sandbox, PREVIOUS_CALLBACK);
	control.clearRequests();

	const t0 = Date.now();
	await Promise.all(
		SENDERS.map(async (sender) => {
			const res = await fetch(`${webhookUrl}/webhook/${senderPath(sender)}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ sms: smsOf(sender) }),
			});
			assert.equal(res.status, 200, `the webhook processor took ${sender.id}: ${res.status} ${await res.text()}`);
		}),
	);
	// While the workers send: the main registers the inbound trigger's callback and restores it.
	await waitFor('the first SMS to go out', () => control.requests.some((r) => r.path === '/v2/batches' && r.status === 201), { timeoutMs: 60_000 });
	const activation = await activateAndRestore({ cluster, sandbox });

	for (const sender of SENDERS) await settledExecutions(rest, sender.id, { quietMs: 1000, timeoutMs: 600_000 });
	const wallMs = Date.now() - t0;
	const runs = [];
	for (const sender of SENDERS) runs.push(...(await executions(rest, sender.id)));
	const statuses = runs.map((e) => e.status);
	assert.equal(runs.length, SENDERS.length, `one execution per sending workflow, found ${runs.length}`);
	const failures = [];
	for (const run of runs.filter((e) => e.status !== 'success')) {
		const data = await executionData(rest, flatted, run.id);
		failures.push(`#${run.id} ${run.status}: ${data.resultData.error?.message ?? '?'} ${data.resultData.error?.description ?? ''}`);
	}
	assert.deepEqual(failures, [], `every execution succeeded, statuses ${statuses}`);

	// Exactly once: every expected SMS is at the sandbox once, with its text; nothing else was sent.
	const expected = new Map(SENDERS.flatMap((s) => smsOf(s).map((m) => [m.to, m.text])));
	const sent = new Map();
	for (const message of control.state(token).messages) {
		if (!expected.has(message.recipient)) continue;
		sent.set(message.recipient, [...(sent.get(message.recipient) ?? []), message.body]);
	}
	const missing = [...expected.keys()].filter((to) => !sent.has(to));
	const twice = [...sent].filter(([, bodies]) => bodies.length > 1).map(([to]) => to);
	const wrongText = [...sent].filter(([to, bodies]) => bodies[0] !== expected.get(to)).map(([to]) => to);
	const batchPosts = control.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batches');
	const refused = control.requests.filter((r) => r.status === 429);
	const perWorker = executionsPerWorker(cluster.workerLogs).map((ids) => runs.filter((e) => ids.has(String(e.id))).length);
	const figures = {
		sms: expected.size,
		sent: [...sent.values()].reduce((n, bodies) => n + bodies.length, 0),
		missing: missing.length,
		duplicates: twice.length,
		acceptedBatchRequests: batchPosts.filter((r) => r.status === 201).length,
		refused429: refused.length,
		refused429Sends: refused.filter((r) => r.path === '/v2/batches').length,
		executionsPerWorker: perWorker,
		wallSeconds: Math.round(wallMs / 100) / 10,
		activation,
	};
	assert.equal(missing.length, 0, `SMS never sent: ${missing.slice(0, 10)}`);
	assert.equal(twice.length, 0, `SMS sent more than once: ${twice.slice(0, 10)}`);
	assert.equal(wrongText.length, 0, `SMS with a wrong text: ${wrongText.slice(0, 10)}`);
	const plannedRequests = SENDERS.reduce((n, s) => n + (s.mode === 'perItem' ? s.count : Math.ceil(s.count / s.recipientsPerRequest)), 0);
	assert.equal(figures.acceptedBatchRequests, plannedRequests, 'one accepted request per planned batch');
	assert.ok(
		perWorker.every((n) => n > 0),
		`both workers ran sends (per worker: ${perWorker}); the queue gave them ${runs.map((e) => e.id)}`,
	);
	assert.equal(activation.registered, 1, `callback registered exactly once: ${JSON.stringify(activation)}`);
	assert.equal(activation.restored, 1, `callback restored exactly once: ${JSON.stringify(activation)}`);
	return figures;
}

/** The main activates the inbound trigger and deactivates it again; counts the setting writes iP.1 saw. */
async function activateAndRestore({ cluster, sandbox }) {
	const { rest, webhookUrl } = cluster;
	const { control, token } = sandbox;
	const hookUrl = `${webhookUrl}/webhook/${INBOUND_TRIGGER.hookId}/ip1sms`;
	const before = control.requests.length;
	await setActive(rest, INBOUND_TRIGGER.id, true);
	const registeredValue = await waitFor('the callback URL to be registered', () => {
		const value = control.state(token).settings.IncomingCallbackUrl;
		return typeof value === 'string' && value.startsWith(hookUrl) ? value : null;
	});
	await setActive(rest, INBOUND_TRIGGER.id, false);
	await waitFor('the previous callback URL to be restored', () => control.state(token).settings.IncomingCallbackUrl === PREVIOUS_CALLBACK);
	// Anything late (a retried write) would show up here.
	await new Promise((r) => setTimeout(r, 3000));
	const writes = control.requests.slice(before).filter((r) => r.method !== 'GET' && CALLBACK_SETTING.test(r.path));
	const accepted = writes.filter((r) => r.status >= 200 && r.status < 300);
	const text = (r) => JSON.stringify(r.body ?? '');
	return {
		registered: accepted.filter((r) => text(r).includes(hookUrl)).length,
		restored: accepted.filter((r) => text(r).includes(PREVIOUS_CALLBACK)).length,
		otherWrites: accepted.filter((r) => !text(r).includes(hookUrl) && !text(r).includes(PREVIOUS_CALLBACK)).length,
		refused429: writes.filter((r) => r.status === 429).length,
		finalValue: control.state(token).settings.IncomingCallbackUrl,
		registeredValueHasSecret: /[?&]secret=/.test(registeredValue),
	};
}

async function setSetting(sandbox, value) {
	const res = await fetch(`${sandbox.url}/v2/me/sms/settings/IncomingCallbackUrl`, {
		method: value === undefined ? 'DELETE' : 'PUT',
		headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
		body: value === undefined ? undefined : JSON.stringify(value),
	});
	assert.ok(res.status < 300, `setting IncomingCallbackUrl answered ${res.status}`);
}

/** A local HTTP server that answers 200 and keeps what it received (real sandbox payloads). */
async function collector() {
	const received = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push(JSON.parse(body));
			res.writeHead(200).end('OK');
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${server.address().port}/collect`, received, close: () => new Promise((r) => server.close(r)) };
}

/** `count` distinct real payloads of each kind, as the sandbox posts them. */
async function realPayloads(sandbox, count) {
	const { control, token, url } = sandbox;
	const sink = await collector();
	try {
		const recipients = Array.from({ length: count }, (_, i) => `4670600${String(i).padStart(4, '0')}`);
		const res = await fetch(`${url}/v2/batches`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ sender: 'Acme', recipients, body: 'Queue dedupe', deliveryReportUrl: `${sink.url}?kind=dlr` }),
		});
		assert.ok(res.status < 300, `batch POST answered ${res.status}`);
		for (let i = 0; i < 6; i++) await control.advance(60_000);
		await control.settle();
		const reports = unique(sink.received).slice(0, count);
		sink.received.length = 0;
		await setSetting(sandbox, sink.url);
		for (let i = 0; i < count; i++) await control.injectInbound({ from: `4670700${String(i).padStart(4, '0')}`, body: `Inbound ${i}` });
		await control.settle();
		const inbound = unique(sink.received).slice(0, count);
		await setSetting(sandbox, undefined);
		assert.equal(reports.length, count, `collected ${reports.length} delivery reports`);
		assert.equal(inbound.length, count, `collected ${inbound.length} inbound SMS`);
		return { reports, inbound };
	} finally {
		await sink.close();
	}
}

/** Distinct events as the trigger keys them: a message and status code for a report, a message for an inbound SMS. */
function unique(payloads) {
	const keyOf = (p) => `${p.id ?? p.Id ?? p.messageId}:${p.code ?? p.Code ?? ''}`;
	return [...new Map(payloads.map((p) => [keyOf(p), p])).values()];
}

/**
 * 1,000 unique events (500 delivery reports, 500 inbound SMS, real sandbox payloads) plus 10%
 * duplicates, posted in one burst (25 at a time) to the webhook processor and the main at once:
 * - `pinned` (half of them, on their own triggers): every request on the webhook processor, the
 *   duplicates in the same burst: exactly one execution per event asserted. Once settled, every pinned
 *   event again, to the MAIN (a hand-over, as after a restart or a failover): counted, at most twice;
 * - `spread` (the other half): originals at random on either process, each duplicate on the OTHER one
 *   in the same burst. Nothing promises exactly once here; every event must run, at most twice.
 * Which post started an execution is read from the trigger's answer ("Already received" for a
 * duplicate) and checked against n8n's own execution count.
 */
export async function duplicatesAcrossProcesses({ cluster, sandbox, second, perKind = 500, duplicateShare = 0.1 }) {
	const { rest, webhookUrl, mainUrl } = cluster;
	const { reports, inbound } = await realPayloads(sandbox, perKind);
	const triggers = [DEDUPE.pinned.dlr, DEDUPE.pinned.inbound, DEDUPE.spread.dlr, DEDUPE.spread.inbound];
	for (const trigger of triggers) await setActive(rest, trigger.id, true);
	const secretOf = async (account, trigger) => {
		const value = await waitFor(`the callback URL of ${trigger.id}`, () => {
			const url = sandbox.control.state(account.token).settings.IncomingCallbackUrl;
			return typeof url === 'string' && url.includes(trigger.hookId) ? url : null;
		});
		return new URL(value).searchParams.get('secret');
	};
	const pathOf = new Map([
		[DEDUPE.pinned.dlr, `/webhook/${DEDUPE.pinned.dlr.hookId}/ip1sms?secret=${DLR_SECRET}`],
		[DEDUPE.spread.dlr, `/webhook/${DEDUPE.spread.dlr.hookId}/ip1sms?secret=${DLR_SECRET}`],
		[DEDUPE.pinned.inbound, `/webhook/${DEDUPE.pinned.inbound.hookId}/ip1sms?secret=${await secretOf(sandbox, DEDUPE.pinned.inbound)}`],
		[DEDUPE.spread.inbound, `/webhook/${DEDUPE.spread.inbound.hookId}/ip1sms?secret=${await secretOf(second, DEDUPE.spread.inbound)}`],
	]);
	for (const base of [webhookUrl, mainUrl]) for (const trigger of triggers) await waitForProductionWebhook(`${base}/webhook/${trigger.hookId}/ip1sms`);

	const WEBHOOK = 0;
	const MAIN = 1;
	const half = perKind / 2;
	const events = [
		...reports.map((payload, i) => ({ set: i < half ? 'pinned' : 'spread', trigger: i < half ? DEDUPE.pinned.dlr : DEDUPE.spread.dlr, payload })),
		...inbound.map((payload, i) => ({ set: i < half ? 'pinned' : 'spread', trigger: i < half ? DEDUPE.pinned.inbound : DEDUPE.spread.inbound, payload })),
	].map((event, index) => ({ ...event, index, target: event.set === 'pinned' ? WEBHOOK : Math.floor(Math.random() * 2), copy: 'original' }));
	const duplicates = shuffle([...events]).slice(0, Math.round(events.length * duplicateShare)).map((event) => ({
		...event,
		copy: event.set === 'pinned' ? 'sameProcessAtOnce' : 'otherProcessAtOnce',
		target: event.set === 'pinned' ? WEBHOOK : 1 - event.target,
	}));
	const bases = [webhookUrl, mainUrl];
	let notReady = 0;
	const post = async (one) => {
		for (let attempt = 1; ; attempt++) {
			const res = await fetch(`${bases[one.target]}${pathOf.get(one.trigger)}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(one.payload),
			});
			const body = await res.text();
			// n8n refuses every request while its database ping fails: nothing was received, and iP.1
			// would deliver again later, so this test does too (counted in the figures).
			if (res.status === 503 && /Database is not ready/i.test(body) && attempt < 10) {
				notReady++;
				await new Promise((r) => setTimeout(r, 2000));
				continue;
			}
			return { ...one, status: res.status, started: res.status === 200 && !/already received/i.test(body) };
		}
	};
	const settle = async (counts) => {
		const runs = {};
		for (const trigger of triggers) runs[trigger.id] = await settledExecutions(rest, trigger.id, { atLeast: counts?.[trigger.id] ?? half, quietMs: 5000, timeoutMs: 900_000 });
		return runs;
	};
	const countsOf = (runs) => Object.fromEntries(Object.entries(runs).map(([id, r]) => [id, r.count]));

	const t0 = Date.now();
	const answers = await mapLimit(shuffle([...events, ...duplicates]), 25, post);
	const burstSeconds = Math.round((Date.now() - t0) / 100) / 10;
	let runs = await settle();
	const pinnedAfterBurst = runs[DEDUPE.pinned.dlr.id].count + runs[DEDUPE.pinned.inbound.id].count;
	const handOver = events.filter((e) => e.set === 'pinned').map((e) => ({ ...e, copy: 'handOverToMain', target: MAIN }));
	answers.push(...(await mapLimit(handOver, 25, post)));
	runs = await settle(countsOf(runs));
	const wallSeconds = Math.round((Date.now() - t0) / 100) / 10;
	for (const trigger of triggers) await setActive(rest, trigger.id, false);

	const startsPerEvent = new Map(events.map((e) => [e.index, 0]));
	for (const a of answers) if (a.started) startsPerEvent.set(a.index, startsPerEvent.get(a.index) + 1);
	const ofSet = (set) => {
		const histogram = {};
		for (const e of events.filter((x) => x.set === set)) histogram[startsPerEvent.get(e.index)] = (histogram[startsPerEvent.get(e.index)] ?? 0) + 1;
		const copies = {};
		// Per event, not per copy: the copy that arrives first starts the workflow, original or not.
		for (const a of answers.filter((x) => x.set === set && x.copy !== 'original')) {
			copies[a.copy] ??= { posted: 0, eventsRunTwice: 0 };
			copies[a.copy].posted++;
		}
		for (const kind of Object.keys(copies)) {
			const indexes = new Set(answers.filter((x) => x.set === set && x.copy === kind).map((x) => x.index));
			copies[kind].eventsRunTwice = [...indexes].filter((index) => startsPerEvent.get(index) > 1).length;
		}
		const ran = set === 'pinned' ? runs[DEDUPE.pinned.dlr.id].count + runs[DEDUPE.pinned.inbound.id].count : runs[DEDUPE.spread.dlr.id].count + runs[DEDUPE.spread.inbound.id].count;
		return { uniqueEvents: events.filter((x) => x.set === set).length, copies, executions: ran, eventsByExecutionCount: histogram };
	};
	const total = Object.values(runs).reduce((n, r) => n + r.count, 0);
	const figures = {
		pinned: { ...ofSet('pinned'), executionsAfterBurst: pinnedAfterBurst },
		spread: ofSet('spread'),
		posts: answers.length,
		statuses: [...new Set(answers.map((a) => a.status))],
		answered503DatabaseNotReady: notReady,
		failedExecutions: Object.values(runs).reduce((n, r) => n + r.failed, 0),
		burstSeconds,
		wallSeconds,
	};
	const text = JSON.stringify(figures);
	assert.deepEqual(figures.statuses, [200], `every post answered 200: ${text}`);
	assert.equal(figures.failedExecutions, 0, `every execution succeeded: ${text}`);
	assert.equal(total, answers.filter((a) => a.started).length, `n8n counts one execution per post answered as started: ${text}`);
	assert.equal(figures.pinned.eventsByExecutionCount[0] ?? 0, 0, `no pinned event lost: ${text}`);
	assert.equal(figures.spread.eventsByExecutionCount[0] ?? 0, 0, `no spread event lost: ${text}`);
	// Exact where docs/queue-mode.md promises it: one process handles the trigger's requests.
	assert.equal(figures.pinned.executionsAfterBurst, figures.pinned.uniqueEvents, `pinned: one execution per unique event: ${text}`);
	// A hand-over to another process and copies spread over two processes: the documented bound (measured
	// in queue mode 2.41.1: the record of seen events does not survive in static data, so another
	// process runs a copy again; docs/queue-mode.md). Every event runs, none more than twice.
	assert.ok(Math.max(...startsPerEvent.values()) <= 2, `an event ran more than twice: ${text}`);
	return figures;
}

function shuffle(list) {
	for (let i = list.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[list[i], list[j]] = [list[j], list[i]];
	}
	return list;
}

export { executions };
