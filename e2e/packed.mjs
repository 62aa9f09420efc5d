// The package as users get it: `npm pack` makes the tarball (from the dist/ the e2e just built), which is
// installed into the n8n user folder's .n8n/nodes the way n8n's Community Nodes panel installs a package,
// and n8n starts WITHOUT N8N_CUSTOM_EXTENSIONS. n8n 1.85.4 (LoadNodesAndCredentials) and 2.41.1 (the
// community-packages module's node loaders) both load every `n8n-nodes-*` folder of
// <N8N_USER_FOLDER>/.n8n/nodes/node_modules at start, types named `<package>.<node>`.
//
// The panel of n8n 2.41.1 unpacks the tarball into nodes/node_modules/<package>, drops its
// devDependencies, peerDependencies and optionalDependencies, runs `npm install --ignore-scripts` there
// and records `"<package>": "<version>"` in nodes/package.json; 1.85.4's runs `npm install
// <package>@<version>` in nodes/ (after `npm init -y`). Here: a package.json in nodes/, then
// `npm install <tarball> --offline --legacy-peer-deps --ignore-scripts` (the package has no runtime
// dependencies, so nothing is fetched; its only peer, n8n-workflow, is n8n's own, as 2.41.1 arranges it
// by dropping peerDependencies), then the version recorded as 2.41.1 records it.
//
// Run by e2e/run.mjs for every version it runs in full, or alone: node e2e/packed.mjs [--n8n 1.85.4]
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { npmEnv } from '../scripts/n8n-install.mjs';
import { makeTempDir, repoRoot } from '../scripts/n8n-runtime.mjs';
import { Suite, assert, runAlone, waitFor } from './harness.mjs';
import { withN8n } from './n8nWorld.mjs';
import { ACTION_TYPE, chainWorkflow, credentialFile, webhookStart } from './workflows.mjs';

const run = promisify(execFile);
const PACKAGE = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
/** Types of a package installed in .n8n/nodes: `<package name>.<node name>`. */
const INSTALLED = { action: `${PACKAGE.name}.ip1Sms`, trigger: `${PACKAGE.name}.ip1SmsTrigger` };
const RECIPIENT = '46705900001';
const TEXT = 'Hej! Skickat med n8n-nodes-ip1sms installerat från sin tarball.';
const WORKFLOW_ID = 'e2ePackedSend01';

let packed;
/** `npm pack` of this checkout, once per process: the path of the .tgz. */
export async function packTarball() {
	if (packed) return packed;
	const dir = makeTempDir('ip1-e2e-pack-');
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repoRoot, env: npmEnv() });
	const [{ filename }] = JSON.parse(stdout);
	packed = join(dir, filename);
	return packed;
}

/** Installs the tarball into <userFolder>/.n8n/nodes (see the top of this file). Resolves nodes/. */
export async function installInNodesFolder(userFolder, tarball) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const manifest = join(nodesDir, 'package.json');
	writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	const flags = ['--no-audit', '--no-fund', '--ignore-scripts', '--offline', '--legacy-peer-deps', '--package-lock=false', '--bin-links=false'];
	await run('npm', ['install', tarball, ...flags], { cwd: nodesDir, env: npmEnv() });
	const installed = JSON.parse(readFileSync(manifest, 'utf8'));
	installed.dependencies[PACKAGE.name] = PACKAGE.version;
	writeFileSync(manifest, JSON.stringify(installed, null, 2));
	return nodesDir;
}

/** Webhook (POST /webhook/packed-send, answers with the last node's first item) → iP.1 SMS Send, as installed. */
function sendWorkflow() {
	const send = { resource: 'sms', operation: 'send', sender: { __rl: true, mode: 'name', value: 'iP1' }, recipients: RECIPIENT, message: TEXT };
	const workflow = chainWorkflow(WORKFLOW_ID, 'E2E send through the installed package', [{ name: 'Send', parameters: send }], {
		start: webhookStart(WORKFLOW_ID, 'packed-send', 'lastNode'),
	});
	return JSON.parse(JSON.stringify(workflow).replaceAll(`"${ACTION_TYPE}"`, `"${INSTALLED.action}"`));
}

