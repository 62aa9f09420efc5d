#!/usr/bin/env node
// The trigger's test URL vs production URL in the REAL n8n application (not part of jest):
//
//   npm run build && npx tsc -p tsconfig.tools.json && node test/trigger/realN8nTestUrl.mjs [2.41.1|1.123.81]
//
// Needs the n8n cache (scripts/n8n-install.mjs). Starts the sandbox and n8n, then through n8n's REST API:
// "Listen for test event" with the default option while another callback URL is set (must fail and name
// it), with "take over" (test URL registered, a real inbound SMS runs the test, the previous URL is put
// back), then the same while the workflow is active (production URL borrowed and given back exactly),
// and deactivation (previous URL restored). Prints one line per step.
import { join } from 'node:path';
import { ensureN8n } from '../../scripts/n8n-install.mjs';
import { N8nRest, loadSandbox, makeTempDir, n8nCli, n8nEnv, startN8n, stopGroup, writeJson } from '../../scripts/n8n-runtime.mjs';
import { credentialFile, triggerWorkflow } from '../../e2e/workflows.mjs';
import { freePort, waitFor } from '../../e2e/harness.mjs';

const version = process.argv[2] ?? '2.41.1';
const PREVIOUS = 'https://example.org/previous-inbound';
const n8n = await ensureN8n(version);
const { startSandbox } = await loadSandbox();
const sandbox = await startSandbox({ clock: 'manual' });
const userFolder = makeTempDir('ip1-testurl-');
const port = await freePort();
const env = n8nEnv(n8n, { userFolder, port, extra: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
const hookFail = 'a1b2c3d4-0000-4000-8000-0000000000f1';
const hookTake = 'a1b2c3d4-0000-4000-8000-0000000000f2';
writeJson(join(userFolder, 'import', 'credentials.json'), credentialFile({ apiToken: sandbox.token, baseUrl: sandbox.url }));
writeJson(join(userFolder, 'import', 'workflows.json'), [
	triggerWorkflow('inboundFail00001', 'inbound fail', { webhookId: hookFail, parameters: { events: ['inboundSms'] } }),
	triggerWorkflow('inboundTake00001', 'inbound take', { webhookId: hookTake, parameters: { events: ['inboundSms'], ifCallbackUrlSet: 'takeOver' } }),
]);
for (const what of ['credentials', 'workflow']) {
	const r = await n8nCli(n8n, [`import:${what}`, '--input', join(userFolder, 'import', what === 'workflow' ? 'workflows.json' : 'credentials.json')], { env: cliEnv });
	if (r.code !== 0) throw new Error(r.stdout + r.stderr);
}
const setting = () => sandbox.control.state(sandbox.token).settings.IncomingCallbackUrl;
const log = (...a) => console.log('•', ...a);
const server = await startN8n(n8n, env, { logFile: join(userFolder, 'n8n.log') });
try {
	const rest = new N8nRest(server.baseUrl);
	await rest.ownerAndLogin();
	await fetch(`${sandbox.url}/v2/me/sms/settings/IncomingCallbackUrl`, { method: 'PUT', headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ value: PREVIOUS }) });
	const run = async (id) => {
		const { data: workflowData } = await rest.get(`/rest/workflows/${id}`);
		const body = version.startsWith('1.') ? { workflowData, triggerToStartFrom: { name: 'iP.1 SMS Trigger' } } : { triggerToStartFrom: { name: 'iP.1 SMS Trigger' } };
		return rest.post(`/rest/workflows/${id}/run`, body, { expect: null });
	};

	let r = await run('inboundFail00001');
	log('test with "fail" while another URL is set →', r.status, r.text.slice(0, 300));
	log('setting unchanged:', setting() === PREVIOUS);

	r = await run('inboundTake00001');
	log('test with "take over" →', r.status, r.text.slice(0, 200));
	log('setting now:', setting());
	const doc = await sandbox.control.injectInbound({ token: sandbox.token, from: '46712345678', body: 'test event' });
	await sandbox.control.settle();
	log('deliveries:', JSON.stringify(sandbox.control.webhookDeliveries.map((d) => [d.url.replace(/secret=.*/, 'secret=…'), d.status])));
	const restored = await waitFor('restore', () => (setting() === PREVIOUS ? true : null), { timeoutMs: 15000 }).catch(() => false);
	log('after the test event, setting restored to previous:', restored, setting());
	const filter = encodeURIComponent(JSON.stringify({ workflowId: 'inboundTake00001' }));
	const ex = await rest.get(`/rest/executions?filter=${filter}&limit=10`);
	const list = ex.json.data.results ?? ex.json.data;
	log('executions:', JSON.stringify(list.map((e) => [e.mode, e.status])), 'message', doc.id);

	// Production active, then a test with take over borrows and returns the callback.
	const { data: wf } = await rest.get('/rest/workflows/inboundTake00001');
	let a = await rest.post('/rest/workflows/inboundTake00001/activate', { versionId: wf.versionId }, { expect: null });
	if (a.status === 404) a = await rest.patch('/rest/workflows/inboundTake00001', { active: true, versionId: wf.versionId }, { expect: null });
	await waitFor('production registration', () => (setting()?.includes('/webhook/') ? true : null), { timeoutMs: 15000 });
	const production = setting();
	log('activated:', a.status, production.replace(/secret=.*/, 'secret=…'));
	r = await run('inboundTake00001');
	log('test while active →', r.status, 'setting:', setting().replace(/secret=.*/, 'secret=…'));
	await sandbox.control.injectInbound({ token: sandbox.token, from: '46712345678', body: 'second test' });
	await sandbox.control.settle();
	const back = await waitFor('production back', () => (setting() === production ? true : null), { timeoutMs: 15000 }).catch(() => false);
	log('production URL back exactly after the test:', back);
	await sandbox.control.injectInbound({ token: sandbox.token, from: '46712345678', body: 'production event' });
	await sandbox.control.settle();
	await new Promise((res) => setTimeout(res, 2000));
	const ex2 = await rest.get(`/rest/executions?filter=${filter}&limit=10`);
	log('executions now:', JSON.stringify((ex2.json.data.results ?? ex2.json.data).map((e) => [e.mode, e.status])));
	const d = await rest.post('/rest/workflows/inboundTake00001/deactivate', {}, { expect: null });
	const restored2 = await waitFor('restore 2', () => (setting() === PREVIOUS ? true : null), { timeoutMs: 15000 }).catch(() => false);
	log('deactivated:', d.status, 'previous restored:', restored2, setting());
} finally {
	await stopGroup(server.child);
	await sandbox.close();
}
