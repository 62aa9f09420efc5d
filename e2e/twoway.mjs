// End-to-end tests of two-way SMS in the REAL n8n: SMS → Send and Wait for Response / for Delivery,
// the iP.1 SMS Trigger handing replies to waiting executions, a restart while waiting, the time
// limit, the answer link and the AI-agent human-review tool. Run by e2e/run.mjs for every version
// (its own n8n and sandbox), or alone: node e2e/twoway.mjs --n8n 2.41.1
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FLOOR_N8N_VERSION } from '../scripts/n8n-install.mjs';
import { Suite, assert, runAlone, waitFor } from './harness.mjs';
import { withN8n } from './n8nWorld.mjs';
import { ACTION_TYPE, CREDENTIAL, chainWorkflow, credentialFile, triggerWorkflow, webhookStart } from './workflows.mjs';

const TRIGGER_HOOK = 'a1b2c3d4-0000-4000-8000-0000000020a1';
const NUMBERS = { a: '46704000001', b: '46704000002', c: '46704000003', d: '46704000004', f: '46704000006', g: '46704000007', h: '46704000008' };
const MANY = Array.from({ length: 1000 }, (_, index) => `4673${String(index).padStart(7, '0')}`);

/** A workflow "Webhook (POST /webhook/<path>) → iP.1 SMS <operation>": each POST starts one execution that waits. */
function askWorkflow(id, path, parameters) {
	const start = webhookStart(id, path);
	const base = { resource: 'sms', sender: { __rl: true, mode: 'name', value: 'iP1' } };
	return chainWorkflow(id, `E2E ${id}`, [{ name: 'Ask', parameters: { ...base, ...parameters } }], { start });
}

const reply = (to, extra = {}) => ({ operation: 'sendAndWait', sendTo: to, message: 'Reply JA to confirm or NEJ to cancel.', responseType: 'approval', ...extra });

const WORKFLOWS = [
	['e2eAskA', 'ask-a', reply(NUMBERS.a)],
	['e2eAskB', 'ask-b', reply(NUMBERS.b, { responseType: 'freeText', message: 'Which day suits you?' })],
	['e2eAskC', 'ask-c', reply(NUMBERS.c)],
	['e2eAskD', 'ask-d', reply(NUMBERS.d, { options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.1, resumeUnit: 'minutes' } } } })],
	['e2eAskE', 'ask-e', { operation: 'sendAndWaitForDelivery', recipients: '46704000005, 46704000015', message: 'Your parcel is on its way.' }],
	// One recipient delivered well before the limit, one never final (test number …114): the limit's output is what iP.1 knows then.
	[
		'e2eAskLimit',
		'ask-limit',
		{
			operation: 'sendAndWaitForDelivery',
			recipients: '46704000017, 46700000114',
			message: 'Your parcel is on its way.',
			options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.25, resumeUnit: 'minutes' } } },
		},
	],
	['e2eAskF', 'ask-f', reply(NUMBERS.f, { options: { answerLink: true } })],
	// The question carries its own rules: keywords and hint from the item (issue 19, case 1).
	['e2eAskG', 'ask-g', reply(NUMBERS.g, { approvalOptions: { values: { approveKeywords: '={{ $json.body.yes }}', retryHint: '={{ $json.body.hint }}' } } })],
	['e2eAskH', 'ask-h', reply(NUMBERS.h)],
	['e2eAskI', 'ask-i', { operation: 'sendAndWaitForDelivery', recipients: '={{ $json.body.recipients }}', message: 'Your parcel is on its way.' }],
];

async function latestExecution(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = (await rest.get(`/rest/executions?filter=${filter}&limit=5`)).json;
	return (data.results ?? data)[0];
}

/** The same, or null while n8n answers 503 ("Database is not ready!" under a storm of delivery reports). */
async function latestExecutionOrNull(rest, workflowId) {
	try {
		return await latestExecution(rest, workflowId);
	} catch (error) {
		if (/answered 503/.test(String(error?.message))) return null;
		throw error;
	}
}