export async function runPacked(version) {
	const suite = new Suite(`n8n ${version} installed from the tarball`);
	const options = { folder: 'packed', sandbox: { rateLimitPerSecond: 30, clock: 'manual' }, customExtensions: false };
	await withN8n(suite, version, options, async (world) => {
		const { home } = world;
		const tarball = await packTarball();
		let nodesDir;
		await suite.test(`npm install of the packed tarball (${tarball.split('/').pop()}) into the user folder's .n8n/nodes`, async () => {
			nodesDir = await installInNodesFolder(world.userFolder, tarball);
			const modules = readdirSync(join(nodesDir, 'node_modules')).filter((name) => !name.startsWith('.'));
			assert.deepEqual(modules, [PACKAGE.name], 'the package and nothing else: no runtime dependency, no peer copied in');
			const installed = JSON.parse(readFileSync(join(nodesDir, 'node_modules', PACKAGE.name, 'package.json'), 'utf8'));
			assert.equal(installed.version, PACKAGE.version);
			for (const file of [...installed.n8n.nodes, ...installed.n8n.credentials]) assert.ok(existsSync(join(nodesDir, 'node_modules', PACKAGE.name, file)), `${file} installed`);
			assert.equal(world.env.N8N_CUSTOM_EXTENSIONS, undefined, 'n8n is started without N8N_CUSTOM_EXTENSIONS');
		});
		await world.import({ credentials: credentialFile({ apiToken: home.token, baseUrl: home.url }), workflows: [sendWorkflow()] });
		const { rest } = await world.start();

		await suite.test(`n8n lists the installed nodes (${INSTALLED.action}, ${INSTALLED.trigger}) and the credential, none from a custom folder`, async () => {
			const nodes = (await rest.get('/types/nodes.json')).json.map((type) => type.name);
			assert.deepEqual(nodes.filter((name) => name.startsWith(`${PACKAGE.name}.`) && !/Tool$/.test(name)).sort(), [INSTALLED.action, INSTALLED.trigger]);
			assert.deepEqual(nodes.filter((name) => name.startsWith('CUSTOM.')), [], 'nothing loaded from N8N_CUSTOM_EXTENSIONS');
			const credentials = (await rest.get('/types/credentials.json')).json.map((type) => type.name);
			assert.ok(credentials.includes('ip1SmsApi'), 'the ip1SmsApi credential type is loaded');
		});

		await suite.test('a workflow sends an SMS through the installed node: the sandbox received exactly that SMS', async () => {
			await rest.activateWorkflow(WORKFLOW_ID);
			home.control.clearRequests();
			// n8n registers the webhook after activation answered: a 404 ("not registered") started nothing, ask again.
			const { res, text } = await waitFor('the webhook to be registered', async () => {
				const answer = await fetch(`${world.baseUrl}/webhook/packed-send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
				const body = await answer.text();
				return answer.status === 404 && /not registered/.test(body) ? null : { res: answer, text: body };
			}, { timeoutMs: 30_000 });
			assert.equal(res.status, 200, `POST /webhook/packed-send answered ${res.status}: ${text.slice(0, 500)}`);
			const output = JSON.parse(text);
			const posts = home.control.requests.filter((r) => r.method === 'POST' && r.path === '/v2/batches');
			assert.equal(posts.length, 1, 'one POST /v2/batches');
			const messages = home.control.state(home.token).messages;
			assert.deepEqual(messages.map((m) => [m.recipient, m.body]), [[RECIPIENT, TEXT]], 'the sandbox holds exactly that SMS');
			assert.equal(output.to, RECIPIENT);
			assert.equal(output.messageId, messages[0].id, `the node's output names the message: ${text.slice(0, 500)}`);
		});
	});
	return suite;
}

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(runPacked);
