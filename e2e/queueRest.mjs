// What the queue-mode e2e asks the main's REST API: (de)activation, executions and their data.
import { sleep } from '../scripts/n8n-runtime.mjs';
import { waitFor } from './harness.mjs';

/** n8n 2.x publishes a workflow with POST /activate and unpublishes with POST /deactivate. */
export async function setActive(rest, id, active) {
	const { data: workflow } = await rest.get(`/rest/workflows/${id}`);
	const path = `/rest/workflows/${id}/${active ? 'activate' : 'deactivate'}`;
	return (await rest.post(path, active ? { versionId: workflow.versionId } : {})).data;
}

/** Every execution of a workflow (newest first, paged by 100 with an opaque cursor). */
export async function executions(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const all = [];
	let cursor = '';
	for (;;) {
		const { data } = (await rest.get(`/rest/executions?filter=${filter}&limit=100${cursor}`)).json;
		const page = data.results ?? data;
		all.push(...page);
		if (page.length < 100 || !data.nextCursor) return all;
		cursor = `&cursor=${data.nextCursor}`;
	}
}

const UNFINISHED = ['new', 'running', 'waiting', 'unknown'];
const FAILED = ['error', 'crashed', 'canceled'];

/** How many executions a workflow has, optionally only those with one of `statuses` (one light request). */
export async function executionCount(rest, workflowId, statuses) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, ...(statuses ? { status: statuses } : {}) }));
	const { data } = (await rest.get(`/rest/executions?filter=${filter}&limit=1`)).json;
	if (typeof data.count !== 'number' || data.estimated) throw new Error(`n8n gave no exact execution count: ${JSON.stringify(data).slice(0, 300)}`);
	return data.count;
}

/**
 * Waits until a workflow has at least `atLeast` executions, their number has not changed for
 * `quietMs`, and none is unfinished. Returns { count, failed } as n8n counts them. Counts, not the
 * list: n8n 2.41's cursor paging repeats one execution and skips another at some page edges (seen:
 * 275 listed, 274 distinct, of 272 counted), and listing a thousand every second loads the main.
 */
export async function settledExecutions(rest, workflowId, { atLeast = 1, quietMs = 4000, timeoutMs = 300_000 } = {}) {
	let lastCount = -1;
	let stableSince = Date.now();
	let result;
	await waitFor(
		() => `executions of ${workflowId} to settle (${lastCount} so far)`,
		async () => {
			const count = await executionCount(rest, workflowId);
			if (count !== lastCount) {
				lastCount = count;
				stableSince = Date.now();
			}
			if (count < atLeast || Date.now() - stableSince < quietMs) return false;
			if ((await executionCount(rest, workflowId, UNFINISHED)) > 0) return false;
			result = { count, failed: await executionCount(rest, workflowId, FAILED) };
			return true;
		},
		{ timeoutMs, intervalMs: 1000 },
	);
	return result;
}

export async function executionData(rest, flatted, id) {
	const execution = (await rest.get(`/rest/executions/${id}`)).json.data;
	return typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
}

/**
 * Activation hands the webhooks to the database; the webhook processor finds them there. A GET to a
 * POST-only production webhook answers 404 either way, but names the method once the path is known.
 */
export async function waitForProductionWebhook(url, registered = true) {
	await waitFor(
		`${url} to be ${registered ? '' : 'un'}registered`,
		async () => {
			const res = await fetch(url, { method: 'GET' });
			const text = await res.text();
			const known = res.status !== 404 || /not registered for GET/i.test(text);
			return registered ? known : !known;
		},
		{ timeoutMs: 60_000, intervalMs: 500 },
	);
	await sleep(200);
}