async function executionCount(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = (await rest.get(`/rest/executions?filter=${filter}&limit=100`)).json;
	return (data.results ?? data).length;
}

async function waitForStatus(rest, workflowId, status, timeoutMs = 30_000) {
	return await waitFor(`${workflowId} to be ${status}`, async () => {
		const execution = await latestExecutionOrNull(rest, workflowId);
		return execution?.status === status ? execution : null;
	}, { timeoutMs });
}

async function askOutput(rest, flatted, id) {
	const execution = (await rest.get(`/rest/executions/${id}`)).json.data;
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return data.resultData.runData.Ask.at(-1).data.main[0].map((item) => item.json);
}

async function startAsk(baseUrl, path, body = {}) {
	const res = await fetch(`${baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	await res.arrayBuffer();
	if (res.status !== 200) throw new Error(`POST /webhook/${path} answered ${res.status}`);
}

export async function runTwoWay(version, { smoke = false } = {}) {
	const suite = new Suite(`n8n ${version} two-way`, { smoke });
	// At most 20 webhook POSTs in flight, as a dispatcher with a connection pool sends (1,000 at once
	// exceed what n8n answers within the sandbox's 10 s attempt timeout on a small machine).
	const sandbox = { rateLimitPerSecond: 30, clock: 'manual', webhookConcurrency: 20 };
	await withN8n(suite, version, { folder: 'twoway', sandbox }, async (world) => {
		const { home } = world;
		await world.import({
			credentials: credentialFile({ apiToken: home.token, baseUrl: home.url }),
			workflows: [
				triggerWorkflow('e2eReplyTrig01', 'E2E inbound (reply route)', { webhookId: TRIGGER_HOOK, parameters: { events: ['inboundSms'] } }),
				...WORKFLOWS.map(([id, path, parameters]) => askWorkflow(id, path, parameters)),
			],
		});
		await world.start();
		let { rest } = world;
		const { flatted } = world;

		if (Number(version.split('.')[0]) >= 2) {
			await suite.test('the AI-agent human-review tool exists for the node (ip1SmsHitlTool, "Human in the Loop")', async () => {
				// The node types list the editor's node creator loads (n8n writes it to its user folder).
				const types = JSON.parse(readFileSync(join(world.userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json'), 'utf8'));
				const tool = types.find((type) => type.name === `${ACTION_TYPE}HitlTool`);
				assert.ok(tool, `no ${ACTION_TYPE}HitlTool among ${types.length} node types`);
				assert.equal(tool.displayName, 'iP.1 SMS');
				assert.deepEqual(tool.codex.subcategories.Tools, ['Human in the Loop']);
				const hidden = new Set(tool.properties.filter((p) => p.type === 'hidden').map((p) => `${p.name}=${p.default}`));
				assert.deepEqual([...hidden].sort(), ['operation=sendAndWait', 'resource=sms', 'responseType=approval']);
			});
		}

		for (const id of ['e2eReplyTrig01', ...WORKFLOWS.map(([wid]) => wid)]) await rest.activateWorkflow(id);
		await waitFor('IncomingCallbackUrl', () => home.control.state(home.token).settings.IncomingCallbackUrl?.includes(TRIGGER_HOOK), { timeoutMs: 30_000 });
		const inject = async (from, body) => {
			await home.control.injectInbound({ from, body });
			await home.control.settle();
		};
		const triggerRuns = () => executionCount(rest, 'e2eReplyTrig01');

		await suite.test('two executions wait on different numbers; each SMS reply resumes its own; a non-keyword gets the hint', async () => {
			await startAsk(world.baseUrl, 'ask-a');
			await startAsk(world.baseUrl, 'ask-b');
			const a = await waitForStatus(rest, 'e2eAskA', 'waiting');
			const b = await waitForStatus(rest, 'e2eAskB', 'waiting');
			await inject(NUMBERS.b, 'Torsdag efter 14');
			await waitForStatus(rest, 'e2eAskB', 'success');
			assert.deepEqual(pick(await askOutput(rest, flatted, b.id), ['timedOut', 'answeredBy', 'text', 'from']), [
				{ timedOut: false, answeredBy: 'sms', text: 'Torsdag efter 14', from: NUMBERS.b },
			]);
			assert.equal((await latestExecution(rest, 'e2eAskA')).status, 'waiting');
			await inject(NUMBERS.a, 'kanske');
			const hint = home.control.state(home.token).messages.filter((m) => m.recipient === NUMBERS.a && /answer YES or NO/.test(m.body));
			assert.equal(hint.length, 1, 'one hint SMS');
			assert.equal((await latestExecution(rest, 'e2eAskA')).status, 'waiting');
			await inject(NUMBERS.a, 'JA');
			await waitForStatus(rest, 'e2eAskA', 'success');
			const [out] = await askOutput(rest, flatted, a.id);
			assert.equal(out.approved, true);
			assert.equal(out.recipient, NUMBERS.a);
			assert.match(out.sentMessageId, /^[0-9a-f]{24}$/);
			assert.equal(await triggerRuns(), 0, 'the trigger workflow started nothing for replies');
			await inject('46709999999', 'Hej');
			await waitFor('the trigger run', async () => ((await triggerRuns()) === 1 ? true : null));
		}, { smoke: true });

		await suite.test('n8n restarts while an execution waits; the reply after the restart resumes it', async () => {
			await startAsk(world.baseUrl, 'ask-c');
			const c = await waitForStatus(rest, 'e2eAskC', 'waiting');
			rest = (await world.restart()).rest;
			await waitForStatus(rest, 'e2eAskC', 'waiting');
			await waitFor('the trigger webhook after the restart', async () => {
				const res = await fetch(`${world.baseUrl}/webhook/${TRIGGER_HOOK}/ip1sms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
				await res.arrayBuffer();
				return res.status !== 404 ? true : null;
			});
			await inject(NUMBERS.c, 'nej');
			await waitForStatus(rest, 'e2eAskC', 'success');
			const [out] = await askOutput(rest, flatted, c.id);
			assert.equal(out.approved, false);
			assert.equal(out.timedOut, false);
		});

		await suite.test('the time limit ends the wait with timedOut: true; a later reply starts the trigger workflow', async () => {
			const before = await triggerRuns();
			await startAsk(world.baseUrl, 'ask-d');
			const d = await waitForStatus(rest, 'e2eAskD', 'waiting');
			await waitForStatus(rest, 'e2eAskD', 'success', 120_000);
			assert.deepEqual(pick(await askOutput(rest, flatted, d.id), ['timedOut', 'approved', 'waitedSeconds']), [
				{ timedOut: true, approved: null, waitedSeconds: 6 },
			]);
			await inject(NUMBERS.d, 'JA');
			await waitFor('the late reply in the trigger workflow', async () => ((await triggerRuns()) === before + 1 ? true : null));
		});

		await suite.test('Send and Wait for Delivery resumes once both recipients have a final status', async () => {
			await startAsk(world.baseUrl, 'ask-e');
			const e = await waitForStatus(rest, 'e2eAskE', 'waiting');
			await home.control.advance(10_000);
			await waitForStatus(rest, 'e2eAskE', 'success');
			const out = await askOutput(rest, flatted, e.id);
			assert.deepEqual(out.map((item) => [item.recipient, item.outcome, item.timedOut]), [
				['46704000005', 'delivered', false],
				['46704000015', 'delivered', false],
			]);
		});

		await suite.test('Send and Wait for Delivery at its time limit outputs what iP.1 knows then: one delivered 10 s in, one pending', async () => {
			await startAsk(world.baseUrl, 'ask-limit');
			const limited = await waitForStatus(rest, 'e2eAskLimit', 'waiting');
			// The first recipient's reports (101 → … → 201) reach the waiting execution long before the 15 s limit.
			await home.control.advance(10_000);
			await waitForStatus(rest, 'e2eAskLimit', 'success', 150_000);
			const out = await askOutput(rest, flatted, limited.id);
			assert.deepEqual(out.map((item) => [item.recipient, item.outcome, item.timedOut]), [
				['46704000017', 'delivered', true],
				['46700000114', 'pending', true],
			]);
		});

		await suite.test('the answer link: opening it changes nothing, its form answers', async () => {
			await startAsk(world.baseUrl, 'ask-f');
			const f = await waitForStatus(rest, 'e2eAskF', 'waiting');
			const sms = home.control.state(home.token).messages.find((m) => m.recipient === NUMBERS.f && m.direction === 'mt');
			const link = sms.body.split('\n').pop();
			assert.match(link, new RegExp(`^${world.baseUrl}/webhook-waiting/${f.id}/`));
			const page = await fetch(link);
			assert.equal(page.status, 200);
			assert.match(await page.text(), /name="answer" value="yes"/);
			assert.equal((await latestExecution(rest, 'e2eAskF')).status, 'waiting');
			const answered = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'answer=yes' });
			assert.equal(answered.status, 200);
			await waitForStatus(rest, 'e2eAskF', 'success');
			assert.deepEqual(pick(await askOutput(rest, flatted, f.id), ['answeredBy', 'approved']), [{ answeredBy: 'link', approved: true }]);
		});

		await suite.test('keywords and hint given by expression from the item judge the reply (BEKRÄFTA, its own hint)', async () => {
			await startAsk(world.baseUrl, 'ask-g', { yes: 'BEKRÄFTA, OK', hint: 'Svara BEKRÄFTA eller NEJ.' });
			const g = await waitForStatus(rest, 'e2eAskG', 'waiting');
			await inject(NUMBERS.g, 'ja');
			const sent = () => home.control.state(home.token).messages.filter((m) => m.recipient === NUMBERS.g && m.direction === 'mt').map((m) => m.body);
			assert.ok(sent().includes('Svara BEKRÄFTA eller NEJ.'), `the item's hint was sent: ${JSON.stringify(sent())}`);
			assert.equal((await latestExecution(rest, 'e2eAskG')).status, 'waiting');
			await inject(NUMBERS.g, 'Bekräfta');
			await waitForStatus(rest, 'e2eAskG', 'success');
			assert.deepEqual(pick(await askOutput(rest, flatted, g.id), ['timedOut', 'approved', 'text']), [{ timedOut: false, approved: true, text: 'Bekräfta' }]);
		});

		await suite.test('25 other SMS to the number after the question: its "JA" still resumes it (reads counted)', async () => {
			await startAsk(world.baseUrl, 'ask-h');
			const h = await waitForStatus(rest, 'e2eAskH', 'waiting');
			for (let index = 0; index < 25; index++) {
				let res;
				// The account's 30 requests/s: a 429 is sent again after its Retry-After.
				for (let attempt = 0; attempt < 5 && res?.status !== 201 && res?.status !== 200; attempt++) {
					if (res) await new Promise((resolve) => setTimeout(resolve, 1100));
					res = await fetch(`${home.url.replace(/\/+$/, '')}/v2/batches`, {
						method: 'POST',
						headers: { authorization: `Bearer ${home.token}`, 'content-type': 'application/json' },
						body: JSON.stringify({ sender: 'iP1', recipients: [NUMBERS.h], body: `On call reminder ${index + 1}` }),
					});
					await res.arrayBuffer();
				}
				assert.ok(res.status < 300, `other SMS ${index + 1}: ${res.status}`);
			}
			// Requests the API took (a 429 refused under the account's 30/s after the 25 sends is no read).
			const taken = (path) => home.control.requests.filter((r) => r.method === 'GET' && path.test(r.path) && r.status !== 429).length;
			const conversationReads = () => taken(new RegExp(`/v2/conversations/${NUMBERS.h}/mt`));
			const batchReads = () => taken(/^\/v2\/batches\/[^/]+$/);
			const before = [conversationReads(), batchReads()];
			const triggerBefore = await triggerRuns();
			await inject(NUMBERS.h, 'JA');
			await waitForStatus(rest, 'e2eAskH', 'success');
			assert.deepEqual(pick(await askOutput(rest, flatted, h.id), ['timedOut', 'approved']), [{ timedOut: false, approved: true }]);
			assert.equal(await triggerRuns(), triggerBefore, 'the reply started no trigger run');
			const reads = { conversation: conversationReads() - before[0], batch: batchReads() - before[1] };
			process.stdout.write(`e2e two-way figures: reads for the reply after 25 other SMS ${JSON.stringify(reads)}\n`);
			assert.equal(reads.conversation, 1);
			assert.ok(reads.batch <= 1, `batch reads ${reads.batch}`);
		});

		await suite.test('Send and Wait for Delivery, 1,000 recipients: reports answered 200, reads ≤ 1 % of reports, one resume', async () => {
			await startAsk(world.baseUrl, 'ask-i', { recipients: MANY });
			const i = await waitForStatus(rest, 'e2eAskI', 'waiting', 120_000);
			const batch = home.control.state(home.token).batches.filter((b) => String(b.deliveryReportUrl ?? '').includes('ip1Wait=delivery')).at(-1);
			const reads = () => home.control.countRequests({ method: 'GET', path: `/v2/batches/${batch.id}/messages` });
			const readsBefore = reads();
			await home.control.advance(10_000);
			await home.control.settle();
			await waitForStatus(rest, 'e2eAskI', 'success', 300_000);
			const reports = home.control.webhookDeliveries.filter((d) => d.url === batch.deliveryReportUrl);
			const finals = reports.filter((d) => d.payload.code === 201);
			const lastFinalSent = Math.max(...finals.map((d) => d.answeredAt - d.ms));
			const execution = (await rest.get(`/rest/executions/${i.id}`)).json.data;
			const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
			const resumedAt = data.resultData.runData.Ask.at(-1).startTime;
			const times = reports.map((d) => d.ms).sort((a, b) => a - b);
			const figures = {
				reports: reports.length,
				answered200: reports.filter((d) => d.status === 200).length,
				other: [...new Set(reports.filter((d) => d.status !== 200).map((d) => d.status))],
				reads: reads() - readsBefore,
				answerMsMedian: times[Math.floor(times.length / 2)],
				answerMsP99: times[Math.floor(times.length * 0.99)],
				answerMsMax: times.at(-1),
				resumeLagMs: resumedAt - lastFinalSent,
			};
			process.stdout.write(`e2e two-way figures: 1,000-recipient delivery wait ${JSON.stringify(figures)}\n`);
			const out = await askOutput(rest, flatted, i.id);
			assert.equal(out.length, 1000);
			assert.ok(out.every((item) => item.outcome === 'delivered' && item.timedOut === false));
			assert.equal(figures.answered200, figures.reports, 'every report answered 200');
			assert.ok(figures.reads <= figures.reports / 100, `reads ${figures.reads}`);
			assert.ok(figures.resumeLagMs < 10_000, `resume lag ${figures.resumeLagMs} ms`);
		});
	}, { failName: 'setup' });
	return suite;
}

function pick(items, keys) {
	return items.map((item) => Object.fromEntries(keys.map((key) => [key, item[key]])));
}

/** Whether the version can run Send and Wait (signed resume URLs); older ones must only load the node. */
export function twoWaySupported(version) {
	return version !== FLOOR_N8N_VERSION;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(runTwoWay);
